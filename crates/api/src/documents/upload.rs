//! Uploads: the presigned form that records a pending document, and the completion that verifies
//! what arrived (see the two keys per document in `handlers`).

use actix_web::{HttpResponse, post, web};
use chrono::TimeDelta;
use diesel::Connection;
use nourx_db::Scope;
use nourx_db::audit::{self, AuditContext};
use nourx_db::documents::{self, Document, NewDocument};
use nourx_domain::documents::{
    ALLOWED_TYPES, DocumentUse, FileType, Received, UPLOAD_URL_TTL, UploadRefusal, UploadRules, Visibility,
    completion_start, judge_upload, nothing_received, sanitize_filename,
};
use nourx_domain::{Action, Message};
use nourx_storage::{ObjectDigest, PresignedUpload, Storage, UploadPolicy};
use uuid::Uuid;

use super::dto::*;
use super::handlers::{audit_document, delete_quietly, file_key, find_for, storage_error, to_dto, upload_key};
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::dto_util::not_found_reference;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// The file a presign announces, checked.
struct AnnouncedFile {
    file_type: &'static FileType,
    size: u64,
    /// Sanitised.
    filename: String,
}

/// The announced file, checked: its allowed type, its size and its sanitised name; or every
/// problem at once.
fn validate_file(body: &PresignRequest, rules: UploadRules) -> Result<AnnouncedFile, ApiError> {
    let file_type = rules.check_type(&body.content_type);
    let size = rules.check_size(body.size);
    // The extension follows the type; with a refused type, the name is still checked.
    let filename = sanitize_filename(&body.filename, file_type.as_ref().map_or(&ALLOWED_TYPES[0], |t| *t));
    match (file_type, size, filename) {
        (Ok(file_type), Ok(size), Ok(filename)) => Ok(AnnouncedFile { file_type, size, filename }),
        (file_type, size, filename) => {
            let mut errors = FieldErrors::new();
            for (field, problem) in
                [("content_type", file_type.err()), ("size", size.err()), ("filename", filename.err())]
            {
                if let Some(message) = problem {
                    errors.add(field, message);
                }
            }
            Err(ApiError::Validation(errors))
        }
    }
}

/// Where an upload goes: a project's documents, or a ticket (an attachment of a message to come).
#[derive(Debug, Clone, Copy)]
enum UploadTarget {
    Project(Uuid),
    Ticket(Uuid),
}

impl UploadTarget {
    /// The target a presign names: exactly one of `project_id` and `ticket_id`.
    fn of(body: &PresignRequest) -> Result<UploadTarget, ApiError> {
        match (body.project_id, body.ticket_id) {
            (Some(project), None) => Ok(UploadTarget::Project(project)),
            (None, Some(ticket)) => Ok(UploadTarget::Ticket(ticket)),
            _ => Err(ApiError::field(
                "project_id",
                Message::new(
                    "Indiquez un projet (project_id) ou un ticket (ticket_id), pas les deux.",
                    "Give a project (project_id) or a ticket (ticket_id), not both.",
                ),
            )),
        }
    }
}

/// The client of the target, and its project or ticket, if the caller may upload a document of
/// `visibility` to it.
fn upload_client(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    target: UploadTarget,
    visibility: Visibility,
) -> Result<(Uuid, Option<Uuid>, Option<Uuid>), ApiError> {
    match target {
        UploadTarget::Project(project_id) => {
            let project = nourx_db::projects::find(conn, &caller.scope(), project_id)?
                .ok_or_else(|| ApiError::field("project_id", not_found_reference("project_id")))?;
            for action in visibility.upload_actions() {
                caller.require(project.client_id, *action)?;
            }
            Ok((project.client_id, Some(project_id), None))
        }
        UploadTarget::Ticket(ticket_id) => {
            let ticket = nourx_db::tickets::find(conn, &caller.scope(), ticket_id)?
                .ok_or_else(|| ApiError::field("ticket_id", not_found_reference("ticket_id")))?;
            caller.require(ticket.client_id, Action::WriteTicketMessage)?;
            if visibility == Visibility::Internal {
                caller.require(ticket.client_id, Action::WriteInternal)?;
            }
            Ok((ticket.client_id, ticket.project_id, Some(ticket_id)))
        }
    }
}

/// A pending document about to be recorded.
struct PendingUpload {
    id: Uuid,
    client_id: Uuid,
    project_id: Option<Uuid>,
    ticket_id: Option<Uuid>,
    visibility: Visibility,
    file: AnnouncedFile,
}

impl PendingUpload {
    /// What the storage accepts: this key (ours alone: no text of the uploader's goes into it),
    /// this type and exactly this size.
    fn policy(&self) -> UploadPolicy {
        UploadPolicy {
            key: upload_key(self.client_id, self.id),
            content_type: self.file.file_type.mime.to_owned(),
            min_size: self.file.size,
            max_size: self.file.size,
            expires_in: UPLOAD_URL_TTL,
        }
    }

    fn response(&self, presigned: PresignedUpload) -> PresignResponse {
        PresignResponse {
            document_id: self.id,
            url: presigned.url,
            fields: FormFields(presigned.fields),
            expires_at: presigned.expires_at,
            max_size: self.file.size,
        }
    }

    /// Records the pending document within the client's storage quota (`quota` bytes, 0: none).
    fn record(
        &self,
        conn: &mut nourx_db::PgConn,
        quota: u64,
        uploader: Uuid,
        audit_context: &AuditContext,
    ) -> Result<(), ApiError> {
        super::usage::reserve(conn, quota, self.client_id, self.visibility, self.file.size)?;
        let document = NewDocument {
            id: self.id,
            client_id: self.client_id,
            project_id: self.project_id,
            ticket_id: self.ticket_id,
            uploaded_by: Some(uploader),
            filename: &self.file.filename,
            declared_type: self.file.file_type.mime,
            declared_size: self.file.size as i64,
            storage_key: &upload_key(self.client_id, self.id),
            visibility: self.visibility,
        }
        .insert(conn)
        .map_err(|error| match error {
            // The project was deleted since it was found.
            diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::ForeignKeyViolation, _) => {
                ApiError::field("project_id", not_found_reference("project_id"))
            }
            other => other.into(),
        })?;
        audit_document(conn, audit_context, "presign", (self.id, self.client_id), audit::snapshot(&document))?;
        Ok(())
    }
}

/// Starts an upload (client owners and members, NOURX staff) of a project document or of a ticket
/// attachment (then sent with a message: `attachment_ids`): records a pending document and
/// returns a presigned form for the storage, valid 15 minutes, that pins the object's key, its
/// `Content-Type` and its exact size. Send the file with it, then call
/// `POST /api/documents/{id}/complete/`. Uploads never completed are deleted after a day.
#[utoipa::path(
    tag = "documents",
    request_body = PresignRequest,
    responses(
        (status = 201, body = PresignResponse),
        (status = 400, description = "Type not allowed, empty or too large file, bad file name, a project or ticket the caller cannot use, or neither (or both)", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Viewer of the client, `internal` by a client, or CSRF check failed", body = ErrorDetail),
        (status = 409, description = "The client's documents and this file would exceed its storage quota (`storage_quota_exceeded`, with `quota_bytes` and `used_bytes`; `NOURX_LIMIT_STORAGE_QUOTA_MB`)", body = ErrorDetail),
        (status = 429, description = "Too many upload forms asked by this person within the hour (`NOURX_LIMIT_UPLOADS_PER_USER_PER_HOUR`; NOURX staff are not counted); see `Retry-After`", body = ErrorDetail),
        (status = 503, description = "The storage is unreachable", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/uploads/presign/")]
pub async fn presign_upload(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<PresignRequest>,
) -> ApiResult<HttpResponse> {
    let file = validate_file(&body, UploadRules { max_size: state.config.upload_max_bytes })?;
    let limits = state.config.limits;
    rate_limit::check_unless_staff(&state.db, &caller, limits.presigns_per_user, Bucket::PresignsBy(caller.id()))
        .await?;
    let (target, visibility, authorizer) = (UploadTarget::of(&body)?, body.visibility, caller.clone());
    let (client_id, project_id, ticket_id) =
        state.db.run(move |conn| upload_client(conn, &authorizer, target, visibility)).await?;
    let pending = PendingUpload { id: Uuid::now_v7(), client_id, project_id, ticket_id, visibility, file };
    let presigned = state.storage.presign_upload(&pending.policy()).await.map_err(storage_error)?;
    let response = pending.response(presigned);
    let (quota, uploader, audit_context) = (limits.storage_quota_bytes, caller.id(), caller.audit());
    state.db.run(move |conn| conn.transaction(|conn| pending.record(conn, quota, uploader, &audit_context))).await?;
    Ok(HttpResponse::Created().json(response))
}

/// The error answering an upload refusal: 409 when it was completed already, 400 otherwise.
fn refused(refusal: UploadRefusal) -> ApiError {
    let (code, message) = (refusal.code(), refusal.message());
    match refusal {
        UploadRefusal::AlreadyComplete => ApiError::Conflict { code, message, extra: serde_json::json!({}) },
        _ => ApiError::BadRequest { code, message },
    }
}

/// The pending document `id` the caller may complete now, and how long ago its form was issued.
fn start_completion(conn: &mut nourx_db::PgConn, caller: &Caller, id: Uuid) -> Result<(Document, TimeDelta), ApiError> {
    let document = find_for(conn, caller, id, DocumentUse::Complete)?;
    let age = nourx_db::clock::transaction_now(conn)? - document.created_at;
    completion_start(document.status, age).map_err(refused)?;
    Ok((document, age))
}

/// Copies the upload of `document` to a fresh file key, which only this completion knows; or says
/// why there was nothing to copy.
async fn copy_upload(state: &AppState, document: &Document, age: TimeDelta) -> Result<String, ApiError> {
    let copy = file_key(document.client_id, document.id);
    if state.storage.copy(&document.storage_key, &copy).await.map_err(storage_error)? {
        return Ok(copy);
    }
    // A concurrent completion (a double click) may have finished and deleted the upload.
    let id = document.id;
    let current =
        state.db.run(move |conn| documents::find(conn, &Scope::All, &Scope::All, id).map_err(ApiError::from)).await?;
    let status = current.map(|document| document.status).ok_or(ApiError::NotFound)?;
    Err(refused(nothing_received(status, age)))
}

/// What the storage holds under `copy`, read once.
async fn read_copy(storage: &Storage, copy: &str) -> Result<ObjectDigest, ApiError> {
    match storage.digest(copy).await {
        Ok(Some(digest)) => Ok(digest),
        failed => {
            delete_quietly(storage, copy, "the copy of an upload").await;
            Err(match failed {
                Err(error) => storage_error(error),
                // Nobody else knows this key: the storage lost what it had just written.
                _ => ApiError::Unavailable(format!("the copy {copy} vanished")),
            })
        }
    }
}

/// Deletes a refused upload: the objects (the verified copy `copy`, then the upload), then the
/// row, unless a concurrent completion made it ready meanwhile (then: `already_completed`).
async fn discard(state: &AppState, document: &Document, copy: &str) -> Result<(), ApiError> {
    state.storage.delete(copy).await.map_err(storage_error)?;
    state.storage.delete(&document.storage_key).await.map_err(storage_error)?;
    let id = document.id;
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| match documents::lock(conn, id)? {
                Some(document) if document.is_ready() => Err(refused(UploadRefusal::AlreadyComplete)),
                Some(_) => {
                    documents::delete(conn, id)?;
                    Ok(())
                }
                None => Ok(()),
            })
        })
        .await
}

/// Makes document `id` ready with the verified copy under `copy`, unless another completion won.
fn record_completion(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    id: Uuid,
    copy: &str,
    content_type: &str,
    digest: &ObjectDigest,
) -> Result<DocumentDto, ApiError> {
    let before = documents::lock(conn, id)?.ok_or(ApiError::NotFound)?;
    if before.is_ready() {
        return Err(refused(UploadRefusal::AlreadyComplete));
    }
    let after = documents::mark_ready(conn, id, copy, content_type, digest.size as i64, &digest.sha256)?;
    audit_document(conn, &caller.audit(), "upload", (id, after.client_id), audit::changes(&before, &after))?;
    to_dto(conn, caller, after)
}

/// Completes an upload (the uploader, or NOURX staff): checks that the storage holds the object
/// with the declared size, sniffs its type from its first bytes (it must be allowed and match the
/// declared type), records type, size and SHA-256, and makes the document visible. A file that
/// fails these checks is deleted, object and document.
#[utoipa::path(
    tag = "documents",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = DocumentDto),
        (status = 400, description = "Nothing uploaded yet (`upload_missing`), too late (`upload_expired`: nothing arrived before the form expired, or more than 12 hours passed), or a file of another size (`upload_size_mismatch`) or type (`file_type_rejected`), which is deleted", body = ErrorDetail),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not the uploader, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such document, another client's, or another person's pending upload", body = ErrorDetail),
        (status = 409, description = "Already completed (`already_completed`)", body = ErrorDetail),
        (status = 503, description = "The storage is unreachable", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/documents/{id}/complete/")]
pub async fn complete_upload(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<DocumentDto>> {
    let (id, checker) = (id.into_inner(), caller.clone());
    let (document, age) = state.db.run(move |conn| start_completion(conn, &checker, id)).await?;
    // Only this copy is verified, recorded and served: the upload form may write the upload key
    // again at any time until it expires.
    let copy = copy_upload(&state, &document, age).await?;
    let digest = read_copy(&state.storage, &copy).await?;
    let rules = UploadRules { max_size: state.config.upload_max_bytes };
    let received = Received { size: digest.size, head: &digest.head };
    let content_type = match judge_upload(rules, &document.declared_type, document.declared_size, received) {
        Ok(content_type) => content_type,
        Err(refusal) => {
            tracing::info!(document.id = %id, reason = %refusal.message().en, "uploaded file refused");
            discard(&state, &document, &copy).await?;
            return Err(refused(refusal));
        }
    };
    let recorded_key = copy.clone();
    let recorded = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| record_completion(conn, &caller, id, &recorded_key, content_type, &digest))
        })
        .await;
    // On failure, another completion won, the document was deleted, or the database failed.
    let (stale, what) = match &recorded {
        Ok(_) => (&document.storage_key, "a completed upload"),
        Err(_) => (&copy, "the copy of an upload"),
    };
    delete_quietly(&state.storage, stale, what).await;
    recorded.map(web::Json)
}
