//! The lines of quotes and invoices: as written by NOURX staff (checked and priced here, never
//! trusting a total from the request), as the API shows them, and as a PDF prints them.

use nourx_db::line_items::{LineItem, NewLineItem};
use nourx_domain::billing::{self, DEFAULT_TAX_RATE_BP, DocumentTotals, LineInput, MAX_ITEMS, format_hundredths};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::http::dto_util::{long_text, text};
use crate::http::error::FieldErrors;

pub(crate) const LABEL_MAX: usize = 300;
pub(crate) const DESCRIPTION_MAX: usize = 2_000;

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

/// A decimal with two places given as a JSON number or string, in hundredths.
fn decimal(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(number) => billing::parse_hundredths(&number.to_string()),
        serde_json::Value::String(text) => billing::parse_hundredths(text),
        _ => None,
    }
}

/// Checks and prices the lines. Errors are reported per line as `items[2].quantity`.
pub(crate) fn price_items(
    errors: &mut FieldErrors,
    items: &[LineItemInput],
) -> Option<(Vec<NewLineItem>, DocumentTotals)> {
    if items.len() > MAX_ITEMS {
        errors.add("items", billing::BillingError::TooManyItems.message());
        return None;
    }
    let before = errors.len();
    let mut lines = Vec::with_capacity(items.len());
    let mut inputs = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        if let Some((input, line)) = price_item(errors, index, item) {
            inputs.push(input);
            lines.push(line);
        }
    }
    if errors.len() != before {
        return None;
    }
    match billing::document_totals(&inputs) {
        Ok((_, totals)) => Some((lines, totals)),
        Err(error) => {
            errors.add("items", error.message());
            None
        }
    }
}

/// One line checked and priced, or its errors added under `items[index]`.
fn price_item(errors: &mut FieldErrors, index: usize, item: &LineItemInput) -> Option<(LineInput, NewLineItem)> {
    let field = |name: &str| format!("items[{index}].{name}");
    let label = text(errors, &field("label"), &item.label, LABEL_MAX);
    let description = long_text(errors, &field("description"), &item.description, DESCRIPTION_MAX);
    let quantity = decimal(&item.quantity).filter(|q| (1..=billing::MAX_QUANTITY_HUNDREDTHS).contains(q));
    if quantity.is_none() {
        errors.add(field("quantity"), billing::BillingError::QuantityOutOfRange.message());
    }
    if !(0..=billing::MAX_AMOUNT).contains(&item.unit_price) {
        errors.add(field("unit_price"), billing::BillingError::UnitPriceOutOfRange.message());
    }
    let tax_rate = match &item.tax_rate {
        None | Some(serde_json::Value::Null) => Some(i64::from(DEFAULT_TAX_RATE_BP)),
        Some(value) => decimal(value),
    }
    .filter(|rate| (0..=i64::from(billing::MAX_TAX_RATE_BP)).contains(rate))
    .and_then(|rate| i32::try_from(rate).ok());
    if tax_rate.is_none() {
        errors.add(field("tax_rate"), billing::BillingError::TaxRateOutOfRange.message());
    }
    let (quantity_hundredths, tax_rate_bp) = (quantity?, tax_rate?);
    let input = LineInput { quantity_hundredths, unit_price: item.unit_price, tax_rate_bp };
    match billing::line_totals(input) {
        Ok(totals) => Some((
            input,
            NewLineItem {
                label,
                description,
                quantity_hundredths,
                unit_price: item.unit_price,
                tax_rate_bp,
                total_ht: totals.ht,
                total_tva: totals.tva,
            },
        )),
        // Each value is within its limits; only the line's total can be out of range.
        Err(error) => {
            errors.add(field("unit_price"), error.message());
            None
        }
    }
}

/// The lines as a PDF prints them.
pub(crate) fn printed(items: Vec<LineItem>) -> Vec<nourx_pdf::LineItem> {
    items
        .into_iter()
        .map(|item| nourx_pdf::LineItem {
            label: item.label,
            description: Some(item.description).filter(|d| !d.is_empty()),
            quantity_hundredths: item.quantity_hundredths,
            unit_price: item.unit_price,
            tax_rate_bp: item.tax_rate_bp,
            total_ht: item.total_ht,
            total_tva: item.total_tva,
        })
        .collect()
}
