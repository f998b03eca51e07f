"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Plus, SlidersHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ProjectStatusBadge } from "@/components/badges";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import { ActiveFilterChips, ListSearchBox } from "@/components/admin/table/list-controls";
import { adminApi } from "@/lib/api/admin";
import type { Project } from "@/lib/api/types";
import { PROJECT_STATUSES } from "@/lib/api/types";
import { cn } from "@/lib/utils";
import { adminClientKeys } from "@/queries/admin-clients";
import {
  BUDGET_USED_PRESETS,
  activeProjectChips,
  projectListParams,
  projectListSearch,
  projectPageCount,
  readProjectListState,
  withProjectListChange,
  withoutChip,
  withoutProjectFilters,
  type ProjectChip,
  type ProjectListState,
  type ProjectOrdering,
} from "./list-state";
import { ClientPicker, ManagerPicker, useStaffChoices } from "./pickers";
import { BudgetUsed, DueDate, ManagerName, ProjectProgress } from "./project-facts";
import { useStaffProjects } from "./queries";

export const PROJECTS_PATH = "/admin/projets";

/** The orderings the phone's sort menu offers (the table's headers sort by any column). */
const PHONE_ORDERINGS = ["-created_at", "due_date", "name", "-updated_at"] as const;

/** The list's state from the address, and a way to change it (the address is replaced, not pushed, while typing). */
function useProjectListState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readProjectListState(params), [params]);
  const go = useCallback(
    (next: ProjectListState, mode: "push" | "replace" = "push") => {
      const search = projectListSearch(next);
      const url = search ? `${pathname}?${search}` : pathname;
      if (mode === "push") router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [pathname, router],
  );
  const change = (partial: Partial<ProjectListState>, mode?: "push" | "replace") => go(withProjectListChange(state, partial), mode);
  const reset = () => go(withoutProjectFilters(state));
  return { state, change, reset };
}

function ClientLink({ project }: { project: Project }) {
  // Above the row's own link, which covers the whole row.
  return (
    <Link href={`/admin/clients/${project.client_id}`} className="relative z-10 break-words text-primary hover:underline">
      {project.client_name}
    </Link>
  );
}

function ProjectCard({ project }: { project: Project }) {
  const t = useTranslations("admin.projects");
  return (
    <div className="relative flex flex-col gap-2 rounded-lg border bg-card p-4 hover:bg-accent/60" data-testid="project-row">
      <span className="flex items-start justify-between gap-2">
        <Link href={`${PROJECTS_PATH}/${project.id}`} className="font-semibold break-words after:absolute after:inset-0 after:rounded-lg hover:underline">
          {project.name}
        </Link>
        <ProjectStatusBadge status={project.status} />
      </span>
      <span className="text-sm">
        <ClientLink project={project} />
      </span>
      <ProjectProgress project={project} />
      <span className="grid grid-cols-2 gap-2 text-sm">
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.due")}</span>
          <DueDate project={project} />
        </span>
        <span className="flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.manager")}</span>
          <ManagerName project={project} />
        </span>
        <span className="col-span-2 flex flex-col">
          <span className="text-xs text-muted-foreground">{t("columns.budget")}</span>
          <BudgetUsed project={project} align="start" />
        </span>
      </span>
    </div>
  );
}

type Draft = Pick<ProjectListState, "client" | "manager" | "late" | "budget_used_min">;

/** Client, project manager, late and budget, applied together with "Appliquer". */
function FiltersPanel({
  state,
  clientName,
  onApply,
  onClose,
}: {
  state: ProjectListState;
  clientName: string | undefined;
  onApply: (change: Draft) => void;
  onClose: () => void;
}) {
  const t = useTranslations("admin.projects.filters");
  const [draft, setDraft] = useState<Draft>({ client: state.client, manager: state.manager, late: state.late, budget_used_min: state.budget_used_min });
  const [draftClientName, setDraftClientName] = useState(clientName);
  const presets: number[] = [...BUDGET_USED_PRESETS];
  if (draft.budget_used_min !== null && !presets.includes(draft.budget_used_min)) presets.push(draft.budget_used_min);
  return (
    <form
      id="project-filters"
      className="mb-4 grid gap-4 rounded-lg border bg-card p-4 md:grid-cols-2 lg:grid-cols-4"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
        onClose();
      }}
    >
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="filter-client">{t("client")}</Label>
        <ClientPicker
          id="filter-client"
          value={draft.client}
          selectedName={draftClientName}
          emptyLabel={t("anyClient")}
          onChange={(client, name) => {
            setDraft((current) => ({ ...current, client }));
            setDraftClientName(name);
          }}
        />
      </div>
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="filter-manager">{t("manager")}</Label>
        <ManagerPicker
          id="filter-manager"
          value={draft.manager}
          emptyLabel={t("anyManager")}
          onChange={(manager) => setDraft((current) => ({ ...current, manager }))}
        />
      </div>
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="filter-budget">{t("budget")}</Label>
        <NativeSelect
          id="filter-budget"
          value={draft.budget_used_min === null ? "" : String(draft.budget_used_min)}
          onChange={(event) => setDraft((current) => ({ ...current, budget_used_min: event.target.value === "" ? null : Number(event.target.value) }))}
        >
          <option value="">{t("anyBudget")}</option>
          {presets.map((percent) => (
            <option key={percent} value={percent}>
              {t("budgetAtLeast", { percent })}
            </option>
          ))}
        </NativeSelect>
      </div>
      <label className="flex min-h-11 items-center gap-3 self-end text-sm font-medium">
        <input
          type="checkbox"
          className="size-5 accent-[var(--primary)]"
          checked={draft.late}
          onChange={(event) => setDraft((current) => ({ ...current, late: event.target.checked }))}
        />
        {t("late")}
      </label>
      <div className="flex flex-wrap gap-2 sm:justify-end md:col-span-2 lg:col-span-4">
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            onApply({ client: "", manager: "", late: false, budget_used_min: null });
            onClose();
          }}
        >
          {t("reset")}
        </Button>
        <Button type="submit">{t("apply")}</Button>
      </div>
    </form>
  );
}

/** The client filter's name: from the rows when one is on screen, else from the client itself. */
function useClientName(clientId: string, rows: Project[]): string | undefined {
  const fromRows = rows.find((project) => project.client_id === clientId)?.client_name;
  const client = useQuery({
    queryKey: adminClientKeys.detail(clientId),
    queryFn: () => adminApi().clients.get(clientId),
    enabled: Boolean(clientId) && !fromRows,
  });
  return fromRows ?? client.data?.name;
}

/** Every client's projects for staff: server-side paging, sorting and filters, all in the address. */
export function ProjectsList() {
  const t = useTranslations("admin.projects");
  const { state, change, reset } = useProjectListState();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const query = useStaffProjects(projectListParams(state));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const pages = projectPageCount(count);
  const clientName = useClientName(state.client, rows);
  const { members } = useStaffChoices();
  const chips = activeProjectChips(state);
  const panelFilters = chips.filter((key) => key !== "status").length;
  const filtered = chips.length > 0 || state.search !== "";
  const phoneOrderings: string[] = [...PHONE_ORDERINGS];
  const newHref = state.client ? `${PROJECTS_PATH}/nouveau?client=${state.client}` : `${PROJECTS_PATH}/nouveau`;

  const chipLabel = (key: ProjectChip): string => {
    if (key === "client") return t("chips.client", { value: clientName ?? t("chips.unknownClient") });
    if (key === "status") return t("chips.status", { value: state.status ? t(`status.${state.status}`) : "" });
    if (key === "manager") return t("chips.manager", { value: members.find((member) => member.id === state.manager)?.full_name ?? t("chips.unknownManager") });
    if (key === "late") return t("chips.late");
    return t("chips.budget", { percent: state.budget_used_min ?? 0 });
  };

  const columns: Column<Project>[] = [
    {
      key: "name",
      header: t("columns.project"),
      sort: "name",
      className: "min-w-48 max-w-72",
      cell: (project) => (
        <span className="flex flex-col gap-0.5">
          {/* The link covers the whole row. */}
          <Link href={`${PROJECTS_PATH}/${project.id}`} className="font-semibold break-words text-primary after:absolute after:inset-0 hover:underline">
            {project.name}
          </Link>
          <span className="text-xs">
            <ClientLink project={project} />
          </span>
        </span>
      ),
    },
    { key: "status", header: t("columns.status"), sort: "status", cell: (project) => <ProjectStatusBadge status={project.status} /> },
    { key: "progress", header: t("columns.progress"), className: "w-40", cell: (project) => <ProjectProgress project={project} compact /> },
    { key: "due", header: t("columns.due"), sort: "due_date", cell: (project) => <DueDate project={project} /> },
    { key: "manager", header: t("columns.manager"), cell: (project) => <ManagerName project={project} /> },
    { key: "budget", header: t("columns.budget"), numeric: true, cell: (project) => <BudgetUsed project={project} /> },
  ];

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={query.data ? t("count", { count }) : undefined}
        actions={
          <Button asChild>
            <Link href={newHref}>
              <Plus aria-hidden="true" />
              {t("new")}
            </Link>
          </Button>
        }
      />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <ListSearchBox value={state.search} onSearch={(search) => change({ search }, "replace")} label={t("search")} placeholder={t("searchPlaceholder")} />
        <div className="min-w-0 flex-1 sm:flex-none">
          <Label htmlFor="project-status" className="sr-only">
            {t("filters.status")}
          </Label>
          <NativeSelect id="project-status" value={state.status} onChange={(event) => change({ status: event.target.value as ProjectListState["status"] })}>
            <option value="">{t("filters.anyStatus")}</option>
            {PROJECT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button variant="outline" aria-expanded={filtersOpen} aria-controls="project-filters" onClick={() => setFiltersOpen((open) => !open)}>
          <SlidersHorizontal aria-hidden="true" />
          {t("filters.title")}
          {panelFilters > 0 ? <Badge tone="primary">{panelFilters}</Badge> : null}
        </Button>
        <div className="min-w-0 basis-full md:hidden">
          <Label htmlFor="project-ordering" className="sr-only">
            {t("sortBy")}
          </Label>
          <NativeSelect id="project-ordering" value={state.ordering} onChange={(event) => change({ ordering: event.target.value as ProjectOrdering })}>
            {PHONE_ORDERINGS.map((ordering) => (
              <option key={ordering} value={ordering}>
                {t(`ordering.${ordering}`)}
              </option>
            ))}
            {phoneOrderings.includes(state.ordering) ? null : <option value={state.ordering}>{t("ordering.other")}</option>}
          </NativeSelect>
        </div>
      </div>
      {filtersOpen ? <FiltersPanel state={state} clientName={clientName} onApply={(draft) => change(draft)} onClose={() => setFiltersOpen(false)} /> : null}
      <ActiveFilterChips
        chips={chips.map((key) => ({ key, label: chipLabel(key) }))}
        label={t("filters.active")}
        removeLabel={(label) => t("filters.remove", { label })}
        clearLabel={t("filters.clearAll")}
        onRemove={(key) => change(withoutChip(key))}
        onClear={reset}
      />
      <ListShell
        query={query}
        items={rows}
        skeleton={<SkeletonRows count={6} row="h-14" />}
        empty={
          filtered
            ? {
                text: t("emptyFiltered"),
                action: (
                  <Button variant="outline" onClick={reset}>
                    {t("filters.clearAll")}
                  </Button>
                ),
              }
            : {
                text: t("empty"),
                action: (
                  <Button asChild>
                    <Link href={newHref}>{t("new")}</Link>
                  </Button>
                ),
              }
        }
      >
        {(projects) => (
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
            <DataTable
              label={t("title")}
              testId="project-table"
              rows={projects}
              rowKey={(project) => project.id}
              columns={columns}
              card={(project) => <ProjectCard project={project} />}
              ordering={state.ordering}
              onSort={(ordering) => change({ ordering: ordering as ProjectOrdering })}
            />
            <Pagination
              page={state.page}
              pages={pages}
              onPage={(page) => change({ page })}
              labels={{ previous: t("previous"), next: t("next"), nav: t("pagination"), position: t("pageOf", { page: state.page, pages }) }}
            />
          </div>
        )}
      </ListShell>
    </div>
  );
}
