"use client";

import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { BoardSkeleton } from "@/components/tasks/task-section";
import type { BoardDrop } from "@/components/tasks/task-board";
import { TaskBoard } from "@/components/tasks/task-board";
import { useMoveFeedback } from "@/components/tasks/use-move-task";
import { ListShell } from "@/components/list-shell";
import { Button } from "@/components/ui/button";
import type { Task, TaskStatus } from "@/lib/api/types";
import { TASK_STATUSES } from "@/lib/api/types";
import { boardNeighbours, inServerOrder } from "@/lib/global-board";
import { cn } from "@/lib/utils";
import { useBoardColumns, useBoardMove } from "@/queries/admin-tasks";
import { useMe } from "@/queries/me";
import { AssigneePicker, InternalBadge, SelectBox } from "./assignee";
import { COLUMN_PAGE_SIZE, columnQuery, isFiltered } from "./board-state";
import type { TaskViewCommon } from "./tasks-page";

/** The global board: one kanban across every project, with the same drag, drop and keys as the client's. */
export function GlobalBoard({
  filters,
  state,
  staff,
  selected,
  onToggle,
  onOpen,
  onClearFilters,
  onCreate,
  enabled,
}: TaskViewCommon & { enabled: boolean }) {
  const t = useTranslations("admin.tasks");
  const me = useMe();
  const queries = useMemo(
    () => Object.fromEntries(TASK_STATUSES.map((status) => [status, columnQuery(filters, status)])) as Record<TaskStatus, ReturnType<typeof columnQuery>>,
    [filters],
  );
  const columns = useBoardColumns(queries, enabled);
  const move = useBoardMove();
  const feedback = useMoveFeedback();

  const onMove = useCallback(
    ({ task, status, column, index }: BoardDrop) => {
      // Dropped where it was: nothing to save.
      if (task.status === status && Math.min(index, column.length - 1) === column.findIndex((c) => c.id === task.id)) return;
      const neighbours = boardNeighbours(column, task, index);
      move.mutate(
        { task, status, neighbours },
        { onSuccess: () => feedback.moved(task, status), onError: (error) => feedback.failed(task, status, error) },
      );
    },
    [move, feedback],
  );

  const cardMeta = useCallback((task: Task) => t("meta", { client: task.client_name, project: task.project_name }), [t]);
  const cardBadges = useCallback((task: Task) => <InternalBadge task={task} />, []);
  // Select and assign under the card: the columns of a 1280 px screen leave little room beside the title.
  const cardFooter = useCallback(
    (task: Task) => (
      <span className="flex items-center gap-1">
        <SelectBox task={task} checked={selected.includes(task.id)} onToggle={onToggle} />
        <AssigneePicker task={task} staff={staff} className="min-w-0 flex-1" />
      </span>
    ),
    [selected, onToggle, staff],
  );
  const partial = TASK_STATUSES.some((status) => (columns.totals[status] ?? 0) > COLUMN_PAGE_SIZE);
  const filtered = isFiltered(state);

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <p className="text-sm text-muted-foreground">{t("moveHint")}</p>
      {partial ? <p className="text-sm text-muted-foreground">{t("partial")}</p> : null}
      <ListShell
        query={columns}
        items={columns.tasks}
        skeleton={<BoardSkeleton />}
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
          // The board scrolls sideways inside its own box; the page never does.
          <div className={cn("min-w-0 overflow-hidden px-4 -mx-4", columns.isPlaceholderData && "opacity-60 transition-opacity")}>
            <TaskBoard
              tasks={tasks}
              me={me.data}
              showProject
              onOpen={onOpen}
              onMove={onMove}
              arrange={inServerOrder}
              cardMeta={cardMeta}
              cardBadges={cardBadges}
              cardFooter={cardFooter}
              columnTotal={(status) => columns.totals[status]}
              columnEmpty={t("columnEmpty")}
            />
          </div>
        )}
      </ListShell>
    </div>
  );
}
