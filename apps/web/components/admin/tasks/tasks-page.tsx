"use client";

import { ListSearchBox } from "@/components/admin/table/list-controls";
import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Plus, SlidersHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import { PageHeader } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Task } from "@/lib/api/types";
import { PRIORITIES } from "@/lib/api/types";
import { cn } from "@/lib/utils";
import { useAdminClients } from "@/queries/admin-clients";
import { useMe } from "@/queries/me";
import { useProjects } from "@/queries/projects";
import { BulkAssignBar, useStaffOptions } from "./assignee";
import {
  BOARD_VIEWS,
  DEFAULT_BOARD,
  DUE_FILTERS,
  UNASSIGNED,
  activeFilterCount,
  boardSearch,
  linkedTaskId,
  readBoardState,
  taskFilters,
  withBoardChange,
  type BoardState,
  type BoardView,
} from "./board-state";
import { GlobalBoard } from "./global-board";
import { TaskTable } from "./task-table";
import { WorkloadView } from "./workload";
import type { EditorTarget } from "./task-editor";

// The editor (form, rules, comments) loads on the first "Nouvelle tâche" or open card.
const TaskEditor = dynamic(() => import("./task-editor").then((m) => m.TaskEditor), { ssr: false });

/** The board's state from the address, and a way to change it (replaced while typing, pushed otherwise). */
function useBoardState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readBoardState(params), [params]);
  // Two changes in a row (client, then priority) build on each other before the address catches up;
  // after a second, the address (back button included) is the truth again.
  const pending = useRef<{ state: BoardState; at: number } | null>(null);
  const go = useCallback(
    (next: BoardState, mode: "push" | "replace" = "push") => {
      pending.current = { state: next, at: Date.now() };
      const search = boardSearch(next);
      const url = search ? `${pathname}?${search}` : pathname;
      if (mode === "push") router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [pathname, router],
  );
  const change = useCallback(
    (partial: Partial<BoardState>, mode?: "push" | "replace") => {
      const recent = pending.current && Date.now() - pending.current.at < 1000 ? pending.current.state : state;
      go(withBoardChange(recent, partial), mode);
    },
    [go, state],
  );
  return { state, change, go };
}

/**
 * `?tache=<id>` (a notification's link) opens that task's editor over the board; closing it takes
 * the parameter out of the address, keeping the rest.
 */
function useLinkedTask(open: (target: EditorTarget) => void) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const id = linkedTaskId(params);
  const [opened, setOpened] = useState<string | null>(null);
  if (id !== opened) {
    setOpened(id);
    if (id) open({ task: null, id });
  }
  const close = useCallback(() => {
    if (!params.has("tache")) return;
    const rest = new URLSearchParams(params.toString());
    rest.delete("tache");
    const search = rest.toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }, [params, pathname, router]);
  return { close };
}

function ViewTabs({ state }: { state: BoardState }) {
  const t = useTranslations("admin.tasks");
  const pathname = usePathname();
  const href = (view: BoardView) => {
    const search = boardSearch({ ...state, view, page: 1 });
    return search ? `${pathname}?${search}` : pathname;
  };
  return (
    <nav aria-label={t("views.label")} className="mb-4 flex gap-1 overflow-x-auto border-b">
      {BOARD_VIEWS.map((view) => (
        <Link
          key={view}
          href={href(view)}
          scroll={false}
          aria-current={state.view === view ? "page" : undefined}
          className={cn(
            "-mb-px inline-flex min-h-11 items-center border-b-2 px-2 text-sm font-medium whitespace-nowrap sm:px-3",
            state.view === view ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {t(`views.${view}`)}
        </Link>
      ))}
    </nav>
  );
}


/** The filters; each applies at once (a select is one tap, nothing to type). */
function Filters({ state, change }: { state: BoardState; change: (partial: Partial<BoardState>) => void }) {
  const t = useTranslations("admin.tasks");
  const tt = useTranslations("tasks");
  const staff = useStaffOptions();
  const clients = useAdminClients({ ordering: "name", page_size: 100 });
  const projects = useProjects({ client: state.client || undefined });
  const select = (key: keyof BoardState, label: string, options: React.ReactNode, hidden = false) =>
    hidden ? null : (
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor={`task-filter-${key}`}>{label}</Label>
        <NativeSelect
          id={`task-filter-${key}`}
          value={String(state[key])}
          onChange={(event) => change({ [key]: event.target.value } as Partial<BoardState>)}
        >
          {options}
        </NativeSelect>
      </div>
    );
  return (
    <div id="task-filters" className="mb-4 grid gap-3 rounded-lg border bg-card p-4 sm:grid-cols-2 lg:grid-cols-5">
      {select(
        "assignee",
        t("filters.assignee"),
        <>
          <option value="">{t("filters.everyone")}</option>
          <option value={UNASSIGNED}>{t("filters.nobody")}</option>
          {staff.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
          {/* Someone outside the team (a client's member, from the workload): keep the choice shown. */}
          {state.assignee && state.assignee !== UNASSIGNED && staff.length > 0 && !staff.some((member) => member.id === state.assignee) ? (
            <option value={state.assignee}>{t("filters.someoneElse")}</option>
          ) : null}
        </>,
        state.view === "mine",
      )}
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="task-filter-client">{t("filters.client")}</Label>
        <NativeSelect
          id="task-filter-client"
          value={state.client}
          // Another client's projects are not this one's: the project filter goes with it.
          onChange={(event) => change({ client: event.target.value, project: "" })}
        >
          <option value="">{t("filters.anyClient")}</option>
          {(clients.data?.results ?? []).map((client) => (
            <option key={client.id} value={client.id}>
              {client.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      {select(
        "project",
        t("filters.project"),
        <>
          <option value="">{t("filters.anyProject")}</option>
          {(projects.data?.results ?? []).map((project) => (
            <option key={project.id} value={project.id}>
              {state.client ? project.name : `${project.client_name} · ${project.name}`}
            </option>
          ))}
        </>,
      )}
      {select(
        "priority",
        t("filters.priority"),
        <>
          <option value="">{t("filters.anyPriority")}</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {tt(`priority.${priority}`)}
            </option>
          ))}
        </>,
      )}
      {select(
        "due",
        t("filters.due"),
        <>
          <option value="">{t("filters.anyDue")}</option>
          {DUE_FILTERS.map((due) => (
            <option key={due} value={due}>
              {t(`filters.${due}`)}
            </option>
          ))}
        </>,
      )}
    </div>
  );
}

/** `/admin/taches`: every project's tasks as a board, a list, the staff member's own, or the team's load. */
export function AdminTasks() {
  const t = useTranslations("admin.tasks");
  const { state, change, go } = useBoardState();
  const me = useMe();
  const staff = useStaffOptions();
  const [filtersOpen, setFiltersOpen] = useState(() => activeFilterCount(state) > 0);
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const linked = useLinkedTask(setEditing);
  const filters = taskFilters(state, { me: me.data?.id });
  const filterCount = activeFilterCount(state) - (state.view === "mine" && state.assignee ? 1 : 0);
  const clearFilters = () => go({ ...DEFAULT_BOARD, view: state.view, ordering: state.ordering });
  const toggle = useCallback(
    (id: string) => setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id])),
    [],
  );
  const open = useCallback((task: Task) => setEditing({ task }), []);
  const onSearch = useCallback((q: string) => change({ q }, "replace"), [change]);
  // The selection belongs to what is on screen: another view or other filters start afresh.
  const search = boardSearch({ ...state, page: 1 });
  const [selectionFor, setSelectionFor] = useState(search);
  if (selectionFor !== search) {
    setSelectionFor(search);
    setSelected([]);
  }

  const common = {
    filters,
    state,
    staff,
    selected,
    onToggle: toggle,
    onOpen: open,
    onClearFilters: clearFilters,
    onCreate: () => setEditing({ task: null }),
  };

  return (
    <div className="min-w-0">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <Button onClick={() => setEditing({ task: null })}>
            <Plus aria-hidden="true" />
            {t("new")}
          </Button>
        }
      />
      <ViewTabs state={state} />
      {state.view !== "workload" ? (
        <>
          <div className="mb-3 flex flex-wrap items-center gap-2">
            <ListSearchBox value={state.q} onSearch={onSearch} label={t("filters.search")} placeholder={t("filters.searchPlaceholder")} />
            <Button
              variant="outline"
              aria-expanded={filtersOpen}
              aria-controls="task-filters"
              onClick={() => setFiltersOpen((value) => !value)}
            >
              <SlidersHorizontal aria-hidden="true" />
              {t("filters.title")}
              {filterCount > 0 ? <Badge tone="primary">{filterCount}</Badge> : null}
            </Button>
            {filterCount > 0 || state.q ? (
              <Button variant="ghost" onClick={clearFilters}>
                {t("filters.clearAll")}
              </Button>
            ) : null}
          </div>
          {filtersOpen ? <Filters state={state} change={change} /> : null}
        </>
      ) : null}
      {state.view === "board" || state.view === "mine" ? (
        <GlobalBoard {...common} enabled={state.view === "board" || Boolean(me.data)} />
      ) : state.view === "list" ? (
        <TaskTable {...common} onSort={(ordering) => change({ ordering })} onPage={(page) => change({ page })} />
      ) : (
        <WorkloadView onPick={(assignee) => go({ ...DEFAULT_BOARD, assignee })} />
      )}
      {/* After the tasks, so that it sticks to the bottom of the screen while they scroll. */}
      {state.view !== "workload" ? <BulkAssignBar selected={selected} staff={staff} onDone={() => setSelected([])} /> : null}
      {editing ? (
        <TaskEditor
          target={editing}
          defaults={{
            project: state.project,
            assignee: state.view === "mine" ? me.data?.id : state.assignee && state.assignee !== UNASSIGNED ? state.assignee : undefined,
          }}
          staff={staff}
          onClose={() => {
            setEditing(null);
            linked.close();
          }}
        />
      ) : null}
    </div>
  );
}

/** What the board and the list views share. */
export type TaskViewCommon = {
  filters: ReturnType<typeof taskFilters>;
  state: BoardState;
  staff: ReturnType<typeof useStaffOptions>;
  selected: string[];
  onToggle: (id: string) => void;
  onOpen: (task: Task) => void;
  onClearFilters: () => void;
  onCreate: () => void;
};
