"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ListShell } from "@/components/list-shell";
import { Skeleton } from "@/components/ui/skeleton";
import type { Task } from "@/lib/api/types";
import { useMe } from "@/queries/me";
import type { useTasks } from "@/queries/tasks";
import { TaskBoard } from "./task-board";
import { TaskList } from "./task-list";
import { LazyTaskSheet } from "./lazy-task-sheet";
import { ViewToggle, type TaskView } from "./view-toggle";

export function BoardSkeleton() {
  return (
    <div className="flex gap-3 overflow-hidden" aria-hidden="true">
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="flex w-[85%] max-w-[20rem] shrink-0 flex-col gap-2 rounded-lg border bg-muted/60 p-2 sm:w-64">
          <Skeleton className="h-5 w-24 bg-card" />
          <Skeleton className="h-20 bg-card" />
          <Skeleton className="h-20 bg-card" />
        </div>
      ))}
    </div>
  );
}

/** Tasks as a board or a list, with the task sheet; `query` is the list to show. */
export function TaskSection({
  query,
  showProject,
  filtered,
  onResetFilters,
  toolbar,
  initialView = "board",
  emptyAll,
}: {
  query: ReturnType<typeof useTasks>;
  showProject: boolean;
  filtered?: boolean;
  onResetFilters?: () => void;
  toolbar?: React.ReactNode;
  initialView?: TaskView;
  /** What an empty, unfiltered list says and offers (staff: how to add the first task). */
  emptyAll?: { text: string; action?: React.ReactNode };
}) {
  const t = useTranslations("tasks");
  const me = useMe();
  const [view, setView] = useState<TaskView>(initialView);
  const [openId, setOpenId] = useState<string | null>(null);
  const tasks = query.data?.results ?? [];
  // The sheet follows the list's copy of the task, so an optimistic move shows there too.
  const openTask = openId ? (tasks.find((task) => task.id === openId) ?? null) : null;
  const open = (task: Task) => setOpenId(task.id);
  const anyMovable = me.data ? tasks.some((task) => task.assigned_to === me.data.id) : false;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <ViewToggle value={view} onChange={setView} />
        {query.data ? <p className="text-sm text-muted-foreground">{t("count", { count: tasks.length })}</p> : null}
      </div>
      {toolbar}
      {view === "board" && anyMovable ? <p className="text-sm text-muted-foreground">{t("moveHint")}</p> : null}
      <ListShell
        query={query}
        items={tasks}
        skeleton={view === "board" ? <BoardSkeleton /> : undefined}
        empty={
          !filtered && emptyAll
            ? emptyAll
            : {
                text: filtered ? t("empty") : t("emptyAll"),
                action:
                  filtered && onResetFilters ? (
                    <button type="button" onClick={onResetFilters} className="min-h-11 rounded-md border bg-card px-4 font-medium text-foreground">
                      {t("resetFilters")}
                    </button>
                  ) : undefined,
              }
        }
      >
        {(rows) =>
          view === "board" ? (
            <TaskBoard tasks={rows} me={me.data} showProject={showProject} onOpen={open} />
          ) : (
            <TaskList tasks={rows} me={me.data} showProject={showProject} onOpen={open} />
          )
        }
      </ListShell>
      <LazyTaskSheet task={openTask} onClose={() => setOpenId(null)} />
    </div>
  );
}
