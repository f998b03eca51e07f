"use client";

import { ListSearchBox } from "@/components/admin/table/list-controls";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Plus, SlidersHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import type { AdminClient } from "@/lib/api/admin";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useAdminClients } from "@/queries/admin-clients";
import { ClientStatusBadge } from "./badges";
import {
  CLIENT_STATUSES,
  DEFAULT_CLIENT_LIST,
  activeFilterCount,
  clientListParams,
  clientListSearch,
  pageCount,
  readClientListState,
  withClientListChange,
  type ClientListState,
} from "./list-state";
import { SavedFilters } from "./saved-filters";

/** The list's state from the address, and a way to change it (the address is replaced, not pushed, while typing). */
function useClientListState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readClientListState(params), [params]);
  const go = (next: ClientListState, mode: "push" | "replace" = "push") => {
    const search = clientListSearch(next);
    const url = search ? `${pathname}?${search}` : pathname;
    if (mode === "push") router.push(url, { scroll: false });
    else router.replace(url, { scroll: false });
  };
  const change = (partial: Partial<ClientListState>, mode?: "push" | "replace") => go(withClientListChange(state, partial), mode);
  const replaceAll = (search: string) => router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
  return { state, change, replaceAll };
}

function Money({ amount, danger }: { amount: number | null | undefined; danger?: boolean }) {
  const locale = useAppLocale();
  if (amount === undefined || amount === null) return <span className="text-muted-foreground">—</span>;
  return <span className={cn("tabular-nums", danger && amount > 0 && "font-medium text-destructive")}>{formatMoney(amount, "XOF", locale)}</span>;
}

function Tags({ client }: { client: AdminClient }) {
  if (!client.sector && !client.tags?.length) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {client.sector ? <Badge tone="info">{client.sector}</Badge> : null}
      {(client.tags ?? []).map((tag) => (
        <Badge key={tag}>{tag}</Badge>
      ))}
    </span>
  );
}

function ClientCard({ client }: { client: AdminClient }) {
  const t = useTranslations("admin.clients");
  return (
    <Link href={`/admin/clients/${client.id}`} className="flex flex-col gap-1.5 rounded-lg border bg-card p-4 hover:bg-accent/60">
      <span className="flex items-start justify-between gap-2">
        <span className="font-semibold break-words">{client.name}</span>
        <ClientStatusBadge status={client.status} />
      </span>
      <span className="text-sm text-muted-foreground">{[client.city, client.country].filter(Boolean).join(", ")}</span>
      {client.sector || client.tags?.length ? <Tags client={client} /> : null}
      <span className="mt-1 grid grid-cols-2 gap-2 text-sm">
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.outstanding")}</span>
          <Money amount={client.outstanding} />
        </span>
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.overdue")}</span>
          <Money amount={client.overdue} danger />
        </span>
      </span>
    </Link>
  );
}


/** The filters, applied together with "Appliquer" (a phone's keyboard would otherwise reload the list at every letter). */
function FiltersPanel({ state, onApply, onClose }: { state: ClientListState; onApply: (change: Partial<ClientListState>) => void; onClose: () => void }) {
  const t = useTranslations("admin.clients");
  const [draft, setDraft] = useState(state);
  const set = (change: Partial<ClientListState>) => setDraft((current) => ({ ...current, ...change }));
  const field = (key: "city" | "country" | "sector" | "tag", props: React.ComponentProps<"input"> = {}) => (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={`filter-${key}`}>{t(`filters.${key}`)}</Label>
      <Input id={`filter-${key}`} value={draft[key]} onChange={(event) => set({ [key]: event.target.value })} {...props} />
    </div>
  );
  return (
    <form
      id="client-filters"
      className="mb-4 grid gap-3 rounded-lg border bg-card p-4 sm:grid-cols-2 lg:grid-cols-3"
      onSubmit={(event) => {
        event.preventDefault();
        onApply({
          status: draft.status,
          city: draft.city.trim(),
          country: draft.country.trim().toUpperCase(),
          sector: draft.sector.trim(),
          tag: draft.tag.trim(),
          has_overdue: draft.has_overdue,
        });
        onClose();
      }}
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="filter-status">{t("filters.status")}</Label>
        <NativeSelect id="filter-status" value={draft.status} onChange={(event) => set({ status: event.target.value as ClientListState["status"] })}>
          <option value="">{t("filters.anyStatus")}</option>
          {CLIENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
      {field("city")}
      {field("country", { maxLength: 2, placeholder: "CI", autoCapitalize: "characters" })}
      {field("sector")}
      {field("tag")}
      <label className="flex min-h-11 items-center gap-3 self-end text-sm font-medium">
        <input
          type="checkbox"
          className="size-5 accent-[var(--primary)]"
          checked={draft.has_overdue}
          onChange={(event) => set({ has_overdue: event.target.checked })}
        />
        {t("filters.hasOverdue")}
      </label>
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-3 sm:justify-end">
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            onApply({ status: "", city: "", country: "", sector: "", tag: "", has_overdue: false });
            onClose();
          }}
        >
          {t("filters.reset")}
        </Button>
        <Button type="submit">{t("filters.apply")}</Button>
      </div>
    </form>
  );
}

export function ClientsList() {
  const t = useTranslations("admin.clients");
  const locale = useAppLocale();
  const { state, change, replaceAll } = useClientListState();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const query = useAdminClients(clientListParams(state));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const pages = pageCount(count);
  const filters = activeFilterCount(state);
  const filtered = filters > 0 || state.q !== "";

  const columns: Column<AdminClient>[] = [
    {
      key: "name",
      header: t("columns.name"),
      sort: "name",
      cell: (client) => (
        <span className="flex flex-col">
          {/* The link covers the whole row. */}
          <Link href={`/admin/clients/${client.id}`} className="font-semibold text-primary after:absolute after:inset-0 hover:underline">
            {client.name}
          </Link>
          {client.legal_name ? <span className="text-xs text-muted-foreground">{client.legal_name}</span> : null}
        </span>
      ),
    },
    { key: "status", header: t("columns.status"), cell: (client) => <ClientStatusBadge status={client.status} /> },
    { key: "segment", header: t("columns.segment"), cell: (client) => <Tags client={client} /> },
    { key: "place", header: t("columns.place"), cell: (client) => [client.city, client.country].filter(Boolean).join(", ") },
    { key: "outstanding", header: t("columns.outstanding"), sort: "outstanding", firstSort: "desc", numeric: true, cell: (client) => <Money amount={client.outstanding} /> },
    { key: "overdue", header: t("columns.overdue"), numeric: true, cell: (client) => <Money amount={client.overdue} danger /> },
    { key: "members", header: t("columns.members"), numeric: true, cell: (client) => client.member_count ?? "—" },
    { key: "created", header: t("columns.created"), sort: "created_at", firstSort: "desc", cell: (client) => <span className="whitespace-nowrap tabular-nums">{formatDate(client.created_at, locale)}</span> },
  ];

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={query.data ? t("count", { count }) : undefined}
        actions={
          <Button asChild>
            <Link href="/admin/clients/nouveau">
              <Plus aria-hidden="true" />
              {t("new")}
            </Link>
          </Button>
        }
      />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <ListSearchBox value={state.q} onSearch={(q) => change({ q }, "replace")} label={t("search")} placeholder={t("searchPlaceholder")} />
        <Button variant="outline" aria-expanded={filtersOpen} aria-controls="client-filters" onClick={() => setFiltersOpen((open) => !open)}>
          <SlidersHorizontal aria-hidden="true" />
          {t("filters.title")}
          {filters > 0 ? <Badge tone="primary">{filters}</Badge> : null}
        </Button>
        <div className="min-w-0 flex-1 md:hidden">
          <Label htmlFor="client-ordering" className="sr-only">
            {t("sortBy")}
          </Label>
          <NativeSelect id="client-ordering" value={state.ordering} onChange={(event) => change({ ordering: event.target.value as ClientListState["ordering"] })}>
            {(["name", "-outstanding", "-created_at"] as const).map((ordering) => (
              <option key={ordering} value={ordering}>
                {t(`ordering.${ordering}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <SavedFilters current={clientListSearch(state, { page: false })} onPick={replaceAll} />
      </div>
      {filtersOpen ? <FiltersPanel state={state} onApply={(partial) => change(partial)} onClose={() => setFiltersOpen(false)} /> : null}
      <ListShell
        query={query}
        items={rows}
        skeleton={<SkeletonRows count={6} row="h-12" />}
        empty={
          filtered
            ? {
                text: t("emptyFiltered"),
                action: (
                  <Button variant="outline" onClick={() => replaceAll(clientListSearch({ ...DEFAULT_CLIENT_LIST, ordering: state.ordering }))}>
                    {t("filters.clearAll")}
                  </Button>
                ),
              }
            : {
                text: t("empty"),
                action: (
                  <Button asChild>
                    <Link href="/admin/clients/nouveau">{t("new")}</Link>
                  </Button>
                ),
              }
        }
      >
        {(clients) => (
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
            <DataTable
              label={t("title")}
              testId="client-table"
              rows={clients}
              rowKey={(client) => client.id}
              columns={columns}
              card={(client) => <ClientCard client={client} />}
              ordering={state.ordering}
              onSort={(ordering) => change({ ordering: ordering as ClientListState["ordering"] })}
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
