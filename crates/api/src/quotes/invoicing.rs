//! An accepted quote becomes invoices: optionally a deposit first (acompte, a percentage of it,
//! one line per TVA rate), then its final invoice — same client, project, currency, title, notes,
//! terms, discount and lines, less the deposit when there is one (one line per rate at a negative
//! price). One live deposit and one live final invoice per quote (unique indexes back it).

use nourx_db::invoices::{self, NewInvoice};
use nourx_db::line_items::{self, ItemOwner, LineItem, NewLineItem};
use nourx_db::quotes::{self, Quote};
use nourx_db::{PgConn, audit};
use nourx_domain::Message;
use nourx_domain::billing::{DocumentTotals, Invoicing, LineInput, deposit_bases, document_totals};
use uuid::Uuid;

use crate::billing::lock_for_staff;
use crate::http::caller::Caller;
use crate::http::error::ApiError;

fn conflict(code: &'static str, message: Message, extra: serde_json::Value) -> ApiError {
    ApiError::Conflict { code, message, extra }
}

/// The accepted quote `id`, locked, unless it already has its final invoice.
fn invoiceable(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<Quote, ApiError> {
    let quote: Quote = lock_for_staff(conn, caller, id)?;
    let existing = quotes::invoices_of(conn, &[id])?.first().map(|(_, invoice_id)| *invoice_id);
    match quote.status.invoicing(existing) {
        Invoicing::Allowed => Ok(quote),
        Invoicing::NotAccepted => Err(conflict(
            "not_accepted",
            Message::new("Seul un devis accepté peut être facturé.", "Only an accepted quote can be invoiced."),
            serde_json::json!({"status": quote.status}),
        )),
        Invoicing::AlreadyInvoiced(invoice_id) => Err(conflict(
            "already_invoiced",
            Message::new("Ce devis a déjà une facture.", "This quote already has an invoice."),
            serde_json::json!({"invoice_id": invoice_id}),
        )),
    }
}

fn line(label: String, unit_price: i64, tax_rate_bp: i32) -> (LineInput, NewLineItem) {
    let input = LineInput::plain(100, unit_price, tax_rate_bp);
    let item = NewLineItem {
        label,
        description: String::new(),
        quantity_hundredths: 100,
        unit_price,
        tax_rate_bp,
        total_ht: 0,
        total_tva: 0,
        discount_bp: 0,
    };
    (input, item)
}

/// Prices `items` by the one rule (line totals written back) with the document's discount.
fn priced(mut items: Vec<NewLineItem>, discount_bp: i32) -> Result<(Vec<NewLineItem>, DocumentTotals), ApiError> {
    let inputs: Vec<LineInput> = items
        .iter()
        .map(|i| LineInput {
            quantity_hundredths: i.quantity_hundredths,
            unit_price: i.unit_price,
            tax_rate_bp: i.tax_rate_bp,
            discount_bp: i.discount_bp,
        })
        .collect();
    let (per_line, totals) =
        document_totals(&inputs, discount_bp).map_err(|e| ApiError::field("items", e.message()))?;
    for (item, priced) in items.iter_mut().zip(per_line) {
        item.total_ht = priced.ht;
        item.total_tva = priced.tva;
    }
    Ok((items, totals))
}

/// Writes the invoice of `quote` with `items` (priced with `discount_bp`) and audits it.
fn write_invoice(
    conn: &mut PgConn,
    caller: &Caller,
    quote: &Quote,
    items: Vec<NewLineItem>,
    discount_bp: i32,
    deposit_percent_bp: Option<i32>,
) -> Result<Uuid, ApiError> {
    let (items, totals) = priced(items, discount_bp)?;
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
        total_ht: totals.ht,
        total_tva: totals.tva,
        total_ttc: totals.ttc,
        discount_bp,
        discount_total: totals.discount,
        payment_terms: &quote.payment_terms,
        created_by: Some(caller.id()),
    }
    .insert(conn)?;
    if let Some(percent) = deposit_percent_bp {
        invoices::set_deposit(conn, invoice.id, percent)?;
    }
    line_items::replace(conn, ItemOwner::Invoice(invoice.id), &items)?;
    let mut values = audit::snapshot(&invoice);
    if let Some(values) = values.as_object_mut() {
        values.insert("from_quote".into(), audit::snapshot(&quote.number));
        values.insert("deposit_percent_bp".into(), audit::snapshot(&deposit_percent_bp));
    }
    let entity = ("invoice", invoice.client_id);
    audit::record(conn, &caller.audit(), "create", entity, Some(invoice.id.to_string()), values)?;
    Ok(invoice.id)
}

fn rate_label(rate_bp: i32) -> String {
    let whole = rate_bp / 100;
    match rate_bp % 100 {
        0 => format!("{whole} %"),
        cents => format!("{whole},{cents:02} %"),
    }
}

/// Makes the final invoice of quote `id` (NOURX staff), less its deposit if one was invoiced;
/// returns the invoice's id.
pub(crate) fn invoice_quote(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<Uuid, ApiError> {
    let quote = invoiceable(conn, caller, id)?;
    let mut items: Vec<NewLineItem> = line_items::of_quotes(conn, &[id])?.into_iter().map(NewLineItem::from).collect();
    if let Some(deposit) = invoices::deposit_of_quote(conn, id)? {
        let number = deposit.number.clone().unwrap_or_else(|| "brouillon".to_owned());
        for deposit_line in line_items::of_invoices(conn, &[deposit.id])? {
            let LineItem { unit_price, tax_rate_bp, .. } = deposit_line;
            let label = format!("Acompte déjà facturé ({number}, TVA {})", rate_label(tax_rate_bp));
            items.push(line(label, -unit_price, tax_rate_bp).1);
        }
    }
    write_invoice(conn, caller, &quote, items, quote.discount_bp, None)
}

/// Makes the deposit invoice of quote `id` (NOURX staff): `percent_bp` of each TVA rate's base, one
/// line per rate; returns its id.
pub(crate) fn deposit_invoice(conn: &mut PgConn, caller: &Caller, id: Uuid, percent_bp: i32) -> Result<Uuid, ApiError> {
    let quote = invoiceable(conn, caller, id)?;
    if let Some(existing) = invoices::deposit_of_quote(conn, id)? {
        return Err(conflict(
            "deposit_exists",
            Message::new("Ce devis a déjà une facture d'acompte.", "This quote already has a deposit invoice."),
            serde_json::json!({"invoice_id": existing.id}),
        ));
    }
    let quote_items: Vec<NewLineItem> =
        line_items::of_quotes(conn, &[id])?.into_iter().map(NewLineItem::from).collect();
    let (_, totals) = priced(quote_items, quote.discount_bp)?;
    let bases = deposit_bases(&totals.by_rate, percent_bp).map_err(|e| ApiError::field("percent", e.message()))?;
    let number = quote.number.clone().unwrap_or_default();
    let items = bases
        .into_iter()
        .map(|(rate, ht)| {
            let label =
                format!("Acompte de {} sur le devis {number} (TVA {})", rate_label(percent_bp), rate_label(rate));
            line(label, ht, rate).1
        })
        .collect();
    write_invoice(conn, caller, &quote, items, 0, Some(percent_bp))
}
