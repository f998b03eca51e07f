//! Invoice rows: read as DTOs, and written by the steps invoices share with quotes.

use std::collections::HashMap;

use nourx_db::PgConn;
use nourx_db::invoices::{self, Invoice, InvoiceChanges, InvoiceRow, NewInvoice};
use nourx_db::line_items::{self, LineItem};
use nourx_domain::billing::InvoiceStatus;
use uuid::Uuid;

use super::dto::InvoiceDto;
use crate::billing::{Document, DraftPatch, Header, Issued, NewDraft, today};
use crate::http::caller::Caller;
use crate::http::error::ApiError;

/// The DTOs of `rows`, with every item loaded in one query.
pub(crate) fn invoice_dtos(conn: &mut PgConn, rows: Vec<InvoiceRow>) -> Result<Vec<InvoiceDto>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|(invoice, _, _)| invoice.id).collect();
    let mut items: HashMap<Uuid, Vec<LineItem>> = HashMap::new();
    for item in line_items::of_invoices(conn, &ids)? {
        if let Some(owner) = item.invoice_id {
            items.entry(owner).or_default().push(item);
        }
    }
    let today = today();
    Ok(rows
        .into_iter()
        .map(|row| {
            let own = items.remove(&row.0.id).unwrap_or_default();
            InvoiceDto::new(row, own, today)
        })
        .collect())
}

/// One invoice as `caller` may see it (client users never see drafts).
pub(crate) fn find_invoice(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<InvoiceDto, ApiError> {
    let row = invoices::find(conn, &caller.scope(), id, !caller.is_staff())?.ok_or(ApiError::NotFound)?;
    invoice_dtos(conn, vec![row])?.pop().ok_or(ApiError::NotFound)
}

impl Document for Invoice {
    type Status = InvoiceStatus;
    type Dto = InvoiceDto;

    fn dto(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<InvoiceDto, ApiError> {
        find_invoice(conn, caller, id)
    }

    fn find_visible(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<Option<Self>, ApiError> {
        Ok(invoices::find(conn, &caller.scope(), id, !caller.is_staff())?.map(|(invoice, _, _)| invoice))
    }

    fn lock(conn: &mut PgConn, id: Uuid) -> Result<Option<Self>, ApiError> {
        Ok(invoices::lock(conn, id)?)
    }

    fn header(&self) -> Header<'_, InvoiceStatus> {
        Header {
            id: self.id,
            status: self.status,
            client_id: self.client_id,
            title: &self.title,
            currency: &self.currency,
            issue_date: self.issue_date,
            term_end: self.due_date,
            total_ttc: self.total_ttc,
            discount_bp: self.discount_bp,
            project_id: self.project_id,
            notes: &self.notes,
            payment_terms: &self.payment_terms,
        }
    }

    fn insert(conn: &mut PgConn, draft: &NewDraft, currency: &str, created_by: Uuid) -> Result<Self, ApiError> {
        let invoice = NewInvoice {
            id: Uuid::now_v7(),
            client_id: draft.client_id,
            project_id: draft.project_id,
            quote_id: None,
            title: &draft.title,
            currency,
            issue_date: draft.issue_date,
            due_date: draft.term_end,
            notes: &draft.notes,
            total_ht: draft.totals.ht,
            total_tva: draft.totals.tva,
            total_ttc: draft.totals.ttc,
            discount_bp: draft.discount_bp,
            discount_total: draft.totals.discount,
            payment_terms: draft.payment_terms.as_deref().unwrap_or_default(),
            created_by: Some(created_by),
        };
        Ok(invoice.insert(conn)?)
    }

    fn apply(conn: &mut PgConn, id: Uuid, patch: &DraftPatch) -> Result<Self, ApiError> {
        let changes = InvoiceChanges {
            project_id: patch.project_id,
            title: patch.title.clone(),
            notes: patch.notes.clone(),
            currency: patch.currency.clone(),
            issue_date: patch.issue_date,
            due_date: patch.term_end,
            total_ht: patch.totals.as_ref().map(|totals| totals.ht),
            total_tva: patch.totals.as_ref().map(|totals| totals.tva),
            total_ttc: patch.totals.as_ref().map(|totals| totals.ttc),
            discount_total: patch.totals.as_ref().map(|totals| totals.discount),
            discount_bp: patch.discount_bp,
            payment_terms: patch.payment_terms.clone(),
            ..InvoiceChanges::default()
        };
        Ok(invoices::update(conn, id, &changes)?)
    }

    fn mark_sent(conn: &mut PgConn, id: Uuid, issued: &Issued) -> Result<Self, ApiError> {
        let changes = InvoiceChanges {
            number: Some(Some(issued.number.clone())),
            status: Some(InvoiceStatus::Sent),
            issue_date: Some(Some(issued.issue_date)),
            due_date: Some(Some(issued.term_end)),
            sent_at: Some(Some(issued.sent_at)),
            ..InvoiceChanges::default()
        };
        Ok(invoices::update(conn, id, &changes)?)
    }
}
