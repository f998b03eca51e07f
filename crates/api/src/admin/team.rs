//! NOURX's team: the staff accounts and the staff invitations (read by any staff member; sent,
//! resent and revoked by admins).

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Duration, Utc};
use diesel::Connection;
use nourx_db::staff_invitations::{self, NewStaffInvitation, StaffInvitation};
use nourx_db::users::{self, User};
use nourx_db::{PgConn, audit, clock};
use nourx_domain::team::{
    STAFF_INVITATION_VALIDITY_DAYS, StaffInvitationStatus, StaffInviteRefusal, check_resend_or_revoke, may_invite_as,
    role_label,
};
use nourx_domain::{Email, Lang, Locale, Message, Role, StaffAction};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::clients::format_expiry;
use crate::http::caller::Staff;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::random::{random_token, sha256};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::services::mailer::{self, TemplateKey};

const NAME_MAX: usize = 150;

/// A staff account, as the team page shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamMemberDto {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    /// `admin` or `staff`.
    pub role: Role,
    pub is_active: bool,
    pub two_factor_enabled: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl TeamMemberDto {
    fn new(user: User, two_factor_enabled: bool) -> TeamMemberDto {
        TeamMemberDto {
            id: user.id,
            email: user.email,
            full_name: user.full_name,
            role: user.role,
            is_active: user.is_active,
            two_factor_enabled,
            last_login_at: user.last_login,
            created_at: user.created_at,
        }
    }
}

/// Who sent an invitation.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonRef {
    pub id: Uuid,
    pub name: String,
}

/// A staff invitation. The token is only ever in the email.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffInvitationDto {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    /// `admin` or `staff`.
    pub role: Role,
    pub locale: Locale,
    pub status: StaffInvitationStatus,
    pub invited_by: Option<PersonRef>,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

impl StaffInvitationDto {
    fn new(invitation: StaffInvitation, inviter: Option<PersonRef>, now: DateTime<Utc>) -> StaffInvitationDto {
        StaffInvitationDto {
            status: invitation.state().status(now),
            id: invitation.id,
            email: invitation.email,
            full_name: invitation.full_name,
            role: invitation.role,
            locale: invitation.locale,
            invited_by: inviter,
            expires_at: invitation.expires_at,
            created_at: invitation.created_at,
        }
    }
}

/// The team: every staff account (active or not), and the invitations neither accepted nor
/// revoked (`pending`, or `expired`: they may be resent).
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamResponse {
    pub members: Vec<TeamMemberDto>,
    pub invitations: Vec<StaffInvitationDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteStaffRequest {
    pub email: String,
    #[schema(example = "Aminata Traoré")]
    pub full_name: String,
    /// `admin` or `staff`.
    pub role: Role,
    /// The language of the email and of the account. Default: fr.
    #[serde(default)]
    pub locale: Locale,
}

/// The invitations with their inviters' names, as of `now`.
fn invitation_dtos(
    conn: &mut PgConn,
    invitations: Vec<StaffInvitation>,
    now: DateTime<Utc>,
) -> Result<Vec<StaffInvitationDto>, ApiError> {
    let ids: Vec<Uuid> = invitations.iter().filter_map(|i| i.invited_by).collect();
    let names = users::names(conn, &ids)?;
    Ok(invitations
        .into_iter()
        .map(|invitation| {
            let inviter =
                invitation.invited_by.map(|id| PersonRef { id, name: names.get(&id).cloned().unwrap_or_default() });
            StaffInvitationDto::new(invitation, inviter, now)
        })
        .collect())
}

fn invitation_dto(conn: &mut PgConn, invitation: StaffInvitation) -> Result<StaffInvitationDto, ApiError> {
    let now = clock::transaction_now(conn)?;
    let mut dtos = invitation_dtos(conn, vec![invitation], now)?;
    dtos.pop().ok_or(ApiError::NotFound)
}

/// The team: staff accounts and open staff invitations (any NOURX staff member).
#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, body = TeamResponse),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/team/")]
pub async fn list_team(_staff: Staff, state: web::Data<AppState>) -> ApiResult<web::Json<TeamResponse>> {
    let team = state
        .db
        .run(|conn| {
            let now = clock::transaction_now(conn)?;
            let members = users::staff_members(conn)?.into_iter().map(|(u, on)| TeamMemberDto::new(u, on)).collect();
            let open = staff_invitations::open(conn)?;
            let invitations = invitation_dtos(conn, open, now)?;
            Ok::<_, ApiError>(TeamResponse { members, invitations })
        })
        .await?;
    Ok(web::Json(team))
}

fn refused(refusal: StaffInviteRefusal) -> ApiError {
    ApiError::Conflict { code: refusal.code(), message: refusal.message(), extra: json!({}) }
}

/// A staff invitation to send: checked fields.
struct StaffInvite {
    email: Email,
    full_name: String,
    role: Role,
    locale: Locale,
}

impl InviteStaffRequest {
    fn validate(self) -> Result<StaffInvite, ApiError> {
        let mut errors = FieldErrors::new();
        let full_name = text(&mut errors, "full_name", &self.full_name, NAME_MAX);
        if !may_invite_as(self.role) {
            errors.add("role", Message::new("Choisissez admin ou staff.", "Choose admin or staff."));
        }
        let email = match Email::parse(&self.email) {
            Ok(email) if errors.is_empty() => email,
            Ok(_) => return Err(ApiError::Validation(errors)),
            Err(message) => {
                errors.add("email", message);
                return Err(ApiError::Validation(errors));
            }
        };
        Ok(StaffInvite { email, full_name, role: self.role, locale: self.locale })
    }
}

/// Where the email's link leads, with its token.
fn accept_url(state: &AppState, token: &str) -> String {
    format!("{}/invitation/accepter?token={token}", state.config.public_web_url.trim_end_matches('/'))
}

/// Queues the invitation email with a link holding `token`.
fn send_email(conn: &mut PgConn, staff: &Staff, invitation: &StaffInvitation, link: &str) -> Result<(), ApiError> {
    let lang = Lang::from(invitation.locale);
    let vars = json!({
        "name": invitation.full_name,
        "inviter_name": staff.current.user.full_name,
        "role_label": role_label(invitation.role).get(lang),
        "accept_url": link,
        "expires_at": format_expiry(invitation.expires_at, invitation.locale),
    });
    mailer::enqueue(conn, &invitation.email, invitation.locale, TemplateKey::StaffInvitation, &vars)
}

/// Invites someone to join NOURX's staff (admins): an email with a single-use link valid for 7
/// days, where they choose a password (then enrol in two-factor authentication). A new invitation
/// of the same address revokes the open one.
#[utoipa::path(
    tag = "admin",
    request_body = InviteStaffRequest,
    responses(
        (status = 201, description = "Invitation created and its email queued", body = StaffInvitationDto),
        (status = 400, description = "Invalid email, name or role", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 409, description = "`email_taken`: the address already has an account", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/team/invitations/")]
pub async fn invite_staff(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<InviteStaffRequest>,
) -> ApiResult<HttpResponse> {
    staff.require_staff(StaffAction::ManageTeam)?;
    let invite = body.validate()?;
    let token = random_token();
    let link = accept_url(&state, &token);
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let invitation = insert_invitation(conn, &staff, &invite, &sha256(token.as_bytes()))?;
                send_email(conn, &staff, &invitation, &link)?;
                invitation_dto(conn, invitation)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(dto))
}

/// Stores the invitation (409 when the address has an account), revoking the address's open
/// one, and audits.
fn insert_invitation(
    conn: &mut PgConn,
    staff: &Staff,
    invite: &StaffInvite,
    token_hash: &[u8],
) -> Result<StaffInvitation, ApiError> {
    let email = invite.email.as_str();
    if User::find_by_email(conn, email)?.is_some() {
        return Err(refused(StaffInviteRefusal::AddressTaken));
    }
    staff_invitations::revoke_open_for(conn, email)?;
    let invitation = NewStaffInvitation {
        id: Uuid::now_v7(),
        email,
        full_name: &invite.full_name,
        role: invite.role,
        locale: invite.locale,
        token_hash,
        invited_by: Some(staff.id()),
        expires_at: clock::transaction_now(conn)? + Duration::days(STAFF_INVITATION_VALIDITY_DAYS),
    }
    .insert(conn)?;
    let values = audit::snapshot(&invitation);
    audit::record(conn, &staff.audit(), "invite", "staff_invitation", Some(invitation.id.to_string()), values)?;
    Ok(invitation)
}

/// The invitation `id` locked, if it may still be resent or revoked (404, or 409 once accepted
/// or revoked).
fn open_invitation(conn: &mut PgConn, id: Uuid) -> Result<StaffInvitation, ApiError> {
    let invitation = staff_invitations::lock(conn, id)?.ok_or(ApiError::NotFound)?;
    let now = clock::transaction_now(conn)?;
    check_resend_or_revoke(invitation.state().status(now)).map_err(refused)?;
    Ok(invitation)
}

/// Sends a staff invitation again (admins): a new link and a new 7-day expiry; the previous link
/// stops working.
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "New link sent", body = StaffInvitationDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
        (status = 409, description = "`invitation_accepted` or `invitation_revoked`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/team/invitations/{id}/resend/")]
pub async fn resend_staff_invitation(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<StaffInvitationDto>> {
    staff.require_staff(StaffAction::ManageTeam)?;
    let (id, token) = (id.into_inner(), random_token());
    let link = accept_url(&state, &token);
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                open_invitation(conn, id)?;
                let expires_at = clock::transaction_now(conn)? + Duration::days(STAFF_INVITATION_VALIDITY_DAYS);
                let invitation = staff_invitations::renew(conn, id, &sha256(token.as_bytes()), expires_at)?;
                let diff = json!({"expires_at": invitation.expires_at});
                audit::record(conn, &staff.audit(), "resend", "staff_invitation", Some(id.to_string()), diff)?;
                send_email(conn, &staff, &invitation, &link)?;
                invitation_dto(conn, invitation)
            })
        })
        .await?;
    Ok(web::Json(dto))
}

/// Revokes a staff invitation (admins): its link stops working.
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
        (status = 409, description = "`invitation_accepted` or `invitation_revoked`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/admin/team/invitations/{id}/")]
pub async fn revoke_staff_invitation(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    staff.require_staff(StaffAction::ManageTeam)?;
    let id = id.into_inner();
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                open_invitation(conn, id)?;
                staff_invitations::revoke(conn, id)?;
                audit::record(conn, &staff.audit(), "revoke", "staff_invitation", Some(id.to_string()), json!({}))?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
