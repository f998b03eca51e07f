"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";
import type { Project } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
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

/** An active or paused project past its date, or with a late milestone (the API decides). */
export function isProjectLate(project: Project): boolean {
  return project.late;
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
  const t = useTranslations("admin.projects");
  if (!project.manager_name) return <span className="text-muted-foreground">{t("noManager")}</span>;
  return <span className="break-words">{project.manager_name}</span>;
}

/** "45 % · 1 125 000 / 2 500 000 FCFA", red past 100 %; "Sans budget" without one. */
export function BudgetUsed({ project, align = "end" }: { project: Project; align?: "start" | "end" }) {
  const t = useTranslations("admin.projects");
  const locale = useAppLocale();
  const budget = project.budget ?? null;
  const percent = project.budget_used_percent ?? null;
  if (budget === null) return <span className="text-muted-foreground">{t("noBudget")}</span>;
  const over = percent !== null && percent > 100;
  return (
    <span className={cn("flex flex-col gap-0.5", align === "end" ? "items-end text-right" : "items-start text-left")}>
      <span className={cn("font-semibold tabular-nums", over && "text-destructive")}>{t("budgetPercent", { percent: percent ?? 0 })}</span>
      <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
        {t("budgetOf", { invoiced: formatMoney(project.invoiced ?? 0, "XOF", locale), budget: formatMoney(budget, "XOF", locale) })}
      </span>
    </span>
  );
}
