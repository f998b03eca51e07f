"use client";

import { CalendarDays } from "lucide-react";
import { useTranslations } from "next-intl";
import { PriorityBadge, TaskStatusBadge } from "@/components/badges";
import { Badge } from "@/components/ui/badge";
import type { Me, Task } from "@/lib/api/types";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";

/** Tasks as rows: one tap opens the task. */
export function TaskList({
  tasks,
  me,
  showProject,
  onOpen,
}: {
  tasks: Task[];
  me: Me | undefined;
  showProject: boolean;
  onOpen: (task: Task) => void;
}) {
  const t = useTranslations("tasks");
  const locale = useAppLocale();
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
              {task.due_date ? (
                <span className="inline-flex items-center gap-1 text-xs text-muted-foreground">
                  <CalendarDays className="size-3.5" aria-hidden="true" />
                  {formatDate(task.due_date, locale)}
                </span>
              ) : null}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
