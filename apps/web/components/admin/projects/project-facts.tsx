"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";
import type { Project } from "@/lib/api/types";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";

/** "12/20 tâches · 60 %" over a bar. */
export function ProjectProgress({ project, compact }: { project: Project; compact?: boolean }) {
  const t = useTranslations("admin.projects");
  return (
    <span className="flex flex-col gap-1">
      <span className="flex items-center justify-between gap-2 text-xs">
        <span className={cn("text-muted-foreground", compact && "sr-only")}>{t("tasksDone", { done: project.tasks_done, total: project.task_count })}</span>
        <span className="font-semibold tabular-nums">{project.progress} %</span>
      </span>
      <Progress value={project.progress} label={t("progressOf", { name: project.name })} />
    </span>
  );
}

/** An active or paused project past its date, or with a late milestone. */
export function isProjectLate(project: Project): boolean {
  // DELIVERY (contract15): the API's `late` replaces this.
  void project;
  return false;
}

export function LateBadge() {
  const t = useTranslations("admin.projects");
  return <Badge tone="danger">{t("late")}</Badge>;
}

export function DueDate({ project }: { project: Project }) {
  const locale = useAppLocale();
  const late = isProjectLate(project);
  return (
    <span className="flex flex-col items-start gap-1">
      <span className={cn("whitespace-nowrap tabular-nums", late && "font-semibold text-destructive")}>
        {project.due_date ? formatDate(project.due_date, locale) : "—"}
      </span>
      {late ? <LateBadge /> : null}
    </span>
  );
}

export function ManagerName({ project }: { project: Project }) {
  // DELIVERY (contract15): `manager_name`.
  void project;
  return <span className="text-muted-foreground">—</span>;
}

/** "45 % de 2 500 000 FCFA", red past 100 %; "—" without a budget. */
export function BudgetUsed({ project }: { project: Project }) {
  // DELIVERY (contract15): `budget`, `invoiced`, `budget_used_percent`.
  void project;
  return <span className="text-muted-foreground">—</span>;
}
