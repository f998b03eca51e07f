use chrono::{DateTime, Utc};
use std::collections::HashMap;

use nourx_db::documents::Document;
use nourx_db::tickets::{Ticket, TicketMessage, TicketRating};
use nourx_domain::sla::{Clock, ClockState, Counting, SlaPolicy};
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
    #[schema(example = "Site vitrine")]
    pub project_name: Option<String>,
    #[schema(example = "Le formulaire de contact ne répond plus")]
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    /// The NOURX staff member handling the ticket.
    pub assigned_to: Option<Uuid>,
    pub created_by: Uuid,
    /// Who opened it.
    #[schema(example = "Awa Koné")]
    pub created_by_name: String,
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
    /// The SLA clocks under the ticket's policy.
    pub sla: TicketSlaDto,
    #[schema(example = "Awa Koné")]
    pub assignee_name: Option<String>,
    /// The client's rating, once the ticket is resolved and rated.
    pub rating: Option<TicketRatingDto>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One SLA clock: its deadline and where it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlaClockDto {
    /// When it runs out (moved by pauses under a pausing policy).
    pub due: DateTime<Utc>,
    pub state: ClockState,
}

/// A ticket's SLA: how its policy counts, and both clocks.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketSlaDto {
    pub counting: Counting,
    /// Whether the clocks stop while the ticket waits for the client (`pending`).
    pub pause_while_waiting: bool,
    pub first_response: SlaClockDto,
    pub resolution: SlaClockDto,
    /// Since when the clocks stand still.
    pub paused_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TicketRatingDto {
    /// 1 to 5.
    #[schema(example = 5)]
    pub score: i16,
    pub comment: String,
    pub rated_at: DateTime<Utc>,
}

/// What the DTOs of a page of tickets need besides the rows, loaded once per page.
#[derive(Debug, Default)]
pub struct TicketContext {
    pub client_names: HashMap<Uuid, String>,
    pub project_names: HashMap<Uuid, String>,
    pub policies: HashMap<Uuid, SlaPolicy>,
    pub user_names: HashMap<Uuid, String>,
    pub ratings: HashMap<Uuid, TicketRating>,
}

impl TicketDto {
    pub fn new(ticket: Ticket, context: &TicketContext, now: DateTime<Utc>) -> TicketDto {
        let policy = ticket.sla_policy_id.and_then(|id| context.policies.get(&id).copied()).unwrap_or_default();
        let clock = |clock: Clock, due| SlaClockDto { due, state: ticket.clock_state(clock, now) };
        let sla = TicketSlaDto {
            counting: policy.counting,
            pause_while_waiting: policy.pause_while_waiting,
            first_response: clock(Clock::FirstResponse, ticket.first_response_due),
            resolution: clock(Clock::Resolution, ticket.resolution_due),
            paused_since: ticket.paused_since,
        };
        let rating = context.ratings.get(&ticket.id).map(|r| TicketRatingDto {
            score: r.score,
            comment: r.comment.clone(),
            rated_at: r.updated_at,
        });
        TicketDto {
            breached: ticket.clocks().is_breached(now),
            sla,
            rating,
            assignee_name: ticket.assigned_to.and_then(|id| context.user_names.get(&id).cloned()),
            project_name: ticket.project_id.and_then(|id| context.project_names.get(&id).cloned()),
            created_by_name: context.user_names.get(&ticket.created_by).cloned().unwrap_or_default(),
            client_name: context.client_names.get(&ticket.client_id).cloned().unwrap_or_default(),
            id: ticket.id,
            number: ticket.number,
            client_id: ticket.client_id,
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
    /// Files sent with the message; download with `GET /api/documents/{id}/download/`.
    pub attachments: Vec<AttachmentDto>,
    pub created_at: DateTime<Utc>,
}

/// A file sent with a ticket message (a document of the ticket).
#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentDto {
    pub id: Uuid,
    #[schema(example = "capture-erreur.png")]
    pub filename: String,
    #[schema(example = "image/png")]
    pub content_type: String,
    #[schema(example = 48_213)]
    pub size: i64,
}

impl From<Document> for AttachmentDto {
    fn from(document: Document) -> Self {
        AttachmentDto {
            id: document.id,
            filename: document.filename,
            content_type: document.content_type.unwrap_or(document.declared_type),
            size: document.size.unwrap_or(document.declared_size),
        }
    }
}

impl TicketMessageDto {
    pub fn new(
        message: TicketMessage,
        author_name: String,
        author_is_staff: bool,
        attachments: Vec<AttachmentDto>,
    ) -> TicketMessageDto {
        TicketMessageDto {
            attachments,
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
    /// true: tickets whose running clock has less than a quarter of its time left (not yet breached).
    pub at_risk: Option<bool>,
    /// true: tickets nobody handles yet; false: assigned ones.
    pub unassigned: Option<bool>,
    /// Part of the subject.
    pub search: Option<String>,
    /// created_at, updated_at, priority, first_response_due, resolution_due, number or time_left
    /// (the next running deadline first, tickets without one last); `-` for descending.
    /// Default: -created_at.
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
    /// Up to 10 files uploaded for this ticket by the caller (`POST /api/uploads/presign/` with
    /// `ticket_id`, then completed), not sent yet; internal ones with an internal note only.
    #[serde(default)]
    pub attachment_ids: Vec<Uuid>,
}

/// The client's rating of a resolved or closed ticket.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RateTicketRequest {
    /// 1 (bad) to 5 (excellent).
    #[schema(example = 5)]
    pub score: i16,
    /// Up to 2 000 characters.
    #[serde(default)]
    pub comment: String,
}
