use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Duration, Utc};
use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use nourx_db::clients::{self, Client, ClientChanges, ClientFilter, NewClient};
use nourx_db::invitations::{self, NewInvitation};
use nourx_db::users::User;
use nourx_db::{PgConn, audit};
use nourx_domain::{Action, Email, Locale, MemberRole, Message, Role};
use serde_json::json;
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice, ordering};
use crate::http::random::{random_token, sha256};
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::services::mailer::{self, TemplateKey};

/// How long an invitation link works.
pub const INVITATION_VALIDITY_DAYS: i64 = 7;

fn too_long(max: usize) -> Message {
    Message::owned(
        format!("{max} caractères au maximum."),
        format!("Ensure this field has no more than {max} characters."),
    )
}

fn name_taken() -> ApiError {
    ApiError::field("name", Message::new("Un client porte déjà ce nom.", "A client with this name already exists."))
}

/// The unique index on `lower(name)` catches what the check before the write could not (a race).
fn unique_name(error: DieselError) -> ApiError {
    match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => name_taken(),
        other => other.into(),
    }
}

/// An optional text: trimmed, blank meaning none, at most `max` characters.
fn optional_text(errors: &mut FieldErrors, field: &str, value: Option<&str>, max: usize) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    if value.chars().count() > max {
        errors.add(field, too_long(max));
    }
    Some(value.to_owned())
}

/// `ci` → `CI`: `len` ASCII letters, upper-cased (ISO 3166-1 alpha-2, ISO 4217).
fn code(errors: &mut FieldErrors, field: &str, value: &str, len: usize, example: &str) -> String {
    let value = value.trim().to_ascii_uppercase();
    if value.len() != len || !value.chars().all(|c| c.is_ascii_uppercase()) {
        errors.add(
            field,
            Message::owned(
                format!("Code de {len} lettres attendu (ex. {example})."),
                format!("Expected a {len}-letter code (e.g. {example})."),
            ),
        );
    }
    value
}

fn billing_email(errors: &mut FieldErrors, value: Option<&str>) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    match Email::parse(value) {
        Ok(email) => Some(email.into_inner()),
        Err(message) => {
            errors.add("billing_email", message);
            None
        }
    }
}

fn phone(errors: &mut FieldErrors, value: Option<&str>) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    let normalized = crate::me::normalize_phone(value);
    if normalized.is_none() {
        errors.add(
            "phone",
            Message::new(
                "Numéro invalide : 8 à 15 chiffres, indicatif pays facultatif (ex. +225 27 20 30 40 50).",
                "Invalid number: 8 to 15 digits, optional country code (e.g. +225 27 20 30 40 50).",
            ),
        );
    }
    normalized
}

/// `Some(None)` clears, `Some(Some(v))` sets, `None` keeps; blank clears.
fn nullable(
    errors: &mut FieldErrors,
    value: Option<Option<String>>,
    check: impl FnOnce(&mut FieldErrors, Option<&str>) -> Option<String>,
) -> Option<Option<String>> {
    value.map(|inner| check(errors, inner.as_deref()))
}

/// Clients of the caller (every client for NOURX staff).
#[utoipa::path(
    tag = "clients",
    params(ClientListQuery, PageQuery),
    responses(
        (status = 200, body = Page<ClientDto>),
        (status = 400, description = "Bad filter, ordering or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/clients/")]
pub async fn list_clients(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ClientListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ClientDto>>> {
    let request = page.request()?;
    let order = ordering(query.ordering.as_deref(), clients::ORDERING_FIELDS)?;
    let filter = ClientFilter {
        status: choice("status", query.status.as_deref(), ClientStatus::ALL)?.map(str::to_owned),
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
    };
    let scope = caller.scope();
    let (count, rows) =
        state.db.run(move |conn| clients::list(conn, &scope, &filter, &order, request).map_err(ApiError::from)).await?;
    Ok(web::Json(Page::new(&req, request, count, rows.into_iter().map(ClientDto::from).collect())))
}

/// One client.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ClientDto),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/clients/{id}/")]
pub async fn get_client(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ClientDto>> {
    let (id, scope) = (id.into_inner(), caller.scope());
    let client = state.db.run(move |conn| clients::find(conn, &scope, id)?.ok_or(ApiError::NotFound)).await?;
    Ok(web::Json(client.into()))
}

/// Creates a client (NOURX staff). Its first owner is then invited through its members.
#[utoipa::path(
    tag = "clients",
    request_body = CreateClientRequest,
    responses(
        (status = 201, body = ClientDto),
        (status = 400, description = "Invalid fields, or the name is taken", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/clients/")]
pub async fn create_client(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<CreateClientRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_admin()?;
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "name", &body.name, 200);
    let legal_name = optional_text(&mut errors, "legal_name", body.legal_name.as_deref(), 200);
    let tax_id = optional_text(&mut errors, "tax_id", body.tax_id.as_deref(), 50);
    let address = optional_text(&mut errors, "address", body.address.as_deref(), 500);
    let city = optional_text(&mut errors, "city", body.city.as_deref(), 100);
    let country = code(&mut errors, "country", body.country.as_deref().unwrap_or("CI"), 2, "CI");
    let phone = phone(&mut errors, body.phone.as_deref());
    let billing_email = billing_email(&mut errors, body.billing_email.as_deref());
    let currency = code(&mut errors, "currency", body.currency.as_deref().unwrap_or("XOF"), 3, "XOF");
    errors.into_result()?;
    let status = body.status.unwrap_or(ClientStatus::Active);
    let audit_context = caller.audit();
    let client = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                if Client::find_by_name(conn, &name)?.is_some() {
                    return Err(name_taken());
                }
                let mut client = NewClient {
                    id: Uuid::now_v7(),
                    name: &name,
                    legal_name: legal_name.as_deref(),
                    tax_id: tax_id.as_deref(),
                    address: address.as_deref(),
                    city: city.as_deref(),
                    country: &country,
                    phone: phone.as_deref(),
                    billing_email: billing_email.as_deref(),
                    currency: &currency,
                }
                .insert(conn)
                .map_err(unique_name)?;
                if status != ClientStatus::Active {
                    let changes = ClientChanges { status: Some(status.as_str().to_owned()), ..Default::default() };
                    client = clients::update(conn, client.id, &changes)?;
                }
                let values = audit::snapshot(&client);
                audit::record(conn, &audit_context, "create", "client", Some(client.id.to_string()), values)?;
                Ok::<_, ApiError>(client)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(ClientDto::from(client)))
}

/// Changes a client's profile (its owners, or NOURX staff). Only NOURX staff may change `status`,
/// `currency` and `partial_payments_allowed`.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path)),
    request_body = UpdateClientRequest,
    responses(
        (status = 200, body = ClientDto),
        (status = 400, description = "Invalid fields, or the name is taken", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an owner of the client (or `status`, `currency` or `partial_payments_allowed` without being NOURX staff), or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/clients/{id}/")]
pub async fn update_client(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<UpdateClientRequest>,
) -> ApiResult<web::Json<ClientDto>> {
    let mut errors = FieldErrors::new();
    let changes = ClientChanges {
        name: body.name.as_deref().map(|n| text(&mut errors, "name", n, 200)),
        legal_name: nullable(&mut errors, body.legal_name, |e, v| optional_text(e, "legal_name", v, 200)),
        tax_id: nullable(&mut errors, body.tax_id, |e, v| optional_text(e, "tax_id", v, 50)),
        address: nullable(&mut errors, body.address, |e, v| optional_text(e, "address", v, 500)),
        city: nullable(&mut errors, body.city, |e, v| optional_text(e, "city", v, 100)),
        country: body.country.as_deref().map(|c| code(&mut errors, "country", c, 2, "CI")),
        phone: nullable(&mut errors, body.phone, phone),
        billing_email: nullable(&mut errors, body.billing_email, billing_email),
        currency: body.currency.as_deref().map(|c| code(&mut errors, "currency", c, 3, "XOF")),
        status: body.status.map(|s| s.as_str().to_owned()),
        language: body.language.map(|l| l.as_str().to_owned()),
        partial_payments_allowed: body.partial_payments_allowed,
    };
    errors.into_result()?;
    let (id, scope, audit_context) = (id.into_inner(), caller.scope(), caller.audit());
    let client = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = clients::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
                caller.require(before.id, Action::UpdateClientProfile)?;
                // Money terms are NOURX's to set: the invoices' currency, payment in instalments.
                if changes.status.is_some() || changes.currency.is_some() || changes.partial_payments_allowed.is_some()
                {
                    caller.require_admin()?;
                }
                if let Some(name) = &changes.name
                    && Client::find_by_name(conn, name)?.is_some_and(|other| other.id != id)
                {
                    return Err(name_taken());
                }
                let after = clients::update(conn, id, &changes).map_err(unique_name)?;
                let diff = audit::changes(&before, &after);
                let action = if before.status != after.status { "status_change" } else { "update" };
                audit::record(conn, &audit_context, action, "client", Some(id.to_string()), diff)?;
                Ok::<_, ApiError>(after)
            })
        })
        .await?;
    Ok(web::Json(client.into()))
}

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
fn format_expiry(at: DateTime<Utc>, locale: Locale) -> String {
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
    let email = Email::parse(&body.email).map_err(|message| ApiError::field("email", message))?.into_inner();
    let role = body.role;
    let (id, scope, audit_context) = (id.into_inner(), caller.scope(), caller.audit());
    let inviter_name = caller.current.user.full_name.clone();
    let invitations_limit = state.config.limits.invitations_per_client;
    let base_url = state.config.public_web_url.trim_end_matches('/').to_owned();
    let token = random_token();
    let token_hash = sha256(token.as_bytes());
    let invitation = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let client = clients::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
                caller.require(client.id, Action::ManageMembers)?;
                if !caller.is_admin() {
                    rate_limit::hit(conn, invitations_limit, Bucket::InvitationsTo(client.id))?;
                }
                let mut locale = Locale::Fr;
                if let Some(user) = User::find_by_email(conn, &email)? {
                    if user.role.parse::<Role>() == Ok(Role::Admin) {
                        return Err(ApiError::field(
                            "email",
                            Message::new(
                                "Cette adresse est celle d'un compte NOURX : il voit déjà tous les clients.",
                                "This address belongs to a NOURX staff account, which already sees every client.",
                            ),
                        ));
                    }
                    if clients::member_role(conn, client.id, user.id)?.is_some() {
                        return Err(ApiError::field(
                            "email",
                            Message::new(
                                "Cette personne est déjà membre de ce client.",
                                "This person is already a member of this client.",
                            ),
                        ));
                    }
                    locale = user.locale.parse().unwrap_or_default();
                }
                invitations::expire_pending(conn, client.id, &email)?;
                let invitation = NewInvitation {
                    id: Uuid::now_v7(),
                    client_id: client.id,
                    email: &email,
                    role: role.as_str(),
                    token_hash: &token_hash,
                    invited_by: Some(caller.id()),
                    expires_at: Utc::now() + Duration::days(INVITATION_VALIDITY_DAYS),
                }
                .insert(conn)?;
                let values = audit::snapshot(&invitation);
                audit::record(conn, &audit_context, "invite", "invitation", Some(invitation.id.to_string()), values)?;
                let vars = json!({
                    "inviter_name": inviter_name,
                    "client_name": client.name,
                    "accept_url": format!("{base_url}/invitation/accepter?token={token}"),
                    "expires_at": format_expiry(invitation.expires_at, locale),
                });
                mailer::enqueue(conn, &email, locale, TemplateKey::Invitation, &vars)?;
                Ok::<_, ApiError>(invitation)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(InvitationDto::from(invitation)))
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
/// finds the member: what changing or removing a member starts with.
fn member_for_change(
    conn: &mut PgConn,
    caller: &Caller,
    client_id: Uuid,
    user_id: Uuid,
) -> Result<(clients::MemberRow, Vec<Uuid>), ApiError> {
    let client = clients::find(conn, &caller.scope(), client_id)?.ok_or(ApiError::NotFound)?;
    caller.require(client.id, Action::ManageMembers)?;
    let owners = clients::owners_for_update(conn, client.id)?;
    let member = clients::member(conn, client.id, user_id)?.ok_or(ApiError::NotFound)?;
    Ok((member, owners))
}

fn is_last_owner(member: &clients::MemberRow, owners: &[Uuid]) -> bool {
    member.role == MemberRole::Owner.as_str() && owners.iter().all(|owner| *owner == member.user_id)
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
    let audit_context = caller.audit();
    let member = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let (member, owners) = member_for_change(conn, &caller, client_id, user_id)?;
                if member.role == body.role.as_str() {
                    return Ok(member);
                }
                if is_last_owner(&member, &owners) {
                    return Err(last_owner());
                }
                clients::set_member_role(conn, client_id, user_id, body.role.as_str())?;
                let diff = json!({"role": [member.role, body.role.as_str()]});
                let entity_id = format!("{client_id}:{user_id}");
                audit::record(conn, &audit_context, "role_change", "client_member", Some(entity_id), diff)?;
                clients::member(conn, client_id, user_id)?.ok_or(ApiError::NotFound)
            })
        })
        .await?;
    Ok(web::Json(member.into()))
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
    let audit_context = caller.audit();
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let (member, owners) = member_for_change(conn, &caller, client_id, user_id)?;
                if is_last_owner(&member, &owners) {
                    return Err(last_owner());
                }
                clients::remove_member(conn, client_id, user_id)?;
                let values = audit::snapshot(&member);
                let entity_id = format!("{client_id}:{user_id}");
                audit::record(conn, &audit_context, "delete", "client_member", Some(entity_id), values)?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
