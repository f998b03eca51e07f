/** Every call of the billing desk (quotes, invoices, pricing, settings, credit notes) through the generated client. */
import { api, unwrap } from "@/lib/api/client";
import type {
  CreateCreditNoteRequest,
  CreateInvoiceRequest,
  CreateQuoteRequest,
  PriceRequest,
  UpdateInvoiceRequest,
  UpdateQuoteRequest,
} from "@/lib/api/types";

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
  creditNotes: (invoiceId: string) => unwrap(api.GET("/api/invoices/{id}/credit-notes/", { params: byId(invoiceId) })),
  createCreditNote: (invoiceId: string, body: CreateCreditNoteRequest) =>
    unwrap(api.POST("/api/invoices/{id}/credit-notes/", { params: byId(invoiceId), body })),
};
