//! Writing on a ticket: a public message or an internal note, and what it does to the ticket.

use nourx_db::audit;
use nourx_db::tickets::{self, NewTicketMessage, Ticket, TicketChanges};
use nourx_domain::tickets::{MessageEffect, message_effect};
use nourx_domain::{Action, Message, TicketStatus};
use uuid::Uuid;

use super::dto::{AttachmentDto, TicketMessageDto};
use crate::http::caller::Caller;
use crate::http::error::ApiError;
use nourx_domain::documents::Visibility;

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

pub(super) const ATTACHMENTS_MAX: usize = 10;

pub(super) fn too_many_attachments() -> Message {
    Message::new("Au plus 10 fichiers par message.", "At most 10 files per message.")
}

fn attachments_not_found() -> ApiError {
    ApiError::field(
        "attachment_ids",
        Message::new(
            "Un fichier joint est introuvable, déjà envoyé, pas encore terminé ou d'une autre visibilité que le message.",
            "An attachment is missing, already sent, not completed yet, or of another visibility than the message.",
        ),
    )
}

/// A message to write, its text checked.
pub(super) struct NewMessage {
    pub body: String,
    pub internal: bool,
    pub attachment_ids: Vec<Uuid>,
}

/// The DTOs of `rows`, with their attachments (one query).
pub(super) fn message_dtos(
    conn: &mut nourx_db::PgConn,
    rows: Vec<tickets::MessageRow>,
) -> Result<Vec<TicketMessageDto>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|(m, _, _)| m.id).collect();
    let mut files: std::collections::HashMap<Uuid, Vec<AttachmentDto>> = std::collections::HashMap::new();
    for document in nourx_db::documents::of_messages(conn, &ids)? {
        if let Some(message_id) = document.ticket_message_id {
            files.entry(message_id).or_default().push(document.into());
        }
    }
    Ok(rows
        .into_iter()
        .map(|(m, name, role)| {
            let attachments = files.remove(&m.id).unwrap_or_default();
            TicketMessageDto::new(m, name, role.is_staff(), attachments)
        })
        .collect())
}

/// Writes `message` on ticket `ticket_id` for `caller`, in the caller's transaction.
pub(super) fn post_message(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    ticket_id: Uuid,
    new: &NewMessage,
) -> Result<TicketMessageDto, ApiError> {
    let (body, internal) = (new.body.as_str(), new.internal);
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
    let attachments = attach(conn, caller, &ticket, message.id, new)?;
    let mut values = audit::snapshot(&message);
    if let Some(values) = values.as_object_mut()
        && !attachments.is_empty()
    {
        values.insert("attachment_ids".into(), audit::snapshot(&new.attachment_ids));
    }
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
    Ok(TicketMessageDto::new(message, author_name, caller.is_staff(), attachments))
}

/// Attaches the caller's uploads `new.attachment_ids` to message `message_id`: all of them or
/// none (the message is refused).
fn attach(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    ticket: &Ticket,
    message_id: Uuid,
    new: &NewMessage,
) -> Result<Vec<AttachmentDto>, ApiError> {
    let mut ids = new.attachment_ids.clone();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let visibility = if new.internal { Visibility::Internal } else { Visibility::Client };
    let attached = nourx_db::documents::attach_to_message(conn, &ids, ticket.id, caller.id(), visibility, message_id)?;
    if attached != ids.len() {
        return Err(attachments_not_found());
    }
    Ok(nourx_db::documents::of_messages(conn, &[message_id])?.into_iter().map(AttachmentDto::from).collect())
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
        MessageEffect::FirstResponse => {
            changes.first_responded_at = Some(Some(written_at));
            nourx_db::sla::record(conn, ticket.id, ticket.client_id, "first_response_met")?;
        }
        MessageEffect::BackToOpen => {
            changes.status = Some(TicketStatus::Open);
            super::clocks::on_status_change(conn, ticket, TicketStatus::Open, written_at, &mut changes)?;
        }
        MessageEffect::Activity | MessageEffect::Note | MessageEffect::TicketClosed => {}
    }
    let after = tickets::update(conn, ticket.id, &changes)?;
    Ok(audit::changes(ticket, &after))
}
