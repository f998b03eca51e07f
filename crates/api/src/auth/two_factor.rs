//! Two-step login: after the right password, an account with two-factor authentication gets a
//! half-authenticated session (no user in it: every other endpoint answers 401) that only
//! `POST /api/auth/login/two-factor/` can finish, within five minutes, with a TOTP code or a
//! recovery code. Also: the code checks shared with the profile's endpoints, the "trusted
//! device" cookie of clients, and the staff network allow-list.

use actix_web::cookie::{Cookie, CookieJar, Key, SameSite, time};
use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Utc;
use diesel::Connection;
use nourx_db::audit::{self, AuditContext};
use nourx_db::login_throttle;
use nourx_db::two_factor;
use nourx_db::users::User;
use nourx_domain::Message;
use nourx_domain::two_factor::{self as rules, SecondFactor};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::http::error::{ApiError, ApiResult, NON_FIELD_ERRORS};
use crate::http::extract::Json;
use crate::http::random::{random_token, sha256};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::http::session::UserSession;
use crate::http::throttle;
use crate::me::MeResponse;

/// The signed cookie of a client's trusted device.
pub const TRUSTED_DEVICE_COOKIE: &str = "nourx_trusted_device";

/// What `POST /api/auth/login/` answers (202) when the password was right and a code is needed.
#[derive(Debug, Serialize, ToSchema)]
pub struct TwoFactorChallenge {
    /// Always `true`: send the code to `POST /api/auth/login/two-factor/`.
    pub two_factor_required: bool,
    /// Whether `trust_device` is offered (clients only; staff give a code at every login).
    pub trust_device_allowed: bool,
    /// Seconds left to send the code; then start again with the password.
    pub expires_in: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TwoFactorLoginRequest {
    /// The one-time code: the 6 digits of the authenticator app, or a recovery code
    /// (`xxxx-xxxx-xxxx`; spaces, dashes and case do not matter). Not called `code`, which DRF
    /// error bodies use for the error's code.
    #[schema(example = "123456")]
    pub otp: String,
    /// Clients only: skip the code on this browser for 30 days (a signed, HttpOnly cookie).
    #[serde(default)]
    pub trust_device: bool,
}

pub fn staff_network_refused() -> ApiError {
    ApiError::Forbidden {
        code: "staff_network_not_allowed",
        message: Message::new(
            "Les comptes NOURX ne peuvent pas être utilisés depuis ce réseau.",
            "NOURX staff accounts cannot be used from this network.",
        ),
    }
}

pub fn enrolment_required() -> ApiError {
    ApiError::Forbidden {
        code: "two_factor_enrolment_required",
        message: Message::new(
            "Activez la double authentification pour continuer.",
            "Set up two-factor authentication to continue.",
        ),
    }
}

fn login_expired() -> ApiError {
    ApiError::field(
        NON_FIELD_ERRORS,
        Message::new(
            "Votre connexion a expiré. Saisissez à nouveau votre mot de passe.",
            "Your sign-in has expired. Enter your password again.",
        ),
    )
}

fn random_bytes(n: usize) -> Vec<u8> {
    use ring::rand::SecureRandom;
    let mut bytes = vec![0u8; n];
    // The OS random source failing is not recoverable: no secret can be issued.
    #[allow(clippy::expect_used)]
    ring::rand::SystemRandom::new().fill(&mut bytes).expect("the OS random number generator failed");
    bytes
}

/// A new TOTP secret (160 random bits).
pub fn new_secret() -> Vec<u8> {
    random_bytes(rules::SECRET_BYTES)
}

/// How a second factor was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    Totp,
    RecoveryCode,
}

impl Factor {
    fn as_str(self) -> &'static str {
        match self {
            Factor::Totp => "totp",
            Factor::RecoveryCode => "recovery_code",
        }
    }
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRefusal {
    Wrong,
    /// A right TOTP code whose 30-second step was already used.
    Reused,
}

impl CodeRefusal {
    pub fn error(self, field: &str) -> ApiError {
        let message = match self {
            CodeRefusal::Wrong => Message::new("Code incorrect.", "Incorrect code."),
            CodeRefusal::Reused => Message::new(
                "Ce code a déjà été utilisé. Attendez le suivant.",
                "This code has already been used. Wait for the next one.",
            ),
        };
        ApiError::field(field, message)
    }
}

/// The stored form of a recovery code: SHA-256 of the account id and the normalized code.
pub fn recovery_code_hash(user_id: Uuid, normalized: &str) -> Vec<u8> {
    let mut input = user_id.as_bytes().to_vec();
    input.extend_from_slice(normalized.as_bytes());
    sha256(&input)
}

fn unix_now() -> u64 {
    u64::try_from(Utc::now().timestamp()).unwrap_or(0)
}

/// Checks and spends a code of a confirmed account: a TOTP step or a recovery code works once.
pub async fn check_code(state: &AppState, user_id: Uuid, code: &str) -> ApiResult<Result<Factor, CodeRefusal>> {
    let factor = rules::parse_code(code);
    state
        .db
        .run(move |conn| {
            let Some(secret) = two_factor::find(conn, user_id)?.filter(|s| s.is_confirmed()) else {
                return Ok::<_, ApiError>(Err(CodeRefusal::Wrong));
            };
            Ok(match factor {
                Some(SecondFactor::Totp(code)) => match rules::verify_totp(&secret.secret, &code, unix_now()) {
                    Some(step) if two_factor::use_step(conn, user_id, step)? => Ok(Factor::Totp),
                    Some(_) => Err(CodeRefusal::Reused),
                    None => Err(CodeRefusal::Wrong),
                },
                Some(SecondFactor::RecoveryCode(code)) => {
                    if two_factor::use_recovery_code(conn, user_id, &recovery_code_hash(user_id, &code))? {
                        Ok(Factor::RecoveryCode)
                    } else {
                        Err(CodeRefusal::Wrong)
                    }
                }
                None => Err(CodeRefusal::Wrong),
            })
        })
        .await
}

/// Ten new recovery codes: (as shown, as stored).
pub fn new_recovery_codes(user_id: Uuid) -> ApiResult<(Vec<String>, Vec<Vec<u8>>)> {
    let mut shown = Vec::with_capacity(rules::RECOVERY_CODE_COUNT);
    while shown.len() < rules::RECOVERY_CODE_COUNT {
        let random = random_bytes(32);
        if let Some(code) = rules::recovery_code_from_random(&random) {
            shown.push(code);
        }
    }
    let stored = shown
        .iter()
        .map(|code| {
            let normalized = rules::normalize_recovery_code(code).unwrap_or_default();
            recovery_code_hash(user_id, &normalized)
        })
        .collect();
    Ok((shown, stored))
}

/// What identifies the password a trust was given under: it changes with every new password.
fn password_fingerprint(password_hash: &str) -> Vec<u8> {
    sha256(format!("nourx-trusted-device:{password_hash}").as_bytes())
}

/// The token of this browser's trusted-device cookie, when its signature is ours.
fn trusted_device_token(req: &HttpRequest, key: &Key) -> Option<String> {
    let cookie = req.cookie(TRUSTED_DEVICE_COOKIE)?;
    let mut jar = CookieJar::new();
    jar.add_original(cookie.into_owned());
    jar.signed(key).get(TRUSTED_DEVICE_COOKIE).map(|c| c.value().to_owned())
}

async fn is_trusted_device(state: &AppState, req: &HttpRequest, user: &User) -> ApiResult<bool> {
    let key = Key::from(&state.config.secret_key);
    let Some(token) = trusted_device_token(req, &key) else {
        return Ok(false);
    };
    let (user_id, fingerprint) = (user.id, password_fingerprint(&user.password_hash));
    let hash = sha256(token.as_bytes());
    state.db.run(move |conn| two_factor::is_trusted(conn, &hash, user_id, &fingerprint).map_err(ApiError::from)).await
}

/// Remembers this browser for 30 days and returns its signed cookie.
async fn trust_device(state: &AppState, user: &User) -> ApiResult<Cookie<'static>> {
    let token = random_token();
    let (hash, user_id, fingerprint) = (sha256(token.as_bytes()), user.id, password_fingerprint(&user.password_hash));
    let expires_at = Utc::now() + chrono::Duration::days(rules::TRUSTED_DEVICE_DAYS);
    state
        .db
        .run(move |conn| {
            two_factor::trust_device(conn, &hash, user_id, &fingerprint, expires_at).map_err(ApiError::from)
        })
        .await?;
    let mut jar = CookieJar::new();
    jar.signed_mut(&Key::from(&state.config.secret_key)).add(Cookie::new(TRUSTED_DEVICE_COOKIE, token));
    let signed = jar.get(TRUSTED_DEVICE_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    Ok(Cookie::build(TRUSTED_DEVICE_COOKIE, signed)
        .path("/api/auth/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(!state.config.development)
        .max_age(time::Duration::days(rules::TRUSTED_DEVICE_DAYS))
        .finish())
}

/// After the right password: refuses staff outside the allowed networks, asks for a code when the
/// account has two-factor authentication (unless it is a client on a device it trusts), and
/// otherwise logs in.
pub async fn after_password(
    state: &AppState,
    session: &UserSession,
    req: &HttpRequest,
    user: User,
) -> ApiResult<HttpResponse> {
    let is_staff = user.role.is_staff();
    if is_staff && !state.config.staff_network_allows(session.ip()) {
        tracing::warn!(user_id = %user.id, ip = ?session.ip(), "staff login refused outside the allowed networks");
        return Err(staff_network_refused());
    }
    let user_id = user.id;
    let enabled = state.db.run(move |conn| two_factor::is_enabled(conn, user_id).map_err(ApiError::from)).await?;
    if enabled && !(rules::may_trust_device(is_staff) && is_trusted_device(state, req, &user).await?) {
        session.await_second_factor(user_id, Utc::now() + chrono::Duration::minutes(rules::PENDING_LOGIN_MINUTES))?;
        tracing::info!(%user_id, "password right; waiting for the second factor");
        return Ok(HttpResponse::Accepted().json(TwoFactorChallenge {
            two_factor_required: true,
            trust_device_allowed: rules::may_trust_device(is_staff),
            expires_in: rules::PENDING_LOGIN_MINUTES * 60,
        }));
    }
    let factor = enabled.then_some("trusted_device");
    finish_login(state, session, user, factor).await
}

/// Logs `user` in: last login, the account's failures forgotten, audit, a new session and CSRF token.
async fn finish_login(
    state: &AppState,
    session: &UserSession,
    user: User,
    factor: Option<&'static str>,
) -> ApiResult<HttpResponse> {
    let user_id = user.id;
    let account = login_throttle::account_bucket(&user.email);
    let context = AuditContext { actor_id: Some(user_id), ip: session.ip().map(|ip| ip.to_string()) };
    state
        .db
        .run(move |conn| -> Result<(), ApiError> {
            conn.transaction(|conn| {
                User::touch_last_login(conn, user_id)?;
                login_throttle::clear(conn, &account)?;
                let diff = factor.map_or_else(|| serde_json::json!({}), |f| serde_json::json!({"two_factor": f}));
                audit::record(conn, &context, "login", "user", Some(user_id.to_string()), diff)
            })?;
            Ok(())
        })
        .await?;
    let csrf_cookie = session.log_in(&user)?;
    tracing::info!(%user_id, "login");
    let mut user = user;
    user.last_login = Some(Utc::now());
    let me = crate::me::me_response(state, user).await?;
    Ok(HttpResponse::Ok().cookie(csrf_cookie).json(me))
}

/// Second step of a login: the code of the authenticator app, or a recovery code.
///
/// Wrong codes count like wrong passwords (the same per-account, per-address and global
/// cool-off, 429 with `Retry-After`); a TOTP code works once, a recovery code too.
#[utoipa::path(
    tag = "auth",
    request_body = TwoFactorLoginRequest,
    responses(
        (status = 200, description = "Logged in; `sessionid`, a new `csrftoken` and, with `trust_device`, the trusted-device cookie are set", body = MeResponse),
        (status = 400, description = "Wrong or already used code (on `otp`), or no password step in the last five minutes (on `non_field_errors`: start again)", body = ValidationErrors),
        (status = 403, description = "CSRF check failed, or a staff account outside the allowed networks (`staff_network_not_allowed`)", body = ErrorDetail),
        (status = 429, description = "Too many wrong codes or passwords; see `Retry-After`", body = ErrorDetail),
    ),
    // The `sessionid` cookie of the password step (half-authenticated) is needed, but no login.
    security(("csrf_token" = []))
)]
#[post("/auth/login/two-factor/")]
pub async fn login_two_factor(
    state: web::Data<AppState>,
    session: UserSession,
    Json(body): Json<TwoFactorLoginRequest>,
) -> ApiResult<HttpResponse> {
    let user = pending_user(&state, &session).await?;
    let is_staff = user.role.is_staff();
    let guess =
        throttle::begin(&state.db, state.config.login_throttle.login_buckets(&user.email, session.ip())).await?;
    let factor = match check_code(&state, user.id, &body.otp).await? {
        Ok(factor) => factor,
        Err(refusal) => {
            guess.failed();
            return Err(refusal.error("otp"));
        }
    };
    guess.succeeded(&state.db).await?;
    let trust = body.trust_device && rules::may_trust_device(is_staff);
    let cookie = if trust { Some(trust_device(&state, &user).await?) } else { None };
    let mut response = finish_login(&state, &session, user, Some(factor.as_str())).await?;
    if let Some(cookie) = cookie {
        response.add_cookie(&cookie).map_err(|e| ApiError::internal(anyhow::anyhow!("cookie: {e}")))?;
    }
    Ok(response)
}

/// The account whose password was right in this session in the last five minutes, still active
/// (and, for staff, on an allowed network).
async fn pending_user(state: &AppState, session: &UserSession) -> ApiResult<User> {
    let user_id = session.second_factor_pending().ok_or_else(login_expired)?;
    let (user, allowed) = state
        .db
        .run(move |conn| {
            let user = User::find(conn, user_id)?;
            let allowed = super::handlers::login_allowed(conn, &user)?;
            Ok::<_, ApiError>((user, allowed))
        })
        .await?;
    if !allowed {
        session.log_out();
        return Err(login_expired());
    }
    if user.role.is_staff() && !state.config.staff_network_allows(session.ip()) {
        return Err(staff_network_refused());
    }
    Ok(user)
}
