"use client";

import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";
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
}) {
  return (
    <div data-testid={testId}>
      <ul className="flex flex-col gap-2 md:hidden" aria-label={label}>
        {rows.map((row) => (
          <li key={rowKey(row)}>{card(row)}</li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-lg border bg-card md:block">
        <table className="w-full text-sm">
          <caption className="sr-only">{label}</caption>
          <thead className="bg-muted/60 text-left text-xs text-muted-foreground">
            <tr>
              {columns.map((column) => {
                const direction = column.sort && ordering !== undefined ? sortDirection(ordering, column.sort) : undefined;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={direction}
                    className={cn("px-4 py-2 font-medium whitespace-nowrap", column.numeric && "text-right", column.className)}
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
              <tr key={rowKey(row)} className="relative align-top hover:bg-accent/60">
                {columns.map((column) => (
                  <td key={column.key} className={cn("px-4 py-3", column.numeric && "text-right tabular-nums whitespace-nowrap", column.className)}>
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
