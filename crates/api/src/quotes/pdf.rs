//! `GET /api/quotes/{id}/pdf/`: the quote as printed, rendered once per version, status and
//! language.

use actix_web::{HttpResponse, get, web};
use nourx_db::quotes;
use nourx_db::{PgConn, Scope, line_items};
use nourx_domain::Workflow;
use nourx_domain::billing::QuoteStatus;
use nourx_pdf::{BillingDocument, DocumentKind, Totals};
use uuid::Uuid;

use crate::billing::today;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;
use crate::services::pdf::{
    Branding, PdfQuery, PdfRequest, PdfResponses, Printable, Record, StoredPdf, branding_tag, client_block, lang_code,
};

fn prepare(conn: &mut PgConn, caller: &Caller, id: Uuid, query: &PdfQuery) -> Result<StoredPdf, ApiError> {
    let (quote, _, project_name) =
        quotes::find(conn, &caller.scope(), id, !caller.is_staff())?.ok_or(ApiError::NotFound)?;
    let client = nourx_db::clients::find(conn, &Scope::All, quote.client_id)?.ok_or(ApiError::NotFound)?;
    let lang = query.lang(&client)?;
    let branding = Branding::load(conn)?;
    let status = quote.status.effective(quote.valid_until, today());
    let stamp = match status {
        QuoteStatus::Accepted | QuoteStatus::Declined | QuoteStatus::Expired => {
            Some(status.label().get(lang).to_uppercase())
        }
        _ => None,
    };
    let pricing = crate::line_items::printed_pricing(line_items::of_quotes(conn, &[id])?, quote.discount_bp);
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
        letterhead: branding.letterhead(lang),
        client: client_block(&client),
        project_name,
        items: pricing.items,
        totals: Totals {
            total_ht: quote.total_ht,
            total_tva: quote.total_tva,
            total_ttc: quote.total_ttc,
            subtotal_ht: pricing.subtotal_ht,
            discount_bp: quote.discount_bp,
            discount_total: pricing.discount_total,
            ..Totals::default()
        },
        notes: Some(quote.notes.clone()).filter(|n| !n.is_empty()),
        payment_instructions: Vec::new(),
        payment_terms: Some(quote.payment_terms.clone()),
        vat_breakdown: pricing.vat_breakdown,
        extra_meta: Vec::new(),
    };
    let tag = format!("v{}-{}-{}-{}", quote.version, status.as_str(), lang_code(lang), branding_tag(&branding));
    let name = quote.number.clone().unwrap_or_else(|| format!("brouillon-{id}"));
    Ok(StoredPdf {
        document: Printable::Billing(document),
        key: format!("pdf/quotes/{id}/{tag}.pdf"),
        etag: format!("\"quote-{id}-{tag}\""),
        filename: format!("{name}.pdf"),
        previous_key: quote.pdf_key,
        record: Record::Quote { id, version: quote.version },
        logo_key: branding.logo_key(),
    })
}

/// The quote as a PDF (A4, in the client's language unless `?lang=`). Drafts: NOURX staff only.
#[utoipa::path(
    tag = "quotes",
    params(("id" = Uuid, Path), PdfQuery),
    responses(
        PdfResponses,
        (status = 404, description = "No such quote, another client's, or a draft seen by a client", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/quotes/{id}/pdf/")]
pub async fn quote_pdf(caller: Caller, id: web::Path<Uuid>, pdf: PdfRequest) -> ApiResult<HttpResponse> {
    pdf.serve(move |conn, query| prepare(conn, &caller, id.into_inner(), query)).await
}
