/**
 * The client list's state lives in the address (`/admin/clients?status=active&ordering=-outstanding&page=2`):
 * a reload, the back button and a shared link show the same list. Defaults are left out of the
 * address, and a saved filter is the same string without the page.
 */
import { CLIENT_ORDERINGS, type ClientListParams, type ClientOrdering } from "@/lib/api/admin";

export const CLIENT_STATUSES = ["active", "archived"] as const;
export type ClientStatusFilter = (typeof CLIENT_STATUSES)[number] | "";

export type ClientListState = {
  q: string;
  status: ClientStatusFilter;
  city: string;
  country: string;
  sector: string;
  tag: string;
  has_overdue: boolean;
  ordering: ClientOrdering;
  page: number;
};

export const DEFAULT_CLIENT_LIST: ClientListState = {
  q: "",
  status: "",
  city: "",
  country: "",
  sector: "",
  tag: "",
  has_overdue: false,
  ordering: "name",
  page: 1,
};

export const CLIENT_PAGE_SIZE = 25;

type Params = Pick<URLSearchParams, "get">;

function textParam(params: Params, name: string, max = 100): string {
  return (params.get(name) ?? "").trim().slice(0, max);
}

/** The list's state from the address; whatever is missing or makes no sense takes its default. */
export function readClientListState(params: Params): ClientListState {
  const status = params.get("status");
  const ordering = params.get("ordering");
  const page = Number(params.get("page"));
  const country = textParam(params, "country", 2).toUpperCase();
  return {
    q: textParam(params, "q"),
    status: (CLIENT_STATUSES as readonly string[]).includes(status ?? "") ? (status as ClientStatusFilter) : "",
    city: textParam(params, "city"),
    country: /^[A-Z]{2}$/.test(country) ? country : "",
    sector: textParam(params, "sector"),
    tag: textParam(params, "tag"),
    has_overdue: params.get("has_overdue") === "true",
    ordering: (CLIENT_ORDERINGS as readonly string[]).includes(ordering ?? "") ? (ordering as ClientOrdering) : "name",
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** `status=active&ordering=-outstanding&page=2`: only what differs from the defaults, in a stable order. */
export function clientListSearch(state: ClientListState, { page = true }: { page?: boolean } = {}): string {
  const out = new URLSearchParams();
  const keys = ["q", "status", "city", "country", "sector", "tag"] as const;
  for (const key of keys) if (state[key]) out.set(key, state[key]);
  if (state.has_overdue) out.set("has_overdue", "true");
  if (state.ordering !== DEFAULT_CLIENT_LIST.ordering) out.set("ordering", state.ordering);
  if (page && state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

/** A change of filters or sort goes back to the first page; a change of page keeps the rest. */
export function withClientListChange(state: ClientListState, change: Partial<ClientListState>): ClientListState {
  const resetsPage = Object.keys(change).some((key) => key !== "page");
  return { ...state, ...change, page: resetsPage && change.page === undefined ? 1 : (change.page ?? state.page) };
}

/** The query of `GET /api/clients/` for the state. */
export function clientListParams(state: ClientListState): ClientListParams {
  return {
    q: state.q || undefined,
    status: state.status || undefined,
    city: state.city || undefined,
    country: state.country || undefined,
    sector: state.sector || undefined,
    tag: state.tag || undefined,
    has_overdue: state.has_overdue || undefined,
    ordering: state.ordering,
    page: state.page,
    page_size: CLIENT_PAGE_SIZE,
  };
}

/** How many filters (not search, sort or page) are in use: the "Filtres (2)" badge. */
export function activeFilterCount(state: ClientListState): number {
  return (["status", "city", "country", "sector", "tag"] as const).filter((key) => state[key]).length + (state.has_overdue ? 1 : 0);
}

export function pageCount(count: number, pageSize = CLIENT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
