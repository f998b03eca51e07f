"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { DataTable, type Column } from "@/components/admin/table/data-table";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import type { components } from "@/lib/api/schema";
import { cn } from "@/lib/utils";
import { useWorkload } from "@/queries/admin-tasks";
import { UNASSIGNED, boardSearch, DEFAULT_BOARD } from "./board-state";

type WorkloadRow = components["schemas"]["WorkloadRowDto"];

/** A bar as long as the share of the busiest person's load. */
function LoadBar({ value, max, late }: { value: number; max: number; late: number }) {
  const width = max ? Math.round((value / max) * 100) : 0;
  const lateWidth = value ? Math.round((late / value) * width) : 0;
  return (
    <span className="relative block h-2 w-full max-w-40 overflow-hidden rounded-full bg-muted" aria-hidden="true">
      <span className="absolute inset-y-0 left-0 rounded-full bg-primary" style={{ width: `${width}%` }} />
      <span className="absolute inset-y-0 left-0 rounded-full bg-destructive" style={{ width: `${lateWidth}%` }} />
    </span>
  );
}

/**
 * Open, late and due-this-week tasks per person (every active staff member, busiest first, then
 * anyone else holding open tasks); a name opens the board filtered on that person.
 */
export function WorkloadView({ onPick }: { onPick: (assignee: string) => void }) {
  const t = useTranslations("admin.tasks");
  const workload = useWorkload();
  const rows = workload.data?.results ?? [];
  const unassigned = workload.data?.unassigned_open ?? 0;
  const max = Math.max(0, ...rows.map((row) => row.open_tasks));

  const nameButton = (row: WorkloadRow) => (
    <button type="button" onClick={() => onPick(row.user_id)} className="text-left font-semibold text-primary hover:underline">
      {row.name}
    </button>
  );
  const columnsDef: Column<WorkloadRow>[] = [
    { key: "name", header: t("workload.person"), cell: nameButton },
    { key: "open", header: t("workload.open"), numeric: true, cell: (row) => row.open_tasks },
    {
      key: "late",
      header: t("workload.late"),
      numeric: true,
      cell: (row) => <span className={cn(row.late_tasks > 0 && "font-semibold text-destructive")}>{row.late_tasks}</span>,
    },
    { key: "week", header: t("workload.thisWeek"), numeric: true, cell: (row) => row.due_this_week },
    { key: "bar", header: "", className: "w-48", cell: (row) => <LoadBar value={row.open_tasks} max={max} late={row.late_tasks} /> },
  ];

  return (
    <section aria-labelledby="workload-title" className="flex flex-col gap-3" data-testid="workload">
      <div>
        <h2 id="workload-title" className="text-lg font-semibold">
          {t("workload.title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("workload.intro")}</p>
      </div>
      <ListShell
        query={workload}
        items={rows}
        skeleton={<SkeletonRows count={4} row="h-12" />}
        empty={{ text: t("workload.empty") }}
      >
        {(rows) => (
          <>
            <DataTable
              label={t("workload.title")}
              rows={rows}
              rowKey={(row) => row.user_id}
              columns={columnsDef}
              card={(row) => (
                <div className="flex flex-col gap-2 rounded-lg border bg-card p-3">
                  {nameButton(row)}
                  <dl className="grid grid-cols-3 gap-2 text-sm">
                    {(
                      [
                        ["open", row.open_tasks],
                        ["late", row.late_tasks],
                        ["thisWeek", row.due_this_week],
                      ] as const
                    ).map(([key, value]) => (
                      <div key={key} className="flex flex-col">
                        <dt className="text-xs text-muted-foreground">{t(`workload.${key}`)}</dt>
                        <dd className={cn("tabular-nums", key === "late" && value > 0 && "font-semibold text-destructive")}>{value}</dd>
                      </div>
                    ))}
                  </dl>
                  <LoadBar value={row.open_tasks} max={max} late={row.late_tasks} />
                </div>
              )}
            />
            <p className="flex flex-wrap items-center gap-x-2 text-sm text-muted-foreground">
              {t("workload.unassigned", { count: unassigned })}
              {unassigned > 0 ? (
                <Link
                  href={`/admin/taches?${boardSearch({ ...DEFAULT_BOARD, assignee: UNASSIGNED })}`}
                  className="inline-flex min-h-11 items-center font-medium text-primary underline-offset-4 hover:underline"
                >
                  {t("workload.showUnassigned")}
                </Link>
              ) : null}
            </p>
          </>
        )}
      </ListShell>
    </section>
  );
}
