//! The two URLs of the local storage backend (`nourx_storage::LocalStorage`): the upload form
//! and the download links it signs. They behave like S3's presigned POST and GET, so the web app
//! has one code path; the signature is the authorization (no session, no CSRF token). With the S3
//! backend, browsers talk to the bucket and these answer 404.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentEncoding};
use actix_web::{HttpRequest, HttpResponse, ResponseError, get, post, web};
use futures_util::StreamExt;
use nourx_storage::local::{MAX_FORM_FIELD_BYTES, MAX_FORM_FIELDS};
use nourx_storage::{LocalStorage, Refusal, Storage, StorageError, StoredUpload};
use serde_json::json;
use utoipa::ToSchema;

use crate::AppState;
use crate::http::error::{ApiError, EnglishBody};
use crate::http::schemas::ErrorDetail;

/// The upload form, as presigned by the API: its fields in order, then the file, last.
#[derive(ToSchema)]
#[allow(dead_code)] // Documentation only: the handler reads the form as a stream.
pub struct StorageUploadForm {
    /// The object's key, exactly as presigned.
    #[schema(example = "documents/0190f3a2-7c1e-7d2a-9b1c-1f2e3d4c5b6a/contrat.pdf")]
    key: String,
    /// The media type, exactly as presigned.
    #[schema(rename = "Content-Type", example = "application/pdf")]
    content_type: String,
    /// The base64 JSON policy: expiration, bucket `local`, key, `Content-Type`, content-length-range.
    policy: String,
    /// Hex HMAC-SHA256 of `policy`.
    #[schema(rename = "x-nourx-signature")]
    x_nourx_signature: String,
    /// The file; the last part of the form (anything after it is ignored, as on S3).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Stores a file sent with a form presigned by the API (local storage only).
///
/// The same request as an S3 presigned POST: `multipart/form-data` with every presigned field,
/// then the `file` part. The form's signature, expiry and policy are checked before the file is
/// read, and the file is refused as soon as it exceeds the policy's maximum size.
#[utoipa::path(
    tag = "storage",
    request_body(content = inline(StorageUploadForm), content_type = "multipart/form-data"),
    responses(
        (status = 204, description = "Stored"),
        (status = 400, description = "Not a readable form, no file part, or a file under the minimum size \
            (`malformed_post_request`, `entity_too_small`)", body = ErrorDetail),
        (status = 403, description = "Bad or expired signature, or a field outside the signed policy \
            (`signature_does_not_match`, `request_expired`, `policy_violation`)", body = ErrorDetail),
        (status = 404, description = "The app stores its files on S3: upload to the bucket", body = ErrorDetail),
        (status = 413, description = "The file exceeds the policy's maximum size (`entity_too_large`)", body = ErrorDetail),
    )
)]
#[post("/storage/upload/")]
pub async fn upload_object(state: web::Data<AppState>, form: Multipart) -> HttpResponse {
    let Storage::Local(local) = &state.storage else {
        return ApiError::NotFound.error_response();
    };
    match receive_upload(local, form).await {
        Ok(stored) => {
            tracing::info!(key = %stored.key, size = stored.size, "local storage: upload stored");
            HttpResponse::NoContent().finish()
        }
        Err(error) => error_response(error),
    }
}

/// Reads the text fields up to the file part, checks them, then streams the file to disk.
async fn receive_upload(local: &LocalStorage, mut form: Multipart) -> Result<StoredUpload, StorageError> {
    let unreadable = |error: &dyn std::fmt::Display| {
        Refusal::malformed("Le formulaire d'envoi est illisible.", format!("The upload form is unreadable: {error}"))
    };
    let mut fields = Vec::new();
    while let Some(part) = form.next().await {
        let mut part = part.map_err(|e| unreadable(&e))?;
        let name = part.name().unwrap_or_default().to_owned();
        if name.eq_ignore_ascii_case("file") {
            let ticket = local.verify_upload_form(&fields)?;
            // What follows the file is ignored, as on S3.
            return local.store_upload(&ticket, part).await;
        }
        if fields.len() >= MAX_FORM_FIELDS {
            return Err(unreadable(&"too many fields"));
        }
        let value = match part.bytes(MAX_FORM_FIELD_BYTES).await {
            Ok(Ok(value)) => value,
            Ok(Err(error)) => return Err(unreadable(&error)),
            Err(_) => return Err(unreadable(&format!("the field {name} is too long"))),
        };
        let value = String::from_utf8(value.to_vec()).map_err(|e| unreadable(&e))?;
        fields.push((name, value));
    }
    Err(Refusal::malformed(
        "Le formulaire d'envoi ne contient pas de fichier (partie « file »).",
        "The upload form holds no file (a part named \"file\").",
    ))
}

/// Downloads a file with a link signed by the API (local storage only).
///
/// Served as an attachment (`Content-Disposition: attachment; filename*=UTF-8''…`), never cached.
#[utoipa::path(
    tag = "storage",
    params(
        ("key" = String, Path, description = "The object's key (may contain `/`)"),
        ("response-content-type" = String, Query, description = "Signed: the `Content-Type` to serve"),
        ("response-content-disposition" = String, Query, description = "Signed: the `Content-Disposition` to serve"),
        ("X-Nourx-Expires" = i64, Query, description = "Signed: the link's expiry, in Unix seconds"),
        ("X-Nourx-Signature" = String, Query, description = "Hex HMAC-SHA256 of the key and the values above"),
    ),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 403, description = "Unsigned link, bad or expired signature \
            (`access_denied`, `signature_does_not_match`, `request_expired`)", body = ErrorDetail),
        (status = 404, description = "No such file, or the app stores its files on S3", body = ErrorDetail),
    )
)]
#[get("/storage/download/{key:.*}")]
pub async fn download_object(state: web::Data<AppState>, req: HttpRequest, key: web::Path<String>) -> HttpResponse {
    let Storage::Local(local) = &state.storage else {
        return ApiError::NotFound.error_response();
    };
    // The web app's `/api/*` rewrite appends a slash; keys never end with one.
    let key = key.strip_suffix('/').unwrap_or(&key);
    match local.resolve_download(key, req.query_string()).await {
        Ok(download) => HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, download.content_type.as_str()))
            .insert_header((header::CONTENT_DISPOSITION, download.content_disposition.as_str()))
            .insert_header((header::CACHE_CONTROL, "private, no-store"))
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            // Documents are mostly compressed already, and this keeps the exact Content-Length.
            .insert_header(ContentEncoding::Identity)
            .no_chunking(download.size)
            .streaming(download.chunks().map(|chunk| chunk.map(web::Bytes::from))),
        Err(error) => error_response(error),
    }
}

/// Refusals as `{"detail", "code"}` in French (English through the `localize` middleware), with
/// S3's statuses; anything else is an internal error.
fn error_response(error: StorageError) -> HttpResponse {
    match error {
        StorageError::Refused(refusal) => {
            tracing::info!(code = refusal.code, reason = %refusal.detail_en, "local storage: request refused");
            let status = StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST);
            let mut response = HttpResponse::build(status)
                .insert_header((header::CONTENT_LANGUAGE, "fr"))
                .json(json!({"detail": refusal.detail_fr, "code": refusal.code}));
            let english = json!({"detail": refusal.detail_en, "code": refusal.code}).to_string();
            response.extensions_mut().insert(EnglishBody(english));
            response
        }
        StorageError::InvalidKey(_) => ApiError::NotFound.error_response(),
        other => ApiError::internal(other).error_response(),
    }
}
