//! A client's invitations, whatever their state: listed, sent again with a new link, revoked
//! (the client's owners, or NOURX staff). A revoked or replaced link answers like an unknown one.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{Duration, Utc};
use diesel::Connection;
use nourx_db::invitations::{self, Invitation};
use nourx_db::{PgConn, audit, clients, clock};
use nourx_domain::invitation::{InvitationStatus, may_resend, may_revoke};
use nourx_domain::{Action, Email, Message};
use serde_json::json;
use uuid::Uuid;

use super::dto::ClientInvitationDto;
use super::members::{INVITATION_VALIDITY_DAYS, Invite};
use crate::AppState;
use crate::auth::invitation_state;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::random::{random_token, sha256};
use crate::http::schemas::ErrorDetail;

/// The client's invitations, newest first, each with its status (its owners, or NOURX staff).
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = [ClientInvitationDto]),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an owner of the client", body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/clients/{id}/invitations/")]
pub async fn list_invitations(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<ClientInvitationDto>>> {
    let (id, scope) = (id.into_inner(), caller.scope());
    let list = state
        .db
        .run(move |conn| {
            let client = clients::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
            caller.require(client.id, Action::ManageMembers)?;
            let now = clock::transaction_now(conn)?;
            let rows = invitations::all_for_client(conn, client.id)?;
            Ok::<_, ApiError>(
                rows.into_iter().map(|(row, inviter)| ClientInvitationDto::new(row, inviter, now)).collect(),
            )
        })
        .await?;
    Ok(web::Json(list))
}

fn already_accepted() -> ApiError {
    ApiError::Conflict {
        code: "invitation_accepted",
        message: Message::new("Cette invitation a déjà été acceptée.", "This invitation was already accepted."),
        extra: json!({}),
    }
}

/// The invitation `invitation_id` of the client `client_id` in the caller's scope, locked, and
/// where it stands, once the caller may manage the client's members.
fn invitation_for_change(
    conn: &mut PgConn,
    caller: &Caller,
    client_id: Uuid,
    invitation_id: Uuid,
) -> Result<(Invitation, InvitationStatus), ApiError> {
    let client = clients::find(conn, &caller.scope(), client_id)?.ok_or(ApiError::NotFound)?;
    caller.require(client.id, Action::ManageMembers)?;
    let invitation = invitations::lock_for_client(conn, client.id, invitation_id)?.ok_or(ApiError::NotFound)?;
    let status = InvitationStatus::of(&invitation_state(&invitation), clock::transaction_now(conn)?);
    Ok((invitation, status))
}

/// Sends the invitation again with a new link valid 7 days (the old link stops working), even
/// when it had expired or was revoked (its owners, or NOURX staff; counted like a new invitation).
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path), ("invitation_id" = Uuid, Path)),
    responses(
        (status = 200, description = "Sent again", body = ClientInvitationDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an owner of the client, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client or invitation", body = ErrorDetail),
        (status = 409, description = "Already accepted (`invitation_accepted`)", body = ErrorDetail),
        (status = 429, description = "Too many invitations into this client today; see `Retry-After`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/clients/{id}/invitations/{invitation_id}/resend/")]
pub async fn resend_invitation(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<web::Json<ClientInvitationDto>> {
    let (client_id, invitation_id) = path.into_inner();
    let state_for_invite = state.clone();
    let dto = state
        .db
        .run(move |conn| conn.transaction(|conn| resend(conn, &state_for_invite, &caller, client_id, invitation_id)))
        .await?;
    Ok(web::Json(dto))
}

/// Renews the invitation's link and expiry, audits, and emails the new link.
fn resend(
    conn: &mut PgConn,
    state: &AppState,
    caller: &Caller,
    client_id: Uuid,
    invitation_id: Uuid,
) -> Result<ClientInvitationDto, ApiError> {
    let (invitation, status) = invitation_for_change(conn, caller, client_id, invitation_id)?;
    if !may_resend(status) {
        return Err(already_accepted());
    }
    let email = Email::parse(&invitation.email).map_err(|message| ApiError::field("email", message))?;
    let invite = Invite::new(state, email, invitation.role);
    let client = invite.client_to_invite_into(conn, caller, client_id)?;
    let locale = invite.invitee_locale(conn, &client)?;
    invitations::expire_pending(conn, client.id, &invitation.email)?;
    let token = random_token();
    let expires_at = Utc::now() + Duration::days(INVITATION_VALIDITY_DAYS);
    let renewed = invitations::renew(conn, invitation.id, &sha256(token.as_bytes()), expires_at)?;
    let diff =
        json!({"status": [status, InvitationStatus::Pending], "expires_at": [invitation.expires_at, expires_at]});
    audit::record(
        conn,
        &caller.audit(),
        "resend",
        ("invitation", invitation.client_id),
        Some(invitation.id.to_string()),
        diff,
    )?;
    invite.email_link(conn, caller, &client, &renewed, &token, locale)?;
    let now = clock::transaction_now(conn)?;
    Ok(ClientInvitationDto::new(renewed, Some(caller.current.user.full_name.clone()), now))
}

/// Revokes a pending invitation: its link stops working (its owners, or NOURX staff). An
/// invitation already expired or revoked stays as it is.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path), ("invitation_id" = Uuid, Path)),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an owner of the client, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client or invitation", body = ErrorDetail),
        (status = 409, description = "Already accepted (`invitation_accepted`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/clients/{id}/invitations/{invitation_id}/")]
pub async fn revoke_invitation(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (client_id, invitation_id) = path.into_inner();
    state.db.run(move |conn| conn.transaction(|conn| revoke(conn, &caller, client_id, invitation_id))).await?;
    Ok(HttpResponse::NoContent().finish())
}

fn revoke(conn: &mut PgConn, caller: &Caller, client_id: Uuid, invitation_id: Uuid) -> Result<(), ApiError> {
    let (invitation, status) = invitation_for_change(conn, caller, client_id, invitation_id)?;
    if status == InvitationStatus::Accepted {
        return Err(already_accepted());
    }
    if may_revoke(status) {
        let now = clock::transaction_now(conn)?;
        invitations::revoke(conn, invitation.id, now)?;
        let diff = json!({"status": [status, InvitationStatus::Revoked]});
        audit::record(
            conn,
            &caller.audit(),
            "revoke",
            ("invitation", invitation.client_id),
            Some(invitation.id.to_string()),
            diff,
        )?;
    }
    Ok(())
}
