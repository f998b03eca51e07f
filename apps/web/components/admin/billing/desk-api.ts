/** Every call of the billing desk (quotes, invoices, pricing, settings, credit notes, reminders) through the generated client. */
import { api, unwrap } from "@/lib/api/client";
import type { operations } from "@/lib/api/schema";
import type {
  BulkInvoicesRequest,
  CreateCreditNoteRequest,
  CreateInvoiceRequest,
  CreateQuoteRequest,
  PriceRequest,
  UpdateInvoiceRequest,
  UpdateQuoteRequest,
} from "@/lib/api/types";
import type { InvoiceFilterParams } from "./list-state";

type TotalsQuery = NonNullable<operations["invoice_totals"]["parameters"]["query"]>;

const byId = (id: string) => ({ path: { id } });

export const desk = {
  price: (body: PriceRequest, signal?: AbortSignal) => unwrap(api.POST("/api/billing/price/", { body, signal })),
  settings: () => unwrap(api.GET("/api/admin/settings/billing/")),
  invoice: (id: string) => unwrap(api.GET("/api/invoices/{id}/", { params: byId(id) })),
  quote: (id: string) => unwrap(api.GET("/api/quotes/{id}/", { params: byId(id) })),
  createInvoice: (body: CreateInvoiceRequest) => unwrap(api.POST("/api/invoices/", { body })),
  updateInvoice: (id: string, body: UpdateInvoiceRequest) => unwrap(api.PATCH("/api/invoices/{id}/", { params: byId(id), body })),
  createQuote: (body: CreateQuoteRequest) => unwrap(api.POST("/api/quotes/", { body })),
  updateQuote: (id: string, body: UpdateQuoteRequest) => unwrap(api.PATCH("/api/quotes/{id}/", { params: byId(id), body })),
  sendInvoice: (id: string) => unwrap(api.POST("/api/invoices/{id}/send/", { params: byId(id) })),
  sendQuote: (id: string) => unwrap(api.POST("/api/quotes/{id}/send/", { params: byId(id) })),
  duplicateInvoice: (id: string) => unwrap(api.POST("/api/invoices/{id}/duplicate/", { params: byId(id) })),
  duplicateQuote: (id: string) => unwrap(api.POST("/api/quotes/{id}/duplicate/", { params: byId(id) })),
  cancelInvoice: (id: string, reason: string) => unwrap(api.POST("/api/invoices/{id}/cancel/", { params: byId(id), body: { reason } })),
  invoiceQuote: (id: string) => unwrap(api.POST("/api/quotes/{id}/invoice/", { params: byId(id) })),
  createCreditNote: (invoiceId: string, body: CreateCreditNoteRequest) =>
    unwrap(api.POST("/api/invoices/{id}/credit-notes/", { params: byId(invoiceId), body })),
  /** The filtered set's count, total TTC and balance due, per currency (the list's footer). */
  totals: (filters: InvoiceFilterParams, signal?: AbortSignal) => {
    const query: TotalsQuery = filters;
    return unwrap(api.GET("/api/admin/invoices/totals/", { params: { query }, signal }));
  },
  reminders: (invoiceId: string) => unwrap(api.GET("/api/invoices/{id}/reminders/", { params: byId(invoiceId) })),
  remind: (invoiceId: string) => unwrap(api.POST("/api/invoices/{id}/remind/", { params: byId(invoiceId) })),
  /** Each invoice on its own: one refused does not stop the others. */
  bulk: (body: BulkInvoicesRequest) => unwrap(api.POST("/api/invoices/bulk/", { body })),
};
