//! The statement of account's `/data.json`: the frame data of every document, the period, the
//! movements with their running balance, every amount and date formatted here.

use nourx_domain::Lang;
use nourx_domain::money::format_amount;
use nourx_domain::statement::EntryKind;
use serde::Serialize;

use super::{ClientView, DocumentView, LetterheadView, format_date, legal_line};
use crate::model::StatementDocument;

#[derive(Debug, Serialize)]
pub(crate) struct StatementView {
    has_logo: bool,
    lang: &'static str,
    labels: Labels,
    heading: &'static str,
    pdf_title: String,
    running_title: String,
    draft: bool,
    meta_rows: Vec<(String, String)>,
    subject: String,
    letterhead: LetterheadView,
    client: ClientView,
    opening: String,
    lines: Vec<LineView>,
    total_debit: String,
    total_credit: String,
    closing: String,
    /// Said when the period has no movement.
    empty: Option<&'static str>,
    notice: &'static str,
    legal_line: String,
}

#[derive(Debug, Serialize)]
struct Labels {
    client: &'static str,
    subject: &'static str,
    date: &'static str,
    reference: &'static str,
    label: &'static str,
    debit: &'static str,
    credit: &'static str,
    balance: &'static str,
    opening: &'static str,
    totals: &'static str,
    closing: &'static str,
    page: &'static str,
    draft_mark: &'static str,
}

#[derive(Debug, Serialize)]
struct LineView {
    date: String,
    reference: String,
    label: String,
    debit: String,
    credit: String,
    balance: String,
}

impl StatementView {
    pub(crate) fn new(doc: &StatementDocument, has_logo: bool) -> StatementView {
        let lang = doc.lang;
        let fr = lang == Lang::Fr;
        let pick = |french: &'static str, english: &'static str| if fr { french } else { english };
        let money = |minor: i64| format_amount(minor, &doc.currency, lang);
        let blank_zero = |minor: i64| if minor == 0 { String::new() } else { money(minor) };
        let period = format!("{} – {}", format_date(doc.from), format_date(doc.to));
        let title = format!("{} {} {period}", pick("Relevé de compte", "Statement of account"), doc.client.name);
        let lines: Vec<LineView> = doc
            .lines
            .iter()
            .map(|line| LineView {
                date: format_date(line.date),
                reference: line.reference.clone(),
                label: kind_label(line.kind, lang).to_owned(),
                debit: blank_zero(line.debit),
                credit: blank_zero(line.credit),
                balance: money(line.balance),
            })
            .collect();
        StatementView {
            has_logo,
            lang: if fr { "fr" } else { "en" },
            labels: Labels {
                client: pick("Client", "Client"),
                subject: pick("Période", "Period"),
                date: pick("Date", "Date"),
                reference: pick("Pièce", "Document"),
                label: pick("Libellé", "Description"),
                debit: pick("Débit", "Debit"),
                credit: pick("Crédit", "Credit"),
                balance: pick("Solde", "Balance"),
                opening: pick("Solde au début de la période", "Opening balance"),
                totals: pick("Totaux de la période", "Totals for the period"),
                closing: pick("Solde à la fin de la période", "Closing balance"),
                page: "Page",
                draft_mark: pick("BROUILLON", "DRAFT"),
            },
            heading: pick("RELEVÉ DE COMPTE", "STATEMENT OF ACCOUNT"),
            pdf_title: title.clone(),
            running_title: title,
            draft: false,
            meta_rows: vec![
                (pick("Date", "Date").to_owned(), format_date(doc.issued_on)),
                (pick("Devise", "Currency").to_owned(), doc.currency.clone()),
            ],
            subject: period,
            letterhead: LetterheadView::new(&doc.letterhead),
            client: ClientView::new(&doc.client, lang),
            opening: money(doc.opening),
            total_debit: money(doc.lines.iter().map(|l| l.debit).sum()),
            total_credit: money(doc.lines.iter().map(|l| l.credit).sum()),
            closing: money(doc.closing),
            empty: lines.is_empty().then(|| pick("Aucun mouvement sur la période.", "No movement in this period.")),
            lines,
            notice: pick(
                "Un solde positif est dû à NOURX ; un solde négatif est en faveur du client.",
                "A positive balance is owed to NOURX; a negative one is in the client's favour.",
            ),
            legal_line: legal_line(&doc.letterhead),
        }
    }
}

fn kind_label(kind: EntryKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (EntryKind::Invoice, Lang::Fr) => "Facture",
        (EntryKind::CreditNote, Lang::Fr) => "Avoir",
        (EntryKind::Refund, Lang::Fr) => "Remboursement",
        (EntryKind::Payment, Lang::Fr) => "Paiement reçu",
        (EntryKind::Invoice, Lang::En) => "Invoice",
        (EntryKind::CreditNote, Lang::En) => "Credit note",
        (EntryKind::Refund, Lang::En) => "Refund",
        (EntryKind::Payment, Lang::En) => "Payment received",
    }
}

impl DocumentView for StatementView {
    fn pdf_title(&self) -> &str {
        &self.pdf_title
    }
}
