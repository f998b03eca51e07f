//! PDFs: the typst engine, the agency's letterhead, and the one way a PDF is served (quotes,
//! invoices, receipts): rendered once per version and language, kept in object storage, then
//! served from there with an ETag.

use std::sync::{Arc, OnceLock};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use futures_util::future::LocalBoxFuture;
use nourx_db::PgConn;
use nourx_db::clients::Client;
use nourx_domain::Lang;
use nourx_pdf::{BillingDocument, ClientBlock, Letterhead, PdfRenderer, ReceiptDocument};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::AppState;
use crate::billing::lang_of;
use crate::http::error::{ApiError, ApiResult};
use crate::http::pagination::choice;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// The typst engine, built on first use (fonts parsed once) and shared by every worker.
pub struct PdfService;

static RENDERER: OnceLock<Result<Arc<PdfRenderer>, String>> = OnceLock::new();

impl PdfService {
    pub fn renderer() -> Result<Arc<PdfRenderer>, ApiError> {
        RENDERER
            .get_or_init(|| PdfRenderer::new().map(Arc::new).map_err(|e| e.to_string()))
            .clone()
            .map_err(|e| ApiError::internal(anyhow::anyhow!("PDF engine: {e}")))
    }
}

pub use crate::branding::Branding;

/// The client as printed on its documents.
pub(crate) fn client_block(client: &Client) -> ClientBlock {
    let mut address_lines: Vec<String> = client.address.iter().flat_map(|a| a.lines()).map(str::to_owned).collect();
    if let Some(city) = &client.city {
        address_lines.push(city.clone());
    }
    ClientBlock {
        name: client.name.clone(),
        legal_name: client.legal_name.clone().filter(|legal| legal != &client.name),
        address_lines,
        tax_id: client.tax_id.clone(),
        email: client.billing_email.clone(),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PdfQuery {
    /// fr or en. Default: the client's language.
    pub lang: Option<String>,
}

impl PdfQuery {
    /// The language asked for, else the client's; 400 for another than fr or en.
    pub(crate) fn lang(&self, client: &Client) -> Result<Lang, ApiError> {
        Ok(match choice("lang", self.lang.as_deref(), &["fr", "en"])? {
            Some(code) => lang_of(code),
            None => Lang::from(client.language),
        })
    }
}

/// What every PDF route answers, but for its 404 (and its own conflicts).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Documentation only: `serve_pdf` builds the answers.
pub(crate) enum PdfResponses {
    /// The PDF
    #[response(status = 200, content_type = "application/pdf")]
    Pdf(Vec<u8>),
    /// Unchanged since the ETag given in `If-None-Match`
    #[response(status = 304)]
    NotModified,
    /// Unknown language
    #[response(status = 400)]
    UnknownLanguage(ValidationErrors),
    #[response(status = 401)]
    NotLoggedIn(ErrorDetail),
}

pub(crate) fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

/// A PDF to serve: what to print and where to keep it.
pub(crate) struct StoredPdf {
    pub document: Printable,
    /// Its key in object storage: one per version, status and language.
    pub key: String,
    pub etag: String,
    pub filename: String,
    /// The key of the previous version's PDF, deleted once this one is recorded.
    pub previous_key: Option<String>,
    pub record: Record,
    /// Where the letterhead's logo is kept (the branding's), read only to render.
    pub logo_key: Option<String>,
}

pub(crate) enum Printable {
    Billing(BillingDocument),
    Receipt(ReceiptDocument),
    Statement(nourx_pdf::StatementDocument),
}

impl Printable {
    fn letterhead_mut(&mut self) -> &mut Letterhead {
        match self {
            Printable::Billing(document) => &mut document.letterhead,
            Printable::Receipt(document) => &mut document.letterhead,
            Printable::Statement(document) => &mut document.letterhead,
        }
    }
}

/// The key and ETag suffix of a PDF printed with `branding`: a change of branding gives every
/// document a new key, so each is rendered again on its next download (and the outdated file
/// deleted once the new one is recorded).
pub(crate) fn branding_tag(branding: &Branding) -> String {
    format!("b{}", branding.version())
}

/// Where the stored PDF's key is written once rendered.
pub(crate) enum Record {
    Invoice {
        id: Uuid,
        version: i32,
    },
    Quote {
        id: Uuid,
        version: i32,
    },
    Payment {
        id: Uuid,
    },
    CreditNote {
        id: Uuid,
    },
    /// Kept under a key derived from its content (statements): no row to write.
    Nowhere,
}

impl Record {
    /// Rows updated: 0 when the document changed since (its new version gets its own PDF).
    fn write(self, conn: &mut PgConn, key: &str) -> Result<usize, ApiError> {
        Ok(match self {
            Record::Invoice { id, version } => nourx_db::invoices::set_pdf(conn, id, key, version)?,
            Record::Quote { id, version } => nourx_db::quotes::set_pdf(conn, id, key, version)?,
            Record::Payment { id } => nourx_db::payments::set_receipt_pdf(conn, id, key)?,
            Record::CreditNote { id } => nourx_db::credit_notes::set_pdf(conn, id, key)?,
            Record::Nowhere => 0,
        })
    }
}

/// A request for a PDF: its headers (for `If-None-Match`), the app, and `?lang=` (400 when
/// malformed, after the session and the path were checked).
pub(crate) struct PdfRequest {
    req: HttpRequest,
    state: web::Data<AppState>,
    query: PdfQuery,
}

impl FromRequest for PdfRequest {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let query = web::Query::<PdfQuery>::from_request(req, payload);
        let state = web::Data::<AppState>::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move { Ok(PdfRequest { req, state: state.await?, query: query.await?.into_inner() }) })
    }
}

impl PdfRequest {
    /// Serves the PDF that `prepare` describes for the `?lang=` asked: see [`serve_pdf`].
    pub(crate) async fn serve<F>(self, prepare: F) -> ApiResult<HttpResponse>
    where
        F: FnOnce(&mut PgConn, &PdfQuery) -> Result<StoredPdf, ApiError> + Send + 'static,
    {
        let query = self.query;
        serve_pdf(&self.req, &self.state, move |conn| prepare(conn, &query)).await
    }
}

/// Serves the PDF that `prepare` describes (it also decides who may see it): 304 to a matching
/// `If-None-Match`, else the stored file, rendered and stored first when there is none.
async fn serve_pdf<F>(req: &HttpRequest, state: &AppState, prepare: F) -> ApiResult<HttpResponse>
where
    F: FnOnce(&mut PgConn) -> Result<StoredPdf, ApiError> + Send + 'static,
{
    let pdf = state.db.run(prepare).await?;
    let not_modified = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == pdf.etag));
    if not_modified {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, pdf.etag)).finish());
    }
    let (etag, filename) = (pdf.etag.clone(), pdf.filename.clone());
    let bytes = match state.storage.get(&pdf.key).await.map_err(ApiError::internal)? {
        Some(bytes) => bytes,
        None => render_and_store(state, pdf).await?,
    };
    let ascii_name: String =
        filename.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{ascii_name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::ETAG, etag))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}

async fn render_and_store(state: &AppState, pdf: StoredPdf) -> Result<Vec<u8>, ApiError> {
    let StoredPdf { mut document, key, previous_key, record, logo_key, .. } = pdf;
    let key = key.as_str();
    if let Some(logo_key) = logo_key {
        // A logo the storage lost is left out rather than stopping the document.
        document.letterhead_mut().logo_png = state.storage.get(&logo_key).await.map_err(ApiError::internal)?;
    }
    let renderer = PdfService::renderer()?;
    let bytes = web::block(move || match &document {
        Printable::Billing(document) => renderer.render(document),
        Printable::Receipt(document) => renderer.render_receipt(document),
        Printable::Statement(document) => renderer.render_statement(document),
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    state.storage.put(key, bytes.clone(), "application/pdf").await.map_err(ApiError::internal)?;
    let stored_key = key.to_owned();
    let recorded = state.db.run(move |conn| record.write(conn, &stored_key)).await?;
    // The PDF of an older version is of no more use once the new one is recorded.
    if recorded > 0
        && let Some(previous) = previous_key.filter(|previous| previous != key)
        && let Err(error) = state.storage.delete(&previous).await
    {
        tracing::warn!(%error, key = %previous, "could not delete an outdated PDF");
    }
    Ok(bytes)
}
