//! Accepting an invitation: joins the client (creating the account when the address has none)
//! and logs the person in.

use actix_session::Session;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use nourx_db::audit::{self, AuditContext};
use nourx_db::users::{NewUser, User};
use nourx_db::{clients, invitations, login_throttle};
use nourx_domain::{Lang, Message, NewPassword, PasswordRules, Role};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::{ClientIp, Json};
use crate::http::random::sha256;
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::http::throttle;
use crate::me::MeResponse;
use crate::services::passwords;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    /// The `token` of the link in the invitation email.
    pub token: String,
    /// Full name of the new account; ignored when the address already has an account.
    #[serde(default)]
    #[schema(example = "Kofi Mensah")]
    pub name: String,
    /// The new account's password (12 to 128 characters, not common, not built from the name or
    /// email), or the password of the existing account of the address.
    #[schema(format = Password)]
    pub password: String,
}

pub(crate) const NAME_MAX: usize = 150;

fn invalid_invitation() -> ApiError {
    ApiError::field(
        "token",
        Message::new(
            "Ce lien d'invitation est invalide ou a expiré. Demandez une nouvelle invitation.",
            "This invitation link is invalid or has expired. Ask for a new invitation.",
        ),
    )
}

fn account_exists() -> ApiError {
    ApiError::field(
        "password",
        Message::new(
            "Un compte existe déjà pour cette adresse : saisissez son mot de passe.",
            "An account already exists for this address: enter its password.",
        ),
    )
}

/// What the transaction does about the account, decided (and password-checked) before it.
enum Account {
    Create { name: String, password_hash: String },
    Existing(Uuid),
}

/// Accepts an invitation: creates the account when the invited address has none (with `name` and
/// `password`), or checks `password` against the existing account; adds the membership; spends the
/// invitation; logs in (new session id, new CSRF token) like `POST /api/auth/login/`.
#[utoipa::path(
    tag = "auth",
    request_body = AcceptInvitationRequest,
    responses(
        (status = 200, description = "Joined and logged in; `sessionid` and a new `csrftoken` cookie are set", body = MeResponse),
        (status = 202, description = "Joined; the existing account has two-factor authentication: send a code to `POST /api/auth/login/two-factor/`", body = crate::auth::TwoFactorChallenge),
        (status = 400, description = "Invalid, used or expired token (on `token`), bad name or password", body = ValidationErrors),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
        (status = 429, description = "Too many wrong passwords for the existing account; see `Retry-After`", body = ErrorDetail),
    ),
    security(("csrf_token" = []))
)]
#[post("/auth/invitations/accept/")]
pub async fn accept_invitation(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    ClientIp(client_ip): ClientIp,
    Json(body): Json<AcceptInvitationRequest>,
) -> ApiResult<HttpResponse> {
    let token_hash = sha256(body.token.trim().as_bytes());
    let lookup_hash = token_hash.clone();
    let (invitation, existing) = state
        .db
        .run(move |conn| {
            let Some(invitation) = invitations::find_live(conn, &lookup_hash)? else {
                return Err(invalid_invitation());
            };
            let existing = User::find_by_email(conn, &invitation.email)?;
            Ok::<_, ApiError>((invitation, existing))
        })
        .await?;

    let account = match existing {
        None => {
            let mut errors = FieldErrors::new();
            let name = text(&mut errors, "name", &body.name, NAME_MAX);
            let rules = PasswordRules { email: Some(&invitation.email), full_name: Some(&name) };
            let password = match NewPassword::parse(&body.password, rules) {
                Ok(password) if errors.is_empty() => password,
                Ok(_) => return Err(ApiError::Validation(errors)),
                Err(problems) => {
                    errors.extend("password", problems);
                    return Err(ApiError::Validation(errors));
                }
            };
            Account::Create { name, password_hash: passwords::hash(password).await? }
        }
        Some(user) => {
            if !user.is_active || user.role.parse::<Role>() != Ok(Role::Client) {
                return Err(invalid_invitation());
            }
            // The same cool-off as login: this is a password check too.
            let buckets = state.config.login_throttle.account_buckets(&user.email);
            let guess = throttle::begin(&state.db, buckets).await?;
            if !passwords::verify(Some(user.password_hash.clone()), body.password).await? {
                guess.failed();
                return Err(ApiError::field(
                    "password",
                    Message::new(
                        "Un compte existe déjà pour cette adresse, et ce n'est pas son mot de passe.",
                        "An account already exists for this address, and this is not its password.",
                    ),
                ));
            }
            guess.succeeded(&state.db).await?;
            Account::Existing(user.id)
        }
    };

    let accept_language = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let locale = match Lang::from_accept_language(accept_language) {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let ip = client_ip.map(|ip| ip.to_string());
    let user = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                // Spent here, under a row lock: of two simultaneous acceptances only one gets it.
                let invitation = invitations::take_live(conn, &token_hash)?.ok_or_else(invalid_invitation)?;
                let current = User::find_by_email(conn, &invitation.email)?;
                let (user_id, created) = match (account, current) {
                    (Account::Create { name, password_hash }, None) => {
                        let user = NewUser {
                            id: Uuid::now_v7(),
                            email: &invitation.email,
                            full_name: &name,
                            phone: None,
                            locale,
                            role: Role::Client.as_str(),
                            password_hash: &password_hash,
                            is_active: true,
                        }
                        .insert(conn)
                        .map_err(|error| match error {
                            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => account_exists(),
                            other => other.into(),
                        })?;
                        (user.id, true)
                    }
                    // Created between the check and now: its password was not checked.
                    (Account::Create { .. }, Some(_)) => return Err(account_exists()),
                    (Account::Existing(id), Some(user)) if user.id == id && user.is_active => (id, false),
                    (Account::Existing(_), _) => return Err(invalid_invitation()),
                };
                clients::add_member(conn, invitation.client_id, user_id, &invitation.role)?;
                User::touch_last_login(conn, user_id)?;
                login_throttle::clear(conn, &login_throttle::account_bucket(&invitation.email))?;
                let context = AuditContext { actor_id: Some(user_id), ip };
                let diff = json!({
                    "client_id": invitation.client_id,
                    "email": invitation.email,
                    "role": invitation.role,
                    "user_id": user_id,
                    "account_created": created,
                });
                audit::record(
                    conn,
                    &context,
                    "accept_invitation",
                    "invitation",
                    Some(invitation.id.to_string()),
                    diff,
                )?;
                Ok::<_, ApiError>(User::find(conn, user_id)?)
            })
        })
        .await?;

    tracing::info!(user_id = %user.id, client_id = %invitation.client_id, "invitation accepted");
    // Logged in as by `POST /api/auth/login/`: an account with two-factor authentication gives a code first (202).
    super::two_factor::after_password(&state, &session, &req, user, client_ip).await
}
