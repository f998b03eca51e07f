use actix_web::{HttpRequest, HttpResponse, get, post, web};
use nourx_db::PgConn;
use nourx_db::audit::{self, AuditContext};
use nourx_db::users::User;
use nourx_domain::client::{LoginAccess, login_access};
use nourx_domain::{Email, Message};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::two_factor::TwoFactorChallenge;
use crate::AppState;
use crate::http::csrf;
use crate::http::error::{ApiError, ApiResult, FieldErrors, NON_FIELD_ERRORS};
use crate::http::extract::{EnrollingUser, Json};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::http::session::UserSession;
use crate::http::throttle;
use crate::me::MeResponse;
use crate::services::passwords;

#[derive(Debug, Serialize, ToSchema)]
pub struct CsrfTokenResponse {
    /// The value to send back in the `X-CSRFToken` header (also set as the `csrftoken` cookie).
    pub csrftoken: String,
}

/// Sets the `csrftoken` cookie that unsafe requests must echo in `X-CSRFToken`.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "Cookie set; the token is also in the body", body = CsrfTokenResponse))
)]
#[get("/auth/csrf/")]
pub async fn csrf_token(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let token = req
        .cookie(csrf::CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|t| csrf::is_well_formed(t))
        .unwrap_or_else(csrf::new_token);
    HttpResponse::Ok()
        .cookie(csrf::cookie(token.clone(), !state.config.development))
        .json(CsrfTokenResponse { csrftoken: token })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The account's email address (case does not matter).
    #[schema(example = "awa@akwaba.demo")]
    pub email: Option<String>,
    /// Accepted as a synonym of `email`, for DRF clients.
    pub username: Option<String>,
    #[schema(example = "demo-client-2026", format = Password)]
    pub password: String,
}

const INVALID_CREDENTIALS: Message =
    Message::new("Adresse e-mail ou mot de passe incorrect.", "Incorrect email address or password.");

/// Logs in with email and password. The session id and the CSRF token are rotated.
///
/// Failures are throttled per account (5 in 15 minutes) and per address; the answer is
/// the same, in content and timing, for an unknown email and a wrong password.
///
/// **Two steps** for an account with two-factor authentication: the right password answers
/// **202** with `{"two_factor_required": true, "trust_device_allowed", "expires_in"}` and a
/// half-authenticated session that reaches nothing else (401 everywhere); send the code within
/// `expires_in` seconds to `POST /api/auth/login/two-factor/`, which answers 200 like this one.
/// A client's browser trusted at an earlier second step (its cookie) goes straight to 200.
/// A staff account that must enrol first gets 200 with `two_factor.enrolment_required`: its
/// session reaches only `/api/me/`, `/api/me/two-factor/…` and logout until it enrols.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in; `sessionid` and a new `csrftoken` cookie are set", body = MeResponse),
        (status = 202, description = "Password right; a two-factor code is needed (`POST /api/auth/login/two-factor/`)", body = TwoFactorChallenge),
        (status = 400, description = "Missing fields or wrong credentials", body = ValidationErrors),
        (status = 403, description = "CSRF check failed, or a staff account outside the allowed networks (`staff_network_not_allowed`)", body = ErrorDetail),
        (status = 429, description = "Too many failures; see `Retry-After`", body = ErrorDetail),
    ),
    security(("csrf_token" = []))
)]
#[post("/auth/login/")]
pub async fn login(
    state: web::Data<AppState>,
    session: UserSession,
    req: HttpRequest,
    Json(body): Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let identifier = body.email.or(body.username).unwrap_or_default();
    if identifier.trim().is_empty() {
        return Err(ApiError::field("email", Message::new("Ce champ est obligatoire.", "This field is required.")));
    }
    // A malformed email cannot match an account: it is treated like an unknown one.
    let email = Email::parse(&identifier).map(Email::into_inner).unwrap_or_else(|_| identifier.trim().to_lowercase());
    let guess = throttle::begin(&state.db, state.config.login_throttle.login_buckets(&email, session.ip())).await?;

    let lookup_email = email.clone();
    let (user, allowed) = state
        .db
        .run(move |conn| {
            let user = User::find_by_email(conn, &lookup_email)?;
            let allowed = user.as_ref().map(|user| login_allowed(conn, user)).transpose()?.unwrap_or(false);
            Ok::<_, ApiError>((user, allowed))
        })
        .await?;
    let password_ok = passwords::verify(user.as_ref().map(|u| u.password_hash.clone()), body.password).await?;
    let user = match user {
        Some(user) if password_ok && allowed => user,
        _ => {
            guess.failed();
            let mut errors = FieldErrors::new();
            errors.add(NON_FIELD_ERRORS, INVALID_CREDENTIALS);
            return Err(ApiError::Validation(errors));
        }
    };
    guess.succeeded(&state.db).await?;
    super::two_factor::after_password(&state, &session, &req, user).await
}

/// Whether the account may log in: active, and not only a member of archived clients (a person
/// whose every client is archived gets the answer of a deactivated account).
pub(crate) fn login_allowed(conn: &mut PgConn, user: &User) -> Result<bool, ApiError> {
    let statuses = if user.is_active { nourx_db::clients::statuses_of_member(conn, user.id)? } else { Vec::new() };
    Ok(login_access(user.is_active, &statuses) == LoginAccess::Allowed)
}

/// Logs out: the server-side session is deleted, so the cookie is worthless even if kept.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, description = "Not logged in", body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/auth/logout/")]
pub async fn logout(
    state: web::Data<AppState>,
    EnrollingUser(current): EnrollingUser,
    session: UserSession,
) -> ApiResult<HttpResponse> {
    let user_id = current.user.id;
    let context = AuditContext { actor_id: Some(user_id), ip: session.ip().map(|ip| ip.to_string()) };
    state
        .db
        .run(move |conn| {
            audit::record(conn, &context, "logout", "user", Some(user_id.to_string()), serde_json::json!({}))
                .map_err(ApiError::from)
        })
        .await?;
    session.log_out();
    tracing::info!(%user_id, "logout");
    Ok(HttpResponse::NoContent().finish())
}
