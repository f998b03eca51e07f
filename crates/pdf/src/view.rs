//! The data the templates receive: every label chosen and every amount, date and quantity
//! formatted here, so the templates only lay out strings (and the formatting is unit-tested).

mod receipt;
mod statement;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use nourx_domain::Lang;
use nourx_domain::money::{amount_in_words, format_amount, format_integer};
use serde::Serialize;

pub(crate) use self::receipt::ReceiptView;
pub(crate) use self::statement::StatementView;
use crate::model::{BillingDocument, ClientBlock, DocumentKind, Letterhead};

/// A document's `/data.json`: what `common.typ`'s frame reads plus the document's own data. The
/// export also needs its title.
pub(crate) trait DocumentView: Serialize {
    /// The PDF's metadata title and stable identifier: "Facture NX-2026-0042".
    fn pdf_title(&self) -> &str;
}

/// The template's `/data.json` (the logo is the file `/logo` beside it).
#[derive(Debug, Serialize)]
pub(crate) struct View {
    kind: &'static str,
    has_logo: bool,
    lang: &'static str,
    labels: Labels,
    /// "FACTURE", "DEVIS".
    heading: &'static str,
    /// PDF metadata title and running header of pages 2+: "Facture NX-2026-0042".
    pdf_title: String,
    running_title: String,
    draft: bool,
    status_label: Option<String>,
    /// Label/value pairs under the heading: number, dates, project.
    meta_rows: Vec<(String, String)>,
    subject: Option<String>,
    letterhead: LetterheadView,
    client: ClientView,
    items: Vec<ItemView>,
    vat_breakdown: Vec<VatRow>,
    totals: Vec<TotalRow>,
    in_words: InWords,
    notes: Option<String>,
    payment_instructions: Vec<String>,
    /// The footer's legal line: name, address, tax ids.
    legal_line: String,
}

#[derive(Debug, Serialize)]
struct Labels {
    client: &'static str,
    subject: &'static str,
    item: &'static str,
    quantity: &'static str,
    unit_price: &'static str,
    tax_rate: &'static str,
    line_total: &'static str,
    vat_breakdown: &'static str,
    vat_rate: &'static str,
    vat_base: &'static str,
    vat_amount: &'static str,
    payment: &'static str,
    notes: &'static str,
    page: &'static str,
    draft_mark: &'static str,
    acceptance: &'static str,
    acceptance_hint: &'static str,
}

#[derive(Debug, Serialize)]
struct LetterheadView {
    name: String,
    address_lines: Vec<String>,
    tax_ids: Vec<String>,
    email: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    /// The legal mentions under the footer's legal line.
    legal_footer: Option<String>,
    /// `#rrggbb`, always a colour (`common.typ`'s `brand`).
    color: String,
}

#[derive(Debug, Serialize)]
struct ClientView {
    name: String,
    /// Legal name, address, tax id and email, one per line.
    lines: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ItemView {
    label: String,
    description: Option<String>,
    quantity: String,
    unit_price: String,
    tax_rate: String,
    total_ht: String,
}

#[derive(Debug, Serialize)]
struct VatRow {
    rate: String,
    base: String,
    tax: String,
}

#[derive(Debug, Serialize)]
struct TotalRow {
    label: String,
    value: String,
    /// "none", "strong" (balance due) or "total" (the TTC band).
    emphasis: &'static str,
}

#[derive(Debug, Serialize)]
struct InWords {
    intro: &'static str,
    words: String,
}

impl View {
    pub(crate) fn new(doc: &BillingDocument, has_logo: bool) -> View {
        let lang = doc.lang;
        let fr = lang == Lang::Fr;
        let invoice = doc.kind == DocumentKind::Invoice;
        let money = |minor: i64| format_amount(minor, &doc.currency, lang);
        let pick = |french: &'static str, english: &'static str| if fr { french } else { english };

        let (heading, kind_name) = match doc.kind {
            DocumentKind::Invoice => (pick("FACTURE", "INVOICE"), pick("Facture", "Invoice")),
            DocumentKind::Quote => (pick("DEVIS", "QUOTE"), pick("Devis", "Quote")),
            DocumentKind::CreditNote => (pick("AVOIR", "CREDIT NOTE"), pick("Avoir", "Credit note")),
        };
        let number = non_empty(&doc.number);
        let draft = number.is_none();
        let number_text = number.clone().unwrap_or_else(|| pick("Brouillon", "Draft").to_owned());
        let title = format!("{kind_name} {number_text}");

        let mut meta_rows = vec![
            (pick("N°", "No.").to_owned(), number_text),
            (pick("Date", "Date").to_owned(), format_date(doc.issue_date)),
        ];
        if let (true, Some(due)) = (invoice, doc.due_date) {
            meta_rows.push((pick("Échéance", "Due date").to_owned(), format_date(due)));
        }
        if let (false, Some(until)) = (invoice, doc.valid_until) {
            meta_rows.push((pick("Valable jusqu'au", "Valid until").to_owned(), format_date(until)));
        }
        if let Some(project) = non_empty(&doc.project_name) {
            meta_rows.push((pick("Projet", "Project").to_owned(), project));
        }
        meta_rows.extend(doc.extra_meta.iter().cloned());

        let items = doc
            .items
            .iter()
            .map(|item| ItemView {
                label: item.label.clone(),
                description: line_description(item, lang),
                quantity: format_quantity(item.quantity_hundredths, lang),
                unit_price: money(item.unit_price),
                tax_rate: format_rate(item.tax_rate_bp, lang),
                total_ht: money(item.total_ht),
            })
            .collect();

        // Bases and VAT per rate, highest rate first.
        let mut by_rate: BTreeMap<std::cmp::Reverse<i32>, (i64, i64)> = BTreeMap::new();
        if doc.vat_breakdown.is_empty() {
            for item in &doc.items {
                let entry = by_rate.entry(std::cmp::Reverse(item.tax_rate_bp)).or_default();
                entry.0 += item.total_ht;
                entry.1 += item.total_tva;
            }
        } else {
            for (rate, base, tax) in &doc.vat_breakdown {
                by_rate.insert(std::cmp::Reverse(*rate), (*base, *tax));
            }
        }
        let vat_breakdown: Vec<VatRow> = by_rate
            .iter()
            .map(|(rate, (base, tax))| VatRow { rate: format_rate(rate.0, lang), base: money(*base), tax: money(*tax) })
            .collect();

        let vat = pick("TVA", "VAT");
        let mut totals = Vec::new();
        if doc.totals.discount_bp != 0 {
            totals.push(TotalRow {
                label: pick("Sous-total HT", "Subtotal excl. VAT").to_owned(),
                value: money(doc.totals.subtotal_ht),
                emphasis: "none",
            });
            totals.push(TotalRow {
                label: format!("{} {}", pick("Remise", "Discount"), format_rate(doc.totals.discount_bp, lang)),
                value: money(-doc.totals.discount_total),
                emphasis: "none",
            });
        }
        totals.push(TotalRow {
            label: pick("Total HT", "Total excl. VAT").to_owned(),
            value: money(doc.totals.total_ht),
            emphasis: "none",
        });
        match vat_breakdown.as_slice() {
            [only] => totals.push(TotalRow {
                label: format!("{vat} {}", only.rate),
                value: money(doc.totals.total_tva),
                emphasis: "none",
            }),
            _ => totals.push(TotalRow { label: vat.to_owned(), value: money(doc.totals.total_tva), emphasis: "none" }),
        }
        totals.push(TotalRow {
            label: pick("Total TTC", "Total incl. VAT").to_owned(),
            value: money(doc.totals.total_ttc),
            emphasis: "total",
        });
        if doc.totals.credited != 0 {
            totals.push(TotalRow {
                label: pick("Avoirs", "Credit notes").to_owned(),
                value: money(-doc.totals.credited),
                emphasis: "none",
            });
        }
        if doc.totals.refunded != 0 {
            totals.push(TotalRow {
                label: pick("Remboursé au client", "Refunded to the client").to_owned(),
                value: money(doc.totals.refunded),
                emphasis: "strong",
            });
        }
        if doc.totals.amount_paid != 0 || doc.totals.credited != 0 {
            // Taken off like the discount and the credit notes above it.
            totals.push(TotalRow {
                label: pick("Déjà réglé", "Amount paid").to_owned(),
                value: money(-doc.totals.amount_paid),
                emphasis: "none",
            });
            totals.push(TotalRow {
                label: pick("Reste à payer", "Balance due").to_owned(),
                value: money(doc.totals.balance_due),
                emphasis: "strong",
            });
        }

        let intro = match (doc.kind, lang) {
            (DocumentKind::Invoice, Lang::Fr) => "Arrêtée la présente facture à la somme de :",
            (DocumentKind::Quote, Lang::Fr) => "Arrêté le présent devis à la somme de :",
            (DocumentKind::CreditNote, Lang::Fr) => "Arrêté le présent avoir à la somme de :",
            (DocumentKind::Invoice, Lang::En) => "This invoice is set at the sum of:",
            (DocumentKind::Quote, Lang::En) => "This quote is set at the sum of:",
            (DocumentKind::CreditNote, Lang::En) => "This credit note is set at the sum of:",
        };
        let payment_instructions: Vec<String> = non_empty(&doc.payment_terms)
            .into_iter()
            .chain(doc.payment_instructions.iter().filter(|l| !l.trim().is_empty()).cloned())
            .collect();

        View {
            kind: match doc.kind {
                DocumentKind::Invoice => "invoice",
                DocumentKind::Quote => "quote",
                DocumentKind::CreditNote => "credit_note",
            },
            has_logo,
            lang: if fr { "fr" } else { "en" },
            labels: Labels {
                client: pick(
                    "Client",
                    match doc.kind {
                        DocumentKind::Invoice => "Bill to",
                        DocumentKind::Quote => "Prepared for",
                        DocumentKind::CreditNote => "Issued to",
                    },
                ),
                subject: pick("Objet", "Subject"),
                item: pick("Désignation", "Description"),
                quantity: pick("Qté", "Qty"),
                unit_price: pick("Prix unit. HT", "Unit price"),
                tax_rate: pick("TVA", "VAT"),
                line_total: pick("Total HT", "Amount"),
                vat_breakdown: pick("Détail de la TVA", "VAT breakdown"),
                vat_rate: pick("Taux", "Rate"),
                vat_base: pick("Base HT", "Net amount"),
                vat_amount: pick("TVA", "VAT"),
                payment: pick("Modalités de paiement", "Payment details"),
                notes: pick("Notes", "Notes"),
                page: "Page",
                draft_mark: pick("BROUILLON", "DRAFT"),
                acceptance: pick("Bon pour accord", "Accepted by the client"),
                acceptance_hint: pick("Date, signature et cachet du client", "Date, signature and company stamp"),
            },
            heading,
            pdf_title: title.clone(),
            running_title: title,
            draft,
            status_label: non_empty(&doc.status_label),
            meta_rows,
            subject: non_empty(&doc.title),
            letterhead: LetterheadView::new(&doc.letterhead),
            client: ClientView::new(&doc.client, lang),
            items,
            vat_breakdown,
            totals,
            in_words: InWords { intro, words: amount_in_words(doc.totals.total_ttc, &doc.currency, lang) },
            notes: non_empty(&doc.notes),
            payment_instructions,
            legal_line: legal_line(&doc.letterhead),
        }
    }
}

impl DocumentView for View {
    fn pdf_title(&self) -> &str {
        &self.pdf_title
    }
}

impl LetterheadView {
    fn new(letterhead: &Letterhead) -> LetterheadView {
        LetterheadView {
            name: letterhead.name.clone(),
            address_lines: letterhead.address_lines.clone(),
            tax_ids: letterhead.tax_ids.clone(),
            email: non_empty(&letterhead.email),
            phone: non_empty(&letterhead.phone),
            website: non_empty(&letterhead.website),
            legal_footer: non_empty(&letterhead.legal_footer),
            color: letterhead
                .color
                .as_deref()
                .filter(|color| nourx_domain::branding::parse_hex_color(color).is_some())
                .unwrap_or(nourx_domain::branding::DEFAULT_BRAND_COLOR)
                .trim()
                .to_ascii_lowercase(),
        }
    }
}

impl ClientView {
    fn new(client: &ClientBlock, lang: Lang) -> ClientView {
        let mut lines = Vec::new();
        lines.extend(non_empty(&client.legal_name).filter(|legal| *legal != client.name));
        lines.extend(client.address_lines.iter().filter(|line| !line.trim().is_empty()).cloned());
        if let Some(tax_id) = non_empty(&client.tax_id) {
            let label = match lang {
                Lang::Fr => "N° contribuable :",
                Lang::En => "Tax ID:",
            };
            lines.push(format!("{label} {tax_id}"));
        }
        lines.extend(non_empty(&client.email));
        ClientView { name: client.name.clone(), lines }
    }
}

/// The footer's legal line: legal name, address, tax ids.
fn legal_line(letterhead: &Letterhead) -> String {
    let mut legal = vec![non_empty(&letterhead.legal_name).unwrap_or_else(|| letterhead.name.clone())];
    let address = letterhead.address_lines.iter().filter(|l| !l.trim().is_empty()).cloned().collect::<Vec<_>>();
    if !address.is_empty() {
        legal.push(address.join(", "));
    }
    legal.extend(letterhead.tax_ids.iter().filter(|t| !t.trim().is_empty()).cloned());
    legal.join(" · ")
}

/// The line's description, and its discount on a line of its own: "Remise 10 %".
fn line_description(item: &crate::model::LineItem, lang: Lang) -> Option<String> {
    let discount = (item.discount_bp != 0).then(|| {
        let word = if lang == Lang::Fr { "Remise" } else { "Discount" };
        format!("{word} {}", format_rate(item.discount_bp, lang))
    });
    let lines: Vec<String> = non_empty(&item.description).into_iter().chain(discount).collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// `23/11/2026` in both languages.
pub(crate) fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// `24/11/2026 à 14:05` / `24/11/2026 at 14:05`, in UTC: Abidjan's time all year (GMT, no daylight
/// saving), and that of most of the agency's clients (Dakar, Bamako, Ouagadougou, Lomé).
pub(crate) fn format_date_time(at: DateTime<Utc>, lang: Lang) -> String {
    let word = match lang {
        Lang::Fr => "à",
        Lang::En => "at",
    };
    format!("{} {word} {}", at.format("%d/%m/%Y"), at.format("%H:%M"))
}

/// Hundredths as a quantity: `1,50` / `1.50`; whole numbers without decimals (`3`, `1 000`).
pub(crate) fn format_quantity(hundredths: i64, lang: Lang) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let magnitude = hundredths.unsigned_abs();
    let whole = format_integer(magnitude / 100, lang);
    match magnitude % 100 {
        0 => format!("{sign}{whole}"),
        fraction => format!("{sign}{whole}{}{fraction:02}", decimal_separator(lang)),
    }
}

/// Basis points as a rate: `18 %` (U+00A0 before the sign, French rule) / `18%`; `18,5 %`.
pub fn format_rate(basis_points: i32, lang: Lang) -> String {
    let sign = if basis_points < 0 { "-" } else { "" };
    let magnitude = basis_points.unsigned_abs();
    let mut number = format!("{sign}{}", magnitude / 100);
    let fraction = magnitude % 100;
    if fraction != 0 {
        let digits = format!("{fraction:02}");
        number.push(decimal_separator(lang));
        number.push_str(digits.trim_end_matches('0'));
    }
    match lang {
        Lang::Fr => format!("{number}\u{A0}%"),
        Lang::En => format!("{number}%"),
    }
}

fn decimal_separator(lang: Lang) -> char {
    match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_drop_whole_decimals() {
        assert_eq!(format_quantity(150, Lang::Fr), "1,50");
        assert_eq!(format_quantity(150, Lang::En), "1.50");
        assert_eq!(format_quantity(100, Lang::Fr), "1");
        assert_eq!(format_quantity(110, Lang::Fr), "1,10");
        assert_eq!(format_quantity(5, Lang::En), "0.05");
        assert_eq!(format_quantity(100_000, Lang::Fr), "1\u{202F}000");
        assert_eq!(format_quantity(-250, Lang::Fr), "-2,50");
    }

    #[test]
    fn rates_follow_the_language() {
        assert_eq!(format_rate(1800, Lang::Fr), "18\u{A0}%");
        assert_eq!(format_rate(1800, Lang::En), "18%");
        assert_eq!(format_rate(1850, Lang::Fr), "18,5\u{A0}%");
        assert_eq!(format_rate(925, Lang::En), "9.25%");
        assert_eq!(format_rate(0, Lang::Fr), "0\u{A0}%");
    }

    #[test]
    fn dates_are_day_first() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
        assert_eq!(format_date(date), "23/11/2026");
    }

    #[test]
    fn times_are_day_first_in_utc_with_the_language_s_word() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 24).and_then(|d| d.and_hms_opt(14, 5, 59)).expect("valid").and_utc();
        assert_eq!(format_date_time(at, Lang::Fr), "24/11/2026 à 14:05");
        assert_eq!(format_date_time(at, Lang::En), "24/11/2026 at 14:05");
        let midnight =
            NaiveDate::from_ymd_opt(2027, 1, 2).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("valid").and_utc();
        assert_eq!(format_date_time(midnight, Lang::Fr), "02/01/2027 à 00:00");
    }
}
