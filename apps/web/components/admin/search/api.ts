import { api, unwrap, type ApiClient } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

/** One hit of `GET /api/admin/search/`: the API decides the `href` of its page. */
export type SearchResult = components["schemas"]["SearchResult"];
export type SearchKind = components["schemas"]["SearchResultKind"];
export type SearchResponse = components["schemas"]["SearchResponse"];

/** The palette's groups, in order. */
export const SEARCH_KINDS = ["client", "contact", "project", "invoice", "quote", "ticket", "payment"] as const satisfies readonly SearchKind[];

/** The API's bounds on `q`. */
export const SEARCH_MIN = 2;
export const SEARCH_MAX = 100;

export function searchAdmin(q: string, { limit = 5, signal, client = api }: { limit?: number; signal?: AbortSignal; client?: ApiClient } = {}) {
  return unwrap(client.GET("/api/admin/search/", { params: { query: { q, limit } }, signal }));
}
