"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FilterChips } from "@/components/billing/filter-chips";
import type { Quote } from "@/lib/api/types";
import { formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";

/** What a quote and an invoice have in common on a list. */
type BillingRow = Pick<Quote, "id" | "number" | "title" | "project_name" | "total_ttc" | "currency">;

/**
 * The status filter of a billing list, "all" first; kept in the address (`?statut=`) so that a
 * reload or the back button keeps it.
 */
export function useStatusFilter<F extends string>(initial: F | undefined) {
  const [filter, setFilter] = useState<F | "all">(initial ?? "all");
  const choose = (next: F | "all") => {
    setFilter(next);
    const url = new URL(window.location.href);
    if (next === "all") url.searchParams.delete("statut");
    else url.searchParams.set("statut", next);
    window.history.replaceState(window.history.state, "", url);
  };
  return [filter, choose] as const;
}

/** The chips of `useStatusFilter`: "all", then each filter, each with its label. */
export function StatusFilterChips<F extends string>({
  label,
  filters,
  labelOf,
  value,
  onChange,
}: {
  label: string;
  filters: readonly F[];
  labelOf: (filter: F | "all") => string;
  value: F | "all";
  onChange: (filter: F | "all") => void;
}) {
  return (
    <FilterChips<F | "all">
      label={label}
      value={value}
      onChange={onChange}
      options={(["all", ...filters] as const).map((filter) => ({ value: filter, label: labelOf(filter) }))}
    />
  );
}

/** Quotes or invoices: cards on a phone, a table from `md` up, the same rows in both. */
export function BillingList<T extends BillingRow>({
  testId,
  rows,
  card,
  table,
}: {
  testId: string;
  rows: T[];
  card: (row: T) => React.ReactNode;
  table: React.ReactNode;
}) {
  return (
    <div data-testid={testId}>
      <ul className="flex flex-col gap-2 md:hidden">
        {rows.map((row) => (
          <li key={row.id}>{card(row)}</li>
        ))}
      </ul>
      <div className="hidden md:block">{table}</div>
    </div>
  );
}

/** One quote or invoice as a card (phones): number and status, subject, project, amount; `aside` sits beside the amount. */
export function BillingCard({
  href,
  row,
  badge,
  aside,
  className,
  children,
}: {
  href: string;
  row: BillingRow;
  badge: React.ReactNode;
  aside?: React.ReactNode;
  /** Marks the card that asks for something (waiting, late). */
  className?: string;
  /** Lines under the amount. */
  children?: React.ReactNode;
}) {
  const tb = useTranslations("billing");
  const locale = useAppLocale();
  return (
    <Link href={href} className={cn("flex flex-col gap-1.5 rounded-lg border bg-card p-4 hover:bg-accent/60", className)}>
      <span className="flex items-start justify-between gap-2">
        <span className="font-semibold tabular-nums">{row.number ?? tb("draft")}</span>
        {badge}
      </span>
      {row.title ? <span className="text-sm break-words">{row.title}</span> : null}
      {row.project_name ? <span className="text-xs text-muted-foreground">{row.project_name}</span> : null}
      <span className="mt-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="text-lg font-semibold tabular-nums">{formatMoney(row.total_ttc, row.currency, locale)}</span>
        {aside}
      </span>
      {children}
    </Link>
  );
}

/** The table of a billing list (desktop); `numeric` columns align right. */
export function BillingTable({
  testId,
  columns,
  children,
}: {
  testId: string;
  columns: { label: string; numeric?: boolean }[];
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-hidden rounded-lg border bg-card">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="bg-muted/60 text-left text-xs text-muted-foreground">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={cn("px-4 py-2.5 font-medium", column.numeric && "text-right")}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y">{children}</tbody>
      </table>
    </div>
  );
}

/** The first two cells of a table row: the number, whose link covers the whole row, and the subject with its project. */
export function NumberAndSubjectCells({ href, row, className }: { href: string; row: BillingRow; className?: string }) {
  const tb = useTranslations("billing");
  return (
    <>
      <td className={cn("px-4 py-3", className)}>
        {/* The whole row opens the document; the number is the link people read. */}
        <Link
          href={href}
          className="font-semibold whitespace-nowrap text-primary tabular-nums after:absolute after:inset-0 hover:underline"
        >
          {row.number ?? tb("draft")}
        </Link>
      </td>
      <td className="px-4 py-3">
        <span className="block break-words">{row.title}</span>
        {row.project_name ? <span className="block text-xs text-muted-foreground">{row.project_name}</span> : null}
      </td>
    </>
  );
}
