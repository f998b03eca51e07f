use chrono::{DateTime, Utc};
use nourx_db::tickets::{Ticket, TicketMessage};
use nourx_domain::tickets::TicketEdit;
use nourx_domain::{Priority, TicketStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::dto_util::present;

#[derive(Debug, Serialize, ToSchema)]
pub struct TicketDto {
    pub id: Uuid,
    /// A short number people can quote ("ticket 1042").
    #[schema(example = 1042)]
    pub number: i64,
    pub client_id: Uuid,
    #[schema(example = "Akwaba Digital")]
    pub client_name: String,
    pub project_id: Option<Uuid>,
    #[schema(example = "Le formulaire de contact ne répond plus")]
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    /// The NOURX staff member handling the ticket.
    pub assigned_to: Option<Uuid>,
    pub created_by: Uuid,
    /// When NOURX must have answered: `created_at` plus the priority's first-response target.
    pub first_response_due: DateTime<Utc>,
    /// When NOURX must have resolved it: `created_at` plus the priority's resolution target.
    pub resolution_due: DateTime<Utc>,
    /// The first public reply from NOURX staff.
    pub first_responded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Whether either SLA deadline was or is being missed.
    pub breached: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TicketDto {
    pub fn new(ticket: Ticket, client_name: String, now: DateTime<Utc>) -> TicketDto {
        TicketDto {
            breached: ticket.clocks().is_breached(now),
            id: ticket.id,
            number: ticket.number,
            client_id: ticket.client_id,
            client_name,
            project_id: ticket.project_id,
            status: ticket.status,
            priority: ticket.priority,
            subject: ticket.subject,
            assigned_to: ticket.assigned_to,
            created_by: ticket.created_by,
            first_response_due: ticket.first_response_due,
            resolution_due: ticket.resolution_due,
            first_responded_at: ticket.first_responded_at,
            resolved_at: ticket.resolved_at,
            closed_at: ticket.closed_at,
            created_at: ticket.created_at,
            updated_at: ticket.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TicketMessageDto {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub author_id: Uuid,
    #[schema(example = "Awa Koné")]
    pub author_name: String,
    /// Whether the author is NOURX staff.
    pub author_is_staff: bool,
    pub body: String,
    /// An internal note between NOURX staff (never shown to clients).
    pub internal: bool,
    pub created_at: DateTime<Utc>,
}

impl TicketMessageDto {
    pub fn new(message: TicketMessage, author_name: String, author_is_staff: bool) -> TicketMessageDto {
        TicketMessageDto {
            id: message.id,
            ticket_id: message.ticket_id,
            author_id: message.author_id,
            author_name,
            author_is_staff,
            body: message.body,
            internal: message.internal,
            created_at: message.created_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TicketListQuery {
    pub client: Option<Uuid>,
    pub project: Option<Uuid>,
    /// open, pending, resolved or closed.
    pub status: Option<String>,
    /// low, normal, high or urgent.
    pub priority: Option<String>,
    /// The id of the NOURX staff member handling the ticket.
    pub assigned_to: Option<Uuid>,
    /// true: tickets that missed (or are missing) an SLA deadline; false: the others.
    pub breached: Option<bool>,
    /// Part of the subject.
    pub search: Option<String>,
    /// created_at, updated_at, priority, first_response_due, resolution_due or number; `-` for
    /// descending. Default: -created_at.
    pub ordering: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTicketRequest {
    /// Required for NOURX staff and for people of several clients; defaults to the caller's only client.
    pub client_id: Option<Uuid>,
    /// A project of the same client.
    pub project_id: Option<Uuid>,
    pub subject: String,
    /// Default: normal. Sets the SLA deadlines.
    pub priority: Option<Priority>,
    /// The first message of the ticket (1–10 000 characters).
    pub message: String,
}

/// Absent fields are kept; `null` clears `assigned_to` and `project_id`. Client members may
/// only send `status`, to reopen (`open`) or close (`closed`) a resolved ticket.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTicketRequest {
    pub subject: Option<String>,
    /// Recomputes both SLA deadlines from `created_at`.
    pub priority: Option<Priority>,
    /// Must be an allowed transition (409 `invalid_transition` otherwise).
    pub status: Option<TicketStatus>,
    /// An active NOURX staff member.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub assigned_to: Option<Option<Uuid>>,
    /// A project of the ticket's client.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub project_id: Option<Option<Uuid>>,
}

impl UpdateTicketRequest {
    /// The change asked, as the rules of who may change what see it.
    pub fn edit(&self) -> TicketEdit {
        let fields = self.subject.is_some()
            || self.priority.is_some()
            || self.assigned_to.is_some()
            || self.project_id.is_some();
        TicketEdit { fields, status: self.status }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTicketMessageRequest {
    /// 1–10 000 characters.
    pub body: String,
    /// An internal note between NOURX staff (staff only). Default: false.
    #[serde(default)]
    pub internal: bool,
}
