"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ProjectStatusBadge } from "@/components/badges";
import { DocumentsSection } from "@/components/documents/documents-section";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink } from "@/components/states";
import { LazyTaskSheet } from "@/components/tasks/lazy-task-sheet";
import { TaskSection } from "@/components/tasks/task-section";
import { Progress } from "@/components/ui/progress";
import type { Project, Task } from "@/lib/api/types";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useProject } from "@/queries/projects";
import { useTask, useTasks } from "@/queries/tasks";
import { MilestoneTimeline } from "./milestone-timeline";

function ProjectHeader({ project }: { project: Project }) {
  const t = useTranslations("projects");
  const td = useTranslations("dashboard");
  const locale = useAppLocale();
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{project.name}</h1>
        <ProjectStatusBadge status={project.status} />
      </div>
      {project.description ? <p className="text-sm text-muted-foreground">{project.description}</p> : null}
      <div className="flex flex-col gap-1.5 rounded-lg border bg-card p-4">
        <div className="flex items-center justify-between text-sm">
          <span>{td("tasksDone", { done: project.tasks_done, total: project.task_count })}</span>
          <span className="font-semibold tabular-nums">{project.progress} %</span>
        </div>
        <Progress value={project.progress} label={td("progress", { name: project.name })} />
        {project.start_date && project.due_date ? (
          <p className="text-xs text-muted-foreground">
            {t("dates", { start: formatDate(project.start_date, locale), due: formatDate(project.due_date, locale) })}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Drops `?tache=` from the address once its sheet is closed, so that a reload does not open it again. */
function forgetTaskParam() {
  const url = new URL(window.location.href);
  if (!url.searchParams.has("tache")) return;
  url.searchParams.delete("tache");
  window.history.replaceState(window.history.state, "", url);
}

/**
 * The task sheet opened from a milestone (what it delivered) or by `?tache=<id>` (notifications
 * link there); the board has its own.
 */
function useOpenTask(tasks: Task[], initialId: string | undefined) {
  const [openId, setOpenId] = useState<string | null>(initialId ?? null);
  const listed = openId ? tasks.find((task) => task.id === openId) : undefined;
  // A task not on the board's first page (or before it loads) is fetched on its own.
  const fetched = useTask(openId && !listed ? openId : null);
  const task = listed ?? (fetched.data?.id === openId ? fetched.data : undefined) ?? null;
  const open = (next: Task) => setOpenId(next.id);
  const close = () => {
    setOpenId(null);
    forgetTaskParam();
  };
  return { task, open, close };
}

export function ProjectClient({ id, taskId }: { id: string; taskId?: string }) {
  const t = useTranslations("projects");
  const project = useProject(id);
  const tasks = useTasks({ project: id });
  const taskList = tasks.data?.results ?? [];
  const sheet = useOpenTask(taskList, taskId);

  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/projets" label={t("backToList")} />
      <RecordShell query={project} skeleton={<DetailSkeleton />}>
        {(data) => <ProjectHeader project={data} />}
      </RecordShell>
      {project.isError ? null : (
        <>
          <MilestoneTimeline
            projectId={id}
            clientId={project.data?.client_id}
            tasks={taskList}
            ready={Boolean(project.data)}
            onOpenTask={sheet.open}
          />
          <section aria-labelledby="tasks-title" className="flex flex-col gap-3">
            <h2 id="tasks-title" className="text-lg font-semibold">
              {t("tasks")}
            </h2>
            <TaskSection query={tasks} showProject={false} />
          </section>
          <DocumentsSection projectId={id} clientId={project.data?.client_id} />
          <LazyTaskSheet task={sheet.task} onClose={sheet.close} />
        </>
      )}
    </div>
  );
}
