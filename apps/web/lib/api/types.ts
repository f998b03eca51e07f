import type { components } from "./schema";

type Schemas = components["schemas"];
export type Me = Schemas["MeResponse"];
export type Client = Schemas["ClientDto"];
export type Project = Schemas["ProjectDto"];
export type ProjectStatus = Schemas["ProjectStatus"];
export type Milestone = Schemas["MilestoneDto"];
export type MilestoneStatus = Schemas["MilestoneStatus"];
export type Task = Schemas["TaskDto"];
export type TaskStatus = Schemas["TaskStatus"];
export type Priority = Schemas["Priority"];
export type Comment = Schemas["CommentDto"];
export type Ticket = Schemas["TicketDto"];
export type TicketStatus = Schemas["TicketStatus"];
export type TicketMessage = Schemas["TicketMessageDto"];
export type Locale = Schemas["Locale"];
export type DocumentDto = Schemas["DocumentDto"];
export type DocumentVisibility = Schemas["Visibility"];
export type PresignRequest = Schemas["PresignRequest"];
export type PresignResponse = Schemas["PresignResponse"];
export type DownloadResponse = Schemas["DownloadResponse"];
export type LineItem = Schemas["LineItemDto"];
export type Invoice = Schemas["InvoiceDto"];
export type InvoiceStatus = Schemas["InvoiceStatus"];
export type InvoiceSummary = Schemas["InvoiceSummaryDto"];
export type AmountByCurrency = Schemas["CurrencyAmount"];
export type Quote = Schemas["QuoteDto"];
export type LineItemInput = Schemas["LineItemInput"];
/** The TVA of one rate on a document: its base after every discount, and the tax. */
export type TaxShare = Schemas["TaxShare"];
export type CreateInvoiceRequest = Schemas["CreateInvoiceRequest"];
export type UpdateInvoiceRequest = Schemas["UpdateInvoiceRequest"];
export type CreateQuoteRequest = Schemas["CreateQuoteRequest"];
export type UpdateQuoteRequest = Schemas["UpdateQuoteRequest"];
/** `POST /api/billing/price/`: the totals a document would have, nothing stored. */
export type PriceRequest = Schemas["PriceRequest"];
export type Price = Schemas["PriceDto"];
export type BillingSettings = Schemas["BillingSettingsDto"];
export type TaxRateChoice = Schemas["TaxRateDto"];
export type CreditNote = Schemas["CreditNoteDto"];
export type CreateCreditNoteRequest = Schemas["CreateCreditNoteRequest"];
/** `POST /api/invoices/bulk/`: send drafts or remind unpaid invoices, each on its own. */
export type BulkAction = Schemas["BulkAction"];
export type BulkInvoicesRequest = Schemas["BulkInvoicesRequest"];
/** What happened to one invoice of a bulk action: done, or the refusal's code. */
export type BulkResult = Schemas["BulkResult"];
/** A reminder about an unpaid invoice: a scheduled step (days from the due date) or by hand. */
export type Reminder = Schemas["ReminderDto"];
/** The filtered invoices' count, total TTC and balance due in one currency. */
export type InvoiceTotals = Schemas["InvoiceTotalsDto"];
/** A client's statement of account (relevé de compte) over a period. */
export type Statement = Schemas["StatementDto"];
export type StatementLine = Schemas["StatementLineDto"];
export type StatementEntryKind = Schemas["EntryKind"];
/** How money changes hands outside CinetPay: a recorded payment, or a credit note's refund. */
export type OfflineMethod = Schemas["OfflineMethod"];
export type QuoteStatus = Schemas["QuoteStatus"];
export type PaymentDto = Schemas["PaymentDto"];
export type PaymentStatus = Schemas["PaymentStatus"];
export type PaymentChannel = Schemas["PaymentChannel"];
export type InitPaymentRequest = Schemas["InitPaymentRequest"];
/** Whether the signed-in person may pay an invoice online now, and which amounts (`invoice.online_payment`). */
export type OnlinePaymentDto = Schemas["OnlinePaymentDto"];
/** `cinetpay`, or `offline` when NOURX staff recorded it. */
export type PaymentSource = Schemas["PaymentSource"];
/** How an offline payment was made (`PaymentDto.offline`). */
export type OfflinePayment = Schemas["OfflineDto"];
export type OfflinePaymentRequest = Schemas["OfflinePaymentRequest"];
/** A payment's notifications and checks (`GET /api/payments/{id}/journal/`, staff). */
export type PaymentJournal = Schemas["PaymentJournalDto"];
export type PaymentNotification = Schemas["NotificationEntry"];
export type PaymentCheck = Schemas["CheckEntry"];
export type PaymentResolution = Schemas["Resolution"];
export type ResolvePaymentRequest = Schemas["ResolvePaymentRequest"];

export const PROJECT_STATUSES: ProjectStatus[] = ["active", "draft", "on_hold", "completed", "cancelled"];
/** Board columns, left to right. */
export const TASK_STATUSES: TaskStatus[] = ["todo", "in_progress", "blocked", "review", "done"];
export const PRIORITIES: Priority[] = ["low", "normal", "high", "urgent"];
export const TICKET_STATUSES: TicketStatus[] = ["open", "pending", "resolved", "closed"];

/** The invoice filters a client can pick: `unpaid` and `overdue` are the API's shortcuts. */
export type InvoiceFilter = InvoiceStatus | "unpaid" | "overdue";
/** The filter chips of the invoice list, after "Toutes". */
export const INVOICE_FILTERS = ["unpaid", "overdue", "paid", "cancelled"] as const satisfies readonly InvoiceFilter[];
/** The filter chips of the quote list, after "Tous" (clients never see drafts). */
export const QUOTE_FILTERS = ["sent", "accepted", "declined", "expired"] as const satisfies readonly QuoteStatus[];
