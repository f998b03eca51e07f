use actix_web::{HttpResponse, get, patch, post, web};
use diesel::Connection;
use nourx_db::audit::{self, AuditContext};
use nourx_db::users::{ProfileChanges, User};
use nourx_db::{PgConn, clients, sessions, two_factor};
use nourx_domain::{Message, NewPassword, PasswordRules};

use super::dto::{ChangePasswordRequest, MeResponse, TwoFactorStatus, UpdateMeRequest};
use crate::AppState;
use crate::http::config::ApiConfig;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::{CurrentUser, EnrollingUser, Json};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::http::session::UserSession;
use crate::http::throttle;
use crate::services::passwords;

pub(crate) async fn me_response(state: &AppState, user: User) -> ApiResult<MeResponse> {
    let user_id = user.id;
    let (memberships, enabled) = state
        .db
        .run(move |conn| {
            let memberships = clients::memberships_of(conn, user_id)?;
            Ok::<_, ApiError>((memberships, two_factor::is_enabled(conn, user_id)?))
        })
        .await?;
    let two_factor = two_factor_status(&state.config, &user, enabled);
    Ok(MeResponse::from_user(user, memberships, two_factor))
}

pub(crate) fn two_factor_status(config: &ApiConfig, user: &User, enabled: bool) -> TwoFactorStatus {
    let is_staff = user.role.is_staff();
    let required = is_staff && config.staff_two_factor_required;
    TwoFactorStatus {
        enabled,
        required,
        enrolment_required: nourx_domain::two_factor::enrolment_required(is_staff, enabled, required),
    }
}

/// The logged-in user (also for a staff account that must enrol in two-factor authentication:
/// `two_factor.enrolment_required` then says so).
#[utoipa::path(
    tag = "me",
    responses(
        (status = 200, body = MeResponse),
        (status = 401, description = "Not logged in", body = ErrorDetail),
        (status = 403, description = "A staff account outside the allowed networks (`staff_network_not_allowed`)", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/me/")]
pub async fn get_me(
    state: web::Data<AppState>,
    EnrollingUser(current): EnrollingUser,
) -> ApiResult<web::Json<MeResponse>> {
    // The memberships came with the user.
    let user_id = current.user.id;
    let enabled = state.db.run(move |conn| two_factor::is_enabled(conn, user_id).map_err(ApiError::from)).await?;
    let two_factor = two_factor_status(&state.config, &current.user, enabled);
    Ok(web::Json(MeResponse::from_user(current.user, current.memberships, two_factor)))
}

const NAME_MAX: usize = 150;

/// Updates the user's name, phone or language.
#[utoipa::path(
    tag = "me",
    request_body = UpdateMeRequest,
    responses(
        (status = 200, body = MeResponse),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/me/")]
pub async fn update_me(
    state: web::Data<AppState>,
    current: CurrentUser,
    Json(body): Json<UpdateMeRequest>,
) -> ApiResult<web::Json<MeResponse>> {
    let changes = profile_changes(body)?;
    let user_id = current.user.id;
    let user = state.db.run(move |conn| User::update_profile(conn, user_id, &changes).map_err(ApiError::from)).await?;
    Ok(web::Json(me_response(&state, user).await?))
}

/// The checked changes of `PATCH /api/me/`; 400 naming every field that is wrong.
fn profile_changes(body: UpdateMeRequest) -> Result<ProfileChanges, ApiError> {
    let mut errors = FieldErrors::new();
    let full_name = body.name.map(|name| text(&mut errors, "name", &name, NAME_MAX));
    let phone = match body.phone {
        Some(Some(raw)) if !raw.trim().is_empty() => match normalize_phone(&raw) {
            Some(phone) => Some(Some(phone)),
            None => {
                errors.add(
                    "phone",
                    Message::new(
                        "Numéro invalide : 8 à 15 chiffres, indicatif pays facultatif (ex. +225 07 01 02 03 04).",
                        "Invalid number: 8 to 15 digits, optional country code (e.g. +225 07 01 02 03 04).",
                    ),
                );
                None
            }
        },
        Some(_) => Some(None),
        None => None,
    };
    errors.into_result()?;
    Ok(ProfileChanges { full_name, phone, locale: body.locale })
}

/// `+225 07-01.02 03 04` → `+2250701020304`; `None` when it cannot be a phone number.
pub(crate) fn normalize_phone(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", trimmed),
    };
    let digits: String = rest.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')')).collect();
    if (8..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
        Some(format!("{plus}{digits}"))
    } else {
        None
    }
}

/// Changes the password. Every other session of the user is revoked; this one is renewed.
/// Reset links sent earlier stop working, and so does every device trusted for two-factor
/// authentication.
#[utoipa::path(
    tag = "me",
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Password changed"),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
        (status = 429, description = "Too many wrong current passwords; see `Retry-After`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/me/password/")]
pub async fn change_password(
    state: web::Data<AppState>,
    current: CurrentUser,
    session: UserSession,
    Json(body): Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    let user = current.user;
    check_current_password(&state, &user, body.current_password).await?;
    let rules = PasswordRules { email: Some(&user.email), full_name: Some(&user.full_name) };
    let new_password = NewPassword::parse(&body.new_password, rules).map_err(|problems| {
        let mut errors = FieldErrors::new();
        errors.extend("new_password", problems);
        ApiError::Validation(errors)
    })?;
    let hash = passwords::hash(new_password).await?;
    let (user_id, context) =
        (user.id, AuditContext { actor_id: Some(user.id), ip: session.ip().map(|ip| ip.to_string()) });
    state.db.run(move |conn| set_password(conn, user_id, &hash, &context)).await?;
    // Every session, this one included, was deleted above; restarting gives this
    // browser a fresh one, so that only the person who changed the password stays in.
    session.restart(&user)?;
    tracing::info!(%user_id, "password changed; other sessions revoked");
    Ok(HttpResponse::NoContent().finish())
}

/// 400 on `current_password` unless it is the account's. A stolen session must not become a way
/// to guess the password: the same cool-off as login.
async fn check_current_password(state: &AppState, user: &User, password: String) -> ApiResult<()> {
    let guess = throttle::begin(&state.db, state.config.login_throttle.account_buckets(&user.email)).await?;
    if !passwords::verify(Some(user.password_hash.clone()), password).await? {
        guess.failed();
        return Err(ApiError::field(
            "current_password",
            Message::new("Le mot de passe actuel est incorrect.", "Your current password is incorrect."),
        ));
    }
    guess.succeeded(&state.db).await
}

/// The new password, in one transaction with what it ends: every session, the reset links sent
/// earlier and the devices trusted for two-factor authentication.
fn set_password(conn: &mut PgConn, user_id: uuid::Uuid, password_hash: &str, context: &AuditContext) -> ApiResult<()> {
    conn.transaction(|conn| {
        User::set_password_hash(conn, user_id, password_hash)?;
        sessions::delete_for_user(conn, user_id, None)?;
        User::spend_password_resets(conn, user_id)?;
        two_factor::forget_trusted_devices(conn, user_id)?;
        audit::record(conn, context, "password_change", "user", Some(user_id.to_string()), serde_json::json!({}))
    })
    .map_err(ApiError::from)
}

#[cfg(test)]
mod tests {
    use super::normalize_phone;

    #[test]
    fn phones_are_normalized() {
        assert_eq!(normalize_phone("+225 07 01 02 03 04").as_deref(), Some("+2250701020304"));
        assert_eq!(normalize_phone("07.01.02.03.04").as_deref(), Some("0701020304"));
        assert_eq!(normalize_phone("call me"), None);
        assert_eq!(normalize_phone("+12"), None);
    }
}
