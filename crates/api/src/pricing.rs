//! `POST /api/billing/price/`: the billing editor's live totals, priced by the one rule
//! (`domain::billing`) the API stores and the PDF prints, so what staff see while typing is what
//! the client gets. Nothing is stored.

use actix_web::{post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::http::caller::Staff;
use crate::http::error::{ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::line_items::{LineItemInput, TaxShare, percent, price_items, tax_shares};

/// Lines and a document discount to price.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceRequest {
    #[serde(default)]
    pub items: Vec<LineItemInput>,
    /// Percent off the whole document. Default: 0.
    #[schema(value_type = Option<String>, example = "5")]
    pub discount: Option<serde_json::Value>,
}

/// One priced line: its HT after its own discount, its TVA after every discount.
#[derive(Debug, Serialize, ToSchema)]
pub struct PricedLine {
    pub total_ht: i64,
    pub total_tva: i64,
}

/// The totals as the document would store and print them.
#[derive(Debug, Serialize, ToSchema)]
pub struct PriceDto {
    pub items: Vec<PricedLine>,
    pub subtotal_ht: i64,
    pub discount_total: i64,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub tax_breakdown: Vec<TaxShare>,
}

/// Prices lines as a quote or an invoice would (NOURX staff): the editor's live totals.
#[utoipa::path(
    tag = "invoices",
    request_body = PriceRequest,
    responses(
        (status = 200, body = PriceDto),
        (status = 400, description = "Invalid field (per line: `items[2].quantity`)", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/billing/price/")]
pub async fn price(_staff: Staff, Json(body): Json<PriceRequest>) -> ApiResult<web::Json<PriceDto>> {
    let mut errors = FieldErrors::new();
    let discount_bp = percent(&mut errors, "discount", body.discount.as_ref());
    let priced = discount_bp.and_then(|discount_bp| price_items(&mut errors, &body.items, discount_bp));
    errors.into_result()?;
    let (lines, totals) = priced.unwrap_or_default();
    Ok(web::Json(PriceDto {
        items: lines.iter().map(|line| PricedLine { total_ht: line.total_ht, total_tva: line.total_tva }).collect(),
        subtotal_ht: totals.subtotal,
        discount_total: totals.discount,
        total_ht: totals.ht,
        total_tva: totals.tva,
        total_ttc: totals.ttc,
        tax_breakdown: tax_shares(&totals),
    }))
}
