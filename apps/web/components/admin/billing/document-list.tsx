"use client";

/**
 * The scaffolding the staff quote and invoice lists share (./quotes-list.tsx, ./invoices-list.tsx):
 * their state in the address, the filters bar, the chips, the client's name and link, and the
 * list's body with its pager. The rules of their state are in ./document-list-state.ts.
 */
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { ActiveFilterChips, ListSearchBox } from "@/components/admin/table/list-controls";
import { Pagination } from "@/components/admin/table/data-table";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { adminApi } from "@/lib/api/admin";
import type { ShellQuery } from "@/lib/list-state";
import { cn } from "@/lib/utils";
import { adminClientKeys } from "@/queries/admin-clients";
import { pageCount } from "./document-list-state";

type ChangeMode = "push" | "replace";

/** How a list reads, writes and changes its state (its list-state module's functions). */
export type ListAddress<T> = {
  read: (params: Pick<URLSearchParams, "get">) => T;
  search: (state: T) => string;
  withChange: (state: T, change: Partial<T>) => T;
  withoutFilters: (state: T) => T;
};

/** The list's state from the address, and a way to change it (the address is replaced, not pushed, while typing). */
export function useListAddress<T>({ read, search, withChange, withoutFilters }: ListAddress<T>) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => read(params), [read, params]);
  const go = (next: T, mode: ChangeMode = "push") => {
    const query = search(next);
    const url = query ? `${pathname}?${query}` : pathname;
    if (mode === "push") router.push(url, { scroll: false });
    else router.replace(url, { scroll: false });
  };
  const change = (partial: Partial<T>, mode?: ChangeMode) => go(withChange(state, partial), mode);
  const reset = () => go(withoutFilters(state));
  return { state, change, reset };
}

/**
 * Search, status and (on phones) the sort, with the list's own filters between the status and the
 * sort; the table's headers sort on wider screens.
 */
export function DocumentFiltersBar<S extends string, O extends string, P extends O>({
  kind,
  state,
  onChange,
  statuses,
  statusLabel,
  orderings,
  orderingLabel,
  searchLabel,
  searchPlaceholder,
  children,
}: {
  /** Ids of the menus: `<kind>-status`, `<kind>-ordering`. */
  kind: "quote" | "invoice";
  state: { status: S | ""; search: string; ordering: O };
  onChange: (change: { status?: S | ""; search?: string; ordering?: O }, mode?: ChangeMode) => void;
  statuses: readonly S[];
  statusLabel: (status: S) => string;
  /** The sorts the phone's menu offers; another one in the address shows as "Autre tri". */
  orderings: readonly P[];
  orderingLabel: (ordering: P) => string;
  searchLabel: string;
  searchPlaceholder: string;
  children?: React.ReactNode;
}) {
  const t = useTranslations("admin.billing");
  const known: readonly string[] = orderings;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      <ListSearchBox value={state.search} onSearch={(search) => onChange({ search }, "replace")} label={searchLabel} placeholder={searchPlaceholder} />
      <div className="min-w-0 flex-1 sm:flex-none">
        <Label htmlFor={`${kind}-status`} className="sr-only">
          {t("filters.status")}
        </Label>
        <NativeSelect id={`${kind}-status`} value={state.status} onChange={(event) => onChange({ status: event.target.value as S | "" })}>
          <option value="">{t("filters.anyStatus")}</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </NativeSelect>
      </div>
      {children}
      <div className="min-w-0 basis-full md:hidden">
        <Label htmlFor={`${kind}-ordering`} className="sr-only">
          {t("sortBy")}
        </Label>
        <NativeSelect id={`${kind}-ordering`} value={state.ordering} onChange={(event) => onChange({ ordering: event.target.value as O })}>
          {orderings.map((ordering) => (
            <option key={ordering} value={ordering}>
              {orderingLabel(ordering)}
            </option>
          ))}
          {known.includes(state.ordering) ? null : <option value={state.ordering}>{t("ordering.other")}</option>}
        </NativeSelect>
      </div>
    </div>
  );
}

/** Each filter in use as a chip that removes it; "Effacer les filtres" removes them all. */
export function DocumentFilterChips<K extends string>({ chips, onRemove, onClear }: { chips: { key: K; label: string }[]; onRemove: (key: K) => void; onClear: () => void }) {
  const t = useTranslations("admin.billing");
  return (
    <ActiveFilterChips
      chips={chips}
      label={t("filters.active")}
      removeLabel={(chip) => t("filters.remove", { label: chip })}
      clearLabel={t("filters.clearAll")}
      onRemove={onRemove}
      onClear={onClear}
    />
  );
}

type ClientOf = { client_id: string; client_name: string };

/** The client filter's name: from the rows when one is on screen, else from the client itself. */
export function useClientName(clientId: string, rows: ClientOf[]): string | undefined {
  const fromRows = rows.find((row) => row.client_id === clientId)?.client_name;
  const client = useQuery({
    queryKey: adminClientKeys.detail(clientId),
    queryFn: () => adminApi().clients.get(clientId),
    enabled: Boolean(clientId) && !fromRows,
  });
  return fromRows ?? client.data?.name;
}

export function ClientLink({ document }: { document: ClientOf }) {
  // Above the row's own link, which covers the whole row.
  return (
    <Link href={`/admin/clients/${document.client_id}`} className="relative z-10 break-words text-primary hover:underline">
      {document.client_name}
    </Link>
  );
}

/**
 * The list's loading, error and empty faces (an empty search or filter offers to clear them), then
 * its rows, dimmed while the next page loads, and the pager.
 */
export function DocumentListBody<T>({
  query,
  rows,
  count,
  page,
  onPage,
  filtered,
  onClear,
  empty,
  children,
}: {
  query: ShellQuery & { isPlaceholderData: boolean };
  rows: T[];
  /** Rows in the whole list, for the pager. */
  count: number;
  page: number;
  onPage: (page: number) => void;
  filtered: boolean;
  onClear: () => void;
  /** Without filters: what the empty list means and what to do; with filters: what it means. */
  empty: { text: string; action: React.ReactNode; filteredText: string };
  children: (rows: T[]) => React.ReactNode;
}) {
  const t = useTranslations("admin.billing");
  const pages = pageCount(count);
  return (
    <ListShell
      query={query}
      items={rows}
      skeleton={<SkeletonRows count={6} row="h-12" />}
      empty={
        filtered
          ? {
              text: empty.filteredText,
              action: (
                <Button variant="outline" onClick={onClear}>
                  {t("filters.clearAll")}
                </Button>
              ),
            }
          : { text: empty.text, action: empty.action }
      }
    >
      {(items) => (
        <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
          {children(items)}
          <Pagination
            page={page}
            pages={pages}
            onPage={onPage}
            labels={{ previous: t("previous"), next: t("next"), nav: t("pagination"), position: t("pageOf", { page, pages }) }}
          />
        </div>
      )}
    </ListShell>
  );
}
