"use client";

import Link from "next/link";
import { SlidersHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { InvoiceStatusBadge } from "@/components/badges";
import { DueStatus, isLate } from "@/components/billing/due-status";
import { PageHeader } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DataTable, type Column } from "@/components/admin/table/data-table";
import type { Invoice } from "@/lib/api/types";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { ClientPicker, ProjectPicker } from "@/components/admin/projects/pickers";
import { projectKeys } from "@/queries/projects";
import { api, unwrap } from "@/lib/api/client";
import { BillingTabs, NewDocumentButton } from "./billing-tabs";
import { BulkActions } from "./bulk-actions";
import { visibleSelection } from "./bulk";
import { ClientLink, DocumentFilterChips, DocumentFiltersBar, DocumentListBody, useClientName, useListAddress, type ListAddress } from "./document-list";
import { ExportLinks, InvoiceTotalsFooter } from "./list-footer";
import { INVOICES_PATH } from "./paths";
import {
  AMOUNT_FILTERS,
  DATE_FILTERS,
  INVOICE_STATUS_FILTERS,
  activeChips,
  invoiceListParams,
  invoiceListSearch,
  isBadAmountRange,
  parseAmount,
  readInvoiceListState,
  withInvoiceListChange,
  withoutFilters,
  type ChipFilter,
  type InvoiceListState,
  type InvoiceOrdering,
} from "./list-state";
import { useStaffInvoices } from "./queries";

/** The orderings the phone's sort menu offers (the table's headers sort by any column). */
const PHONE_ORDERINGS = ["-issue_date", "due_date", "-total_ttc", "number"] as const;

const INVOICE_LIST: ListAddress<InvoiceListState> = {
  read: readInvoiceListState,
  search: invoiceListSearch,
  withChange: withInvoiceListChange,
  withoutFilters,
};

function Money({ amount, currency, danger }: { amount: number; currency: string; danger?: boolean }) {
  const locale = useAppLocale();
  return <span className={cn("tabular-nums", danger && amount > 0 && "font-medium text-destructive")}>{formatMoney(amount, currency, locale)}</span>;
}

function DueDate({ invoice }: { invoice: Invoice }) {
  const locale = useAppLocale();
  const late = isLate(invoice);
  return (
    <span className="flex flex-col">
      <span className={cn("whitespace-nowrap tabular-nums", late && "font-semibold text-destructive")}>
        {invoice.due_date ? formatDate(invoice.due_date, locale) : "—"}
      </span>
      <DueStatus invoice={invoice} className="text-xs" />
    </span>
  );
}

function InvoiceCard({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.billing");
  const locale = useAppLocale();
  const number = invoice.number ?? t("draft");
  return (
    <div className="relative flex flex-col gap-1.5 rounded-lg border bg-card p-4 hover:bg-accent/60" data-testid="invoice-row">
      <span className="flex items-start justify-between gap-2">
        <Link href={`${INVOICES_PATH}/${invoice.id}`} className="font-semibold tabular-nums after:absolute after:inset-0 after:rounded-lg hover:underline">
          {number}
        </Link>
        <InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} />
      </span>
      <span className="text-sm">
        <ClientLink document={invoice} />
      </span>
      {invoice.title ? <span className="text-sm break-words text-muted-foreground">{invoice.title}</span> : null}
      <span className="mt-1 grid grid-cols-2 gap-2 text-sm">
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.issueDate")}</span>
          <span className="tabular-nums">{invoice.issue_date ? formatDate(invoice.issue_date, locale) : "—"}</span>
        </span>
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.dueDate")}</span>
          <DueDate invoice={invoice} />
        </span>
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.total")}</span>
          <Money amount={invoice.total_ttc} currency={invoice.currency} />
        </span>
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.balance")}</span>
          <Money amount={invoice.balance_due} currency={invoice.currency} danger={isLate(invoice)} />
        </span>
      </span>
    </div>
  );
}


type DraftFilters = Pick<InvoiceListState, (typeof DATE_FILTERS)[number] | (typeof AMOUNT_FILTERS)[number] | "client" | "project">;
const NO_PANEL_FILTERS: DraftFilters = { client: "", project: "", issued_after: "", issued_before: "", due_after: "", due_before: "", amount_min: "", amount_max: "" };

/**
 * The client, its project, the date ranges and the amount range, applied together with
 * "Appliquer" (a phone's date picker would otherwise reload the list at each step).
 */
function FiltersPanel({
  state,
  names,
  onApply,
  onClose,
}: {
  state: InvoiceListState;
  names: { client?: string; project?: string };
  onApply: (change: DraftFilters) => void;
  onClose: () => void;
}) {
  const t = useTranslations("admin.billing.filters");
  const locale = useAppLocale();
  const [draft, setDraft] = useState<DraftFilters>(() => ({
    client: state.client,
    project: state.project,
    issued_after: state.issued_after,
    issued_before: state.issued_before,
    due_after: state.due_after,
    due_before: state.due_before,
    amount_min: state.amount_min ? formatNumber(Number(state.amount_min), locale) : "",
    amount_max: state.amount_max ? formatNumber(Number(state.amount_max), locale) : "",
  }));
  const badRange = (from: string, to: string) => Boolean(from && to && from > to);
  const amounts = { amount_min: parseAmount(draft.amount_min), amount_max: parseAmount(draft.amount_max) };
  const unreadable = (key: (typeof AMOUNT_FILTERS)[number]) => draft[key].trim() !== "" && amounts[key] === "";
  const badAmounts = isBadAmountRange(amounts.amount_min, amounts.amount_max);
  const amountError = unreadable("amount_min") || unreadable("amount_max") ? t("amountUnreadable") : badAmounts ? t("amountBadRange") : undefined;
  const invalid = badRange(draft.issued_after, draft.issued_before) || badRange(draft.due_after, draft.due_before) || amountError !== undefined;
  const range = (legend: "issued" | "due", from: (typeof DATE_FILTERS)[number], to: (typeof DATE_FILTERS)[number]) => (
    <fieldset className="flex min-w-0 flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{t(legend)}</legend>
      <div className="grid grid-cols-1 gap-2 min-[400px]:grid-cols-2">
        {([from, to] as const).map((key, index) => (
          <div key={key} className="flex min-w-0 flex-col gap-1.5">
            <Label htmlFor={`filter-${key}`} className="text-xs text-muted-foreground">
              {t(index === 0 ? "from" : "to")}
            </Label>
            <Input
              id={`filter-${key}`}
              type="date"
              value={draft[key]}
              aria-invalid={badRange(draft[from], draft[to]) || undefined}
              aria-describedby={badRange(draft[from], draft[to]) ? "filter-range-error" : undefined}
              onChange={(event) => setDraft((current) => ({ ...current, [key]: event.target.value }))}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
  return (
    <form
      id="invoice-filters"
      className="mb-4 grid gap-4 rounded-lg border bg-card p-4 md:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (invalid) return;
        onApply({ ...draft, ...amounts });
        onClose();
      }}
    >
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="filter-client" className="text-sm font-medium">
          {t("client")}
        </Label>
        <ClientPicker
          id="filter-client"
          value={draft.client}
          selectedName={names.client}
          emptyLabel={t("anyClient")}
          onChange={(client) => setDraft((current) => ({ ...current, client, project: client === current.client ? current.project : "" }))}
        />
      </div>
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="filter-project" className="text-sm font-medium">
          {t("project")}
        </Label>
        <ProjectPicker
          id="filter-project"
          clientId={draft.client}
          value={draft.project}
          selectedName={names.project}
          emptyLabel={t("anyProject")}
          noClientLabel={t("chooseClientFirst")}
          onChange={(project) => setDraft((current) => ({ ...current, project }))}
        />
      </div>
      {range("issued", "issued_after", "issued_before")}
      {range("due", "due_after", "due_before")}
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("amount")}</legend>
        <div className="grid grid-cols-1 gap-2 min-[400px]:grid-cols-2">
          {AMOUNT_FILTERS.map((key) => (
            <div key={key} className="flex min-w-0 flex-col gap-1.5">
              <Label htmlFor={`filter-${key}`} className="text-xs text-muted-foreground">
                {t(key === "amount_min" ? "amountMin" : "amountMax")}
              </Label>
              <Input
                id={`filter-${key}`}
                inputMode="numeric"
                autoComplete="off"
                placeholder={key === "amount_min" ? "100 000" : "500 000"}
                value={draft[key]}
                aria-invalid={unreadable(key) || badAmounts || undefined}
                aria-describedby={amountError ? "filter-amount-error" : undefined}
                onChange={(event) => setDraft((current) => ({ ...current, [key]: event.target.value }))}
              />
            </div>
          ))}
        </div>
        {amountError ? (
          <p id="filter-amount-error" role="alert" className="text-sm text-destructive">
            {amountError}
          </p>
        ) : null}
      </fieldset>
      {badRange(draft.issued_after, draft.issued_before) || badRange(draft.due_after, draft.due_before) ? (
        <p id="filter-range-error" role="alert" className="text-sm text-destructive md:col-span-2">
          {t("badRange")}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2 md:col-span-2 sm:justify-end">
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            onApply(NO_PANEL_FILTERS);
            onClose();
          }}
        >
          {t("reset")}
        </Button>
        <Button type="submit">{t("apply")}</Button>
      </div>
    </form>
  );
}

/** The project filter's name: from the rows when one is on screen, else from the project itself. */
function useProjectName(projectId: string, rows: Invoice[]): string | undefined {
  const fromRows = rows.find((invoice) => invoice.project_id === projectId)?.project_name ?? undefined;
  const project = useQuery({
    queryKey: projectKeys.detail(projectId),
    queryFn: () => unwrap(api.GET("/api/projects/{id}/", { params: { path: { id: projectId } } })),
    enabled: Boolean(projectId) && !fromRows,
  });
  return fromRows ?? project.data?.name;
}

/** Each filter in use as a chip that removes it; "Effacer les filtres" removes them all. */
function FilterChips({
  state,
  clientName,
  projectName,
  onRemove,
  onClear,
}: {
  state: InvoiceListState;
  clientName: string | undefined;
  projectName: string | undefined;
  onRemove: (key: ChipFilter) => void;
  onClear: () => void;
}) {
  const t = useTranslations("admin.billing");
  const locale = useAppLocale();
  const label = (key: ChipFilter) => {
    if (key === "status") return t("chips.status", { value: state.status ? t(`status.${state.status}`) : "" });
    if (key === "client") return t("chips.client", { value: clientName ?? t("chips.unknownClient") });
    if (key === "project") return t("chips.project", { value: projectName ?? t("chips.unknownProject") });
    if (key === "amount_min" || key === "amount_max") return t(`chips.${key}`, { value: formatNumber(Number(state[key]), locale) });
    return t(`chips.${key}`, { value: formatDate(state[key], locale) });
  };
  return <DocumentFilterChips chips={activeChips(state).map((key) => ({ key, label: label(key) }))} onRemove={onRemove} onClear={onClear} />;
}

/** Every client's invoices for staff: server-side paging, sorting and filters, all in the address. */
export function InvoicesList() {
  const t = useTranslations("admin.billing");
  const locale = useAppLocale();
  const { state, change, reset } = useListAddress(INVOICE_LIST);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const query = useStaffInvoices(invoiceListParams(state));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const clientName = useClientName(state.client, rows);
  const projectName = useProjectName(state.project, rows);
  const chips = activeChips(state);
  const panelFilters = [...DATE_FILTERS, ...AMOUNT_FILTERS, "client", "project"].filter((key) => state[key as keyof DraftFilters]).length;
  // Ticked rows, on this page only: another page or other filters start with none.
  const [ticked, setTicked] = useState<{ list: string; ids: ReadonlySet<string> }>({ list: "", ids: new Set() });
  const listKey = invoiceListSearch(state);
  const selected = ticked.list === listKey ? visibleSelection(ticked.ids, rows) : new Set<string>();
  const select = (ids: Set<string>) => setTicked({ list: listKey, ids });
  const filtered = chips.length > 0 || state.search !== "";

  const columns: Column<Invoice>[] = [
    {
      key: "number",
      header: t("columns.number"),
      sort: "number",
      cell: (invoice) => (
        // The link covers the whole row.
        <Link href={`${INVOICES_PATH}/${invoice.id}`} className="font-semibold whitespace-nowrap text-primary tabular-nums after:absolute after:inset-0 hover:underline">
          {invoice.number ?? t("draft")}
        </Link>
      ),
    },
    { key: "client", header: t("columns.client"), cell: (invoice) => <ClientLink document={invoice} /> },
    { key: "title", header: t("columns.title"), cell: (invoice) => <span className="line-clamp-2 break-words">{invoice.title}</span>, className: "max-w-64" },
    {
      key: "issue_date",
      header: t("columns.issueDate"),
      sort: "issue_date",
      firstSort: "desc",
      cell: (invoice) => <span className="whitespace-nowrap tabular-nums">{invoice.issue_date ? formatDate(invoice.issue_date, locale) : "—"}</span>,
    },
    { key: "due_date", header: t("columns.dueDate"), sort: "due_date", cell: (invoice) => <DueDate invoice={invoice} /> },
    {
      key: "total",
      header: t("columns.total"),
      sort: "total_ttc",
      firstSort: "desc",
      numeric: true,
      cell: (invoice) => <Money amount={invoice.total_ttc} currency={invoice.currency} />,
    },
    {
      key: "balance",
      header: t("columns.balance"),
      numeric: true,
      cell: (invoice) => <Money amount={invoice.balance_due} currency={invoice.currency} danger={isLate(invoice)} />,
    },
    { key: "status", header: t("columns.status"), sort: "status", cell: (invoice) => <InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} /> },
  ];

  return (
    <div>
      <BillingTabs current="invoice" />
      <PageHeader
        title={t("title")}
        description={query.data ? t("count", { count }) : undefined}
        actions={<NewDocumentButton kind="invoice" client={state.client || undefined} project={state.project || undefined} />}
      />
      <DocumentFiltersBar
        kind="invoice"
        state={state}
        onChange={change}
        statuses={INVOICE_STATUS_FILTERS}
        statusLabel={(status) => t(`status.${status}`)}
        orderings={PHONE_ORDERINGS}
        orderingLabel={(ordering) => t(`ordering.${ordering}`)}
        searchLabel={t("search")}
        searchPlaceholder={t("searchPlaceholder")}
      >
        <Button variant="outline" aria-expanded={filtersOpen} aria-controls="invoice-filters" onClick={() => setFiltersOpen((open) => !open)}>
          <SlidersHorizontal aria-hidden="true" />
          {t("filters.title")}
          {panelFilters > 0 ? <Badge tone="primary">{panelFilters}</Badge> : null}
        </Button>
      </DocumentFiltersBar>
      {filtersOpen ? (
        <FiltersPanel state={state} names={{ client: clientName, project: projectName }} onApply={(filters) => change(filters)} onClose={() => setFiltersOpen(false)} />
      ) : null}
      <FilterChips
        state={state}
        clientName={clientName}
        projectName={projectName}
        // Without its client, a project filter would not show in the panel's menu: both go together.
        onRemove={(key) => change(key === "client" ? { client: "", project: "" } : { [key]: "" })}
        onClear={reset}
      />
      <BulkActions rows={rows} selected={selected} onClear={() => select(new Set())} />
      <DocumentListBody
        query={query}
        rows={rows}
        count={count}
        page={state.page}
        onPage={(page) => change({ page })}
        filtered={filtered}
        onClear={reset}
        empty={{ text: t("empty"), action: <NewDocumentButton kind="invoice" />, filteredText: t("emptyFiltered") }}
      >
        {(invoices) => (
          <>
            <DataTable
              label={t("title")}
              testId="invoice-table"
              rows={invoices}
              rowKey={(invoice) => invoice.id}
              columns={columns}
              card={(invoice) => <InvoiceCard invoice={invoice} />}
              ordering={state.ordering}
              onSort={(ordering) => change({ ordering: ordering as InvoiceOrdering })}
              selection={{
                selected,
                onToggle: (invoice, on) => {
                  const next = new Set(selected);
                  if (on) next.add(invoice.id);
                  else next.delete(invoice.id);
                  select(next);
                },
                onToggleAll: (on) => select(on ? new Set(invoices.map((invoice) => invoice.id)) : new Set()),
                rowLabel: (invoice) => t("bulk.selectRow", { number: invoice.number ?? `${t("draft")} · ${invoice.client_name}` }),
                allLabel: t("bulk.selectAll"),
              }}
            />
            <InvoiceTotalsFooter state={state} />
            <ExportLinks state={state} />
          </>
        )}
      </DocumentListBody>
    </div>
  );
}
