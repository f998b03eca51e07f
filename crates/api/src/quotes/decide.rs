//! A client's answer to a sent quote: accepted or declined, with who, when and from where.

use nourx_db::quotes::{self, QuoteChanges};
use nourx_db::{PgConn, audit};
use nourx_domain::billing::QuoteStatus;
use nourx_domain::{Action, Workflow};
use uuid::Uuid;

use crate::billing::today;
use crate::http::caller::Caller;
use crate::http::error::ApiError;

/// Accepts or declines a sent quote, recording who, when and from which address; in the
/// caller's transaction.
pub(crate) fn decide(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    to: QuoteStatus,
    reason: Option<String>,
) -> Result<Uuid, ApiError> {
    let visible = quotes::find(conn, &caller.scope(), id, !caller.is_staff())?.ok_or(ApiError::NotFound)?;
    caller.require(visible.0.client_id, Action::DecideQuote)?;
    let before = quotes::lock(conn, id)?.ok_or(ApiError::NotFound)?;
    // An expired quote is shown, and refused, as expired even if no job stored it yet.
    let from = before.status.effective(before.valid_until, today());
    from.transition_to(to).map_err(ApiError::invalid_transition)?;
    let now = nourx_db::clock::transaction_now(conn)?;
    let after = quotes::update(
        conn,
        id,
        &QuoteChanges {
            status: Some(to),
            decided_at: Some(Some(now)),
            decided_by: Some(Some(caller.id())),
            decided_ip: Some(caller.ip.clone()),
            decline_reason: Some(reason),
            ..QuoteChanges::default()
        },
    )?;
    let action = if to == QuoteStatus::Accepted { "accept" } else { "decline" };
    audit::record(
        conn,
        &caller.audit(),
        action,
        ("quote", after.client_id),
        Some(id.to_string()),
        audit::changes(&before, &after),
    )?;
    Ok(id)
}
