//! Imports of CinetPay's transaction statement with their verdicts, the payments they are
//! compared with, and the money collected in a period by how it arrived.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use nourx_domain::payments::{PaymentSource, PaymentStatus};
use nourx_domain::reconciliation::Verdict;
use uuid::Uuid;

use crate::kpis::start_of;
use crate::schema::{clients, invoices, payments, reconciliation_lines, reconciliations, users};
use crate::scope::PageRequest;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = reconciliations, check_for_backend(diesel::pg::Pg))]
pub struct Reconciliation {
    pub id: Uuid,
    pub file_name: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub statement_lines: i32,
    pub matched: i32,
    pub amount_differs: i32,
    pub status_differs: i32,
    pub missing_in_nourx: i32,
    pub missing_in_cinetpay: i32,
    pub statement_total: i64,
    pub nourx_total: i64,
    pub statement_fees: i64,
    pub imported_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// An import with the name of who made it.
pub type ReconciliationRow = (Reconciliation, Option<String>);

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reconciliation_lines, check_for_backend(diesel::pg::Pg))]
pub struct ReconciliationLine {
    pub reconciliation_id: Uuid,
    pub position: i32,
    pub verdict: Verdict,
    pub transaction_id: String,
    pub file_line: Option<i32>,
    pub payment_id: Option<Uuid>,
    pub statement_amount: Option<i64>,
    pub statement_currency: Option<String>,
    pub statement_status: Option<String>,
    pub statement_method: Option<String>,
    pub statement_fees: Option<i64>,
    pub statement_date: Option<NaiveDateTime>,
    pub operator_id: Option<String>,
}

/// Our side of a line, as it stands now: the payment, its invoice's number and its client.
#[derive(Debug, Clone, Queryable)]
pub struct PaymentSide {
    pub amount: i64,
    pub currency: String,
    pub status: PaymentStatus,
    pub payment_method: Option<String>,
    pub settled_at: Option<DateTime<Utc>>,
    pub invoice_id: Uuid,
    pub invoice_number: Option<String>,
    pub client_id: Uuid,
    pub client_name: String,
}

pub type LineRow = (ReconciliationLine, Option<PaymentSide>);

/// Stores an import and its lines in one go (the caller's transaction).
pub fn insert(conn: &mut PgConnection, import: &Reconciliation, lines: &[ReconciliationLine]) -> QueryResult<()> {
    diesel::insert_into(reconciliations::table).values(import).execute(conn)?;
    // 13 parameters a line: well within PostgreSQL's 65 535 per statement.
    for chunk in lines.chunks(4_000) {
        diesel::insert_into(reconciliation_lines::table).values(chunk).execute(conn)?;
    }
    Ok(())
}

/// Imports, newest first.
pub fn list(conn: &mut PgConnection, page: PageRequest) -> QueryResult<(i64, Vec<ReconciliationRow>)> {
    let rows = reconciliations::table
        .left_join(users::table)
        .order((reconciliations::created_at.desc(), reconciliations::id.desc()))
        .limit(page.limit)
        .offset(page.offset)
        .select((Reconciliation::as_select(), users::full_name.nullable()))
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || reconciliations::table.count().get_result(conn))?;
    Ok((count, rows))
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<ReconciliationRow>> {
    reconciliations::table
        .left_join(users::table)
        .filter(reconciliations::id.eq(id))
        .select((Reconciliation::as_select(), users::full_name.nullable()))
        .first(conn)
        .optional()
}

/// Which lines of an import to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineFilter {
    All,
    /// Every verdict but `matched`.
    Problems,
    Only(Verdict),
}

/// The lines of an import, problems before matches, each in file order.
pub fn lines(
    conn: &mut PgConnection,
    id: Uuid,
    filter: LineFilter,
    page: PageRequest,
) -> QueryResult<(i64, Vec<LineRow>)> {
    let build = || {
        let mut query = reconciliation_lines::table
            .left_join(payments::table.inner_join(invoices::table).inner_join(clients::table))
            .filter(reconciliation_lines::reconciliation_id.eq(id))
            .into_boxed();
        match filter {
            LineFilter::All => {}
            LineFilter::Problems => query = query.filter(reconciliation_lines::verdict.ne(Verdict::Matched)),
            LineFilter::Only(verdict) => query = query.filter(reconciliation_lines::verdict.eq(verdict)),
        }
        query
    };
    let side = (
        payments::amount,
        payments::currency,
        payments::status,
        payments::payment_method,
        payments::settled_at,
        invoices::id,
        invoices::number,
        clients::id,
        clients::name,
    );
    let rows = build()
        .order((sql::<Bool>("reconciliation_lines.verdict = 'matched'"), reconciliation_lines::position))
        .limit(page.limit)
        .offset(page.offset)
        .select((ReconciliationLine::as_select(), side.nullable()))
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}

/// A CinetPay payment of ours, for the comparison.
#[derive(Debug, Clone, Queryable)]
pub struct ComparedPayment {
    pub id: Uuid,
    pub transaction_id: String,
    pub amount: i64,
    pub currency: String,
    pub status: PaymentStatus,
    pub settled_at: Option<DateTime<Utc>>,
}

/// Our CinetPay payments whose transaction is on the statement, and those applied within
/// `from..=to` (Abidjan days, which are UTC days).
pub fn compared_payments(
    conn: &mut PgConnection,
    transaction_ids: &[String],
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<ComparedPayment>> {
    let applied_in_period = payments::status
        .eq(PaymentStatus::Accepted)
        .and(payments::settled_at.ge(start_of(from)))
        .and(payments::settled_at.lt(start_of(to + chrono::Days::new(1))));
    payments::table
        .filter(payments::source.eq(PaymentSource::Cinetpay))
        .filter(payments::transaction_id.eq_any(transaction_ids).or(applied_in_period))
        .order(payments::settled_at.asc().nulls_last())
        .then_order_by(payments::id.asc())
        .select((
            payments::id,
            payments::transaction_id,
            payments::amount,
            payments::currency,
            payments::status,
            payments::settled_at,
        ))
        .load(conn)
}

/// Money applied from accepted payments, by source and method.
#[derive(Debug, Clone, Queryable)]
pub struct CollectedRow {
    pub source: PaymentSource,
    pub payment_method: Option<String>,
    pub count: i64,
    pub amount: i64,
}

/// Accepted payments in `currency` applied within `from..=to`, grouped by source and method:
/// the few distinct methods are named and summed by `nourx_domain::reconciliation::Operator`.
pub fn collected(
    conn: &mut PgConnection,
    currency: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<CollectedRow>> {
    payments::table
        .filter(payments::status.eq(PaymentStatus::Accepted))
        .filter(payments::currency.eq(currency))
        .filter(payments::settled_at.ge(start_of(from)))
        .filter(payments::settled_at.lt(start_of(to + chrono::Days::new(1))))
        .group_by((payments::source, payments::payment_method))
        .select((
            payments::source,
            payments::payment_method,
            diesel::dsl::count_star(),
            sql::<diesel::sql_types::BigInt>("COALESCE(SUM(payments.amount), 0)::int8"),
        ))
        .load(conn)
}
