/**
 * The staff quote list's state lives in the address, with the very names of `GET /api/quotes/`
 * (`/admin/facturation/devis?status=accepted&client=…&ordering=-total_ttc&page=2`), like the
 * invoices' (./list-state.ts). Defaults are left out; whatever makes no sense is dropped.
 */
import { INVOICE_PAGE_SIZE } from "./list-state";

export const QUOTE_STATUS_FILTERS = ["draft", "sent", "accepted", "declined", "expired"] as const;
export type QuoteStatusFilter = (typeof QUOTE_STATUS_FILTERS)[number];

/** The API's ordering fields for quotes (`list_quotes`). */
export const QUOTE_ORDER_FIELDS = ["created_at", "issue_date", "valid_until", "number", "total_ttc", "status"] as const;
export type QuoteOrderField = (typeof QUOTE_ORDER_FIELDS)[number];
export type QuoteOrdering = QuoteOrderField | `-${QuoteOrderField}`;

export type QuoteListState = {
  status: QuoteStatusFilter | "";
  /** A client's id (uuid), or "". */
  client: string;
  search: string;
  ordering: QuoteOrdering;
  page: number;
};

export const DEFAULT_QUOTE_LIST: QuoteListState = { status: "", client: "", search: "", ordering: "-issue_date", page: 1 };
export const QUOTE_PAGE_SIZE = INVOICE_PAGE_SIZE;

export const QUOTE_CHIPS = ["status", "client"] as const;
export type QuoteChip = (typeof QUOTE_CHIPS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isQuoteOrdering(value: string): value is QuoteOrdering {
  return (QUOTE_ORDER_FIELDS as readonly string[]).includes(value.startsWith("-") ? value.slice(1) : value);
}

type Params = Pick<URLSearchParams, "get">;

export function readQuoteListState(params: Params): QuoteListState {
  const status = params.get("status") ?? "";
  const client = (params.get("client") ?? "").trim();
  const ordering = params.get("ordering") ?? "";
  const page = Number(params.get("page"));
  return {
    status: (QUOTE_STATUS_FILTERS as readonly string[]).includes(status) ? (status as QuoteStatusFilter) : "",
    client: UUID.test(client) ? client.toLowerCase() : "",
    search: (params.get("search") ?? "").trim().slice(0, 100),
    ordering: isQuoteOrdering(ordering) ? ordering : DEFAULT_QUOTE_LIST.ordering,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export function quoteListSearch(state: QuoteListState): string {
  const out = new URLSearchParams();
  for (const key of ["status", "client", "search"] as const) if (state[key]) out.set(key, state[key]);
  if (state.ordering !== DEFAULT_QUOTE_LIST.ordering) out.set("ordering", state.ordering);
  if (state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

/** A change of filters or sort goes back to the first page; a change of page keeps the rest. */
export function withQuoteListChange(state: QuoteListState, change: Partial<QuoteListState>): QuoteListState {
  const resetsPage = Object.keys(change).some((key) => key !== "page");
  return { ...state, ...change, page: resetsPage && change.page === undefined ? 1 : (change.page ?? state.page) };
}

export type QuoteListParams = {
  status?: QuoteStatusFilter;
  client?: string;
  search?: string;
  ordering: QuoteOrdering;
  page: number;
  page_size: number;
};

export function quoteListParams(state: QuoteListState): QuoteListParams {
  const params: QuoteListParams = { ordering: state.ordering, page: state.page, page_size: QUOTE_PAGE_SIZE };
  if (state.status) params.status = state.status;
  if (state.client) params.client = state.client;
  if (state.search) params.search = state.search;
  return params;
}

export function activeQuoteChips(state: QuoteListState): QuoteChip[] {
  return QUOTE_CHIPS.filter((key) => state[key] !== "");
}

export function withoutQuoteFilters(state: QuoteListState): QuoteListState {
  return { ...DEFAULT_QUOTE_LIST, ordering: state.ordering };
}
