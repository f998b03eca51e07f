//! « Voir un PDF d'exemple »: the sample invoice of `nourx_pdf::sample`, printed with the saved
//! branding and billing terms, rendered on each request and never stored.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use nourx_domain::StaffAction;

use super::Branding;
use crate::AppState;
use crate::billing::lang_of;
use crate::documents::storage_error;
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::pagination::choice;
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::services::pdf::{PdfQuery, PdfService};

/// A sample invoice (NX-2026-0042 for Akwaba Digital) with the saved branding: letterhead, logo,
/// colour, payment instructions, legal footer and the billing settings' payment terms (admins).
#[utoipa::path(
    tag = "admin",
    params(PdfQuery),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 400, description = "Unknown language", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/settings/branding/sample-pdf/")]
pub async fn branding_sample_pdf(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<PdfQuery>,
) -> ApiResult<HttpResponse> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let lang = lang_of(choice("lang", query.lang.as_deref(), &["fr", "en"])?.unwrap_or("fr"));
    let (branding, billing) =
        state.db.run(|conn| Ok::<_, ApiError>((Branding::load(conn)?, crate::admin::billing_settings(conn)?))).await?;
    let mut document = nourx_pdf::sample::invoice(6);
    document.lang = lang;
    document.letterhead = branding.letterhead(lang);
    if let Some(key) = branding.logo_key() {
        document.letterhead.logo_png = state.storage.get(&key).await.map_err(storage_error)?;
    }
    document.payment_instructions = branding.payment_instructions(lang);
    document.payment_terms = Some(billing.payment_terms).filter(|terms| !terms.is_empty());
    let renderer = PdfService::renderer()?;
    let pdf = web::block(move || renderer.render(&document))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, "inline; filename=\"exemple-facture.pdf\""))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(pdf))
}
