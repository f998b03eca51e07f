"use client";

import { SlidersHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useClientScope } from "@/components/client-scope";
import { PageHeader } from "@/components/states";
import { TaskSection } from "@/components/tasks/task-section";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Priority, TaskStatus } from "@/lib/api/types";
import { PRIORITIES, TASK_STATUSES } from "@/lib/api/types";
import { useMe } from "@/queries/me";
import { useProjects } from "@/queries/projects";
import { useTasks } from "@/queries/tasks";
import { cn } from "@/lib/utils";

export function TasksClient() {
  const t = useTranslations("tasks");
  const tc = useTranslations("common");
  const me = useMe();
  const { clientId } = useClientScope();
  const projects = useProjects({ client: clientId });
  const [project, setProject] = useState("");
  const [status, setStatus] = useState<TaskStatus | "">("");
  const [priority, setPriority] = useState<Priority | "">("");
  const [mine, setMine] = useState(false);
  // Phones show the filters on demand, so the board starts on the first screen.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const tasks = useTasks({
    client: clientId,
    project: project || undefined,
    status: status || undefined,
    priority: priority || undefined,
    assigned_to: mine ? me.data?.id : undefined,
  });
  const filtered = Boolean(project || status || priority || mine);
  const reset = () => {
    setProject("");
    setStatus("");
    setPriority("");
    setMine(false);
  };

  const activeFilters = [project, status, priority, mine].filter(Boolean).length;
  const toolbar = (
    <>
      <button
        type="button"
        aria-expanded={filtersOpen}
        aria-controls="task-filters"
        onClick={() => setFiltersOpen((open) => !open)}
        className="inline-flex min-h-11 items-center gap-2 self-start rounded-md border bg-card px-4 text-sm font-medium sm:hidden"
      >
        <SlidersHorizontal className="size-4" aria-hidden="true" />
        {tc("filter")}
        {activeFilters ? <span className="rounded-full bg-primary px-2 text-xs text-primary-foreground">{activeFilters}</span> : null}
      </button>
      <div
        id="task-filters"
        className={cn("grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end", filtersOpen ? "grid" : "hidden")}
      >
        <div className="col-span-2 flex flex-col gap-1.5 sm:w-56">
          <Label htmlFor="task-project">{t("projectLabel")}</Label>
          <NativeSelect id="task-project" value={project} onChange={(e) => setProject(e.target.value)}>
            <option value="">{tc("all")}</option>
            {(projects.data?.results ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5 sm:w-40">
          <Label htmlFor="task-status">{t("statusLabel")}</Label>
          <NativeSelect id="task-status" value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | "")}>
            <option value="">{tc("all")}</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5 sm:w-40">
          <Label htmlFor="task-priority">{t("priorityLabel")}</Label>
          <NativeSelect id="task-priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority | "")}>
            <option value="">{tc("all")}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <label className="col-span-2 flex min-h-11 cursor-pointer items-center gap-2 text-sm font-medium sm:col-span-1">
          <input
            type="checkbox"
            checked={mine}
            onChange={(e) => setMine(e.target.checked)}
            className="size-5 accent-[var(--primary)]"
          />
          {t("assignedToMe")}
        </label>
      </div>
    </>
  );

  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      <TaskSection query={tasks} showProject filtered={filtered} onResetFilters={reset} toolbar={toolbar} />
    </div>
  );
}
