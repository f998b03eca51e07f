"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ProjectStatusBadge } from "@/components/badges";
import { useClientScope } from "@/components/client-scope";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";
import type { ProjectStatus } from "@/lib/api/types";
import { PROJECT_STATUSES } from "@/lib/api/types";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useProjects } from "@/queries/projects";

export function ProjectsClient() {
  const t = useTranslations("projects");
  const td = useTranslations("dashboard");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const { clientId } = useClientScope();
  const [status, setStatus] = useState<ProjectStatus | "">("");
  const projects = useProjects({ client: clientId, status: status || undefined });

  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="mb-4 flex flex-col gap-1.5 sm:max-w-xs">
        <Label htmlFor="project-status">{t("filterStatus")}</Label>
        <NativeSelect id="project-status" value={status} onChange={(e) => setStatus(e.target.value as ProjectStatus | "")}>
          <option value="">{tc("all")}</option>
          {PROJECT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <ListShell
        query={projects}
        items={projects.data?.results ?? []}
        skeleton={<SkeletonRows count={4} row="h-36" className="grid gap-3 sm:grid-cols-2" />}
        empty={{
          text: status ? t("empty") : t("emptyAll"),
          action: status ? (
            <Button variant="outline" onClick={() => setStatus("")}>
              {t("showAll")}
            </Button>
          ) : (
            <Button asChild variant="outline">
              <Link href="/support/nouveau">{td("newTicket")}</Link>
            </Button>
          ),
        }}
      >
        {(rows) => (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="project-list">
            {rows.map((project) => (
              <li key={project.id}>
                <Card className="h-full">
                  <Link href={`/projets/${project.id}`} className="flex h-full flex-col gap-3 rounded-lg p-4 hover:bg-accent/60">
                    <span className="flex items-start justify-between gap-2">
                      <span className="font-semibold break-words">{project.name}</span>
                      <ProjectStatusBadge status={project.status} />
                    </span>
                    {project.description ? (
                      <span className="line-clamp-2 text-sm text-muted-foreground">{project.description}</span>
                    ) : null}
                    <span className="mt-auto flex flex-col gap-1.5">
                      <span className="flex justify-between text-xs text-muted-foreground">
                        <span>{td("tasksDone", { done: project.tasks_done, total: project.task_count })}</span>
                        <span className="font-semibold text-foreground tabular-nums">{project.progress} %</span>
                      </span>
                      <Progress value={project.progress} label={td("progress", { name: project.name })} />
                      {project.due_date ? (
                        <span className="text-xs text-muted-foreground">{t("due", { date: formatDate(project.due_date, locale) })}</span>
                      ) : null}
                    </span>
                  </Link>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </ListShell>
    </div>
  );
}
