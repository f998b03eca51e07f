/**
 * The staff's task board keeps its state in the address (`/admin/taches?vue=liste&assignee=…&due=late`):
 * a reload, the back button and a shared link show the same tasks. Defaults are left out.
 */
import type { Priority, TaskStatus } from "@/lib/api/types";
import { PRIORITIES } from "@/lib/api/types";
import type { TaskQuery } from "@/queries/admin-tasks";

export const BOARD_VIEWS = ["board", "list", "mine", "workload"] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

export const DUE_FILTERS = ["late", "this_week"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

/** `none`: the tasks nobody has. */
export const UNASSIGNED = "none";

/** The list view's sorts, as `GET /api/tasks/` spells them. */
export const TASK_ORDERINGS = [
  "due_date",
  "-due_date",
  "priority",
  "-priority",
  "title",
  "-title",
  "updated_at",
  "-updated_at",
  "created_at",
  "-created_at",
] as const;
export type TaskOrdering = (typeof TASK_ORDERINGS)[number];

export type BoardState = {
  view: BoardView;
  q: string;
  /** A staff member's id, `none`, or "" for everyone. */
  assignee: string;
  client: string;
  project: string;
  priority: Priority | "";
  due: DueFilter | "";
  /** The list view only. */
  ordering: TaskOrdering;
  page: number;
};

export const DEFAULT_BOARD: BoardState = {
  view: "board",
  q: "",
  assignee: "",
  client: "",
  project: "",
  priority: "",
  due: "",
  ordering: "due_date",
  page: 1,
};

/** Tasks per page in the list view. */
export const LIST_PAGE_SIZE = 25;
/** Cards per column on the board (the API's largest page). */
export const COLUMN_PAGE_SIZE = 100;

type Params = Pick<URLSearchParams, "get">;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T | ""): T | "" =>
  (values as readonly string[]).includes(value ?? "") ? (value as T) : fallback;
const id = (value: string | null) => (value && UUID.test(value) ? value.toLowerCase() : "");

/** The board's state from the address; whatever is missing or makes no sense takes its default. */
export function readBoardState(params: Params): BoardState {
  const page = Number(params.get("page"));
  const assignee = params.get("assignee");
  return {
    view: oneOf(BOARD_VIEWS, params.get("view"), "board") || "board",
    q: (params.get("q") ?? "").trim().slice(0, 100),
    assignee: assignee === UNASSIGNED ? UNASSIGNED : id(assignee),
    client: id(params.get("client")),
    project: id(params.get("project")),
    priority: oneOf(PRIORITIES, params.get("priority"), ""),
    due: oneOf(DUE_FILTERS, params.get("due"), ""),
    ordering: oneOf(TASK_ORDERINGS, params.get("ordering"), DEFAULT_BOARD.ordering) || DEFAULT_BOARD.ordering,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/**
 * The task a link opens over the board (`?tache=<id>`, as notifications write it), apart from the
 * board's state: it is not a filter, and closing the editor takes it away.
 */
export function linkedTaskId(params: Params): string | null {
  return id(params.get("tache")) || null;
}

/** Only what differs from the defaults, in a stable order. */
export function boardSearch(state: BoardState): string {
  const out = new URLSearchParams();
  if (state.view !== "board") out.set("view", state.view);
  for (const key of ["q", "assignee", "client", "project", "priority", "due"] as const) if (state[key]) out.set(key, state[key]);
  if (state.ordering !== DEFAULT_BOARD.ordering) out.set("ordering", state.ordering);
  if (state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

/**
 * A change of filters, sort or view goes back to the first page; a change of page keeps the rest.
 * A client whose projects do not include the chosen project clears it (the caller says so).
 */
export function withBoardChange(state: BoardState, change: Partial<BoardState>): BoardState {
  const resetsPage = Object.keys(change).some((key) => key !== "page");
  return { ...state, ...change, page: resetsPage && change.page === undefined ? 1 : (change.page ?? state.page) };
}

/** How many filters are in use (not the text, view, sort or page): the "Filtres (2)" badge. */
export function activeFilterCount(state: BoardState): number {
  return (["assignee", "client", "project", "priority", "due"] as const).filter((key) => state[key]).length;
}

/** Whether anything narrows the tasks shown (the empty state then offers to clear it). */
export function isFiltered(state: BoardState): boolean {
  return activeFilterCount(state) > 0 || state.q !== "";
}

/**
 * The filters shared by the board's columns and the list. `me` is the staff member's id
 * (« Mes tâches »); `none` asks for the tasks nobody has.
 */
export function taskFilters(state: BoardState, { me }: { me?: string }): TaskQuery {
  const assignee = state.view === "mine" ? me : state.assignee && state.assignee !== UNASSIGNED ? state.assignee : undefined;
  return {
    client: state.client || undefined,
    project: state.project || undefined,
    priority: state.priority || undefined,
    assigned_to: assignee,
    unassigned: state.view !== "mine" && state.assignee === UNASSIGNED ? true : undefined,
    search: state.q || undefined,
    // Open tasks only, as the API counts "late" (before today) and "this week" (today to Sunday).
    due: state.due || undefined,
  };
}

/** One column of the board: its status, in the global board's own order, the largest page. */
export function columnQuery(filters: TaskQuery, status: TaskStatus): TaskQuery {
  return { ...filters, status, ordering: "board", page_size: COLUMN_PAGE_SIZE };
}

/** A page of the list view. */
export function listQuery(filters: TaskQuery, state: BoardState): TaskQuery {
  return { ...filters, ordering: state.ordering, page: state.page, page_size: LIST_PAGE_SIZE };
}

export function pageCount(count: number, pageSize = LIST_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
