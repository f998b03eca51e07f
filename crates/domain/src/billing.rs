//! Quotes and invoices: line totals, document totals, statuses and numbers.
//!
//! Amounts are integers in the currency's minor unit (1 FCFA for XOF, which has none; 1 cent for
//! EUR). Quantities have two decimals and are held in hundredths (`150` = 1,50); tax rates are in
//! basis points (`1800` = 18 %).
//!
//! **Rounding rule** (the only one; the editor's live totals, the API and the PDF all use it): a
//! line's gross is `quantity × unit price`; its HT is the gross less its own discount; the
//! document's discount then takes its percentage off each line's HT (the line's *net*), and the
//! line's TVA is `net × rate`. Every product is rounded to the minor unit, half away from zero
//! (0,5 FCFA → 1 FCFA). The document's subtotal, discount, HT, TVA and TTC are sums of per-line
//! values, so subtotal − discount = HT and HT + TVA = TTC hold exactly and a PDF always adds up. The arithmetic is done in `i128`, so no intermediate
//! product can overflow; results beyond [`MAX_AMOUNT`] are refused.

use crate::i18n::Message;
use crate::workflow::{TransitionError, Workflow};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The TVA rate of Côte d'Ivoire, the default for a new line.
pub const DEFAULT_TAX_RATE_BP: i32 = 1800;
/// 100 %: the highest tax rate a line may carry.
pub const MAX_TAX_RATE_BP: i32 = 10_000;
/// The largest quantity on one line: 1 000 000,00.
pub const MAX_QUANTITY_HUNDREDTHS: i64 = 100_000_000;
/// The largest unit price, total or payment: 10¹⁵ minor units (a thousand billion FCFA and more).
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;
/// Items on one quote or invoice.
pub const MAX_ITEMS: usize = 200;

/// One line as typed by NOURX staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInput {
    pub quantity_hundredths: i64,
    pub unit_price: i64,
    pub tax_rate_bp: i32,
    /// The line's own discount, in basis points (`1000` = 10 %).
    pub discount_bp: i32,
}

impl LineInput {
    /// A line without a discount.
    pub fn plain(quantity_hundredths: i64, unit_price: i64, tax_rate_bp: i32) -> LineInput {
        LineInput { quantity_hundredths, unit_price, tax_rate_bp, discount_bp: 0 }
    }
}

/// A priced line: `ht` after the line's discount (what its row shows), `tva` on its net after the
/// document's discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineTotals {
    pub ht: i64,
    pub tva: i64,
}

/// The totals of a whole document, with the TVA per rate (for the PDF's breakdown).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentTotals {
    /// The lines' HT, before the document's discount.
    pub subtotal: i64,
    /// What the document's discount took off (0 without one).
    pub discount: i64,
    /// `subtotal − discount`.
    pub ht: i64,
    pub tva: i64,
    pub ttc: i64,
    /// rate (basis points) → (HT base after every discount, TVA), in increasing rate order.
    pub by_rate: BTreeMap<i32, (i64, i64)>,
}

/// Why a line or a document cannot be priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillingError {
    QuantityOutOfRange,
    UnitPriceOutOfRange,
    TaxRateOutOfRange,
    DiscountOutOfRange,
    TotalTooLarge,
    TooManyItems,
}

impl BillingError {
    pub fn message(self) -> Message {
        match self {
            Self::QuantityOutOfRange => Message::new(
                "La quantité doit être supérieure à 0 et au plus 1 000 000, avec deux décimales au plus.",
                "The quantity must be above 0 and at most 1,000,000, with at most two decimals.",
            ),
            Self::UnitPriceOutOfRange => Message::new(
                "Le prix unitaire doit être un montant positif ou nul.",
                "The unit price must be zero or a positive amount.",
            ),
            Self::TaxRateOutOfRange => Message::new(
                "Le taux de TVA doit être compris entre 0 et 100 %.",
                "The tax rate must be between 0 and 100%.",
            ),
            Self::DiscountOutOfRange => Message::new(
                "La remise doit être comprise entre 0 et 100 %.",
                "The discount must be between 0 and 100%.",
            ),
            Self::TotalTooLarge => Message::new("Le montant total est trop élevé.", "The total amount is too large."),
            Self::TooManyItems => {
                Message::new("Un document compte au plus 200 lignes.", "A document has at most 200 lines.")
            }
        }
    }
}

/// `numerator / denominator` rounded half away from zero (`denominator > 0`).
fn div_round_half_away(numerator: i128, denominator: i128) -> i128 {
    let half = denominator / 2;
    if numerator >= 0 { (numerator + half) / denominator } else { (numerator - half) / denominator }
}

fn to_amount(value: i128) -> Result<i64, BillingError> {
    i64::try_from(value).ok().filter(|v| v.abs() <= MAX_AMOUNT).ok_or(BillingError::TotalTooLarge)
}

/// `amount × basis_points / 10 000`, rounded half away from zero.
fn share(amount: i128, basis_points: i32) -> i128 {
    div_round_half_away(amount * i128::from(basis_points), 10_000)
}

fn check_discount(discount_bp: i32) -> Result<(), BillingError> {
    if (0..=MAX_TAX_RATE_BP).contains(&discount_bp) { Ok(()) } else { Err(BillingError::DiscountOutOfRange) }
}

/// Checks one line's values and prices it alone (no document discount).
pub fn line_totals(line: LineInput) -> Result<LineTotals, BillingError> {
    let ht = line_ht(line)?;
    Ok(LineTotals { ht: to_amount(ht)?, tva: to_amount(share(ht, line.tax_rate_bp))? })
}

/// The line's HT: its gross less its own discount.
fn line_ht(line: LineInput) -> Result<i128, BillingError> {
    if line.quantity_hundredths <= 0 || line.quantity_hundredths > MAX_QUANTITY_HUNDREDTHS {
        return Err(BillingError::QuantityOutOfRange);
    }
    // A negative price is a deduction (a deposit already invoiced): only the API writes one.
    if line.unit_price.abs() > MAX_AMOUNT {
        return Err(BillingError::UnitPriceOutOfRange);
    }
    if !(0..=MAX_TAX_RATE_BP).contains(&line.tax_rate_bp) {
        return Err(BillingError::TaxRateOutOfRange);
    }
    check_discount(line.discount_bp)?;
    let gross = div_round_half_away(i128::from(line.quantity_hundredths) * i128::from(line.unit_price), 100);
    let ht = gross - share(gross, line.discount_bp);
    to_amount(ht)?;
    Ok(ht)
}

/// Prices every line, applies the document's discount (`discount_bp`) and sums them.
pub fn document_totals(
    lines: &[LineInput],
    discount_bp: i32,
) -> Result<(Vec<LineTotals>, DocumentTotals), BillingError> {
    if lines.len() > MAX_ITEMS {
        return Err(BillingError::TooManyItems);
    }
    check_discount(discount_bp)?;
    let mut per_line = Vec::with_capacity(lines.len());
    let mut totals = DocumentTotals::default();
    let (mut subtotal, mut discount, mut tva) = (0i128, 0i128, 0i128);
    for line in lines {
        let ht = line_ht(*line)?;
        // The document's discount is on what is sold, never on a deduction.
        let taken = if ht < 0 { 0 } else { share(ht, discount_bp) };
        let net = ht - taken;
        let line_tva = share(net, line.tax_rate_bp);
        subtotal += ht;
        discount += taken;
        tva += line_tva;
        let entry = totals.by_rate.entry(line.tax_rate_bp).or_insert((0, 0));
        entry.0 = to_amount(i128::from(entry.0) + net)?;
        entry.1 = to_amount(i128::from(entry.1) + line_tva)?;
        per_line.push(LineTotals { ht: to_amount(ht)?, tva: to_amount(line_tva)? });
    }
    totals.subtotal = to_amount(subtotal)?;
    totals.discount = to_amount(discount)?;
    totals.ht = to_amount(subtotal - discount)?;
    totals.tva = to_amount(tva)?;
    totals.ttc = to_amount(subtotal - discount + tva)?;
    Ok((per_line, totals))
}

/// A deposit (acompte) of `percent_bp` of a quote whose TVA per rate is `by_rate` (its
/// [`DocumentTotals::by_rate`]): the HT to ask at each rate, rounded half away from zero. The
/// deposit invoice has one line per rate at these prices; the quote's final invoice deducts the
/// same amounts at the same rates, so their TVA cancels exactly.
pub fn deposit_bases(by_rate: &BTreeMap<i32, (i64, i64)>, percent_bp: i32) -> Result<Vec<(i32, i64)>, DepositError> {
    if !(1..=9_999).contains(&percent_bp) {
        return Err(DepositError::PercentOutOfRange);
    }
    let bases: Vec<(i32, i64)> = by_rate
        .iter()
        .map(|(rate, (base, _))| (*rate, i64::try_from(share(i128::from(*base), percent_bp)).unwrap_or(0)))
        .filter(|(_, amount)| *amount > 0)
        .collect();
    if bases.is_empty() { Err(DepositError::NothingToAsk) } else { Ok(bases) }
}

/// Why a deposit cannot be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepositError {
    PercentOutOfRange,
    NothingToAsk,
}

impl DepositError {
    pub fn message(self) -> Message {
        match self {
            Self::PercentOutOfRange => Message::new(
                "L'acompte est un pourcentage strictement compris entre 0 et 100.",
                "The deposit is a percentage strictly between 0 and 100.",
            ),
            Self::NothingToAsk => {
                Message::new("Ce devis est trop petit pour un acompte.", "This quote is too small for a deposit.")
            }
        }
    }
}

/// Parses a decimal with at most two decimals ("1", "1.5", "1,50", " 2.25 ") into hundredths.
/// Used for quantities and for tax rates in percent.
pub fn parse_hundredths(text: &str) -> Option<i64> {
    let text = text.trim().replace(',', ".");
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (digits.as_str(), ""),
    };
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if fraction.len() > 2 || whole.len() > 15 {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let fraction: i64 = if fraction.is_empty() { 0 } else { format!("{fraction:0<2}").parse().ok()? };
    let value = whole.checked_mul(100)?.checked_add(fraction)?;
    Some(if negative { -value } else { value })
}

/// Hundredths as a decimal string with two decimals, the API's form: `150` → `"1.50"`.
pub fn format_hundredths(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let value = value.unsigned_abs();
    format!("{sign}{}.{:02}", value / 100, value % 100)
}

/// A quote or invoice number: `NX-2026-0042`. Four digits at least; a 10 000th document of the
/// year simply gets five.
pub fn document_number(prefix: &str, year: i32, sequence: i64) -> String {
    format!("{prefix}-{year}-{sequence:04}")
}

pub const QUOTE_PREFIX: &str = "DV";
pub const INVOICE_PREFIX: &str = "NX";
/// Credit notes (avoirs): `AV-2026-0001`, their own gapless sequence.
pub const CREDIT_NOTE_PREFIX: &str = "AV";

/// Whether an ISO 4217 code looks right: three ASCII capitals.
pub fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Days between the issue date and the due date (invoices) or the end of validity (quotes) when
/// NOURX staff leave it out.
pub const DEFAULT_TERM_DAYS: u64 = 30;

/// The two documents NOURX writes as drafts, then numbers and sends the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Quote,
    Invoice,
}

impl DocumentKind {
    /// The number's prefix: `DV-2026-0007`, `NX-2026-0042`.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Quote => QUOTE_PREFIX,
            Self::Invoice => INVOICE_PREFIX,
        }
    }

    /// The name of the document in the audit log and in storage keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Quote => "quote",
            Self::Invoice => "invoice",
        }
    }

    /// Why a document with nothing to pay is not sent.
    pub fn nothing_to_send(self) -> Message {
        match self {
            Self::Quote => Message::new(
                "Ajoutez au moins une ligne d'un montant non nul avant d'envoyer le devis.",
                "Add at least one line with a non-zero amount before sending the quote.",
            ),
            Self::Invoice => Message::new(
                "Ajoutez au moins une ligne d'un montant non nul avant d'envoyer la facture.",
                "Add at least one line with a non-zero amount before sending the invoice.",
            ),
        }
    }

    /// Why a sent document is not edited, and what to do instead.
    pub fn not_editable(self) -> Message {
        match self {
            Self::Quote => Message::new(
                "Seul un devis en brouillon se modifie. Pour changer une offre envoyée, faites un nouveau devis.",
                "Only a draft quote can be edited. To change a sent offer, make a new quote.",
            ),
            Self::Invoice => Message::new(
                "Seule une facture en brouillon se modifie. Une facture envoyée s'annule, puis se refait.",
                "Only a draft invoice can be edited. A sent invoice is cancelled, then issued again.",
            ),
        }
    }
}

/// What quote and invoice statuses share: a draft that NOURX edits, then sends.
pub trait DocumentStatus: Workflow {
    const KIND: DocumentKind;
    const DRAFT: Self;
    const SENT: Self;
}

impl DocumentStatus for QuoteStatus {
    const KIND: DocumentKind = DocumentKind::Quote;
    const DRAFT: Self = Self::Draft;
    const SENT: Self = Self::Sent;
}

impl DocumentStatus for InvoiceStatus {
    const KIND: DocumentKind = DocumentKind::Invoice;
    const DRAFT: Self = Self::Draft;
    const SENT: Self = Self::Sent;
}

/// What NOURX staff may change on a quote or an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftEdit {
    /// A draft: every field, its lines included.
    AnyField,
    /// Sent, or later: nothing. The client has seen it; a change is a new document.
    Frozen,
}

/// What NOURX staff may change on a document in `status`.
pub fn draft_edit<S: DocumentStatus>(status: S) -> DraftEdit {
    if status == S::DRAFT { DraftEdit::AnyField } else { DraftEdit::Frozen }
}

/// Whether a document can be sent now, and the dates it is sent with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sending {
    /// Send it, dated so (given dates, else today and [`DEFAULT_TERM_DAYS`] later).
    Send { issue_date: NaiveDate, term_end: NaiveDate },
    /// Not a draft.
    Refused(TransitionError),
    /// Its total is zero: nothing to quote or to pay.
    NothingToPay,
}

/// Whether a document in `status`, with these dates and this total, can be sent on `today`; a
/// missing end of term is `term_days` after the issue date (the billing settings').
pub fn sending<S: DocumentStatus>(
    status: S,
    issue_date: Option<NaiveDate>,
    term_end: Option<NaiveDate>,
    total_ttc: i64,
    today: NaiveDate,
    term_days: u64,
) -> Sending {
    if let Err(error) = status.transition_to(S::SENT) {
        return Sending::Refused(error);
    }
    if total_ttc <= 0 {
        return Sending::NothingToPay;
    }
    let issue_date = issue_date.unwrap_or(today);
    let term_end = term_end.or_else(|| issue_date.checked_add_days(Days::new(term_days))).unwrap_or(issue_date);
    Sending::Send { issue_date, term_end }
}

/// Where a quote stands. `expired` is what a `sent` quote shows once its validity date has passed
/// (see [`QuoteStatus::effective`]); it is also stored if a job ever closes such quotes.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    Draft,
    Sent,
    Accepted,
    Declined,
    Expired,
}

impl QuoteStatus {
    /// The status a person sees on `today`: a sent quote past its validity date is expired.
    pub fn effective(self, valid_until: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> QuoteStatus {
        match (self, valid_until) {
            (Self::Sent, Some(date)) if date < today => Self::Expired,
            _ => self,
        }
    }
}

/// Whether an accepted quote can become an invoice (`I`: the invoice already made from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invoicing<I> {
    Allowed,
    NotAccepted,
    /// One invoice per quote, unless that invoice was cancelled.
    AlreadyInvoiced(I),
}

impl QuoteStatus {
    /// Whether a quote in this (stored) status can be invoiced, given the live invoice made from
    /// it, if any.
    pub fn invoicing<I>(self, existing_invoice: Option<I>) -> Invoicing<I> {
        match (self, existing_invoice) {
            (Self::Accepted, None) => Invoicing::Allowed,
            (Self::Accepted, Some(invoice)) => Invoicing::AlreadyInvoiced(invoice),
            _ => Invoicing::NotAccepted,
        }
    }
}

impl Workflow for QuoteStatus {
    const ALL: &'static [Self] = &[Self::Draft, Self::Sent, Self::Accepted, Self::Declined, Self::Expired];

    fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Sent => "sent",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Expired => "expired",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|status| status.as_str() == s)
    }

    // « devis » is masculine.
    fn label(self) -> Message {
        match self {
            Self::Draft => Message::new("Brouillon", "Draft"),
            Self::Sent => Message::new("Envoyé", "Sent"),
            Self::Accepted => Message::new("Accepté", "Accepted"),
            Self::Declined => Message::new("Refusé", "Declined"),
            Self::Expired => Message::new("Expiré", "Expired"),
        }
    }

    fn allowed_targets(self) -> &'static [Self] {
        match self {
            Self::Draft => &[Self::Sent],
            Self::Sent => &[Self::Accepted, Self::Declined, Self::Expired],
            Self::Accepted | Self::Declined | Self::Expired => &[],
        }
    }
}

/// Where an invoice stands. `overdue` is not stored: it is what an unpaid invoice shows once its
/// due date has passed (see [`InvoiceStatus::is_overdue`]). Payments move an invoice to
/// `partially_paid` and `paid` ([`status_after_payment`]); `cancelled` is for an invoice that has
/// received nothing; `credited` for one that credit notes brought to nothing owed with nothing
/// kept as payment ([`crate::credit`]). A voided payment or a refund can move a paid invoice back.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Draft,
    Sent,
    PartiallyPaid,
    Paid,
    Cancelled,
    Credited,
}

impl InvoiceStatus {
    /// Whether money is still expected: sent and not (fully) paid.
    pub fn is_unpaid(self) -> bool {
        matches!(self, Self::Sent | Self::PartiallyPaid)
    }

    /// Unpaid on `today` with the due date behind.
    pub fn is_overdue(self, due_date: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> bool {
        self.is_unpaid() && due_date.is_some_and(|due| due < today)
    }

    /// Whether the invoice may be cancelled: a draft or an unpaid invoice that has received nothing.
    /// Once money came in, it stays; a mistake is corrected by a credit, not by erasing history.
    pub fn cancellation(self, amount_paid: i64) -> Cancellation {
        match self {
            _ if amount_paid != 0 => Cancellation::PaymentReceived,
            Self::Draft | Self::Sent => Cancellation::Allowed,
            Self::PartiallyPaid | Self::Paid | Self::Cancelled | Self::Credited => Cancellation::Closed,
        }
    }
}

/// Whether an invoice can be cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cancellation {
    Allowed,
    /// Some money came in.
    PaymentReceived,
    /// Paid, or already cancelled.
    Closed,
}

/// The `?status=` of an invoice list: a stored status, or one of two views over them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceStatusFilter {
    Is(InvoiceStatus),
    /// Sent or partially paid, with the due date behind.
    Overdue,
    /// Sent or partially paid.
    Unpaid,
}

impl InvoiceStatusFilter {
    /// In the order the API lists them.
    pub const ALL: &'static [Self] = &[
        Self::Is(InvoiceStatus::Draft),
        Self::Is(InvoiceStatus::Sent),
        Self::Is(InvoiceStatus::PartiallyPaid),
        Self::Is(InvoiceStatus::Paid),
        Self::Is(InvoiceStatus::Cancelled),
        Self::Is(InvoiceStatus::Credited),
        Self::Overdue,
        Self::Unpaid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Is(status) => status.as_str(),
            Self::Overdue => "overdue",
            Self::Unpaid => "unpaid",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|filter| filter.as_str() == s)
    }
}

impl Workflow for InvoiceStatus {
    const ALL: &'static [Self] =
        &[Self::Draft, Self::Sent, Self::PartiallyPaid, Self::Paid, Self::Cancelled, Self::Credited];

    fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Sent => "sent",
            Self::PartiallyPaid => "partially_paid",
            Self::Paid => "paid",
            Self::Cancelled => "cancelled",
            Self::Credited => "credited",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|status| status.as_str() == s)
    }

    // « facture » is feminine.
    fn label(self) -> Message {
        match self {
            Self::Draft => Message::new("Brouillon", "Draft"),
            Self::Sent => Message::new("Envoyée", "Sent"),
            Self::PartiallyPaid => Message::new("Partiellement payée", "Partially paid"),
            Self::Paid => Message::new("Payée", "Paid"),
            Self::Cancelled => Message::new("Annulée", "Cancelled"),
            Self::Credited => Message::new("Annulée par avoir", "Credited"),
        }
    }

    fn allowed_targets(self) -> &'static [Self] {
        match self {
            Self::Draft => &[Self::Sent, Self::Cancelled],
            Self::Sent => &[Self::PartiallyPaid, Self::Paid, Self::Cancelled, Self::Credited],
            // Back to `sent` when the only payment is voided.
            Self::PartiallyPaid => &[Self::Paid, Self::Sent, Self::Credited],
            // Back when a payment is voided, `credited` when a credit note refunds everything.
            Self::Paid => &[Self::PartiallyPaid, Self::Sent, Self::Credited],
            Self::Cancelled | Self::Credited => &[],
        }
    }
}

/// Why a payment cannot be applied to an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentError {
    NotPayable,
    NotPositive,
    AboveBalance,
}

impl PaymentError {
    pub fn message(self) -> Message {
        match self {
            Self::NotPayable => {
                Message::new("Cette facture n'attend pas de paiement.", "This invoice is not awaiting payment.")
            }
            Self::NotPositive => Message::new("Le montant doit être positif.", "The amount must be positive."),
            Self::AboveBalance => Message::new(
                "Le montant dépasse le reste à payer de la facture.",
                "The amount exceeds the invoice's remaining balance.",
            ),
        }
    }
}

/// The amount paid and the status after receiving `amount` on an invoice that asks `owed_total`
/// (its TTC less its credit notes) of which `amount_paid` was already received.
pub fn status_after_payment(
    status: InvoiceStatus,
    owed_total: i64,
    amount_paid: i64,
    amount: i64,
) -> Result<(i64, InvoiceStatus), PaymentError> {
    if !status.is_unpaid() {
        return Err(PaymentError::NotPayable);
    }
    if amount <= 0 {
        return Err(PaymentError::NotPositive);
    }
    let balance = owed_total - amount_paid;
    if amount > balance {
        return Err(PaymentError::AboveBalance);
    }
    let paid = amount_paid + amount;
    Ok((paid, if paid == owed_total { InvoiceStatus::Paid } else { InvoiceStatus::PartiallyPaid }))
}

impl fmt::Display for QuoteStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for InvoiceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn line(quantity_hundredths: i64, unit_price: i64, tax_rate_bp: i32) -> LineInput {
        LineInput::plain(quantity_hundredths, unit_price, tax_rate_bp)
    }

    fn discounted(line: LineInput, discount_bp: i32) -> LineInput {
        LineInput { discount_bp, ..line }
    }

    #[test]
    fn a_line_discount_comes_off_its_ht_before_the_tva() {
        // 3 × 100 000 = 300 000, less 10 % = 270 000; TVA 18 % = 48 600
        assert_eq!(
            line_totals(discounted(line(300, 100_000, 1800), 1000)),
            Ok(LineTotals { ht: 270_000, tva: 48_600 })
        );
        // 12,5 % of 333 = 41,625 → 42 off: 291; TVA 52,38 → 52
        assert_eq!(line_totals(discounted(line(100, 333, 1800), 1250)), Ok(LineTotals { ht: 291, tva: 52 }));
        assert_eq!(line_totals(discounted(line(100, 333, 1800), 10_000)), Ok(LineTotals { ht: 0, tva: 0 }));
        assert_eq!(line_totals(discounted(line(100, 1, 0), 10_001)), Err(BillingError::DiscountOutOfRange));
        assert_eq!(line_totals(discounted(line(100, 1, 0), -1)), Err(BillingError::DiscountOutOfRange));
    }

    #[test]
    fn a_deposit_and_its_deduction_cancel_exactly_rate_by_rate() {
        let quote = [line(100, 850_000, 1800), line(1200, 15_000, 0), line(100, 333, 1800)];
        let (_, totals) = document_totals(&quote, 500).expect("ok");
        let bases = deposit_bases(&totals.by_rate, 3000).expect("a deposit");
        // 30 % of (807 500 + 316,35 → 316) and of 171 000.
        assert_eq!(bases, [(0, 51_300), (1800, 242_345)]);
        let deposit: Vec<LineInput> = bases.iter().map(|(rate, ht)| line(100, *ht, *rate)).collect();
        let (_, asked) = document_totals(&deposit, 0).expect("ok");
        let mut balance = quote.to_vec();
        balance.extend(bases.iter().map(|(rate, ht)| line(100, -ht, *rate)));
        let (_, rest) = document_totals(&balance, 500).expect("ok");
        // The quote's discount is not taken off the deduction: deposit + balance = the quote.
        assert_eq!(asked.ht + rest.ht, totals.ht);
        assert_eq!(asked.tva + rest.tva, totals.tva);
        assert_eq!(asked.ttc + rest.ttc, totals.ttc);
        assert_eq!(deposit_bases(&totals.by_rate, 10_000), Err(DepositError::PercentOutOfRange));
        assert_eq!(deposit_bases(&BTreeMap::new(), 3000), Err(DepositError::NothingToAsk));
    }

    #[test]
    fn a_document_discount_lowers_each_rate_base_and_its_tva() {
        // The issue's example: three lines, two TVA rates, a line discount and 5 % on the total.
        let lines = [line(100, 850_000, 1800), discounted(line(300, 45_000, 1800), 1000), line(1200, 15_000, 0)];
        let (per_line, totals) = document_totals(&lines, 500).expect("ok");
        // HT before the document's discount: 850 000 + 121 500 + 180 000
        assert_eq!(totals.subtotal, 1_151_500);
        // 5 %: 42 500 + 6 075 + 9 000
        assert_eq!(totals.discount, 57_575);
        assert_eq!(totals.ht, 1_093_925);
        // 18 % of (807 500 + 115 425) = 145 350 + 20 776,5 → 20 777
        assert_eq!(totals.tva, 166_127);
        assert_eq!(totals.ttc, 1_260_052);
        assert_eq!(totals.by_rate.get(&1800), Some(&(922_925, 166_127)));
        assert_eq!(totals.by_rate.get(&0), Some(&(171_000, 0)));
        assert_eq!(per_line[1], LineTotals { ht: 121_500, tva: 20_777 });
        assert_eq!(document_totals(&lines, 10_001).err(), Some(BillingError::DiscountOutOfRange));
    }

    #[test]
    fn a_line_is_quantity_times_price_plus_tva_rounded_half_away() {
        assert_eq!(line_totals(line(100, 150_000, 1800)), Ok(LineTotals { ht: 150_000, tva: 27_000 }));
        // 1,5 × 333 = 499,5 → 500; TVA 18 % of 500 = 90
        assert_eq!(line_totals(line(150, 333, 1800)), Ok(LineTotals { ht: 500, tva: 90 }));
        // 0,25 × 2 = 0,5 → 1 (half away from zero); TVA 0,18 → 0
        assert_eq!(line_totals(line(25, 2, 1800)), Ok(LineTotals { ht: 1, tva: 0 }));
        // TVA 18 % of 25 = 4,5 → 5
        assert_eq!(line_totals(line(100, 25, 1800)), Ok(LineTotals { ht: 25, tva: 5 }));
        // 0 % is allowed (exempt services)
        assert_eq!(line_totals(line(300, 10_000, 0)), Ok(LineTotals { ht: 30_000, tva: 0 }));
        assert_eq!(line_totals(line(100, 0, 1800)), Ok(LineTotals { ht: 0, tva: 0 }));
    }

    #[test]
    fn a_line_outside_the_limits_is_refused() {
        assert_eq!(line_totals(line(0, 100, 1800)), Err(BillingError::QuantityOutOfRange));
        assert_eq!(line_totals(line(-100, 100, 1800)), Err(BillingError::QuantityOutOfRange));
        assert_eq!(line_totals(line(MAX_QUANTITY_HUNDREDTHS + 1, 1, 0)), Err(BillingError::QuantityOutOfRange));
        assert_eq!(line_totals(line(100, -MAX_AMOUNT - 1, 1800)), Err(BillingError::UnitPriceOutOfRange));
        assert_eq!(line_totals(line(100, 1, -1)), Err(BillingError::TaxRateOutOfRange));
        assert_eq!(line_totals(line(100, 1, 10_001)), Err(BillingError::TaxRateOutOfRange));
        assert_eq!(line_totals(line(MAX_QUANTITY_HUNDREDTHS, MAX_AMOUNT, 0)), Err(BillingError::TotalTooLarge));
    }

    #[test]
    fn document_totals_sum_the_lines_and_group_tva_by_rate() {
        let (lines, totals) =
            document_totals(&[line(100, 150_000, 1800), line(200, 25_000, 1800), line(100, 10_000, 0)], 0).expect("ok");
        assert_eq!(lines.len(), 3);
        assert_eq!(totals.ht, 210_000);
        assert_eq!(totals.tva, 36_000);
        assert_eq!(totals.ttc, 246_000);
        assert_eq!(totals.by_rate.get(&1800), Some(&(200_000, 36_000)));
        assert_eq!(totals.by_rate.get(&0), Some(&(10_000, 0)));
        assert_eq!(document_totals(&[], 0).map(|(_, t)| t.ttc), Ok(0));
        let too_many = vec![line(100, 1, 0); MAX_ITEMS + 1];
        assert_eq!(document_totals(&too_many, 0).err(), Some(BillingError::TooManyItems));
    }

    proptest! {
        #[test]
        fn totals_always_add_up(items in prop::collection::vec(
            (1i64..=MAX_QUANTITY_HUNDREDTHS, 0i64..=10_000_000, prop::sample::select(vec![0, 500, 900, 1800, 2000])),
            0..60,
        ), document_discount in prop::sample::select(vec![0, 250, 1000, 3333])) {
            let lines: Vec<LineInput> = items.iter().map(|&(q, p, r)| line(q, p, r)).collect();
            let (per_line, totals) = document_totals(&lines, 0).expect("within limits");
            prop_assert_eq!(totals.ttc, totals.ht + totals.tva);
            prop_assert_eq!(totals.ht, per_line.iter().map(|l| l.ht).sum::<i64>());
            let (_, discounted) = document_totals(&lines, document_discount).expect("within limits");
            prop_assert_eq!(discounted.subtotal - discounted.discount, discounted.ht);
            prop_assert_eq!(discounted.ttc, discounted.ht + discounted.tva);
            prop_assert_eq!(discounted.by_rate.values().map(|(base, _)| base).sum::<i64>(), discounted.ht);
            prop_assert!(discounted.ht <= totals.ht && discounted.tva <= totals.tva);
            prop_assert_eq!(totals.tva, per_line.iter().map(|l| l.tva).sum::<i64>());
            prop_assert_eq!(totals.by_rate.values().map(|(base, _)| base).sum::<i64>(), totals.ht);
            for (input, priced) in lines.iter().zip(&per_line) {
                // Each rounding is at most half a minor unit away from the exact value.
                let exact_ht = i128::from(input.quantity_hundredths) * i128::from(input.unit_price);
                prop_assert!((i128::from(priced.ht) * 100 - exact_ht).abs() <= 50);
                let exact_tva = i128::from(priced.ht) * i128::from(input.tax_rate_bp);
                prop_assert!((i128::from(priced.tva) * 10_000 - exact_tva).abs() <= 5_000);
                prop_assert!(priced.tva <= priced.ht);
            }
        }

        #[test]
        fn hundredths_round_trip(value in 0i64..=MAX_QUANTITY_HUNDREDTHS) {
            prop_assert_eq!(parse_hundredths(&format_hundredths(value)), Some(value));
        }
    }

    #[test]
    fn decimals_parse_with_a_dot_or_a_comma() {
        assert_eq!(parse_hundredths("1"), Some(100));
        assert_eq!(parse_hundredths("1.5"), Some(150));
        assert_eq!(parse_hundredths("1,50"), Some(150));
        assert_eq!(parse_hundredths(" 18 "), Some(1800));
        assert_eq!(parse_hundredths(".5"), Some(50));
        assert_eq!(parse_hundredths("-2"), Some(-200));
        assert_eq!(parse_hundredths("1.505"), None);
        assert_eq!(parse_hundredths("1e3"), None);
        assert_eq!(parse_hundredths(""), None);
        assert_eq!(parse_hundredths("."), None);
        assert_eq!(parse_hundredths("12 000"), None);
        assert_eq!(format_hundredths(150), "1.50");
        assert_eq!(format_hundredths(1800), "18.00");
        assert_eq!(format_hundredths(-5), "-0.05");
    }

    #[test]
    fn numbers_have_a_prefix_a_year_and_four_digits_at_least() {
        assert_eq!(document_number(INVOICE_PREFIX, 2026, 42), "NX-2026-0042");
        assert_eq!(document_number(QUOTE_PREFIX, 2027, 1), "DV-2027-0001");
        assert_eq!(document_number(INVOICE_PREFIX, 2026, 12_345), "NX-2026-12345");
        assert!(is_currency_code("XOF"));
        assert!(!is_currency_code("xof"));
        assert!(!is_currency_code("FCFA"));
    }

    #[test]
    fn quote_transitions() {
        use QuoteStatus::*;
        let allowed = [(Draft, Sent), (Sent, Accepted), (Sent, Declined), (Sent, Expired)];
        for from in QuoteStatus::ALL {
            for to in QuoteStatus::ALL {
                assert_eq!(from.can_transition_to(*to), allowed.contains(&(*from, *to)), "{from} → {to}");
            }
        }
        let error = Accepted.transition_to(Declined).expect_err("refused");
        assert_eq!(
            error.message().fr,
            "Transition impossible de « accepté » vers « refusé » : ce statut est définitif."
        );
    }

    #[test]
    fn invoice_transitions() {
        use InvoiceStatus::*;
        let allowed = [
            (Draft, Sent),
            (Draft, Cancelled),
            (Sent, PartiallyPaid),
            (Sent, Paid),
            (Sent, Cancelled),
            (Sent, Credited),
            (PartiallyPaid, Paid),
            (PartiallyPaid, Sent),
            (PartiallyPaid, Credited),
            (Paid, PartiallyPaid),
            (Paid, Sent),
            (Paid, Credited),
        ];
        for from in InvoiceStatus::ALL {
            for to in InvoiceStatus::ALL {
                assert_eq!(from.can_transition_to(*to), allowed.contains(&(*from, *to)), "{from} → {to}");
            }
        }
        let error = Credited.transition_to(Cancelled).expect_err("refused");
        assert_eq!(
            error.message().fr,
            "Transition impossible de « annulée par avoir » vers « annulée » : ce statut est définitif."
        );
        for status in InvoiceStatus::ALL {
            assert_eq!(InvoiceStatus::parse(status.as_str()), Some(*status));
        }
        for status in QuoteStatus::ALL {
            assert_eq!(QuoteStatus::parse(status.as_str()), Some(*status));
        }
    }

    #[test]
    fn overdue_and_expired_are_derived_from_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let yesterday = today.pred_opt().expect("date");
        assert!(InvoiceStatus::Sent.is_overdue(Some(yesterday), today));
        assert!(InvoiceStatus::PartiallyPaid.is_overdue(Some(yesterday), today));
        assert!(!InvoiceStatus::Sent.is_overdue(Some(today), today));
        assert!(!InvoiceStatus::Paid.is_overdue(Some(yesterday), today));
        assert!(!InvoiceStatus::Draft.is_overdue(Some(yesterday), today));
        assert!(!InvoiceStatus::Sent.is_overdue(None, today));
        assert_eq!(QuoteStatus::Sent.effective(Some(yesterday), today), QuoteStatus::Expired);
        assert_eq!(QuoteStatus::Sent.effective(Some(today), today), QuoteStatus::Sent);
        assert_eq!(QuoteStatus::Accepted.effective(Some(yesterday), today), QuoteStatus::Accepted);
    }

    #[test]
    fn cancelling_is_for_invoices_that_received_nothing() {
        use Cancellation::*;
        assert_eq!(InvoiceStatus::Draft.cancellation(0), Allowed);
        assert_eq!(InvoiceStatus::Sent.cancellation(0), Allowed);
        assert_eq!(InvoiceStatus::Sent.cancellation(1), PaymentReceived);
        assert_eq!(InvoiceStatus::PartiallyPaid.cancellation(5_000), PaymentReceived);
        assert_eq!(InvoiceStatus::Paid.cancellation(118_000), PaymentReceived);
        assert_eq!(InvoiceStatus::Paid.cancellation(0), Closed);
        assert_eq!(InvoiceStatus::Cancelled.cancellation(0), Closed);
    }

    #[test]
    fn only_an_accepted_quote_without_a_live_invoice_is_invoiced() {
        assert_eq!(QuoteStatus::Accepted.invoicing(None::<u8>), Invoicing::Allowed);
        assert_eq!(QuoteStatus::Accepted.invoicing(Some(7)), Invoicing::AlreadyInvoiced(7));
        for status in [QuoteStatus::Draft, QuoteStatus::Sent, QuoteStatus::Declined, QuoteStatus::Expired] {
            assert_eq!(status.invoicing(None::<u8>), Invoicing::NotAccepted, "{status}");
            assert_eq!(status.invoicing(Some(7)), Invoicing::NotAccepted, "{status}");
        }
    }

    #[test]
    fn only_drafts_are_edited() {
        for status in QuoteStatus::ALL {
            let expected = if *status == QuoteStatus::Draft { DraftEdit::AnyField } else { DraftEdit::Frozen };
            assert_eq!(draft_edit(*status), expected, "{status}");
        }
        for status in InvoiceStatus::ALL {
            let expected = if *status == InvoiceStatus::Draft { DraftEdit::AnyField } else { DraftEdit::Frozen };
            assert_eq!(draft_edit(*status), expected, "{status}");
        }
    }

    #[test]
    fn a_draft_with_something_to_pay_is_sent_dated_today_and_thirty_days_later() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let in_thirty_days = NaiveDate::from_ymd_opt(2026, 12, 24).expect("date");
        let given = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        assert_eq!(
            sending(InvoiceStatus::Draft, None, None, 100, today, DEFAULT_TERM_DAYS),
            Sending::Send { issue_date: today, term_end: in_thirty_days }
        );
        assert_eq!(
            sending(QuoteStatus::Draft, Some(given), None, 100, today, DEFAULT_TERM_DAYS),
            Sending::Send { issue_date: given, term_end: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date") }
        );
        assert_eq!(
            sending(QuoteStatus::Draft, None, Some(given), 100, today, DEFAULT_TERM_DAYS),
            Sending::Send { issue_date: today, term_end: given }
        );
        assert_eq!(sending(InvoiceStatus::Draft, None, None, 0, today, DEFAULT_TERM_DAYS), Sending::NothingToPay);
        // The status is checked first: a sent document is refused as such, whatever its total.
        match sending(InvoiceStatus::Sent, None, None, 0, today, DEFAULT_TERM_DAYS) {
            Sending::Refused(error) => assert_eq!((error.from, error.to), ("sent", "sent")),
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(matches!(
            sending(QuoteStatus::Accepted, None, None, 100, today, DEFAULT_TERM_DAYS),
            Sending::Refused(_)
        ));
    }

    #[test]
    fn invoice_list_filters_are_the_statuses_then_two_views() {
        let names: Vec<&str> = InvoiceStatusFilter::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(names, ["draft", "sent", "partially_paid", "paid", "cancelled", "credited", "overdue", "unpaid"]);
        for filter in InvoiceStatusFilter::ALL {
            assert_eq!(InvoiceStatusFilter::parse(filter.as_str()), Some(*filter));
        }
        assert_eq!(InvoiceStatusFilter::parse("expired"), None);
        assert_eq!(DocumentKind::Quote.prefix(), QUOTE_PREFIX);
        assert_eq!(DocumentKind::Invoice.as_str(), "invoice");
    }

    #[test]
    fn payments_move_an_invoice_to_partially_paid_then_paid() {
        use InvoiceStatus::*;
        assert_eq!(status_after_payment(Sent, 100_000, 0, 40_000), Ok((40_000, PartiallyPaid)));
        assert_eq!(status_after_payment(PartiallyPaid, 100_000, 40_000, 60_000), Ok((100_000, Paid)));
        assert_eq!(status_after_payment(PartiallyPaid, 100_000, 40_000, 60_001), Err(PaymentError::AboveBalance));
        assert_eq!(status_after_payment(Sent, 100_000, 0, 0), Err(PaymentError::NotPositive));
        assert_eq!(status_after_payment(Draft, 100_000, 0, 10), Err(PaymentError::NotPayable));
        assert_eq!(status_after_payment(Paid, 100_000, 100_000, 1), Err(PaymentError::NotPayable));
        assert_eq!(status_after_payment(Cancelled, 100_000, 0, 1), Err(PaymentError::NotPayable));
    }
}

crate::stored_as_text!(QuoteStatus, InvoiceStatus);
