import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, type ApiClient } from "@/lib/api/client";
import type { InvoiceFilter } from "@/lib/api/types";

export type InvoiceFilters = { client?: string; project?: string; status?: InvoiceFilter };

export const invoiceKeys = {
  all: ["invoices"] as const,
  lists: () => [...invoiceKeys.all, "list"] as const,
  list: (filters: InvoiceFilters) => [...invoiceKeys.lists(), filters] as const,
  detail: (id: string) => [...invoiceKeys.all, "detail", id] as const,
  summary: (client?: string) => [...invoiceKeys.all, "summary", client ?? "all"] as const,
  creditNotes: (id: string) => [...invoiceKeys.all, "credit-notes", id] as const,
};

/** Latest first: the ones to pay are on top of a client's short list. */
export function invoicesQuery(filters: InvoiceFilters, client: ApiClient = api) {
  return queryOptions({
    queryKey: invoiceKeys.list(filters),
    queryFn: () =>
      unwrap(
        client.GET("/api/invoices/", {
          params: { query: { ...filters, ordering: "-issue_date", page_size: 100 } },
        }),
      ),
  });
}

export function useInvoices(filters: InvoiceFilters) {
  return useQuery(invoicesQuery(filters));
}

export function useInvoice(id: string) {
  return useQuery({
    queryKey: invoiceKeys.detail(id),
    // With `online_payment`: whether the signed-in person may pay it online now.
    queryFn: () => unwrap(api.GET("/api/invoices/{id}/", { params: { path: { id } } })),
  });
}

/**
 * The dashboard's "À payer": unpaid and overdue totals per currency, and the next invoice due,
 * for every client of the caller or for the one they are looking at.
 */
export function invoiceSummaryQuery(clientId?: string, client: ApiClient = api) {
  return queryOptions({
    queryKey: invoiceKeys.summary(clientId),
    queryFn: () =>
      unwrap(client.GET("/api/invoices/summary/", { params: { query: clientId ? { client: clientId } : {} } })),
  });
}

export function useInvoiceSummary(clientId?: string) {
  return useQuery(invoiceSummaryQuery(clientId));
}

/** An invoice's credit notes (avoirs), oldest first, each with its PDF: staff and the invoice's client read them. */
export function useInvoiceCreditNotes(id: string, enabled = true) {
  return useQuery({
    queryKey: invoiceKeys.creditNotes(id),
    queryFn: () => unwrap(api.GET("/api/invoices/{id}/credit-notes/", { params: { path: { id } } })),
    enabled,
  });
}
