/**
 * The staff project list's state lives in the address, with the very names of `GET /api/projects/`
 * (`/admin/projets?client=…&status=active&late=true&budget_used_min=80&ordering=due_date&page=2`):
 * a client's page links to its projects this way, and a reload or a shared link shows the same list.
 * Defaults are left out of the address; whatever makes no sense is dropped, not sent to the API.
 */
import type { ProjectStatus } from "@/lib/api/types";
import { PROJECT_STATUSES } from "@/lib/api/types";

/** The API's ordering fields for projects (crates/db/src/projects.rs). */
export const PROJECT_ORDER_FIELDS = ["created_at", "updated_at", "name", "due_date", "status"] as const;
export type ProjectOrderField = (typeof PROJECT_ORDER_FIELDS)[number];
export type ProjectOrdering = ProjectOrderField | `-${ProjectOrderField}`;

/** "Budget consommé ≥ N %": the API takes 0–1000 (a project can go over its budget). */
export const BUDGET_USED_MAX = 1000;
/** The thresholds the filter panel offers in one tap. */
export const BUDGET_USED_PRESETS = [50, 80, 100] as const;

export type ProjectListState = {
  /** A client's id (uuid), or "". */
  client: string;
  status: ProjectStatus | "";
  /** A staff member's id (uuid), or "". */
  manager: string;
  late: boolean;
  /** A percentage (0–1000), or null for no filter. */
  budget_used_min: number | null;
  search: string;
  ordering: ProjectOrdering;
  page: number;
};

export const DEFAULT_PROJECT_LIST: ProjectListState = {
  client: "",
  status: "",
  manager: "",
  late: false,
  budget_used_min: null,
  search: "",
  ordering: "-created_at",
  page: 1,
};

export const PROJECT_PAGE_SIZE = 25;

/** The filters a chip shows and removes (search, sort and page are not chips). */
export const PROJECT_CHIPS = ["client", "status", "manager", "late", "budget_used_min"] as const;
export type ProjectChip = (typeof PROJECT_CHIPS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isProjectOrdering(value: string): value is ProjectOrdering {
  return (PROJECT_ORDER_FIELDS as readonly string[]).includes(value.startsWith("-") ? value.slice(1) : value);
}

type Params = Pick<URLSearchParams, "get">;

function uuidParam(params: Params, name: string): string {
  const value = (params.get(name) ?? "").trim();
  return UUID.test(value) ? value.toLowerCase() : "";
}

/** `80` → 80; blanks, decimals, negatives and values past 1000 → null. */
export function parseBudgetUsed(value: string | null): number | null {
  if (value === null || !/^\d{1,4}$/.test(value.trim())) return null;
  const percent = Number(value.trim());
  return percent <= BUDGET_USED_MAX ? percent : null;
}

/** The list's state from the address; whatever is missing or makes no sense takes its default. */
export function readProjectListState(params: Params): ProjectListState {
  const status = params.get("status") ?? "";
  const ordering = params.get("ordering") ?? "";
  const page = Number(params.get("page"));
  return {
    client: uuidParam(params, "client"),
    status: (PROJECT_STATUSES as string[]).includes(status) ? (status as ProjectStatus) : "",
    manager: uuidParam(params, "manager"),
    late: params.get("late") === "true",
    budget_used_min: parseBudgetUsed(params.get("budget_used_min")),
    search: (params.get("search") ?? "").trim().slice(0, 100),
    ordering: isProjectOrdering(ordering) ? ordering : DEFAULT_PROJECT_LIST.ordering,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** `client=…&late=true&ordering=due_date&page=2`: only what differs from the defaults, in a stable order. */
export function projectListSearch(state: ProjectListState, { page = true }: { page?: boolean } = {}): string {
  const out = new URLSearchParams();
  for (const key of ["client", "status", "manager"] as const) if (state[key]) out.set(key, state[key]);
  if (state.late) out.set("late", "true");
  if (state.budget_used_min !== null) out.set("budget_used_min", String(state.budget_used_min));
  if (state.search) out.set("search", state.search);
  if (state.ordering !== DEFAULT_PROJECT_LIST.ordering) out.set("ordering", state.ordering);
  if (page && state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

/** A change of filters or sort goes back to the first page; a change of page keeps the rest. */
export function withProjectListChange(state: ProjectListState, change: Partial<ProjectListState>): ProjectListState {
  const resetsPage = Object.keys(change).some((key) => key !== "page");
  return { ...state, ...change, page: resetsPage && change.page === undefined ? 1 : (change.page ?? state.page) };
}

/** The query of `GET /api/projects/`: the address's names, only those in use. */
export type ProjectListParams = {
  client?: string;
  status?: ProjectStatus;
  manager?: string;
  late?: boolean;
  budget_used_min?: number;
  search?: string;
  ordering: ProjectOrdering;
  page: number;
  page_size: number;
};

export function projectListParams(state: ProjectListState): ProjectListParams {
  const params: ProjectListParams = { ordering: state.ordering, page: state.page, page_size: PROJECT_PAGE_SIZE };
  if (state.client) params.client = state.client;
  if (state.status) params.status = state.status;
  if (state.manager) params.manager = state.manager;
  if (state.late) params.late = true;
  if (state.budget_used_min !== null) params.budget_used_min = state.budget_used_min;
  if (state.search) params.search = state.search;
  return params;
}

/** The filters in use, in the order their chips show. */
export function activeProjectChips(state: ProjectListState): ProjectChip[] {
  return PROJECT_CHIPS.filter((key) => {
    const value = state[key];
    return value !== "" && value !== false && value !== null;
  });
}

/** The value that removes one chip's filter. */
export function withoutChip(key: ProjectChip): Partial<ProjectListState> {
  return { [key]: DEFAULT_PROJECT_LIST[key] };
}

/** The state without any filter or search, keeping the sort: "Effacer les filtres". */
export function withoutProjectFilters(state: ProjectListState): ProjectListState {
  return { ...DEFAULT_PROJECT_LIST, ordering: state.ordering };
}

export function projectPageCount(count: number, pageSize = PROJECT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
