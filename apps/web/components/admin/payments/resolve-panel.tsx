"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, FormField, controlProps } from "@/components/form";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import type { Invoice } from "@/lib/api/types";
import { cn } from "@/lib/utils";
import type { PaymentDto, PaymentResolution } from "@/lib/api/types";
import { InvoicePicker } from "./invoice-picker";
import { usePaymentErrorMessage } from "./labels";
import { useResolve } from "./queries";

const ACTIONS: PaymentResolution[] = ["apply_to_invoice", "refunded_outside", "keep_flagged"];

/**
 * An admin's decision on a flagged payment: apply the money to another unpaid invoice of the same
 * client, note that it was refunded outside NOURX, or leave it flagged; always with a reason,
 * which the payment's journal keeps.
 */
export function ResolvePanel({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments.resolve");
  const toast = useToast();
  const errorMessage = usePaymentErrorMessage();
  const resolve = useResolve(payment.id);
  const [action, setAction] = useState<PaymentResolution>("apply_to_invoice");
  const [invoice, setInvoice] = useState<Invoice | null>(null);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ invoice?: string; reason?: string }>({});
  const [formError, setFormError] = useState<string>();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    const found = {
      invoice: action === "apply_to_invoice" && !invoice ? t("invoiceRequired") : undefined,
      reason: reason.trim() ? undefined : t("reasonRequired"),
    };
    setErrors(found);
    if (found.invoice || found.reason) return;
    resolve.mutate(
      { action, reason: reason.trim(), invoice_id: action === "apply_to_invoice" ? invoice?.id : undefined },
      {
        onSuccess: () => {
          toast.show("success", t(`done.${action}`, { number: invoice?.number ?? "" }));
          setReason("");
        },
        onError: (failure) => setFormError(errorMessage(failure)),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="resolve-form">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium">{t("legend")}</legend>
        {ACTIONS.map((choice) => (
          <label
            key={choice}
            className={cn(
              "flex min-h-11 cursor-pointer items-start gap-3 rounded-md border p-3 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5",
              "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring",
            )}
          >
            <input type="radio" name="resolve-action" value={choice} checked={action === choice} onChange={() => setAction(choice)} className="mt-0.5 size-4 accent-primary" />
            <span className="flex min-w-0 flex-col gap-0.5">
              <span className="font-medium">{t(`actions.${choice}`, { client: payment.client_name })}</span>
              <span className="text-muted-foreground">{t(`hints.${choice}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {action === "apply_to_invoice" ? (
        <FormField id="resolve-invoice" label={t("invoice")} error={errors.invoice}>
          <InvoicePicker
            id="resolve-invoice"
            client={payment.client_id}
            exclude={payment.invoice_id}
            value={invoice}
            invalid={Boolean(errors.invoice)}
            describedBy={errors.invoice ? "resolve-invoice-error" : undefined}
            onChange={(next) => {
              setInvoice(next);
              setErrors((current) => ({ ...current, invoice: undefined }));
            }}
          />
        </FormField>
      ) : null}
      <FormField id="resolve-reason" label={t("reason")} hint={t("reasonHint")} error={errors.reason}>
        <Textarea
          {...controlProps("resolve-reason", errors.reason, t("reasonHint"))}
          value={reason}
          rows={3}
          maxLength={500}
          onChange={(event) => {
            setReason(event.target.value);
            if (event.target.value.trim()) setErrors((current) => ({ ...current, reason: undefined }));
          }}
        />
      </FormField>
      <FormError message={formError} />
      <Button type="submit" disabled={resolve.isPending} className="sm:self-end">
        {resolve.isPending ? t("running") : t(`submit.${action}`)}
      </Button>
    </form>
  );
}
