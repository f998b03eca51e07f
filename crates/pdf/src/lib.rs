//! Quote, invoice and payment receipt PDFs, laid out by [typst](https://typst.app) inside the process.
//!
//! ```no_run
//! # fn doc() -> nourx_pdf::BillingDocument { nourx_pdf::sample::invoice(10) }
//! let renderer = nourx_pdf::PdfRenderer::new()?; // once, at start-up; share it (it is Send + Sync)
//! let pdf: Vec<u8> = renderer.render(&doc())?;
//! # Ok::<(), nourx_pdf::PdfError>(())
//! ```
//!
//! - **Templates** live in `templates/*.typ` and are compiled into the binary (`include_str!`):
//!   `common.typ` is the page frame every document shares (letterhead, footer with the legal line
//!   and page numbers, draft mark, status stamp); `billing.typ` is the invoice and the quote;
//!   `receipt.typ` the receipt of one online payment ([`PdfRenderer::render_receipt`]). A new kind
//!   is one more template importing `common.typ`, one more view (`src/view/`).
//! - **Fonts** (Libertinus Serif, from `typst-assets`) are embedded too: rendering reads no file,
//!   needs no system font and never touches the network.
//! - **Data** reaches the template as a JSON file (`/data.json`, read with typst's `json()`), every
//!   amount, date and label already formatted in Rust ([`nourx_domain::money`]); the logo as the
//!   file `/logo`. User text is never spliced into typst markup, so a client named `*#$_<@\]`
//!   prints as written, by construction.
//! - **Cost**: the engine (parsed fonts, standard library) is built once in [`PdfRenderer::new`];
//!   a one-page invoice then renders in a few milliseconds (figures in `docs/benchmarks.md`).

mod model;
pub mod sample;
mod view;
mod world;

use std::sync::Arc;

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Smart};
use typst::text::Font;
use typst_layout::PagedDocument;

pub use model::{
    BillingDocument, ClientBlock, DocumentKind, Letterhead, LineItem, ReceiptDocument, StatementDocument,
    StatementLine, Totals,
};
use view::DocumentView;
/// A rate as the PDFs print it: `18 %` (U+00A0 before the sign) / `18%`.
pub use view::format_rate;

/// The templates, by the path they import each other with.
const TEMPLATES: [(&str, &str); 4] = [
    ("common.typ", include_str!("../templates/common.typ")),
    ("billing.typ", include_str!("../templates/billing.typ")),
    ("receipt.typ", include_str!("../templates/receipt.typ")),
    ("statement.typ", include_str!("../templates/statement.typ")),
];

/// The font families the templates use; the other `typst-assets` fonts are not loaded.
const FONT_FAMILIES: [&str; 1] = ["Libertinus Serif"];

/// How many renders a memoized result survives unused. typst's cache (comemo) is process-wide;
/// keeping recent entries is what makes a warm render fast, and evicting older ones after every
/// render bounds the memory.
const CACHE_MAX_AGE: usize = 8;

/// Why a PDF could not be produced. Each is a bug (a template error, an impossible layout), never
/// the user's data: the data cannot break the markup.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("no usable font was found in the embedded fonts")]
    NoFonts,
    #[error("the PDF template failed: {0}")]
    Template(String),
    #[error("the PDF export failed: {0}")]
    Export(String),
}

/// Renders billing documents and payment receipts to PDF. Build it once and share it: it holds the
/// parsed fonts, the typst standard library and the templates, and is `Send + Sync`, so any number
/// of threads can render at once (cloning it is cheap).
#[derive(Clone)]
pub struct PdfRenderer {
    engine: Arc<world::Engine>,
}

impl std::fmt::Debug for PdfRenderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfRenderer").field("templates", &TEMPLATES.map(|(name, _)| name)).finish_non_exhaustive()
    }
}

impl PdfRenderer {
    /// Loads the embedded fonts and templates (a few milliseconds; do it once).
    pub fn new() -> Result<Self, PdfError> {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .filter(|font| FONT_FAMILIES.contains(&font.info().family.as_str()))
            .collect();
        if fonts.is_empty() {
            return Err(PdfError::NoFonts);
        }
        Ok(PdfRenderer { engine: Arc::new(world::Engine::new(fonts, &TEMPLATES)) })
    }

    /// The PDF of a quote or an invoice (A4, one or more pages).
    pub fn render(&self, doc: &BillingDocument) -> Result<Vec<u8>, PdfError> {
        self.render_template("billing.typ", &doc.letterhead, |has_logo| view::View::new(doc, has_logo))
    }

    /// The receipt of one settled online payment (A4, one page).
    pub fn render_receipt(&self, doc: &ReceiptDocument) -> Result<Vec<u8>, PdfError> {
        self.render_template("receipt.typ", &doc.letterhead, |has_logo| view::ReceiptView::new(doc, has_logo))
    }

    /// A client's statement of account (A4, one or more pages).
    pub fn render_statement(&self, doc: &StatementDocument) -> Result<Vec<u8>, PdfError> {
        self.render_template("statement.typ", &doc.letterhead, |has_logo| view::StatementView::new(doc, has_logo))
    }

    /// Renders `template` with the data `view` builds, with the letterhead's logo when typst can
    /// decode it and without it otherwise.
    fn render_template<V: DocumentView>(
        &self,
        template: &str,
        letterhead: &Letterhead,
        view: impl Fn(bool) -> V,
    ) -> Result<Vec<u8>, PdfError> {
        let logo = letterhead.logo_png.as_ref().filter(|logo| !logo.is_empty());
        match self.render_with(template, &view(logo.is_some()), logo) {
            // A logo typst cannot decode must not block invoicing: print without it.
            Err(PdfError::Template(message)) if logo.is_some() => {
                tracing::warn!(error = %message, "the letterhead logo could not be used; PDF rendered without it");
                self.render_with(template, &view(false), None)
            }
            result => result,
        }
    }

    fn render_with<V: DocumentView>(
        &self,
        template: &str,
        view: &V,
        logo: Option<&Vec<u8>>,
    ) -> Result<Vec<u8>, PdfError> {
        let data = serde_json::to_vec(view).map_err(|error| PdfError::Template(error.to_string()))?;
        let world = self.engine.world(template, Bytes::new(data), logo.map(|logo| Bytes::new(logo.clone())));
        let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
        typst::comemo::evict(CACHE_MAX_AGE);
        let document = output.map_err(|diagnostics| PdfError::Template(self.join(&diagnostics)))?;
        let options = typst_pdf::PdfOptions {
            // Stable identifier and no creation date: the same document gives the same bytes.
            ident: Smart::Custom(view.pdf_title().to_owned()),
            ..Default::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|diagnostics| PdfError::Export(self.join(&diagnostics)))
    }

    /// The diagnostics as one line each: `billing.typ:42: unknown variable: foo (hint: …)`.
    fn join(&self, diagnostics: &[SourceDiagnostic]) -> String {
        diagnostics
            .iter()
            .map(|d| {
                let hints = d.hints.iter().map(|h| format!(" (hint: {})", h.v)).collect::<String>();
                format!("{}{}{hints}", self.engine.locate(d.span), d.message)
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_renderer_can_be_shared_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<PdfRenderer>();
    }
}
