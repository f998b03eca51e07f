"use client";

import { useTranslations } from "next-intl";
import { PriorityBadge, TaskStatusBadge } from "@/components/badges";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { TaskDueDate } from "@/components/tasks/task-due-date";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/input";
import type { Task } from "@/lib/api/types";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useTaskList } from "@/queries/admin-tasks";
import { AssigneePicker, InternalBadge, SelectBox } from "./assignee";
import { TASK_ORDERINGS, isFiltered, listQuery, pageCount, type TaskOrdering } from "./board-state";
import type { TaskViewCommon } from "./tasks-page";

function TaskTitle({ task, onOpen, meta }: { task: Task; onOpen: (task: Task) => void; meta: string }) {
  const t = useTranslations("tasks");
  return (
    <span className="flex min-w-0 flex-col">
      <button
        type="button"
        onClick={() => onOpen(task)}
        aria-label={t("open", { title: task.title })}
        className="text-left font-semibold break-words text-primary hover:underline"
      >
        {task.title}
      </button>
      <span className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
        {meta}
        <InternalBadge task={task} />
      </span>
    </span>
  );
}

/** The tasks as a sortable, paged table (cards on a phone), with the board's filters. */
export function TaskTable({
  filters,
  state,
  staff,
  selected,
  onToggle,
  onOpen,
  onClearFilters,
  onCreate,
  onSort,
  onPage,
}: TaskViewCommon & { onSort: (ordering: TaskOrdering) => void; onPage: (page: number) => void }) {
  const t = useTranslations("admin.tasks");
  const locale = useAppLocale();
  const query = useTaskList(listQuery(filters, state));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const pages = pageCount(count);
  const meta = (task: Task) => t("meta", { client: task.client_name, project: task.project_name });
  const filtered = isFiltered(state);
  const allSelected = rows.length > 0 && rows.every((row) => selected.includes(row.id));

  const columns: Column<Task>[] = [
    {
      key: "select",
      header: "",
      className: "w-12 px-2",
      cell: (task) => <SelectBox task={task} checked={selected.includes(task.id)} onToggle={onToggle} />,
    },
    { key: "title", header: t("columns.title"), sort: "title", cell: (task) => <TaskTitle task={task} onOpen={onOpen} meta={meta(task)} /> },
    { key: "status", header: t("columns.status"), cell: (task) => <TaskStatusBadge status={task.status} /> },
    { key: "priority", header: t("columns.priority"), sort: "priority", firstSort: "desc", cell: (task) => <PriorityBadge priority={task.priority} /> },
    { key: "assignee", header: t("columns.assignee"), cell: (task) => <AssigneePicker task={task} staff={staff} className="w-44" /> },
    {
      key: "due",
      header: t("columns.due"),
      sort: "due_date",
      cell: (task) => (task.due_date ? <span className="whitespace-nowrap tabular-nums">{formatDate(task.due_date, locale)}</span> : "—"),
    },
    {
      key: "updated",
      header: t("columns.updated"),
      sort: "updated_at",
      firstSort: "desc",
      cell: (task) => <span className="whitespace-nowrap tabular-nums">{formatDate(task.updated_at, locale)}</span>,
    },
  ];

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground">{query.data ? t("count", { count }) : null}</p>
        <div className="flex flex-wrap items-center gap-2">
          {rows.length ? (
            <label className="flex min-h-11 cursor-pointer items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                className="size-5 accent-[var(--primary)]"
                checked={allSelected}
                onChange={() => {
                  for (const row of rows) if (selected.includes(row.id) === allSelected) onToggle(row.id);
                }}
              />
              {t("bulk.selectPage")}
            </label>
          ) : null}
          <div className="md:hidden">
            <Label htmlFor="task-ordering" className="sr-only">
              {t("sort")}
            </Label>
            <NativeSelect id="task-ordering" value={state.ordering} onChange={(event) => onSort(event.target.value as TaskOrdering)}>
              {TASK_ORDERINGS.map((ordering) => (
                <option key={ordering} value={ordering}>
                  {t(`ordering.${ordering}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>
      </div>
      <ListShell
        query={query}
        items={rows}
        skeleton={<SkeletonRows count={6} row="h-12" />}
        empty={{
          text: filtered ? t("emptyFiltered") : state.view === "mine" ? t("emptyMine") : t("empty"),
          action: filtered ? (
            <Button variant="outline" onClick={onClearFilters}>
              {t("filters.clearAll")}
            </Button>
          ) : (
            <Button onClick={onCreate}>{t("new")}</Button>
          ),
        }}
      >
        {(tasks) => (
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
            <DataTable
              label={t("title")}
              testId="task-table"
              rows={tasks}
              rowKey={(task) => task.id}
              columns={columns}
              card={(task) => (
                <div className="flex items-start gap-1 rounded-lg border bg-card p-3">
                  <SelectBox task={task} checked={selected.includes(task.id)} onToggle={onToggle} />
                  <div className="flex min-w-0 flex-1 flex-col gap-2">
                    <TaskTitle task={task} onOpen={onOpen} meta={meta(task)} />
                    <span className="flex flex-wrap items-center gap-1.5">
                      <TaskStatusBadge status={task.status} />
                      <PriorityBadge priority={task.priority} />
                      {task.due_date ? <TaskDueDate date={task.due_date} /> : null}
                    </span>
                    <AssigneePicker task={task} staff={staff} />
                  </div>
                </div>
              )}
              ordering={state.ordering}
              onSort={(ordering) => onSort(ordering as TaskOrdering)}
              sortLabel={(column) => t("sortBy", { column })}
            />
            <Pagination
              page={state.page}
              pages={pages}
              onPage={onPage}
              labels={{ previous: t("previous"), next: t("next"), nav: t("pagination"), position: t("pageOf", { page: state.page, pages }) }}
            />
          </div>
        )}
      </ListShell>
    </div>
  );
}
