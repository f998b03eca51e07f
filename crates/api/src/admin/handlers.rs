use actix_web::{HttpRequest, get, patch, post, web};
use chrono::{DateTime, Utc};
use diesel::Connection;
use nourx_db::audit::{self, AuditContext, AuditFilter};
use nourx_db::outbox::{self, OutboxFilter};
use nourx_db::users::{self, User, UserFilter};
use nourx_db::{PgConn, clients};
use nourx_domain::outbox::OutboxStatus;
use nourx_domain::team::{
    AccountChangeRefusal, AccountEdit, AccountState, decide_account_change, two_factor_reset_action,
};
use nourx_domain::user::AccountChange;
use nourx_domain::{Message, Role};
use serde_json::json;
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::services::mailer::TemplateKey;

fn to_dtos(conn: &mut PgConn, rows: Vec<User>) -> Result<Vec<AdminUserDto>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|u| u.id).collect();
    let mut memberships = clients::client_ids_of_users(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|user| {
            let client_ids = memberships.remove(&user.id).unwrap_or_default();
            AdminUserDto::new(user, client_ids)
        })
        .collect())
}

fn non_blank(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// Every account (NOURX staff).
#[utoipa::path(
    tag = "admin",
    params(UserListQuery, PageQuery),
    responses(
        (status = 200, body = Page<AdminUserDto>),
        (status = 400, description = "Bad filter, ordering or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/users/")]
pub async fn list_users(
    _staff: Staff,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<UserListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<AdminUserDto>>> {
    let request = page.request()?;
    let order = ordering(query.ordering.as_deref(), users::ORDERING_FIELDS)?;
    let roles: Vec<&str> = Role::ALL.iter().map(|role| role.as_str()).collect();
    let filter = UserFilter {
        role: choice("role", query.role.as_deref(), &roles)?.and_then(Role::parse),
        is_active: query.is_active,
        search: non_blank(&query.search),
    };
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = users::list(conn, &filter, &order, request)?;
            Ok::<_, ApiError>((count, to_dtos(conn, rows)?))
        })
        .await?;
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// Activates, deactivates (every session ends) or changes the role of an account (NOURX staff).
/// Changing a role, or activating or deactivating a staff account, is for admins. Nobody can
/// deactivate their own account, an admin cannot demote themself, and the last active admin stays.
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    request_body = AdminUpdateUserRequest,
    responses(
        (status = 200, body = AdminUserDto),
        (status = 400, description = "Invalid fields", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, a team change by a non-admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
        (status = 409, description = "`cannot_deactivate_self`, `cannot_demote_self` or `last_admin`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/admin/users/{id}/")]
pub async fn update_user(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    Json(body): Json<AdminUpdateUserRequest>,
) -> ApiResult<web::Json<AdminUserDto>> {
    let id = id.into_inner();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let user = change_account(conn, &staff, id, &body)?;
                let client_ids = clients::client_ids_of(conn, user.id)?;
                Ok::<_, ApiError>(AdminUserDto::new(user, client_ids))
            })
        })
        .await?;
    Ok(web::Json(dto))
}

/// 403 or 409 for a change of an account the team rules refuse.
fn account_change_refused(refusal: AccountChangeRefusal) -> ApiError {
    match refusal.code() {
        None => ApiError::PermissionDenied,
        Some(code) => ApiError::Conflict { code, message: refusal.message(), extra: json!({}) },
    }
}

/// Applies the role and activation changes of `body` to the account, if the team rules allow
/// them (deactivation revokes every session in the same transaction), and audits what changed.
fn change_account(conn: &mut PgConn, staff: &Staff, id: Uuid, body: &AdminUpdateUserRequest) -> Result<User, ApiError> {
    let other_admins = users::other_active_admins_locked(conn, id)?;
    let before = User::find(conn, id)?;
    let target = AccountState { role: before.role, is_active: before.is_active };
    let edit = AccountEdit { role: body.role, is_active: body.is_active };
    decide_account_change(staff.current.user.role, id == staff.id(), target, edit, other_admins)
        .map_err(account_change_refused)?;
    let mut after = before.clone();
    if let Some(role) = body.role
        && role != before.role
    {
        after = User::set_role(conn, id, role)?;
    }
    if let Some(active) = body.is_active
        && active != before.is_active
    {
        after = if active { User::set_active(conn, id, true)? } else { User::deactivate(conn, id)? };
    }
    let role_changed = before.role != after.role;
    let activation = (before.is_active != after.is_active).then_some(after.is_active);
    if let Some(change) = AccountChange::of(role_changed, activation) {
        let mut diff = serde_json::Map::new();
        if role_changed {
            diff.insert("role".into(), json!([before.role, after.role]));
        }
        if let Some(active) = activation {
            diff.insert("is_active".into(), json!([before.is_active, active]));
        }
        let diff = serde_json::Value::Object(diff);
        audit::record(conn, &staff.audit(), change.as_str(), "user", Some(id.to_string()), diff)?;
    }
    Ok(after)
}

fn timestamp(field: &str, value: &Option<String>) -> Result<Option<DateTime<Utc>>, ApiError> {
    let Some(value) = non_blank(value) else { return Ok(None) };
    DateTime::parse_from_rfc3339(&value).map(|t| Some(t.with_timezone(&Utc))).map_err(|_| {
        ApiError::field(
            field,
            Message::new(
                "Date et heure RFC 3339 attendues (ex. 2026-11-24T08:00:00Z).",
                "Expected an RFC 3339 date and time (e.g. 2026-11-24T08:00:00Z).",
            ),
        )
    })
}

/// The audit log, newest first (NOURX staff).
#[utoipa::path(
    tag = "admin",
    params(AuditLogQuery, PageQuery),
    responses(
        (status = 200, body = Page<AuditEntryDto>),
        (status = 400, description = "Bad filter or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/audit-log/")]
pub async fn list_audit_log(
    _staff: Staff,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<AuditLogQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<AuditEntryDto>>> {
    let request = page.request()?;
    let actor_id = match non_blank(&query.actor) {
        None => None,
        Some(actor) => Some(
            Uuid::parse_str(&actor)
                .map_err(|_| ApiError::field("actor", Message::new("Identifiant UUID attendu.", "Expected a UUID.")))?,
        ),
    };
    let filter = AuditFilter {
        actor_id,
        entity: non_blank(&query.entity),
        entity_id: non_blank(&query.entity_id),
        action: non_blank(&query.action),
        from: timestamp("from", &query.from)?,
        to: timestamp("to", &query.to)?,
    };
    let (count, rows) = state.db.run(move |conn| audit::list(conn, &filter, request).map_err(ApiError::from)).await?;
    let results = rows.into_iter().map(|(row, email)| AuditEntryDto::new(row, email)).collect();
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// The outgoing emails, newest first, with their delivery state (NOURX staff). Without an SMTP
/// server this is where emails can be read.
#[utoipa::path(
    tag = "admin",
    params(OutboxQuery, PageQuery),
    responses(
        (status = 200, body = Page<OutboxEmailDto>),
        (status = 400, description = "Bad filter or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/emails/")]
pub async fn list_emails(
    _staff: Staff,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<OutboxQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<OutboxEmailDto>>> {
    let request = page.request()?;
    let templates: Vec<&str> = TemplateKey::ALL.iter().map(|key| key.as_str()).collect();
    let filter = OutboxFilter {
        to_email: non_blank(&query.to),
        status: choice("status", query.status.as_deref(), &OutboxStatus::ALL.map(OutboxStatus::as_str))?
            .and_then(OutboxStatus::parse),
        template: choice("template", query.template.as_deref(), &templates)?.map(str::to_owned),
    };
    let (count, rows) = state.db.run(move |conn| outbox::list(conn, &filter, request).map_err(ApiError::from)).await?;
    Ok(web::Json(Page::new(&req, request, count, rows.into_iter().map(OutboxEmailDto::from).collect())))
}

/// Resets another account's two-factor authentication (a member of staff who lost their phone
/// and recovery codes): its secret, recovery codes and trusted devices are forgotten and every
/// session of the account ends; it enrols again at its next login. Audited (`two_factor_reset`).
/// One's own is changed from the profile instead; a staff account's is reset by admins only.
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Reset; the account's sessions are revoked"),
        (status = 400, description = "One's own account", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, a staff account's by a non-admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/users/{id}/two-factor/reset/")]
pub async fn reset_two_factor(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<actix_web::HttpResponse> {
    let id = id.into_inner();
    if id == staff.id() {
        return Err(ApiError::field(
            crate::http::error::NON_FIELD_ERRORS,
            Message::new(
                "Modifiez votre propre double authentification depuis votre profil.",
                "Change your own two-factor authentication from your profile.",
            ),
        ));
    }
    let audit_context = staff.audit();
    let caller = staff.clone();
    state.db.run(move |conn| conn.transaction(|conn| forget_two_factor(conn, &caller, id, &audit_context))).await?;
    tracing::info!(user_id = %id, by = %staff.id(), "two-factor authentication reset by staff");
    Ok(actix_web::HttpResponse::NoContent().finish())
}

/// Forgets the account's two-factor authentication and ends its sessions, if the caller may; audited.
fn forget_two_factor(conn: &mut PgConn, staff: &Staff, id: Uuid, audit_context: &AuditContext) -> Result<(), ApiError> {
    let user = User::find(conn, id)?;
    staff.require_staff(two_factor_reset_action(user.role))?;
    let had = nourx_db::two_factor::disable(conn, id)?;
    let revoked = nourx_db::sessions::delete_for_user(conn, id, None)?;
    let diff = json!({"had_two_factor": had, "sessions_revoked": revoked});
    audit::record(conn, audit_context, "two_factor_reset", "user", Some(id.to_string()), diff)?;
    Ok(())
}
