//! Sample documents (invoice, quote, payment receipt): the fixtures of the tests and the benchmark, and a preview for whoever
//! edits the templates (`cargo run -p nourx-pdf --example render`).

use chrono::{NaiveDate, NaiveTime};
use nourx_domain::Lang;

use crate::model::{BillingDocument, ClientBlock, DocumentKind, Letterhead, LineItem, ReceiptDocument, Totals};

/// The agency's letterhead as the demo data has it.
pub fn letterhead() -> Letterhead {
    Letterhead {
        name: "NOURX".to_owned(),
        address_lines: vec!["Cocody Riviera 3, rue des Jardins".to_owned(), "Abidjan, Côte d'Ivoire".to_owned()],
        tax_ids: vec!["RCCM : CI-ABJ-2021-B-12345".to_owned(), "NCC : 2101234A".to_owned()],
        email: Some("facturation@nourx.ci".to_owned()),
        phone: Some("+225 27 22 00 00 00".to_owned()),
        website: Some("www.nourx.ci".to_owned()),
        logo_png: None,
        legal_name: Some("NOURX SARL".to_owned()),
        legal_footer: Some("SARL au capital de 1 000 000 FCFA · Siège social : Abidjan, Côte d'Ivoire".to_owned()),
        color: None,
    }
}

/// (label, description, quantity in hundredths, unit price in FCFA)
const LINES: [(&str, Option<&str>, i64, i64); 10] = [
    ("Atelier de cadrage", Some("Deux demi-journées avec l'équipe marketing"), 100, 350_000),
    ("Identité visuelle", Some("Logo, palette, typographies, charte graphique"), 100, 450_000),
    ("Maquettes UX/UI", Some("12 écrans, versions mobile et ordinateur"), 1_200, 45_000),
    ("Intégration front-end", None, 1_500, 60_000),
    ("Développement back-end", Some("API, espace client, paiement Mobile Money"), 2_000, 65_000),
    ("Rédaction de contenus", Some("Textes des pages principales, en français et en anglais"), 850, 25_000),
    ("Référencement naturel", None, 100, 180_000),
    ("Recette et corrections", None, 350, 55_000),
    ("Formation des administrateurs", Some("Une journée sur site, à Abidjan"), 150, 120_000),
    ("Hébergement et maintenance", Some("12 mois, sauvegardes quotidiennes"), 1_200, 25_000),
];

/// Invoice NX-2026-0042 for Akwaba Digital SARL, Abidjan, in FCFA at 18 % VAT, with `lines`
/// lines (the ten sample lines repeated as needed).
pub fn invoice(lines: usize) -> BillingDocument {
    let items: Vec<LineItem> = (0..lines)
        .map(|index| {
            let (label, description, quantity_hundredths, unit_price) = LINES[index % LINES.len()];
            let label = match index / LINES.len() {
                0 => label.to_owned(),
                lot => format!("{label} (lot {})", lot + 1),
            };
            line(&label, description, quantity_hundredths, unit_price, 1_800)
        })
        .collect();
    BillingDocument {
        kind: DocumentKind::Invoice,
        lang: Lang::Fr,
        number: Some("NX-2026-0042".to_owned()),
        title: Some("Refonte du site web et de l'espace client".to_owned()),
        issue_date: date(2026, 11, 23),
        due_date: Some(date(2026, 12, 23)),
        valid_until: None,
        status_label: None,
        currency: "XOF".to_owned(),
        letterhead: letterhead(),
        client: ClientBlock {
            name: "Akwaba Digital SARL".to_owned(),
            legal_name: None,
            address_lines: vec!["Immeuble Alpha 2000, Plateau".to_owned(), "Abidjan, Côte d'Ivoire".to_owned()],
            tax_id: Some("1804567B".to_owned()),
            email: Some("compta@akwaba-digital.ci".to_owned()),
        },
        project_name: Some("Site akwaba-digital.ci".to_owned()),
        totals: totals_of(&items, 0),
        items,
        notes: Some("Merci pour votre confiance.".to_owned()),
        payment_instructions: vec![
            "Virement : SGCI Abidjan, IBAN CI93 CI00 8010 0000 0123 4567 8901".to_owned(),
            "Orange Money : +225 07 00 00 00 00 (NOURX)".to_owned(),
            "Référence à rappeler : NX-2026-0042".to_owned(),
        ],
        payment_terms: Some("Paiement à 30 jours.".to_owned()),
        vat_breakdown: Vec::new(),
        extra_meta: Vec::new(),
    }
}

/// A quote for the same client, valid 30 days.
pub fn quote(lines: usize) -> BillingDocument {
    BillingDocument {
        kind: DocumentKind::Quote,
        number: Some("DV-2026-0017".to_owned()),
        due_date: None,
        valid_until: Some(date(2026, 12, 23)),
        payment_instructions: vec!["Acompte de 40 % à la commande, solde à la livraison.".to_owned()],
        payment_terms: None,
        vat_breakdown: Vec::new(),
        extra_meta: Vec::new(),
        ..invoice(lines)
    }
}

/// Receipt REC-2026-0001: 150 000 FCFA by Orange Money on 24/11/2026 at 14:05 (UTC) towards
/// [`invoice(10)`](invoice) (5 433 900 FCFA), of which 2 000 000 FCFA had been paid before, leaving
/// 3 283 900 FCFA.
pub fn receipt() -> ReceiptDocument {
    let invoice = invoice(10);
    let (amount, paid_before) = (150_000, 2_000_000);
    let invoice_total = invoice.totals.total_ttc;
    ReceiptDocument {
        lang: Lang::Fr,
        letterhead: invoice.letterhead,
        client: invoice.client,
        receipt_number: "REC-2026-0001".to_owned(),
        paid_at: date(2026, 11, 24).and_time(NaiveTime::from_hms_opt(14, 5, 12).unwrap_or_default()).and_utc(),
        invoice_number: invoice.number.unwrap_or_default(),
        invoice_title: invoice.title.unwrap_or_default(),
        currency: invoice.currency,
        amount,
        invoice_total,
        credited: 0,
        paid_before,
        balance_after: invoice_total - paid_before - amount,
        method: "Orange Money".to_owned(),
        operator_reference: Some("MP221124.1405.A76307".to_owned()),
        transaction_id: "NXP-20261124-7F3A9C2E".to_owned(),
        received_on: None,
    }
}

/// Receipt REC-2026-0002: a bank transfer of 500 000 FCFA received on 01/12/2026 and recorded by
/// NOURX staff on 02/12/2026 at 09:30, towards [`invoice(10)`](invoice) after a credit note of
/// 100 000 FCFA and the 2 000 000 FCFA paid before.
pub fn offline_receipt() -> ReceiptDocument {
    let mut receipt = receipt();
    receipt.receipt_number = "REC-2026-0002".to_owned();
    receipt.paid_at = date(2026, 12, 2).and_time(NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default()).and_utc();
    receipt.amount = 500_000;
    receipt.credited = 100_000;
    receipt.balance_after = receipt.invoice_total - receipt.credited - receipt.paid_before - receipt.amount;
    receipt.method = "Virement bancaire".to_owned();
    receipt.operator_reference = Some("VIR-SGBCI-2026-118".to_owned());
    receipt.transaction_id = "HORS-01a251c81e04722e87d817fd8e052376".to_owned();
    receipt.received_on = Some(date(2026, 12, 1));
    receipt
}

/// A line with its HT and VAT totals computed the usual way (VAT rounded to the minor unit).
pub fn line(
    label: &str,
    description: Option<&str>,
    quantity_hundredths: i64,
    unit_price: i64,
    tax_rate_bp: i32,
) -> LineItem {
    let total_ht = quantity_hundredths * unit_price / 100;
    LineItem {
        label: label.to_owned(),
        description: description.map(str::to_owned),
        quantity_hundredths,
        unit_price,
        tax_rate_bp,
        discount_bp: 0,
        total_ht,
        total_tva: (total_ht * i64::from(tax_rate_bp) + 5_000) / 10_000,
    }
}

/// The totals of `items`, with `amount_paid` already received.
pub fn totals_of(items: &[LineItem], amount_paid: i64) -> Totals {
    let total_ht = items.iter().map(|item| item.total_ht).sum::<i64>();
    let total_tva = items.iter().map(|item| item.total_tva).sum::<i64>();
    let total_ttc = total_ht + total_tva;
    Totals { total_ht, total_tva, total_ttc, amount_paid, balance_due: total_ttc - amount_paid, ..Totals::default() }
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// A statement of the sample client for November 2026: an opening balance, an invoice, a credit
/// note with its refund, and a payment.
pub fn statement() -> crate::StatementDocument {
    use nourx_domain::statement::EntryKind;
    let line =
        |day: u32, kind: EntryKind, reference: &str, debit: i64, credit: i64, balance: i64| crate::StatementLine {
            date: date(2026, 11, day),
            kind,
            reference: reference.to_owned(),
            debit,
            credit,
            balance,
        };
    let invoice = invoice(3);
    crate::StatementDocument {
        lang: Lang::Fr,
        letterhead: invoice.letterhead,
        client: invoice.client,
        currency: "XOF".to_owned(),
        from: date(2026, 11, 1),
        to: date(2026, 11, 30),
        issued_on: date(2026, 12, 7),
        opening: 250_000,
        lines: vec![
            line(3, EntryKind::Invoice, "NX-2026-0042", 1_180_000, 0, 1_430_000),
            line(12, EntryKind::CreditNote, "AV-2026-0001", 0, 118_000, 1_312_000),
            line(12, EntryKind::Refund, "AV-2026-0001", 18_000, 0, 1_330_000),
            line(20, EntryKind::Payment, "REC-2026-0007", 0, 1_000_000, 330_000),
        ],
        closing: 330_000,
    }
}
