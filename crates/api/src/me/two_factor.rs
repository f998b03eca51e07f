//! The user's own two-factor authentication: enrol (a secret made here, shown as an
//! `otpauth://` URI, a QR code drawn here as SVG, and in groups for typing), confirm with a
//! first code (then ten single-use recovery codes, shown once), regenerate the recovery codes,
//! turn it off. A staff account that must enrol reaches these (and `/api/me/`) only.

use std::fmt::Write as _;

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use nourx_db::audit;
use nourx_db::two_factor;
use nourx_db::users::User;
use nourx_domain::Message;
use nourx_domain::two_factor as rules;
use qrcodegen::{QrCode, QrCodeEcc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::two_factor::{check_code, new_recovery_codes, new_secret};
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult, NON_FIELD_ERRORS};
use crate::http::extract::{ClientIp, EnrollingUser, Json};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::http::throttle;
use crate::services::passwords;

/// Where the account stands, for the profile page.
#[derive(Debug, Serialize, ToSchema)]
pub struct TwoFactorDetails {
    pub enabled: bool,
    /// Staff where it is required: it cannot be turned off.
    pub required: bool,
    pub enrolment_required: bool,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Recovery codes not used yet (0 when off).
    pub recovery_codes_remaining: i64,
    /// Whether the login's "trust this device for 30 days" is offered to this account (clients).
    pub trust_device_allowed: bool,
}

/// A new secret to add to an authenticator app; confirm it with a first code.
#[derive(Debug, Serialize, ToSchema)]
pub struct TwoFactorSetup {
    /// The secret in base32, in groups of four, for typing it by hand.
    #[schema(example = "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP")]
    pub secret: String,
    /// What the QR code holds.
    #[schema(example = "otpauth://totp/NOURX:awa%40akwaba.demo?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=NOURX")]
    pub otpauth_uri: String,
    /// The QR code of `otpauth_uri`, an SVG document (black on white, 4-module quiet zone).
    pub qr_svg: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TwoFactorConfirmRequest {
    /// The code the authenticator app shows now.
    #[schema(example = "123456")]
    pub otp: String,
}

/// Proof that the person at the keyboard is the account's owner: the password, or a current code.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TwoFactorReauthRequest {
    #[schema(format = Password)]
    pub password: Option<String>,
    /// A code of the authenticator app, or a recovery code.
    pub otp: Option<String>,
}

/// Ten single-use recovery codes, shown this once (only their hashes are kept).
#[derive(Debug, Serialize, ToSchema)]
pub struct RecoveryCodes {
    #[schema(example = json!(["k7qm-x3pd-rt9a", "…"]))]
    pub recovery_codes: Vec<String>,
}

fn is_staff(user: &User) -> bool {
    user.role.is_staff()
}

/// The QR code of `text` as an SVG document, one path of unit squares.
fn qr_svg(text: &str) -> ApiResult<String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("QR code: {e:?}")))?;
    let border = 4;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                let _ = write!(path, "M{},{}h1v1h-1z", x + border, y + border);
            }
        }
    }
    let side = qr.size() + 2 * border;
    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#ffffff"/><path d="{path}" fill="#000000"/></svg>"##
    ))
}

/// Where the account stands with two-factor authentication.
#[utoipa::path(
    tag = "me",
    responses(
        (status = 200, body = TwoFactorDetails),
        (status = 401, description = "Not logged in", body = ErrorDetail),
        (status = 403, description = "A staff account outside the allowed networks", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/me/two-factor/")]
pub async fn get_two_factor(
    state: web::Data<AppState>,
    EnrollingUser(current): EnrollingUser,
) -> ApiResult<web::Json<TwoFactorDetails>> {
    let user_id = current.user.id;
    let (secret, remaining) = state
        .db
        .run(move |conn| {
            let secret = two_factor::find(conn, user_id)?.filter(|s| s.is_confirmed());
            Ok::<_, ApiError>((secret, two_factor::remaining_recovery_codes(conn, user_id)?))
        })
        .await?;
    let status = super::handlers::two_factor_status(&state.config, &current.user, secret.is_some());
    Ok(web::Json(TwoFactorDetails {
        enabled: status.enabled,
        required: status.required,
        enrolment_required: status.enrolment_required,
        confirmed_at: secret.and_then(|s| s.confirmed_at),
        recovery_codes_remaining: if status.enabled { remaining } else { 0 },
        trust_device_allowed: rules::may_trust_device(is_staff(&current.user)),
    }))
}

/// Starts enrolment: a new secret (replacing one not confirmed yet). Nothing changes for the
/// login until it is confirmed.
#[utoipa::path(
    tag = "me",
    responses(
        (status = 200, description = "Add it to the authenticator app, then confirm with a code", body = TwoFactorSetup),
        (status = 401, description = "Not logged in", body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
        (status = 409, description = "Two-factor authentication is already on (`two_factor_already_enabled`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/me/two-factor/setup/")]
pub async fn setup_two_factor(
    state: web::Data<AppState>,
    EnrollingUser(current): EnrollingUser,
) -> ApiResult<web::Json<TwoFactorSetup>> {
    let secret = new_secret();
    let (user_id, stored) = (current.user.id, secret.clone());
    let started =
        state.db.run(move |conn| two_factor::begin_setup(conn, user_id, &stored).map_err(ApiError::from)).await?;
    if !started {
        return Err(already_enabled());
    }
    let unusable = || ApiError::internal(anyhow::anyhow!("the new TOTP secret was refused"));
    let otpauth_uri = rules::otpauth_uri(&secret, &current.user.email).ok_or_else(unusable)?;
    Ok(web::Json(TwoFactorSetup {
        secret: rules::secret_for_people(&secret).ok_or_else(unusable)?,
        qr_svg: qr_svg(&otpauth_uri)?,
        otpauth_uri,
    }))
}

fn already_enabled() -> ApiError {
    ApiError::Conflict {
        code: "two_factor_already_enabled",
        message: Message::new(
            "La double authentification est déjà activée.",
            "Two-factor authentication is already on.",
        ),
        extra: json!({}),
    }
}

fn not_enabled() -> ApiError {
    ApiError::Conflict {
        code: "two_factor_not_enabled",
        message: Message::new("La double authentification n'est pas activée.", "Two-factor authentication is off."),
        extra: json!({}),
    }
}

/// Confirms enrolment with the code the app shows now, and gives the ten recovery codes.
/// Wrong codes count like wrong passwords (429 with `Retry-After` after too many).
#[utoipa::path(
    tag = "me",
    request_body = TwoFactorConfirmRequest,
    responses(
        (status = 200, description = "On; the recovery codes are shown this once", body = RecoveryCodes),
        (status = 400, description = "Wrong code (on `otp`)", body = ValidationErrors),
        (status = 401, description = "Not logged in", body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
        (status = 409, description = "Already on, or no setup started (`two_factor_already_enabled`, `two_factor_not_started`)", body = ErrorDetail),
        (status = 429, description = "Too many wrong codes; see `Retry-After`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/me/two-factor/confirm/")]
pub async fn confirm_two_factor(
    state: web::Data<AppState>,
    EnrollingUser(current): EnrollingUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<TwoFactorConfirmRequest>,
) -> ApiResult<web::Json<RecoveryCodes>> {
    let user_id = current.user.id;
    let pending = state.db.run(move |conn| two_factor::find(conn, user_id).map_err(ApiError::from)).await?;
    let pending = match pending {
        Some(secret) if secret.is_confirmed() => return Err(already_enabled()),
        Some(secret) => secret,
        None => return Err(not_started()),
    };
    let guess = throttle::begin(&state.db, state.config.login_throttle.account_buckets(&current.user.email)).await?;
    let now = u64::try_from(Utc::now().timestamp()).unwrap_or(0);
    let Some(step) = rules::verify_totp(&pending.secret, body.otp.trim(), now) else {
        guess.failed();
        return Err(ApiError::field("otp", Message::new("Code incorrect.", "Incorrect code.")));
    };
    guess.succeeded(&state.db).await?;
    let (shown, stored) = new_recovery_codes(user_id)?;
    let context = audit::AuditContext { actor_id: Some(user_id), ip: ip.map(|ip| ip.to_string()) };
    state
        .db
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                if !two_factor::confirm(conn, user_id, step, &stored)? {
                    return Err(already_enabled());
                }
                audit::record(conn, &context, "two_factor_enable", "user", Some(user_id.to_string()), json!({}))?;
                Ok(())
            })
        })
        .await?;
    tracing::info!(%user_id, "two-factor authentication on");
    Ok(web::Json(RecoveryCodes { recovery_codes: shown }))
}

fn not_started() -> ApiError {
    ApiError::Conflict {
        code: "two_factor_not_started",
        message: Message::new(
            "Commencez par scanner le code QR (activation non démarrée).",
            "Start by scanning the QR code (set-up not started).",
        ),
        extra: json!({}),
    }
}

/// Checks the password or a current code (throttled like a login); 400 naming what was wrong.
async fn reauthenticate(state: &AppState, user: &User, body: TwoFactorReauthRequest) -> ApiResult<()> {
    if body.password.is_none() && body.otp.is_none() {
        return Err(ApiError::field(
            NON_FIELD_ERRORS,
            Message::new("Saisissez votre mot de passe ou un code.", "Enter your password or a code."),
        ));
    }
    let guess = throttle::begin(&state.db, state.config.login_throttle.account_buckets(&user.email)).await?;
    let refused = match (body.password, body.otp) {
        (Some(password), _) => (!passwords::verify(Some(user.password_hash.clone()), password).await?)
            .then(|| ApiError::field("password", Message::new("Mot de passe incorrect.", "Incorrect password."))),
        (None, Some(code)) => check_code(state, user.id, &code).await?.err().map(|refusal| refusal.error("otp")),
        (None, None) => None,
    };
    match refused {
        Some(error) => {
            guess.failed();
            Err(error)
        }
        None => guess.succeeded(&state.db).await,
    }
}

/// Turns two-factor authentication off (password or a current code needed): the secret, the
/// recovery codes and the trusted devices are forgotten. Staff may not where it is required.
#[utoipa::path(
    tag = "me",
    request_body = TwoFactorReauthRequest,
    responses(
        (status = 204, description = "Off"),
        (status = 400, description = "Wrong or missing password or code", body = ValidationErrors),
        (status = 401, description = "Not logged in", body = ErrorDetail),
        (status = 403, description = "CSRF check failed, or staff where it is required (`two_factor_required`)", body = ErrorDetail),
        (status = 409, description = "Already off (`two_factor_not_enabled`)", body = ErrorDetail),
        (status = 429, description = "Too many wrong attempts; see `Retry-After`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/me/two-factor/disable/")]
pub async fn disable_two_factor(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<TwoFactorReauthRequest>,
) -> ApiResult<HttpResponse> {
    let user = &caller.current.user;
    if !rules::may_disable(is_staff(user), state.config.staff_two_factor_required) {
        return Err(ApiError::Forbidden {
            code: "two_factor_required",
            message: Message::new(
                "La double authentification est obligatoire pour les comptes NOURX.",
                "Two-factor authentication is required for NOURX staff accounts.",
            ),
        });
    }
    let user_id = user.id;
    if !state.db.run(move |conn| two_factor::is_enabled(conn, user_id).map_err(ApiError::from)).await? {
        return Err(not_enabled());
    }
    reauthenticate(&state, user, body).await?;
    let context = caller.audit();
    state
        .db
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                two_factor::disable(conn, user_id)?;
                audit::record(conn, &context, "two_factor_disable", "user", Some(user_id.to_string()), json!({}))
            })
            .map_err(ApiError::from)
        })
        .await?;
    tracing::info!(%user_id, "two-factor authentication off");
    Ok(HttpResponse::NoContent().finish())
}

/// Replaces the recovery codes by ten new ones (password or a current code needed); the old
/// ones stop working.
#[utoipa::path(
    tag = "me",
    request_body = TwoFactorReauthRequest,
    responses(
        (status = 200, description = "The new codes, shown this once", body = RecoveryCodes),
        (status = 400, description = "Wrong or missing password or code", body = ValidationErrors),
        (status = 401, description = "Not logged in", body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
        (status = 409, description = "Two-factor authentication is off (`two_factor_not_enabled`)", body = ErrorDetail),
        (status = 429, description = "Too many wrong attempts; see `Retry-After`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/me/two-factor/recovery-codes/")]
pub async fn regenerate_recovery_codes(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<TwoFactorReauthRequest>,
) -> ApiResult<web::Json<RecoveryCodes>> {
    let user = &caller.current.user;
    let user_id = user.id;
    if !state.db.run(move |conn| two_factor::is_enabled(conn, user_id).map_err(ApiError::from)).await? {
        return Err(not_enabled());
    }
    reauthenticate(&state, user, body).await?;
    let (shown, stored) = new_recovery_codes(user_id)?;
    let context = caller.audit();
    state
        .db
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                two_factor::replace_recovery_codes(conn, user_id, &stored)?;
                let diff = json!({});
                audit::record(conn, &context, "two_factor_recovery_codes", "user", Some(user_id.to_string()), diff)
            })
            .map_err(ApiError::from)
        })
        .await?;
    Ok(web::Json(RecoveryCodes { recovery_codes: shown }))
}

#[cfg(test)]
mod tests {
    use super::qr_svg;

    #[test]
    fn the_qr_code_is_a_square_svg_with_a_quiet_zone() {
        let svg =
            qr_svg("otpauth://totp/NOURX:a%40b.ci?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=NOURX").expect("svg");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "), "{svg}");
        // A square of 21 + 4k modules (the QR version depends on the text) + 2 × 4 of quiet zone.
        let side: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("viewBox side");
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")), "{}", &svg[..120]);
        assert!(side >= 29 && (side - 29).is_multiple_of(4), "{side} is not a QR code's side plus its quiet zone");
        // The top-left finder pattern starts at the quiet zone's corner.
        assert!(svg.contains("M4,4h1v1h-1z"));
        assert!(!svg.contains("M3,3"));
    }
}
