//! Quote rows: read as DTOs, and written by the steps quotes share with invoices.

use std::collections::HashMap;

use nourx_db::PgConn;
use nourx_db::line_items::{self, LineItem};
use nourx_db::quotes::{self, NewQuote, Quote, QuoteChanges, QuoteRow};
use nourx_domain::Action;
use nourx_domain::billing::QuoteStatus;
use uuid::Uuid;

use super::dto::{PersonRef, QuoteDto, QuoteExtras};
use crate::billing::{Document, DraftPatch, Header, Issued, NewDraft, today};
use crate::http::caller::Caller;
use crate::http::error::ApiError;

/// The DTOs of `rows`: items, deciders and invoices made from them loaded in three queries.
pub(crate) fn quote_dtos(conn: &mut PgConn, caller: &Caller, rows: Vec<QuoteRow>) -> Result<Vec<QuoteDto>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|(quote, _, _)| quote.id).collect();
    let mut items: HashMap<Uuid, Vec<LineItem>> = HashMap::new();
    for item in line_items::of_quotes(conn, &ids)? {
        if let Some(owner) = item.quote_id {
            items.entry(owner).or_default().push(item);
        }
    }
    let invoices: HashMap<Uuid, Uuid> = quotes::invoices_of(conn, &ids)?.into_iter().collect();
    let decider_ids: Vec<Uuid> = rows.iter().filter_map(|(quote, _, _)| quote.decided_by).collect();
    let names = nourx_db::users::names(conn, &decider_ids)?;
    let today = today();
    Ok(rows
        .into_iter()
        .map(|row| {
            let quote = &row.0;
            let extras = QuoteExtras {
                decided_by: quote
                    .decided_by
                    .map(|id| PersonRef { id, name: names.get(&id).cloned().unwrap_or_default() }),
                invoice_id: invoices.get(&quote.id).copied(),
                caller_may_decide: caller.can(quote.client_id, Action::DecideQuote),
            };
            let own = items.remove(&quote.id).unwrap_or_default();
            QuoteDto::new(row, own, extras, today)
        })
        .collect())
}

/// One quote as `caller` may see it (client users never see drafts).
pub(crate) fn find_quote(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<QuoteDto, ApiError> {
    let row = quotes::find(conn, &caller.scope(), id, !caller.is_staff())?.ok_or(ApiError::NotFound)?;
    quote_dtos(conn, caller, vec![row])?.pop().ok_or(ApiError::NotFound)
}

impl Document for Quote {
    type Status = QuoteStatus;
    type Dto = QuoteDto;

    fn dto(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<QuoteDto, ApiError> {
        find_quote(conn, caller, id)
    }

    fn find_visible(conn: &mut PgConn, caller: &Caller, id: Uuid) -> Result<Option<Self>, ApiError> {
        Ok(quotes::find(conn, &caller.scope(), id, !caller.is_staff())?.map(|(quote, _, _)| quote))
    }

    fn lock(conn: &mut PgConn, id: Uuid) -> Result<Option<Self>, ApiError> {
        Ok(quotes::lock(conn, id)?)
    }

    fn header(&self) -> Header<'_, QuoteStatus> {
        Header {
            id: self.id,
            status: self.status,
            client_id: self.client_id,
            title: &self.title,
            currency: &self.currency,
            issue_date: self.issue_date,
            term_end: self.valid_until,
            total_ttc: self.total_ttc,
            discount_bp: self.discount_bp,
            project_id: self.project_id,
            notes: &self.notes,
            payment_terms: &self.payment_terms,
        }
    }

    fn insert(conn: &mut PgConn, draft: &NewDraft, currency: &str, created_by: Uuid) -> Result<Self, ApiError> {
        let quote = NewQuote {
            id: Uuid::now_v7(),
            client_id: draft.client_id,
            project_id: draft.project_id,
            title: &draft.title,
            currency,
            issue_date: draft.issue_date,
            valid_until: draft.term_end,
            notes: &draft.notes,
            total_ht: draft.totals.ht,
            total_tva: draft.totals.tva,
            total_ttc: draft.totals.ttc,
            discount_bp: draft.discount_bp,
            discount_total: draft.totals.discount,
            payment_terms: draft.payment_terms.as_deref().unwrap_or_default(),
            created_by: Some(created_by),
        };
        Ok(quote.insert(conn)?)
    }

    fn apply(conn: &mut PgConn, id: Uuid, patch: &DraftPatch) -> Result<Self, ApiError> {
        let changes = QuoteChanges {
            project_id: patch.project_id,
            title: patch.title.clone(),
            notes: patch.notes.clone(),
            currency: patch.currency.clone(),
            issue_date: patch.issue_date,
            valid_until: patch.term_end,
            total_ht: patch.totals.as_ref().map(|totals| totals.ht),
            total_tva: patch.totals.as_ref().map(|totals| totals.tva),
            total_ttc: patch.totals.as_ref().map(|totals| totals.ttc),
            discount_total: patch.totals.as_ref().map(|totals| totals.discount),
            discount_bp: patch.discount_bp,
            payment_terms: patch.payment_terms.clone(),
            ..QuoteChanges::default()
        };
        Ok(quotes::update(conn, id, &changes)?)
    }

    fn mark_sent(conn: &mut PgConn, id: Uuid, issued: &Issued) -> Result<Self, ApiError> {
        let changes = QuoteChanges {
            number: Some(Some(issued.number.clone())),
            status: Some(QuoteStatus::Sent),
            issue_date: Some(Some(issued.issue_date)),
            valid_until: Some(Some(issued.term_end)),
            sent_at: Some(Some(issued.sent_at)),
            ..QuoteChanges::default()
        };
        Ok(quotes::update(conn, id, &changes)?)
    }
}
