//! The people of a client: listed by its members, invited, given a role and removed by its
//! owners (and NOURX staff). A client always keeps an owner.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Duration, Utc};
use diesel::Connection;
use nourx_db::clients::{self, Client, MemberRow};
use nourx_db::invitations::{self, Invitation, NewInvitation};
use nourx_db::users::User;
use nourx_db::{PgConn, audit};
use nourx_domain::client::{RoleChange, check_invitee, decide_role_change, may_remove_member};
use nourx_domain::limits::RateLimit;
use nourx_domain::{Action, Email, Locale, MemberRole, Message};
use serde_json::json;
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::Json;
use crate::http::random::{random_token, sha256};
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::services::mailer::{self, TemplateKey};

/// How long an invitation link works.
pub const INVITATION_VALIDITY_DAYS: i64 = 7;

/// The members of a client and its pending invitations (any member of the client, or NOURX staff).
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = MembersResponse),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/clients/{id}/members/")]
pub async fn list_members(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<MembersResponse>> {
    let (id, scope) = (id.into_inner(), caller.scope());
    let response = state
        .db
        .run(move |conn| {
            let client = clients::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
            caller.require(client.id, Action::ReadClientData)?;
            let members = clients::members(conn, client.id)?.into_iter().map(MemberDto::from).collect();
            let invitations =
                invitations::pending_for_client(conn, client.id)?.into_iter().map(InvitationDto::from).collect();
            Ok::<_, ApiError>(MembersResponse { members, invitations })
        })
        .await?;
    Ok(web::Json(response))
}

/// "24/11/2026 à 14:30 UTC" / "November 24, 2026 at 14:30 UTC" (UTC is Abidjan's and Dakar's time).
pub(crate) fn format_expiry(at: DateTime<Utc>, locale: Locale) -> String {
    match locale {
        Locale::Fr => at.format("%d/%m/%Y à %H:%M UTC").to_string(),
        Locale::En => at.format("%B %-d, %Y at %H:%M UTC").to_string(),
    }
}

/// Invites someone to the client by email (its owners, or NOURX staff). The email holds a
/// single-use link valid for 7 days; a new invitation of the same address replaces the pending one.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path)),
    request_body = InviteMemberRequest,
    responses(
        (status = 201, description = "Invitation created and its email queued", body = InvitationDto),
        (status = 400, description = "Invalid email, or already a member", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an owner of the client, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
        (status = 429, description = "Too many invitations into this client today (`NOURX_LIMIT_INVITATIONS_PER_CLIENT_PER_DAY`; NOURX staff are not counted); see `Retry-After`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/clients/{id}/members/")]
pub async fn invite_member(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<InviteMemberRequest>,
) -> ApiResult<HttpResponse> {
    let email = Email::parse(&body.email).map_err(|message| ApiError::field("email", message))?;
    let invite = Invite::new(&state, email, body.role);
    let client_id = id.into_inner();
    let invitation = state.db.run(move |conn| conn.transaction(|conn| invite.send(conn, &caller, client_id))).await?;
    Ok(HttpResponse::Created().json(InvitationDto::from(invitation)))
}

/// An invitation to send.
pub(crate) struct Invite {
    pub(super) email: Email,
    pub(super) role: MemberRole,
    pub(super) daily_limit: RateLimit,
    /// The acceptance page's link, without its token.
    pub(super) accept_url: String,
}

impl Invite {
    pub(crate) fn new(state: &AppState, email: Email, role: MemberRole) -> Invite {
        Invite {
            email,
            role,
            daily_limit: state.config.limits.invitations_per_client,
            accept_url: format!("{}/invitation/accepter?token=", state.config.public_web_url.trim_end_matches('/')),
        }
    }

    /// Into the client `client_id` in the caller's scope, by one who may manage its members
    /// (counted against the client's daily limit unless NOURX staff): replaces the address's
    /// pending invitation, audits, and queues the email with its single-use link.
    pub(crate) fn send(self, conn: &mut PgConn, caller: &Caller, client_id: Uuid) -> Result<Invitation, ApiError> {
        let invitation = self.send_unaudited(conn, caller, client_id)?;
        let values = audit::snapshot(&invitation);
        audit::record(
            conn,
            &caller.audit(),
            "invite",
            ("invitation", invitation.client_id),
            Some(invitation.id.to_string()),
            values,
        )?;
        Ok(invitation)
    }

    /// [`send`](Self::send) for a caller that audits the invitation in its own row (a prospect's
    /// conversion).
    pub(crate) fn send_unaudited(
        self,
        conn: &mut PgConn,
        caller: &Caller,
        client_id: Uuid,
    ) -> Result<Invitation, ApiError> {
        let client = self.client_to_invite_into(conn, caller, client_id)?;
        let locale = self.invitee_locale(conn, &client)?;
        let email = self.email.as_str();
        invitations::expire_pending(conn, client.id, email)?;
        let token = random_token();
        let invitation = NewInvitation {
            id: Uuid::now_v7(),
            client_id: client.id,
            email,
            role: self.role,
            token_hash: &sha256(token.as_bytes()),
            invited_by: Some(caller.id()),
            expires_at: Utc::now() + Duration::days(INVITATION_VALIDITY_DAYS),
        }
        .insert(conn)?;
        self.email_link(conn, caller, &client, &invitation, &token, locale)?;
        Ok(invitation)
    }

    /// The client in the caller's scope, once the caller may manage its members (and, unless
    /// NOURX staff, has invitations left today).
    pub(super) fn client_to_invite_into(
        &self,
        conn: &mut PgConn,
        caller: &Caller,
        client_id: Uuid,
    ) -> Result<Client, ApiError> {
        let client = clients::find(conn, &caller.scope(), client_id)?.ok_or(ApiError::NotFound)?;
        caller.require(client.id, Action::ManageMembers)?;
        if !caller.is_staff() {
            rate_limit::hit(conn, self.daily_limit, Bucket::InvitationsTo(client.id))?;
        }
        Ok(client)
    }

    /// Queues the invitation email with its link (`token`).
    pub(super) fn email_link(
        &self,
        conn: &mut PgConn,
        caller: &Caller,
        client: &Client,
        invitation: &Invitation,
        token: &str,
        locale: Locale,
    ) -> Result<(), ApiError> {
        let vars = json!({
            "inviter_name": caller.current.user.full_name,
            "client_name": client.name,
            "accept_url": format!("{}{token}", self.accept_url),
            "expires_at": format_expiry(invitation.expires_at, locale),
        });
        mailer::enqueue(conn, self.email.as_str(), locale, TemplateKey::Invitation, &vars)?;
        Ok(())
    }

    /// The language of the invitation email: the account's when the address has one (400 on
    /// `email` when that account may not be invited), else French.
    pub(super) fn invitee_locale(&self, conn: &mut PgConn, client: &Client) -> Result<Locale, ApiError> {
        let Some(user) = User::find_by_email(conn, self.email.as_str())? else {
            return Ok(Locale::Fr);
        };
        let already_member = clients::member_role(conn, client.id, user.id)?.is_some();
        check_invitee(user.role, already_member).map_err(|refusal| ApiError::field("email", refusal.message()))?;
        Ok(user.locale)
    }
}

fn last_owner() -> ApiError {
    ApiError::Conflict {
        code: "last_owner",
        message: Message::new(
            "Le client doit garder au moins un propriétaire.",
            "The client must keep at least one owner.",
        ),
        extra: json!({}),
    }
}

/// Finds the client in scope, checks the caller may manage its members, locks its owners and
/// finds the member: what changing or removing a member starts with. Also says whether the client
/// has owners besides this member.
fn member_for_change(
    conn: &mut PgConn,
    caller: &Caller,
    client_id: Uuid,
    user_id: Uuid,
) -> Result<(MemberRow, bool), ApiError> {
    let client = clients::find(conn, &caller.scope(), client_id)?.ok_or(ApiError::NotFound)?;
    caller.require(client.id, Action::ManageMembers)?;
    let owners = clients::owners_for_update(conn, client.id)?;
    let member = clients::member(conn, client.id, user_id)?.ok_or(ApiError::NotFound)?;
    let other_owners = owners.iter().any(|owner| *owner != member.user_id);
    Ok((member, other_owners))
}

/// Changes a member's role (the client's owners, or NOURX staff). The last owner stays an owner.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
    request_body = UpdateMemberRequest,
    responses(
        (status = 200, body = MemberDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an owner of the client, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client or member", body = ErrorDetail),
        (status = 409, description = "The client's last owner cannot be demoted (`last_owner`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/clients/{id}/members/{user_id}/")]
pub async fn update_member(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    Json(body): Json<UpdateMemberRequest>,
) -> ApiResult<web::Json<MemberDto>> {
    let (client_id, user_id) = path.into_inner();
    let member = state
        .db
        .run(move |conn| conn.transaction(|conn| change_role(conn, &caller, client_id, user_id, body.role)))
        .await?;
    Ok(web::Json(member.into()))
}

/// Gives the member `role` unless the client would lose its last owner; audited.
fn change_role(
    conn: &mut PgConn,
    caller: &Caller,
    client_id: Uuid,
    user_id: Uuid,
    role: MemberRole,
) -> Result<MemberRow, ApiError> {
    let (member, other_owners) = member_for_change(conn, caller, client_id, user_id)?;
    let (from, to) = match decide_role_change(member.role, role, other_owners) {
        RoleChange::Unchanged => return Ok(member),
        RoleChange::LastOwner => return Err(last_owner()),
        RoleChange::Change { from, to } => (from, to),
    };
    clients::set_member_role(conn, client_id, user_id, to)?;
    let entity_id = format!("{client_id}:{user_id}");
    let diff = json!({"role": [from, to]});
    audit::record(conn, &caller.audit(), "role_change", ("client_member", client_id), Some(entity_id), diff)?;
    clients::member(conn, client_id, user_id)?.ok_or(ApiError::NotFound)
}

/// Removes a member from the client (the client's owners, or NOURX staff). The last owner stays.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an owner of the client, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client or member", body = ErrorDetail),
        (status = 409, description = "The client's last owner cannot be removed (`last_owner`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/clients/{id}/members/{user_id}/")]
pub async fn remove_member(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (client_id, user_id) = path.into_inner();
    state.db.run(move |conn| conn.transaction(|conn| remove(conn, &caller, client_id, user_id))).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes the member unless they are the client's last owner; audited.
fn remove(conn: &mut PgConn, caller: &Caller, client_id: Uuid, user_id: Uuid) -> Result<(), ApiError> {
    let (member, other_owners) = member_for_change(conn, caller, client_id, user_id)?;
    if !may_remove_member(member.role, other_owners) {
        return Err(last_owner());
    }
    clients::remove_member(conn, client_id, user_id)?;
    let values = audit::snapshot(&member);
    let entity_id = format!("{client_id}:{user_id}");
    audit::record(conn, &caller.audit(), "delete", ("client_member", client_id), Some(entity_id), values)?;
    Ok(())
}
