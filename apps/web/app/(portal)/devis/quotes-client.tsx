"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { QuoteStatusBadge } from "@/components/badges";
import { FilterChips } from "@/components/billing/filter-chips";
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

type Filter = (typeof QUOTE_FILTERS)[number] | "all";

function rememberFilter(filter: Filter) {
  const url = new URL(window.location.href);
  if (filter === "all") url.searchParams.delete("statut");
  else url.searchParams.set("statut", filter);
  window.history.replaceState(window.history.state, "", url);
}

function QuoteCard({ quote }: { quote: Quote }) {
  const tb = useTranslations("billing");
  const locale = useAppLocale();
  const waiting = quote.status === "sent";
  return (
    <Link
      href={`/devis/${quote.id}`}
      className={cn(
        "flex flex-col gap-1.5 rounded-lg border bg-card p-4 hover:bg-accent/60",
        waiting && "border-sky-300 shadow-[inset_4px_0_0_var(--color-sky-600)]",
      )}
    >
      <span className="flex items-start justify-between gap-2">
        <span className="font-semibold tabular-nums">{quote.number ?? tb("draft")}</span>
        <QuoteStatusBadge status={quote.status} />
      </span>
      {quote.title ? <span className="text-sm break-words">{quote.title}</span> : null}
      {quote.project_name ? <span className="text-xs text-muted-foreground">{quote.project_name}</span> : null}
      <span className="mt-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="text-lg font-semibold tabular-nums">{formatMoney(quote.total_ttc, quote.currency, locale)}</span>
        <ValidityLine quote={quote} className="text-xs" />
      </span>
    </Link>
  );
}

function QuoteTable({ quotes }: { quotes: Quote[] }) {
  const t = useTranslations("quotes");
  const tb = useTranslations("billing");
  const locale = useAppLocale();
  return (
    <div className="overflow-hidden rounded-lg border bg-card">
      <table className="w-full text-sm" data-testid="quote-table">
        <thead className="bg-muted/60 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("number")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("subject")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{tb("issueDate")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("validUntil")}</th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">{t("amount")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("statusLabel")}</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {quotes.map((quote) => (
            <tr key={quote.id} className={cn("relative align-top hover:bg-accent/60", quote.status === "sent" && "bg-sky-50/60")}>
              <td className="px-4 py-3">
                <Link
                  href={`/devis/${quote.id}`}
                  className="font-semibold whitespace-nowrap text-primary tabular-nums after:absolute after:inset-0 hover:underline"
                >
                  {quote.number ?? tb("draft")}
                </Link>
              </td>
              <td className="px-4 py-3">
                <span className="block break-words">{quote.title}</span>
                {quote.project_name ? <span className="block text-xs text-muted-foreground">{quote.project_name}</span> : null}
              </td>
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
        </tbody>
      </table>
    </div>
  );
}

export function QuotesClient({ initialFilter }: { initialFilter?: Filter }) {
  const t = useTranslations("quotes");
  const { clientId } = useClientScope();
  const [filter, setFilter] = useState<Filter>(initialFilter ?? "all");
  const quotes = useQuotes({ client: clientId, status: filter === "all" ? undefined : filter });

  const choose = (next: Filter) => {
    setFilter(next);
    rememberFilter(next);
  };

  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      <FilterChips<Filter>
        label={t("filterLabel")}
        value={filter}
        onChange={choose}
        options={[{ value: "all", label: t("filters.all") }, ...QUOTE_FILTERS.map((f) => ({ value: f, label: t(`filters.${f}`) }))]}
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
          <div data-testid="quote-list">
            <ul className="flex flex-col gap-2 md:hidden">
              {rows.map((quote) => (
                <li key={quote.id}>
                  <QuoteCard quote={quote} />
                </li>
              ))}
            </ul>
            <div className="hidden md:block">
              <QuoteTable quotes={rows} />
            </div>
          </div>
        )}
      </ListShell>
    </div>
  );
}
