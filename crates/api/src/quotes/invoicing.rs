//! An accepted quote becomes a draft invoice: same client, project, currency, title, notes and
//! lines. One invoice per quote, unless that invoice was cancelled.

use nourx_db::invoices::NewInvoice;
use nourx_db::line_items::{self, ItemOwner, NewLineItem};
use nourx_db::quotes::{self, Quote};
use nourx_db::{PgConn, audit};
use nourx_domain::Message;
use nourx_domain::billing::Invoicing;
use uuid::Uuid;

use crate::billing::lock_for_staff;
use crate::http::caller::Caller;
use crate::http::error::ApiError;

/// Makes the invoice of quote `id` (NOURX staff); returns the invoice's id.
pub(crate) fn invoice_quote(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<Uuid, ApiError> {
    let quote: Quote = lock_for_staff(conn, caller, id)?;
    let existing = quotes::invoices_of(conn, &[id])?.first().map(|(_, invoice_id)| *invoice_id);
    match quote.status.invoicing(existing) {
        Invoicing::Allowed => {}
        Invoicing::NotAccepted => {
            return Err(ApiError::Conflict {
                code: "not_accepted",
                message: Message::new(
                    "Seul un devis accepté peut être facturé.",
                    "Only an accepted quote can be invoiced.",
                ),
                extra: serde_json::json!({"status": quote.status}),
            });
        }
        Invoicing::AlreadyInvoiced(invoice_id) => {
            return Err(ApiError::Conflict {
                code: "already_invoiced",
                message: Message::new("Ce devis a déjà une facture.", "This quote already has an invoice."),
                extra: serde_json::json!({"invoice_id": invoice_id}),
            });
        }
    }
    let items: Vec<NewLineItem> = line_items::of_quotes(conn, &[id])?.into_iter().map(NewLineItem::from).collect();
    let invoice = NewInvoice {
        id: Uuid::now_v7(),
        client_id: quote.client_id,
        project_id: quote.project_id,
        quote_id: Some(quote.id),
        title: &quote.title,
        currency: &quote.currency,
        issue_date: None,
        due_date: None,
        notes: &quote.notes,
        total_ht: quote.total_ht,
        total_tva: quote.total_tva,
        total_ttc: quote.total_ttc,
        discount_bp: quote.discount_bp,
        discount_total: quote.discount_total,
        payment_terms: &quote.payment_terms,
        created_by: Some(caller.id()),
    }
    .insert(conn)?;
    line_items::replace(conn, ItemOwner::Invoice(invoice.id), &items)?;
    let mut values = audit::snapshot(&invoice);
    if let Some(values) = values.as_object_mut() {
        values.insert("from_quote".into(), audit::snapshot(&quote.number));
    }
    audit::record(
        conn,
        &caller.audit(),
        "create",
        ("invoice", invoice.client_id),
        Some(invoice.id.to_string()),
        values,
    )?;
    Ok(invoice.id)
}
