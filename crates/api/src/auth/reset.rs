//! Password reset by email: a single-use link valid for one hour.

use actix_web::{HttpResponse, post, web};
use chrono::{Duration, Utc};
use diesel::Connection;
use nourx_db::audit::{self, AuditContext};
use nourx_db::users::User;
use nourx_db::{PgConn, invitations, login_throttle, sessions};
use nourx_domain::{Email, Locale, Message, NewPassword, PasswordRules};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::AppState;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::{ClientIp, Json};
use crate::http::random::{random_token, sha256};
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::services::mailer::{self, TemplateKey};
use crate::services::passwords;

/// How long a reset link works.
pub const RESET_VALIDITY_MINUTES: i64 = 60;

/// At most this many reset emails per account and hour; more requests answer the same and send nothing.
pub const MAX_RESETS_PER_HOUR: i64 = 5;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    #[schema(example = "awa@akwaba.demo")]
    pub email: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirmRequest {
    /// The `token` of the link in the email.
    pub token: String,
    /// 12 to 128 characters, not a common password, not built from your name or email.
    #[schema(format = Password)]
    pub new_password: String,
}

fn invalid_token() -> ApiError {
    ApiError::field(
        "token",
        Message::new(
            "Ce lien de réinitialisation est invalide ou a expiré. Demandez-en un nouveau.",
            "This reset link is invalid or has expired. Ask for a new one.",
        ),
    )
}

/// Sends a password-reset link to the address when it belongs to an active account.
///
/// The answer is 204 whether or not it does, so that this cannot tell who has an account.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 204, description = "If the address has an active account, a link is on its way"),
        (status = 400, description = "Not an email address", body = ValidationErrors),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
        (status = 429, description = "Too many requests from this address, or from everyone (`NOURX_LIMIT_PASSWORD_RESETS_*`), whatever the email: see `Retry-After`", body = ErrorDetail),
    ),
    security(("csrf_token" = []))
)]
#[post("/auth/password-reset/")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    ClientIp(ip): ClientIp,
    Json(body): Json<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    let email = Email::parse(&body.email).map_err(|message| ApiError::field("email", message))?.into_inner();
    // Counted before the address is looked up: the answer is the same whether it has an account.
    let limits = state.config.limits;
    rate_limit::check(&state.db, limits.password_resets_per_ip, Bucket::PasswordResetFrom(ip)).await?;
    rate_limit::check(&state.db, limits.password_resets_global, Bucket::PasswordResetAll).await?;
    let reset_url = format!("{}/mot-de-passe/reinitialiser?token=", state.config.public_web_url.trim_end_matches('/'));
    state.db.run(move |conn| conn.transaction(|conn| send_reset_link(conn, &email, &reset_url))).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Emails a new reset link (`reset_url` + its token) when the address has an active account that
/// has not had too many this hour. The same queries and rendering for every address; only the
/// two inserts differ.
fn send_reset_link(conn: &mut PgConn, email: &str, reset_url: &str) -> Result<(), ApiError> {
    let token = random_token();
    let user = User::find_by_email(conn, email)?;
    let since = Utc::now() - Duration::hours(1);
    let recent = invitations::password_resets_since(conn, user.as_ref().map_or(uuid::Uuid::nil(), |u| u.id), since)?;
    // An address without an account is rendered like one in French.
    let locale = user.as_ref().map_or(Locale::Fr, |u| u.locale);
    let vars = json!({
        "name": user.as_ref().map_or("", |u| u.full_name.as_str()),
        "reset_url": format!("{reset_url}{token}"),
        "valid_minutes": RESET_VALIDITY_MINUTES,
    });
    let rendered = mailer::render(conn, TemplateKey::PasswordReset, locale, &vars)?;
    match user {
        Some(user) if user.is_active && recent < MAX_RESETS_PER_HOUR => {
            let expires_at = Utc::now() + Duration::minutes(RESET_VALIDITY_MINUTES);
            invitations::insert_password_reset(conn, &sha256(token.as_bytes()), user.id, expires_at)?;
            mailer::store(conn, &user.email, locale, TemplateKey::PasswordReset, &rendered)?;
        }
        Some(user) if user.is_active => {
            tracing::warn!(user_id = %user.id, "password reset requested too often; no email sent");
        }
        _ => {}
    }
    Ok(())
}

/// Sets a new password with the token of a reset link. The link then stops working, and every
/// session of the account ends (log in again with the new password).
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetConfirmRequest,
    responses(
        (status = 204, description = "Password changed; every session of the account revoked"),
        (status = 400, description = "Invalid, used or expired token (on `token`), or a password that breaks the rules", body = ValidationErrors),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
    ),
    security(("csrf_token" = []))
)]
#[post("/auth/password-reset/confirm/")]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    ClientIp(ip): ClientIp,
    Json(body): Json<PasswordResetConfirmRequest>,
) -> ApiResult<HttpResponse> {
    let token_hash = sha256(body.token.trim().as_bytes());
    let lookup_hash = token_hash.clone();
    let user = state.db.run(move |conn| account_of_link(conn, &lookup_hash)).await?;
    let rules = PasswordRules { email: Some(&user.email), full_name: Some(&user.full_name) };
    let new_password = NewPassword::parse(&body.new_password, rules).map_err(|problems| {
        let mut errors = FieldErrors::new();
        errors.extend("new_password", problems);
        ApiError::Validation(errors)
    })?;
    let hash = passwords::hash(new_password).await?;
    let (user_id, context) = (user.id, AuditContext { actor_id: Some(user.id), ip: ip.map(|ip| ip.to_string()) });
    state
        .db
        .run(move |conn| conn.transaction(|conn| reset_password(conn, &token_hash, &user, &hash, &context)))
        .await?;
    tracing::info!(%user_id, "password reset; every session revoked");
    Ok(HttpResponse::NoContent().finish())
}

/// The active account a live reset link is for, without spending the link; 400 on `token` otherwise.
fn account_of_link(conn: &mut PgConn, token_hash: &[u8]) -> Result<User, ApiError> {
    let user_id = invitations::find_live_password_reset(conn, token_hash)?.ok_or_else(invalid_token)?;
    let user = User::find(conn, user_id)?;
    if user.is_active { Ok(user) } else { Err(invalid_token()) }
}

/// Spends the link (under a row lock: it works once even when sent twice at once), sets the new
/// password, ends every session of the account, forgets its failed logins, and audits.
fn reset_password(
    conn: &mut PgConn,
    token_hash: &[u8],
    user: &User,
    password_hash: &str,
    context: &AuditContext,
) -> Result<(), ApiError> {
    if invitations::take_password_reset(conn, token_hash)? != Some(user.id) {
        return Err(invalid_token());
    }
    User::set_password_hash(conn, user.id, password_hash)?;
    sessions::delete_for_user(conn, user.id, None)?;
    login_throttle::clear(conn, &login_throttle::account_bucket(&user.email))?;
    audit::record(conn, context, "password_reset", "user", Some(user.id.to_string()), json!({}))?;
    Ok(())
}
