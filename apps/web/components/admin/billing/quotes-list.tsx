"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { DataTable, type Column } from "@/components/admin/table/data-table";
import { ClientPicker } from "@/components/admin/projects/pickers";
import { QuoteStatusBadge } from "@/components/badges";
import { ValidityLine } from "@/components/billing/validity";
import { PageHeader } from "@/components/states";
import { Label } from "@/components/ui/label";
import type { Quote } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { BillingTabs, NewDocumentButton } from "./billing-tabs";
import { useStaffQuotes } from "./desk-queries";
import { ClientLink, DocumentFilterChips, DocumentFiltersBar, DocumentListBody, useClientName, useListAddress, type ListAddress } from "./document-list";
import { QUOTES_PATH } from "./paths";
import {
  QUOTE_STATUS_FILTERS,
  activeQuoteChips,
  quoteListParams,
  quoteListSearch,
  readQuoteListState,
  withQuoteListChange,
  withoutQuoteFilters,
  type QuoteListState,
  type QuoteOrdering,
} from "./quote-list-state";

const PHONE_ORDERINGS = ["-issue_date", "valid_until", "-total_ttc", "number"] as const;

const QUOTE_LIST: ListAddress<QuoteListState> = {
  read: readQuoteListState,
  search: quoteListSearch,
  withChange: withQuoteListChange,
  withoutFilters: withoutQuoteFilters,
};

function ValidUntil({ quote }: { quote: Quote }) {
  const locale = useAppLocale();
  return (
    <span className="flex flex-col">
      <span className="whitespace-nowrap tabular-nums">{quote.valid_until ? formatDate(quote.valid_until, locale) : "—"}</span>
      <ValidityLine quote={quote} onlySoon className="text-xs" />
    </span>
  );
}

function QuoteCard({ quote }: { quote: Quote }) {
  const t = useTranslations("admin.billing");
  const locale = useAppLocale();
  const number = quote.number ?? t("draft");
  return (
    <div className="relative flex flex-col gap-1.5 rounded-lg border bg-card p-4 hover:bg-accent/60" data-testid="quote-row">
      <span className="flex items-start justify-between gap-2">
        <Link href={`${QUOTES_PATH}/${quote.id}`} className="font-semibold tabular-nums after:absolute after:inset-0 after:rounded-lg hover:underline">
          {number}
        </Link>
        <QuoteStatusBadge status={quote.status} />
      </span>
      <span className="text-sm">
        <ClientLink document={quote} />
      </span>
      {quote.title ? <span className="text-sm break-words text-muted-foreground">{quote.title}</span> : null}
      <span className="mt-1 grid grid-cols-2 gap-2 text-sm">
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("quotes.columns.validUntil")}</span>
          <ValidUntil quote={quote} />
        </span>
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.total")}</span>
          <span className="tabular-nums">{formatMoney(quote.total_ttc, quote.currency, locale)}</span>
        </span>
      </span>
    </div>
  );
}

/** Every client's quotes for staff: server-side paging, sorting and filters (status, client, search), all in the address. */
export function QuotesList() {
  const t = useTranslations("admin.billing");
  const locale = useAppLocale();
  const { state, change, reset } = useListAddress(QUOTE_LIST);
  const query = useStaffQuotes(quoteListParams(state));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const clientName = useClientName(state.client, rows);
  const filtered = activeQuoteChips(state).length > 0 || state.search !== "";

  const columns: Column<Quote>[] = [
    {
      key: "number",
      header: t("columns.number"),
      sort: "number",
      cell: (quote) => (
        <Link href={`${QUOTES_PATH}/${quote.id}`} className="font-semibold whitespace-nowrap text-primary tabular-nums after:absolute after:inset-0 hover:underline">
          {quote.number ?? t("draft")}
        </Link>
      ),
    },
    { key: "client", header: t("columns.client"), cell: (quote) => <ClientLink document={quote} /> },
    { key: "title", header: t("columns.title"), cell: (quote) => <span className="line-clamp-2 break-words">{quote.title}</span>, className: "max-w-64" },
    {
      key: "issue_date",
      header: t("quotes.columns.issueDate"),
      sort: "issue_date",
      firstSort: "desc",
      cell: (quote) => <span className="whitespace-nowrap tabular-nums">{quote.issue_date ? formatDate(quote.issue_date, locale) : "—"}</span>,
    },
    { key: "valid_until", header: t("quotes.columns.validUntil"), sort: "valid_until", cell: (quote) => <ValidUntil quote={quote} /> },
    {
      key: "total",
      header: t("columns.total"),
      sort: "total_ttc",
      firstSort: "desc",
      numeric: true,
      cell: (quote) => formatMoney(quote.total_ttc, quote.currency, locale),
    },
    { key: "status", header: t("columns.status"), sort: "status", cell: (quote) => <QuoteStatusBadge status={quote.status} /> },
  ];

  const chipLabel = (key: "status" | "client") =>
    key === "status" ? t("chips.status", { value: state.status ? t(`quotes.status.${state.status}`) : "" }) : t("chips.client", { value: clientName ?? t("chips.unknownClient") });

  return (
    <div>
      <BillingTabs current="quote" />
      <PageHeader
        title={t("quotes.title")}
        description={query.data ? t("quotes.count", { count }) : undefined}
        actions={<NewDocumentButton kind="quote" client={state.client || undefined} />}
      />
      <DocumentFiltersBar
        kind="quote"
        state={state}
        onChange={change}
        statuses={QUOTE_STATUS_FILTERS}
        statusLabel={(status) => t(`quotes.status.${status}`)}
        orderings={PHONE_ORDERINGS}
        orderingLabel={(ordering) => t(`quotes.ordering.${ordering}`)}
        searchLabel={t("quotes.search")}
        searchPlaceholder={t("quotes.searchPlaceholder")}
      >
        <div className="min-w-0 flex-1 sm:max-w-64 sm:flex-none">
          <Label htmlFor="quote-client" className="sr-only">
            {t("filters.client")}
          </Label>
          <ClientPicker id="quote-client" value={state.client} selectedName={clientName} emptyLabel={t("filters.anyClient")} onChange={(client) => change({ client })} />
        </div>
      </DocumentFiltersBar>
      <DocumentFilterChips chips={activeQuoteChips(state).map((key) => ({ key, label: chipLabel(key) }))} onRemove={(key) => change({ [key]: "" })} onClear={reset} />
      <DocumentListBody
        query={query}
        rows={rows}
        count={count}
        page={state.page}
        onPage={(page) => change({ page })}
        filtered={filtered}
        onClear={reset}
        empty={{ text: t("quotes.empty"), action: <NewDocumentButton kind="quote" />, filteredText: t("quotes.emptyFiltered") }}
      >
        {(quotes) => (
          <DataTable
            label={t("quotes.title")}
            testId="quote-table"
            rows={quotes}
            rowKey={(quote) => quote.id}
            columns={columns}
            card={(quote) => <QuoteCard quote={quote} />}
            ordering={state.ordering}
            onSort={(ordering) => change({ ordering: ordering as QuoteOrdering })}
          />
        )}
      </DocumentListBody>
    </div>
  );
}
