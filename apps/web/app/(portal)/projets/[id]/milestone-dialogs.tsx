"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/input";
import { isApiError } from "@/lib/api/errors";
import type { Milestone } from "@/lib/api/types";
import { formatMoney } from "@/lib/format";
import { milestoneBilling } from "@/lib/milestones";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { text, type Infer, z } from "@/lib/validation";
import { useApproveMilestone, useRequestMilestoneChanges } from "@/queries/milestone-approval";

export type MilestoneDecision = "approve" | "changes";

/**
 * A 409 means someone answered first (`already_approved`) or NOURX took the milestone back
 * (`not_awaiting_approval`): the lists are fetched again, so say it where it stays visible.
 */
function useConflictMessage() {
  const t = useTranslations("approval");
  return (error: unknown): string | null => {
    if (!isApiError(error) || error.status !== 409) return null;
    return error.code === "already_approved" ? t("alreadyApproved") : t("notAwaiting");
  };
}

/** "Valider": a confirmation that says what will be billed; then straight to the invoice it sent. */
function ApproveDialog({ milestone, onClose }: { milestone: Milestone; onClose: () => void }) {
  const t = useTranslations("approval");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const conflict = useConflictMessage();
  const approve = useApproveMilestone(milestone.id);
  const billing = milestoneBilling(milestone);

  const run = async () => {
    try {
      const { milestone: approved, invoice_id: invoiceId } = await approve.mutateAsync();
      onClose();
      if (invoiceId) {
        toast.show("success", t("approvedInvoice", { number: approved.invoice_number ?? "" }));
        router.push(`/factures/${invoiceId}`);
      } else {
        toast.show("success", t("approved"));
      }
    } catch (error) {
      onClose();
      toast.show("error", conflict(error) ?? errorMessage(error));
    }
  };

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t("approveTitle")}
      description={
        <span className="flex flex-col gap-2">
          <span>{t("approveText", { title: milestone.title })}</span>
          {billing.kind === "amount" ? (
            <span className="font-medium text-foreground">
              {t("approveBillAmount", { amount: formatMoney(billing.amount, "XOF", locale) })}
            </span>
          ) : billing.kind === "percent" ? (
            <span className="font-medium text-foreground">{t("approveBillPercent", { percent: billing.percent })}</span>
          ) : null}
        </span>
      }
      confirmLabel={approve.isPending ? tc("sending") : t("approveConfirm")}
      cancelLabel={tc("cancel")}
      onConfirm={run}
      pending={approve.isPending}
    />
  );
}

const COMMENT_MAX = 2000;

/** "Demander des modifications": what to change, required; the milestone goes back in progress. */
function ChangesDialog({ milestone, onClose }: { milestone: Milestone; onClose: () => void }) {
  const t = useTranslations("approval");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const conflict = useConflictMessage();
  const request = useRequestMilestoneChanges(milestone.id);
  const [formError, setFormError] = useState<string>();
  const schema = z.object({
    comment: text({ required: t("changesRequired"), max: COMMENT_MAX }),
  });
  const form = useForm<Infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { comment: "" } });
  const error = form.formState.errors.comment?.message;

  const onSubmit = form.handleSubmit(async ({ comment }) => {
    setFormError(undefined);
    try {
      await request.mutateAsync(comment);
      onClose();
      toast.show("success", t("changesSent"));
    } catch (e) {
      const message = conflict(e);
      if (message) {
        onClose();
        toast.show("error", message);
      } else {
        setFormError(applyApiErrors(e, form.setError, ["comment"], errorMessage));
      }
    }
  });

  return (
    <Dialog open onOpenChange={(open) => (open || request.isPending ? undefined : onClose())}>
      <DialogContent closeLabel={tc("close")} data-testid="changes-dialog">
        <DialogHeader>
          <DialogTitle>{t("changesTitle")}</DialogTitle>
          <DialogDescription>{t("changesText", { title: milestone.title })}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <FormField id="changes-comment" label={t("changesLabel")} error={error}>
            <Textarea
              {...controlProps("changes-comment", error)}
              {...form.register("comment")}
              placeholder={t("changesPlaceholder")}
              rows={5}
              maxLength={COMMENT_MAX}
              autoFocus
            />
          </FormField>
          <FormError message={formError} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={request.isPending}>
                {tc("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" disabled={request.isPending}>
              {request.isPending ? tc("sending") : t("changesSend")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** The dialog of one decision on a milestone, loaded on the first tap (react-hook-form, zod). */
export function MilestoneDialogs({
  milestone,
  decision,
  onClose,
}: {
  milestone: Milestone;
  decision: MilestoneDecision;
  onClose: () => void;
}) {
  return decision === "approve" ? (
    <ApproveDialog milestone={milestone} onClose={onClose} />
  ) : (
    <ChangesDialog milestone={milestone} onClose={onClose} />
  );
}
