/**
 * The staff invoice list's state lives in the address, with the very names of `GET /api/invoices/`
 * (`/admin/facturation/factures?status=overdue&ordering=-total_ttc&page=2`): the dashboard, the
 * alerts and the search build these links, and a reload or a shared link shows the same list.
 * Defaults are left out of the address; whatever makes no sense is dropped, not sent to the API.
 * What it shares with the quote list (status, client, search, sort, page) is in ./document-list-state.ts.
 */
import {
  DOCUMENT_PAGE_SIZE,
  documentListSearch,
  filtersInUse,
  readDocumentListBase,
  readUuid,
  withListChange,
  withoutListFilters,
  type DocumentListBase,
  type Ordering,
} from "./document-list-state";

export { pageCount } from "./document-list-state";

export const INVOICE_STATUS_FILTERS = ["draft", "sent", "partially_paid", "paid", "cancelled", "credited", "overdue", "unpaid"] as const;
export type InvoiceStatusFilter = (typeof INVOICE_STATUS_FILTERS)[number];

/** The API's ordering fields for invoices (crates/db/src/invoices.rs `ORDERING_FIELDS`). */
export const INVOICE_ORDER_FIELDS = ["created_at", "issue_date", "due_date", "number", "total_ttc", "status"] as const;
export type InvoiceOrderField = (typeof INVOICE_ORDER_FIELDS)[number];
export type InvoiceOrdering = Ordering<InvoiceOrderField>;

export const DATE_FILTERS = ["issued_after", "issued_before", "due_after", "due_before"] as const;
export type DateFilter = (typeof DATE_FILTERS)[number];

/** The total TTC range, in the currency's minor unit (FCFA have none): `amount_min=100000`. */
export const AMOUNT_FILTERS = ["amount_min", "amount_max"] as const;
export type AmountFilter = (typeof AMOUNT_FILTERS)[number];
/** Above any invoice's total: a longer number is a typo, not a filter. */
const MAX_AMOUNT = 999_999_999_999;

export type InvoiceListState = DocumentListBase<InvoiceStatusFilter, InvoiceOrderField> & {
  /** A project's id (uuid), or "". */
  project: string;
  /** `YYYY-MM-DD` each, or "". */
  issued_after: string;
  issued_before: string;
  due_after: string;
  due_before: string;
  /** Whole amounts written as digits (`150000`), or "". */
  amount_min: string;
  amount_max: string;
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
  amount_min: "",
  amount_max: "",
  ordering: "-issue_date",
  page: 1,
};


/** The filters a chip shows and removes (search, sort and page are not chips). */
export const CHIP_FILTERS = ["status", "client", "project", ...DATE_FILTERS, ...AMOUNT_FILTERS] as const;
export type ChipFilter = (typeof CHIP_FILTERS)[number];

/** A real calendar day written `YYYY-MM-DD` (not `2026-02-31`). */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * An amount as staff type it (`150 000`, `150000`, `150 000 FCFA` pasted): its digits, or ""
 * when it is not a whole amount of 0 or more.
 */
export function parseAmount(value: string): string {
  const compact = value.replace(/[\s\u00a0\u202f.]/g, "").replace(/fcfa$/i, "");
  if (!/^\d+$/.test(compact)) return "";
  const amount = Number(compact);
  return amount <= MAX_AMOUNT ? String(amount) : "";
}

/** Whether a minimum is above its maximum (both set). */
export function isBadAmountRange(min: string, max: string): boolean {
  return min !== "" && max !== "" && Number(min) > Number(max);
}

/** The list's state from the address; whatever is missing or makes no sense takes its default. */
export function readInvoiceListState(params: Pick<URLSearchParams, "get">): InvoiceListState {
  const day = (name: DateFilter) => {
    const value = (params.get(name) ?? "").trim();
    return isIsoDay(value) ? value : "";
  };
  // Only digits in the address (what `invoiceListSearch` writes); a backwards range is dropped whole.
  const amount = (name: AmountFilter) => {
    const value = (params.get(name) ?? "").trim();
    return /^\d+$/.test(value) ? parseAmount(value) : "";
  };
  let amount_min = amount("amount_min");
  let amount_max = amount("amount_max");
  if (isBadAmountRange(amount_min, amount_max)) amount_min = amount_max = "";
  return {
    ...readDocumentListBase(params, { statuses: INVOICE_STATUS_FILTERS, orderFields: INVOICE_ORDER_FIELDS, defaultOrdering: DEFAULT_INVOICE_LIST.ordering }),
    project: readUuid(params, "project"),
    issued_after: day("issued_after"),
    issued_before: day("issued_before"),
    due_after: day("due_after"),
    due_before: day("due_before"),
    amount_min,
    amount_max,
  };
}

/** `status=overdue&ordering=-total_ttc&page=2`: only what differs from the defaults, in a stable order. */
export function invoiceListSearch(state: InvoiceListState): string {
  return documentListSearch(state, ["status", "client", "project", "search", ...DATE_FILTERS, ...AMOUNT_FILTERS], DEFAULT_INVOICE_LIST.ordering);
}

export const withInvoiceListChange: (state: InvoiceListState, change: Partial<InvoiceListState>) => InvoiceListState = withListChange;

/**
 * The filters of `GET /api/invoices/`, which the totals (`/api/admin/invoices/totals/`) and the
 * export (`/api/admin/invoices/export/`) take too: the address's names, only those in use.
 */
export type InvoiceFilterParams = {
  status?: InvoiceStatusFilter;
  client?: string;
  project?: string;
  search?: string;
  issued_after?: string;
  issued_before?: string;
  due_after?: string;
  due_before?: string;
  amount_min?: number;
  amount_max?: number;
};

/** The query of `GET /api/invoices/`: the filters, the sort and the page. */
export type InvoiceListParams = InvoiceFilterParams & {
  ordering: InvoiceOrdering;
  page: number;
  page_size: number;
};

export function invoiceFilterParams(state: InvoiceListState): InvoiceFilterParams {
  const params: InvoiceFilterParams = {};
  if (state.status) params.status = state.status;
  for (const key of ["client", "project", "search", ...DATE_FILTERS] as const) if (state[key]) params[key] = state[key];
  for (const key of AMOUNT_FILTERS) if (state[key]) params[key] = Number(state[key]);
  return params;
}

export function invoiceListParams(state: InvoiceListState): InvoiceListParams {
  return { ...invoiceFilterParams(state), ordering: state.ordering, page: state.page, page_size: DOCUMENT_PAGE_SIZE };
}

export type ExportLayout = "invoices" | "lines";

/**
 * The CSV of every invoice the filters select (not only this page), in the list's order: one line
 * per invoice, or one per invoice line (`layout=lines`). A plain link: the session cookie goes with it.
 */
export function invoiceExportHref(state: InvoiceListState, layout: ExportLayout): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(invoiceFilterParams(state))) search.set(key, String(value));
  if (state.ordering !== DEFAULT_INVOICE_LIST.ordering) search.set("ordering", state.ordering);
  if (layout === "lines") search.set("layout", "lines");
  const query = search.toString();
  return `/api/admin/invoices/export/${query ? `?${query}` : ""}`;
}

/** The filters in use, in the order their chips show (search, sort and page are not chips). */
export function activeChips(state: InvoiceListState): ChipFilter[] {
  return filtersInUse(state, CHIP_FILTERS);
}

/** The state without any filter or search, keeping the sort: "Effacer les filtres". */
export function withoutFilters(state: InvoiceListState): InvoiceListState {
  return withoutListFilters(DEFAULT_INVOICE_LIST, state);
}
