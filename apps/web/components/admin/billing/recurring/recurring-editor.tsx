"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { Pause, Play, Save, Square } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Controller, useForm, useWatch, type Path, type Resolver } from "react-hook-form";
import { useQuery } from "@tanstack/react-query";
import { ClientPicker, ProjectPicker } from "@/components/admin/projects/pickers";
import { FormError, FormField, controlProps } from "@/components/form";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { adminApi } from "@/lib/api/admin";
import { isApiError } from "@/lib/api/errors";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { adminClientKeys } from "@/queries/admin-clients";
import type { BillingSettings } from "@/lib/api/types";
import { businessToday, documentFormSchema, lineInputs, mapServerErrors } from "../editor/document-form";
import { LinesCard } from "../editor/lines-editor";
import { useConflictMessage } from "../use-conflict-message";
import { RecurringStatusBadge } from "./recurring-list";
import {
  RHYTHMS,
  isEditable,
  parseDueDays,
  recurringFieldErrors,
  recurringPath,
  statusActions,
  toRecurringRequest,
  type Recurring,
  type RecurringFormValues,
} from "./recurring-form";
import { useRecurringStatus, useSaveRecurring } from "./recurring-queries";

/**
 * A recurring invoice's template: the billing editor's client, lines and live totals, with a
 * rhythm, a start date (today or later), an optional end and the days each invoice is due in.
 */
export function RecurringEditor({
  template,
  defaults,
  settings,
  clientName,
}: {
  template?: Recurring;
  defaults: RecurringFormValues;
  settings: BillingSettings;
  clientName?: string;
}) {
  const t = useTranslations("admin.billing.recurring");
  const te = useTranslations("admin.billing.editor");
  const tc = useTranslations("common");
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const conflictMessage = useConflictMessage();
  const save = useSaveRecurring();
  const [formError, setFormError] = useState<string>();
  const prefix = "recurring-editor";
  const today = businessToday();

  const resolver = useMemo(() => {
    const schema = documentFormSchema({
      clientRequired: te("errors.clientRequired"),
      labelRequired: te("errors.labelRequired"),
      quantity: te("errors.quantity"),
      unitPrice: te("errors.unitPrice"),
      taxRate: te("errors.taxRate"),
      percent: te("errors.percent"),
      endBeforeIssue: t("errors.endBeforeStart"),
      tooLong: (max) => te("errors.tooLong", { max }),
      tooManyLines: te("errors.tooManyLines"),
    });
    const base = zodResolver(schema) as unknown as Resolver<RecurringFormValues>;
    // The document's rules, then the template's own: a start today or later, due days from 0 to 365, a line at least.
    const recurring: Resolver<RecurringFormValues> = async (values, context, options) => {
      const result = await base(values, context, options);
      const errors: Record<string, { type: string; message: string }> = { ...(result.errors as Record<string, { type: string; message: string }>) };
      if (parseDueDays(values.due_days) === undefined) errors.due_days = { type: "custom", message: t("errors.dueDays") };
      if (!values.issue_date) errors.issue_date = { type: "custom", message: t("errors.startRequired") };
      else if (values.issue_date < businessToday()) errors.issue_date = { type: "custom", message: t("errors.startPast") };
      if (lineInputs(values.lines).items.length === 0 && !errors.lines) errors.lines = { type: "custom", message: t("errors.noLine") };
      // The document's schema knows nothing of the rhythm and due days: they come from the form as typed.
      return Object.keys(errors).length ? { values: {}, errors: errors as never } : { values: { ...values, ...result.values }, errors: {} };
    };
    return recurring;
  }, [t, te]);

  const form = useForm<RecurringFormValues>({ resolver, defaultValues: defaults, mode: "onTouched" });
  const errors = form.formState.errors;
  const clientId = useWatch({ control: form.control, name: "client_id" });
  const client = useQuery({
    queryKey: adminClientKeys.detail(clientId),
    queryFn: () => adminApi().clients.get(clientId),
    enabled: Boolean(clientId),
  });
  const currency = template?.currency ?? client.data?.currency ?? "XOF";

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    const { rows } = lineInputs(values.lines);
    try {
      const saved = await save.mutateAsync({ id: template?.id, body: toRecurringRequest(values) });
      toast.show("success", template ? t("saved") : t("created"));
      form.reset(values);
      router.push(recurringPath(saved.id));
    } catch (error) {
      if (isApiError(error) && error.status === 400) {
        const { fields, rest } = mapServerErrors(recurringFieldErrors(error.fieldErrors), rows);
        for (const [path, message] of Object.entries(fields)) form.setError(path as Path<RecurringFormValues>, { type: "server", message });
        if (error.fieldErrors.due_days) form.setError("due_days", { type: "server", message: error.fieldErrors.due_days.join(" ") });
        if (error.fieldErrors.rhythm) form.setError("rhythm", { type: "server", message: error.fieldErrors.rhythm.join(" ") });
        const general = [...error.generalErrors, ...rest];
        setFormError(general.length ? general.join(" ") : te("errors.fixFields"));
        return;
      }
      setFormError(conflictMessage(error) ?? errorMessage(error));
    }
  });

  const field = (name: "issue_date" | "end_date" | "due_days", label: string, hint: string, optional?: boolean) => {
    const id = `${prefix}-${name}`;
    const error = errors[name]?.message;
    return (
      <FormField id={id} label={label} error={error} hint={hint} optional={optional ? tc("optional") : undefined}>
        {name === "due_days" ? (
          <Input {...controlProps(id, error, hint)} inputMode="numeric" autoComplete="off" {...form.register(name)} />
        ) : (
          <Input {...controlProps(id, error, hint)} type="date" min={name === "issue_date" ? today : undefined} {...form.register(name)} />
        )}
      </FormField>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="recurring-editor">
      <Card>
        <CardHeader>
          <CardTitle>{te("sections.client")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="client_id"
            render={({ field: control, fieldState }) => (
              <FormField id={`${prefix}-client`} label={te("fields.client")} error={fieldState.error?.message}>
                <ClientPicker
                  {...controlProps(`${prefix}-client`, fieldState.error?.message)}
                  value={control.value}
                  selectedName={template?.client_name ?? clientName}
                  emptyLabel={te("fields.chooseClient")}
                  onChange={(id) => {
                    control.onChange(id);
                    form.setValue("project_id", "");
                  }}
                  onBlur={control.onBlur}
                />
              </FormField>
            )}
          />
          <Controller
            control={form.control}
            name="project_id"
            render={({ field: control, fieldState }) => (
              <FormField id={`${prefix}-project`} label={te("fields.project")} error={fieldState.error?.message} optional={tc("optional")}>
                <ProjectPicker
                  {...controlProps(`${prefix}-project`, fieldState.error?.message)}
                  clientId={clientId}
                  value={control.value}
                  emptyLabel={te("fields.noProject")}
                  noClientLabel={te("fields.chooseClientFirst")}
                  onChange={control.onChange}
                  onBlur={control.onBlur}
                />
              </FormField>
            )}
          />
          <FormField id={`${prefix}-title`} label={te("fields.title")} error={errors.title?.message} optional={tc("optional")} className="sm:col-span-2">
            <Input {...controlProps(`${prefix}-title`, errors.title?.message)} placeholder={t("titlePlaceholder")} {...form.register("title")} />
          </FormField>
        </CardContent>
      </Card>

      <LinesCard form={form} prefix={prefix} settings={settings} currency={currency} />

      <Card>
        <CardHeader>
          <CardTitle>{t("sections.schedule")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField id={`${prefix}-rhythm`} label={t("fields.rhythm")} error={errors.rhythm?.message}>
            <NativeSelect {...controlProps(`${prefix}-rhythm`, errors.rhythm?.message)} {...form.register("rhythm")}>
              {RHYTHMS.map((rhythm) => (
                <option key={rhythm} value={rhythm}>
                  {t(`rhythm.${rhythm}`)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          {field("due_days", t("fields.dueDays"), t("fields.dueDaysHint"))}
          {field("issue_date", t("fields.startDate"), t("fields.startDateHint"))}
          {field("end_date", t("fields.endDate"), t("fields.endDateHint"), true)}
          <FormField id={`${prefix}-terms`} label={te("fields.paymentTerms")} error={errors.payment_terms?.message} hint={te("fields.paymentTermsHint")} className="sm:col-span-2">
            <Textarea {...controlProps(`${prefix}-terms`, errors.payment_terms?.message, te("fields.paymentTermsHint"))} rows={3} {...form.register("payment_terms")} />
          </FormField>
          <FormField id={`${prefix}-notes`} label={te("fields.notes")} error={errors.notes?.message} hint={te("fields.notesHint")} optional={tc("optional")} className="sm:col-span-2">
            <Textarea {...controlProps(`${prefix}-notes`, errors.notes?.message, te("fields.notesHint"))} rows={3} {...form.register("notes")} />
          </FormField>
        </CardContent>
      </Card>

      <FormError message={formError} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button asChild variant="ghost">
          <Link href={template ? recurringPath(template.id) : "/admin/facturation/recurrentes"}>{tc("cancel")}</Link>
        </Button>
        <Button type="submit" disabled={save.isPending}>
          <Save aria-hidden="true" />
          {save.isPending ? tc("saving") : template ? t("actions.save") : t("actions.create")}
        </Button>
      </div>
    </form>
  );
}

type StatusAction = "paused" | "active" | "stopped";
const ICONS = { paused: Pause, active: Play, stopped: Square };

/** Next date, invoices issued, and Pause / Reprendre / Arrêter (each confirmed; stopping is final). */
export function RecurringStatusPanel({ template }: { template: Recurring }) {
  const t = useTranslations("admin.billing.recurring");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const change = useRecurringStatus();
  const [asked, setAsked] = useState<StatusAction | null>(null);
  const [error, setError] = useState<string>();

  const confirm = async () => {
    if (!asked) return;
    setError(undefined);
    try {
      await change.mutateAsync({ id: template.id, status: asked });
      toast.show("success", t(`statusDone.${asked}`));
    } catch (failure) {
      setError(isApiError(failure) && failure.status === 409 ? t("errors.invalidStatus") : errorMessage(failure));
    } finally {
      setAsked(null);
    }
  };

  return (
    <Card className="mb-4" data-testid="recurring-status-panel">
      <CardContent className="flex flex-col gap-4 pt-6 sm:flex-row sm:items-center sm:justify-between">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-xs text-muted-foreground">{t("columns.status")}</dt>
            <dd>
              <RecurringStatusBadge status={template.status} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{t("columns.nextDate")}</dt>
            <dd className="tabular-nums" data-testid="recurring-next">
              {template.next_date ? formatDate(template.next_date, locale) : "—"}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{t("columns.issued")}</dt>
            <dd className="tabular-nums">{template.periods_done}</dd>
          </div>
        </dl>
        <div className="flex flex-col gap-2 sm:flex-row">
          {statusActions(template.status).map((action) => {
            const Icon = ICONS[action];
            return (
              <Button key={action} type="button" variant={action === "stopped" ? "destructive" : "outline"} onClick={() => setAsked(action)}>
                <Icon aria-hidden="true" />
                {t(`actions.${action}`)}
              </Button>
            );
          })}
        </div>
      </CardContent>
      {error ? (
        <div className="px-6 pb-4">
          <FormError message={error} />
        </div>
      ) : null}
      {!isEditable(template.status) ? <p className="px-6 pb-4 text-sm text-muted-foreground">{t("notEditable")}</p> : null}
      <ConfirmDialog
        open={asked !== null}
        onOpenChange={(open) => !open && setAsked(null)}
        title={asked ? t(`confirm.${asked}.title`) : ""}
        description={asked ? t(`confirm.${asked}.text`) : ""}
        confirmLabel={asked ? t(`actions.${asked}`) : ""}
        cancelLabel={tc("cancel")}
        tone={asked === "stopped" ? "destructive" : "default"}
        pending={change.isPending}
        onConfirm={() => void confirm()}
      />
    </Card>
  );
}
