"use client";

import Link from "next/link";
import { CheckCircle2, FileDown, Paperclip, Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Progress } from "@/components/ui/progress";
import type { Invoice } from "@/lib/api/types";
import { formatFileSize, formatMoney } from "@/lib/format";
import { receiptUrl } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import type { OfflineMethod, PaymentDto } from "@/lib/api/types";
import { InvoicePicker } from "./invoice-picker";
import { usePaymentErrorMessage, useMethodName } from "./labels";
import { OFFLINE_METHODS } from "./list-state";
import {
  PROOF_ACCEPT,
  amountFieldValue,
  businessToday,
  checkOfflineAmount,
  checkProof,
  checkReceivedOn,
  minorDigitsOf,
  type ProofProblem,
} from "./offline";
import { uploadProof } from "./proof";
import { useProofUploaded, useRecordOffline } from "./queries";

const PAYMENTS_PATH = "/admin/paiements";

type Values = { method: OfflineMethod; received_on: string; amount: string; reference: string; note: string };
const FIELDS = ["method", "received_on", "amount", "reference", "note"] as const;

type Proof = { file: File; contentType: string };
type Upload = { state: "idle" } | { state: "sending"; progress: number } | { state: "failed"; message: string } | { state: "done" };

/** The proof of payment: a file chosen and checked here, sent once the payment exists. */
function ProofField({ proof, onChange, disabled }: { proof: Proof | null; onChange: (proof: Proof | null) => void; disabled?: boolean }) {
  const t = useTranslations("admin.payments.offline");
  const locale = useAppLocale();
  const [problem, setProblem] = useState<ProofProblem | null>(null);
  const message = problem ? (problem.kind === "too_big" ? t("proofErrors.too_big", { max: formatFileSize(problem.max, locale) }) : t(`proofErrors.${problem.kind}`)) : undefined;
  return (
    <FormField id="offline-proof" label={t("proof")} optional={t("optional")} hint={t("proofHint")} error={message}>
      {proof ? (
        <div className="flex min-w-0 items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm">
          <Paperclip className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
          <span className="min-w-0 flex-1 truncate" data-testid="proof-name">
            {proof.file.name}
          </span>
          <span className="shrink-0 text-xs text-muted-foreground tabular-nums">{formatFileSize(proof.file.size, locale)}</span>
          <Button type="button" variant="ghost" size="icon" disabled={disabled} aria-label={t("proofRemove", { name: proof.file.name })} onClick={() => onChange(null)}>
            <X aria-hidden="true" />
          </Button>
        </div>
      ) : (
        <Input
          {...controlProps("offline-proof", message, t("proofHint"))}
          type="file"
          accept={PROOF_ACCEPT}
          disabled={disabled}
          className="py-2 file:mr-3 file:rounded file:border-0 file:bg-secondary file:px-2 file:py-1 file:text-sm"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            const checked = checkProof(file);
            if (checked.ok) {
              setProblem(null);
              onChange({ file, contentType: checked.contentType });
            } else {
              setProblem(checked.problem);
              event.target.value = "";
            }
          }}
        />
      )}
    </FormField>
  );
}

/** What staff see once the payment is saved: its receipt, and the proof's progress or failure. */
function Saved({ payment, upload, onRetry, onClose }: { payment: PaymentDto; upload: Upload; onRetry: () => void; onClose: () => void }) {
  const t = useTranslations("admin.payments.offline");
  const locale = useAppLocale();
  return (
    <div className="flex flex-col gap-4" data-testid="offline-saved">
      <div className="flex items-start gap-3 rounded-md border border-green-200 bg-success-bg p-3 text-success" role="status">
        <CheckCircle2 className="mt-0.5 size-5 shrink-0" aria-hidden="true" />
        <div className="flex min-w-0 flex-col gap-1">
          <p className="font-semibold">{t("savedTitle", { amount: formatMoney(payment.amount, payment.currency, locale) })}</p>
          {payment.receipt_number ? (
            <p>
              {t("savedReceipt")} <span className="font-semibold tabular-nums" data-testid="receipt-number">{payment.receipt_number}</span>
            </p>
          ) : null}
          <p className="text-sm">{t("savedEmail")}</p>
        </div>
      </div>
      {upload.state === "sending" ? (
        <div className="flex flex-col gap-1.5" aria-live="polite">
          <p className="text-sm">{t("uploading", { percent: Math.round(upload.progress * 100) })}</p>
          <Progress value={upload.progress * 100} label={t("uploadLabel")} />
        </div>
      ) : null}
      {upload.state === "done" ? <p className="text-sm text-muted-foreground">{t("proofSent")}</p> : null}
      {upload.state === "failed" ? (
        <Alert tone="error">
          <p>{t("proofFailed", { message: upload.message })}</p>
          <Button type="button" variant="outline" size="sm" className="mt-2" onClick={onRetry}>
            {t("proofRetry")}
          </Button>
        </Alert>
      ) : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:justify-end">
        {payment.receipt_number ? (
          <Button asChild variant="outline">
            <a href={receiptUrl(payment.id, locale)} target="_blank" rel="noopener">
              <FileDown aria-hidden="true" />
              {t("receiptLink", { number: payment.receipt_number })}
            </a>
          </Button>
        ) : null}
        <Button asChild variant="outline">
          <Link href={`${PAYMENTS_PATH}/${payment.id}`}>{t("seePayment")}</Link>
        </Button>
        <Button type="button" onClick={onClose} disabled={upload.state === "sending"}>
          {t("close")}
        </Button>
      </div>
    </div>
  );
}

/** The form: the invoice (given, or picked among unpaid ones), how and when the money came, how much. */
function OfflineForm({ invoice: fixed, onSaved, onCancel }: { invoice?: Invoice; onSaved: (payment: PaymentDto, proof: Proof | null) => void; onCancel: () => void }) {
  const t = useTranslations("admin.payments.offline");
  const methodName = useMethodName();
  const locale = useAppLocale();
  const errorMessage = usePaymentErrorMessage();
  const record = useRecordOffline();
  const [picked, setPicked] = useState<Invoice | null>(null);
  const [invoiceError, setInvoiceError] = useState<string>();
  const [proof, setProof] = useState<Proof | null>(null);
  const [formError, setFormError] = useState<string>();
  const invoice = fixed ?? picked;
  const today = businessToday();
  const digits = minorDigitsOf(invoice?.currency ?? "XOF");
  const form = useForm<Values>({
    defaultValues: { method: "bank_transfer", received_on: today, amount: fixed ? amountFieldValue(fixed.balance_due, digits) : "", reference: "", note: "" },
  });
  const errors = form.formState.errors;
  const balance = invoice ? formatMoney(invoice.balance_due, invoice.currency, locale) : null;

  const amountRule = (value: string) => {
    if (!invoice) return true;
    const checked = checkOfflineAmount(value, invoice.balance_due, digits);
    if (checked.ok) return true;
    return checked.error.code === "aboveBalance" ? t("errors.aboveBalance", { max: balance ?? "" }) : t(`errors.${checked.error.code}`);
  };
  const dayRule = (value: string) => {
    const problem = checkReceivedOn(value, today);
    return problem ? t(`errors.receivedOn.${problem}`) : true;
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    if (!invoice) {
      setInvoiceError(t("errors.invoice"));
      return;
    }
    const amount = checkOfflineAmount(values.amount, invoice.balance_due, digits);
    if (!amount.ok) return;
    try {
      const payment = await record.mutateAsync({
        invoice_id: invoice.id,
        amount: amount.amount,
        method: values.method,
        received_on: values.received_on,
        reference: values.reference.trim() || undefined,
        note: values.note.trim() || undefined,
      });
      onSaved(payment, proof);
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, FIELDS, errorMessage));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {fixed ? null : (
        <FormField id="offline-invoice" label={t("invoice")} error={invoiceError}>
          <InvoicePicker
            id="offline-invoice"
            value={picked}
            invalid={Boolean(invoiceError)}
            describedBy={invoiceError ? "offline-invoice-error" : undefined}
            onChange={(next) => {
              setPicked(next);
              setInvoiceError(undefined);
              // The whole balance by default, as from the invoice's page.
              if (next) {
                form.setValue("amount", amountFieldValue(next.balance_due, minorDigitsOf(next.currency)));
                form.clearErrors("amount");
              }
            }}
          />
        </FormField>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="offline-method" label={t("method")} error={errors.method?.message}>
          <NativeSelect {...controlProps("offline-method", errors.method?.message)} {...form.register("method")}>
            {OFFLINE_METHODS.map((method) => (
              <option key={method} value={method}>
                {methodName(method)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="offline-received-on" label={t("receivedOn")} error={errors.received_on?.message}>
          <Input {...controlProps("offline-received-on", errors.received_on?.message)} type="date" max={today} {...form.register("received_on", { validate: dayRule })} />
        </FormField>
      </div>
      <FormField
        id="offline-amount"
        label={t("amount", { currency: invoice?.currency === "XOF" || !invoice ? "FCFA" : invoice.currency })}
        error={errors.amount?.message}
        hint={balance ? t("amountHint", { balance }) : undefined}
      >
        <Input
          {...controlProps("offline-amount", errors.amount?.message, balance ? t("amountHint", { balance }) : undefined)}
          inputMode={digits === 0 ? "numeric" : "decimal"}
          autoComplete="off"
          {...form.register("amount", { validate: amountRule })}
        />
      </FormField>
      <FormField id="offline-reference" label={t("reference")} optional={t("optional")} hint={t("referenceHint")} error={errors.reference?.message}>
        <Input {...controlProps("offline-reference", errors.reference?.message, t("referenceHint"))} autoComplete="off" maxLength={200} {...form.register("reference")} />
      </FormField>
      <FormField id="offline-note" label={t("note")} optional={t("optional")} error={errors.note?.message}>
        <Textarea {...controlProps("offline-note", errors.note?.message)} rows={2} maxLength={2000} className="min-h-16" {...form.register("note")} />
      </FormField>
      <ProofField proof={proof} onChange={setProof} disabled={record.isPending} />
      <FormError message={formError} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={onCancel} disabled={record.isPending}>
          {t("cancel")}
        </Button>
        <Button type="submit" disabled={record.isPending}>
          {record.isPending ? t("saving") : t("submit")}
        </Button>
      </div>
    </form>
  );
}

/**
 * "Enregistrer un paiement": money received outside CinetPay (transfer, cash, cheque, mobile
 * money sent directly). The proof goes up after the payment exists, with its progress; the
 * receipt's number and PDF close the dialog.
 */
export function OfflinePaymentDialog({ open, onOpenChange, invoice }: { open: boolean; onOpenChange: (open: boolean) => void; invoice?: Invoice }) {
  const t = useTranslations("admin.payments.offline");
  const locale = useAppLocale();
  const errorMessage = usePaymentErrorMessage();
  const proofUploaded = useProofUploaded();
  const [saved, setSaved] = useState<{ payment: PaymentDto; proof: Proof | null } | null>(null);
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  // A new form each time the dialog opens.
  const [round, setRound] = useState(0);

  const send = async (payment: PaymentDto, proof: Proof) => {
    setUpload({ state: "sending", progress: 0 });
    try {
      const updated = await uploadProof(payment.id, proof.file, proof.file.name, proof.contentType, {
        onProgress: (progress) => setUpload({ state: "sending", progress }),
      });
      proofUploaded(updated);
      setUpload({ state: "done" });
    } catch (error) {
      setUpload({ state: "failed", message: errorMessage(error) });
    }
  };

  const close = (next: boolean) => {
    if (next) return onOpenChange(true);
    if (upload.state === "sending") return;
    onOpenChange(false);
    setSaved(null);
    setUpload({ state: "idle" });
    setRound((value) => value + 1);
  };

  const description = invoice
    ? t("forInvoice", { number: invoice.number ?? "—", client: invoice.client_name, balance: formatMoney(invoice.balance_due, invoice.currency, locale) })
    : t("description");

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent closeLabel={t("close")} data-testid="offline-dialog" hideClose={upload.state === "sending"}>
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {saved ? (
          <Saved payment={saved.payment} upload={upload} onRetry={() => saved.proof && void send(saved.payment, saved.proof)} onClose={() => close(false)} />
        ) : (
          <OfflineForm
            key={round}
            invoice={invoice}
            onCancel={() => close(false)}
            onSaved={(payment, proof) => {
              setSaved({ payment, proof });
              if (proof) void send(payment, proof);
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

/** The console's "Nouveau paiement hors ligne": the invoice is picked in the dialog. */
export function OfflinePaymentButton() {
  const t = useTranslations("admin.payments.offline");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" />
        {t("newButton")}
      </Button>
      <OfflinePaymentDialog open={open} onOpenChange={setOpen} />
    </>
  );
}
