import { api, unwrap, type ApiClient } from "@/lib/api/client";
import { pendingClient, type JsonGet } from "@/components/admin/pending-api";

export const SEARCH_KINDS = ["client", "contact", "project", "invoice", "quote", "ticket", "payment"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One hit of `GET /api/admin/search/` (api-14.md): the API decides the `href` of its page. */
export type SearchResult = { kind: SearchKind; id: string; title: string; subtitle?: string | null; href: string };
export type SearchResponse = { results: SearchResult[] };

/** The API's bounds on `q`. */
export const SEARCH_MIN = 2;
export const SEARCH_MAX = 100;

type SearchPaths = { "/api/admin/search/": JsonGet<{ q: string; limit?: number }, SearchResponse> };

export function searchAdmin(q: string, { limit = 5, signal, client = api }: { limit?: number; signal?: AbortSignal; client?: ApiClient } = {}) {
  return unwrap(pendingClient<SearchPaths>(client).GET("/api/admin/search/", { params: { query: { q, limit } }, signal }));
}
