//! The movements of a client's account for its statement: invoices issued, credit notes and their
//! refunds, payments kept (see `nourx_domain::statement`).

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Text, Uuid as SqlUuid};
use uuid::Uuid;

/// One movement as stored.
#[derive(Debug, Clone, QueryableByName)]
pub struct MovementRow {
    #[diesel(sql_type = Date)]
    pub date: NaiveDate,
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Text)]
    pub reference: String,
    #[diesel(sql_type = BigInt)]
    pub debit: i64,
    #[diesel(sql_type = BigInt)]
    pub credit: i64,
}

/// Every movement of the account in one currency: invoices by issue date, credit notes (and the
/// refunds they recorded) by their date, payments by the day they were settled (UTC, Abidjan's
/// time).
const MOVEMENTS: &str = "\
    SELECT issue_date AS date, 'invoice' AS kind, number AS reference, total_ttc AS debit, 0::int8 AS credit \
    FROM invoices WHERE client_id = $1 AND currency = $2 AND number IS NOT NULL AND issue_date IS NOT NULL \
      AND status IN ('sent', 'partially_paid', 'paid', 'credited') \
    UNION ALL \
    SELECT issue_date, 'credit_note', number, 0::int8, total_ttc FROM credit_notes \
    WHERE client_id = $1 AND currency = $2 \
    UNION ALL \
    SELECT issue_date, 'refund', number, refund_amount, 0::int8 FROM credit_notes \
    WHERE client_id = $1 AND currency = $2 AND refund_amount > 0 \
    UNION ALL \
    SELECT (settled_at AT TIME ZONE 'UTC')::date, 'payment', receipt_number, 0::int8, amount FROM payments \
    WHERE client_id = $1 AND currency = $2 AND status = 'accepted' AND receipt_number IS NOT NULL";

#[derive(QueryableByName)]
struct Sum {
    #[diesel(sql_type = BigInt)]
    balance: i64,
}

/// What the client owed in `currency` before `from`.
pub fn opening_balance(conn: &mut PgConnection, client_id: Uuid, currency: &str, from: NaiveDate) -> QueryResult<i64> {
    diesel::sql_query(format!(
        "SELECT COALESCE(SUM(debit - credit), 0)::int8 AS balance FROM ({MOVEMENTS}) m WHERE date < $3"
    ))
    .bind::<SqlUuid, _>(client_id)
    .bind::<Text, _>(currency)
    .bind::<Date, _>(from)
    .get_result::<Sum>(conn)
    .map(|sum| sum.balance)
}

/// The movements from `from` to `to`, both included.
pub fn movements(
    conn: &mut PgConnection,
    client_id: Uuid,
    currency: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<MovementRow>> {
    diesel::sql_query(format!(
        "SELECT * FROM ({MOVEMENTS}) m WHERE date BETWEEN $3 AND $4 ORDER BY date, kind, reference"
    ))
    .bind::<SqlUuid, _>(client_id)
    .bind::<Text, _>(currency)
    .bind::<Date, _>(from)
    .bind::<Date, _>(to)
    .load(conn)
}
