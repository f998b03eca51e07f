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
    /// The line's own discount, percent with two places.
    #[schema(example = "0.00")]
    pub discount: String,
    /// After the line's discount, before the document's.
    pub total_ht: i64,
    /// On the line's HT after every discount.
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
            discount: format_hundredths(i64::from(item.discount_bp)),
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
    /// Percent off the line's HT, 0 to 100, two decimals at most. Default: 0.
    #[schema(value_type = Option<String>, example = "10")]
    pub discount: Option<serde_json::Value>,
}

/// A stored line as a request would give it: priced again when the document's discount changes.
impl From<LineItem> for LineItemInput {
    fn from(item: LineItem) -> Self {
        LineItemInput {
            label: item.label,
            description: item.description,
            quantity: format_hundredths(item.quantity_hundredths).into(),
            unit_price: item.unit_price,
            tax_rate: Some(format_hundredths(i64::from(item.tax_rate_bp)).into()),
            discount: Some(format_hundredths(i64::from(item.discount_bp)).into()),
        }
    }
}

/// A decimal with two places given as a JSON number or string, in hundredths.
pub(crate) fn decimal(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(number) => billing::parse_hundredths(&number.to_string()),
        serde_json::Value::String(text) => billing::parse_hundredths(text),
        _ => None,
    }
}

/// A percentage given as a JSON number or string (absent: 0) in basis points, or an error under
/// `field` when it is not between 0 and 100 with two decimals at most.
pub(crate) fn percent(errors: &mut FieldErrors, field: &str, value: Option<&serde_json::Value>) -> Option<i32> {
    let basis_points = match value {
        None | Some(serde_json::Value::Null) => Some(0),
        Some(value) => decimal(value),
    }
    .filter(|bp| (0..=i64::from(billing::MAX_TAX_RATE_BP)).contains(bp))
    .and_then(|bp| i32::try_from(bp).ok());
    if basis_points.is_none() {
        errors.add(field, billing::BillingError::DiscountOutOfRange.message());
    }
    basis_points
}

/// Checks and prices the lines with the document's discount (`discount_bp`). Errors are reported
/// per line as `items[2].quantity`.
pub(crate) fn price_items(
    errors: &mut FieldErrors,
    items: &[LineItemInput],
    discount_bp: i32,
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
    match billing::document_totals(&inputs, discount_bp) {
        Ok((per_line, totals)) => {
            // The document's discount lowers each line's TVA: store what the rule gave.
            for (line, priced) in lines.iter_mut().zip(per_line) {
                line.total_tva = priced.tva;
            }
            Some((lines, totals))
        }
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
    let discount = percent(errors, &field("discount"), item.discount.as_ref());
    let (quantity_hundredths, tax_rate_bp, discount_bp) = (quantity?, tax_rate?, discount?);
    let input = LineInput { quantity_hundredths, unit_price: item.unit_price, tax_rate_bp, discount_bp };
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
                discount_bp,
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
            discount_bp: item.discount_bp,
            total_ht: item.total_ht,
            total_tva: item.total_tva,
        })
        .collect()
}

/// The TVA of one rate on a document: its base after every discount, and the tax.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaxShare {
    /// Percent with two places.
    #[schema(example = "18.00")]
    pub rate: String,
    pub base: i64,
    pub tva: i64,
}

/// The totals' detail a quote or an invoice shows besides its HT, TVA and TTC.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentPricing {
    /// Percent off the whole document, two places.
    #[schema(example = "5.00")]
    pub discount: String,
    /// The lines' HT before the document's discount.
    pub subtotal_ht: i64,
    /// What the document's discount took off.
    pub discount_total: i64,
    /// Printed on the document.
    pub payment_terms: String,
    /// Per rate, highest first.
    pub tax_breakdown: Vec<TaxShare>,
}

/// The TVA per rate of priced totals, highest rate first.
pub(crate) fn tax_shares(totals: &DocumentTotals) -> Vec<TaxShare> {
    totals
        .by_rate
        .iter()
        .rev()
        .map(|(rate, (base, tva))| TaxShare { rate: format_hundredths(i64::from(*rate)), base: *base, tva: *tva })
        .collect()
}

/// The stored lines priced again by the one rule (for the breakdown per rate, which is not stored).
pub(crate) fn totals_of(items: &[LineItem], discount_bp: i32) -> DocumentTotals {
    let inputs: Vec<LineInput> = items
        .iter()
        .map(|item| LineInput {
            quantity_hundredths: item.quantity_hundredths,
            unit_price: item.unit_price,
            tax_rate_bp: item.tax_rate_bp,
            discount_bp: item.discount_bp,
        })
        .collect();
    billing::document_totals(&inputs, discount_bp).map(|(_, totals)| totals).unwrap_or_default()
}

impl DocumentPricing {
    pub(crate) fn new(items: &[LineItem], discount_bp: i32, payment_terms: String) -> DocumentPricing {
        let totals = totals_of(items, discount_bp);
        DocumentPricing {
            discount: format_hundredths(i64::from(discount_bp)),
            subtotal_ht: totals.subtotal,
            discount_total: totals.discount,
            payment_terms,
            tax_breakdown: tax_shares(&totals),
        }
    }
}

/// What a PDF prints of a document's pricing: its totals' detail and the TVA per rate.
pub(crate) struct PrintedPricing {
    pub items: Vec<nourx_pdf::LineItem>,
    pub subtotal_ht: i64,
    pub discount_total: i64,
    pub vat_breakdown: Vec<(i32, i64, i64)>,
}

pub(crate) fn printed_pricing(items: Vec<LineItem>, discount_bp: i32) -> PrintedPricing {
    let totals = totals_of(&items, discount_bp);
    PrintedPricing {
        items: printed(items),
        subtotal_ht: totals.subtotal,
        discount_total: totals.discount,
        vat_breakdown: totals.by_rate.iter().map(|(rate, (base, tva))| (*rate, *base, *tva)).collect(),
    }
}
