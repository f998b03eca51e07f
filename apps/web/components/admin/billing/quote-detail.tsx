"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { QuoteStatusBadge } from "@/components/badges";
import { Fact, PdfLink } from "@/components/billing/header";
import { ItemsAndNotes } from "@/components/billing/line-items";
import { ValidityLine } from "@/components/billing/validity";
import { BackLink } from "@/components/states";
import { Card, CardContent } from "@/components/ui/card";
import { formatRate } from "@/lib/billing";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import type { Quote } from "@/lib/api/types";
import { useQuoteDetail } from "./desk-queries";
import { QuoteActions } from "./document-actions";
import { INVOICES_PATH, QUOTES_PATH } from "./paths";
import { FactLink, NotFoundState, StaffRecord } from "./record";

/** The client's answer: who accepted or declined it and when, with the reason of a refusal. */
function Decision({ quote }: { quote: Quote }) {
  const t = useTranslations("admin.billing.quote");
  const locale = useAppLocale();
  if ((quote.status !== "accepted" && quote.status !== "declined") || !quote.decided_at) return <>{t("noDecision")}</>;
  const date = formatDate(quote.decided_at, locale);
  const name = quote.decided_by?.name ?? "—";
  return (
    <span className="flex flex-col gap-0.5 font-normal">
      <span>{quote.status === "accepted" ? t("acceptedBy", { date, name }) : t("declinedBy", { date, name })}</span>
      {quote.decline_reason ? <span className="text-muted-foreground">{t("declineReason", { reason: quote.decline_reason })}</span> : null}
    </span>
  );
}

function QuotePage({ quote }: { quote: Quote }) {
  const t = useTranslations("admin.billing");
  const locale = useAppLocale();
  const number = quote.number ?? t("draft");
  return (
    <>
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">
            {t("quote.title")} <span className="tabular-nums">{number}</span>
          </h1>
          <QuoteStatusBadge status={quote.status} />
        </div>
        {quote.title ? <p className="break-words">{quote.title}</p> : null}
        <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center">
          <PdfLink href={quote.pdf_url} number={number} variant="outline" />
          <QuoteActions quote={quote} />
          {quote.invoice_id ? (
            <Link href={`${INVOICES_PATH}/${quote.invoice_id}`} className="inline-flex min-h-11 items-center text-sm font-medium text-primary hover:underline">
              {t("quote.invoice")}
            </Link>
          ) : null}
        </div>
      </div>
      <Card>
        <CardContent className="pt-4">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-4">
            <FactLink label={t("quote.client")} href={`/admin/clients/${quote.client_id}`}>
              {quote.client_name}
            </FactLink>
            <Fact label={t("quote.project")}>{quote.project_name ?? "—"}</Fact>
            <Fact label={t("quote.issueDate")}>{quote.issue_date ? formatDate(quote.issue_date, locale) : "—"}</Fact>
            <Fact label={t("quote.validUntil")}>
              {quote.valid_until ? formatDate(quote.valid_until, locale) : "—"}
              <ValidityLine quote={quote} onlySoon className="block text-xs" />
            </Fact>
            <Fact label={t("quote.total")}>{formatMoney(quote.total_ttc, quote.currency, locale)}</Fact>
            {Number(quote.discount) > 0 ? (
              <Fact label={t("quote.discount")}>
                {formatRate(quote.discount, locale)}{" "}
                <span className="text-xs font-normal text-muted-foreground">(− {formatMoney(quote.discount_total, quote.currency, locale)})</span>
              </Fact>
            ) : null}
            <Fact label={t("quote.decision")} className="col-span-2 sm:col-span-1 lg:col-span-3">
              <Decision quote={quote} />
            </Fact>
          </dl>
        </CardContent>
      </Card>
      <ItemsAndNotes document={quote} />
    </>
  );
}

/** One quote for staff: its client, validity, the client's answer, lines and totals, and what can be done with it. */
export function QuoteDetail({ id }: { id: string }) {
  const t = useTranslations("admin.billing.quote");
  const quote = useQuoteDetail(id);
  return (
    <div className="flex flex-col gap-4">
      <BackLink href={QUOTES_PATH} label={t("backToList")} />
      <StaffRecord
        query={quote}
        notFound={<NotFoundState title={t("notFoundTitle")} text={t("notFoundText")} action={{ href: QUOTES_PATH, label: t("backToList") }} />}
      >
        {(data) => <QuotePage quote={data} />}
      </StaffRecord>
    </div>
  );
}
