/**
 * The staff quote list's state lives in the address, with the very names of `GET /api/quotes/`
 * (`/admin/facturation/devis?status=accepted&client=…&ordering=-total_ttc&page=2`), like the
 * invoices' (./list-state.ts); what both lists share is in ./document-list-state.ts.
 */
import {
  DOCUMENT_PAGE_SIZE,
  documentListSearch,
  filtersInUse,
  readDocumentListBase,
  withListChange,
  withoutListFilters,
  type DocumentListBase,
  type Ordering,
} from "./document-list-state";

export const QUOTE_STATUS_FILTERS = ["draft", "sent", "accepted", "declined", "expired"] as const;
export type QuoteStatusFilter = (typeof QUOTE_STATUS_FILTERS)[number];

/** The API's ordering fields for quotes (`list_quotes`). */
export const QUOTE_ORDER_FIELDS = ["created_at", "issue_date", "valid_until", "number", "total_ttc", "status"] as const;
export type QuoteOrderField = (typeof QUOTE_ORDER_FIELDS)[number];
export type QuoteOrdering = Ordering<QuoteOrderField>;

export type QuoteListState = DocumentListBase<QuoteStatusFilter, QuoteOrderField>;

export const DEFAULT_QUOTE_LIST: QuoteListState = { status: "", client: "", search: "", ordering: "-issue_date", page: 1 };

export const QUOTE_CHIPS = ["status", "client"] as const;
export type QuoteChip = (typeof QUOTE_CHIPS)[number];

export function readQuoteListState(params: Pick<URLSearchParams, "get">): QuoteListState {
  return readDocumentListBase(params, { statuses: QUOTE_STATUS_FILTERS, orderFields: QUOTE_ORDER_FIELDS, defaultOrdering: DEFAULT_QUOTE_LIST.ordering });
}

export function quoteListSearch(state: QuoteListState): string {
  return documentListSearch(state, ["status", "client", "search"], DEFAULT_QUOTE_LIST.ordering);
}

export const withQuoteListChange: (state: QuoteListState, change: Partial<QuoteListState>) => QuoteListState = withListChange;

export type QuoteListParams = {
  status?: QuoteStatusFilter;
  client?: string;
  search?: string;
  ordering: QuoteOrdering;
  page: number;
  page_size: number;
};

export function quoteListParams(state: QuoteListState): QuoteListParams {
  const params: QuoteListParams = { ordering: state.ordering, page: state.page, page_size: DOCUMENT_PAGE_SIZE };
  if (state.status) params.status = state.status;
  if (state.client) params.client = state.client;
  if (state.search) params.search = state.search;
  return params;
}

export function activeQuoteChips(state: QuoteListState): QuoteChip[] {
  return filtersInUse(state, QUOTE_CHIPS);
}

export function withoutQuoteFilters(state: QuoteListState): QuoteListState {
  return withoutListFilters(DEFAULT_QUOTE_LIST, state);
}
