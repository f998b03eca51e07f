//! The payment receipt's `/data.json`: the same frame data as the invoices (letterhead, legal
//! line…) and the receipt's own, every amount, date and label already formatted.

use nourx_domain::Lang;
use nourx_domain::money::{amount_in_words, format_amount};
use serde::Serialize;

use super::{ClientView, DocumentView, InWords, LetterheadView, format_date, format_date_time, legal_line, non_empty};
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
    /// The invoice's figures: its total, its credit notes, what was paid before, this payment,
    /// what is left.
    settlement: Vec<Row>,
    /// Method, reference, transaction id (CinetPay's payments), date.
    transaction: Vec<Row>,
    /// The closing line: how the money came, and that the receipt does not replace the invoice.
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
        let mut settlement = vec![
            Row {
                detail: Some(doc.invoice_title.trim()).filter(|title| !title.is_empty()).map(str::to_owned),
                ..Row::new(pick("Facture", "Invoice"), invoice_number.clone())
            },
            Row::new(pick("Total de la facture (TTC)", "Invoice total (incl. VAT)"), money(doc.invoice_total)),
        ];
        // Without it, a credited invoice's receipt would not add up to its balance.
        if doc.credited != 0 {
            settlement.push(Row::new(pick("Avoirs", "Credit notes"), money(doc.credited)));
        }
        settlement.extend([
            Row::new(pick("Déjà réglé", "Previously paid"), money(doc.paid_before)),
            Row::new(pick("Ce paiement", "This payment"), money(doc.amount)).strong(),
            Row::new(pick("Solde restant", "Balance remaining"), balance).strong(),
        ]);

        let mut transaction = vec![Row::new(pick("Moyen de paiement", "Payment method"), doc.method.trim().to_owned())];
        let reference_label = match doc.received_on {
            Some(_) => pick("Référence", "Reference"),
            None => pick("Référence opérateur", "Operator reference"),
        };
        if let Some(reference) = non_empty(&doc.operator_reference) {
            transaction.push(Row::new(reference_label, reference));
        }
        match doc.received_on {
            // Recorded by hand: the day the money arrived; the payment's own id means nothing to the client.
            Some(day) => transaction.push(Row::new(pick("Reçu le", "Received on"), format_date(day))),
            None => {
                transaction
                    .push(Row::new(pick("N° de transaction", "Transaction ID"), doc.transaction_id.trim().to_owned()));
                transaction.push(Row::new(pick("Date du paiement", "Payment date"), paid_at.clone()));
            }
        }

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
            notice: match doc.received_on {
                Some(_) => pick(
                    "Paiement reçu par NOURX — ce reçu ne remplace pas la facture.",
                    "Payment received by NOURX — this receipt does not replace the invoice.",
                ),
                None => pick(
                    "Paiement en ligne via CinetPay — ce reçu ne remplace pas la facture.",
                    "Online payment via CinetPay — this receipt does not replace the invoice.",
                ),
            },
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
    fn a_payment_recorded_by_hand_shows_its_day_its_reference_and_the_credit_notes_before_it() {
        let doc = sample::offline_receipt();
        let view = ReceiptView::new(&doc, false);
        let labels: Vec<&str> = view.settlement.iter().map(|row| row.label).collect();
        assert_eq!(
            labels,
            ["Facture", "Total de la facture (TTC)", "Avoirs", "Déjà réglé", "Ce paiement", "Solde restant"]
        );
        assert_eq!(row(&view.settlement, "Avoirs").map(|r| r.value.as_str()), Some("100\u{202F}000\u{A0}FCFA"));
        // 5 433 900 − 100 000 − 2 000 000 − 500 000.
        assert_eq!(
            row(&view.settlement, "Solde restant").map(|r| r.value.as_str()),
            Some("2\u{202F}833\u{202F}900\u{A0}FCFA")
        );
        let labels: Vec<&str> = view.transaction.iter().map(|row| row.label).collect();
        assert_eq!(labels, ["Moyen de paiement", "Référence", "Reçu le"]);
        assert_eq!(row(&view.transaction, "Reçu le").map(|r| r.value.as_str()), Some("01/12/2026"));
        assert!(!view.notice.contains("CinetPay"), "{}", view.notice);
        assert_eq!(view.meta_rows[1].1, "02/12/2026 à 09:30");

        let online = ReceiptView::new(&sample::receipt(), false);
        assert!(row(&online.settlement, "Avoirs").is_none());
        assert!(online.notice.contains("CinetPay"));
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
