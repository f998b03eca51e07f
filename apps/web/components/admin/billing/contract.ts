/**
 * TEMPORARY: the issue-16 contract (/work/handoff/api16.md) written by hand until the API's
 * OpenAPI document is generated into `@/lib/api/schema`. Replaced by the generated types then.
 */
import { api, unwrap } from "@/lib/api/client";
import type { Invoice as BaseInvoice, Quote as BaseQuote, LineItem as BaseLineItem } from "@/lib/api/types";

export type TaxBreakdown = { rate: string; base: number; tva: number };

export type LineItem = BaseLineItem & { discount: string };

type DocumentExtras = {
  discount: string;
  subtotal_ht: number;
  discount_total: number;
  payment_terms: string;
  tax_breakdown: TaxBreakdown[];
  items: LineItem[];
};

export type InvoiceStatus = BaseInvoice["status"] | "credited";
export type Invoice = Omit<BaseInvoice, "status" | "items"> & DocumentExtras & { status: InvoiceStatus; credited_amount: number };
export type Quote = Omit<BaseQuote, "items"> & DocumentExtras;

export type LineItemInput = {
  label: string;
  description?: string;
  quantity: string;
  unit_price: number;
  tax_rate?: string | null;
  discount?: string | null;
};

type DocumentWrite = {
  project_id?: string | null;
  title?: string;
  issue_date?: string | null;
  notes?: string;
  items?: LineItemInput[];
  discount?: string;
  payment_terms?: string;
};
export type CreateInvoiceRequest = DocumentWrite & { client_id: string; due_date?: string | null };
export type UpdateInvoiceRequest = DocumentWrite & { due_date?: string | null };
export type CreateQuoteRequest = DocumentWrite & { client_id: string; valid_until?: string | null };
export type UpdateQuoteRequest = DocumentWrite & { valid_until?: string | null };

export type PriceRequest = { items: LineItemInput[]; discount?: string };
export type PriceResponse = {
  items: { total_ht: number; total_tva: number }[];
  subtotal_ht: number;
  discount_total: number;
  total_ht: number;
  total_tva: number;
  total_ttc: number;
  tax_breakdown: TaxBreakdown[];
};

export type TaxRateChoice = { label: string; rate: string };
export type BillingSettings = {
  default_due_days: number;
  quote_validity_days: number;
  tax_rates: TaxRateChoice[];
  default_tax_rate: string;
  payment_terms: string;
};

export type RefundMethod = "bank_transfer" | "cash" | "cheque" | "mobile_money";
export type CreateCreditNoteRequest = { amount?: number; reason: string; refund_method?: RefundMethod; refund_reference?: string };
export type CreditNote = {
  id: string;
  number: string;
  invoice_id: string;
  invoice_number: string | null;
  client_id: string;
  client_name: string;
  issue_date: string;
  currency: string;
  total_ht: number;
  total_tva: number;
  total_ttc: number;
  reason: string;
  refund_amount: number;
  refund_method: RefundMethod | null;
  refund_reference: string | null;
  created_at: string;
  pdf_url: string;
};

type Init = { params?: { path?: Record<string, string> }; body?: unknown; signal?: AbortSignal };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- temporary, until the generated routes exist
type Result = Promise<{ data?: any; error?: unknown; response: Response }>;
type LooseClient = { GET: (url: string, init?: Init) => Result; POST: (url: string, init?: Init) => Result; PATCH: (url: string, init?: Init) => Result };
/** The app's client (CSRF, language, 401 handling) without the generated route types. */
const loose = api as unknown as LooseClient;
const byId = (id: string) => ({ path: { id } });

/** Every call of the billing desk, in one place so the generated client can replace it. */
export const desk = {
  price: (body: PriceRequest, signal?: AbortSignal) => unwrap<PriceResponse>(loose.POST("/api/billing/price/", { body, signal })),
  settings: () => unwrap<BillingSettings>(loose.GET("/api/admin/settings/billing/")),
  createInvoice: (body: CreateInvoiceRequest) => unwrap<Invoice>(loose.POST("/api/invoices/", { body })),
  updateInvoice: (id: string, body: UpdateInvoiceRequest) => unwrap<Invoice>(loose.PATCH("/api/invoices/{id}/", { params: byId(id), body })),
  createQuote: (body: CreateQuoteRequest) => unwrap<Quote>(loose.POST("/api/quotes/", { body })),
  updateQuote: (id: string, body: UpdateQuoteRequest) => unwrap<Quote>(loose.PATCH("/api/quotes/{id}/", { params: byId(id), body })),
  sendInvoice: (id: string) => unwrap<Invoice>(loose.POST("/api/invoices/{id}/send/", { params: byId(id) })),
  sendQuote: (id: string) => unwrap<Quote>(loose.POST("/api/quotes/{id}/send/", { params: byId(id) })),
  duplicateInvoice: (id: string) => unwrap<Invoice>(loose.POST("/api/invoices/{id}/duplicate/", { params: byId(id) })),
  duplicateQuote: (id: string) => unwrap<Quote>(loose.POST("/api/quotes/{id}/duplicate/", { params: byId(id) })),
  cancelInvoice: (id: string, reason: string) => unwrap<Invoice>(loose.POST("/api/invoices/{id}/cancel/", { params: byId(id), body: { reason } })),
  invoiceQuote: (id: string) => unwrap<Invoice>(loose.POST("/api/quotes/{id}/invoice/", { params: byId(id) })),
  creditNotes: (invoiceId: string) => unwrap<CreditNote[]>(loose.GET("/api/invoices/{id}/credit-notes/", { params: byId(invoiceId) })),
  createCreditNote: (invoiceId: string, body: CreateCreditNoteRequest) =>
    unwrap<CreditNote>(loose.POST("/api/invoices/{id}/credit-notes/", { params: byId(invoiceId), body })),
  invoice: (id: string) => unwrap<Invoice>(loose.GET("/api/invoices/{id}/", { params: byId(id) })),
  quote: (id: string) => unwrap<Quote>(loose.GET("/api/quotes/{id}/", { params: byId(id) })),
};
