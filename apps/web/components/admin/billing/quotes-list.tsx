"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { ActiveFilterChips, ListSearchBox } from "@/components/admin/table/list-controls";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import { ClientPicker } from "@/components/admin/projects/pickers";
import { QuoteStatusBadge } from "@/components/badges";
import { ValidityLine } from "@/components/billing/validity";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { adminApi } from "@/lib/api/admin";
import type { Quote } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { adminClientKeys } from "@/queries/admin-clients";
import { BillingTabs, NewDocumentButton } from "./billing-tabs";
import { useStaffQuotes } from "./desk-queries";
import { pageCount } from "./list-state";
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

function useQuoteListState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readQuoteListState(params), [params]);
  const go = (next: QuoteListState, mode: "push" | "replace" = "push") => {
    const search = quoteListSearch(next);
    const url = search ? `${pathname}?${search}` : pathname;
    if (mode === "push") router.push(url, { scroll: false });
    else router.replace(url, { scroll: false });
  };
  const change = (partial: Partial<QuoteListState>, mode?: "push" | "replace") => go(withQuoteListChange(state, partial), mode);
  return { state, change, reset: () => go(withoutQuoteFilters(state)) };
}

function ClientLink({ quote }: { quote: Quote }) {
  return (
    <Link href={`/admin/clients/${quote.client_id}`} className="relative z-10 break-words text-primary hover:underline">
      {quote.client_name}
    </Link>
  );
}

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
        <ClientLink quote={quote} />
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

function useClientName(clientId: string, rows: Quote[]): string | undefined {
  const fromRows = rows.find((quote) => quote.client_id === clientId)?.client_name;
  const client = useQuery({
    queryKey: adminClientKeys.detail(clientId),
    queryFn: () => adminApi().clients.get(clientId),
    enabled: Boolean(clientId) && !fromRows,
  });
  return fromRows ?? client.data?.name;
}

/** Every client's quotes for staff: server-side paging, sorting and filters (status, client, search), all in the address. */
export function QuotesList() {
  const t = useTranslations("admin.billing");
  const locale = useAppLocale();
  const { state, change, reset } = useQuoteListState();
  const query = useStaffQuotes(quoteListParams(state));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const pages = pageCount(count);
  const clientName = useClientName(state.client, rows);
  const filtered = activeQuoteChips(state).length > 0 || state.search !== "";
  const phoneOrderings: string[] = [...PHONE_ORDERINGS];

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
    { key: "client", header: t("columns.client"), cell: (quote) => <ClientLink quote={quote} /> },
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
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <ListSearchBox value={state.search} onSearch={(search) => change({ search }, "replace")} label={t("quotes.search")} placeholder={t("quotes.searchPlaceholder")} />
        <div className="min-w-0 flex-1 sm:flex-none">
          <Label htmlFor="quote-status" className="sr-only">
            {t("filters.status")}
          </Label>
          <NativeSelect id="quote-status" value={state.status} onChange={(event) => change({ status: event.target.value as QuoteListState["status"] })}>
            <option value="">{t("filters.anyStatus")}</option>
            {QUOTE_STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {t(`quotes.status.${status}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="min-w-0 flex-1 sm:max-w-64 sm:flex-none">
          <Label htmlFor="quote-client" className="sr-only">
            {t("filters.client")}
          </Label>
          <ClientPicker id="quote-client" value={state.client} selectedName={clientName} emptyLabel={t("filters.anyClient")} onChange={(client) => change({ client })} />
        </div>
        <div className="min-w-0 basis-full md:hidden">
          <Label htmlFor="quote-ordering" className="sr-only">
            {t("sortBy")}
          </Label>
          <NativeSelect id="quote-ordering" value={state.ordering} onChange={(event) => change({ ordering: event.target.value as QuoteOrdering })}>
            {PHONE_ORDERINGS.map((ordering) => (
              <option key={ordering} value={ordering}>
                {t(`quotes.ordering.${ordering}`)}
              </option>
            ))}
            {phoneOrderings.includes(state.ordering) ? null : <option value={state.ordering}>{t("ordering.other")}</option>}
          </NativeSelect>
        </div>
      </div>
      <ActiveFilterChips
        chips={activeQuoteChips(state).map((key) => ({ key, label: chipLabel(key) }))}
        label={t("filters.active")}
        removeLabel={(chip) => t("filters.remove", { label: chip })}
        clearLabel={t("filters.clearAll")}
        onRemove={(key) => change({ [key]: "" })}
        onClear={reset}
      />
      <ListShell
        query={query}
        items={rows}
        skeleton={<SkeletonRows count={6} row="h-12" />}
        empty={
          filtered
            ? {
                text: t("quotes.emptyFiltered"),
                action: (
                  <Button variant="outline" onClick={reset}>
                    {t("filters.clearAll")}
                  </Button>
                ),
              }
            : { text: t("quotes.empty"), action: <NewDocumentButton kind="quote" /> }
        }
      >
        {(quotes) => (
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
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
            <Pagination
              page={state.page}
              pages={pages}
              onPage={(page) => change({ page })}
              labels={{ previous: t("previous"), next: t("next"), nav: t("pagination"), position: t("pageOf", { page: state.page, pages }) }}
            />
          </div>
        )}
      </ListShell>
    </div>
  );
}
