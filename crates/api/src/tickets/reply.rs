//! Writing on a ticket: a public message or an internal note, and what it does to the ticket.

use nourx_db::audit;
use nourx_db::tickets::{self, NewTicketMessage, Ticket, TicketChanges};
use nourx_domain::tickets::{MessageEffect, message_effect};
use nourx_domain::{Action, Message, TicketStatus};
use uuid::Uuid;

use super::dto::TicketMessageDto;
use crate::http::caller::Caller;
use crate::http::error::ApiError;

fn ticket_closed() -> ApiError {
    ApiError::Conflict {
        code: "ticket_closed",
        message: Message::new(
            "Ce ticket est fermé : ouvrez un nouveau ticket.",
            "This ticket is closed: open a new ticket.",
        ),
        extra: serde_json::json!({}),
    }
}

/// Writes `body` on ticket `ticket_id` for `caller`, in the caller's transaction.
pub(super) fn post_message(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    ticket_id: Uuid,
    body: &str,
    internal: bool,
) -> Result<TicketMessageDto, ApiError> {
    let ticket = tickets::find_for_update(conn, &caller.scope(), ticket_id)?.ok_or(ApiError::NotFound)?;
    caller.require(ticket.client_id, Action::WriteTicketMessage)?;
    if internal {
        caller.require(ticket.client_id, Action::WriteInternal)?;
    }
    let author = caller.actor(ticket.client_id).ok_or(ApiError::PermissionDenied)?;
    let effect = message_effect(author, ticket.status, internal, ticket.first_responded_at.is_some());
    if effect == MessageEffect::TicketClosed {
        return Err(ticket_closed());
    }
    let message = NewTicketMessage {
        id: Uuid::now_v7(),
        ticket_id: ticket.id,
        client_id: ticket.client_id,
        author_id: caller.id(),
        body,
        internal,
    }
    .insert(conn)?;
    let mut values = audit::snapshot(&message);
    if effect != MessageEffect::Note {
        let ticket_diff = touch(conn, &ticket, effect, message.created_at)?;
        // What the message did to the ticket, in the message's one audit row.
        if ticket_diff.as_object().is_some_and(|diff| !diff.is_empty())
            && let Some(values) = values.as_object_mut()
        {
            values.insert("ticket".into(), ticket_diff);
        }
    }
    audit::record(
        conn,
        &caller.audit(),
        "create",
        ("ticket_message", message.client_id),
        Some(message.id.to_string()),
        values,
    )?;
    let author_name = caller.current.user.full_name.clone();
    Ok(TicketMessageDto::new(message, author_name, caller.is_staff()))
}

/// A public message is activity on the ticket (its `updated_at`), and may move it: returns what
/// changed, for the audit.
fn touch(
    conn: &mut nourx_db::PgConn,
    ticket: &Ticket,
    effect: MessageEffect,
    written_at: chrono::DateTime<chrono::Utc>,
) -> Result<serde_json::Value, ApiError> {
    let mut changes = TicketChanges::default();
    match effect {
        MessageEffect::FirstResponse => changes.first_responded_at = Some(Some(written_at)),
        MessageEffect::BackToOpen => changes.status = Some(TicketStatus::Open),
        MessageEffect::Activity | MessageEffect::Note | MessageEffect::TicketClosed => {}
    }
    let after = tickets::update(conn, ticket.id, &changes)?;
    Ok(audit::changes(ticket, &after))
}
