import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { operations } from "@/lib/api/schema";
import { invoiceKeys } from "@/queries/invoices";
import { paymentKeys } from "@/queries/payments";
import { quoteKeys } from "@/queries/quotes";
import type { CreateCreditNoteRequest, Invoice, Quote } from "@/lib/api/types";
import { batches, type BulkAction, type BulkResult } from "./bulk";
import { desk } from "./desk-api";
import type { DocumentKind } from "./editor/document-form";
import type { InvoiceFilterParams } from "./list-state";
import type { QuoteListParams } from "./quote-list-state";

type QuoteQuery = NonNullable<operations["list_quotes"]["parameters"]["query"]>;

export const billingKeys = {
  settings: ["billing", "settings"] as const,
  creditNotes: invoiceKeys.creditNotes,
  reminders: (invoiceId: string) => [...invoiceKeys.all, "reminders", invoiceId] as const,
  totals: (filters: InvoiceFilterParams) => [...invoiceKeys.all, "totals", filters] as const,
};

/** Every client's quotes for staff, a page at a time; under `quotes` so a change anywhere refreshes it. */
export function useStaffQuotes(params: QuoteListParams) {
  const query: QuoteQuery = params;
  return useQuery({
    queryKey: [...quoteKeys.lists(), "staff", params] as const,
    queryFn: ({ signal }) => unwrap(api.GET("/api/quotes/", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** Due days, quote validity, TVA rates and payment terms: the editor's defaults (they rarely change). */
export function useBillingSettings() {
  return useQuery({ queryKey: billingKeys.settings, queryFn: desk.settings, staleTime: 5 * 60_000 });
}

/** A draft as the editor reads it (the same cache entry as its page). */
export function useDraft(kind: DocumentKind, id: string) {
  return useQuery<Invoice | Quote>({
    queryKey: kind === "invoice" ? invoiceKeys.detail(id) : quoteKeys.detail(id),
    queryFn: () => (kind === "invoice" ? desk.invoice(id) : desk.quote(id)),
  });
}

export function useInvoiceDetail(id: string) {
  return useQuery<Invoice>({ queryKey: invoiceKeys.detail(id), queryFn: () => desk.invoice(id) });
}

export function useQuoteDetail(id: string) {
  return useQuery<Quote>({ queryKey: quoteKeys.detail(id), queryFn: () => desk.quote(id) });
}

/** After any change to a document: its page gets the API's answer, every list is read again. */
function useDocumentChanged() {
  const queryClient = useQueryClient();
  return (kind: DocumentKind, document: Invoice | Quote) => {
    const keys = kind === "invoice" ? invoiceKeys : quoteKeys;
    queryClient.setQueryData(keys.detail(document.id), document);
    // A quote's change shows on its invoice and the other way round.
    void queryClient.invalidateQueries({ queryKey: invoiceKeys.all, predicate: (query) => query.queryKey[2] !== document.id });
    void queryClient.invalidateQueries({ queryKey: quoteKeys.all, predicate: (query) => query.queryKey[2] !== document.id });
  };
}

export type SaveInput = { kind: DocumentKind; id?: string; body: object };

/** Creates a draft, or changes `id`. */
export function useSaveDocument() {
  const changed = useDocumentChanged();
  return useMutation({
    mutationFn: ({ kind, id, body }: SaveInput): Promise<Invoice | Quote> => {
      if (kind === "invoice") return id ? desk.updateInvoice(id, body) : desk.createInvoice(body as Parameters<typeof desk.createInvoice>[0]);
      return id ? desk.updateQuote(id, body) : desk.createQuote(body as Parameters<typeof desk.createQuote>[0]);
    },
    onSuccess: (document, { kind }) => changed(kind, document),
  });
}

/** Gives the draft its number and emails it to the client's billing contacts. */
export function useSendDocument() {
  const changed = useDocumentChanged();
  return useMutation({
    mutationFn: ({ kind, id }: { kind: DocumentKind; id: string }): Promise<Invoice | Quote> => (kind === "invoice" ? desk.sendInvoice(id) : desk.sendQuote(id)),
    onSuccess: (document, { kind }) => changed(kind, document),
  });
}

/** A new draft with the same client, project, title, lines, discount, notes and terms. */
export function useDuplicate() {
  const changed = useDocumentChanged();
  return useMutation({
    mutationFn: ({ kind, id }: { kind: DocumentKind; id: string }): Promise<Invoice | Quote> =>
      kind === "invoice" ? desk.duplicateInvoice(id) : desk.duplicateQuote(id),
    onSuccess: (document, { kind }) => changed(kind, document),
  });
}

export function useCancelInvoice(id: string) {
  const changed = useDocumentChanged();
  return useMutation({
    mutationFn: (reason: string) => desk.cancelInvoice(id, reason),
    onSuccess: (invoice) => changed("invoice", invoice),
  });
}

/** The invoice of an accepted quote. */
export function useInvoiceQuote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => desk.invoiceQuote(id),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: quoteKeys.all }), queryClient.invalidateQueries({ queryKey: invoiceKeys.all })]),
  });
}

/** The portal's query: staff read the same list, under the same key. */
export { useInvoiceCreditNotes as useCreditNotes } from "@/queries/invoices";

/** A credit note changes the invoice's balance (and maybe its status) and its payments' view. */
export function useCreateCreditNote(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCreditNoteRequest) => desk.createCreditNote(invoiceId, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: invoiceKeys.all }),
        queryClient.invalidateQueries({ queryKey: paymentKeys.all }),
      ]),
  });
}

/** The footer of the staff list: the whole filtered set's totals per currency, not only the page's. */
export function useInvoiceTotals(filters: InvoiceFilterParams) {
  return useQuery({
    queryKey: billingKeys.totals(filters),
    queryFn: ({ signal }) => desk.totals(filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** The reminders sent about an invoice, automatic and by hand, oldest first. */
export function useInvoiceReminders(invoiceId: string) {
  return useQuery({ queryKey: billingKeys.reminders(invoiceId), queryFn: () => desk.reminders(invoiceId) });
}

/** "Relancer le client": an email to the billing contacts now (at most once an hour). */
export function useRemindInvoice(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => desk.remind(invoiceId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: billingKeys.reminders(invoiceId) }),
  });
}

/**
 * Sends or reminds invoices in batches, each invoice on its own: `onProgress(done, total)` after
 * each batch. A request that fails stops the run: the answers so far come back with the error
 * (what went through stays done). Every list and page is read again at the end.
 */
export function useBulkInvoices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, ids, onProgress }: { action: BulkAction; ids: string[]; onProgress?: (done: number, total: number) => void }) => {
      const results: BulkResult[] = [];
      try {
        for (const batch of batches(ids)) {
          const answer = await desk.bulk({ action, ids: batch });
          results.push(...answer.results);
          onProgress?.(results.length, ids.length);
        }
      } catch (error) {
        return { results, error };
      }
      return { results, error: undefined };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: invoiceKeys.all }),
  });
}
