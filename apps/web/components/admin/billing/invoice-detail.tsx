"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { InvoiceStatusBadge } from "@/components/badges";
import { DueStatus, isLate, isUnpaid } from "@/components/billing/due-status";
import { Fact, PdfLink } from "@/components/billing/header";
import { ItemsAndNotes } from "@/components/billing/line-items";
import { BackLink } from "@/components/states";
import { Card, CardContent } from "@/components/ui/card";
import { formatRate } from "@/lib/billing";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import type { Invoice } from "@/lib/api/types";
import { CreditNotesSection } from "./credit-notes";
import { useInvoiceDetail } from "./desk-queries";
import { InvoiceActions } from "./document-actions";
import { INVOICES_PATH } from "./paths";
import { PayLinksSection } from "./pay-links";
import { PaymentsSection } from "./payments-section";
import { RemindersSection } from "./reminders";
import { FactLink, NotFoundState, StaffRecord } from "./record";

function InvoiceFacts({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.billing.invoice");
  const locale = useAppLocale();
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const late = isLate(invoice);
  const unpaid = isUnpaid(invoice);
  return (
    <Card className={cn(late && "border-red-300")}>
      <CardContent className="flex flex-col gap-4 pt-4">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-4">
          <FactLink label={t("client")} href={`/admin/clients/${invoice.client_id}`}>
            {invoice.client_name}
          </FactLink>
          <Fact label={t("project")}>{invoice.project_name ?? "—"}</Fact>
          <Fact label={t("issueDate")}>{invoice.issue_date ? formatDate(invoice.issue_date, locale) : "—"}</Fact>
          <Fact label={t("dueDate")}>
            <span className={cn("tabular-nums", late && "font-semibold text-destructive")}>
              {invoice.due_date ? formatDate(invoice.due_date, locale) : "—"}
            </span>
            <DueStatus invoice={invoice} className="block text-xs font-normal" />
          </Fact>
          <Fact label={t("sentAt")}>{invoice.sent_at ? formatDate(invoice.sent_at, locale) : "—"}</Fact>
          <Fact label={t("total")}>{money(invoice.total_ttc)}</Fact>
          {Number(invoice.discount) > 0 ? (
            <Fact label={t("discount")}>
              {formatRate(invoice.discount, locale)} <span className="text-xs font-normal text-muted-foreground">(− {money(invoice.discount_total)})</span>
            </Fact>
          ) : null}
          {invoice.credited_amount > 0 ? (
            <Fact label={t("credited")}>
              <a href="#avoirs-title" className="text-primary hover:underline" data-testid="credited-amount">
                {money(invoice.credited_amount)}
              </a>
            </Fact>
          ) : null}
          <Fact label={t("paid")}>{money(invoice.amount_paid)}</Fact>
          <Fact label={t("balance")}>
            <span className={cn(unpaid && "text-lg font-semibold", late && "text-destructive")} data-testid="balance-due">
              {money(invoice.balance_due)}
            </span>
          </Fact>
        </dl>
        {(invoice.status === "cancelled" || invoice.status === "credited") && invoice.cancel_reason ? (
          <p className="text-sm text-muted-foreground">{t("cancelReason", { reason: invoice.cancel_reason })}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}

function InvoicePage({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.billing");
  const number = invoice.number ?? t("draft");
  return (
    <>
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">
            {t("invoice.title")} <span className="tabular-nums">{number}</span>
          </h1>
          <InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} />
        </div>
        {invoice.title ? <p className="break-words">{invoice.title}</p> : null}
        <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center">
          <PdfLink href={invoice.pdf_url} number={number} variant="outline" />
          <InvoiceActions invoice={invoice} />
          {invoice.quote_id ? (
            <Link
              href={`/admin/facturation/devis/${invoice.quote_id}`}
              className="inline-flex min-h-11 items-center text-sm font-medium text-primary hover:underline"
            >
              {t("invoice.fromQuote")}
            </Link>
          ) : null}
        </div>
      </div>
      <InvoiceFacts invoice={invoice} />
      <ItemsAndNotes document={invoice} amountPaid={invoice.amount_paid} balanceDue={invoice.balance_due} creditedAmount={invoice.credited_amount} />
      {invoice.status !== "draft" ? <CreditNotesSection invoice={invoice} /> : null}
      {invoice.status !== "draft" ? <PayLinksSection invoice={invoice} /> : null}
      {invoice.status !== "draft" ? <PaymentsSection invoiceId={invoice.id} /> : null}
      {invoice.status !== "draft" ? <RemindersSection invoice={invoice} /> : null}
    </>
  );
}

/** One invoice for staff: its client, dates, lines, totals, credit notes, balance and every payment, and what can be done with it. */
export function InvoiceDetail({ id }: { id: string }) {
  const t = useTranslations("admin.billing.invoice");
  const invoice = useInvoiceDetail(id);
  return (
    <div className="flex flex-col gap-4">
      <BackLink href={INVOICES_PATH} label={t("backToList")} />
      <StaffRecord
        query={invoice}
        notFound={<NotFoundState title={t("notFoundTitle")} text={t("notFoundText")} action={{ href: INVOICES_PATH, label: t("backToList") }} />}
      >
        {(data) => <InvoicePage invoice={data} />}
      </StaffRecord>
    </div>
  );
}
