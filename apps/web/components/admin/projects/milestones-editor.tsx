"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { CheckCircle2, Pencil, Plus, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { MilestoneStatusBadge } from "@/components/badges";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { useToast } from "@/components/toaster";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Textarea } from "@/components/ui/input";
import { INVOICES_PATH } from "@/components/admin/billing/paths";
import { isApiError } from "@/lib/api/errors";
import type { Milestone, MilestoneStatus, Project } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import {
  BILLING_MODES,
  byPosition,
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

/** The moves that ask first: submitting notifies the client; "done" is final. */
const CONFIRM_MOVES = ["awaiting_approval", "done"] as const;
type ConfirmMove = (typeof CONFIRM_MOVES)[number];

function asksFirst(status: MilestoneStatus): status is ConfirmMove {
  return (CONFIRM_MOVES as readonly string[]).includes(status);
}

/** The button's words for a move: back to work from "awaiting approval" is withdrawing the request. */
function moveKey(from: MilestoneStatus, to: MilestoneStatus) {
  if (from === "awaiting_approval" && to === "in_progress") return "withdraw" as const;
  if (from === "late" && to === "in_progress") return "resume" as const;
  return to;
}

/** What a milestone bills on approval: "450 000 FCFA HT" or "30 % du devis accepté". */
function BillingLine({ milestone }: { milestone: Milestone }) {
  const t = useTranslations("admin.projects.milestones");
  const locale = useAppLocale();
  if (milestone.amount != null) return <>{t("bills.amount", { amount: formatMoney(milestone.amount, "XOF", locale) })}</>;
  if (milestone.quote_percent != null) return <>{t("bills.percent", { percent: milestone.quote_percent })}</>;
  return <>{t("bills.none")}</>;
}

/** The status buttons staff have on a milestone; submitting and finishing ask first. */
function StatusActions({ milestone }: { milestone: Milestone }) {
  const t = useTranslations("admin.projects.milestones");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const change = useMilestoneStatus();
  const [confirm, setConfirm] = useState<ConfirmMove | null>(null);
  const moves = milestoneMoves(milestone.status);
  if (moves.length === 0) return null;
  const billable = milestone.amount != null || milestone.quote_percent != null;

  const run = (status: MilestoneStatus) =>
    change.mutate(
      { id: milestone.id, status },
      {
        onSuccess: () => {
          setConfirm(null);
          toast.show("success", status === "awaiting_approval" ? t("submitted", { title: milestone.title }) : t("moved", { title: milestone.title, status: t(`status.${status}`) }));
        },
        onError: (error) => {
          setConfirm(null);
          toast.show("error", isApiError(error) && error.code === "invalid_transition" ? t("invalidMove") : errorMessage(error));
        },
      },
    );

  return (
    <div className="flex flex-wrap gap-2">
      {moves.map((status, index) => {
        const key = moveKey(milestone.status, status);
        return (
          <Button
            key={status}
            size="sm"
            // The next step stands out; flagging late and withdrawing a request do not.
            variant={index === 0 && status !== "late" && key !== "withdraw" ? "default" : "outline"}
            disabled={change.isPending}
            onClick={() => (asksFirst(status) ? setConfirm(status) : run(status))}
            aria-label={t("moveLabel", { action: t(`moves.${key}`), title: milestone.title })}
          >
            {status === "awaiting_approval" ? <Send aria-hidden="true" /> : status === "done" ? <CheckCircle2 aria-hidden="true" /> : null}
            {t(`moves.${key}`)}
          </Button>
        );
      })}
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t(`confirm.${confirm ?? "done"}.title`, { title: milestone.title })}
        description={
          <>
            {t(`confirm.${confirm ?? "done"}.text`)}
            {confirm === "awaiting_approval" ? (
              <>
                {" "}
                {billable ? (
                  <>
                    {t("confirm.awaiting_approval.billable")} <BillingLine milestone={milestone} />.
                  </>
                ) : (
                  t("confirm.awaiting_approval.notBillable")
                )}
              </>
            ) : null}
          </>
        }
        confirmLabel={t(`moves.${confirm ?? "done"}`)}
        cancelLabel={tc("cancel")}
        pending={change.isPending}
        onConfirm={() => confirm && run(confirm)}
      />
    </div>
  );
}

/** Where the client stands on it: submitted, approved (with its invoice), or changes asked for. */
function ApprovalFacts({ milestone }: { milestone: Milestone }) {
  const t = useTranslations("admin.projects.milestones");
  const locale = useAppLocale();
  const request = milestone.change_request;
  return (
    <>
      {milestone.status === "awaiting_approval" && milestone.submitted_at ? (
        <p className="text-sm text-muted-foreground">{t("submittedOn", { date: formatDate(milestone.submitted_at, locale) })}</p>
      ) : null}
      {milestone.approved_at ? (
        <p className="text-sm text-muted-foreground">
          {t("approvedBy", { date: formatDate(milestone.approved_at, locale), name: milestone.approved_by_name ?? t("theClient") })}
        </p>
      ) : null}
      {milestone.invoice_id ? (
        <Link href={`${INVOICES_PATH}/${milestone.invoice_id}`} className="inline-flex min-h-11 items-center self-start text-sm font-medium text-primary hover:underline">
          {t("invoice", { number: milestone.invoice_number ?? t("invoiceDraft") })}
        </Link>
      ) : null}
      {request ? (
        <Alert tone="warning" data-testid="change-request">
          <p className="font-medium">
            {t("changeRequest", { name: request.requested_by_name ?? t("theClient"), date: formatDate(request.requested_at, locale) })}
          </p>
          <p className="mt-1 whitespace-pre-wrap break-words">{request.comment}</p>
        </Alert>
      ) : null}
    </>
  );
}

function MilestoneRow({ milestone, index, projectId }: { milestone: Milestone; index: number; projectId: string }) {
  const t = useTranslations("admin.projects.milestones");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="py-3">
        <MilestoneForm projectId={projectId} milestone={milestone} defaults={milestoneFormValues(milestone)} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="flex flex-col gap-2 py-3" data-testid="milestone-row">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 items-start gap-3">
          <span className="mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold tabular-nums" aria-hidden="true">
            {index + 1}
          </span>
          <div className="flex min-w-0 flex-col gap-0.5">
            <span className="font-medium break-words">{milestone.title}</span>
            <span className="text-xs text-muted-foreground">
              {milestone.completed_at
                ? t("completedOn", { date: formatDate(milestone.completed_at, locale) })
                : milestone.due_date
                  ? tc("dueOn", { date: formatDate(milestone.due_date, locale) })
                  : tc("noDueDate")}
              {" · "}
              <BillingLine milestone={milestone} />
            </span>
          </div>
        </div>
        <span className="ml-auto flex items-center gap-2">
          <MilestoneStatusBadge status={milestone.status} />
          {milestone.status === "done" ? null : (
            <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label={t("editLabel", { title: milestone.title })}>
              <Pencil aria-hidden="true" />
              <span className="hidden sm:inline">{t("edit")}</span>
            </Button>
          )}
        </span>
      </div>
      <div className="flex flex-col gap-2 pl-9">
        {milestone.description ? <p className="text-sm whitespace-pre-wrap break-words text-muted-foreground">{milestone.description}</p> : null}
        <ApprovalFacts milestone={milestone} />
        <StatusActions milestone={milestone} />
      </div>
    </li>
  );
}

/** A project's milestones, in order, each editable in place; "Ajouter une étape" below them. */
export function MilestonesEditor({ project }: { project: Project }) {
  const t = useTranslations("admin.projects.milestones");
  const milestones = useProjectMilestones(project.id);
  const rows = useMemo(() => byPosition(milestones.data?.results ?? []), [milestones.data]);
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
                <MilestoneRow key={milestone.id} milestone={milestone} index={index} projectId={project.id} />
              ))}
            </ol>
          ) : null
        }
      </ListShell>
      {adding ? (
        <MilestoneForm projectId={project.id} defaults={emptyMilestoneForm(rows.length ? Math.max(...rows.map((m) => m.position)) + 1 : 0)} onDone={() => setAdding(false)} />
      ) : closed ? null : (
        <Button variant="outline" className="self-start" onClick={() => setAdding(true)} disabled={milestones.isPending}>
          <Plus aria-hidden="true" />
          {t("add")}
        </Button>
      )}
    </div>
  );
}
