//! Credit notes (avoirs): numbered in their own gapless sequence, each lowering one invoice.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_domain::payments::OfflineMethod;
use uuid::Uuid;

use crate::schema::{clients, credit_notes, invoices};
use crate::scope::Scope;
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = credit_notes, check_for_backend(diesel::pg::Pg))]
pub struct CreditNote {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub client_id: Uuid,
    pub number: String,
    pub issue_date: NaiveDate,
    pub currency: String,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub reason: String,
    pub refund_amount: i64,
    /// How the refund went back (a refund by hand uses the same means as payments recorded by hand).
    pub refund_method: Option<OfflineMethod>,
    pub refund_reference: String,
    pub pdf_key: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// A credit note with its invoice's number and its client's name.
pub type CreditNoteRow = (CreditNote, Option<String>, String);

#[derive(Debug, Insertable)]
#[diesel(table_name = credit_notes)]
pub struct NewCreditNote<'a> {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub client_id: Uuid,
    pub number: &'a str,
    pub issue_date: NaiveDate,
    pub currency: &'a str,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub reason: &'a str,
    pub refund_amount: i64,
    pub refund_method: Option<OfflineMethod>,
    pub refund_reference: &'a str,
    pub created_by: Uuid,
}

impl NewCreditNote<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<CreditNote> {
        diesel::insert_into(credit_notes::table).values(self).returning(CreditNote::as_returning()).get_result(conn)
    }
}

type Source = diesel::helper_types::InnerJoin<
    diesel::helper_types::InnerJoin<credit_notes::table, invoices::table>,
    clients::table,
>;

fn rows_query<'a>() -> diesel::helper_types::IntoBoxed<'a, Source, diesel::pg::Pg> {
    credit_notes::table.inner_join(invoices::table).inner_join(clients::table).into_boxed()
}

/// The credit notes of one invoice visible in `scope`, oldest first.
pub fn of_invoice(conn: &mut PgConnection, scope: &Scope, invoice_id: Uuid) -> QueryResult<Vec<CreditNoteRow>> {
    scoped!(rows_query(), scope, credit_notes::client_id)
        .filter(credit_notes::invoice_id.eq(invoice_id))
        .order((credit_notes::created_at.asc(), credit_notes::id.asc()))
        .select((CreditNote::as_select(), invoices::number, clients::name))
        .load(conn)
}

/// One credit note visible in `scope`.
pub fn find(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<CreditNoteRow>> {
    scoped!(rows_query(), scope, credit_notes::client_id)
        .filter(credit_notes::id.eq(id))
        .select((CreditNote::as_select(), invoices::number, clients::name))
        .first(conn)
        .optional()
}

/// Records the stored PDF.
pub fn set_pdf(conn: &mut PgConnection, id: Uuid, key: &str) -> QueryResult<usize> {
    diesel::update(credit_notes::table.find(id)).set(credit_notes::pdf_key.eq(key)).execute(conn)
}
