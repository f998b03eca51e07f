//! What anyone may read of the branding: the name, the logo and the colour the portal's header
//! and the login page show. Nothing else (no address, no bank details) is public.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::Branding;
use super::admin::LogoDto;
use crate::AppState;
use crate::documents::storage_error;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;

/// The logo's public address, from the site's root.
pub(crate) fn logo_path(version: &str) -> String {
    format!("/api/branding/logo/{version}/")
}

/// Where the emails' and the portal's logo of `version` is kept.
pub(crate) fn web_key(version: &str) -> String {
    format!("branding/logo/{version}-web.png")
}

/// The agency as the portal shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicBrandingDto {
    #[schema(example = "NOURX")]
    pub name: String,
    /// `#rrggbb`, dark enough for white text on it.
    #[schema(example = "#0b4f6c")]
    pub primary_color: String,
    /// None: show the name.
    pub logo: Option<LogoDto>,
}

impl From<&Branding> for PublicBrandingDto {
    fn from(branding: &Branding) -> Self {
        PublicBrandingDto {
            name: branding.name.clone(),
            primary_color: branding.color.clone(),
            logo: branding.logo.as_ref().map(|logo| LogoDto {
                url: logo_path(&logo.version),
                width: logo.width,
                height: logo.height,
            }),
        }
    }
}

/// Whether the request's `If-None-Match` names `etag`.
fn not_modified(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag))
}

/// The agency's name, logo and colour (anyone, no session needed). Cached a minute by browsers
/// and proxies, then revalidated with its ETag (304 while unchanged).
#[utoipa::path(
    tag = "branding",
    responses(
        (status = 200, body = PublicBrandingDto),
        (status = 304, description = "Unchanged since the ETag given in `If-None-Match`"),
    )
)]
#[get("/branding/")]
pub async fn public_branding(req: HttpRequest, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let branding = state.db.run(Branding::load).await?;
    let etag = format!("\"branding-{}\"", branding.version());
    let cache = (header::CACHE_CONTROL, "public, max-age=60");
    if not_modified(&req, &etag) {
        return Ok(HttpResponse::NotModified().insert_header(cache).insert_header((header::ETAG, etag)).finish());
    }
    Ok(HttpResponse::Ok()
        .insert_header(cache)
        .insert_header((header::ETAG, etag))
        .json(PublicBrandingDto::from(&branding)))
}

/// A logo (PNG, at most 480×160), by the version in its address (anyone). Its address changes with
/// the logo, so it is cached for a year; older logos stay readable for the emails that show them.
#[utoipa::path(
    tag = "branding",
    params(("version" = String, Path, description = "16 hexadecimal digits")),
    responses(
        (status = 200, description = "The logo", content_type = "image/png", body = Vec<u8>),
        (status = 404, description = "No such logo", body = ErrorDetail),
    )
)]
#[get("/branding/logo/{version}/")]
pub async fn branding_logo(state: web::Data<AppState>, version: web::Path<String>) -> ApiResult<HttpResponse> {
    let version = version.into_inner();
    if version.len() != 16 || !version.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
        return Err(ApiError::NotFound);
    }
    let bytes = state.storage.get(&web_key(&version)).await.map_err(storage_error)?.ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(bytes))
}
