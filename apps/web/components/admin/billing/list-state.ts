/**
 * The staff invoice list's state lives in the address, with the very names of `GET /api/invoices/`
 * (`/admin/facturation/factures?status=overdue&ordering=-total_ttc&page=2`): the dashboard, the
 * alerts and the search build these links, and a reload or a shared link shows the same list.
 * Defaults are left out of the address; whatever makes no sense is dropped, not sent to the API.
 */

export const INVOICE_STATUS_FILTERS = ["draft", "sent", "partially_paid", "paid", "cancelled", "credited", "overdue", "unpaid"] as const;
export type InvoiceStatusFilter = (typeof INVOICE_STATUS_FILTERS)[number];

/** The API's ordering fields for invoices (crates/db/src/invoices.rs `ORDERING_FIELDS`). */
export const INVOICE_ORDER_FIELDS = ["created_at", "issue_date", "due_date", "number", "total_ttc", "status"] as const;
export type InvoiceOrderField = (typeof INVOICE_ORDER_FIELDS)[number];
export type InvoiceOrdering = InvoiceOrderField | `-${InvoiceOrderField}`;

export const DATE_FILTERS = ["issued_after", "issued_before", "due_after", "due_before"] as const;
export type DateFilter = (typeof DATE_FILTERS)[number];

export type InvoiceListState = {
  status: InvoiceStatusFilter | "";
  /** A client's id (uuid). */
  client: string;
  /** A project's id (uuid). */
  project: string;
  search: string;
  /** `YYYY-MM-DD` each, or "". */
  issued_after: string;
  issued_before: string;
  due_after: string;
  due_before: string;
  ordering: InvoiceOrdering;
  page: number;
};

export const DEFAULT_INVOICE_LIST: InvoiceListState = {
  status: "",
  client: "",
  project: "",
  search: "",
  issued_after: "",
  issued_before: "",
  due_after: "",
  due_before: "",
  ordering: "-issue_date",
  page: 1,
};

export const INVOICE_PAGE_SIZE = 25;

/** The filters a chip shows and removes (search, sort and page are not chips). */
export const CHIP_FILTERS = ["status", "client", "project", ...DATE_FILTERS] as const;
export type ChipFilter = (typeof CHIP_FILTERS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A real calendar day written `YYYY-MM-DD` (not `2026-02-31`). */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function isInvoiceOrdering(value: string): value is InvoiceOrdering {
  return (INVOICE_ORDER_FIELDS as readonly string[]).includes(value.startsWith("-") ? value.slice(1) : value);
}

type Params = Pick<URLSearchParams, "get">;

/** The list's state from the address; whatever is missing or makes no sense takes its default. */
export function readInvoiceListState(params: Params): InvoiceListState {
  const status = params.get("status") ?? "";
  const client = (params.get("client") ?? "").trim();
  const project = (params.get("project") ?? "").trim();
  const ordering = params.get("ordering") ?? "";
  const page = Number(params.get("page"));
  const day = (name: DateFilter) => {
    const value = (params.get(name) ?? "").trim();
    return isIsoDay(value) ? value : "";
  };
  return {
    status: (INVOICE_STATUS_FILTERS as readonly string[]).includes(status) ? (status as InvoiceStatusFilter) : "",
    client: UUID.test(client) ? client.toLowerCase() : "",
    project: UUID.test(project) ? project.toLowerCase() : "",
    search: (params.get("search") ?? "").trim().slice(0, 100),
    issued_after: day("issued_after"),
    issued_before: day("issued_before"),
    due_after: day("due_after"),
    due_before: day("due_before"),
    ordering: isInvoiceOrdering(ordering) ? ordering : DEFAULT_INVOICE_LIST.ordering,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** `status=overdue&ordering=-total_ttc&page=2`: only what differs from the defaults, in a stable order. */
export function invoiceListSearch(state: InvoiceListState): string {
  const out = new URLSearchParams();
  for (const key of ["status", "client", "project", "search", ...DATE_FILTERS] as const) if (state[key]) out.set(key, state[key]);
  if (state.ordering !== DEFAULT_INVOICE_LIST.ordering) out.set("ordering", state.ordering);
  if (state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

/** A change of filters or sort goes back to the first page; a change of page keeps the rest. */
export function withInvoiceListChange(state: InvoiceListState, change: Partial<InvoiceListState>): InvoiceListState {
  const resetsPage = Object.keys(change).some((key) => key !== "page");
  return { ...state, ...change, page: resetsPage && change.page === undefined ? 1 : (change.page ?? state.page) };
}

/** The query of `GET /api/invoices/`: the address's names, only those in use. */
export type InvoiceListParams = {
  status?: InvoiceStatusFilter;
  client?: string;
  project?: string;
  search?: string;
  issued_after?: string;
  issued_before?: string;
  due_after?: string;
  due_before?: string;
  ordering: InvoiceOrdering;
  page: number;
  page_size: number;
};

export function invoiceListParams(state: InvoiceListState): InvoiceListParams {
  const params: InvoiceListParams = { ordering: state.ordering, page: state.page, page_size: INVOICE_PAGE_SIZE };
  for (const key of ["client", "project", "search", ...DATE_FILTERS] as const) if (state[key]) params[key] = state[key];
  if (state.status) params.status = state.status;
  return params;
}

/** The filters in use, in the order their chips show (search, sort and page are not chips). */
export function activeChips(state: InvoiceListState): ChipFilter[] {
  return CHIP_FILTERS.filter((key) => state[key] !== "");
}

/** The state without any filter or search, keeping the sort: "Effacer les filtres". */
export function withoutFilters(state: InvoiceListState): InvoiceListState {
  return { ...DEFAULT_INVOICE_LIST, ordering: state.ordering };
}

export function pageCount(count: number, pageSize = INVOICE_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
