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
/// time), and what an invoice counts as paid beyond its payment rows (francs written off under
/// CinetPay's step of 5, payments recorded before there were rows for them) on its payment day, so
/// the closing balance is always what the invoices still ask.
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
    WHERE client_id = $1 AND currency = $2 AND status = 'accepted' AND receipt_number IS NOT NULL \
    UNION ALL \
    SELECT COALESCE((i.paid_at AT TIME ZONE 'UTC')::date, i.issue_date), 'payment', i.number, 0::int8, \
           (i.amount_paid - COALESCE(p.paid, 0) + COALESCE(c.refunded, 0))::int8 \
    FROM invoices i \
    LEFT JOIN (SELECT invoice_id, SUM(amount) AS paid FROM payments WHERE status = 'accepted' GROUP BY invoice_id) p \
      ON p.invoice_id = i.id \
    LEFT JOIN (SELECT invoice_id, SUM(refund_amount) AS refunded FROM credit_notes GROUP BY invoice_id) c \
      ON c.invoice_id = i.id \
    WHERE i.client_id = $1 AND i.currency = $2 AND i.number IS NOT NULL AND i.issue_date IS NOT NULL \
      AND i.status IN ('sent', 'partially_paid', 'paid', 'credited') \
      AND i.amount_paid - COALESCE(p.paid, 0) + COALESCE(c.refunded, 0) <> 0";

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
