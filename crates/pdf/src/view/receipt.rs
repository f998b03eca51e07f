//! The payment receipt's `/data.json`: the same frame data as the invoices (letterhead, legal
//! line…) and the receipt's own, every amount, date and label already formatted.

use nourx_domain::Lang;
use nourx_domain::money::{amount_in_words, format_amount};
use serde::Serialize;

use super::{ClientView, DocumentView, InWords, LetterheadView, format_date_time, legal_line, non_empty};
use crate::model::ReceiptDocument;

#[derive(Debug, Serialize)]
pub(crate) struct ReceiptView {
    has_logo: bool,
    lang: &'static str,
    labels: Labels,
    /// "REÇU DE PAIEMENT".
    heading: &'static str,
    /// "Reçu de paiement REC-2026-0001".
    pdf_title: String,
    running_title: String,
    /// Always false: a receipt exists only for a settled payment. `common.typ` reads it.
    draft: bool,
    /// Number and date under the heading.
    meta_rows: Vec<(String, String)>,
    /// "Règlement de la facture NX-2026-0042".
    subject: String,
    letterhead: LetterheadView,
    client: ClientView,
    /// The amount of this payment: "150 000 FCFA".
    amount: String,
    in_words: InWords,
    /// "PAYÉ" / "PAID".
    stamp: &'static str,
    /// The invoice's figures: its total, what was paid before, this payment, what is left.
    settlement: Vec<Row>,
    /// Method, operator reference, transaction id, date.
    transaction: Vec<Row>,
    /// The closing line: online payment, not a replacement for the invoice.
    notice: &'static str,
    legal_line: String,
}

#[derive(Debug, Serialize)]
struct Labels {
    client: &'static str,
    subject: &'static str,
    amount: &'static str,
    settlement: &'static str,
    transaction: &'static str,
    page: &'static str,
    draft_mark: &'static str,
}

#[derive(Debug, Serialize)]
struct Row {
    label: &'static str,
    value: String,
    /// A second, muted line under the value (the invoice's title).
    detail: Option<String>,
    /// "none" or "strong" (this payment, and the balance).
    emphasis: &'static str,
}

impl Row {
    fn new(label: &'static str, value: String) -> Row {
        Row { label, value, detail: None, emphasis: "none" }
    }

    fn strong(self) -> Row {
        Row { emphasis: "strong", ..self }
    }
}

impl ReceiptView {
    pub(crate) fn new(doc: &ReceiptDocument, has_logo: bool) -> ReceiptView {
        let lang = doc.lang;
        let fr = lang == Lang::Fr;
        let pick = |french: &'static str, english: &'static str| if fr { french } else { english };
        let money = |minor: i64| format_amount(minor, &doc.currency, lang);

        let number = doc.receipt_number.trim().to_owned();
        let invoice_number = doc.invoice_number.trim().to_owned();
        let paid_at = format_date_time(doc.paid_at, lang);
        let title = format!("{} {number}", pick("Reçu de paiement", "Payment receipt"));

        let balance = match doc.balance_after {
            0 => pick("Facture intégralement réglée", "Invoice paid in full").to_owned(),
            // An overpayment (negative) is printed as it is: a receipt does not hide it.
            balance => money(balance),
        };
        let settlement = vec![
            Row {
                detail: Some(doc.invoice_title.trim()).filter(|title| !title.is_empty()).map(str::to_owned),
                ..Row::new(pick("Facture", "Invoice"), invoice_number.clone())
            },
            Row::new(pick("Total de la facture (TTC)", "Invoice total (incl. VAT)"), money(doc.invoice_total)),
            Row::new(pick("Déjà réglé", "Previously paid"), money(doc.paid_before)),
            Row::new(pick("Ce paiement", "This payment"), money(doc.amount)).strong(),
            Row::new(pick("Solde restant", "Balance remaining"), balance).strong(),
        ];

        let mut transaction = vec![Row::new(pick("Moyen de paiement", "Payment method"), doc.method.trim().to_owned())];
        if let Some(reference) = non_empty(&doc.operator_reference) {
            transaction.push(Row::new(pick("Référence opérateur", "Operator reference"), reference));
        }
        transaction.push(Row::new(pick("N° de transaction", "Transaction ID"), doc.transaction_id.trim().to_owned()));
        transaction.push(Row::new(pick("Date du paiement", "Payment date"), paid_at.clone()));

        ReceiptView {
            has_logo,
            lang: if fr { "fr" } else { "en" },
            labels: Labels {
                client: pick("Reçu de", "Received from"),
                subject: pick("Objet", "Subject"),
                amount: pick("Montant reçu", "Amount received"),
                settlement: pick("Détail du règlement", "Settlement"),
                transaction: pick("Transaction", "Transaction"),
                page: "Page",
                draft_mark: pick("BROUILLON", "DRAFT"),
            },
            heading: pick("REÇU DE PAIEMENT", "PAYMENT RECEIPT"),
            pdf_title: title.clone(),
            running_title: title,
            draft: false,
            meta_rows: vec![(pick("N°", "No.").to_owned(), number), (pick("Date", "Date").to_owned(), paid_at)],
            subject: format!("{} {invoice_number}", pick("Règlement de la facture", "Payment of invoice")),
            letterhead: LetterheadView::new(&doc.letterhead),
            client: ClientView::new(&doc.client, lang),
            amount: money(doc.amount),
            in_words: InWords {
                intro: pick("Reçu la somme de :", "Received the sum of:"),
                words: amount_in_words(doc.amount, &doc.currency, lang),
            },
            stamp: pick("PAYÉ", "PAID"),
            settlement,
            transaction,
            notice: pick(
                "Paiement en ligne via CinetPay — ce reçu ne remplace pas la facture.",
                "Online payment via CinetPay — this receipt does not replace the invoice.",
            ),
            legal_line: legal_line(&doc.letterhead),
        }
    }
}

impl DocumentView for ReceiptView {
    fn pdf_title(&self) -> &str {
        &self.pdf_title
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn row<'a>(rows: &'a [Row], label: &str) -> Option<&'a Row> {
        rows.iter().find(|row| row.label == label)
    }

    #[test]
    fn a_partial_payment_shows_the_balance_left() {
        let view = ReceiptView::new(&sample::receipt(), false);
        assert_eq!(view.amount, "150\u{202F}000\u{A0}FCFA");
        assert_eq!(view.in_words.words, "cent cinquante mille francs CFA");
        let balance = row(&view.settlement, "Solde restant").expect("a balance row");
        assert_eq!(balance.value, "3\u{202F}283\u{202F}900\u{A0}FCFA");
        assert_eq!(balance.emphasis, "strong");
        let invoice = row(&view.settlement, "Facture").expect("an invoice row");
        assert_eq!(invoice.detail.as_deref(), Some("Refonte du site web et de l'espace client"));
        assert_eq!(view.meta_rows[1].1, "24/11/2026 à 14:05");
        assert!(!view.draft);
    }

    #[test]
    fn a_zero_balance_reads_paid_in_full_and_a_blank_reference_is_left_out() {
        let mut doc = sample::receipt();
        doc.balance_after = 0;
        doc.operator_reference = Some("  ".to_owned());
        doc.invoice_title = " ".to_owned();
        let view = ReceiptView::new(&doc, false);
        assert_eq!(
            row(&view.settlement, "Solde restant").map(|r| r.value.as_str()),
            Some("Facture intégralement réglée")
        );
        assert!(row(&view.transaction, "Référence opérateur").is_none());
        assert_eq!(row(&view.settlement, "Facture").and_then(|r| r.detail.as_deref()), None);

        doc.lang = Lang::En;
        let view = ReceiptView::new(&doc, false);
        assert_eq!(row(&view.settlement, "Balance remaining").map(|r| r.value.as_str()), Some("Invoice paid in full"));
        assert_eq!(view.pdf_title(), "Payment receipt REC-2026-0001");
    }
}
