"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { InvoiceStatusBadge } from "@/components/badges";
import { DueStatus, isLate, isUnpaid } from "@/components/billing/due-status";
import { CreditNoteRow } from "@/components/billing/credit-note-row";
import { BillingHeading, Fact, PdfLink } from "@/components/billing/header";
import { ItemsAndNotes } from "@/components/billing/line-items";
import { ShareInvoice } from "@/components/billing/share-invoice";
import { OnlinePayment } from "@/components/payments/online-payment";
import { PaymentHistory } from "@/components/payments/payment-history";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink } from "@/components/states";
import { TitledCard } from "@/components/titled-card";
import { Card, CardContent } from "@/components/ui/card";
import type { Invoice } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { invoiceKeys, useInvoice, useInvoiceCreditNotes } from "@/queries/invoices";
import { paymentKeys } from "@/queries/payments";

/** « Avoirs »: the credit notes that lowered what the invoice asks, each with its PDF. */
function CreditNotes({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations("billing.creditNotes");
  const notes = useInvoiceCreditNotes(invoiceId);
  return (
    <TitledCard titleId="avoirs-title" title={t("title")} description={t("intro")} data-testid="credit-notes">
      <ListShell query={notes} items={notes.data ?? []} skeleton={<SkeletonRows count={1} row="h-12" />}>
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

function InvoiceDetail({ invoice, payNow }: { invoice: Invoice; payNow?: boolean }) {
  const t = useTranslations("invoices");
  const tb = useTranslations("billing");
  const locale = useAppLocale();
  const late = isLate(invoice);
  const unpaid = isUnpaid(invoice);
  const number = invoice.number ?? tb("draft");
  const payable = Boolean(invoice.online_payment?.can_pay);

  return (
    <>
      <BillingHeading
        heading={t("detailTitle")}
        number={number}
        badge={<InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} />}
        document={invoice}
      />

      <Card className={cn(late && "border-red-300")}>
        <CardContent className="flex flex-col gap-4 pt-4">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4">
            <Fact label={tb("issueDate")}>{invoice.issue_date ? formatDate(invoice.issue_date, locale) : "—"}</Fact>
            <Fact label={t("dueDate")}>
              <span className={cn("tabular-nums", late && "font-semibold text-destructive")}>
                {invoice.due_date ? formatDate(invoice.due_date, locale) : "—"}
              </span>
              <DueStatus invoice={invoice} className="block text-xs font-normal" />
            </Fact>
            <Fact label={t("amount")}>{formatMoney(invoice.total_ttc, invoice.currency, locale)}</Fact>
            <Fact label={t("balance")}>
              <span className={cn(unpaid && "text-lg font-semibold", late && "text-destructive")}>
                {formatMoney(unpaid ? invoice.balance_due : 0, invoice.currency, locale)}
              </span>
            </Fact>
          </dl>
          {(invoice.status === "cancelled" || invoice.status === "credited") && invoice.cancel_reason ? (
            <p className="text-sm text-muted-foreground">{t("cancelReason", { reason: invoice.cancel_reason })}</p>
          ) : null}
          <OnlinePayment invoice={invoice} payNow={payNow} />
          <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center">
            <PdfLink href={invoice.pdf_url} number={number} variant={payable ? "outline" : "default"} />
            <ShareInvoice invoice={invoice} />
            {invoice.quote_id ? (
              <Link href={`/devis/${invoice.quote_id}`} className="inline-flex min-h-11 items-center text-sm font-medium text-primary hover:underline">
                {t("fromQuote")}
              </Link>
            ) : null}
          </div>
        </CardContent>
      </Card>

      {invoice.status !== "draft" ? <PaymentHistory invoiceId={invoice.id} /> : null}

      {/* Only credit notes lower `credited_amount`: none to ask for without it. */}
      {invoice.credited_amount > 0 ? <CreditNotes invoiceId={invoice.id} /> : null}

      <ItemsAndNotes document={invoice} amountPaid={invoice.amount_paid} balanceDue={invoice.balance_due} creditedAmount={invoice.credited_amount} />
    </>
  );
}

export function InvoiceClient({ id, payNow }: { id: string; payNow?: boolean }) {
  const t = useTranslations("invoices");
  const invoice = useInvoice(id);
  const queryClient = useQueryClient();

  // Back from CinetPay with the back button, the page may come from the back-forward cache as it
  // was before paying: ask again for the invoice and its payments.
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, [id, queryClient]);

  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/factures" label={t("backToList")} />
      <RecordShell query={invoice} skeleton={<DetailSkeleton blocks={["h-36", "h-48"]} />}>
        {(data) => <InvoiceDetail invoice={data} payNow={payNow} />}
      </RecordShell>
    </div>
  );
}
