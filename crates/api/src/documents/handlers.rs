use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use diesel::Connection;
use nourx_db::audit::{self, AuditContext};
use nourx_db::documents::{self, Document, DocumentFilter, NewDocument};
use nourx_db::{Db, Scope};
use nourx_domain::documents::{
    ABANDONED_AFTER, ALLOWED_TYPES, COMPLETE_WINDOW, DOWNLOAD_URL_TTL, FileType, UPLOAD_URL_TTL, UploadRules,
    Visibility, sanitize_filename, verify_content,
};
use nourx_domain::{Action, Message};
use nourx_storage::{Storage, StorageError, UploadPolicy};
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::dto_util::not_found_reference;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice, ordering};
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// A storage failure: unreachable or failing storage is a 503 (retry later); anything else is a
/// bug of ours (a key or request the storage refuses to sign).
fn storage_error(error: StorageError) -> ApiError {
    match error {
        StorageError::Io { .. } | StorageError::S3 { .. } => ApiError::Unavailable(error.to_string()),
        other => ApiError::internal(other),
    }
}

/// The clients whose internal documents the caller may see (only NOURX staff, today).
fn internal_scope(caller: &Caller) -> Scope {
    if caller.is_admin() {
        return Scope::All;
    }
    Scope::Clients(
        caller.memberships.iter().map(|(id, _)| *id).filter(|id| caller.can(*id, Action::ReadInternal)).collect(),
    )
}

fn uploaded_by_caller(caller: &Caller, document: &Document) -> bool {
    document.uploaded_by == Some(caller.id())
}

fn can_delete(caller: &Caller, document: &Document) -> bool {
    caller.can(document.client_id, Action::DeleteDocument { uploaded_by_actor: uploaded_by_caller(caller, document) })
}

/// A pending upload exists only for the person uploading it (and NOURX staff).
fn sees(caller: &Caller, document: &Document) -> bool {
    document.is_ready() || uploaded_by_caller(caller, document) || caller.is_admin()
}

fn to_dtos(conn: &mut nourx_db::PgConn, caller: &Caller, rows: Vec<Document>) -> Result<Vec<DocumentDto>, ApiError> {
    let uploader_ids: Vec<Uuid> = rows.iter().filter_map(|d| d.uploaded_by).collect();
    let names = documents::uploader_names(conn, &uploader_ids)?;
    Ok(rows
        .into_iter()
        .map(|document| {
            let name = document.uploaded_by.and_then(|id| names.get(&id).cloned());
            let can_delete = can_delete(caller, &document);
            DocumentDto::new(document, name, can_delete)
        })
        .collect())
}

fn to_dto(conn: &mut nourx_db::PgConn, caller: &Caller, document: Document) -> Result<DocumentDto, ApiError> {
    to_dtos(conn, caller, vec![document])?.pop().ok_or(ApiError::NotFound)
}

/// The ready document `id` if the caller may see it (other clients', internal ones for client
/// people, and pending uploads are all 404).
async fn find_ready(state: &AppState, caller: &Caller, id: Uuid) -> Result<Document, ApiError> {
    let (scope, internal) = (caller.scope(), internal_scope(caller));
    state
        .db
        .run(move |conn| {
            documents::find(conn, &scope, &internal, id)?.filter(Document::is_ready).ok_or(ApiError::NotFound)
        })
        .await
}

/// The audit row of a write on document `id`.
fn audit_document(
    conn: &mut nourx_db::PgConn,
    context: &AuditContext,
    action: &str,
    id: Uuid,
    values: serde_json::Value,
) -> diesel::QueryResult<()> {
    audit::record(conn, context, action, "document", Some(id.to_string()), values)
}

// Two keys per document. The browser uploads to the *upload key*, which its presigned form pins;
// that form stays valid for `UPLOAD_URL_TTL` whatever happens, so the uploader can POST another
// file of the same size over the upload key even after `complete`. So nothing is ever verified or
// served there: `complete` copies the upload (a snapshot, see `Storage::copy`) to a *file key*
// under `files/`, which no presigned form ever targets, verifies that copy, records its key in
// `storage_key` and deletes the upload.
//
// What is left: a form used again after `complete` re-creates an object under the upload key. It
// is never served (no link is signed for it), holds at most the declared size, can only be made
// by the uploader, and only until the form expires (15 minutes after the presign); deleting the
// document deletes it.

/// The key the upload form of document `id` pins (for a pending document, its `storage_key`).
fn upload_key(client_id: Uuid, id: Uuid) -> String {
    format!("documents/{client_id}/{id}")
}

/// A fresh key for the verified copy of document `id`'s upload: outside `documents/`, so no
/// upload form targets it, and unique to one completion attempt, so two concurrent completions
/// (a double click) never write the same object: the one recorded is the one verified.
fn file_key(client_id: Uuid, id: Uuid) -> String {
    format!("files/{client_id}/{id}-{}", Uuid::new_v4().simple())
}

/// Deletes an object the caller no longer needs, logging a failure instead of failing the request
/// (the object is never served: at worst it is left behind).
async fn delete_quietly(storage: &Storage, key: &str, what: &str) {
    if let Err(error) = storage.delete(key).await {
        tracing::warn!(key, %error, "could not delete {what}");
    }
}

fn bad_request(code: &'static str, message: Message) -> ApiError {
    ApiError::BadRequest { code, message }
}

/// The announced file, checked: its allowed type, its size and its sanitised name; or every
/// problem at once.
fn validate_file(body: &PresignRequest, rules: UploadRules) -> Result<(&'static FileType, u64, String), ApiError> {
    let file_type = rules.check_type(&body.content_type);
    let size = rules.check_size(body.size);
    // The extension follows the type; with a refused type, the name is still checked.
    let filename = sanitize_filename(&body.filename, file_type.as_ref().map_or(&ALLOWED_TYPES[0], |t| *t));
    match (file_type, size, filename) {
        (Ok(file_type), Ok(size), Ok(filename)) => Ok((file_type, size, filename)),
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

/// Documents of the caller's clients' projects, newest first. Only verified (`ready`) documents
/// are listed; internal ones only for NOURX staff.
#[utoipa::path(
    tag = "documents",
    params(DocumentListQuery, PageQuery),
    responses(
        (status = 200, body = Page<DocumentDto>),
        (status = 400, description = "Bad filter, ordering or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/documents/")]
pub async fn list_documents(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<DocumentListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<DocumentDto>>> {
    let request = page.request()?;
    let order = ordering(query.ordering.as_deref(), documents::ORDERING_FIELDS)?;
    let filter = DocumentFilter {
        client_id: query.client,
        project_id: query.project,
        visibility: choice("visibility", query.visibility.as_deref(), Visibility::ALL)?.map(str::to_owned),
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
    };
    let (scope, internal) = (caller.scope(), internal_scope(&caller));
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = documents::list(conn, &scope, &internal, &filter, &order, request)?;
            Ok::<_, ApiError>((count, to_dtos(conn, &caller, rows)?))
        })
        .await?;
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// Starts an upload (client owners and members, NOURX staff): records a pending document and
/// returns a presigned form for the storage, valid 15 minutes, that pins the object's key, its
/// `Content-Type` and its exact size. Send the file with it, then call
/// `POST /api/documents/{id}/complete/`. Uploads never completed are deleted after a day.
#[utoipa::path(
    tag = "documents",
    request_body = PresignRequest,
    responses(
        (status = 201, body = PresignResponse),
        (status = 400, description = "Type not allowed, empty or too large file, bad file name, or a project the caller cannot use", body = ValidationErrors),
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
    let (file_type, size, filename) = validate_file(&body, UploadRules { max_size: state.config.upload_max_bytes })?;
    let (project_id, visibility) = (body.project_id, body.visibility);
    let limits = state.config.limits;
    rate_limit::check_unless_staff(&state.db, &caller, limits.presigns_per_user, Bucket::PresignsBy(caller.id()))
        .await?;

    let (scope, authorizer) = (caller.scope(), caller.clone());
    let client_id = state
        .db
        .run(move |conn| {
            let project = nourx_db::projects::find(conn, &scope, project_id)?
                .ok_or_else(|| ApiError::field("project_id", not_found_reference("project_id")))?;
            authorizer.require(project.client_id, Action::UploadDocument)?;
            if visibility == Visibility::Internal {
                authorizer.require(project.client_id, Action::WriteInternal)?;
            }
            Ok::<_, ApiError>(project.client_id)
        })
        .await?;

    // The key is ours alone: no text of the uploader's goes into it.
    let id = Uuid::now_v7();
    let key = upload_key(client_id, id);
    let policy = UploadPolicy {
        key: key.clone(),
        content_type: file_type.mime.to_owned(),
        min_size: size,
        max_size: size,
        expires_in: UPLOAD_URL_TTL,
    };
    let presigned = state.storage.presign_upload(&policy).await.map_err(storage_error)?;

    let audit_context = caller.audit();
    let uploader = caller.id();
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                super::usage::reserve(conn, limits.storage_quota_bytes, client_id, visibility, size)?;
                let document = NewDocument {
                    id,
                    client_id,
                    project_id,
                    uploaded_by: Some(uploader),
                    filename: &filename,
                    declared_type: file_type.mime,
                    declared_size: size as i64,
                    storage_key: &key,
                    visibility: visibility.as_str(),
                }
                .insert(conn)
                .map_err(|error| match error {
                    // The project was deleted since it was found.
                    diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::ForeignKeyViolation, _) => {
                        ApiError::field("project_id", not_found_reference("project_id"))
                    }
                    other => other.into(),
                })?;
                audit_document(conn, &audit_context, "presign", id, audit::snapshot(&document))?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(PresignResponse {
        document_id: id,
        url: presigned.url,
        fields: FormFields(presigned.fields),
        expires_at: presigned.expires_at,
        max_size: size,
    }))
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
                Some(document) if document.is_ready() => Err(already_completed()),
                Some(_) => {
                    documents::delete(conn, id)?;
                    Ok(())
                }
                None => Ok(()),
            })
        })
        .await
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
    let id = id.into_inner();
    let (scope, internal, checker) = (caller.scope(), internal_scope(&caller), caller.clone());
    let (document, age) = state
        .db
        .run(move |conn| {
            let document = documents::find(conn, &scope, &internal, id)?
                .filter(|d| sees(&checker, d))
                .ok_or(ApiError::NotFound)?;
            if !uploaded_by_caller(&checker, &document) && !checker.is_admin() {
                return Err(ApiError::PermissionDenied);
            }
            checker.require(document.client_id, Action::UploadDocument)?;
            if document.is_ready() {
                return Err(already_completed());
            }
            let age = (nourx_db::clock::transaction_now(conn)? - document.created_at).to_std().unwrap_or_default();
            if age > COMPLETE_WINDOW {
                return Err(upload_expired());
            }
            Ok((document, age))
        })
        .await?;

    // Only this copy is verified, recorded and served: the upload form may write the upload key
    // again at any time until it expires.
    let file_key = file_key(document.client_id, id);
    if !state.storage.copy(&document.storage_key, &file_key).await.map_err(storage_error)? {
        // A concurrent completion (a double click) may have finished and deleted the upload.
        let current = state
            .db
            .run(move |conn| documents::find(conn, &Scope::All, &Scope::All, id).map_err(ApiError::from))
            .await?;
        match current {
            None => return Err(ApiError::NotFound),
            Some(current) if current.is_ready() => return Err(already_completed()),
            Some(_) => {}
        }
        // Nothing can arrive any more once the form has expired.
        if age > UPLOAD_URL_TTL {
            return Err(upload_expired());
        }
        return Err(bad_request(
            "upload_missing",
            Message::new(
                "Le fichier n'a pas encore été reçu : envoyez-le avec le formulaire fourni, puis confirmez l'envoi.",
                "The file has not been received yet: send it with the form provided, then complete the upload.",
            ),
        ));
    }
    let digest = match state.storage.digest(&file_key).await {
        Ok(Some(digest)) => digest,
        failed => {
            delete_quietly(&state.storage, &file_key, "the copy of an upload").await;
            return Err(match failed {
                Err(error) => storage_error(error),
                // Nobody else knows this key: the storage lost what it had just written.
                _ => ApiError::Unavailable(format!("the copy {file_key} vanished")),
            });
        }
    };
    if digest.size != document.declared_size as u64 {
        discard(&state, &document, &file_key).await?;
        return Err(bad_request(
            "upload_size_mismatch",
            Message::owned(
                format!(
                    "Le fichier reçu fait {} octets au lieu des {} annoncés. Le fichier a été supprimé.",
                    digest.size, document.declared_size
                ),
                format!(
                    "The file received is {} bytes instead of the {} announced. The file was deleted.",
                    digest.size, document.declared_size
                ),
            ),
        ));
    }
    let rules = UploadRules { max_size: state.config.upload_max_bytes };
    let verdict = match rules.check_type(&document.declared_type) {
        Ok(declared) => verify_content(declared, &digest.head, digest.size).map_err(|r| r.message()),
        // The allow-list changed since the presign.
        Err(message) => Err(message),
    };
    let content_type = match verdict {
        Ok(content_type) => content_type,
        Err(message) => {
            tracing::info!(document.id = %document.id, reason = %message.en, "uploaded file refused");
            discard(&state, &document, &file_key).await?;
            return Err(bad_request("file_type_rejected", message));
        }
    };

    let audit_context = caller.audit();
    let recorded_key = file_key.clone();
    let recorded = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = documents::lock(conn, id)?.ok_or(ApiError::NotFound)?;
                if before.is_ready() {
                    return Err(already_completed());
                }
                let (size, sha256) = (digest.size as i64, &digest.sha256);
                let after = documents::mark_ready(conn, id, &recorded_key, content_type, size, sha256)?;
                let diff = audit::changes(&before, &after);
                audit_document(conn, &audit_context, "upload", id, diff)?;
                to_dto(conn, &caller, after)
            })
        })
        .await;
    match recorded {
        Ok(dto) => {
            delete_quietly(&state.storage, &document.storage_key, "a completed upload").await;
            Ok(web::Json(dto))
        }
        Err(error) => {
            // Another completion won, the document was deleted, or the database failed.
            delete_quietly(&state.storage, &file_key, "the copy of an upload").await;
            Err(error)
        }
    }
}

fn upload_expired() -> ApiError {
    bad_request(
        "upload_expired",
        Message::new(
            "Cet envoi a expiré : recommencez l'envoi du fichier.",
            "This upload has expired: upload the file again.",
        ),
    )
}

fn already_completed() -> ApiError {
    ApiError::Conflict {
        code: "already_completed",
        message: Message::new("Cet envoi est déjà terminé.", "This upload is already complete."),
        extra: serde_json::json!({}),
    }
}

/// One document.
#[utoipa::path(
    tag = "documents",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = DocumentDto),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such document, another client's, an internal one for a client, or not uploaded yet", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/documents/{id}/")]
pub async fn get_document(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<DocumentDto>> {
    let document = find_ready(&state, &caller, id.into_inner()).await?;
    let dto = state.db.run(move |conn| to_dto(conn, &caller, document)).await?;
    Ok(web::Json(dto))
}

/// A download link valid 5 minutes: a plain GET that answers with the file as an attachment
/// (`Content-Disposition`) under its name and recorded type.
#[utoipa::path(
    tag = "documents",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = DownloadResponse),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such document, another client's, an internal one for a client, or not uploaded yet", body = ErrorDetail),
        (status = 503, description = "The storage is unreachable", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/documents/{id}/download/")]
pub async fn download_document(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<DownloadResponse>> {
    let document = find_ready(&state, &caller, id.into_inner()).await?;
    caller.require(document.client_id, Action::ReadClientData)?;
    let content_type = document.content_type.as_deref().unwrap_or(&document.declared_type);
    let link = state
        .storage
        .presign_download(&document.storage_key, &document.filename, content_type, DOWNLOAD_URL_TTL)
        .await
        .map_err(storage_error)?;
    Ok(web::Json(DownloadResponse { url: link.url, expires_at: link.expires_at }))
}

/// Deletes a document, file included (NOURX staff, or the person who uploaded it). Also cancels
/// one's own pending upload.
#[utoipa::path(
    tag = "documents",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not the uploader, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such document, another client's, or an internal one for a client", body = ErrorDetail),
        (status = 503, description = "The storage is unreachable", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/documents/{id}/")]
pub async fn delete_document(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (scope, internal, checker) = (caller.scope(), internal_scope(&caller), caller.clone());
    let document = state
        .db
        .run(move |conn| {
            let document = documents::find(conn, &scope, &internal, id)?
                .filter(|d| sees(&checker, d))
                .ok_or(ApiError::NotFound)?;
            if !can_delete(&checker, &document) {
                return Err(ApiError::PermissionDenied);
            }
            Ok(document)
        })
        .await?;
    // The objects first: a failure leaves the document listed, and deleting again finishes the job.
    // For a ready document, the upload key may hold what its form sent after completion.
    state.storage.delete(&document.storage_key).await.map_err(storage_error)?;
    let upload_key = upload_key(document.client_id, id);
    if upload_key != document.storage_key {
        state.storage.delete(&upload_key).await.map_err(storage_error)?;
    }
    let audit_context = caller.audit();
    let deleted_key = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let document = documents::lock(conn, id)?.ok_or(ApiError::NotFound)?;
                documents::delete(conn, id)?;
                audit_document(conn, &audit_context, "delete", id, audit::snapshot(&document))?;
                Ok::<_, ApiError>(document.storage_key)
            })
        })
        .await?;
    // A completion that finished in between recorded a verified copy this request did not know of.
    if deleted_key != document.storage_key && deleted_key != upload_key {
        delete_quietly(&state.storage, &deleted_key, "the file of a deleted document").await;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Uploads never completed, deleted a day after their presign (objects first, then rows; a row
/// whose object could not be deleted stays for the next run). Returns how many were deleted.
pub async fn delete_abandoned_uploads(db: &Db, storage: &Storage) -> anyhow::Result<usize> {
    const BATCH: i64 = 100;
    let mut deleted = 0;
    loop {
        let batch = db
            .run(|conn| {
                let cutoff = nourx_db::clock::transaction_now(conn)? - chrono::Duration::from_std(ABANDONED_AFTER)?;
                Ok::<_, anyhow::Error>(documents::pending_before(conn, cutoff, BATCH)?)
            })
            .await?;
        let mut gone = Vec::with_capacity(batch.len());
        for (id, key) in &batch {
            match storage.delete(key).await {
                Ok(()) => gone.push(*id),
                Err(error) => tracing::warn!(document.id = %id, %error, "could not delete an abandoned upload"),
            }
        }
        let count = gone.len();
        if count > 0 {
            deleted += db.run(move |conn| Ok::<_, anyhow::Error>(documents::delete_pending(conn, &gone)?)).await?;
        }
        // A short batch was the last; a batch of failures only would come back forever.
        if (batch.len() as i64) < BATCH || count == 0 {
            return Ok(deleted);
        }
    }
}
