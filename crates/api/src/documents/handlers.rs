use actix_web::{HttpRequest, HttpResponse, delete, get, web};
use diesel::Connection;
use nourx_db::audit::{self, AuditContext};
use nourx_db::documents::{self, Document, DocumentFilter};
use nourx_db::{Db, Scope};
use nourx_domain::documents::{
    ABANDONED_AFTER, DOWNLOAD_URL_TTL, DocumentAccess, DocumentFacts, DocumentUse, Visibility, document_access,
};
use nourx_storage::{Storage, StorageError};
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, choice_of, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// A storage failure: unreachable or failing storage is a 503 (retry later); anything else is a
/// bug of ours (a key or request the storage refuses to sign).
pub(crate) fn storage_error(error: StorageError) -> ApiError {
    match error {
        StorageError::Io { .. } | StorageError::S3 { .. } => ApiError::Unavailable(error.to_string()),
        other => ApiError::internal(other),
    }
}

/// The clients whose internal documents the caller may see (only NOURX staff, today).
fn internal_scope(caller: &Caller) -> Scope {
    if caller.is_staff() {
        return Scope::All;
    }
    let read_internal = Visibility::Internal.read_action();
    Scope::Clients(caller.memberships.iter().map(|(id, _)| *id).filter(|id| caller.can(*id, read_internal)).collect())
}

/// What the caller may do with `document`, found in their scope, for `intended` use.
fn access(caller: &Caller, document: &Document, intended: DocumentUse) -> DocumentAccess {
    let facts = DocumentFacts {
        visibility: document.visibility,
        status: document.status,
        uploaded_by_actor: document.uploaded_by == Some(caller.id()),
    };
    caller.actor(document.client_id).map_or(DocumentAccess::Hidden, |actor| document_access(actor, facts, intended))
}

/// The document `id` if the caller may put it to `intended` use: 404 when they do not see it
/// (another client's, an internal one for a client, another person's pending upload), 403 when
/// they see it but may not.
pub(super) fn find_for(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    id: Uuid,
    intended: DocumentUse,
) -> Result<Document, ApiError> {
    let document = documents::find(conn, &caller.scope(), &internal_scope(caller), id)?.ok_or(ApiError::NotFound)?;
    match access(caller, &document, intended) {
        DocumentAccess::Allowed => Ok(document),
        DocumentAccess::Forbidden => Err(ApiError::PermissionDenied),
        DocumentAccess::Hidden => Err(ApiError::NotFound),
    }
}

fn to_dtos(conn: &mut nourx_db::PgConn, caller: &Caller, rows: Vec<Document>) -> Result<Vec<DocumentDto>, ApiError> {
    let uploader_ids: Vec<Uuid> = rows.iter().filter_map(|d| d.uploaded_by).collect();
    let names = documents::uploader_names(conn, &uploader_ids)?;
    Ok(rows
        .into_iter()
        .map(|document| {
            let name = document.uploaded_by.and_then(|id| names.get(&id).cloned());
            let can_delete = access(caller, &document, DocumentUse::Delete) == DocumentAccess::Allowed;
            DocumentDto::new(document, name, can_delete)
        })
        .collect())
}

pub(super) fn to_dto(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    document: Document,
) -> Result<DocumentDto, ApiError> {
    to_dtos(conn, caller, vec![document])?.pop().ok_or(ApiError::NotFound)
}

/// The audit row of a write on document `id`.
pub(super) fn audit_document(
    conn: &mut nourx_db::PgConn,
    context: &AuditContext,
    action: &str,
    (id, client_id): (Uuid, Uuid),
    values: serde_json::Value,
) -> diesel::QueryResult<()> {
    audit::record(conn, context, action, ("document", client_id), Some(id.to_string()), values)
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
pub(super) fn upload_key(client_id: Uuid, id: Uuid) -> String {
    format!("documents/{client_id}/{id}")
}

/// A fresh key for the verified copy of document `id`'s upload: outside `documents/`, so no
/// upload form targets it, and unique to one completion attempt, so two concurrent completions
/// (a double click) never write the same object: the one recorded is the one verified.
pub(super) fn file_key(client_id: Uuid, id: Uuid) -> String {
    format!("files/{client_id}/{id}-{}", Uuid::new_v4().simple())
}

/// Deletes an object the caller no longer needs, logging a failure instead of failing the request
/// (the object is never served: at worst it is left behind).
pub(crate) async fn delete_quietly(storage: &Storage, key: &str, what: &str) {
    if let Err(error) = storage.delete(key).await {
        tracing::warn!(key, %error, "could not delete {what}");
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
        visibility: choice_of("visibility", query.visibility.as_deref(), Visibility::ALL, Visibility::as_str)?,
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
    let id = id.into_inner();
    let dto = state
        .db
        .run(move |conn| {
            let document = find_for(conn, &caller, id, DocumentUse::Read)?;
            to_dto(conn, &caller, document)
        })
        .await?;
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
    let id = id.into_inner();
    let document = state.db.run(move |conn| find_for(conn, &caller, id, DocumentUse::Read)).await?;
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
        (status = 409, description = "Sent with a ticket message: part of the thread (`attachment_sent`)", body = ErrorDetail),
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
    let (id, audit_context, checker) = (id.into_inner(), caller.audit(), caller.clone());
    let document = state.db.run(move |conn| find_for(conn, &checker, id, DocumentUse::Delete)).await?;
    if document.ticket_message_id.is_some() {
        return Err(ApiError::Conflict {
            code: "attachment_sent",
            message: nourx_domain::Message::new(
                "Ce fichier a été envoyé avec un message du ticket : il reste dans l'échange.",
                "This file was sent with a ticket message: it stays in the thread.",
            ),
            extra: serde_json::json!({}),
        });
    }
    // The objects first: a failure leaves the document listed, and deleting again finishes the job.
    let upload_key = delete_objects(&state.storage, &document).await?;
    let deleted_key = state.db.run(move |conn| conn.transaction(|conn| delete_row(conn, &audit_context, id))).await?;
    // A completion that finished in between recorded a verified copy this request did not know of.
    if deleted_key != document.storage_key && deleted_key != upload_key {
        delete_quietly(&state.storage, &deleted_key, "the file of a deleted document").await;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Deletes the objects of `document`: its file and, for a ready document, whatever its upload
/// form sent after completion. Returns the upload key.
async fn delete_objects(storage: &Storage, document: &Document) -> Result<String, ApiError> {
    storage.delete(&document.storage_key).await.map_err(storage_error)?;
    let upload_key = upload_key(document.client_id, document.id);
    if upload_key != document.storage_key {
        storage.delete(&upload_key).await.map_err(storage_error)?;
    }
    Ok(upload_key)
}

/// Deletes the row of document `id`, with its audit row; returns the key of the file it recorded.
fn delete_row(conn: &mut nourx_db::PgConn, audit_context: &AuditContext, id: Uuid) -> Result<String, ApiError> {
    let document = documents::lock(conn, id)?.ok_or(ApiError::NotFound)?;
    documents::delete(conn, id)?;
    audit_document(conn, audit_context, "delete", (id, document.client_id), audit::snapshot(&document))?;
    Ok(document.storage_key)
}

/// Uploads never completed, and ticket attachments never sent with a message, deleted a day after
/// their presign (objects first, then rows; a row whose object could not be deleted stays for the
/// next run). Returns how many were deleted.
pub async fn delete_abandoned_uploads(db: &Db, storage: &Storage) -> anyhow::Result<usize> {
    const BATCH: i64 = 100;
    let mut deleted = 0;
    loop {
        let batch = db
            .run(|conn| {
                let cutoff = nourx_db::clock::transaction_now(conn)? - chrono::Duration::from_std(ABANDONED_AFTER)?;
                Ok::<_, anyhow::Error>(documents::abandoned_before(conn, cutoff, BATCH)?)
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
            deleted += db.run(move |conn| Ok::<_, anyhow::Error>(documents::delete_abandoned(conn, &gone)?)).await?;
        }
        // A short batch was the last; a batch of failures only would come back forever.
        if (batch.len() as i64) < BATCH || count == 0 {
            return Ok(deleted);
        }
    }
}
