//! Writes sample PDFs to look at while editing the templates:
//! `cargo run -p nourx-pdf --example render -- target/pdf-samples`
//! then `pdftoppm -png -r 60 target/pdf-samples/invoice-10.pdf target/pdf-samples/invoice-10`.
//! The payment receipts are the `receipt-*.pdf` files.

use std::path::PathBuf;

use nourx_domain::Lang;
use nourx_pdf::{PdfRenderer, sample};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "target/pdf-samples".to_owned()));
    std::fs::create_dir_all(&dir)?;
    let renderer = PdfRenderer::new()?;

    let mut paid = sample::invoice(3);
    paid.number = Some("NX-2026-0043".to_owned());
    paid.status_label = Some("PAYÉE".to_owned());
    paid.totals = sample::totals_of(&paid.items, paid.totals.total_ttc);
    paid.items[1].tax_rate_bp = 900;
    paid.items[1].total_tva = paid.items[1].total_ht * 9 / 100;
    paid.totals = sample::totals_of(&paid.items, 500_000);

    let mut english = sample::invoice(10);
    english.lang = Lang::En;

    let mut with_logo = sample::invoice(2);
    with_logo.letterhead.logo_png = Some(include_bytes!("../tests/fixtures/logo.png").to_vec());
    with_logo.client.name = r"Client #1 $5 *gras* _x_ <b> @ref \ ] [".to_owned();

    let mut draft = sample::quote(4);
    draft.number = None;

    let documents = [
        ("invoice-10", sample::invoice(10)),
        ("invoice-60", sample::invoice(60)),
        ("invoice-paid", paid),
        ("invoice-en", english),
        ("quote-10", sample::quote(10)),
        ("quote-draft", draft),
        ("invoice-logo", with_logo),
    ];
    for (name, doc) in documents {
        let started = std::time::Instant::now();
        let pdf = renderer.render(&doc)?;
        let path = dir.join(format!("{name}.pdf"));
        std::fs::write(&path, &pdf)?;
        println!("{} ({} bytes, {:?})", path.display(), pdf.len(), started.elapsed());
    }

    let mut receipt_en = sample::receipt();
    receipt_en.lang = Lang::En;
    receipt_en.method = "MTN MoMo".to_owned();

    let mut receipt_full = sample::receipt();
    receipt_full.amount = receipt_full.invoice_total - receipt_full.paid_before;
    receipt_full.balance_after = 0;
    receipt_full.method = "Carte bancaire".to_owned();
    receipt_full.operator_reference = None;
    receipt_full.letterhead.logo_png = Some(include_bytes!("../tests/fixtures/logo.png").to_vec());

    let receipts = [("receipt", sample::receipt()), ("receipt-en", receipt_en), ("receipt-paid-in-full", receipt_full)];
    for (name, doc) in receipts {
        let started = std::time::Instant::now();
        let pdf = renderer.render_receipt(&doc)?;
        let path = dir.join(format!("{name}.pdf"));
        std::fs::write(&path, &pdf)?;
        println!("{} ({} bytes, {:?})", path.display(), pdf.len(), started.elapsed());
    }
    Ok(())
}
