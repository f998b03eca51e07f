//! The rendered PDFs read back with poppler (`pdftotext`, `pdfinfo`, `pdfimages`), as a person or
//! an accountant's software would read them. `./x test` installs poppler-utils; without it these
//! tests fail rather than pass silently.

use std::io::Write;
use std::process::Command;
use std::sync::LazyLock;

use nourx_domain::Lang;
use nourx_domain::money::{amount_in_words, format_amount};
use nourx_pdf::{BillingDocument, DocumentKind, PdfRenderer, ReceiptDocument, sample};

static RENDERER: LazyLock<PdfRenderer> = LazyLock::new(|| PdfRenderer::new().expect("the renderer starts"));

fn render(doc: &BillingDocument) -> Vec<u8> {
    let pdf = RENDERER.render(doc).expect("the document renders");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    pdf
}

fn render_receipt(doc: &ReceiptDocument) -> Vec<u8> {
    let pdf = RENDERER.render_receipt(doc).expect("the receipt renders");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    pdf
}

/// Runs a poppler tool on the PDF and returns its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut file = tempfile::Builder::new().suffix(".pdf").tempfile().expect("temporary file");
    file.write_all(pdf).expect("write the PDF");
    let output = Command::new(tool)
        .args(args)
        .arg(file.path())
        .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
        .output();
    let output = match output {
        Ok(output) => output,
        Err(error) => panic!("`{tool}` could not run ({error}): install Debian's poppler-utils (`./x test` does)"),
    };
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The document's text in the order it was drawn (`pdftotext -raw`, which also keeps rotated
/// marks whole), lines joined with spaces.
fn text_of(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-raw"], pdf).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Without any white space: PDF text extraction guesses spaces from the gaps between glyphs, and
/// drops the narrow ones (U+202F in `150 000`), so texts are compared without them.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn plain(s: &str) -> String {
    s.replace(['\u{202F}', '\u{A0}'], " ")
}

fn pages(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

/// A word of the first page and its box in points (`pdftotext -bbox`; a tilted word's box holds
/// all of it).
#[derive(Debug, PartialEq)]
struct Word {
    text: String,
    x: (f64, f64),
    y: (f64, f64),
}

fn words_of_first_page(pdf: &[u8]) -> Vec<Word> {
    let html = poppler("pdftotext", &["-bbox", "-f", "1", "-l", "1"], pdf);
    html.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("<word ")?;
            let attribute = |name: &str| -> Option<f64> {
                let start = rest.find(&format!("{name}=\""))? + name.len() + 2;
                rest[start..].split('"').next()?.parse().ok()
            };
            let text = rest.split_once('>')?.1.strip_suffix("</word>")?.to_owned();
            Some(Word {
                text,
                x: (attribute("xMin")?, attribute("xMax")?),
                y: (attribute("yMin")?, attribute("yMax")?),
            })
        })
        .collect()
}

fn overlap(a: &Word, b: &Word) -> bool {
    a.x.0 < b.x.1 && b.x.0 < a.x.1 && a.y.0 < b.y.1 && b.y.0 < a.y.1
}

fn assert_contains(text: &str, needle: &str) {
    assert!(squash(text).contains(&squash(needle)), "expected {needle:?} in the PDF text:\n{text}");
}

fn assert_lacks(text: &str, needle: &str) {
    assert!(!squash(text).contains(&squash(needle)), "unexpected {needle:?} in the PDF text:\n{text}");
}

#[test]
fn an_invoice_shows_its_number_client_total_and_amount_in_words() {
    let doc = sample::invoice(10);
    let pdf = render(&doc);
    let text = text_of(&pdf);

    assert_contains(&text, "FACTURE");
    assert_contains(&text, "NX-2026-0042");
    assert_contains(&text, "Akwaba Digital SARL");
    assert_eq!(plain(&format_amount(doc.totals.total_ttc, "XOF", Lang::Fr)), "5 433 900 FCFA");
    assert_contains(&text, "Total TTC 5 433 900 FCFA");
    assert_contains(
        &text,
        "Arrêtée la présente facture à la somme de : cinq millions quatre cent trente-trois mille neuf cents francs CFA.",
    );
    assert_contains(&text, "Échéance");
    assert_contains(&text, "23/12/2026");
    assert_contains(&text, "RCCM : CI-ABJ-2021-B-12345");
    assert_contains(&text, "N° contribuable : 1804567B");
    assert_contains(&text, "Hébergement et maintenance");
    assert_contains(&text, "8,50");
    assert_contains(&text, "18 %");
    assert_contains(&text, "IBAN CI93 CI00 8010 0000 0123 4567 8901");
    assert_eq!(pages(&pdf), 1);
    assert_lacks(&text, "Page 1 /");
    assert_lacks(&text, "BROUILLON");
}

#[test]
fn a_round_amount_reads_in_words() {
    let mut doc = sample::invoice(1);
    doc.items = vec![sample::line("Site vitrine", None, 100, 150_000, 0)];
    doc.totals = sample::totals_of(&doc.items, 0);
    let text = text_of(&render(&doc));
    assert_contains(&text, "150 000 FCFA");
    assert_contains(&text, "à la somme de : cent cinquante mille francs CFA.");
    assert_contains(&text, "TVA 0 %");
}

#[test]
fn a_sixty_line_invoice_runs_over_several_numbered_pages() {
    let doc = sample::invoice(60);
    let pdf = render(&doc);
    let page_count = pages(&pdf);
    assert!(page_count > 1, "60 lines on {page_count} page(s)");
    let text = text_of(&pdf);
    assert_contains(&text, &format!("Page 1 / {page_count}"));
    assert_contains(&text, &format!("Page 2 / {page_count}"));
    assert_contains(&text, &format!("Page {page_count} / {page_count}"));
    // The table header is repeated on every page, and every line is there.
    assert_eq!(text.matches("Désignation").count(), page_count);
    assert_eq!(text.matches("Hébergement et maintenance").count(), 6);
    assert_eq!(text.matches("(lot 6)").count(), 10);
    assert_contains(&text, "Hébergement et maintenance (lot 6)");
    // Pages after the first remind which document they belong to.
    assert_eq!(text.matches("Facture NX-2026-0042").count(), page_count - 1);
    assert_contains(&text, &format!("Total TTC {}", plain(&format_amount(doc.totals.total_ttc, "XOF", Lang::Fr))));
    assert_contains(&text, &amount_in_words(doc.totals.total_ttc, "XOF", Lang::Fr));
}

#[test]
fn an_english_invoice_has_english_labels() {
    let mut doc = sample::invoice(10);
    doc.lang = Lang::En;
    let text = text_of(&render(&doc));
    for label in ["INVOICE", "BILL TO", "Due date", "Description", "Unit price", "Total excl. VAT", "VAT 18%"] {
        assert_contains(&text, label);
    }
    assert_contains(&text, "Total incl. VAT 5,433,900 FCFA");
    assert_contains(
        &text,
        "This invoice is set at the sum of: five million four hundred thirty-three thousand nine hundred CFA francs.",
    );
    assert_contains(&text, "8.50");
    assert_contains(&text, "23/11/2026");
    for french in ["FACTURE", "Désignation", "Échéance", "Arrêtée"] {
        assert_lacks(&text, french);
    }
}

#[test]
fn a_quote_has_its_validity_closing_sentence_and_acceptance_box() {
    let doc = sample::quote(10);
    let text = text_of(&render(&doc));
    assert_contains(&text, "DEVIS");
    assert_contains(&text, "DV-2026-0017");
    assert_contains(&text, "Valable jusqu'au 23/12/2026");
    assert_contains(&text, "Arrêté le présent devis à la somme de : cinq millions");
    assert_contains(&text, "Bon pour accord");
    assert_lacks(&text, "Échéance");
}

#[test]
fn a_draft_carries_the_draft_mark() {
    let mut doc = sample::invoice(3);
    doc.number = None;
    let text = text_of(&render(&doc));
    assert_contains(&text, "BROUILLON");
    assert_contains(&text, "N° Brouillon");

    let mut quote = sample::quote(3);
    quote.number = Some("   ".to_owned());
    quote.lang = Lang::En;
    let text = text_of(&render(&quote));
    assert_contains(&text, "DRAFT");
    assert_contains(&text, "QUOTE");
}

#[test]
fn a_paid_invoice_shows_its_stamp_payments_and_vat_by_rate() {
    let mut doc = sample::invoice(4);
    doc.status_label = Some("PAYÉE".to_owned());
    doc.items[1] = sample::line("Nom de domaine", None, 100, 20_000, 900);
    doc.totals = sample::totals_of(&doc.items, 100_000);
    let text = text_of(&render(&doc));
    assert_contains(&text, "PAYÉE");
    // Taken off the total, like the credit notes.
    assert_contains(&text, "Déjà réglé -100 000 FCFA");
    assert_contains(
        &text,
        &format!("Reste à payer {}", plain(&format_amount(doc.totals.balance_due, "XOF", Lang::Fr))),
    );
    assert_contains(&text, "DÉTAIL DE LA TVA");
    assert_contains(&text, "9 % 20 000 FCFA 1 800 FCFA");
}

#[test]
fn the_status_stamp_covers_no_text_however_tall_the_heading() {
    for (label, lang) in [("PAYÉE", Lang::Fr), ("ANNULÉE PAR AVOIR", Lang::Fr), ("PAID", Lang::En)] {
        let mut doc = sample::invoice(3);
        doc.lang = lang;
        doc.status_label = Some(label.to_owned());
        // A deposit invoice of a project: two rows more under the heading, which pushed the
        // client's block under a stamp placed at a fixed height.
        doc.project_name = Some("Refonte du site".to_owned());
        doc.extra_meta = vec![("Facture d'acompte".to_owned(), "30 % du devis DV-2026-0008".to_owned())];
        let words = words_of_first_page(&render(&doc));
        // The stamp's words, tilted (so taller than any line of text), may come in pieces ("PAYÉ", "E").
        let (stamp, rest): (Vec<&Word>, Vec<&Word>) = words.iter().partition(|word| {
            word.y.1 - word.y.0 > 15.0 && label.split(' ').any(|part| part.contains(word.text.as_str()))
        });
        let printed: usize = stamp.iter().map(|word| word.text.chars().count()).sum();
        assert_eq!(printed, label.replace(' ', "").chars().count(), "the stamp {label:?} in {words:?}");
        for mark in &stamp {
            for word in &rest {
                assert!(!overlap(mark, word), "the stamp's {mark:?} covers {word:?}");
            }
        }
    }
}

#[test]
fn user_text_with_typst_syntax_is_printed_verbatim() {
    let nasty = r#"A#b $c$ *d* _e_ <f> @g \h ]i[ #panic("j") // k /* l */ `m` ~n= 'o' "p" {q} #let r = 1"#;
    let mut doc = sample::invoice(2);
    doc.client.name = format!("Client {nasty}");
    doc.items[0].label = format!("Ligne {nasty}");
    doc.items[0].description = Some(format!("Détail {nasty}"));
    doc.notes = Some(format!("Note {nasty}"));
    doc.payment_instructions = vec![format!("Paiement {nasty}")];
    doc.letterhead.name = format!("Agence {nasty}");
    doc.title = Some(format!("Objet {nasty}"));
    doc.project_name = Some("P#1]".to_owned());
    let text = text_of(&render(&doc));
    for prefix in ["Client", "Ligne", "Détail", "Note", "Paiement", "Agence", "Objet"] {
        assert_contains(&text, &format!("{prefix} {nasty}"));
    }
    assert_contains(&text, "P#1]");
}

#[test]
fn an_euro_invoice_is_written_in_euros_and_cents() {
    let mut doc = sample::invoice(1);
    doc.currency = "EUR".to_owned();
    doc.items = vec![sample::line("Audit", None, 150, 83_300, 2_000)];
    doc.totals = sample::totals_of(&doc.items, 0);
    let text = text_of(&render(&doc));
    assert_contains(&text, "1,50");
    assert_contains(&text, "Total TTC 1 499,40 €");
    assert_contains(&text, "mille quatre cent quatre-vingt-dix-neuf euros et quarante centimes.");
}

#[test]
fn the_logo_is_embedded_and_a_broken_logo_is_left_out() {
    let mut doc = sample::invoice(2);
    doc.letterhead.logo_png = Some(include_bytes!("fixtures/logo.png").to_vec());
    let pdf = render(&doc);
    let images = poppler("pdfimages", &["-list"], &pdf);
    assert_eq!(images.lines().count(), 3, "one image expected:\n{images}");
    assert!(images.contains(" 96 ") && images.contains("image"), "{images}");

    doc.letterhead.logo_png = Some(b"not an image".to_vec());
    let pdf = render(&doc);
    assert_eq!(poppler("pdfimages", &["-list"], &pdf).lines().count(), 2, "no image expected");
    assert_contains(&text_of(&pdf), "NX-2026-0042");
}

#[test]
fn the_branding_footer_and_colour_reach_every_kind_of_document() {
    let mut doc = sample::invoice(60);
    doc.letterhead.name = "Studio Lagune".to_owned();
    doc.letterhead.legal_name = Some("Studio Lagune SAS".to_owned());
    doc.letterhead.legal_footer = Some("SAS au capital de 5 000 000 FCFA · RCCM CI-ABJ-2024-B-777".to_owned());
    doc.letterhead.color = Some("#7C2D12".to_owned());
    let pdf = render(&doc);
    let text = text_of(&pdf);
    assert_contains(&text, "Studio Lagune SAS · Cocody Riviera 3");
    // On every page's footer.
    assert_eq!(text.matches("SAS au capital de 5 000 000 FCFA").count(), pages(&pdf), "{text}");
    // Another colour, other bytes; a colour that is none falls back to NOURX's blue.
    let mut blue = doc.clone();
    blue.letterhead.color = Some("not a colour".to_owned());
    let mut default = doc.clone();
    default.letterhead.color = None;
    assert!(render(&blue) == render(&default));
    assert!(render(&blue) != pdf);

    let mut receipt = sample::receipt();
    receipt.letterhead = doc.letterhead.clone();
    assert_contains(&text_of(&render_receipt(&receipt)), "SAS au capital de 5 000 000 FCFA");
}

#[test]
fn the_same_document_gives_the_same_bytes_from_any_thread() {
    let doc = sample::invoice(10);
    let reference = render(&doc);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4).map(|_| scope.spawn(|| RENDERER.render(&doc).expect("renders"))).collect();
        for handle in handles {
            assert!(handle.join().expect("thread") == reference, "rendering is not deterministic");
        }
    });
    assert_eq!(sample::invoice(1).kind, DocumentKind::Invoice);
}

#[test]
fn a_receipt_shows_its_number_client_amount_in_words_and_balance() {
    let doc = sample::receipt();
    let pdf = render_receipt(&doc);
    let text = text_of(&pdf);

    assert_contains(&text, "REÇU DE PAIEMENT");
    assert_contains(&text, "N° REC-2026-0001");
    assert_contains(&text, "Date 24/11/2026 à 14:05");
    assert_contains(&text, "REÇU DE Akwaba Digital SARL");
    assert_contains(&text, "N° contribuable : 1804567B");
    assert_eq!(plain(&format_amount(doc.amount, "XOF", Lang::Fr)), "150 000 FCFA");
    assert_contains(&text, "MONTANT REÇU 150 000 FCFA");
    assert_contains(&text, "Reçu la somme de : cent cinquante mille francs CFA.");
    assert_contains(&text, "PAYÉ");
    assert_contains(&text, "Facture NX-2026-0042 Refonte du site web et de l'espace client");
    assert_contains(&text, "Total de la facture (TTC) 5 433 900 FCFA");
    assert_contains(&text, "Déjà réglé 2 000 000 FCFA");
    assert_contains(&text, "Ce paiement 150 000 FCFA");
    assert_contains(&text, "Solde restant 3 283 900 FCFA");
    assert_contains(&text, "Moyen de paiement Orange Money");
    assert_contains(&text, "Référence opérateur MP221124.1405.A76307");
    assert_contains(&text, "N° de transaction NXP-20261124-7F3A9C2E");
    assert_contains(&text, "Date du paiement 24/11/2026 à 14:05");
    assert_contains(&text, "Paiement en ligne via CinetPay — ce reçu ne remplace pas la facture.");
    assert_contains(&text, "RCCM : CI-ABJ-2021-B-12345");
    assert_lacks(&text, "intégralement réglée");
    assert_lacks(&text, "BROUILLON");
    assert_lacks(&text, "Page 1 /");
    assert_eq!(pages(&pdf), 1);
    assert!(poppler("pdfinfo", &[], &pdf).contains("Reçu de paiement REC-2026-0001"), "the PDF's title");
}

#[test]
fn an_english_receipt_has_english_labels() {
    let mut doc = sample::receipt();
    doc.lang = Lang::En;
    let pdf = render_receipt(&doc);
    let text = text_of(&pdf);
    for label in ["PAYMENT RECEIPT", "No. REC-2026-0001", "RECEIVED FROM", "AMOUNT RECEIVED", "PAID", "Payment method"]
    {
        assert_contains(&text, label);
    }
    assert_contains(&text, "Date 24/11/2026 at 14:05");
    assert_contains(&text, "150,000 FCFA");
    assert_contains(&text, "Received the sum of: one hundred fifty thousand CFA francs.");
    assert_contains(&text, "Invoice total (incl. VAT) 5,433,900 FCFA");
    assert_contains(&text, "Previously paid 2,000,000 FCFA");
    assert_contains(&text, "Balance remaining 3,283,900 FCFA");
    assert_contains(&text, "Tax ID: 1804567B");
    assert_contains(&text, "Online payment via CinetPay — this receipt does not replace the invoice.");
    for french in ["REÇU", "PAYÉ", "Solde restant", "Moyen de paiement", "somme de", " à 14:05"] {
        assert_lacks(&text, french);
    }
    assert_eq!(pages(&pdf), 1);
}

#[test]
fn a_receipt_that_settles_the_invoice_says_it_is_paid_in_full() {
    let mut doc = sample::receipt();
    doc.amount = doc.invoice_total - doc.paid_before;
    doc.balance_after = 0;
    doc.method = "Wave".to_owned();
    doc.operator_reference = None;
    let text = text_of(&render_receipt(&doc));
    assert_contains(&text, "MONTANT REÇU 3 433 900 FCFA");
    assert_contains(&text, "trois millions quatre cent trente-trois mille neuf cents francs CFA.");
    assert_contains(&text, "Solde restant Facture intégralement réglée");
    assert_contains(&text, "Moyen de paiement Wave");
    assert_lacks(&text, "Référence opérateur");

    doc.lang = Lang::En;
    let text = text_of(&render_receipt(&doc));
    assert_contains(&text, "Balance remaining Invoice paid in full");
    assert_lacks(&text, "Operator reference");
}

#[test]
fn a_payment_recorded_by_hand_has_its_day_its_reference_and_the_credit_notes_before_it() {
    let doc = sample::offline_receipt();
    let pdf = render_receipt(&doc);
    let text = text_of(&pdf);
    assert_contains(&text, "Total de la facture (TTC) 5 433 900 FCFA");
    assert_contains(&text, "Avoirs 100 000 FCFA");
    assert_contains(&text, "Déjà réglé 2 000 000 FCFA");
    assert_contains(&text, "Ce paiement 500 000 FCFA");
    assert_contains(&text, "Solde restant 2 833 900 FCFA");
    assert_contains(&text, "Moyen de paiement Virement bancaire");
    assert_contains(&text, "Référence VIR-SGBCI-2026-118");
    assert_contains(&text, "Reçu le 01/12/2026");
    assert_contains(&text, "Paiement reçu par NOURX — ce reçu ne remplace pas la facture.");
    for online in ["CinetPay", "HORS-", "Référence opérateur", "N° de transaction", "Date du paiement"] {
        assert_lacks(&text, online);
    }
    assert_eq!(pages(&pdf), 1);

    let mut english = sample::offline_receipt();
    english.lang = Lang::En;
    let text = text_of(&render_receipt(&english));
    for needle in [
        "Credit notes 100,000 FCFA",
        "Reference VIR-SGBCI-2026-118",
        "Received on 01/12/2026",
        "Payment received by NOURX",
    ] {
        assert_contains(&text, needle);
    }
    for french in ["Avoirs", "Reçu le", "CinetPay"] {
        assert_lacks(&text, french);
    }
}

#[test]
fn receipt_user_text_with_typst_syntax_is_printed_verbatim_on_one_page() {
    let nasty = r#"A#b $c$ *d* _e_ <f> @g \h ]i[ #panic("j") // k /* l */ `m` ~n= 'o' "p" {q} #let r = 1"#;
    let mut doc = sample::receipt();
    doc.client.name = format!("Client {nasty}");
    doc.client.address_lines = vec![format!("Adresse {nasty}")];
    doc.letterhead.name = format!("Agence {nasty}");
    doc.invoice_number = "NX#1]".to_owned();
    doc.invoice_title = format!("Objet {nasty}");
    doc.method = format!("Moyen {nasty}");
    doc.operator_reference = Some(format!("Réf {nasty}"));
    let pdf = render_receipt(&doc);
    let text = text_of(&pdf);
    for prefix in ["Client", "Adresse", "Agence", "Objet", "Moyen", "Réf"] {
        assert_contains(&text, &format!("{prefix} {nasty}"));
    }
    assert_contains(&text, "Règlement de la facture NX#1]");
    assert_eq!(pages(&pdf), 1);
}

#[test]
fn a_receipt_carries_the_logo_and_survives_a_broken_one() {
    let mut doc = sample::receipt();
    doc.letterhead.logo_png = Some(include_bytes!("fixtures/logo.png").to_vec());
    let pdf = render_receipt(&doc);
    assert_eq!(poppler("pdfimages", &["-list"], &pdf).lines().count(), 3, "one image expected");
    assert_eq!(pages(&pdf), 1);

    doc.letterhead.logo_png = Some(b"not an image".to_vec());
    let pdf = render_receipt(&doc);
    assert_eq!(poppler("pdfimages", &["-list"], &pdf).lines().count(), 2, "no image expected");
    assert_contains(&text_of(&pdf), "REC-2026-0001");
}

#[test]
fn a_statement_runs_from_the_opening_to_the_closing_balance() {
    let doc = sample::statement();
    let pdf = RENDERER.render_statement(&doc).expect("the statement renders");
    let text = plain(&text_of(&pdf));
    for needle in [
        "RELEVÉ DE COMPTE",
        "01/11/2026 – 30/11/2026",
        "Solde au début de la période",
        "250 000 FCFA",
        "NX-2026-0042",
        "Avoir",
        "Remboursement",
        "Paiement reçu",
        "Solde à la fin de la période",
        "330 000 FCFA",
    ] {
        assert_contains(&text, needle);
    }
    let mut english = sample::statement();
    english.lang = Lang::En;
    english.lines.clear();
    let text = plain(&text_of(&RENDERER.render_statement(&english).expect("renders")));
    assert_contains(&text, "STATEMENT OF ACCOUNT");
    assert_contains(&text, "No movement in this period.");
}

#[test]
fn discounts_credit_notes_and_terms_are_printed_with_the_totals() {
    let mut doc = sample::invoice(3);
    doc.items[1].discount_bp = 1000;
    doc.totals.discount_bp = 500;
    doc.totals.subtotal_ht = doc.totals.total_ht + 5_000;
    doc.totals.discount_total = 5_000;
    doc.totals.credited = 18_000;
    let text = plain(&text_of(&render(&doc)));
    for needle in ["Sous-total HT", "Remise 5 %", "Remise 10 %", "Avoirs", "Paiement à 30 jours."] {
        assert_contains(&text, needle);
    }
    let mut note = sample::invoice(1);
    note.kind = DocumentKind::CreditNote;
    note.extra_meta = vec![("Facture d'origine".to_owned(), "NX-2026-0042".to_owned())];
    note.totals.refunded = 18_000;
    let text = plain(&text_of(&render(&note)));
    for needle in ["AVOIR", "Facture d'origine", "NX-2026-0042", "Remboursé au client", "Arrêté le présent avoir"] {
        assert_contains(&text, needle);
    }
    note.lang = Lang::En;
    let text = plain(&text_of(&render(&note)));
    assert_contains(&text, "CREDIT NOTE");
    assert_contains(&text, "ISSUED TO");
    assert_lacks(&text, "PREPARED FOR");
}
