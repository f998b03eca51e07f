//! What needs a staff member's attention now, one query over every source; the ordering and the
//! severity are `nourx_domain::kpis`'s.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Integer, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

/// One thing to look at: `kind` is an `AlertKind` key; `label` names the record (an invoice
/// number, `#12 subject`, a job kind, an email template, a milestone title).
#[derive(Debug, Clone, QueryableByName)]
pub struct AlertRow {
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Text)]
    pub entity_id: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub client_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub client_name: Option<String>,
    /// A payment's invoice.
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub invoice_id: Option<Uuid>,
    #[diesel(sql_type = Timestamptz)]
    pub since: DateTime<Utc>,
    #[diesel(sql_type = Nullable<Text>)]
    pub label: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub amount: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub currency: Option<String>,
    /// Days late (invoices, milestones), 0 otherwise.
    #[diesel(sql_type = BigInt)]
    pub days: i64,
}

/// At most `per_kind` of each kind, the oldest first. A ticket is at risk when a running clock (not
/// paused) passed its stored risk instant, under its policy (`nourx_domain::sla::stored_clock_state`).
pub fn current(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    today: NaiveDate,
    pending_minutes: i64,
    per_kind: i64,
) -> QueryResult<Vec<AlertRow>> {
    let risk = |due: &str, risk_at: &str, done: &str| {
        format!("({done} IS NULL AND t.paused_since IS NULL AND $1 <= {due} AND $1 > {risk_at})")
    };
    let breached = "(t.paused_since IS NULL AND ((t.first_responded_at IS NULL AND $1 > t.first_response_due) \
                    OR $1 > t.resolution_due))";
    let sql = format!(
        "(SELECT 'invoice_overdue' AS kind, i.id::text AS entity_id, i.client_id, c.name AS client_name, NULL::uuid AS invoice_id, \
                 (i.due_date + 1)::timestamptz AS since, i.number AS label, (i.total_ttc - i.credited_amount - i.amount_paid)::int8 AS amount, \
                 i.currency::text AS currency, ($2 - i.due_date)::int8 AS days \
          FROM invoices i JOIN clients c ON c.id = i.client_id \
          WHERE i.status IN ('sent', 'partially_paid') AND i.due_date < $2 ORDER BY i.due_date LIMIT $4) \
         UNION ALL \
         (SELECT CASE WHEN {breached} THEN 'ticket_breached' ELSE 'ticket_at_risk' END, t.id::text, t.client_id, c.name, NULL, \
                 CASE WHEN {breached} THEN \
                   CASE WHEN t.first_responded_at IS NULL AND $1 > t.first_response_due THEN t.first_response_due \
                        ELSE t.resolution_due END \
                 ELSE t.created_at END, \
                 '#' || t.number || ' ' || t.subject, NULL, NULL, 0 \
          FROM tickets t JOIN clients c ON c.id = t.client_id \
          WHERE t.status IN ('open', 'pending') AND ({breached} OR {} OR {}) \
          ORDER BY t.first_response_due LIMIT $4 * 2) \
         UNION ALL \
         (SELECT CASE p.status WHEN 'flagged' THEN 'payment_flagged' ELSE 'payment_pending' END, p.id::text, p.client_id, \
                 c.name, p.invoice_id, CASE p.status WHEN 'flagged' THEN p.updated_at ELSE p.created_at END, p.transaction_id, \
                 p.amount, p.currency::text, 0 \
          FROM payments p JOIN clients c ON c.id = p.client_id \
          WHERE p.status = 'flagged' \
             OR (p.status IN ('pending', 'initiating') AND p.created_at < $1 - make_interval(mins => $3)) \
          ORDER BY p.created_at LIMIT $4 * 2) \
         UNION ALL \
         (SELECT 'job_dead', j.id::text, NULL, NULL, NULL, j.updated_at, j.kind, NULL, NULL, 0 \
          FROM jobs j WHERE j.status = 'dead' ORDER BY j.updated_at LIMIT $4) \
         UNION ALL \
         (SELECT 'email_failing', o.id::text, NULL, NULL, NULL, o.created_at, o.template, NULL, NULL, 0 \
          FROM outbox o WHERE o.status = 'failed' OR (o.status = 'pending' AND o.attempts > 0) \
          ORDER BY o.created_at LIMIT $4) \
         UNION ALL \
         (SELECT 'milestone_late', m.id::text, m.client_id, c.name, NULL, (m.due_date + 1)::timestamptz, m.title, \
                 NULL, NULL, ($2 - m.due_date)::int8 \
          FROM milestones m JOIN clients c ON c.id = m.client_id \
          WHERE m.status <> 'done' AND m.due_date < $2 ORDER BY m.due_date LIMIT $4)",
        risk("t.first_response_due", "t.first_response_risk_at", "t.first_responded_at"),
        risk("t.resolution_due", "t.resolution_risk_at", "t.resolved_at"),
    );
    diesel::sql_query(sql)
        .bind::<Timestamptz, _>(now)
        .bind::<Date, _>(today)
        .bind::<Integer, _>(pending_minutes as i32)
        .bind::<BigInt, _>(per_kind)
        .load(conn)
}
