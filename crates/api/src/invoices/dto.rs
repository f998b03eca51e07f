use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::invoices::{Invoice, InvoiceFilter, InvoiceRow, UnpaidSummary};
use nourx_db::line_items::LineItem;
use nourx_domain::billing::{InvoiceStatus, InvoiceStatusFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::billing::{DraftPatchRequest, DraftRequest};
use crate::http::dto_util::present;
use crate::line_items::{DocumentPricing, LineItemDto, LineItemInput};

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
    /// `total_ttc - credited_amount - amount_paid` while unpaid, else 0.
    pub balance_due: i64,
    pub notes: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub items: Vec<LineItemDto>,
    #[serde(flatten)]
    pub pricing: DocumentPricing,
    /// What credit notes took off (TTC).
    pub credited_amount: i64,
    /// A deposit invoice (acompte): the share of its quote it asks, percent with two places.
    #[schema(example = "30.00")]
    pub deposit_percent: Option<String>,
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
        let status = invoice.status;
        InvoiceDto {
            pdf_url: format!("/api/invoices/{}/pdf/", invoice.id),
            is_overdue: status.is_overdue(invoice.due_date, today),
            balance_due: invoice.balance_due(),
            credited_amount: invoice.credited_amount,
            deposit_percent: invoice
                .deposit_percent_bp
                .map(|bp| nourx_domain::billing::format_hundredths(i64::from(bp))),
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
            pricing: DocumentPricing::new(&items, invoice.discount_bp, invoice.payment_terms),
            items: items.into_iter().map(LineItemDto::from).collect(),
            online_payment: None,
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
    /// Issued on or before this date (drafts have no issue date).
    pub issued_before: Option<NaiveDate>,
    /// Issued on or after this date.
    pub issued_after: Option<NaiveDate>,
    /// Part of the number or of the client's name.
    pub search: Option<String>,
    /// Total TTC at least this amount.
    pub amount_min: Option<i64>,
    /// Total TTC at most this amount.
    pub amount_max: Option<i64>,
    /// created_at, issue_date, due_date, number, total_ttc or status; `-` for descending.
    /// Default: -created_at.
    pub ordering: Option<String>,
}

impl InvoiceListQuery {
    /// The filter as the database applies it (400 for an unknown status); never drafts for a
    /// client's people.
    pub(crate) fn filter(
        &self,
        caller: &crate::http::caller::Caller,
    ) -> Result<InvoiceFilter, crate::http::error::ApiError> {
        Ok(InvoiceFilter {
            client_id: self.client,
            project_id: self.project,
            status: crate::billing::status_filter(
                self.status.as_deref(),
                InvoiceStatusFilter::ALL,
                InvoiceStatusFilter::as_str,
            )?,
            due_before: self.due_before,
            due_after: self.due_after,
            issued_before: self.issued_before,
            issued_after: self.issued_after,
            search: self.search.clone().filter(|s| !s.trim().is_empty()),
            amount_min: self.amount_min,
            amount_max: self.amount_max,
            hide_drafts: !caller.is_staff(),
        })
    }
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
    /// Default: the billing settings' due days after the issue date.
    pub due_date: Option<NaiveDate>,
    /// Printed on the invoice; up to 2 000 characters.
    #[serde(default)]
    pub notes: String,
    /// 0 to 200 lines.
    #[serde(default)]
    pub items: Vec<LineItemInput>,
    /// Percent off the whole document (after each line's own discount), 0 to 100. Default: 0.
    #[schema(value_type = Option<String>, example = "5")]
    pub discount: Option<serde_json::Value>,
    /// Printed on the document; up to 2 000 characters. Default: the billing settings' terms.
    pub payment_terms: Option<String>,
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
    /// A new discount prices the lines again.
    #[schema(value_type = Option<String>, example = "5")]
    pub discount: Option<serde_json::Value>,
    pub payment_terms: Option<String>,
}

impl From<CreateInvoiceRequest> for DraftRequest {
    fn from(body: CreateInvoiceRequest) -> Self {
        let CreateInvoiceRequest {
            client_id,
            project_id,
            title,
            currency,
            issue_date,
            due_date,
            notes,
            items,
            discount,
            payment_terms,
        } = body;
        DraftRequest {
            client_id,
            project_id,
            title,
            currency,
            issue_date,
            term_end: due_date,
            notes,
            items,
            discount,
            payment_terms,
        }
    }
}

impl From<UpdateInvoiceRequest> for DraftPatchRequest {
    fn from(body: UpdateInvoiceRequest) -> Self {
        let UpdateInvoiceRequest {
            project_id,
            title,
            currency,
            issue_date,
            due_date,
            notes,
            items,
            discount,
            payment_terms,
        } = body;
        DraftPatchRequest {
            project_id,
            title,
            currency,
            issue_date,
            term_end: due_date,
            notes,
            items,
            discount,
            payment_terms,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelInvoiceRequest {
    /// Why the invoice is cancelled (1–500 characters); kept in the history.
    pub reason: String,
}

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

impl InvoiceSummaryDto {
    pub fn new(rows: &[UnpaidSummary], next_due: Option<InvoiceDto>) -> InvoiceSummaryDto {
        let outstanding = rows
            .iter()
            .map(|r| CurrencyAmount { currency: r.currency.clone(), amount: r.amount, count: r.count })
            .collect();
        let overdue = rows
            .iter()
            .filter(|r| r.overdue_count > 0)
            .map(|r| CurrencyAmount { currency: r.currency.clone(), amount: r.overdue_amount, count: r.overdue_count })
            .collect();
        InvoiceSummaryDto { outstanding, overdue, next_due }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// One of the caller's clients only (an empty summary for a client they are not in).
    pub client: Option<Uuid>,
}
