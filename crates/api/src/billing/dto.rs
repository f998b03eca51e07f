use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::invoices::{Invoice, InvoiceRow};
use nourx_db::line_items::LineItem;
use nourx_db::quotes::{Quote, QuoteRow};
use nourx_domain::Workflow;
use nourx_domain::billing::{InvoiceStatus, QuoteStatus, format_hundredths};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::dto_util::present;

/// One line of a quote or invoice, as stored (totals computed by the API).
#[derive(Debug, Serialize, ToSchema)]
pub struct LineItemDto {
    pub id: Uuid,
    /// 0-based order on the document.
    pub position: i32,
    #[schema(example = "Développement du site vitrine")]
    pub label: String,
    pub description: String,
    /// Decimal with two places, as a string.
    #[schema(example = "1.50")]
    pub quantity: String,
    /// In the currency's minor unit (FCFA for XOF).
    #[schema(example = 150000)]
    pub unit_price: i64,
    /// Percent with two places, as a string.
    #[schema(example = "18.00")]
    pub tax_rate: String,
    pub total_ht: i64,
    pub total_tva: i64,
}

impl From<LineItem> for LineItemDto {
    fn from(item: LineItem) -> Self {
        LineItemDto {
            id: item.id,
            position: item.position,
            label: item.label,
            description: item.description,
            quantity: format_hundredths(item.quantity_hundredths),
            unit_price: item.unit_price,
            tax_rate: format_hundredths(i64::from(item.tax_rate_bp)),
            total_ht: item.total_ht,
            total_tva: item.total_tva,
        }
    }
}

/// A line as written by NOURX staff. Totals are never taken from the request.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LineItemInput {
    /// 1–300 characters.
    pub label: String,
    #[serde(default)]
    pub description: String,
    /// Above 0, at most two decimals: a number or a string ("1.5", "1,50").
    #[schema(value_type = String, example = "1.50")]
    pub quantity: serde_json::Value,
    /// In the currency's minor unit, zero or more.
    pub unit_price: i64,
    /// Percent, 0 to 100, two decimals at most. Default: 18 (TVA in Côte d'Ivoire).
    #[schema(value_type = Option<String>, example = "18")]
    pub tax_rate: Option<serde_json::Value>,
}

/// An invoice with its items. Amounts are integers in the currency's minor unit.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceDto {
    pub id: Uuid,
    /// Given when the invoice is sent; null for a draft.
    #[schema(example = "NX-2026-0042")]
    pub number: Option<String>,
    pub client_id: Uuid,
    #[schema(example = "Akwaba Digital")]
    pub client_name: String,
    pub project_id: Option<Uuid>,
    pub project_name: Option<String>,
    /// The quote this invoice was made from.
    pub quote_id: Option<Uuid>,
    pub title: String,
    pub status: InvoiceStatus,
    /// Unpaid with the due date behind.
    pub is_overdue: bool,
    /// ISO 4217 code.
    #[schema(example = "XOF")]
    pub currency: String,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub amount_paid: i64,
    /// `total_ttc - amount_paid` while unpaid, else 0.
    pub balance_due: i64,
    pub notes: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub items: Vec<LineItemDto>,
    /// Where to download the PDF.
    #[schema(example = "/api/invoices/0190a1b2-0000-7000-8000-000000000000/pdf/")]
    pub pdf_url: String,
    /// Whether the caller can pay it online now and which amounts (`GET /api/invoices/{id}/` only;
    /// null in lists).
    pub online_payment: Option<crate::payments::dto::OnlinePaymentDto>,
}

impl InvoiceDto {
    pub fn new(row: InvoiceRow, items: Vec<LineItem>, today: NaiveDate) -> InvoiceDto {
        let (invoice, client_name, project_name): (Invoice, String, Option<String>) = row;
        let status = InvoiceStatus::parse(&invoice.status).unwrap_or(InvoiceStatus::Draft);
        InvoiceDto {
            pdf_url: format!("/api/invoices/{}/pdf/", invoice.id),
            is_overdue: status.is_overdue(invoice.due_date, today),
            balance_due: if status.is_unpaid() { invoice.total_ttc - invoice.amount_paid } else { 0 },
            id: invoice.id,
            number: invoice.number,
            client_id: invoice.client_id,
            client_name,
            project_id: invoice.project_id,
            project_name,
            quote_id: invoice.quote_id,
            title: invoice.title,
            status,
            currency: invoice.currency,
            issue_date: invoice.issue_date,
            due_date: invoice.due_date,
            total_ht: invoice.total_ht,
            total_tva: invoice.total_tva,
            total_ttc: invoice.total_ttc,
            amount_paid: invoice.amount_paid,
            notes: invoice.notes,
            sent_at: invoice.sent_at,
            paid_at: invoice.paid_at,
            cancelled_at: invoice.cancelled_at,
            cancel_reason: invoice.cancel_reason,
            created_at: invoice.created_at,
            updated_at: invoice.updated_at,
            items: items.into_iter().map(LineItemDto::from).collect(),
            online_payment: None,
        }
    }
}

/// A person, by id and name.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonRef {
    pub id: Uuid,
    #[schema(example = "Awa Koné")]
    pub name: String,
}

/// A quote with its items. Amounts are integers in the currency's minor unit.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuoteDto {
    pub id: Uuid,
    /// Given when the quote is sent; null for a draft.
    #[schema(example = "DV-2026-0007")]
    pub number: Option<String>,
    pub client_id: Uuid,
    #[schema(example = "Akwaba Digital")]
    pub client_name: String,
    pub project_id: Option<Uuid>,
    pub project_name: Option<String>,
    pub title: String,
    /// As people see it: a sent quote past `valid_until` is `expired`.
    pub status: QuoteStatus,
    #[schema(example = "XOF")]
    pub currency: String,
    pub issue_date: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub notes: String,
    pub sent_at: Option<DateTime<Utc>>,
    /// When the client accepted or declined it.
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<PersonRef>,
    pub decline_reason: Option<String>,
    /// The (not cancelled) invoice made from this quote.
    pub invoice_id: Option<Uuid>,
    /// Whether the caller may accept or decline it now.
    pub can_decide: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub items: Vec<LineItemDto>,
    #[schema(example = "/api/quotes/0190a1b2-0000-7000-8000-000000000000/pdf/")]
    pub pdf_url: String,
}

pub struct QuoteExtras {
    pub decided_by: Option<PersonRef>,
    pub invoice_id: Option<Uuid>,
    pub caller_may_decide: bool,
}

impl QuoteDto {
    pub fn new(row: QuoteRow, items: Vec<LineItem>, extras: QuoteExtras, today: NaiveDate) -> QuoteDto {
        let (quote, client_name, project_name): (Quote, String, Option<String>) = row;
        let status =
            QuoteStatus::parse(&quote.status).unwrap_or(QuoteStatus::Draft).effective(quote.valid_until, today);
        QuoteDto {
            pdf_url: format!("/api/quotes/{}/pdf/", quote.id),
            can_decide: extras.caller_may_decide && status == QuoteStatus::Sent,
            id: quote.id,
            number: quote.number,
            client_id: quote.client_id,
            client_name,
            project_id: quote.project_id,
            project_name,
            title: quote.title,
            status,
            currency: quote.currency,
            issue_date: quote.issue_date,
            valid_until: quote.valid_until,
            total_ht: quote.total_ht,
            total_tva: quote.total_tva,
            total_ttc: quote.total_ttc,
            notes: quote.notes,
            sent_at: quote.sent_at,
            decided_at: quote.decided_at,
            decided_by: extras.decided_by,
            decline_reason: quote.decline_reason,
            invoice_id: extras.invoice_id,
            created_at: quote.created_at,
            updated_at: quote.updated_at,
            items: items.into_iter().map(LineItemDto::from).collect(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceListQuery {
    pub client: Option<Uuid>,
    pub project: Option<Uuid>,
    /// draft, sent, partially_paid, paid, cancelled, or `overdue` (unpaid, due date passed) or
    /// `unpaid` (sent or partially paid).
    pub status: Option<String>,
    /// Due on or before this date.
    pub due_before: Option<NaiveDate>,
    /// Due on or after this date.
    pub due_after: Option<NaiveDate>,
    /// Part of the number or of the client's name.
    pub search: Option<String>,
    /// created_at, issue_date, due_date, number, total_ttc or status; `-` for descending.
    /// Default: -created_at.
    pub ordering: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuoteListQuery {
    pub client: Option<Uuid>,
    pub project: Option<Uuid>,
    /// draft, sent, accepted, declined or expired.
    pub status: Option<String>,
    /// Part of the number, the title or the client's name.
    pub search: Option<String>,
    /// created_at, issue_date, valid_until, number, total_ttc or status; `-` for descending.
    /// Default: -created_at.
    pub ordering: Option<String>,
}

/// A new draft invoice (NOURX staff).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvoiceRequest {
    pub client_id: Uuid,
    /// A project of the same client.
    pub project_id: Option<Uuid>,
    /// Up to 200 characters.
    #[serde(default)]
    pub title: String,
    /// ISO 4217 code. Default: the client's currency.
    pub currency: Option<String>,
    /// Default: the day it is sent.
    pub issue_date: Option<NaiveDate>,
    /// Default: 30 days after the issue date.
    pub due_date: Option<NaiveDate>,
    /// Printed on the invoice; up to 2 000 characters.
    #[serde(default)]
    pub notes: String,
    /// 0 to 200 lines.
    #[serde(default)]
    pub items: Vec<LineItemInput>,
}

/// Changes to a draft invoice; absent fields are kept, `items` replaces every line.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateInvoiceRequest {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub project_id: Option<Option<Uuid>>,
    pub title: Option<String>,
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub issue_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub due_date: Option<Option<NaiveDate>>,
    pub notes: Option<String>,
    pub items: Option<Vec<LineItemInput>>,
}

/// A new draft quote (NOURX staff).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateQuoteRequest {
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    #[serde(default)]
    pub title: String,
    pub currency: Option<String>,
    /// Default: the day it is sent.
    pub issue_date: Option<NaiveDate>,
    /// Default: 30 days after the issue date.
    pub valid_until: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub items: Vec<LineItemInput>,
}

/// Changes to a draft quote; absent fields are kept, `items` replaces every line.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateQuoteRequest {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub project_id: Option<Option<Uuid>>,
    pub title: Option<String>,
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub issue_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub valid_until: Option<Option<NaiveDate>>,
    pub notes: Option<String>,
    pub items: Option<Vec<LineItemInput>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelInvoiceRequest {
    /// Why the invoice is cancelled (1–500 characters); kept in the history.
    pub reason: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineQuoteRequest {
    /// Optional, up to 1 000 characters: helps NOURX make a better offer.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmptyRequest {}

/// An amount per currency, with the number of invoices behind it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurrencyAmount {
    #[schema(example = "XOF")]
    pub currency: String,
    pub amount: i64,
    pub count: i64,
}

/// What the caller's clients still have to pay.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceSummaryDto {
    /// Balance due of every sent or partially paid invoice, per currency.
    pub outstanding: Vec<CurrencyAmount>,
    /// The same for those past their due date.
    pub overdue: Vec<CurrencyAmount>,
    /// The unpaid invoice due first.
    pub next_due: Option<InvoiceDto>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// One of the caller's clients only (an empty summary for a client they are not in).
    pub client: Option<Uuid>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PdfQuery {
    /// fr or en. Default: the client's language.
    pub lang: Option<String>,
}
