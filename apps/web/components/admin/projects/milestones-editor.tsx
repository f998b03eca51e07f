"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { CheckCircle2, Pencil, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { MilestoneStatusBadge } from "@/components/badges";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Textarea } from "@/components/ui/input";
import { isApiError } from "@/lib/api/errors";
import type { Milestone, MilestoneStatus, Project } from "@/lib/api/types";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import {
  BILLING_MODES,
  MILESTONE_FIELDS,
  emptyMilestoneForm,
  milestoneFormSchema,
  milestoneFormValues,
  milestoneMoves,
  toMilestoneCreate,
  toMilestoneUpdate,
  type MilestoneFormValues,
} from "./milestone-schema";
import { useMilestoneStatus, useProjectMilestones, useSaveMilestone } from "./queries";

/** Title, description, date, order and what it bills on approval: adds a milestone, or changes `milestone`. */
function MilestoneForm({
  projectId,
  milestone,
  defaults,
  onDone,
}: {
  projectId: string;
  milestone?: Milestone;
  defaults: MilestoneFormValues;
  onDone: () => void;
}) {
  const t = useTranslations("admin.projects.milestones");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const save = useSaveMilestone(milestone?.id);
  const [formError, setFormError] = useState<string>();
  const schema = useMemo(
    () =>
      milestoneFormSchema({
        titleRequired: t("errors.titleRequired"),
        tooLong: (max) => t("errors.tooLong", { max }),
        position: t("errors.position"),
        amount: t("errors.amount"),
        percent: t("errors.percent"),
      }),
    [t],
  );
  const form = useForm<MilestoneFormValues>({ resolver: zodResolver(schema), defaultValues: defaults });
  const errors = form.formState.errors;
  const billing = useWatch({ control: form.control, name: "billing" });
  const prefix = milestone ? `milestone-${milestone.id}` : "milestone-new";

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await save.mutateAsync(milestone ? toMilestoneUpdate(values) : toMilestoneCreate(values, projectId));
      toast.show("success", milestone ? t("updated") : t("created", { title: values.title.trim() }));
      onDone();
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, MILESTONE_FIELDS, errorMessage));
    }
  });

  const field = (name: "title" | "due_date" | "position", props: React.ComponentProps<"input"> & { optional?: boolean; hint?: string } = {}) => {
    const { optional, hint, ...inputProps } = props;
    const id = `${prefix}-${name}`;
    const error = errors[name]?.message;
    return (
      <FormField id={id} label={t(`fields.${name}`)} error={error} hint={hint} optional={optional ? tc("optional") : undefined}>
        <Input {...controlProps(id, error, hint)} {...form.register(name)} {...inputProps} />
      </FormField>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 rounded-lg border bg-background p-4 sm:grid-cols-2" data-testid="milestone-form">
      <div className="sm:col-span-2">{field("title")}</div>
      <FormField id={`${prefix}-description`} label={t("fields.description")} optional={tc("optional")} error={errors.description?.message} className="sm:col-span-2">
        <Textarea {...controlProps(`${prefix}-description`, errors.description?.message)} {...form.register("description")} rows={3} />
      </FormField>
      {field("due_date", { type: "date", optional: true })}
      {field("position", { inputMode: "numeric", hint: t("fields.positionHint") })}
      <fieldset className="flex flex-col gap-2 sm:col-span-2">
        <legend className="mb-1 text-sm font-medium">{t("fields.billing")}</legend>
        <div className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-x-4">
          {BILLING_MODES.map((mode) => (
            <label key={mode} className="flex min-h-11 items-center gap-2 text-sm">
              <input type="radio" value={mode} className="size-5 accent-[var(--primary)]" {...form.register("billing")} />
              {t(`billing.${mode}`)}
            </label>
          ))}
        </div>
        {billing === "amount" ? (
          <FormField id={`${prefix}-amount`} label={t("fields.amount")} error={errors.amount?.message} hint={t("fields.amountHint")}>
            <Input {...controlProps(`${prefix}-amount`, errors.amount?.message, t("fields.amountHint"))} inputMode="numeric" autoComplete="off" placeholder="450 000" {...form.register("amount")} />
          </FormField>
        ) : null}
        {billing === "percent" ? (
          <FormField id={`${prefix}-quote_percent`} label={t("fields.quote_percent")} error={errors.quote_percent?.message} hint={t("fields.percentHint")}>
            <Input
              {...controlProps(`${prefix}-quote_percent`, errors.quote_percent?.message, t("fields.percentHint"))}
              inputMode="numeric"
              autoComplete="off"
              placeholder="30"
              {...form.register("quote_percent")}
            />
          </FormField>
        ) : null}
      </fieldset>
      <div className="sm:col-span-2">
        <FormError message={formError} />
      </div>
      <div className="flex flex-col-reverse gap-2 sm:col-span-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? tc("saving") : milestone ? tc("save") : t("add")}
        </Button>
      </div>
    </form>
  );
}

/** The moves that ask first: "done" is final. */
const CONFIRM_MOVES = ["done"] as const;
type ConfirmMove = (typeof CONFIRM_MOVES)[number];

function asksFirst(status: MilestoneStatus): status is ConfirmMove {
  return (CONFIRM_MOVES as readonly string[]).includes(status);
}

/** The status buttons staff have on a milestone; the final ones ask first. */
function StatusActions({ milestone }: { milestone: Milestone }) {
  const t = useTranslations("admin.projects.milestones");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const change = useMilestoneStatus();
  const [confirm, setConfirm] = useState<ConfirmMove | null>(null);
  const moves = milestoneMoves(milestone.status);
  if (moves.length === 0) return null;

  const run = (status: MilestoneStatus) =>
    change.mutate(
      { id: milestone.id, status },
      {
        onSuccess: () => {
          setConfirm(null);
          toast.show("success", t("moved", { title: milestone.title, status: t(`status.${status}`) }));
        },
        onError: (error) => {
          setConfirm(null);
          toast.show("error", isApiError(error) && error.code === "invalid_transition" ? t("invalidMove") : errorMessage(error));
        },
      },
    );

  return (
    <div className="flex flex-wrap gap-2">
      {moves.map((status) => (
        <Button
          key={status}
          size="sm"
          variant={asksFirst(status) ? "default" : "outline"}
          disabled={change.isPending}
          onClick={() => (asksFirst(status) ? setConfirm(status) : run(status))}
          aria-label={t("moveLabel", { action: t(`moves.${status}`), title: milestone.title })}
        >
          {status === "done" ? <CheckCircle2 aria-hidden="true" /> : null}
          {t(`moves.${status}`)}
        </Button>
      ))}
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t(`confirm.${confirm ?? "done"}.title`, { title: milestone.title })}
        description={t(`confirm.${confirm ?? "done"}.text`)}
        confirmLabel={t(`moves.${confirm ?? "done"}`)}
        cancelLabel={tc("cancel")}
        pending={change.isPending}
        onConfirm={() => confirm && run(confirm)}
      />
    </div>
  );
}

function MilestoneRow({ milestone, position, projectId }: { milestone: Milestone; position: number; projectId: string }) {
  const t = useTranslations("admin.projects.milestones");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="py-3">
        <MilestoneForm projectId={projectId} milestone={milestone} defaults={milestoneFormValues(milestone, position)} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="flex flex-col gap-2 py-3" data-testid="milestone-row">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 items-start gap-3">
          <span className="mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold tabular-nums" aria-hidden="true">
            {position + 1}
          </span>
          <div className="flex min-w-0 flex-col gap-0.5">
            <span className="font-medium break-words">{milestone.title}</span>
            <span className="text-xs text-muted-foreground">
              {milestone.completed_at
                ? t("completedOn", { date: formatDate(milestone.completed_at, locale) })
                : milestone.due_date
                  ? tc("dueOn", { date: formatDate(milestone.due_date, locale) })
                  : tc("noDueDate")}
            </span>
          </div>
        </div>
        <span className="flex items-center gap-2">
          <MilestoneStatusBadge status={milestone.status} />
          <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label={t("editLabel", { title: milestone.title })}>
            <Pencil aria-hidden="true" />
            <span className="hidden sm:inline">{t("edit")}</span>
          </Button>
        </span>
      </div>
      {milestone.description ? <p className={cn("pl-9 text-sm whitespace-pre-wrap break-words text-muted-foreground")}>{milestone.description}</p> : null}
      <div className="pl-9">
        <StatusActions milestone={milestone} />
      </div>
    </li>
  );
}

/** A project's milestones, in order, each editable in place; "Ajouter une étape" below them. */
export function MilestonesEditor({ project }: { project: Project }) {
  const t = useTranslations("admin.projects.milestones");
  const milestones = useProjectMilestones(project.id);
  const rows = milestones.data?.results ?? [];
  const [adding, setAdding] = useState(false);
  const closed = project.status === "completed" || project.status === "cancelled";
  return (
    <div className="flex flex-col gap-3">
      <ListShell
        query={milestones}
        items={rows}
        skeleton={<SkeletonRows count={3} row="h-12" />}
        empty={adding ? undefined : { text: closed ? t("emptyClosed") : t("empty") }}
      >
        {(list) =>
          list.length ? (
            <ol className="divide-y" data-testid="milestones">
              {list.map((milestone, index) => (
                <MilestoneRow key={milestone.id} milestone={milestone} position={index} projectId={project.id} />
              ))}
            </ol>
          ) : null
        }
      </ListShell>
      {adding ? (
        <MilestoneForm projectId={project.id} defaults={emptyMilestoneForm(rows.length)} onDone={() => setAdding(false)} />
      ) : closed ? null : (
        <Button variant="outline" className="self-start" onClick={() => setAdding(true)} disabled={milestones.isPending}>
          <Plus aria-hidden="true" />
          {t("add")}
        </Button>
      )}
    </div>
  );
}
