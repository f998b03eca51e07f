/**
 * What the staff quote and invoice lists keep alike in the address (./quote-list-state.ts and
 * ./list-state.ts): a status, a client, a search, a sort and a page, under the API's own names.
 * Defaults stay out of the address; whatever makes no sense is dropped, not sent to the API.
 */
import { isUuid } from "@/components/admin/projects/list-state";

/** Rows a page, on both lists. */
export const DOCUMENT_PAGE_SIZE = 25;
/** A longer search is cut, not sent whole. */
const SEARCH_MAX = 100;

/** A sort by an API field, up (`number`) or down (`-number`). */
export type Ordering<F extends string> = F | `-${F}`;

/** The state both lists have; each adds its own filters. */
export type DocumentListBase<S extends string, F extends string> = {
  status: S | "";
  /** A client's id (uuid), or "". */
  client: string;
  search: string;
  ordering: Ordering<F>;
  page: number;
};

/** A list's rules: the statuses it filters by, the fields the API sorts by, its sort by default. */
export type DocumentListRules<S extends string, F extends string> = {
  statuses: readonly S[];
  orderFields: readonly F[];
  defaultOrdering: Ordering<F>;
};

/** The keys of a state that hold text ("" when unused): what the address may carry as is. */
export type TextKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

type Params = Pick<URLSearchParams, "get">;

export function isOrdering<F extends string>(fields: readonly F[], value: string): value is Ordering<F> {
  return (fields as readonly string[]).includes(value.startsWith("-") ? value.slice(1) : value);
}

/** A uuid from the address, written in lower case; "" for anything else. */
export function readUuid(params: Params, name: string): string {
  const value = (params.get(name) ?? "").trim();
  return isUuid(value) ? value.toLowerCase() : "";
}

/** The shared part of a list's state from the address; whatever is missing or makes no sense takes its default. */
export function readDocumentListBase<S extends string, F extends string>(params: Params, rules: DocumentListRules<S, F>): DocumentListBase<S, F> {
  const status = params.get("status") ?? "";
  const ordering = params.get("ordering") ?? "";
  const page = Number(params.get("page"));
  return {
    status: (rules.statuses as readonly string[]).includes(status) ? (status as S) : "",
    client: readUuid(params, "client"),
    search: (params.get("search") ?? "").trim().slice(0, SEARCH_MAX),
    ordering: isOrdering(rules.orderFields, ordering) ? ordering : rules.defaultOrdering,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** `status=sent&ordering=-total_ttc&page=2`: the filters in use in `keys`' order, the sort unless it is the default, the page after the first. */
export function documentListSearch<T extends { ordering: string; page: number }>(state: T, keys: readonly TextKey<T>[], defaultOrdering: string): string {
  const out = new URLSearchParams();
  for (const key of keys) if (state[key]) out.set(key, String(state[key]));
  if (state.ordering !== defaultOrdering) out.set("ordering", state.ordering);
  if (state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

/** A change of filters or sort goes back to the first page; a change of page keeps the rest. */
export function withListChange<T extends { page: number }>(state: T, change: Partial<T>): T {
  const resetsPage = Object.keys(change).some((key) => key !== "page");
  return { ...state, ...change, page: resetsPage && change.page === undefined ? 1 : (change.page ?? state.page) };
}

/** Of `keys`, those in use, in `keys`' order (the order their chips show). */
export function filtersInUse<T, K extends TextKey<T>>(state: T, keys: readonly K[]): K[] {
  return keys.filter((key) => state[key] !== "");
}

/** The defaults with the state's sort: "Effacer les filtres". */
export function withoutListFilters<T extends { ordering: string }>(defaults: T, state: T): T {
  return { ...defaults, ordering: state.ordering };
}

/** Pages of `count` rows, at least one. */
export function pageCount(count: number, pageSize = DOCUMENT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
