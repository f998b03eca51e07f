"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { ReceiptText } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { TitledCard } from "@/components/titled-card";
import { useToast } from "@/components/toaster";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { isApiError } from "@/lib/api/errors";
import { formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import type { Invoice } from "@/lib/api/types";
import { CreditNoteRow } from "@/components/billing/credit-note-row";
import {
  CREDIT_SCOPES,
  EMPTY_CREDIT_NOTE,
  REFUND_METHODS,
  creditNoteSchema,
  creditableAmount,
  refundQuestion,
  toCreditNoteRequest,
  type CreditNoteFormValues,
} from "./credit-note-form";
import { useCreateCreditNote, useCreditNotes } from "./desk-queries";
import { useConflictMessage } from "./use-conflict-message";

const FIELDS = ["amount", "reason", "refund_method", "refund_reference"] as const;

/** Sent, partly paid or paid, with something left to credit. */
export function isCreditable(invoice: Invoice): boolean {
  return ["sent", "partially_paid", "paid"].includes(invoice.status) && creditableAmount(invoice) > 0;
}

/**
 * "Créer un avoir": all that is left to credit or a part of it (TTC), with a reason. When the
 * invoice was paid beyond what it will then ask, the API says how much goes back and the dialog
 * asks how (bank transfer, Mobile Money, cash, cheque) and with which reference.
 */
export function CreditNoteDialog({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.billing.creditNotes");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const conflictMessage = useConflictMessage();
  const create = useCreateCreditNote(invoice.id);
  const [open, setOpen] = useState(false);
  const [refund, setRefund] = useState<string | null>(null);
  const [formError, setFormError] = useState<string>();
  const creditable = creditableAmount(invoice);
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);

  const schema = useMemo(
    () =>
      creditNoteSchema(
        {
          amount: t("errors.amount"),
          amountTooHigh: t("errors.amountTooHigh", { max: money(creditable) }),
          reasonRequired: t("errors.reasonRequired"),
          refundMethod: t("errors.refundMethod"),
          tooLong: (max) => t("errors.tooLong", { max }),
        },
        { creditable, refundAsked: refund !== null },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `money` follows the locale and the currency
    [t, creditable, refund, locale, invoice.currency],
  );
  const form = useForm<CreditNoteFormValues>({ resolver: zodResolver(schema), defaultValues: EMPTY_CREDIT_NOTE });
  const errors = form.formState.errors;
  const scope = useWatch({ control: form.control, name: "scope" });

  const close = (next: boolean) => {
    if (create.isPending) return;
    setOpen(next);
    if (!next) {
      form.reset(EMPTY_CREDIT_NOTE);
      setRefund(null);
      setFormError(undefined);
    }
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const note = await create.mutateAsync(toCreditNoteRequest(values, refund !== null));
      toast.show("success", t("created", { number: note.number, amount: money(note.total_ttc) }));
      close(false);
    } catch (error) {
      const question = isApiError(error) && error.status === 400 ? refundQuestion(error.fieldErrors) : null;
      if (question && refund === null) {
        // The API asks how the money goes back: the dialog now asks it too.
        setRefund(question);
        return;
      }
      const conflict = conflictMessage(error);
      setFormError(conflict ?? applyApiErrors(error, form.setError, FIELDS, errorMessage));
    }
  });

  const amountHint = t("amountHint", { max: money(creditable) });

  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        <ReceiptText aria-hidden="true" />
        {t("create")}
      </Button>
      <Dialog open={open} onOpenChange={close}>
        <DialogContent closeLabel={tc("close")} data-testid="credit-note-dialog">
          <DialogHeader>
            <DialogTitle>{t("dialogTitle", { number: invoice.number ?? "" })}</DialogTitle>
            <DialogDescription>{t("dialogText", { amount: money(creditable) })}</DialogDescription>
          </DialogHeader>
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            <fieldset className="flex flex-col gap-1">
              <legend className="mb-1 text-sm font-medium">{t("scope")}</legend>
              {CREDIT_SCOPES.map((value) => (
                <label key={value} className="flex min-h-11 items-center gap-2 text-sm">
                  <input type="radio" value={value} className="size-5 accent-[var(--primary)]" {...form.register("scope")} />
                  {value === "whole" ? t("scopes.whole", { amount: money(creditable) }) : t("scopes.partial")}
                </label>
              ))}
            </fieldset>
            {scope === "partial" ? (
              <FormField id="credit-amount" label={t("amount")} error={errors.amount?.message} hint={amountHint}>
                <Input {...controlProps("credit-amount", errors.amount?.message, amountHint)} inputMode="numeric" autoComplete="off" placeholder="50 000" {...form.register("amount")} />
              </FormField>
            ) : null}
            <FormField id="credit-reason" label={t("reason")} error={errors.reason?.message} hint={t("reasonHint")}>
              <Textarea {...controlProps("credit-reason", errors.reason?.message, t("reasonHint"))} rows={3} {...form.register("reason")} />
            </FormField>
            {refund !== null ? (
              <div className="flex flex-col gap-4 rounded-lg border border-amber-200 p-3" data-testid="refund-fields">
                <Alert tone="warning">{refund}</Alert>
                <FormField id="credit-refund-method" label={t("refundMethod")} error={errors.refund_method?.message}>
                  <NativeSelect {...controlProps("credit-refund-method", errors.refund_method?.message)} {...form.register("refund_method")}>
                    <option value="">{t("chooseRefundMethod")}</option>
                    {REFUND_METHODS.map((method) => (
                      <option key={method} value={method}>
                        {t(`methods.${method}`)}
                      </option>
                    ))}
                  </NativeSelect>
                </FormField>
                <FormField id="credit-refund-reference" label={t("refundReference")} error={errors.refund_reference?.message} optional={tc("optional")}>
                  <Input {...controlProps("credit-refund-reference", errors.refund_reference?.message)} autoComplete="off" {...form.register("refund_reference")} />
                </FormField>
              </div>
            ) : null}
            <FormError message={formError} />
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button type="button" variant="outline" onClick={() => close(false)} disabled={create.isPending}>
                {tc("cancel")}
              </Button>
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? t("creating") : t("confirm")}
              </Button>
            </div>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}

/** An invoice's credit notes, oldest first, each with its PDF. */
export function CreditNotesSection({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.billing.creditNotes");
  const notes = useCreditNotes(invoice.id);
  const rows = notes.data ?? [];
  return (
    <TitledCard
      titleId="avoirs-title"
      title={t("title")}
      className="scroll-mt-20"
      data-testid="credit-notes"
      aside={notes.data ? <span className="text-sm text-muted-foreground tabular-nums">{rows.length}</span> : null}
    >
      <ListShell
        query={notes}
        items={rows}
        skeleton={<SkeletonRows count={1} row="h-12" />}
        empty={{ text: isCreditable(invoice) ? t("empty") : t("emptyClosed") }}
      >
        {(list) => (
          <ul className="flex flex-col divide-y">
            {list.map((note) => (
              <CreditNoteRow key={note.id} note={note} />
            ))}
          </ul>
        )}
      </ListShell>
    </TitledCard>
  );
}
