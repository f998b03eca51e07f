"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm, type Path } from "react-hook-form";
import { boolean, enum as zEnum, object, refine, string, type infer as ZodInfer } from "zod/mini";
import { ClientPicker } from "@/components/admin/projects/pickers";
import { FormError, FormField, controlProps } from "@/components/form";
import { SkeletonRows } from "@/components/list-shell";
import { ErrorState } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Switch } from "@/components/admin/forms/switch";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, NativeSelect } from "@/components/ui/input";
import { isApiError } from "@/lib/api/errors";
import { formatDateTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { DURATION_UNITS, durationFromMinutes, minutesFromDuration, shortDuration } from "./durations";
import {
  SLA_PRIORITIES,
  useRemoveSlaPolicy,
  useSaveSlaPolicy,
  useSlaPolicies,
  type SlaPolicy,
  type SlaPolicyWrite,
  type SlaPriority,
} from "./queries";

const CLOCKS = ["first_response", "resolution"] as const;
type Clock = (typeof CLOCKS)[number];

function useSchema() {
  const t = useTranslations("admin.support-settings.policies");
  const duration = object({ amount: string(), unit: zEnum(DURATION_UNITS) }).check(
    refine((value) => minutesFromDuration(value) !== null, { message: t("errors.duration"), path: ["amount"] }),
  );
  const targets = object({ first_response: duration, resolution: duration });
  return object({
    counting: zEnum(["business_hours", "calendar_hours"]),
    pause_while_waiting: boolean(),
    urgent: targets,
    high: targets,
    normal: targets,
    low: targets,
  });
}
type Values = ZodInfer<ReturnType<typeof useSchema>>;

function toValues(policy: SlaPolicy): Values {
  const targets = (priority: SlaPriority) => ({
    first_response: durationFromMinutes(policy[priority].first_response_minutes),
    resolution: durationFromMinutes(policy[priority].resolution_minutes),
  });
  return {
    counting: policy.counting,
    pause_while_waiting: policy.pause_while_waiting,
    urgent: targets("urgent"),
    high: targets("high"),
    normal: targets("normal"),
    low: targets("low"),
  };
}

function toRequest(values: Values): SlaPolicyWrite {
  const targets = (priority: SlaPriority) => ({
    first_response_minutes: minutesFromDuration(values[priority].first_response) ?? 0,
    resolution_minutes: minutesFromDuration(values[priority].resolution) ?? 0,
  });
  return {
    counting: values.counting,
    pause_while_waiting: values.pause_while_waiting,
    urgent: targets("urgent"),
    high: targets("high"),
    normal: targets("normal"),
    low: targets("low"),
  };
}

/** The API names a target's error `urgent.resolution_minutes`; the form's field is `urgent.resolution.amount`. */
export function formFieldOfApiError(field: string): string | null {
  const match = /^(urgent|high|normal|low)\.(first_response|resolution)_minutes$/.exec(field);
  if (match) return `${match[1]}.${match[2]}.amount`;
  return field === "counting" || field === "pause_while_waiting" ? field : null;
}

/** The targets of a policy as a table: priorities down, the two clocks across. */
function TargetsTable({ policy, caption }: { policy: SlaPolicy; caption: string }) {
  const t = useTranslations("admin.support-settings.policies");
  const units = { day: t("units.short.days"), hour: t("units.short.hours"), minute: t("units.short.minutes") };
  return (
    <table className="w-full max-w-2xl text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b text-left text-xs text-muted-foreground">
          <th scope="col" className="py-1.5 pr-2 font-medium">
            {t("priority")}
          </th>
          {CLOCKS.map((clock) => (
            <th key={clock} scope="col" className="py-1.5 pr-2 font-medium">
              {t(`clocks.${clock}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {SLA_PRIORITIES.map((priority) => (
          <tr key={priority} className="border-b last:border-0">
            <th scope="row" className="py-1.5 pr-2 text-left font-medium">
              {t(`priorities.${priority}`)}
            </th>
            <td className="py-1.5 pr-2 tabular-nums">{shortDuration(policy[priority].first_response_minutes, units)}</td>
            <td className="py-1.5 pr-2 tabular-nums">{shortDuration(policy[priority].resolution_minutes, units)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DurationField({ form, priority, clock, idPrefix }: { form: ReturnType<typeof useForm<Values>>; priority: SlaPriority; clock: Clock; idPrefix: string }) {
  const t = useTranslations("admin.support-settings.policies");
  const id = `${idPrefix}-${priority}-${clock}`;
  const error = form.formState.errors[priority]?.[clock]?.amount?.message;
  const label = t(`clocks.${clock}`);
  return (
    <FormField id={id} label={label} error={error}>
      <div className="flex gap-2">
        <Input
          {...controlProps(id, error)}
          {...form.register(`${priority}.${clock}.amount`)}
          inputMode="decimal"
          autoComplete="off"
          className="w-24"
          aria-label={t("targetLabel", { clock: label, priority: t(`priorities.${priority}`) })}
        />
        <NativeSelect
          {...form.register(`${priority}.${clock}.unit`)}
          className="w-auto min-w-28"
          aria-label={t("unitLabel", { clock: label, priority: t(`priorities.${priority}`) })}
        >
          {DURATION_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {t(`units.${unit}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
    </FormField>
  );
}

/** A policy's form: how time counts, the pause, then both targets of each priority. */
function PolicyForm({
  initial,
  clientId,
  idPrefix,
  onSaved,
  onCancel,
  extra,
  requireClient,
}: {
  initial: SlaPolicy;
  clientId: string | null;
  idPrefix: string;
  onSaved: () => void;
  onCancel: () => void;
  extra?: React.ReactNode;
  requireClient?: string;
}) {
  const t = useTranslations("admin.support-settings.policies");
  const tc = useTranslations("common");
  const errorMessage = useErrorMessage();
  const save = useSaveSlaPolicy();
  const [formError, setFormError] = useState<string>();
  const form = useForm<Values>({ resolver: zodResolver(useSchema()), defaultValues: toValues(initial) });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    if (requireClient !== undefined && !clientId) {
      setFormError(requireClient);
      return;
    }
    try {
      await save.mutateAsync({ clientId, body: toRequest(values) });
      onSaved();
    } catch (error) {
      if (isApiError(error) && Object.keys(error.fieldErrors).length > 0) {
        const rest: string[] = [...error.generalErrors];
        for (const [field, messages] of Object.entries(error.fieldErrors)) {
          const target = formFieldOfApiError(field);
          if (target) form.setError(target as Path<Values>, { type: "server", message: messages.join(" ") });
          else rest.push(...messages);
        }
        setFormError(rest.join(" ") || undefined);
      } else {
        setFormError(errorMessage(error));
      }
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="sla-policy-form">
      {extra}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("counting.label")}</legend>
        {(["business_hours", "calendar_hours"] as const).map((counting) => (
          <label key={counting} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border p-3 has-[:checked]:border-primary">
            <input type="radio" value={counting} {...form.register("counting")} className="mt-0.5 size-5 accent-primary" />
            <span className="flex flex-col">
              <span className="text-sm font-medium">{t(`counting.${counting}`)}</span>
              <span className="text-xs text-muted-foreground">{t(`counting.${counting}Hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Controller
        control={form.control}
        name="pause_while_waiting"
        render={({ field }) => (
          <div className="flex items-start gap-3">
            <Switch
              id={`${idPrefix}-pause`}
              checked={field.value}
              onCheckedChange={field.onChange}
              aria-describedby={`${idPrefix}-pause-hint`}
              className="mt-0.5"
            />
            <span className="flex flex-col">
              <label htmlFor={`${idPrefix}-pause`} className="text-sm font-medium">
                {t("pause")}
              </label>
              <span id={`${idPrefix}-pause-hint`} className="text-xs text-muted-foreground">
                {t("pauseHint")}
              </span>
            </span>
          </div>
        )}
      />
      <div className="grid gap-3 lg:grid-cols-2">
        {SLA_PRIORITIES.map((priority) => (
          <fieldset key={priority} className="rounded-md border p-3" data-testid={`targets-${priority}`}>
            <legend className="px-1 text-sm font-semibold">{t(`priorities.${priority}`)}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {CLOCKS.map((clock) => (
                <DurationField key={clock} form={form} priority={priority} clock={clock} idPrefix={idPrefix} />
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      <p className="text-sm text-muted-foreground">{t("appliesNext")}</p>
      <FormError message={formError} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel} disabled={save.isPending}>
          {tc("cancel")}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}

/** One policy: its summary, or its form while editing. */
function PolicyCard({
  policy,
  canEdit,
  onSaved,
  onRemove,
}: {
  policy: SlaPolicy;
  canEdit: boolean;
  onSaved: (name: string) => void;
  onRemove?: () => void;
}) {
  const t = useTranslations("admin.support-settings.policies");
  const locale = useAppLocale();
  const [editing, setEditing] = useState(false);
  const isDefault = !policy.client_id;
  const title = isDefault ? t("defaultTitle") : (policy.client_name ?? t("clientFallback"));
  const idPrefix = isDefault ? "sla-default" : `sla-${policy.client_id}`;
  return (
    <Card aria-labelledby={`${idPrefix}-title`} data-testid={isDefault ? "sla-policy-default" : "sla-policy-client"}>
      <CardHeader className="flex-wrap items-center">
        <div className="min-w-0">
          <CardTitle id={`${idPrefix}-title`}>{title}</CardTitle>
          <p className="mt-0.5 text-xs text-muted-foreground">
            {isDefault ? t("defaultHint") : t("clientHint")}
            {" · "}
            {policy.set_at ? t("setAt", { date: formatDateTime(policy.set_at, locale) }) : t("builtIn")}
          </p>
        </div>
        {canEdit && !editing ? (
          <div className="flex gap-1">
            <Button variant="outline" size="sm" onClick={() => setEditing(true)} aria-label={t("editOf", { name: title })}>
              <Pencil aria-hidden="true" />
              {t("edit")}
            </Button>
            {onRemove ? (
              <Button variant="ghost" size="sm" className="text-destructive" onClick={onRemove} aria-label={t("removeOf", { name: title })}>
                <Trash2 aria-hidden="true" />
                {t("remove")}
              </Button>
            ) : null}
          </div>
        ) : null}
      </CardHeader>
      <CardContent>
        {editing ? (
          <PolicyForm
            initial={policy}
            clientId={policy.client_id ?? null}
            idPrefix={idPrefix}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              onSaved(title);
            }}
          />
        ) : (
          <div className="flex flex-col gap-2">
            <p className="text-sm">
              {t(`counting.${policy.counting}`)}
              {" · "}
              {policy.pause_while_waiting ? t("pausedWhileWaiting") : t("notPaused")}
            </p>
            <TargetsTable policy={policy} caption={t("tableCaption", { name: title })} />
          </div>
        )}
      </CardContent>
    </Card>
  );
}

/** A new client policy: the client, then the form, starting from the default's targets. */
function NewClientPolicy({ base, taken, onSaved, onCancel }: { base: SlaPolicy; taken: Set<string>; onSaved: (name: string) => void; onCancel: () => void }) {
  const t = useTranslations("admin.support-settings.policies");
  const [client, setClient] = useState<{ id: string; name: string }>({ id: "", name: "" });
  const clientTaken = client.id !== "" && taken.has(client.id);
  return (
    <Card aria-labelledby="sla-new-title" data-testid="sla-policy-new">
      <CardHeader>
        <CardTitle id="sla-new-title">{t("newTitle")}</CardTitle>
      </CardHeader>
      <CardContent>
        <PolicyForm
          initial={{ ...base, id: null, client_id: null, set_at: null }}
          clientId={client.id || null}
          idPrefix="sla-new"
          requireClient={t("errors.client")}
          onCancel={onCancel}
          onSaved={() => onSaved(client.name)}
          extra={
            <FormField id="sla-new-client" label={t("client")} hint={clientTaken ? t("clientTaken") : undefined}>
              <ClientPicker
                id="sla-new-client"
                value={client.id}
                onChange={(id, name) => setClient({ id, name })}
                emptyLabel={t("chooseClient")}
                aria-describedby={clientTaken ? "sla-new-client-hint" : undefined}
              />
            </FormField>
          }
        />
      </CardContent>
    </Card>
  );
}

/** « Politiques SLA »: everyone's policy and the clients' own; admins change them, staff read. */
export function SlaPolicies({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("admin.support-settings.policies");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const policies = useSlaPolicies();
  const remove = useRemoveSlaPolicy();
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [removing, setRemoving] = useState<SlaPolicy | null>(null);

  if (policies.isPending) return <SkeletonRows count={3} row="h-40" />;
  if (policies.isError) return <ErrorState error={policies.error} onRetry={() => policies.refetch()} />;
  const { default: fallback, clients } = policies.data;
  const onSaved = (name: string) => {
    setAdding(false);
    setSaved(name);
  };

  return (
    <div className="flex flex-col gap-4">
      <Alert tone="info">{t("rule")}</Alert>
      {saved !== null ? (
        <Alert tone="success" data-testid="sla-saved-notice">
          <strong className="font-semibold">{t("saved", { name: saved })}</strong> {t("appliesNext")}
        </Alert>
      ) : null}
      <PolicyCard policy={fallback} canEdit={canEdit} onSaved={onSaved} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-base font-semibold">{t("clientsTitle")}</h3>
        {canEdit && !adding ? (
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            {t("add")}
          </Button>
        ) : null}
      </div>
      {adding ? (
        <NewClientPolicy
          base={fallback}
          taken={new Set(clients.map((policy) => policy.client_id ?? ""))}
          onSaved={onSaved}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {clients.length === 0 ? (
        <p className={cn("rounded-md border border-dashed p-4 text-sm text-muted-foreground")}>{t("clientsEmpty")}</p>
      ) : (
        clients.map((policy) => (
          <PolicyCard key={policy.client_id} policy={policy} canEdit={canEdit} onSaved={onSaved} onRemove={() => setRemoving(policy)} />
        ))
      )}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => (open ? undefined : setRemoving(null))}
        title={t("removeTitle", { name: removing?.client_name ?? "" })}
        description={t("removeText")}
        confirmLabel={t("removeConfirm")}
        cancelLabel={tc("cancel")}
        tone="destructive"
        pending={remove.isPending}
        onConfirm={async () => {
          if (!removing?.client_id) return;
          try {
            await remove.mutateAsync(removing.client_id);
            toast.show("success", t("removed", { name: removing.client_name ?? "" }));
            setSaved(null);
            setRemoving(null);
          } catch (error) {
            toast.show("error", errorMessage(error));
          }
        }}
      />
    </div>
  );
}
