"use client";

import { useTranslations } from "next-intl";
import { PriorityBadge, TaskStatusBadge } from "@/components/badges";
import { Badge } from "@/components/ui/badge";
import type { Me, Task } from "@/lib/api/types";
import { TaskDueDate } from "./task-due-date";

/** What the board and the list of tasks take: the tasks, who looks at them, and what a tap does. */
export type TaskViewProps = {
  tasks: Task[];
  me: Me | undefined;
  showProject: boolean;
  onOpen: (task: Task) => void;
};

/** Tasks as rows: one tap opens the task. */
export function TaskList({ tasks, me, showProject, onOpen }: TaskViewProps) {
  const t = useTranslations("tasks");
  return (
    <ul className="divide-y rounded-lg border bg-card" data-testid="task-list">
      {tasks.map((task) => (
        <li key={task.id}>
          <button
            type="button"
            onClick={() => onOpen(task)}
            className="flex min-h-14 w-full flex-col gap-1.5 px-4 py-3 text-left hover:bg-accent sm:flex-row sm:items-center sm:gap-3"
          >
            <span className="min-w-0 flex-1">
              <span className="block font-medium break-words">{task.title}</span>
              {showProject ? <span className="block text-xs text-muted-foreground">{task.project_name}</span> : null}
            </span>
            <span className="flex flex-wrap items-center gap-1.5">
              {me && task.assigned_to === me.id ? <Badge tone="primary">{t("mine")}</Badge> : null}
              <TaskStatusBadge status={task.status} />
              <PriorityBadge priority={task.priority} />
              {task.due_date ? <TaskDueDate date={task.due_date} /> : null}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
