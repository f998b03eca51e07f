//! Accepting a staff invitation. Its link is the client invitations' (one acceptance page and
//! endpoint for the web): a token found among staff invitations creates the staff account with
//! the invited role and logs the person in; they are then asked to enrol in two-factor
//! authentication by the usual rule (`two_factor.enrolment_required`).

use actix_web::{HttpRequest, HttpResponse};
use chrono::Utc;
use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use nourx_db::audit::{self, AuditContext};
use nourx_db::staff_invitations::{self, StaffInvitation};
use nourx_db::users::{NewUser, User};
use nourx_db::{PgConn, clock};
use nourx_domain::team::decide_staff_acceptance;
use serde_json::json;
use uuid::Uuid;

use super::invitations::{AcceptInvitationRequest, Account, invalid_invitation};
use crate::AppState;
use crate::http::error::{ApiError, ApiResult};
use crate::http::session::UserSession;

/// The staff invitation `token_hash` names, if it may be accepted (400 on `token` otherwise);
/// `None` when the token is not a staff invitation's.
async fn acceptable(state: &AppState, token_hash: Vec<u8>) -> ApiResult<Option<StaffInvitation>> {
    let found = state
        .db
        .run(move |conn| {
            let Some(invitation) = staff_invitations::find_by_token(conn, &token_hash)? else {
                return Ok::<_, ApiError>(None);
            };
            let taken = User::find_by_email(conn, &invitation.email)?.is_some();
            Ok(Some((invitation, taken)))
        })
        .await?;
    let Some((invitation, taken)) = found else { return Ok(None) };
    decide_staff_acceptance(invitation.state(), taken, Utc::now()).map_err(|_| invalid_invitation())?;
    Ok(Some(invitation))
}

/// Accepts the staff invitation `token_hash` names, if it is one (`None`: not a staff token).
/// The name defaults to the one the invitation was sent with.
pub(super) async fn accept_staff_invitation(
    req: &HttpRequest,
    state: &AppState,
    session: &UserSession,
    token_hash: &[u8],
    body: &AcceptInvitationRequest,
) -> ApiResult<Option<HttpResponse>> {
    let Some(invitation) = acceptable(state, token_hash.to_vec()).await? else { return Ok(None) };
    let name = if body.name.trim().is_empty() { &invitation.full_name } else { &body.name };
    let account = Account::create(&invitation.email, name, &body.password).await?;
    let context = AuditContext { actor_id: None, ip: session.ip().map(|ip| ip.to_string()) };
    let token_hash = token_hash.to_vec();
    let user = state.db.run(move |conn| conn.transaction(|conn| accept(conn, &token_hash, account, context))).await?;
    tracing::info!(user_id = %user.id, role = %user.role, "staff invitation accepted");
    // Logged in as by `POST /api/auth/login/` (staff outside the allowed networks are refused).
    super::two_factor::after_password(state, session, req, user).await.map(Some)
}

/// The acceptance's transaction: confirms the invitation with it locked (of two simultaneous
/// acceptances only one gets it), creates the account with the invited role and language, spends
/// the invitation, and audits.
fn accept(conn: &mut PgConn, token_hash: &[u8], account: Account, context: AuditContext) -> Result<User, ApiError> {
    let invitation = staff_invitations::lock_by_token(conn, token_hash)?.ok_or_else(invalid_invitation)?;
    let taken = User::find_by_email(conn, &invitation.email)?.is_some();
    decide_staff_acceptance(invitation.state(), taken, clock::transaction_now(conn)?)
        .map_err(|_| invalid_invitation())?;
    let Account::Create { name, password_hash } = account else { return Err(invalid_invitation()) };
    let new = NewUser {
        id: Uuid::now_v7(),
        email: &invitation.email,
        full_name: &name,
        phone: None,
        locale: invitation.locale,
        role: invitation.role,
        password_hash: &password_hash,
        is_active: true,
    };
    let user = new.insert(conn).map_err(|error| match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => invalid_invitation(),
        other => other.into(),
    })?;
    staff_invitations::mark_accepted(conn, invitation.id)?;
    let diff = json!({"email": invitation.email, "role": invitation.role, "user_id": user.id});
    let context = AuditContext { actor_id: Some(user.id), ..context };
    audit::record(conn, &context, "accept_invitation", "staff_invitation", Some(invitation.id.to_string()), diff)?;
    Ok(user)
}
