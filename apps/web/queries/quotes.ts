import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type ApiClient } from "@/lib/api/client";
import type { QuoteStatus } from "@/lib/api/types";
import { invoiceKeys } from "./invoices";

export type QuoteFilters = { client?: string; project?: string; status?: QuoteStatus };

export const quoteKeys = {
  all: ["quotes"] as const,
  lists: () => [...quoteKeys.all, "list"] as const,
  list: (filters: QuoteFilters) => [...quoteKeys.lists(), filters] as const,
  detail: (id: string) => [...quoteKeys.all, "detail", id] as const,
};

export function quotesQuery(filters: QuoteFilters, client: ApiClient = api) {
  return queryOptions({
    queryKey: quoteKeys.list(filters),
    queryFn: () =>
      unwrap(client.GET("/api/quotes/", { params: { query: { ...filters, ordering: "-issue_date", page_size: 100 } } })),
  });
}

export function useQuotes(filters: QuoteFilters) {
  return useQuery(quotesQuery(filters));
}

export function useQuote(id: string) {
  return useQuery({
    queryKey: quoteKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/quotes/{id}/", { params: { path: { id } } })),
  });
}

export type QuoteDecision = { decision: "accept" } | { decision: "decline"; reason?: string };

/** Accept or decline a sent quote (client owners); a 409 means it is no longer `sent` (e.g. expired). */
export function useDecideQuote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: QuoteDecision) =>
      input.decision === "accept"
        ? unwrap(api.POST("/api/quotes/{id}/accept/", { params: { path: { id } }, body: {} }))
        : unwrap(
            api.POST("/api/quotes/{id}/decline/", {
              params: { path: { id } },
              body: input.reason ? { reason: input.reason } : {},
            }),
          ),
    onSuccess: (quote) => {
      queryClient.setQueryData(quoteKeys.detail(id), quote);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: quoteKeys.all });
      // An accepted quote may have become an invoice.
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
    },
  });
}
