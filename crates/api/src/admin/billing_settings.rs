//! The billing settings (`settings` row `billing`): the TVA rates the editor offers, the default
//! due and validity days, the payment terms printed on new documents, the reminder schedule, and
//! the numbering of documents (prefixes, yearly reset). Staff read them (the editor needs them);
//! admins change them.

use actix_web::{get, patch, web};
use diesel::Connection;
use nourx_db::sequences::{self, SequenceKind};
use nourx_db::{PgConn, audit};
use nourx_domain::billing::{
    CREDIT_NOTE_PREFIX, DEFAULT_TAX_RATE_BP, DEFAULT_TERM_DAYS, INVOICE_PREFIX, QUOTE_PREFIX, format_hundredths,
};
use nourx_domain::branding::{NumberingRules, check_prefix, numbered, sequence_year};
use nourx_domain::reminders::{DEFAULT_REMINDER_OFFSETS, check_schedule};
use nourx_domain::{Message, StaffAction};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::dto_util::{long_text, text};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::line_items::decimal;
use crate::payments::settings::{store, stored};

pub const BILLING_SETTINGS_KEY: &str = "billing";
const MAX_RATES: usize = 10;
const MAX_DAYS: u32 = 365;

/// One TVA rate the editor offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TaxRate {
    #[schema(example = "TVA 18 %")]
    pub label: String,
    /// Basis points: 1800 is 18 %.
    #[schema(ignore)]
    pub rate_bp: i32,
}

/// The billing settings as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingSettings {
    pub default_due_days: u32,
    pub quote_validity_days: u32,
    pub tax_rates: Vec<TaxRate>,
    pub default_tax_rate_bp: i32,
    pub payment_terms: String,
    /// Days from the due date of each automatic reminder (negative: before it).
    #[serde(default = "default_reminders")]
    pub reminder_offsets: Vec<i32>,
    #[serde(default)]
    pub numbering: Numbering,
}

/// How documents are numbered: `NX-2026-0042` (a sequence per year) or `NX-0042` (one running
/// sequence). A change applies to the numbers given from then on; numbers given stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct Numbering {
    #[schema(example = "DV")]
    pub quote_prefix: String,
    #[schema(example = "NX")]
    pub invoice_prefix: String,
    #[schema(example = "AV")]
    pub credit_note_prefix: String,
    #[schema(example = "REC")]
    pub receipt_prefix: String,
    /// Each year starts again at 1, and the number carries the year.
    pub yearly_reset: bool,
}

impl Default for Numbering {
    fn default() -> Self {
        Numbering {
            quote_prefix: QUOTE_PREFIX.into(),
            invoice_prefix: INVOICE_PREFIX.into(),
            credit_note_prefix: CREDIT_NOTE_PREFIX.into(),
            receipt_prefix: nourx_domain::payments::RECEIPT_PREFIX.into(),
            yearly_reset: true,
        }
    }
}

impl Numbering {
    fn prefix(&self, kind: SequenceKind) -> &str {
        match kind {
            SequenceKind::Quote => &self.quote_prefix,
            SequenceKind::Invoice => &self.invoice_prefix,
            SequenceKind::CreditNote => &self.credit_note_prefix,
            SequenceKind::Receipt => &self.receipt_prefix,
        }
    }
}

/// Takes the next number of `kind` for a document issued in `year`, as the numbering settings
/// say. Call it inside the transaction that stores the number (see `sequences::next`).
pub(crate) fn next_number(conn: &mut PgConn, kind: SequenceKind, year: i32) -> Result<String, ApiError> {
    let numbering = billing_settings(conn)?.numbering;
    let rules = NumberingRules { prefix: numbering.prefix(kind), yearly_reset: numbering.yearly_reset };
    let sequence = sequences::next(conn, kind, sequence_year(year, rules.yearly_reset))?;
    Ok(numbered(&rules, year, sequence))
}

fn default_reminders() -> Vec<i32> {
    DEFAULT_REMINDER_OFFSETS.to_vec()
}

impl Default for BillingSettings {
    fn default() -> Self {
        BillingSettings {
            default_due_days: DEFAULT_TERM_DAYS as u32,
            quote_validity_days: DEFAULT_TERM_DAYS as u32,
            tax_rates: vec![
                TaxRate { label: "TVA 18 %".into(), rate_bp: DEFAULT_TAX_RATE_BP },
                TaxRate { label: "TVA 9 %".into(), rate_bp: 900 },
                TaxRate { label: "Exonéré".into(), rate_bp: 0 },
            ],
            default_tax_rate_bp: DEFAULT_TAX_RATE_BP,
            payment_terms: "Paiement à réception de facture, par Mobile Money, carte ou virement. \
                            Tout retard entraîne des pénalités au taux légal."
                .into(),
            reminder_offsets: default_reminders(),
            numbering: Numbering::default(),
        }
    }
}

pub(crate) fn billing_settings(conn: &mut PgConn) -> Result<BillingSettings, ApiError> {
    stored(conn, BILLING_SETTINGS_KEY)
}

/// A TVA rate as the API shows it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TaxRateDto {
    #[schema(example = "TVA 18 %")]
    pub label: String,
    /// Percent with two places; requests take a number or a string.
    #[schema(value_type = String, example = "18.00")]
    pub rate: serde_json::Value,
}

/// What a new quote or invoice starts with.
#[derive(Debug, Serialize, ToSchema)]
pub struct BillingSettingsDto {
    /// Days from the issue date to the due date of an invoice.
    #[schema(example = 30)]
    pub default_due_days: u32,
    /// Days a quote stays valid.
    #[schema(example = 30)]
    pub quote_validity_days: u32,
    pub tax_rates: Vec<TaxRateDto>,
    #[schema(example = "18.00")]
    pub default_tax_rate: String,
    /// Printed on new quotes and invoices (each document keeps its own copy).
    pub payment_terms: String,
    /// Automatic reminders of unpaid invoices, in days from the due date (negative: before it).
    #[schema(example = json!([-3, 1, 7, 15]))]
    pub reminder_offsets: Vec<i32>,
    /// The prefixes of new numbers and whether each year starts again at 1.
    pub numbering: Numbering,
}

impl From<BillingSettings> for BillingSettingsDto {
    fn from(settings: BillingSettings) -> Self {
        BillingSettingsDto {
            default_due_days: settings.default_due_days,
            quote_validity_days: settings.quote_validity_days,
            tax_rates: settings
                .tax_rates
                .into_iter()
                .map(|r| TaxRateDto { label: r.label, rate: format_hundredths(i64::from(r.rate_bp)).into() })
                .collect(),
            default_tax_rate: format_hundredths(i64::from(settings.default_tax_rate_bp)),
            payment_terms: settings.payment_terms,
            reminder_offsets: settings.reminder_offsets,
            numbering: settings.numbering,
        }
    }
}

/// Changes to the billing settings; absent fields are kept, `tax_rates` replaces the list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateBillingSettingsRequest {
    /// 0 to 365.
    pub default_due_days: Option<u32>,
    /// 1 to 365.
    pub quote_validity_days: Option<u32>,
    /// 1 to 10 rates, each 0 to 100 % with a label of 1–60 characters.
    pub tax_rates: Option<Vec<TaxRateDto>>,
    /// One of `tax_rates`.
    #[schema(value_type = Option<String>, example = "18")]
    pub default_tax_rate: Option<serde_json::Value>,
    /// Up to 2 000 characters.
    pub payment_terms: Option<String>,
    /// Up to 8 distinct days within a year of the due date; empty: no automatic reminder.
    pub reminder_offsets: Option<Vec<i32>>,
    /// Absent fields are kept. Prefixes: 1 to 8 letters or digits (upper-cased), one per kind of
    /// document, all different. New numbers only.
    pub numbering: Option<NumberingRequest>,
}

/// Changes to the numbering; absent fields are kept.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberingRequest {
    pub quote_prefix: Option<String>,
    pub invoice_prefix: Option<String>,
    pub credit_note_prefix: Option<String>,
    pub receipt_prefix: Option<String>,
    pub yearly_reset: Option<bool>,
}

impl NumberingRequest {
    /// The numbering after the change; bad prefixes are named in `errors`.
    fn apply(self, mut numbering: Numbering, errors: &mut FieldErrors) -> Numbering {
        for (field, value, slot) in [
            ("quote_prefix", self.quote_prefix, &mut numbering.quote_prefix),
            ("invoice_prefix", self.invoice_prefix, &mut numbering.invoice_prefix),
            ("credit_note_prefix", self.credit_note_prefix, &mut numbering.credit_note_prefix),
            ("receipt_prefix", self.receipt_prefix, &mut numbering.receipt_prefix),
        ] {
            if let Some(value) = value {
                match check_prefix(&value) {
                    Ok(prefix) => *slot = prefix,
                    Err(message) => {
                        errors.add(format!("numbering.{field}"), message);
                    }
                }
            }
        }
        if let Some(yearly_reset) = self.yearly_reset {
            numbering.yearly_reset = yearly_reset;
        }
        let prefixes = [
            &numbering.quote_prefix,
            &numbering.invoice_prefix,
            &numbering.credit_note_prefix,
            &numbering.receipt_prefix,
        ];
        if prefixes.iter().enumerate().any(|(i, prefix)| prefixes[..i].contains(prefix)) {
            errors.add(
                "numbering",
                Message::new(
                    "Chaque type de document a son propre préfixe : devis, factures, avoirs et reçus ne peuvent pas partager le même.",
                    "Each kind of document has its own prefix: quotes, invoices, credit notes and receipts cannot share one.",
                ),
            );
        }
        numbering
    }
}

impl UpdateBillingSettingsRequest {
    /// The settings after the change, or a 400 naming each bad field.
    fn apply(self, mut settings: BillingSettings) -> Result<BillingSettings, ApiError> {
        let mut errors = FieldErrors::new();
        let days = |errors: &mut FieldErrors, field: &str, value: u32, min: u32| {
            if !(min..=MAX_DAYS).contains(&value) {
                let message = Message::owned(
                    format!("Entre {min} et {MAX_DAYS} jours."),
                    format!("Between {min} and {MAX_DAYS} days."),
                );
                errors.add(field, message);
            }
            value
        };
        if let Some(value) = self.default_due_days {
            settings.default_due_days = days(&mut errors, "default_due_days", value, 0);
        }
        if let Some(value) = self.quote_validity_days {
            settings.quote_validity_days = days(&mut errors, "quote_validity_days", value, 1);
        }
        if let Some(rates) = self.tax_rates {
            settings.tax_rates = tax_rates(&mut errors, rates);
        }
        if let Some(value) = self.default_tax_rate {
            settings.default_tax_rate_bp = decimal(&value).and_then(|v| i32::try_from(v).ok()).unwrap_or(-1);
        }
        if !settings.tax_rates.iter().any(|r| r.rate_bp == settings.default_tax_rate_bp) {
            let message = Message::new(
                "Le taux par défaut doit figurer dans la liste des taux.",
                "The default rate must be one of the rates.",
            );
            errors.add("default_tax_rate", message);
        }
        if let Some(offsets) = self.reminder_offsets {
            match check_schedule(&offsets) {
                Ok(sorted) => settings.reminder_offsets = sorted,
                Err(_) => {
                    errors.add(
                        "reminder_offsets",
                        Message::new(
                            "Au plus 8 relances, à des jours différents, dans l'année autour de l'échéance.",
                            "At most 8 reminders, on different days, within a year of the due date.",
                        ),
                    );
                }
            }
        }
        if let Some(terms) = self.payment_terms {
            settings.payment_terms = long_text(&mut errors, "payment_terms", &terms, crate::billing::NOTES_MAX);
        }
        if let Some(numbering) = self.numbering {
            settings.numbering = numbering.apply(settings.numbering, &mut errors);
        }
        errors.into_result()?;
        Ok(settings)
    }
}

fn tax_rates(errors: &mut FieldErrors, rates: Vec<TaxRateDto>) -> Vec<TaxRate> {
    if rates.is_empty() || rates.len() > MAX_RATES {
        errors.add("tax_rates", Message::new("Entre 1 et 10 taux.", "Between 1 and 10 rates."));
    }
    rates
        .into_iter()
        .enumerate()
        .map(|(index, rate)| {
            let label = text(errors, &format!("tax_rates[{index}].label"), &rate.label, 60);
            let rate_bp = decimal(&rate.rate).and_then(|v| i32::try_from(v).ok()).filter(|v| (0..=10_000).contains(v));
            if rate_bp.is_none() {
                errors.add(
                    format!("tax_rates[{index}].rate"),
                    nourx_domain::billing::BillingError::TaxRateOutOfRange.message(),
                );
            }
            TaxRate { label, rate_bp: rate_bp.unwrap_or_default() }
        })
        .collect()
}

/// The billing settings (every NOURX staff member: the editor reads them).
#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, body = BillingSettingsDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/settings/billing/")]
pub async fn get_billing_settings(
    _staff: Staff,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<BillingSettingsDto>> {
    let settings = state.db.run(billing_settings).await?;
    Ok(web::Json(settings.into()))
}

/// Changes the billing settings (admins); audited. Documents already written keep their terms.
#[utoipa::path(
    tag = "admin",
    request_body = UpdateBillingSettingsRequest,
    responses(
        (status = 200, body = BillingSettingsDto),
        (status = 400, description = "Invalid value", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/admin/settings/billing/")]
pub async fn update_billing_settings(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<UpdateBillingSettingsRequest>,
) -> ApiResult<web::Json<BillingSettingsDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let settings = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = billing_settings(conn)?;
                let after = body.apply(before.clone())?;
                store(conn, BILLING_SETTINGS_KEY, &after, staff.id())?;
                let diff = audit::changes(&before, &after);
                audit::record(conn, &staff.audit(), "update", "settings", Some(BILLING_SETTINGS_KEY.into()), diff)?;
                Ok::<_, ApiError>(after)
            })
        })
        .await?;
    Ok(web::Json(settings.into()))
}
