"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Ban, Copy, FileOutput, Pencil } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { isUnpaid } from "@/components/billing/due-status";
import { FormField, controlProps } from "@/components/form";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/input";
import { isApiError } from "@/lib/api/errors";
import { useErrorMessage } from "@/lib/use-error-message";
import type { Invoice, Quote } from "@/lib/api/types";
import { CreditNoteDialog, isCreditable } from "./credit-notes";
import { RemindButton } from "./reminders";
import { useCancelInvoice, useDuplicate, useInvoiceQuote } from "./desk-queries";
import type { DocumentKind } from "./editor/document-form";
import { documentPath, editPath } from "./paths";
import { useConflictMessage } from "./use-conflict-message";

/** The API's refusal as a sentence: its 409 code in words, else the usual message. */
function useActionError() {
  const conflict = useConflictMessage();
  const errorMessage = useErrorMessage();
  return (error: unknown) => conflict(error) ?? errorMessage(error);
}

function EditLink({ kind, id }: { kind: DocumentKind; id: string }) {
  const t = useTranslations("admin.billing.actions");
  return (
    <Button asChild>
      <Link href={editPath(kind, id)}>
        <Pencil aria-hidden="true" />
        {t("edit")}
      </Link>
    </Button>
  );
}

/** "Dupliquer": a new draft like this one, opened in the editor. */
function DuplicateButton({ kind, id }: { kind: DocumentKind; id: string }) {
  const t = useTranslations("admin.billing.actions");
  const router = useRouter();
  const toast = useToast();
  const actionError = useActionError();
  const duplicate = useDuplicate();
  return (
    <Button
      variant="outline"
      disabled={duplicate.isPending}
      onClick={() =>
        duplicate.mutate(
          { kind, id },
          {
            onSuccess: (copy) => {
              toast.show("success", t(`duplicated.${kind}`));
              router.push(editPath(kind, copy.id));
            },
            onError: (error) => toast.show("error", actionError(error)),
          },
        )
      }
    >
      <Copy aria-hidden="true" />
      {duplicate.isPending ? t("duplicating") : t("duplicate")}
    </Button>
  );
}

/** "Annuler la facture", with the reason the history keeps (an invoice that received nothing). */
function CancelInvoice({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.billing.actions");
  const tc = useTranslations("common");
  const toast = useToast();
  const actionError = useActionError();
  const cancel = useCancelInvoice(invoice.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const submit = () => {
    if (!reason.trim()) {
      setError(t("cancelDialog.reasonRequired"));
      return;
    }
    cancel.mutate(reason.trim(), {
      onSuccess: () => {
        setOpen(false);
        toast.show("success", t("cancelDialog.done"));
      },
      onError: (failure) => {
        if (isApiError(failure) && failure.fieldErrors.reason) setError(failure.fieldErrors.reason.join(" "));
        else {
          setOpen(false);
          toast.show("error", actionError(failure));
        }
      },
    });
  };
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        <Ban aria-hidden="true" />
        {t("cancel")}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setError(undefined);
        }}
        title={t("cancelDialog.title", { number: invoice.number ?? t("draft") })}
        description={t("cancelDialog.text")}
        confirmLabel={cancel.isPending ? t("cancelDialog.pending") : t("cancelDialog.confirm")}
        cancelLabel={tc("back")}
        tone="destructive"
        pending={cancel.isPending}
        onConfirm={submit}
      >
        <FormField id="cancel-reason" label={t("cancelDialog.reason")} error={error}>
          <Textarea {...controlProps("cancel-reason", error)} value={reason} maxLength={500} rows={3} onChange={(event) => setReason(event.target.value)} />
        </FormField>
      </ConfirmDialog>
    </>
  );
}

/** An invoice's actions: edit a draft, remind the client of an unpaid one, credit a sent one, duplicate, cancel one that received nothing. */
export function InvoiceActions({ invoice }: { invoice: Invoice }) {
  const cancellable = (invoice.status === "draft" || invoice.status === "sent") && invoice.amount_paid === 0 && invoice.credited_amount === 0;
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap" data-testid="invoice-actions">
      {invoice.status === "draft" ? <EditLink kind="invoice" id={invoice.id} /> : null}
      {isUnpaid(invoice) ? <RemindButton invoice={invoice} /> : null}
      {isCreditable(invoice) ? <CreditNoteDialog invoice={invoice} /> : null}
      <DuplicateButton kind="invoice" id={invoice.id} />
      {cancellable ? <CancelInvoice invoice={invoice} /> : null}
    </div>
  );
}

/** "Facturer": the invoice of an accepted quote, opened once made. */
function InvoiceFromQuote({ quote }: { quote: Quote }) {
  const t = useTranslations("admin.billing.actions");
  const tc = useTranslations("common");
  const router = useRouter();
  const toast = useToast();
  const actionError = useActionError();
  const invoice = useInvoiceQuote(quote.id);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <FileOutput aria-hidden="true" />
        {t("invoiceQuote")}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t("invoiceDialog.title", { number: quote.number ?? "" })}
        description={t("invoiceDialog.text")}
        confirmLabel={invoice.isPending ? t("invoiceDialog.pending") : t("invoiceDialog.confirm")}
        cancelLabel={tc("cancel")}
        pending={invoice.isPending}
        onConfirm={() =>
          invoice.mutate(undefined, {
            onSuccess: (made) => {
              toast.show("success", t("invoiceDialog.done"));
              router.push(documentPath("invoice", made.id));
            },
            onError: (error) => {
              setOpen(false);
              toast.show("error", actionError(error));
              // Already invoiced: the answer names the invoice, which is where staff want to be.
              const existing = isApiError(error) ? error.body?.invoice_id : undefined;
              if (typeof existing === "string") router.push(documentPath("invoice", existing));
            },
          })
        }
      />
    </>
  );
}

/** A quote's actions: edit a draft, invoice an accepted one, duplicate. */
export function QuoteActions({ quote }: { quote: Quote }) {
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap" data-testid="quote-actions">
      {quote.status === "draft" ? <EditLink kind="quote" id={quote.id} /> : null}
      {quote.status === "accepted" && !quote.invoice_id ? <InvoiceFromQuote quote={quote} /> : null}
      <DuplicateButton kind="quote" id={quote.id} />
    </div>
  );
}
