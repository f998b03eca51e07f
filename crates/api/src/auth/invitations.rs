//! Accepting an invitation: joins the client (creating the account when the address has none)
//! and logs the person in.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Utc;
use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use nourx_db::audit::{self, AuditContext};
use nourx_db::invitations::Invitation;
use nourx_db::users::{NewUser, User};
use nourx_db::{PgConn, clients, invitations, login_throttle};
use nourx_domain::invitation::{
    Acceptance, AcceptanceRefusal, ExistingAccount, InvitationState, confirm_acceptance, decide_acceptance,
};
use nourx_domain::{Lang, Locale, Message, NewPassword, PasswordRules, Role};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::random::sha256;
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::http::session::UserSession;
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

pub(super) fn invalid_invitation() -> ApiError {
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

/// Accepts an invitation: creates the account when the invited address has none (with `name` and
/// `password`), or checks `password` against the existing account; adds the membership; spends the
/// invitation; logs in (new session id, new CSRF token) like `POST /api/auth/login/`. A staff
/// invitation's token creates the staff account with the invited role instead (`name` defaults to
/// the invited name); staff then enrol in two-factor authentication when it is required.
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
    session: UserSession,
    Json(body): Json<AcceptInvitationRequest>,
) -> ApiResult<HttpResponse> {
    let token_hash = sha256(body.token.trim().as_bytes());
    if let Some(joined) =
        super::staff_invitations::accept_staff_invitation(&req, &state, &session, &token_hash, &body).await?
    {
        return Ok(joined);
    }
    let (invitation, existing) = invitation_and_account(&state, token_hash.clone()).await?;
    let account = match existing {
        None => Account::create(&invitation.email, &body.name, &body.password).await?,
        Some(user) => Account::join(&state, user, body.password).await?,
    };
    let accept_language = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let locale = Locale::from(Lang::from_accept_language(accept_language));
    let context = AuditContext { actor_id: None, ip: session.ip().map(|ip| ip.to_string()) };
    let (invitation, user) = state.db.run(move |conn| accept(conn, &token_hash, account, locale, context)).await?;
    tracing::info!(user_id = %user.id, client_id = %invitation.client_id, "invitation accepted");
    // Logged in as by `POST /api/auth/login/`: an account with two-factor authentication gives a code first (202).
    super::two_factor::after_password(&state, &session, &req, user).await
}

/// What the acceptance does about the account, decided (and password-checked) before its transaction.
pub(super) enum Account {
    Create { name: String, password_hash: String },
    Existing(Uuid),
}

impl Account {
    /// A new account for `email`: a name and a password that keep the rules (400 otherwise).
    pub(super) async fn create(email: &str, name: &str, password: &str) -> ApiResult<Account> {
        let mut errors = FieldErrors::new();
        let name = text(&mut errors, "name", name, NAME_MAX);
        let rules = PasswordRules { email: Some(email), full_name: Some(&name) };
        let password = match NewPassword::parse(password, rules) {
            Ok(password) if errors.is_empty() => password,
            Ok(_) => return Err(ApiError::Validation(errors)),
            Err(problems) => {
                errors.extend("password", problems);
                return Err(ApiError::Validation(errors));
            }
        };
        Ok(Account::Create { name, password_hash: passwords::hash(password).await? })
    }

    /// The address's existing account, once `password` is its own (throttled like a login).
    async fn join(state: &AppState, user: User, password: String) -> ApiResult<Account> {
        let guess = throttle::begin(&state.db, state.config.login_throttle.account_buckets(&user.email)).await?;
        if !passwords::verify(Some(user.password_hash), password).await? {
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
        Ok(Account::Existing(user.id))
    }

    /// What was checked, for the transaction to confirm.
    fn checked(&self) -> Acceptance<Uuid> {
        match self {
            Account::Create { .. } => Acceptance::CreateAccount,
            Account::Existing(id) => Acceptance::JoinExisting(*id),
        }
    }
}

pub(crate) fn invitation_state(invitation: &Invitation) -> InvitationState {
    InvitationState {
        expires_at: invitation.expires_at,
        accepted: invitation.accepted_at.is_some(),
        revoked: invitation.revoked_at.is_some(),
    }
}

fn existing_account(user: &User) -> ExistingAccount<Uuid> {
    ExistingAccount { id: user.id, role: user.role, is_active: user.is_active }
}

fn refused(refusal: AcceptanceRefusal) -> ApiError {
    if refusal.is_invalid_link() { invalid_invitation() } else { account_exists() }
}

/// The invitation the link names, and the account that joins with it (`None`: one is created);
/// 400 when the link cannot be accepted.
async fn invitation_and_account(state: &AppState, token_hash: Vec<u8>) -> ApiResult<(Invitation, Option<User>)> {
    let (invitation, account) = state
        .db
        .run(move |conn| {
            let Some(invitation) = invitations::find_by_token(conn, &token_hash)? else {
                return Ok::<_, ApiError>((None, None));
            };
            let account = User::find_by_email(conn, &invitation.email)?;
            Ok((Some(invitation), account))
        })
        .await?;
    let link = invitation.as_ref().map(invitation_state);
    let existing = account.as_ref().map(existing_account);
    match decide_acceptance(link.as_ref(), existing.as_ref(), Utc::now()) {
        Acceptance::Refused(refusal) => Err(refused(refusal)),
        Acceptance::CreateAccount | Acceptance::JoinExisting(_) => {
            Ok((invitation.ok_or_else(invalid_invitation)?, account))
        }
    }
}

/// The acceptance's transaction: confirms what was checked with the invitation locked (of two
/// simultaneous acceptances only one gets it), creates the account or lets it join, spends the
/// invitation, and audits. Returns the invitation and the account.
fn accept(
    conn: &mut PgConn,
    token_hash: &[u8],
    account: Account,
    locale: Locale,
    context: AuditContext,
) -> Result<(Invitation, User), ApiError> {
    conn.transaction(|conn| {
        let invitation = invitations::lock_by_token(conn, token_hash)?;
        let current = match &invitation {
            Some(invitation) => User::find_by_email(conn, &invitation.email)?,
            None => None,
        };
        let link = invitation.as_ref().map(invitation_state);
        let current = current.as_ref().map(existing_account);
        if let Acceptance::Refused(refusal) =
            confirm_acceptance(account.checked(), link.as_ref(), current.as_ref(), Utc::now())
        {
            return Err(refused(refusal));
        }
        let invitation = invitation.ok_or_else(invalid_invitation)?;
        let (user_id, created) = match account {
            Account::Create { name, password_hash } => {
                (insert_account(conn, &invitation.email, &name, &password_hash, locale)?, true)
            }
            Account::Existing(id) => (id, false),
        };
        invitations::mark_accepted(conn, invitation.id)?;
        clients::add_member(conn, invitation.client_id, user_id, invitation.role)?;
        User::touch_last_login(conn, user_id)?;
        login_throttle::clear(conn, &login_throttle::account_bucket(&invitation.email))?;
        let diff = json!({
            "client_id": invitation.client_id,
            "email": invitation.email,
            "role": invitation.role,
            "user_id": user_id,
            "account_created": created,
        });
        let context = AuditContext { actor_id: Some(user_id), ..context };
        audit::record(
            conn,
            &context,
            "accept_invitation",
            ("invitation", invitation.client_id),
            Some(invitation.id.to_string()),
            diff,
        )?;
        Ok((invitation, User::find(conn, user_id)?))
    })
}

/// A new client account; the address taken meanwhile is the same 400 as when it is checked.
fn insert_account(
    conn: &mut PgConn,
    email: &str,
    name: &str,
    password_hash: &str,
    locale: Locale,
) -> Result<Uuid, ApiError> {
    let new = NewUser {
        id: Uuid::now_v7(),
        email,
        full_name: name,
        phone: None,
        locale,
        role: Role::Client,
        password_hash,
        is_active: true,
    };
    let user = new.insert(conn).map_err(|error| match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => account_exists(),
        other => other.into(),
    })?;
    Ok(user.id)
}
