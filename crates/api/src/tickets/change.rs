//! Changing a ticket: who may change what, the checks on the new values, and what a new priority
//! or status does to the SLA clocks.

use nourx_db::tickets::{self, Ticket, TicketChanges};
use nourx_db::{Scope, audit};
use nourx_domain::tickets::{StatusClock, TicketEditRight, status_change, ticket_edit_right};
use nourx_domain::{Message, TicketStatus};
use uuid::Uuid;

use super::dto::{TicketDto, UpdateTicketRequest};
use super::handlers::{SUBJECT_MAX, to_dto};
use crate::http::caller::Caller;
use crate::http::dto_util::{not_found_reference, text};
use crate::http::error::{ApiError, FieldErrors};

/// Applies `body` to ticket `id` for `caller`, in the caller's transaction.
pub(super) fn change_ticket(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    id: Uuid,
    body: &UpdateTicketRequest,
    web_url: &str,
) -> Result<TicketDto, ApiError> {
    let before = tickets::find_for_update(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    let actor = caller.actor(before.client_id).ok_or(ApiError::PermissionDenied)?;
    if ticket_edit_right(actor, before.status, body.edit()) == TicketEditRight::Refused {
        return Err(ApiError::PermissionDenied);
    }
    let subject = validate(conn, &before, body)?;
    let changes = changes(conn, &before, body, subject)?;
    let after = tickets::update(conn, id, &changes)?;
    let diff = audit::changes(&before, &after);
    let action = if before.status != after.status { "status_change" } else { "update" };
    audit::record(conn, &caller.audit(), action, ("ticket", after.client_id), Some(id.to_string()), diff)?;
    if after.status == TicketStatus::Resolved && before.status != TicketStatus::Resolved {
        super::alerts::ask_for_rating(conn, &after, caller.id(), web_url)?;
    }
    to_dto(conn, after)
}

/// Checks the new values against the database, with every problem at once; returns the subject.
fn validate(
    conn: &mut nourx_db::PgConn,
    before: &Ticket,
    body: &UpdateTicketRequest,
) -> Result<Option<String>, ApiError> {
    let mut errors = FieldErrors::new();
    let subject = body.subject.as_deref().map(|s| text(&mut errors, "subject", s, SUBJECT_MAX));
    if let Some(Some(assignee)) = body.assigned_to
        && !tickets::is_assignable(conn, assignee)?
    {
        errors.add(
            "assigned_to",
            Message::new(
                "Seul un membre actif de l'équipe NOURX peut être assigné.",
                "Only an active NOURX staff member can be assigned.",
            ),
        );
    }
    if let Some(Some(project_id)) = body.project_id {
        let project = nourx_db::projects::find(conn, &Scope::All, project_id)?;
        if project.is_none_or(|p| p.client_id != before.client_id) {
            errors.add("project_id", not_found_reference("project_id"));
        }
    }
    errors.into_result()?;
    Ok(subject)
}

/// The row changes `body` makes: a new priority moves both deadlines (counted from the opening
/// under the ticket's policy), a status change follows the workflow and moves the clocks it stops
/// or restarts.
fn changes(
    conn: &mut nourx_db::PgConn,
    before: &Ticket,
    body: &UpdateTicketRequest,
    subject: Option<String>,
) -> Result<TicketChanges, ApiError> {
    let mut changes = TicketChanges {
        subject,
        assigned_to: body.assigned_to,
        project_id: body.project_id,
        ..TicketChanges::default()
    };
    if let Some(priority) = body.priority.filter(|p| *p != before.priority) {
        changes.priority = Some(priority);
        changes.replan(super::clocks::replan(conn, before, priority)?);
        nourx_db::sla::record(conn, before.id, before.client_id, "priority_changed")?;
    }
    if let Some(to) = body.status.filter(|to| *to != before.status) {
        let clock = status_change(before.status, to).map_err(ApiError::invalid_transition)?;
        changes.status = Some(to);
        let now = nourx_db::clock::transaction_now(conn)?;
        super::clocks::on_status_change(conn, before, to, now, &mut changes)?;
        match clock {
            StatusClock::Resolve => changes.resolved_at = Some(Some(now)),
            StatusClock::Close => changes.closed_at = Some(Some(now)),
            StatusClock::Reopen => changes.resolved_at = Some(None),
            StatusClock::Keep => {}
        }
    }
    Ok(changes)
}
