"use client";

import { CheckCircle2, Circle, CircleAlert, CircleDot } from "lucide-react";
import { useTranslations } from "next-intl";
import { MilestoneStatusBadge, ProjectStatusBadge } from "@/components/badges";
import { DocumentsSection } from "@/components/documents/documents-section";
import { DashboardCard } from "@/components/dashboard-card";
import { SkeletonRows } from "@/components/list-shell";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink } from "@/components/states";
import { TaskSection } from "@/components/tasks/task-section";
import { Progress } from "@/components/ui/progress";
import type { Project } from "@/lib/api/types";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useMilestones } from "@/queries/milestones";
import { useProject } from "@/queries/projects";
import { useTasks } from "@/queries/tasks";

const MILESTONE_ICON = {
  planned: Circle,
  in_progress: CircleDot,
  awaiting_approval: CircleDot,
  done: CheckCircle2,
  late: CircleAlert,
} as const;
const MILESTONE_COLOR = {
  planned: "text-muted-foreground",
  in_progress: "text-indigo-700",
  awaiting_approval: "text-amber-700",
  done: "text-success",
  late: "text-destructive",
} as const;

function Timeline({ projectId }: { projectId: string }) {
  const t = useTranslations("projects");
  const tm = useTranslations("milestones");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const milestones = useMilestones({ project: projectId });

  return (
    <DashboardCard
      titleId="timeline-title"
      title={t("milestones")}
      query={milestones}
      items={milestones.data?.results ?? []}
      skeleton={<SkeletonRows row="h-10" className="gap-3" />}
      empty={{ text: t("milestonesEmpty") }}
    >
      {(list) => (
        <ol className="relative flex flex-col" data-testid="milestone-timeline">
          {list.map((milestone, index) => {
            const Icon = MILESTONE_ICON[milestone.status];
            return (
              <li key={milestone.id} className="relative flex gap-3 pb-4 last:pb-0">
                {index < list.length - 1 ? (
                  <span aria-hidden="true" className="absolute top-6 bottom-0 left-[11px] w-0.5 bg-border" />
                ) : null}
                <Icon className={cn("relative size-6 shrink-0 bg-card", MILESTONE_COLOR[milestone.status])} aria-hidden="true" />
                <div className="flex min-w-0 flex-1 flex-col gap-1">
                  <span className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium break-words">{milestone.title}</span>
                    <MilestoneStatusBadge status={milestone.status} />
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {milestone.completed_at
                      ? tm("completedOn", { date: formatDate(milestone.completed_at, locale) })
                      : milestone.due_date
                        ? tc("dueOn", { date: formatDate(milestone.due_date, locale) })
                        : tc("noDueDate")}
                  </span>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </DashboardCard>
  );
}

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

export function ProjectClient({ id }: { id: string }) {
  const t = useTranslations("projects");
  const project = useProject(id);
  const tasks = useTasks({ project: id });

  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/projets" label={t("backToList")} />
      <RecordShell query={project} skeleton={<DetailSkeleton />}>
        {(data) => <ProjectHeader project={data} />}
      </RecordShell>
      {project.isError ? null : (
        <>
          <Timeline projectId={id} />
          <section aria-labelledby="tasks-title" className="flex flex-col gap-3">
            <h2 id="tasks-title" className="text-lg font-semibold">
              {t("tasks")}
            </h2>
            <TaskSection query={tasks} showProject={false} />
          </section>
          <DocumentsSection projectId={id} clientId={project.data?.client_id} />
        </>
      )}
    </div>
  );
}
