"use client";

import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { nextOrdering, sortDirection } from "./sort";

export type Column<T> = {
  key: string;
  header: string;
  cell: (row: T) => React.ReactNode;
  /** The API's ordering field; the header then sorts by it. */
  sort?: string;
  /** Which way a first click sorts (amounts: largest first). */
  firstSort?: "asc" | "desc";
  numeric?: boolean;
  className?: string;
};

/** Rows to tick for a bulk action: a box per row, and one for every row of the page. */
export type RowSelection<T> = {
  selected: ReadonlySet<string>;
  onToggle: (row: T, selected: boolean) => void;
  onToggleAll: (selected: boolean) => void;
  /** "Sélectionner la facture NX-2026-0012" */
  rowLabel: (row: T) => string;
  /** "Sélectionner toute la page" */
  allLabel: string;
};

const checkboxClass = "size-5 cursor-pointer accent-[var(--primary)]";

/** A checkbox that shows "some" (indeterminate) as well as all or none. */
function Checkbox({ checked, indeterminate, onChange, label }: { checked: boolean; indeterminate?: boolean; onChange: (checked: boolean) => void; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = Boolean(indeterminate);
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" className={checkboxClass} checked={checked} aria-label={label} onChange={(event) => onChange(event.target.checked)} />;
}

/** A box around a checkbox, 44 px square: the whole of it ticks the box. Above the row's own link. */
function CheckboxCell({ children, className }: { children: React.ReactNode; className?: string }) {
  return <label className={cn("relative z-10 flex size-11 shrink-0 cursor-pointer items-center justify-center", className)}>{children}</label>;
}

/**
 * A back-office list: a table from `md` up, the same rows as cards below (a 360 px phone cannot
 * hold six columns). Sorting and paging happen on the server; the table only says which.
 */
export function DataTable<T>({
  label,
  rows,
  rowKey,
  columns,
  card,
  ordering,
  onSort,
  sortLabel,
  testId,
  selection,
}: {
  /** The table's caption for screen readers. */
  label: string;
  rows: T[];
  rowKey: (row: T) => string;
  columns: Column<T>[];
  card: (row: T) => React.ReactNode;
  ordering?: string;
  onSort?: (ordering: string) => void;
  /** "Trier par {column}" */
  sortLabel?: (column: string) => string;
  testId?: string;
  /** Checkboxes for a bulk action (a column in the table, a box beside each card). */
  selection?: RowSelection<T>;
}) {
  // The checkboxes' column takes room: the others get a little less padding then.
  const cellX = selection ? "px-3" : "px-4";
  const ticked = selection ? rows.filter((row) => selection.selected.has(rowKey(row))).length : 0;
  const all = rows.length > 0 && ticked === rows.length;
  const allBox = selection ? (
    <Checkbox checked={all} indeterminate={ticked > 0 && !all} onChange={selection.onToggleAll} label={selection.allLabel} />
  ) : null;
  const rowBox = (row: T) =>
    selection ? (
      <Checkbox checked={selection.selected.has(rowKey(row))} onChange={(checked) => selection.onToggle(row, checked)} label={selection.rowLabel(row)} />
    ) : null;
  return (
    <div data-testid={testId}>
      {selection ? (
        <label className="mb-2 flex min-h-11 w-fit cursor-pointer items-center gap-3 px-3 text-sm font-medium md:hidden">
          {allBox}
          <span aria-hidden="true">{selection.allLabel}</span>
        </label>
      ) : null}
      <ul className="flex flex-col gap-2 md:hidden" aria-label={label}>
        {rows.map((row) => (
          <li key={rowKey(row)} className={cn(selection && "flex items-start gap-1")}>
            {selection ? <CheckboxCell className="mt-1">{rowBox(row)}</CheckboxCell> : null}
            <div className="min-w-0 flex-1">{card(row)}</div>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-lg border bg-card md:block">
        <table className="w-full text-sm">
          <caption className="sr-only">{label}</caption>
          <thead className="bg-muted/60 text-left text-xs text-muted-foreground">
            <tr>
              {selection ? (
                <th scope="col" className="w-px py-0 pr-0 pl-1.5">
                  <CheckboxCell>{allBox}</CheckboxCell>
                </th>
              ) : null}
              {columns.map((column) => {
                const direction = column.sort && ordering !== undefined ? sortDirection(ordering, column.sort) : undefined;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={direction}
                    className={cn("py-2 font-medium whitespace-nowrap", cellX, column.numeric && "text-right", column.className)}
                  >
                    {column.sort && onSort && ordering !== undefined ? (
                      <button
                        type="button"
                        onClick={() => onSort(nextOrdering(ordering, column.sort!, column.firstSort))}
                        aria-label={sortLabel ? sortLabel(column.header) : undefined}
                        className={cn(
                          "-mx-2 inline-flex min-h-9 items-center gap-1 rounded px-2 hover:bg-accent hover:text-foreground",
                          direction !== "none" && "text-foreground",
                        )}
                      >
                        {column.header}
                        {direction === "ascending" ? (
                          <ArrowUp className="size-3.5" aria-hidden="true" />
                        ) : direction === "descending" ? (
                          <ArrowDown className="size-3.5" aria-hidden="true" />
                        ) : (
                          <ArrowUpDown className="size-3.5 opacity-50" aria-hidden="true" />
                        )}
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y">
            {rows.map((row) => (
              <tr key={rowKey(row)} className={cn("relative align-top hover:bg-accent/60", selection?.selected.has(rowKey(row)) && "bg-primary/5")}>
                {selection ? (
                  <td className="w-px py-1 pr-0 pl-1.5">
                    <CheckboxCell>{rowBox(row)}</CheckboxCell>
                  </td>
                ) : null}
                {columns.map((column) => (
                  <td key={column.key} className={cn("py-3", cellX, column.numeric && "text-right tabular-nums whitespace-nowrap", column.className)}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** "Page 2 sur 5" with previous and next; nothing when everything fits on one page. */
export function Pagination({
  page,
  pages,
  onPage,
  labels,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  labels: { previous: string; next: string; position: string; nav: string };
}) {
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav aria-label={labels.nav} className="mt-4 flex items-center justify-between gap-2">
      <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <ChevronLeft aria-hidden="true" />
        {labels.previous}
      </Button>
      <span className="text-sm text-muted-foreground tabular-nums" aria-live="polite">
        {labels.position}
      </span>
      <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {labels.next}
        <ChevronRight aria-hidden="true" />
      </Button>
    </nav>
  );
}
