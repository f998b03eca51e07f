"use client";

import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { InvoiceStatusBadge } from "@/components/badges";
import { DueStatus, isLate, isUnpaid } from "@/components/billing/due-status";
import { BillingHeaderSkeleton, Fact, PdfLink } from "@/components/billing/header";
import { LineItems, TotalsBlock } from "@/components/billing/line-items";
import { OnlinePayment } from "@/components/payments/online-payment";
import { PaymentHistory } from "@/components/payments/payment-history";
import { ErrorState } from "@/components/states";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Invoice } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { invoiceKeys, useInvoice } from "@/queries/invoices";
import { paymentKeys } from "@/queries/payments";

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
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">
            {t("detailTitle")} <span className="tabular-nums">{number}</span>
          </h1>
          <InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} />
        </div>
        {invoice.title ? <p className="break-words">{invoice.title}</p> : null}
        {invoice.project_id && invoice.project_name ? (
          <p className="text-sm text-muted-foreground">
            {tb("project")} :{" "}
            <Link href={`/projets/${invoice.project_id}`} className="font-medium text-primary hover:underline">
              {invoice.project_name}
            </Link>
          </p>
        ) : null}
      </div>

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
          {invoice.status === "cancelled" && invoice.cancel_reason ? (
            <p className="text-sm text-muted-foreground">{t("cancelReason", { reason: invoice.cancel_reason })}</p>
          ) : null}
          <OnlinePayment invoice={invoice} payNow={payNow} />
          <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center">
            <PdfLink href={invoice.pdf_url} number={number} variant={payable ? "outline" : "default"} />
            {invoice.quote_id ? (
              <Link href={`/devis/${invoice.quote_id}`} className="inline-flex min-h-11 items-center text-sm font-medium text-primary hover:underline">
                {t("fromQuote")}
              </Link>
            ) : null}
          </div>
        </CardContent>
      </Card>

      {invoice.status !== "draft" ? <PaymentHistory invoiceId={invoice.id} /> : null}

      <Card aria-labelledby="items-title">
        <CardHeader>
          <CardTitle id="items-title">{tb("items")}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <LineItems items={invoice.items} currency={invoice.currency} />
          <TotalsBlock totals={invoice} amountPaid={invoice.amount_paid} balanceDue={invoice.balance_due} className="border-t pt-3" />
        </CardContent>
      </Card>

      {invoice.notes ? (
        <Card aria-labelledby="notes-title">
          <CardHeader>
            <CardTitle id="notes-title">{tb("notes")}</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-sm whitespace-pre-line">{invoice.notes}</p>
          </CardContent>
        </Card>
      ) : null}
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
      <Link href="/factures" className="inline-flex min-h-11 items-center gap-1 self-start text-sm font-medium text-primary">
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t("backToList")}
      </Link>
      {invoice.isPending ? (
        <BillingHeaderSkeleton />
      ) : invoice.isError ? (
        <ErrorState error={invoice.error} onRetry={() => invoice.refetch()} />
      ) : (
        <InvoiceDetail invoice={invoice.data} payNow={payNow} />
      )}
    </div>
  );
}
