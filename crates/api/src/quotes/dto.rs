use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::line_items::LineItem;
use nourx_db::quotes::{Quote, QuoteRow};
use nourx_domain::billing::QuoteStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::billing::{DraftPatchRequest, DraftRequest};
use crate::http::dto_util::present;
use crate::line_items::{DocumentPricing, LineItemDto, LineItemInput};

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
    #[serde(flatten)]
    pub pricing: DocumentPricing,
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
        let status = quote.status.effective(quote.valid_until, today);
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
            pricing: DocumentPricing::new(&items, quote.discount_bp, quote.payment_terms),
            items: items.into_iter().map(LineItemDto::from).collect(),
        }
    }
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
    /// Default: the billing settings' validity after the issue date.
    pub valid_until: Option<NaiveDate>,
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
    /// A new discount prices the lines again.
    #[schema(value_type = Option<String>, example = "5")]
    pub discount: Option<serde_json::Value>,
    pub payment_terms: Option<String>,
}

impl From<CreateQuoteRequest> for DraftRequest {
    fn from(body: CreateQuoteRequest) -> Self {
        let CreateQuoteRequest {
            client_id,
            project_id,
            title,
            currency,
            issue_date,
            valid_until,
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
            term_end: valid_until,
            notes,
            items,
            discount,
            payment_terms,
        }
    }
}

impl From<UpdateQuoteRequest> for DraftPatchRequest {
    fn from(body: UpdateQuoteRequest) -> Self {
        let UpdateQuoteRequest {
            project_id,
            title,
            currency,
            issue_date,
            valid_until,
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
            term_end: valid_until,
            notes,
            items,
            discount,
            payment_terms,
        }
    }
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
