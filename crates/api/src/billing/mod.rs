//! Quotes and invoices: drafts written by NOURX staff, numbered and emailed when sent, read by
//! the client's people (never as drafts), accepted or declined by the client's owners, and
//! rendered as PDFs.

pub mod dto;
mod invoices;
mod pdf;
mod quotes;

pub use invoices::*;
pub use pdf::{Branding, PdfService, invoice_pdf, quote_pdf};
pub use quotes::*;

use chrono::NaiveDate;
use nourx_db::line_items::NewLineItem;
use nourx_domain::billing::{self, DEFAULT_TAX_RATE_BP, LineInput, MAX_ITEMS};
use nourx_domain::{Lang, Message};

use crate::dto_util::{long_text, text};
use crate::error::FieldErrors;
use dto::LineItemInput;

pub(crate) const TITLE_MAX: usize = 200;
pub(crate) const NOTES_MAX: usize = 2_000;
pub(crate) const LABEL_MAX: usize = 300;
pub(crate) const DESCRIPTION_MAX: usize = 2_000;
pub(crate) const REASON_MAX: usize = 1_000;
/// Days between issue and due date (invoices) or validity (quotes) when not given.
pub(crate) const DEFAULT_TERM_DAYS: u64 = 30;

/// Today in Côte d'Ivoire, whose time zone is UTC all year: the day due dates are compared with.
pub(crate) fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
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
) -> Option<(Vec<NewLineItem>, billing::DocumentTotals)> {
    if items.len() > MAX_ITEMS {
        errors.add("items", billing::BillingError::TooManyItems.message());
        return None;
    }
    let before = errors.len();
    let mut lines = Vec::with_capacity(items.len());
    let mut inputs = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
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
        let (Some(quantity_hundredths), Some(tax_rate_bp)) = (quantity, tax_rate) else { continue };
        let input = LineInput { quantity_hundredths, unit_price: item.unit_price, tax_rate_bp };
        match billing::line_totals(input) {
            Ok(totals) => {
                inputs.push(input);
                lines.push(NewLineItem {
                    label,
                    description,
                    quantity_hundredths,
                    unit_price: item.unit_price,
                    tax_rate_bp,
                    total_ht: totals.ht,
                    total_tva: totals.tva,
                });
            }
            // Each value is within its limits; only the line's total can be out of range.
            Err(error) => {
                errors.add(field("unit_price"), error.message());
            }
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

/// A currency code, upper-cased; an error when it is not three letters.
pub(crate) fn currency(errors: &mut FieldErrors, value: &str) -> String {
    let code = value.trim().to_ascii_uppercase();
    if !billing::is_currency_code(&code) {
        errors.add(
            "currency",
            Message::new(
                "Code de devise invalide : trois lettres ISO 4217 (XOF, EUR…).",
                "Invalid currency code: three ISO 4217 letters (XOF, EUR…).",
            ),
        );
    }
    code
}

pub(crate) fn date_order(errors: &mut FieldErrors, field: &str, start: Option<NaiveDate>, end: Option<NaiveDate>) {
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        errors.add(
            field,
            Message::new(
                "Cette date ne peut pas précéder la date d'émission.",
                "This date cannot be before the issue date.",
            ),
        );
    }
}

pub(crate) fn lang_of(code: &str) -> Lang {
    if code == "en" { Lang::En } else { Lang::Fr }
}

/// `23/11/2026`, as dates are written in both languages of the product.
pub(crate) fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}
