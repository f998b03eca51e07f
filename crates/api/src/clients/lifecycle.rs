//! A client's life: archived (its people can no longer log in; nothing is deleted), restored,
//! or deleted when it has no business records yet (a client created by mistake).

use actix_web::{HttpResponse, delete, post, web};
use diesel::Connection;
use nourx_db::clients::{self, Client, ClientChanges};
use nourx_db::{PgConn, audit, sessions};
use nourx_domain::client::{ClientDeletion, decide_deletion};
use nourx_domain::{Action, ClientStatus};
use serde_json::json;
use uuid::Uuid;

use super::dto::ClientDto;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;

/// Archives a client (NOURX staff): its people whose every client is archived can no longer log
/// in and their sessions are revoked. Nothing is deleted; the client stays readable.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "Archived (or already archived)", body = ClientDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff (a person of the client), or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/clients/{id}/archive/")]
pub async fn archive_client(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ClientDto>> {
    let id = id.into_inner();
    let client = state
        .db
        .run(move |conn| conn.transaction(|conn| set_status(conn, &caller, id, ClientStatus::Archived)))
        .await?;
    Ok(web::Json(ClientDto::for_staff(client)))
}

/// Restores an archived client (NOURX staff): its people may log in again.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "Active (or already active)", body = ClientDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff (a person of the client), or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/clients/{id}/restore/")]
pub async fn restore_client(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ClientDto>> {
    let id = id.into_inner();
    let client =
        state.db.run(move |conn| conn.transaction(|conn| set_status(conn, &caller, id, ClientStatus::Active))).await?;
    Ok(web::Json(ClientDto::for_staff(client)))
}

/// Gives the client `status` (nothing written when it has it already); audited. A client's
/// people get 404 for another client and 403 for their own (the policy's `SetClientTerms`).
fn set_status(conn: &mut PgConn, caller: &Caller, id: Uuid, status: ClientStatus) -> Result<Client, ApiError> {
    let before = clients::find(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    caller.require(before.id, Action::SetClientTerms)?;
    if before.status == status {
        return Ok(before);
    }
    let after = clients::update(conn, id, &ClientChanges { status: Some(status), ..Default::default() })?;
    let revoked = after_status_change(conn, &after)?;
    let action = if status == ClientStatus::Archived { "archive" } else { "restore" };
    let diff = json!({"status": [before.status, after.status], "sessions_revoked": revoked});
    audit::record(conn, &caller.audit(), action, ("client", id), Some(id.to_string()), diff)?;
    Ok(after)
}

/// What a client's new status entails: once archived, the sessions of its people who have no
/// active client left are revoked (they could not log in again). Returns how many were.
pub(super) fn after_status_change(conn: &mut PgConn, client: &Client) -> Result<usize, ApiError> {
    if client.status != ClientStatus::Archived {
        return Ok(0);
    }
    let mut revoked = 0;
    for user_id in clients::members_without_active_client(conn, client.id)? {
        revoked += sessions::delete_for_user(conn, user_id, None)?;
    }
    Ok(revoked)
}

/// Deletes a client created by mistake (NOURX staff), with its members and invitations: only
/// while it has no invoices, quotes, payments, projects or tickets; otherwise archive it.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff (a person of the client), or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
        (status = 409, description = "The client has records (`client_has_records`; `records` counts them): archive it instead", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/clients/{id}/")]
pub async fn delete_client(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.db.run(move |conn| conn.transaction(|conn| delete(conn, &caller, id))).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Deletes the client unless it has records (409 `client_has_records`); audited.
fn delete(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<(), ApiError> {
    let client = clients::find(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    caller.require(client.id, Action::DeleteClient)?;
    let client = clients::find_for_update(conn, client.id)?.ok_or(ApiError::NotFound)?;
    if let ClientDeletion::HasRecords(records) = decide_deletion(clients::records(conn, id)?) {
        return Err(ApiError::Conflict {
            code: "client_has_records",
            message: records.refusal(),
            extra: json!({"records": records}),
        });
    }
    let values = audit::snapshot(&client);
    clients::delete(conn, id)?;
    audit::record(conn, &caller.audit(), "delete", ("client", id), Some(id.to_string()), values)?;
    Ok(())
}
