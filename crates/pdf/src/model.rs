//! What a billing document or a payment receipt shows, as the caller computed it. The PDF only
//! lays it out: totals, numbers and statuses come from the domain, already decided.

use chrono::{DateTime, NaiveDate, Utc};
use nourx_domain::Lang;

/// Which document this is: it picks the title, the date labels and the closing sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Invoice,
    Quote,
    /// An avoir: it lowers what an invoice asks.
    CreditNote,
}

/// The agency as it presents itself at the top of every document (the branding settings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letterhead {
    pub name: String,
    pub address_lines: Vec<String>,
    /// Each with its label, as printed: `"RCCM : CI-ABJ-2021-B-12345"`, `"NCC : 2101234A"`.
    pub tax_ids: Vec<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// The logo, PNG (JPEG, GIF, WebP and SVG also work). A logo that cannot be decoded is left out
    /// rather than failing the document.
    pub logo_png: Option<Vec<u8>>,
    /// The registered name the footer's legal line starts with (`"NOURX SARL"`); `name` when none.
    pub legal_name: Option<String>,
    /// The legal mentions printed at the foot of every page, under the legal line (share capital,
    /// registration…); none when blank.
    pub legal_footer: Option<String>,
    /// The brand colour of headings, table headers and totals, `#rrggbb`; NOURX's blue when none
    /// (or not a colour).
    pub color: Option<String>,
}

/// The client the document is addressed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientBlock {
    pub name: String,
    /// The registered name when it differs from `name` (`"Akwaba Digital SARL"` for "Akwaba").
    pub legal_name: Option<String>,
    pub address_lines: Vec<String>,
    /// The bare identifier; the label ("N° contribuable" / "Tax ID") is added.
    pub tax_id: Option<String>,
    pub email: Option<String>,
}

/// One line of the items table. Amounts are in the currency's minor unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineItem {
    pub label: String,
    pub description: Option<String>,
    /// Hundredths: 150 is 1,50.
    pub quantity_hundredths: i64,
    pub unit_price: i64,
    /// Basis points: 1800 is 18 %.
    pub tax_rate_bp: i32,
    /// The line's own discount (basis points), printed under its label.
    pub discount_bp: i32,
    pub total_ht: i64,
    pub total_tva: i64,
}

/// The document's totals, in the currency's minor unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    /// Shown, with `balance_due`, only when non-zero (invoices with payments).
    pub amount_paid: i64,
    pub balance_due: i64,
    /// The lines' HT before the document's discount; with `discount_total`, shown only when the
    /// document has a discount (`discount_bp`).
    pub subtotal_ht: i64,
    pub discount_bp: i32,
    pub discount_total: i64,
    /// What credit notes took off the invoice; shown when non-zero.
    pub credited: i64,
    /// Credit notes: what went back to the client; shown when non-zero.
    pub refunded: i64,
}

/// A quote or an invoice, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingDocument {
    pub kind: DocumentKind,
    pub lang: Lang,
    /// `None` for a draft: the pages carry a large "BROUILLON" / "DRAFT" mark.
    pub number: Option<String>,
    /// The subject ("Objet"), e.g. "Refonte du site web".
    pub title: Option<String>,
    pub issue_date: NaiveDate,
    /// Invoices: "Échéance" / "Due date".
    pub due_date: Option<NaiveDate>,
    /// Quotes: "Valable jusqu'au" / "Valid until".
    pub valid_until: Option<NaiveDate>,
    /// A stamp across the first page, e.g. "PAYÉE", "ANNULÉE"; `None` for none.
    pub status_label: Option<String>,
    /// ISO 4217 code: "XOF", "EUR"…
    pub currency: String,
    pub letterhead: Letterhead,
    pub client: ClientBlock,
    pub project_name: Option<String>,
    pub items: Vec<LineItem>,
    pub totals: Totals,
    pub notes: Option<String>,
    /// Printed one per line: bank details, Mobile Money numbers…
    pub payment_instructions: Vec<String>,
    /// The document's payment terms, printed before the instructions.
    pub payment_terms: Option<String>,
    /// Per rate (basis points): the base after every discount and the TVA. Empty: summed from the
    /// lines (documents without a document discount).
    pub vat_breakdown: Vec<(i32, i64, i64)>,
    /// More label/value pairs under the heading: a credit note's invoice ("Facture d'origine").
    pub extra_meta: Vec<(String, String)>,
}

/// A client's statement of account for a period (see `nourx_domain::statement`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementDocument {
    pub lang: Lang,
    pub letterhead: Letterhead,
    pub client: ClientBlock,
    pub currency: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day it was made.
    pub issued_on: NaiveDate,
    pub opening: i64,
    pub lines: Vec<StatementLine>,
    pub closing: i64,
}

/// One movement with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    pub date: NaiveDate,
    pub kind: nourx_domain::statement::EntryKind,
    pub reference: String,
    pub debit: i64,
    pub credit: i64,
    pub balance: i64,
}

/// The receipt of one settled online payment of an invoice (one page). Amounts are in the
/// currency's minor unit, as the payment and the invoice store them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDocument {
    pub lang: Lang,
    /// The same letterhead as the invoices.
    pub letterhead: Letterhead,
    /// The client who paid ("Reçu de" / "Received from").
    pub client: ClientBlock,
    /// "REC-2026-0001".
    pub receipt_number: String,
    /// When the payment was settled. Printed in UTC, which is Abidjan's time all year (no daylight
    /// saving): "24/11/2026 à 14:05" / "24/11/2026 at 14:05".
    pub paid_at: DateTime<Utc>,
    pub invoice_number: String,
    /// The invoice's subject; left out when blank.
    pub invoice_title: String,
    /// ISO 4217 code: "XOF", "EUR"…
    pub currency: String,
    /// This payment.
    pub amount: i64,
    /// The invoice's total including VAT.
    pub invoice_total: i64,
    /// What credit notes had taken off the invoice before this payment: a row « Avoirs » when not
    /// 0, so that total − credit notes − paid before − this payment = the balance left.
    pub credited: i64,
    /// Received on the invoice before this payment.
    pub paid_before: i64,
    /// Left to pay after this payment; 0 prints "Facture intégralement réglée" / "Invoice paid in full".
    pub balance_after: i64,
    /// As people know it: "Orange Money", "MTN MoMo", "Moov Money", "Wave", "Carte bancaire".
    pub method: String,
    /// The operator's own reference ("MP221124.1405.A76307"); the row is left out when `None` or blank.
    pub operator_reference: Option<String>,
    /// Our CinetPay transaction id.
    pub transaction_id: String,
    /// A payment NOURX staff recorded by hand (a bank transfer, cash, a cheque…): the day the money
    /// arrived. Such a receipt prints that day rather than the time it was recorded, calls the
    /// reference the bank's or the payer's (« Référence »), and speaks neither of CinetPay nor of a
    /// transaction id. `None`: a payment through CinetPay.
    pub received_on: Option<NaiveDate>,
}
