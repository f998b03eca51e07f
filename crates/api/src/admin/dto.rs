use chrono::{DateTime, Utc};
use nourx_db::audit::AuditRow;
use nourx_db::outbox::OutboxEmail;
use nourx_db::users::User;
use nourx_domain::secrets::redact_tokens;
use nourx_domain::{Locale, Role};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// An account, as NOURX staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminUserDto {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    pub locale: Locale,
    pub role: Role,
    pub is_active: bool,
    pub last_login: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The clients the account is a member of.
    pub client_ids: Vec<Uuid>,
}

impl AdminUserDto {
    pub fn new(user: User, client_ids: Vec<Uuid>) -> AdminUserDto {
        AdminUserDto {
            id: user.id,
            email: user.email,
            name: user.full_name,
            phone: user.phone,
            locale: user.locale,
            role: user.role,
            is_active: user.is_active,
            last_login: user.last_login,
            created_at: user.created_at,
            updated_at: user.updated_at,
            client_ids,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    /// admin, staff or client.
    pub role: Option<String>,
    pub is_active: Option<bool>,
    /// Part of the email or of the name.
    pub search: Option<String>,
    /// email, full_name, created_at or last_login; `-` for descending. Default: email.
    pub ordering: Option<String>,
}

/// Absent fields are kept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminUpdateUserRequest {
    /// `false` deactivates the account and ends all its sessions. Not on your own account; on a
    /// staff account, admins only.
    pub is_active: Option<bool>,
    /// Admins only; an admin cannot demote themself, nor the last active admin be demoted.
    pub role: Option<Role>,
}

/// One row of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryDto {
    pub id: i64,
    pub actor_id: Option<Uuid>,
    /// Null for anonymous actions, or when the account is gone.
    pub actor_email: Option<String>,
    #[schema(example = "update")]
    pub action: String,
    #[schema(example = "client")]
    pub entity: String,
    pub entity_id: Option<String>,
    /// `{"field": [before, after]}` for changes, the values for creations, `{}` otherwise.
    #[schema(value_type = Object)]
    pub diff: serde_json::Value,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl AuditEntryDto {
    pub fn new(row: AuditRow, actor_email: Option<String>) -> AuditEntryDto {
        AuditEntryDto {
            id: row.id,
            actor_id: row.actor_id,
            actor_email,
            action: row.action,
            entity: row.entity,
            entity_id: row.entity_id,
            diff: row.diff,
            ip: row.ip,
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditLogQuery {
    /// Id of the user who acted.
    pub actor: Option<String>,
    /// e.g. user, client, client_member, invitation, project.
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    /// e.g. create, update, delete, login, logout, role_change.
    pub action: Option<String>,
    /// From this time (RFC 3339), included.
    pub from: Option<String>,
    /// Until this time (RFC 3339), excluded.
    pub to: Option<String>,
}

/// An email of the outbox, with its delivery state.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxEmailDto {
    pub id: Uuid,
    pub to: String,
    /// invitation, password_reset, ticket_created or ticket_reply.
    pub template: String,
    pub locale: Locale,
    pub subject: String,
    /// Single-use tokens in links are masked (`token=[masqué-redacted]`): reading the viewer
    /// never gives a usable reset or invitation link.
    pub text_body: String,
    pub html_body: String,
    /// pending (waiting or being retried), sent, failed (gave up) or kept (no SMTP server configured).
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl From<OutboxEmail> for OutboxEmailDto {
    fn from(email: OutboxEmail) -> OutboxEmailDto {
        OutboxEmailDto {
            id: email.id,
            to: email.to_email,
            template: email.template,
            locale: email.locale,
            subject: email.subject,
            text_body: redact_tokens(&email.text_body),
            html_body: redact_tokens(&email.html_body),
            status: email.status.as_str().to_owned(),
            attempts: email.attempts,
            last_error: email.last_error,
            next_attempt_at: email.next_attempt_at,
            created_at: email.created_at,
            sent_at: email.sent_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// The recipient's address.
    pub to: Option<String>,
    /// pending, sent, failed or kept.
    pub status: Option<String>,
    /// invitation, password_reset, ticket_created or ticket_reply.
    pub template: Option<String>,
}
