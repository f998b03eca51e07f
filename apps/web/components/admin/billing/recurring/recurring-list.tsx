"use client";

import Link from "next/link";
import { Plus } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import { ClientPicker } from "@/components/admin/projects/pickers";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { adminApi } from "@/lib/api/admin";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { adminClientKeys } from "@/queries/admin-clients";
import { BillingTabs } from "../billing-tabs";
import { pageCount } from "../list-state";
import { INVOICES_PATH } from "../paths";
import {
  RECURRING_STATUSES,
  readRecurringListState,
  recurringListParams,
  recurringListSearch,
  recurringPath,
  type Recurring,
  type RecurringListState,
  type RecurringStatus,
} from "./recurring-form";
import { useRecurringList } from "./recurring-queries";

const TONES: Record<RecurringStatus, BadgeTone> = { active: "success", paused: "warning", stopped: "neutral", finished: "info" };

export function RecurringStatusBadge({ status }: { status: RecurringStatus }) {
  const t = useTranslations("admin.billing.recurring.status");
  return (
    <Badge tone={TONES[status]} data-testid="recurring-status">
      {t(status)}
    </Badge>
  );
}

export function NewRecurringButton({ client }: { client?: string }) {
  const t = useTranslations("admin.billing.recurring");
  return (
    <Button asChild>
      <Link href={`${recurringPath()}${client ? `?client=${client}` : ""}`}>
        <Plus aria-hidden="true" />
        {t("new")}
      </Link>
    </Button>
  );
}

function LastInvoice({ template }: { template: Recurring }) {
  const t = useTranslations("admin.billing.recurring");
  return template.last_invoice_id ? (
    <Link href={`${INVOICES_PATH}/${template.last_invoice_id}`} className="relative z-10 text-primary hover:underline">
      {t("lastInvoice")}
    </Link>
  ) : (
    <span className="text-muted-foreground">—</span>
  );
}

function RecurringCard({ template }: { template: Recurring }) {
  const t = useTranslations("admin.billing.recurring");
  const locale = useAppLocale();
  return (
    <div className="relative flex flex-col gap-1.5 rounded-lg border bg-card p-4 hover:bg-accent/60" data-testid="recurring-row">
      <span className="flex items-start justify-between gap-2">
        <Link href={recurringPath(template.id)} className="font-semibold break-words after:absolute after:inset-0 after:rounded-lg hover:underline">
          {template.title || t("untitled")}
        </Link>
        <RecurringStatusBadge status={template.status} />
      </span>
      <span className="text-sm text-muted-foreground">{template.client_name}</span>
      <span className="mt-1 grid grid-cols-2 gap-2 text-sm">
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.amount")}</span>
          <span className="tabular-nums">
            {formatMoney(template.total_ttc, template.currency, locale)} · {t(`rhythm.${template.rhythm}`)}
          </span>
        </span>
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.nextDate")}</span>
          <span className="tabular-nums" data-testid="recurring-next">
            {template.next_date ? formatDate(template.next_date, locale) : "—"}
          </span>
        </span>
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.issued")}</span>
          <span className="tabular-nums">{template.periods_done}</span>
        </span>
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.last")}</span>
          <LastInvoice template={template} />
        </span>
      </span>
    </div>
  );
}

function useListState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readRecurringListState(params), [params]);
  const change = (partial: Partial<RecurringListState>) => {
    const next = { ...state, ...partial, page: partial.page ?? 1 };
    const search = recurringListSearch(next);
    router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  return { state, change };
}

/** Every recurring invoice template for staff, filtered by status and client in the address. */
export function RecurringList() {
  const t = useTranslations("admin.billing.recurring");
  const tb = useTranslations("admin.billing");
  const locale = useAppLocale();
  const { state, change } = useListState();
  const query = useRecurringList(recurringListParams(state));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const pages = pageCount(count);
  const fromRows = rows.find((row) => row.client_id === state.client)?.client_name;
  const client = useQuery({
    queryKey: adminClientKeys.detail(state.client),
    queryFn: () => adminApi().clients.get(state.client),
    enabled: Boolean(state.client) && !fromRows,
  });
  const clientName = fromRows ?? client.data?.name;
  const filtered = Boolean(state.status || state.client);

  const columns: Column<Recurring>[] = [
    {
      key: "client",
      header: tb("columns.client"),
      cell: (row) => (
        <Link href={recurringPath(row.id)} className="font-semibold text-primary after:absolute after:inset-0 hover:underline">
          {row.client_name}
        </Link>
      ),
    },
    { key: "title", header: tb("columns.title"), cell: (row) => <span className="line-clamp-2 break-words">{row.title || t("untitled")}</span>, className: "max-w-64" },
    { key: "rhythm", header: t("columns.rhythm"), cell: (row) => t(`rhythm.${row.rhythm}`) },
    { key: "amount", header: t("columns.amount"), numeric: true, cell: (row) => formatMoney(row.total_ttc, row.currency, locale) },
    {
      key: "next",
      header: t("columns.nextDate"),
      cell: (row) => (
        <span className="whitespace-nowrap tabular-nums" data-testid="recurring-next">
          {row.next_date ? formatDate(row.next_date, locale) : "—"}
        </span>
      ),
    },
    { key: "status", header: tb("columns.status"), cell: (row) => <RecurringStatusBadge status={row.status} /> },
    { key: "issued", header: t("columns.issued"), numeric: true, cell: (row) => row.periods_done },
    { key: "last", header: t("columns.last"), cell: (row) => <LastInvoice template={row} /> },
  ];

  return (
    <div>
      <BillingTabs current="recurring" />
      <PageHeader title={t("title")} description={query.data ? t("count", { count }) : undefined} actions={<NewRecurringButton client={state.client || undefined} />} />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <div className="min-w-0 flex-1 sm:flex-none">
          <Label htmlFor="recurring-status" className="sr-only">
            {tb("filters.status")}
          </Label>
          <NativeSelect id="recurring-status" value={state.status} onChange={(event) => change({ status: event.target.value as RecurringListState["status"] })}>
            <option value="">{tb("filters.anyStatus")}</option>
            {RECURRING_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="min-w-0 flex-1 sm:max-w-64 sm:flex-none">
          <Label htmlFor="recurring-client" className="sr-only">
            {tb("filters.client")}
          </Label>
          <ClientPicker id="recurring-client" value={state.client} selectedName={clientName} emptyLabel={tb("filters.anyClient")} onChange={(id) => change({ client: id })} />
        </div>
      </div>
      <ListShell
        query={query}
        items={rows}
        skeleton={<SkeletonRows count={6} row="h-12" />}
        empty={
          filtered
            ? {
                text: t("emptyFiltered"),
                action: (
                  <Button variant="outline" onClick={() => change({ status: "", client: "" })}>
                    {tb("filters.clearAll")}
                  </Button>
                ),
              }
            : { text: t("empty"), action: <NewRecurringButton /> }
        }
      >
        {(templates) => (
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
            <DataTable
              label={t("title")}
              testId="recurring-table"
              rows={templates}
              rowKey={(row) => row.id}
              columns={columns}
              card={(row) => <RecurringCard template={row} />}
            />
            <Pagination
              page={state.page}
              pages={pages}
              onPage={(page) => change({ page })}
              labels={{ previous: tb("previous"), next: tb("next"), nav: tb("pagination"), position: tb("pageOf", { page: state.page, pages }) }}
            />
          </div>
        )}
      </ListShell>
    </div>
  );
}
