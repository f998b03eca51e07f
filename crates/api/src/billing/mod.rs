//! Quotes and invoices: drafts written by NOURX staff, numbered and emailed when sent, read by
//! the client's people (never as drafts), accepted or declined by the client's owners, and
//! rendered as PDFs.

pub mod dto;
mod invoices;
pub(crate) mod pdf;
mod quotes;

pub use invoices::*;
pub use pdf::{Branding, PdfService, invoice_pdf, quote_pdf};
pub use quotes::*;

use chrono::{Datelike, Days, NaiveDate};
use nourx_db::line_items::NewLineItem;
use nourx_db::sequences::{self, SequenceKind};
use nourx_db::{PgConn, Scope};
use nourx_domain::billing::{self, DEFAULT_TAX_RATE_BP, LineInput, MAX_ITEMS};
use nourx_domain::{Lang, Message};
use nourx_mail::TemplateKey;
use uuid::Uuid;

use crate::http::dto_util::{long_text, not_found_reference, text};
use crate::http::error::{ApiError, FieldErrors};
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

/// What sending a quote or an invoice fixes: its dates and its number.
pub(crate) struct Issued {
    pub issue_date: NaiveDate,
    /// The due date (invoices) or the end of validity (quotes).
    pub term_end: NaiveDate,
    pub number: String,
}

/// Dates default to today and 30 days later; the number is the next of the issue date's year,
/// taken inside the caller's transaction. Refuses a document with nothing to pay.
pub(crate) fn issue(
    conn: &mut PgConn,
    kind: SequenceKind,
    issue_date: Option<NaiveDate>,
    term_end: Option<NaiveDate>,
    total_ttc: i64,
    empty: Message,
) -> Result<Issued, ApiError> {
    if total_ttc <= 0 {
        return Err(ApiError::field("items", empty));
    }
    let issue_date = issue_date.unwrap_or_else(today);
    let term_end = term_end.or_else(|| issue_date.checked_add_days(Days::new(DEFAULT_TERM_DAYS))).unwrap_or(issue_date);
    let prefix = match kind {
        SequenceKind::Quote => billing::QUOTE_PREFIX,
        SequenceKind::Invoice => billing::INVOICE_PREFIX,
        SequenceKind::Receipt => nourx_domain::payments::RECEIPT_PREFIX,
    };
    let sequence = sequences::next(conn, kind, issue_date.year())?;
    Ok(Issued { issue_date, term_end, number: billing::document_number(prefix, issue_date.year(), sequence) })
}

/// Emails a sent quote or invoice to its client's billing contacts, each in their language;
/// `vars` gives the template variables in a language (the client's name is added).
pub(crate) fn email_billing_contacts(
    conn: &mut PgConn,
    client_id: Uuid,
    key: TemplateKey,
    vars: impl Fn(Lang) -> serde_json::Value,
) -> Result<(), ApiError> {
    let client = nourx_db::clients::find(conn, &Scope::All, client_id)?.ok_or(ApiError::NotFound)?;
    for (email, locale) in nourx_db::clients::billing_contacts(conn, &client)? {
        let lang = Lang::from(locale);
        let mut values = vars(lang);
        if let Some(map) = values.as_object_mut() {
            map.insert("client_name".into(), serde_json::Value::String(client.name.clone()));
        }
        let locale = if lang == Lang::En { nourx_domain::Locale::En } else { nourx_domain::Locale::Fr };
        crate::services::mailer::enqueue(conn, &email, locale, key, &values)?;
    }
    Ok(())
}

/// The client a new quote or invoice is for, and the project it is about (one of that client's).
pub(crate) fn billed_client(
    conn: &mut PgConn,
    client_id: Uuid,
    project_id: Option<Uuid>,
) -> Result<nourx_db::clients::Client, ApiError> {
    let client = nourx_db::clients::find(conn, &Scope::All, client_id)?
        .ok_or_else(|| ApiError::field("client_id", not_found_reference("client_id")))?;
    let mut errors = FieldErrors::new();
    check_project(conn, &mut errors, client.id, project_id)?;
    errors.into_result()?;
    Ok(client)
}

/// Adds a `project_id` error unless `project_id` is one of `client_id`'s projects (or none).
pub(crate) fn check_project(
    conn: &mut PgConn,
    errors: &mut FieldErrors,
    client_id: Uuid,
    project_id: Option<Uuid>,
) -> Result<(), ApiError> {
    if let Some(project_id) = project_id {
        let project = nourx_db::projects::find(conn, &Scope::All, project_id)?;
        if project.is_none_or(|p| p.client_id != client_id) {
            errors.add("project_id", not_found_reference("project_id"));
        }
    }
    Ok(())
}
