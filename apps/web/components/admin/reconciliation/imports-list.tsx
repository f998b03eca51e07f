"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { formatDate, formatDateTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { Difference, VerdictCountBadges } from "./labels";
import { IMPORTS_PAGE_SIZE, pageCount, problemCount, readImportsPage, type Reconciliation } from "./lines-state";
import { useImports } from "./queries";

const RECONCILIATION_PATH = "/admin/paiements/rapprochement";

function FileLink({ item }: { item: Reconciliation }) {
  const t = useTranslations("admin.reconciliation.imports");
  return (
    // The link covers the whole row.
    <Link
      href={`${RECONCILIATION_PATH}/${item.id}`}
      aria-label={t("open", { name: item.file_name })}
      className="font-medium break-all text-primary after:absolute after:inset-0 hover:underline"
    >
      {item.file_name}
    </Link>
  );
}

function Period({ item }: { item: Reconciliation }) {
  const t = useTranslations("admin.reconciliation.imports");
  const locale = useAppLocale();
  return (
    <span className="flex flex-col">
      <span className="whitespace-nowrap tabular-nums">{t("period", { from: formatDate(item.period_from, locale), to: formatDate(item.period_to, locale) })}</span>
      <span className="text-xs text-muted-foreground">{t("lines", { count: item.statement_lines })}</span>
    </span>
  );
}

function Imported({ item }: { item: Reconciliation }) {
  const t = useTranslations("admin.reconciliation.imports");
  const locale = useAppLocale();
  const date = formatDateTime(item.created_at, locale);
  return <span>{item.imported_by_name ? t("importedBy", { name: item.imported_by_name, date }) : t("importedOn", { date })}</span>;
}

function ImportCardRow({ item }: { item: Reconciliation }) {
  const t = useTranslations("admin.reconciliation.imports");
  return (
    <div className="relative flex flex-col gap-2 rounded-lg border bg-card p-3 text-sm hover:bg-accent/60" data-testid="import-card-row">
      <span className="flex flex-wrap items-start justify-between gap-2">
        <FileLink item={item} />
        <Difference amount={item.difference} />
      </span>
      <Period item={item} />
      <VerdictCountBadges counts={item.counts} />
      <span className="text-xs text-muted-foreground">
        <Imported item={item} />
      </span>
      <span className="sr-only">{problemCount(item.counts) ? t("problems", { count: problemCount(item.counts) }) : t("noProblem")}</span>
    </div>
  );
}

/** The statements imported so far, newest first: a page in the address (`?page=2`). */
export function ImportsList() {
  const t = useTranslations("admin.reconciliation.imports");
  const td = useTranslations("admin.reconciliation.detail");
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const page = readImportsPage(params);
  const query = useImports(page);
  const rows = query.data?.results ?? [];
  const pages = pageCount(query.data?.count ?? 0, IMPORTS_PAGE_SIZE);
  const goTo = (next: number) => router.push(next > 1 ? `${pathname}?page=${next}` : pathname, { scroll: false });

  const columns: Column<Reconciliation>[] = [
    { key: "file", header: t("columns.file"), cell: (item) => <FileLink item={item} />, className: "max-w-56" },
    { key: "period", header: t("columns.period"), cell: (item) => <Period item={item} /> },
    { key: "counts", header: t("columns.counts"), cell: (item) => <VerdictCountBadges counts={item.counts} className="max-w-72" /> },
    { key: "difference", header: t("columns.difference"), numeric: true, cell: (item) => <Difference amount={item.difference} /> },
    { key: "imported", header: t("columns.imported"), cell: (item) => <Imported item={item} />, className: "max-w-48 text-muted-foreground" },
  ];

  return (
    <section aria-labelledby="imports-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="imports-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        {query.data ? <p className="text-sm text-muted-foreground">{t("count", { count: query.data.count })}</p> : null}
      </div>
      <ListShell query={query} items={rows} skeleton={<SkeletonRows count={3} row="h-12" />} empty={{ text: t("empty") }}>
        {(items) => (
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
            <DataTable label={t("title")} testId="import-table" rows={items} rowKey={(item) => item.id} columns={columns} card={(item) => <ImportCardRow item={item} />} />
            <Pagination
              page={page}
              pages={pages}
              onPage={goTo}
              labels={{ previous: td("previous"), next: td("next"), nav: t("title"), position: td("pageOf", { page, pages }) }}
            />
          </div>
        )}
      </ListShell>
    </section>
  );
}
