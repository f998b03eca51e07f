//! Opening a ticket: its row, its first message, and the SLA deadlines its priority sets.

use nourx_db::audit;
use nourx_db::tickets::{NewTicket, NewTicketMessage};
use nourx_domain::{Action, Message, Priority};
use uuid::Uuid;

use super::dto::{CreateTicketRequest, TicketDto};
use super::handlers::{BODY_MAX, SUBJECT_MAX, to_dto};
use crate::http::caller::Caller;
use crate::http::dto_util::{not_found_reference, text};
use crate::http::error::{ApiError, FieldErrors};

/// A ticket to open, its fields checked.
pub(super) struct NewTicketInput {
    client_id: Uuid,
    project_id: Option<Uuid>,
    subject: String,
    message: String,
    priority: Priority,
}

fn required() -> Message {
    Message::new("Ce champ est obligatoire.", "This field is required.")
}

impl NewTicketInput {
    /// The request checked, with every field problem at once.
    pub(super) fn validate(caller: &Caller, body: CreateTicketRequest) -> Result<NewTicketInput, ApiError> {
        let mut errors = FieldErrors::new();
        let subject = text(&mut errors, "subject", &body.subject, SUBJECT_MAX);
        let message = text(&mut errors, "message", &body.message, BODY_MAX);
        // A client user of exactly one client may leave it out; NOURX staff always name it.
        let client_id = body.client_id.or(match caller.memberships.as_slice() {
            [(only, _)] if !caller.is_staff() => Some(*only),
            _ => None,
        });
        if client_id.is_none() {
            errors.add("client_id", required());
        }
        errors.into_result()?;
        let client_id = client_id.ok_or_else(|| ApiError::field("client_id", required()))?;
        // Absent, the priority is the default one (normal), as the API documents.
        let priority = body.priority.unwrap_or_default();
        Ok(NewTicketInput { client_id, project_id: body.project_id, subject, message, priority })
    }
}

/// Opens the ticket `input` describes for `caller`, in the caller's transaction.
pub(super) fn open_ticket(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    input: &NewTicketInput,
) -> Result<TicketDto, ApiError> {
    let (scope, client_id) = (caller.scope(), input.client_id);
    if nourx_db::clients::find(conn, &scope, client_id)?.is_none() {
        return Err(ApiError::field("client_id", not_found_reference("client_id")));
    }
    caller.require(client_id, Action::CreateTicket)?;
    if let Some(project_id) = input.project_id {
        let project = nourx_db::projects::find(conn, &scope, project_id)?;
        if project.is_none_or(|p| p.client_id != client_id) {
            return Err(ApiError::field("project_id", not_found_reference("project_id")));
        }
    }
    // `now()` is the transaction's start, which is also the ticket's `created_at`.
    let opened_at = nourx_db::clock::transaction_now(conn)?;
    let (sla_policy_id, plan) = super::clocks::opening_plan(conn, client_id, input.priority, opened_at)?;
    let ticket = NewTicket {
        id: Uuid::now_v7(),
        client_id,
        project_id: input.project_id,
        subject: &input.subject,
        priority: input.priority,
        created_by: caller.id(),
        sla_policy_id,
        first_response_due: plan.first_response_due,
        first_response_risk_at: plan.first_response_risk_at,
        resolution_due: plan.resolution_due,
        resolution_risk_at: plan.resolution_risk_at,
    }
    .insert(conn)?;
    nourx_db::sla::record(conn, ticket.id, client_id, "started")?;
    let first = NewTicketMessage {
        id: Uuid::now_v7(),
        ticket_id: ticket.id,
        client_id,
        author_id: caller.id(),
        body: &input.message,
        internal: false,
    }
    .insert(conn)?;
    let mut values = audit::snapshot(&ticket);
    if let Some(values) = values.as_object_mut() {
        values.insert("first_message_id".into(), audit::snapshot(&first.id));
    }
    audit::record(conn, &caller.audit(), "create", ("ticket", ticket.client_id), Some(ticket.id.to_string()), values)?;
    to_dto(conn, ticket)
}
