/**
 * The prospects page keeps its state in the address (`/admin/prospects?vue=liste&owner=me&due=1`):
 * a reload, the back button and a shared link show the same prospects. Defaults are left out.
 */
import { CLIENT_SIZES, type ClientSize } from "@/lib/api/admin";
import { PROSPECT_SOURCES, type ProspectSource, type StageKind } from "./pipeline";

export const PROSPECTS_PATH = "/admin/prospects";
export const PROSPECT_VIEWS = ["board", "list"] as const;
export type ProspectView = (typeof PROSPECT_VIEWS)[number];
export const OUTCOMES = ["open", "won", "lost"] as const satisfies readonly StageKind[];

export const PROSPECT_ORDERINGS = [
  "-created_at",
  "created_at",
  "company",
  "-company",
  "-estimated_value",
  "estimated_value",
  "expected_close",
  "-expected_close",
  "next_follow_up",
  "-next_follow_up",
  "-updated_at",
] as const;
export type ProspectOrdering = (typeof PROSPECT_ORDERINGS)[number];

export type ProspectsState = {
  view: ProspectView;
  q: string;
  /** `me`, a staff member's id, or "" for everyone. */
  owner: string;
  source: ProspectSource | "";
  stage: string;
  outcome: StageKind | "";
  city: string;
  sector: string;
  size: ClientSize | "";
  tag: string;
  /** « Relances dues »: follow-ups due today or earlier. */
  due: boolean;
  ordering: ProspectOrdering;
  page: number;
};

export const DEFAULT_PROSPECTS: ProspectsState = {
  view: "board",
  q: "",
  owner: "",
  source: "",
  stage: "",
  outcome: "",
  city: "",
  sector: "",
  size: "",
  tag: "",
  due: false,
  ordering: "-created_at",
  page: 1,
};

export const PROSPECTS_PAGE_SIZE = 25;

type Params = Pick<URLSearchParams, "get">;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(values: readonly T[], value: string | null): T | "" =>
  (values as readonly string[]).includes(value ?? "") ? (value as T) : "";
const text = (value: string | null, max = 100) => (value ?? "").trim().slice(0, max);

export function readProspectsState(params: Params): ProspectsState {
  const owner = text(params.get("owner"));
  const stage = text(params.get("stage"));
  const page = Number(params.get("page"));
  return {
    view: params.get("vue") === "liste" ? "list" : "board",
    q: text(params.get("q")),
    owner: owner === "me" || UUID.test(owner) ? owner.toLowerCase() : "",
    source: oneOf(PROSPECT_SOURCES, params.get("source")),
    stage: UUID.test(stage) ? stage.toLowerCase() : "",
    outcome: oneOf(OUTCOMES, params.get("outcome")),
    city: text(params.get("city")),
    sector: text(params.get("sector")),
    size: oneOf(CLIENT_SIZES, params.get("size")),
    tag: text(params.get("tag"), 30).toLowerCase(),
    due: params.get("due") === "1",
    ordering: oneOf(PROSPECT_ORDERINGS, params.get("ordering")) || DEFAULT_PROSPECTS.ordering,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export const FILTER_KEYS = ["q", "owner", "source", "stage", "outcome", "city", "sector", "size", "tag", "due"] as const;
export type ProspectFilter = (typeof FILTER_KEYS)[number];
/**
 * The filters the board applies: the list's but the stage and the outcome (its columns are the
 * stages). Those two stay in the address, for the list, but the board neither applies nor shows them.
 */
export const BOARD_FILTER_KEYS = ["q", "owner", "source", "city", "sector", "size", "tag", "due"] as const satisfies readonly ProspectFilter[];

/** Only what differs from the defaults, in a stable order. */
export function prospectsSearch(state: ProspectsState): string {
  const out = new URLSearchParams();
  if (state.view === "list") out.set("vue", "liste");
  for (const key of FILTER_KEYS) {
    const value = state[key];
    if (value === true) out.set(key, "1");
    else if (typeof value === "string" && value) out.set(key, value);
  }
  if (state.ordering !== DEFAULT_PROSPECTS.ordering) out.set("ordering", state.ordering);
  if (state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

/** A change of filters, sort or view goes back to the first page; a change of page keeps the rest. */
export function withProspectsChange(state: ProspectsState, change: Partial<ProspectsState>): ProspectsState {
  const resetsPage = Object.keys(change).some((key) => key !== "page");
  return { ...state, ...change, page: resetsPage && change.page === undefined ? 1 : (change.page ?? state.page) };
}

/** The filters in use in a view (the list's by default), in the chips' order. */
export function activeFilters(state: ProspectsState, view: ProspectView = "list"): ProspectFilter[] {
  const keys: readonly ProspectFilter[] = view === "board" ? BOARD_FILTER_KEYS : FILTER_KEYS;
  return keys.filter((key) => Boolean(state[key]));
}

export function withoutFilters(state: ProspectsState): ProspectsState {
  return { ...DEFAULT_PROSPECTS, view: state.view, ordering: state.ordering };
}

export function clearedFilter(key: ProspectFilter): Partial<ProspectsState> {
  return { [key]: key === "due" ? false : "" };
}

export type ProspectsQuery = {
  search?: string;
  owner?: string;
  source?: string;
  stage?: string;
  outcome?: string;
  city?: string;
  sector?: string;
  size?: string;
  tag?: string;
  follow_up?: string;
  ordering: string;
  page: number;
  page_size: number;
};

/** `GET /api/admin/pipeline/`'s query: the board's filters, in the API's words. */
export type BoardQuery = Pick<ProspectsQuery, "search" | "owner" | "source" | "city" | "sector" | "size" | "tag" | "follow_up">;

export function boardQuery(state: ProspectsState): BoardQuery {
  const query: BoardQuery = {};
  if (state.q) query.search = state.q;
  for (const key of ["owner", "source", "city", "sector", "size", "tag"] as const) if (state[key]) query[key] = state[key];
  if (state.due) query.follow_up = "due";
  return query;
}

/** `GET /api/admin/prospects/`'s query for the list view: the board's filters, the stage or outcome, the sort and the page. */
export function prospectsQuery(state: ProspectsState): ProspectsQuery {
  const query: ProspectsQuery = { ...boardQuery(state), ordering: state.ordering, page: state.page, page_size: PROSPECTS_PAGE_SIZE };
  if (state.stage) query.stage = state.stage;
  if (state.outcome) query.outcome = state.outcome;
  return query;
}

/** The page's address for a state. */
export function prospectsHref(state: ProspectsState): string {
  const search = prospectsSearch(state);
  return search ? `${PROSPECTS_PATH}?${search}` : PROSPECTS_PATH;
}

/**
 * « Voir les N autres » under a board column: the list of that stage's prospects, with the
 * board's filters (an outcome set in the list gives way to the stage).
 */
export function stageListHref(state: ProspectsState, stageId: string): string {
  return prospectsHref(withProspectsChange(state, { view: "list", stage: stageId, outcome: "" }));
}

export function pageCount(count: number): number {
  return Math.max(1, Math.ceil(count / PROSPECTS_PAGE_SIZE));
}
