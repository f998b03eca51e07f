//! Cancelling an invoice that received nothing, with a reason kept in its history.

use nourx_db::invoices::{self, Invoice, InvoiceChanges};
use nourx_db::{PgConn, audit};
use nourx_domain::Message;
use nourx_domain::billing::{Cancellation, InvoiceStatus};
use uuid::Uuid;

use crate::billing::lock_for_staff;
use crate::http::caller::Caller;
use crate::http::error::ApiError;

/// Cancels invoice `id` (NOURX staff); `reason` is checked only once the invoice is known to be
/// the caller's to change, so a client never learns of a bad reason before a 404 or 403.
pub(crate) fn cancel(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    reason: Result<String, ApiError>,
) -> Result<(), ApiError> {
    let before: Invoice = lock_for_staff(conn, caller, id)?;
    let reason = reason?;
    if before.status.cancellation(before.amount_paid) != Cancellation::Allowed {
        return Err(ApiError::Conflict {
            code: "not_cancellable",
            message: Message::new(
                "Cette facture ne peut plus être annulée : elle a reçu un paiement ou est déjà close.",
                "This invoice can no longer be cancelled: it has received a payment or is already closed.",
            ),
            extra: serde_json::json!({"status": before.status, "amount_paid": before.amount_paid}),
        });
    }
    let changes = InvoiceChanges {
        status: Some(InvoiceStatus::Cancelled),
        cancelled_at: Some(Some(nourx_db::clock::transaction_now(conn)?)),
        cancelled_by: Some(Some(caller.id())),
        cancel_reason: Some(Some(reason)),
        ..InvoiceChanges::default()
    };
    let after = invoices::update(conn, id, &changes)?;
    audit::record(
        conn,
        &caller.audit(),
        "cancel",
        ("invoice", after.client_id),
        Some(id.to_string()),
        audit::changes(&before, &after),
    )?;
    Ok(())
}
