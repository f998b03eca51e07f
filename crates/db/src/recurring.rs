//! Recurring invoice templates and the periods they issued.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_domain::recurring::{RecurringStatus, Rhythm};
use uuid::Uuid;

use crate::schema::{clients, recurring_invoices, recurring_runs};
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = recurring_invoices, check_for_backend(diesel::pg::Pg))]
pub struct Recurring {
    pub id: Uuid,
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub title: String,
    pub currency: String,
    pub notes: String,
    pub payment_terms: String,
    pub discount_bp: i32,
    pub items: serde_json::Value,
    pub rhythm: Rhythm,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub due_days: i32,
    pub periods_done: i32,
    pub next_date: Option<NaiveDate>,
    pub status: RecurringStatus,
    pub last_invoice_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A template with its client's name.
pub type RecurringRow = (Recurring, String);

#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = recurring_invoices)]
pub struct RecurringValues<'a> {
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub title: &'a str,
    pub currency: &'a str,
    pub notes: &'a str,
    pub payment_terms: &'a str,
    pub discount_bp: i32,
    pub items: &'a serde_json::Value,
    pub rhythm: Rhythm,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub due_days: i32,
    pub next_date: Option<NaiveDate>,
}

pub fn insert(conn: &mut PgConnection, id: Uuid, values: &RecurringValues<'_>, by: Uuid) -> QueryResult<Recurring> {
    diesel::insert_into(recurring_invoices::table)
        .values((recurring_invoices::id.eq(id), values, recurring_invoices::created_by.eq(by)))
        .returning(Recurring::as_returning())
        .get_result(conn)
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = recurring_invoices)]
pub struct RecurringChanges {
    pub status: Option<RecurringStatus>,
    pub periods_done: Option<i32>,
    pub next_date: Option<Option<NaiveDate>>,
    pub last_invoice_id: Option<Option<Uuid>>,
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &RecurringChanges) -> QueryResult<Recurring> {
    diesel::update(recurring_invoices::table.find(id))
        .set((changes, recurring_invoices::updated_at.eq(diesel::dsl::now)))
        .returning(Recurring::as_returning())
        .get_result(conn)
}

pub fn replace(conn: &mut PgConnection, id: Uuid, values: &RecurringValues<'_>) -> QueryResult<Recurring> {
    diesel::update(recurring_invoices::table.find(id))
        .set((values, recurring_invoices::updated_at.eq(diesel::dsl::now)))
        .returning(Recurring::as_returning())
        .get_result(conn)
}

/// The template, locked until the end of the transaction.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Recurring>> {
    recurring_invoices::table.find(id).for_update().select(Recurring::as_select()).first(conn).optional()
}

pub fn find(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<RecurringRow>> {
    scoped!(recurring_invoices::table.inner_join(clients::table).into_boxed(), scope, recurring_invoices::client_id)
        .filter(recurring_invoices::id.eq(id))
        .select((Recurring::as_select(), clients::name))
        .first(conn)
        .optional()
}

pub fn list(
    conn: &mut PgConnection,
    client_id: Option<Uuid>,
    status: Option<RecurringStatus>,
    page: PageRequest,
) -> QueryResult<(i64, Vec<RecurringRow>)> {
    let build = || {
        let mut query = recurring_invoices::table.inner_join(clients::table).into_boxed();
        if let Some(client) = client_id {
            query = query.filter(recurring_invoices::client_id.eq(client));
        }
        if let Some(status) = status {
            query = query.filter(recurring_invoices::status.eq(status));
        }
        query
    };
    let rows = build()
        .order((recurring_invoices::next_date.asc().nulls_last(), recurring_invoices::id.asc()))
        .limit(page.limit)
        .offset(page.offset)
        .select((Recurring::as_select(), clients::name))
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}

/// Active templates whose next issue has come.
pub fn due(conn: &mut PgConnection, today: NaiveDate, limit: i64) -> QueryResult<Vec<Uuid>> {
    recurring_invoices::table
        .filter(recurring_invoices::status.eq(RecurringStatus::Active))
        .filter(recurring_invoices::next_date.le(today))
        .order(recurring_invoices::next_date.asc())
        .limit(limit)
        .select(recurring_invoices::id)
        .load(conn)
}

/// Claims a period: `false` when it was already issued (the primary key decides).
pub fn claim_period(conn: &mut PgConnection, id: Uuid, period: NaiveDate) -> QueryResult<bool> {
    diesel::insert_into(recurring_runs::table)
        .values((recurring_runs::recurring_id.eq(id), recurring_runs::period_date.eq(period)))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|rows| rows == 1)
}

pub fn set_period_invoice(
    conn: &mut PgConnection,
    id: Uuid,
    period: NaiveDate,
    invoice_id: Uuid,
) -> QueryResult<usize> {
    diesel::update(recurring_runs::table.find((id, period)))
        .set(recurring_runs::invoice_id.eq(invoice_id))
        .execute(conn)
}

/// The periods issued, newest first: (period date, invoice).
pub fn runs(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<(NaiveDate, Option<Uuid>)>> {
    recurring_runs::table
        .filter(recurring_runs::recurring_id.eq(id))
        .order(recurring_runs::period_date.desc())
        .select((recurring_runs::period_date, recurring_runs::invoice_id))
        .load(conn)
}
