//! `GET /api/invoices/{id}/pdf/` and `GET /api/quotes/{id}/pdf/`: rendered once per version,
//! status and language, stored in object storage, then served from there.

use std::sync::{Arc, OnceLock};

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use nourx_db::clients::Client;
use nourx_db::line_items::{self, LineItem};
use nourx_db::{Scope, invoices, quotes};
use nourx_domain::billing::{InvoiceStatus, QuoteStatus};
use nourx_domain::{Lang, Workflow};
use nourx_pdf::{BillingDocument, ClientBlock, DocumentKind, Letterhead, PdfRenderer, Totals};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::dto::PdfQuery;
use super::{lang_of, today};
use crate::AppState;
use crate::http::caller::Caller;
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

/// The agency's letterhead and payment instructions (`settings` key `branding`). Every field
/// has a default, so a fresh install prints correct documents before anyone sets them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Branding {
    pub name: String,
    pub address_lines: Vec<String>,
    pub tax_ids: Vec<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// Base64 PNG, or none.
    pub logo_png_base64: Option<String>,
    pub payment_instructions_fr: Vec<String>,
    pub payment_instructions_en: Vec<String>,
}

impl Default for Branding {
    fn default() -> Self {
        Branding {
            name: "NOURX".into(),
            address_lines: vec!["Cocody Riviera 3, rue des Jardins".into(), "Abidjan, Côte d'Ivoire".into()],
            tax_ids: vec!["RCCM : CI-ABJ-2021-B-12345".into(), "NCC : 2101234A".into()],
            email: Some("facturation@nourx.ci".into()),
            phone: Some("+225 07 00 00 00 00".into()),
            website: Some("nourx.ci".into()),
            logo_png_base64: None,
            payment_instructions_fr: vec![
                "Paiement en ligne (Mobile Money ou carte) depuis votre espace client NOURX.".into(),
                "Virement bancaire : NOURX SARL — IBAN CI93 CI000 01234 567890123456 78.".into(),
                "Merci d'indiquer le numéro de facture dans le libellé du paiement.".into(),
            ],
            payment_instructions_en: vec![
                "Pay online (mobile money or card) from your NOURX client portal.".into(),
                "Bank transfer: NOURX SARL — IBAN CI93 CI000 01234 567890123456 78.".into(),
                "Please quote the invoice number with your payment.".into(),
            ],
        }
    }
}

impl Branding {
    pub fn load(conn: &mut nourx_db::PgConn) -> Result<Branding, ApiError> {
        Ok(nourx_db::settings::get(conn, "branding")?
            .and_then(|value| serde_json::from_value(value).ok())
            .unwrap_or_default())
    }

    pub(crate) fn letterhead(&self) -> Letterhead {
        use base64::Engine;
        Letterhead {
            name: self.name.clone(),
            address_lines: self.address_lines.clone(),
            tax_ids: self.tax_ids.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            website: self.website.clone(),
            logo_png: self
                .logo_png_base64
                .as_deref()
                .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok()),
        }
    }

    fn payment_instructions(&self, lang: Lang) -> Vec<String> {
        match lang {
            Lang::Fr => self.payment_instructions_fr.clone(),
            Lang::En => self.payment_instructions_en.clone(),
        }
    }
}

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

fn pdf_items(items: Vec<LineItem>) -> Vec<nourx_pdf::LineItem> {
    items
        .into_iter()
        .map(|item| nourx_pdf::LineItem {
            label: item.label,
            description: Some(item.description).filter(|d| !d.is_empty()),
            quantity_hundredths: item.quantity_hundredths,
            unit_price: item.unit_price,
            tax_rate_bp: item.tax_rate_bp,
            total_ht: item.total_ht,
            total_tva: item.total_tva,
        })
        .collect()
}

/// What to print and where to keep it.
pub(crate) struct Prepared {
    pub document: Printable,
    pub key: String,
    pub etag: String,
    pub filename: String,
    pub previous_key: Option<String>,
    pub record: Record,
}

pub(crate) enum Printable {
    Billing(BillingDocument),
    Receipt(nourx_pdf::ReceiptDocument),
}

/// Where the stored PDF's key is written once rendered.
pub(crate) enum Record {
    Invoice { id: Uuid, version: i32 },
    Quote { id: Uuid, version: i32 },
    Payment { id: Uuid },
}

pub(crate) fn pick_lang(query: &PdfQuery, client: &Client) -> Result<Lang, ApiError> {
    Ok(match choice("lang", query.lang.as_deref(), &["fr", "en"])? {
        Some(code) => lang_of(code),
        None => Lang::from(client.language),
    })
}

pub(crate) fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

fn prepare_invoice(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    id: Uuid,
    query: &PdfQuery,
) -> Result<Prepared, ApiError> {
    let (invoice, _, project_name) =
        invoices::find(conn, &caller.scope(), id, !caller.is_admin())?.ok_or(ApiError::NotFound)?;
    let client = nourx_db::clients::find(conn, &Scope::All, invoice.client_id)?.ok_or(ApiError::NotFound)?;
    let lang = pick_lang(query, &client)?;
    let branding = Branding::load(conn)?;
    let items = line_items::of_invoices(conn, &[id])?;
    let status = InvoiceStatus::parse(&invoice.status).unwrap_or(InvoiceStatus::Draft);
    let stamp = match status {
        InvoiceStatus::Paid | InvoiceStatus::Cancelled => Some(status.label().get(lang).to_uppercase()),
        _ => None,
    };
    let tag = format!("v{}-{}-{}", invoice.version, status.as_str(), lang_code(lang));
    let document = BillingDocument {
        kind: DocumentKind::Invoice,
        lang,
        number: invoice.number.clone(),
        title: Some(invoice.title.clone()).filter(|t| !t.is_empty()),
        issue_date: invoice.issue_date.unwrap_or_else(today),
        due_date: invoice.due_date,
        valid_until: None,
        status_label: stamp,
        currency: invoice.currency.clone(),
        letterhead: branding.letterhead(),
        client: client_block(&client),
        project_name,
        items: pdf_items(items),
        totals: Totals {
            total_ht: invoice.total_ht,
            total_tva: invoice.total_tva,
            total_ttc: invoice.total_ttc,
            amount_paid: invoice.amount_paid,
            balance_due: if status.is_unpaid() { invoice.total_ttc - invoice.amount_paid } else { 0 },
        },
        notes: Some(invoice.notes.clone()).filter(|n| !n.is_empty()),
        payment_instructions: if status.is_unpaid() || status == InvoiceStatus::Draft {
            branding.payment_instructions(lang)
        } else {
            Vec::new()
        },
    };
    let name = invoice.number.clone().unwrap_or_else(|| format!("brouillon-{id}"));
    Ok(Prepared {
        document: Printable::Billing(document),
        key: format!("pdf/invoices/{id}/{tag}.pdf"),
        etag: format!("\"invoice-{id}-{tag}\""),
        filename: format!("{name}.pdf"),
        previous_key: invoice.pdf_key,
        record: Record::Invoice { id, version: invoice.version },
    })
}

fn prepare_quote(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    id: Uuid,
    query: &PdfQuery,
) -> Result<Prepared, ApiError> {
    let (quote, _, project_name) =
        quotes::find(conn, &caller.scope(), id, !caller.is_admin())?.ok_or(ApiError::NotFound)?;
    let client = nourx_db::clients::find(conn, &Scope::All, quote.client_id)?.ok_or(ApiError::NotFound)?;
    let lang = pick_lang(query, &client)?;
    let branding = Branding::load(conn)?;
    let items = line_items::of_quotes(conn, &[id])?;
    let status = QuoteStatus::parse(&quote.status).unwrap_or(QuoteStatus::Draft).effective(quote.valid_until, today());
    let stamp = match status {
        QuoteStatus::Accepted | QuoteStatus::Declined | QuoteStatus::Expired => {
            Some(status.label().get(lang).to_uppercase())
        }
        _ => None,
    };
    let tag = format!("v{}-{}-{}", quote.version, status.as_str(), lang_code(lang));
    let document = BillingDocument {
        kind: DocumentKind::Quote,
        lang,
        number: quote.number.clone(),
        title: Some(quote.title.clone()).filter(|t| !t.is_empty()),
        issue_date: quote.issue_date.unwrap_or_else(today),
        due_date: None,
        valid_until: quote.valid_until,
        status_label: stamp,
        currency: quote.currency.clone(),
        letterhead: branding.letterhead(),
        client: client_block(&client),
        project_name,
        items: pdf_items(items),
        totals: Totals {
            total_ht: quote.total_ht,
            total_tva: quote.total_tva,
            total_ttc: quote.total_ttc,
            amount_paid: 0,
            balance_due: 0,
        },
        notes: Some(quote.notes.clone()).filter(|n| !n.is_empty()),
        payment_instructions: Vec::new(),
    };
    let name = quote.number.clone().unwrap_or_else(|| format!("brouillon-{id}"));
    Ok(Prepared {
        document: Printable::Billing(document),
        key: format!("pdf/quotes/{id}/{tag}.pdf"),
        etag: format!("\"quote-{id}-{tag}\""),
        filename: format!("{name}.pdf"),
        previous_key: quote.pdf_key,
        record: Record::Quote { id, version: quote.version },
    })
}

/// Serves the stored PDF of this version, rendering and storing it first when there is none.
pub(crate) async fn serve(req: &HttpRequest, state: &AppState, prepared: Prepared) -> ApiResult<HttpResponse> {
    let not_modified = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == prepared.etag));
    if not_modified {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, prepared.etag)).finish());
    }
    let storage = &state.storage;
    let stored = storage.get(&prepared.key).await.map_err(ApiError::internal)?;
    let bytes = match stored {
        Some(bytes) => bytes,
        None => {
            let document = prepared.document;
            let renderer = PdfService::renderer()?;
            let bytes = web::block(move || match &document {
                Printable::Billing(document) => renderer.render(document),
                Printable::Receipt(document) => renderer.render_receipt(document),
            })
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)?;
            storage.put(&prepared.key, bytes.clone(), "application/pdf").await.map_err(ApiError::internal)?;
            let key = prepared.key.clone();
            let record = prepared.record;
            let recorded = state
                .db
                .run(move |conn| {
                    Ok::<_, ApiError>(match record {
                        Record::Invoice { id, version } => invoices::set_pdf(conn, id, &key, version)?,
                        Record::Quote { id, version } => quotes::set_pdf(conn, id, &key, version)?,
                        Record::Payment { id } => nourx_db::payments::set_receipt_pdf(conn, id, &key)?,
                    })
                })
                .await?;
            // The PDF of an older version is of no more use once the new one is recorded.
            if recorded > 0
                && let Some(previous) = prepared.previous_key.filter(|previous| *previous != prepared.key)
                && let Err(error) = storage.delete(&previous).await
            {
                tracing::warn!(%error, key = %previous, "could not delete an outdated PDF");
            }
            bytes
        }
    };
    let ascii_name: String = prepared
        .filename
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{ascii_name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::ETAG, prepared.etag))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}

/// The invoice as a PDF (A4, in the client's language unless `?lang=`). Drafts: NOURX staff only,
/// marked "BROUILLON". Answers 304 to a matching `If-None-Match`.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path), PdfQuery),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 304, description = "Unchanged since the ETag given in `If-None-Match`"),
        (status = 400, description = "Unknown language", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such invoice, another client's, or a draft seen by a client", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/invoices/{id}/pdf/")]
pub async fn invoice_pdf(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<PdfQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let query = query.into_inner();
    let prepared = state.db.run(move |conn| prepare_invoice(conn, &caller, id, &query)).await?;
    serve(&req, &state, prepared).await
}

/// The quote as a PDF (A4, in the client's language unless `?lang=`). Drafts: NOURX staff only.
#[utoipa::path(
    tag = "quotes",
    params(("id" = Uuid, Path), PdfQuery),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 304, description = "Unchanged since the ETag given in `If-None-Match`"),
        (status = 400, description = "Unknown language", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such quote, another client's, or a draft seen by a client", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/quotes/{id}/pdf/")]
pub async fn quote_pdf(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<PdfQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let query = query.into_inner();
    let prepared = state.db.run(move |conn| prepare_quote(conn, &caller, id, &query)).await?;
    serve(&req, &state, prepared).await
}
