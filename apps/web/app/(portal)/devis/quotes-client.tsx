"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { QuoteStatusBadge } from "@/components/badges";
import {
  BillingCard,
  BillingList,
  BillingTable,
  NumberAndSubjectCells,
  StatusFilterChips,
  useStatusFilter,
} from "@/components/billing/billing-list";
import { ValidityLine } from "@/components/billing/validity";
import { useClientScope } from "@/components/client-scope";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { QUOTE_FILTERS, type Quote } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useQuotes } from "@/queries/quotes";

type Filter = (typeof QUOTE_FILTERS)[number];

function QuoteCard({ quote }: { quote: Quote }) {
  return (
    <BillingCard
      href={`/devis/${quote.id}`}
      row={quote}
      badge={<QuoteStatusBadge status={quote.status} />}
      aside={<ValidityLine quote={quote} className="text-xs" />}
      className={cn(quote.status === "sent" && "border-sky-300 shadow-[inset_4px_0_0_var(--color-sky-600)]")}
    />
  );
}

function QuoteTable({ quotes }: { quotes: Quote[] }) {
  const t = useTranslations("quotes");
  const tb = useTranslations("billing");
  const locale = useAppLocale();
  return (
    <BillingTable
      testId="quote-table"
      columns={[
        { label: t("number") },
        { label: t("subject") },
        { label: tb("issueDate") },
        { label: t("validUntil") },
        { label: t("amount"), numeric: true },
        { label: t("statusLabel") },
      ]}
    >
      {quotes.map((quote) => (
        <tr key={quote.id} className={cn("relative align-top hover:bg-accent/60", quote.status === "sent" && "bg-sky-50/60")}>
          <NumberAndSubjectCells href={`/devis/${quote.id}`} row={quote} />
          <td className="px-4 py-3 whitespace-nowrap tabular-nums">{quote.issue_date ? formatDate(quote.issue_date, locale) : "—"}</td>
          <td className="px-4 py-3 whitespace-nowrap">
            <span className="block tabular-nums">{quote.valid_until ? formatDate(quote.valid_until, locale) : "—"}</span>
            {quote.status === "sent" ? <ValidityLine quote={quote} className="block text-xs" onlySoon /> : null}
          </td>
          <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">{formatMoney(quote.total_ttc, quote.currency, locale)}</td>
          <td className="px-4 py-3">
            <QuoteStatusBadge status={quote.status} />
          </td>
        </tr>
      ))}
    </BillingTable>
  );
}

export function QuotesClient({ initialFilter }: { initialFilter?: Filter }) {
  const t = useTranslations("quotes");
  const { clientId } = useClientScope();
  const [filter, choose] = useStatusFilter(initialFilter);
  const quotes = useQuotes({ client: clientId, status: filter === "all" ? undefined : filter });

  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      <StatusFilterChips
        label={t("filterLabel")}
        filters={QUOTE_FILTERS}
        labelOf={(f) => t(`filters.${f}`)}
        value={filter}
        onChange={choose}
      />
      <ListShell
        query={quotes}
        items={quotes.data?.results ?? []}
        skeleton={<SkeletonRows row="h-28 md:h-14" />}
        empty={{
          text: filter === "all" ? t("emptyAll") : t("empty"),
          action:
            filter === "all" ? (
              <Button asChild variant="outline">
                <Link href="/support/nouveau">{t("askQuote")}</Link>
              </Button>
            ) : (
              <Button variant="outline" onClick={() => choose("all")}>
                {t("showAll")}
              </Button>
            ),
        }}
      >
        {(rows) => (
          <BillingList testId="quote-list" rows={rows} card={(quote) => <QuoteCard quote={quote} />} table={<QuoteTable quotes={rows} />} />
        )}
      </ListShell>
    </div>
  );
}
