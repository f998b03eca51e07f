//! The logo: uploaded straight to the storage with a presigned form (as documents are), then
//! checked (its size, its type sniffed from its bytes, and that it decodes as an image of at most
//! 5 000 pixels a side), resized into two PNGs (the PDFs', the emails' and the portal's) and
//! recorded in the branding.
//!
//! One upload waits at a time (`settings` row `branding_logo_upload`): a new form replaces the
//! previous one and deletes what it received; the upload itself is deleted once used. Resized
//! logos stay in the storage after a change: emails already sent show them.

use std::io::Cursor;

use actix_web::{HttpResponse, delete, post, put, web};
use chrono::{DateTime, Utc};
use diesel::Connection;
use image::{DynamicImage, ImageError, ImageFormat, ImageReader, Limits};
use nourx_db::{PgConn, audit};
use nourx_domain::branding::{LOGO_MAX_BYTES, LOGO_MAX_SIDE, LOGO_PDF_BOX, LOGO_WEB_BOX, fit_within, logo_type};
use nourx_domain::documents::{Received, UPLOAD_URL_TTL, UploadRefusal, UploadRules, judge_upload};
use nourx_domain::{Message, StaffAction};
use nourx_storage::{PresignedUpload, Storage, UploadPolicy};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::admin::{BrandingDto, save};
use super::{BRANDING_SETTINGS_KEY, Branding, Logo};
use crate::AppState;
use crate::documents::{FormFields, delete_quietly, storage_error};
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::payments::settings::{store, stored};

/// The `settings` row of the upload waiting to become the logo.
const PENDING_KEY: &str = "branding_logo_upload";

/// The upload a presigned form was given for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct PendingLogo {
    id: Option<Uuid>,
    content_type: String,
    size: u64,
}

impl PendingLogo {
    fn key(id: Uuid) -> String {
        format!("branding/uploads/{id}")
    }
}

/// The logo to upload.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoPresignRequest {
    /// `image/png`, `image/jpeg` or `image/webp`.
    #[schema(example = "image/png")]
    pub content_type: String,
    /// Exact size in bytes, 1 byte to 2 MB.
    #[schema(example = 48_213)]
    pub size: i64,
}

/// Where and how the browser sends the logo: a `multipart/form-data` POST to `url` with every
/// entry of `fields`, then the file as the last part, named `file`. Then
/// `PUT /api/admin/settings/branding/logo/` with `upload_id`.
#[derive(Debug, Serialize, ToSchema)]
pub struct LogoPresignResponse {
    pub upload_id: Uuid,
    pub url: String,
    #[schema(value_type = std::collections::HashMap<String, String>)]
    pub fields: FormFields,
    /// The form must be used before this instant (15 minutes).
    pub expires_at: DateTime<Utc>,
    pub max_size: u64,
}

/// The upload to make the logo.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetLogoRequest {
    pub upload_id: Uuid,
}

impl LogoPresignRequest {
    /// The upload to wait for, or a 400 naming the type and the size when refused.
    fn validate(&self) -> Result<PendingLogo, ApiError> {
        let mut errors = FieldErrors::new();
        let file_type = logo_type(&self.content_type).map_err(|message| errors.add("content_type", message)).ok();
        let size = UploadRules { max_size: LOGO_MAX_BYTES }
            .check_size(self.size)
            .map_err(|message| errors.add("size", message))
            .ok();
        errors.into_result()?;
        Ok(PendingLogo {
            id: Some(Uuid::now_v7()),
            content_type: file_type.map(|t| t.mime.to_owned()).unwrap_or_default(),
            size: size.unwrap_or_default(),
        })
    }
}

/// Records `pending` as the upload to wait for, audited; the upload it replaces, if any.
fn record_pending(conn: &mut PgConn, staff: &Staff, pending: &PendingLogo) -> Result<Option<Uuid>, ApiError> {
    let previous: PendingLogo = stored(conn, PENDING_KEY)?;
    store(conn, PENDING_KEY, pending, staff.id())?;
    let diff = serde_json::json!({"content_type": pending.content_type, "size": pending.size});
    audit::record(conn, &staff.audit(), "presign_logo", "settings", Some(BRANDING_SETTINGS_KEY.into()), diff)?;
    Ok(previous.id)
}

/// Starts a new logo (admins): a presigned form for the storage, valid 15 minutes, that pins the
/// object's key, its type and its exact size. Send the image with it, then
/// `PUT /api/admin/settings/branding/logo/`. Audited.
#[utoipa::path(
    tag = "admin",
    request_body = LogoPresignRequest,
    responses(
        (status = 201, body = LogoPresignResponse),
        (status = 400, description = "Not a PNG, JPEG or WebP type, or an empty or larger than 2 MB file", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 503, description = "The storage is unreachable", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/settings/branding/logo/presign/")]
pub async fn presign_logo(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<LogoPresignRequest>,
) -> ApiResult<HttpResponse> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let pending = body.validate()?;
    let id = pending.id.unwrap_or_default();
    let policy = UploadPolicy {
        key: PendingLogo::key(id),
        content_type: pending.content_type.clone(),
        min_size: pending.size,
        max_size: pending.size,
        expires_in: UPLOAD_URL_TTL,
    };
    let PresignedUpload { url, fields, expires_at } =
        state.storage.presign_upload(&policy).await.map_err(storage_error)?;
    let (max_size, record) = (pending.size, pending.clone());
    let previous = state.db.run(move |conn| conn.transaction(|conn| record_pending(conn, &staff, &record))).await?;
    if let Some(previous) = previous {
        delete_quietly(&state.storage, &PendingLogo::key(previous), "an unused logo upload").await;
    }
    let response = LogoPresignResponse { upload_id: id, url, fields: FormFields(fields), expires_at, max_size };
    Ok(HttpResponse::Created().json(response))
}

/// The logo resized for its two uses, as PNGs.
pub(crate) struct ResizedLogo {
    pub pdf_png: Vec<u8>,
    pub web_png: Vec<u8>,
    /// The web image's size.
    pub width: u32,
    pub height: u32,
}

/// `image` fitted in `bounds` (never enlarged) as a PNG, with its size. Eight bits a channel,
/// with an alpha channel only when the image has one.
fn fitted_png(image: &DynamicImage, bounds: (u32, u32)) -> Result<(Vec<u8>, u32, u32), ImageError> {
    let (width, height) = fit_within(image.width(), image.height(), bounds);
    let resized = if (width, height) == (image.width(), image.height()) {
        image.clone()
    } else {
        image.resize_exact(width, height, image::imageops::FilterType::Triangle)
    };
    let resized = if resized.color().has_alpha() {
        DynamicImage::ImageRgba8(resized.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(resized.to_rgb8())
    };
    let mut png = Vec::new();
    resized.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)?;
    Ok((png, width, height))
}

/// Decodes a logo of type `mime` (within [`LOGO_MAX_SIDE`] pixels a side, checked before
/// decoding) and resizes it for the PDFs and for the emails and the portal.
pub(crate) fn resize_logo(bytes: &[u8], mime: &str) -> Result<ResizedLogo, ImageError> {
    let format = match mime {
        "image/jpeg" => ImageFormat::Jpeg,
        "image/webp" => ImageFormat::WebP,
        _ => ImageFormat::Png,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(LOGO_MAX_SIDE);
    limits.max_image_height = Some(LOGO_MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode()?;
    let (pdf_png, _, _) = fitted_png(&image, LOGO_PDF_BOX)?;
    let (web_png, width, height) = fitted_png(&image, LOGO_WEB_BOX)?;
    Ok(ResizedLogo { pdf_png, web_png, width, height })
}

fn refused(refusal: UploadRefusal) -> ApiError {
    ApiError::BadRequest { code: refusal.code(), message: refusal.message() }
}

/// Why an image that passed the type check is still refused.
fn unreadable(error: &ImageError) -> ApiError {
    match error {
        ImageError::Limits(_) => ApiError::BadRequest {
            code: "image_too_large",
            message: Message::new(
                "L'image dépasse 5 000 pixels de côté : elle a été supprimée. Envoyez une image plus petite.",
                "The image is more than 5,000 pixels on a side: it was deleted. Upload a smaller one.",
            ),
        },
        _ => ApiError::BadRequest {
            code: "image_unreadable",
            message: Message::new(
                "Le fichier ne se lit pas comme une image : il a été supprimé. Envoyez un PNG, JPEG ou WebP valide.",
                "The file does not read as an image: it was deleted. Upload a valid PNG, JPEG or WebP.",
            ),
        },
    }
}

/// The bytes of the upload `id` (the one waiting), checked and resized; a refused file is deleted.
async fn checked_upload(state: &AppState, id: Uuid) -> Result<(PendingLogo, ResizedLogo), ApiError> {
    let pending: PendingLogo = state.db.run(|conn| stored(conn, PENDING_KEY)).await?;
    if pending.id != Some(id) {
        return Err(ApiError::field("upload_id", crate::http::dto_util::not_found_reference("upload_id")));
    }
    let key = PendingLogo::key(id);
    let bytes = state.storage.get(&key).await.map_err(storage_error)?.ok_or_else(|| refused(UploadRefusal::Missing))?;
    let received = Received { size: bytes.len() as u64, head: &bytes[..bytes.len().min(nourx_storage::HEAD_BYTES)] };
    let judged =
        judge_upload(UploadRules { max_size: LOGO_MAX_BYTES }, &pending.content_type, pending.size as i64, received)
            .map_err(refused);
    let resized = match judged {
        Ok(mime) => {
            web::block(move || resize_logo(&bytes, mime)).await.map_err(ApiError::internal)?.map_err(|e| unreadable(&e))
        }
        Err(error) => Err(error),
    };
    match resized {
        Ok(resized) => Ok((pending, resized)),
        Err(error) => {
            tracing::info!(upload.id = %id, code = error.code(), "logo refused");
            delete_quietly(&state.storage, &key, "a refused logo").await;
            Err(error)
        }
    }
}

/// Stores both images under a digest of the PDF's, so that the same logo keeps its addresses.
async fn store_images(storage: &Storage, resized: ResizedLogo, web_url: &str) -> Result<Logo, ApiError> {
    let digest = ring::digest::digest(&ring::digest::SHA256, &resized.pdf_png);
    let version = hex::encode(&digest.as_ref()[..8]);
    let logo = Logo {
        pdf_key: format!("branding/logo/{version}-pdf.png"),
        web_key: super::public::web_key(&version),
        width: resized.width,
        height: resized.height,
        email_url: format!("{}{}", web_url.trim_end_matches('/'), super::public::logo_path(&version)),
        version,
    };
    storage.put(&logo.pdf_key, resized.pdf_png, "image/png").await.map_err(storage_error)?;
    storage.put(&logo.web_key, resized.web_png, "image/png").await.map_err(storage_error)?;
    Ok(logo)
}

/// Makes `logo` the branding's, unless the upload `id` is no longer the one waiting (another
/// completion won); audited.
fn record_logo(conn: &mut PgConn, staff: &Staff, id: Uuid, logo: Logo) -> Result<Branding, ApiError> {
    let pending: PendingLogo = stored(conn, PENDING_KEY)?;
    if pending.id != Some(id) {
        return Err(ApiError::field("upload_id", crate::http::dto_util::not_found_reference("upload_id")));
    }
    store(conn, PENDING_KEY, &PendingLogo::default(), staff.id())?;
    let before = Branding::load(conn)?;
    let after = Branding { logo: Some(logo), ..before.clone() };
    save(conn, staff, "set_logo", &before, &after)?;
    Ok(after)
}

/// Makes an upload the logo (admins): checks that the storage holds the file announced (its size,
/// its type sniffed from its bytes), that it decodes as an image of at most 5 000 pixels a side,
/// resizes it for the PDFs (800×320 at most) and for the emails and the portal (480×160), and
/// records it; audited. A refused file is deleted. Every PDF is printed again with the new logo.
#[utoipa::path(
    tag = "admin",
    request_body = SetLogoRequest,
    responses(
        (status = 200, body = BrandingDto),
        (status = 400, description = "Not the upload waiting (`upload_id`), nothing received yet (`upload_missing`), another size (`upload_size_mismatch`) or type (`file_type_rejected`), not an image (`image_unreadable`) or too large a one (`image_too_large`); a refused file is deleted", body = ErrorDetail),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 503, description = "The storage is unreachable", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[put("/admin/settings/branding/logo/")]
pub async fn set_logo(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<SetLogoRequest>,
) -> ApiResult<web::Json<BrandingDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let id = body.upload_id;
    let (_, resized) = checked_upload(&state, id).await?;
    let logo = store_images(&state.storage, resized, &state.config.public_web_url).await?;
    let branding = state.db.run(move |conn| conn.transaction(|conn| record_logo(conn, &staff, id, logo))).await?;
    delete_quietly(&state.storage, &PendingLogo::key(id), "a used logo upload").await;
    Ok(web::Json(branding.into()))
}

/// Removes the logo (admins): the documents then print the name alone; audited.
#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, body = BrandingDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/admin/settings/branding/logo/")]
pub async fn delete_logo(staff: Staff, state: web::Data<AppState>) -> ApiResult<web::Json<BrandingDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let branding = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = Branding::load(conn)?;
                let after = Branding { logo: None, ..before.clone() };
                save(conn, &staff, "delete_logo", &before, &after)?;
                Ok::<_, ApiError>(after)
            })
        })
        .await?;
    Ok(web::Json(branding.into()))
}
