//! The back-office's figures as SQL aggregates, one query per group of figures. Periods are
//! whole days in UTC (Côte d'Ivoire's time); the dates come from `nourx_domain::kpis`.
//!
//! Invoices count once issued (`sent`, `partially_paid`, `paid`); drafts and cancelled ones never.
//! Balances are read at a day: `total_ttc - amount_paid` plus what was paid after that day.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Double, Integer, Nullable, Text, Timestamptz};

/// The statuses of an invoice that was issued and not cancelled.
const ISSUED: &str = "('sent', 'partially_paid', 'paid')";

/// Midnight UTC at the start of `day`.
pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_default()
}

/// Invoiced amounts and the balances at the period's end.
#[derive(Debug, Clone, Default, QueryableByName)]
pub struct BillingFigures {
    #[diesel(sql_type = BigInt)]
    pub invoiced: i64,
    /// Invoiced over the DSO window ending on the as-of day.
    #[diesel(sql_type = BigInt)]
    pub invoiced_dso_window: i64,
    #[diesel(sql_type = BigInt)]
    pub outstanding: i64,
    #[diesel(sql_type = BigInt)]
    pub overdue: i64,
    #[diesel(sql_type = BigInt)]
    pub overdue_count: i64,
    #[diesel(sql_type = BigInt)]
    pub bucket_0_30: i64,
    #[diesel(sql_type = BigInt)]
    pub count_0_30: i64,
    #[diesel(sql_type = BigInt)]
    pub bucket_31_60: i64,
    #[diesel(sql_type = BigInt)]
    pub count_31_60: i64,
    #[diesel(sql_type = BigInt)]
    pub bucket_61_90: i64,
    #[diesel(sql_type = BigInt)]
    pub count_61_90: i64,
    #[diesel(sql_type = BigInt)]
    pub bucket_90_plus: i64,
    #[diesel(sql_type = BigInt)]
    pub count_90_plus: i64,
}

/// `invoiced` over `from..=to`; balances, overdue amounts and their ageing on `as_of`;
/// invoiced over `dso_days` days ending on `as_of`. Credit notes will subtract here once they exist.
pub fn billing(
    conn: &mut PgConnection,
    currency: &str,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
    dso_days: i64,
) -> QueryResult<BillingFigures> {
    let bucket = |name: &str, low: i64, high: Option<i64>| {
        let high = high.map(|h| format!(" AND $3 - due_date <= {h}")).unwrap_or_default();
        format!(
            "COALESCE(SUM(balance) FILTER (WHERE $3 - due_date >= {low}{high}), 0)::int8 AS bucket_{name}, \
             COALESCE(SUM(n) FILTER (WHERE $3 - due_date >= {low}{high}), 0)::int8 AS count_{name}"
        )
    };
    // What is owed today comes from the `invoice_totals` summary (migration 000008); payments
    // settled after `as_of` are added back to the invoices they paid, so a past period reads as
    // it stood then.
    let sql = format!(
        "WITH later AS ( \
           SELECT invoice_id, SUM(amount)::int8 AS amount FROM payments \
           WHERE status = 'accepted' AND settled_at >= $5 GROUP BY invoice_id), \
         open_at AS ( \
           SELECT due_date, unpaid_amount AS balance, unpaid_count AS n FROM invoice_totals \
           WHERE currency = $1 AND issue_date <= $3 AND unpaid_count > 0 \
           UNION ALL \
           SELECT i.due_date, \
                  CASE WHEN i.total_ttc - i.credited_amount > i.amount_paid THEN l.amount \
                       ELSE i.total_ttc - i.credited_amount - i.amount_paid + l.amount END, \
                  CASE WHEN i.total_ttc - i.credited_amount > i.amount_paid THEN 0 ELSE 1 END \
           FROM later l JOIN invoices i ON i.id = l.invoice_id \
           WHERE i.status IN {ISSUED} AND i.currency = $1 AND i.issue_date <= $3 \
             AND i.total_ttc - i.credited_amount - i.amount_paid + l.amount > 0), \
         issued AS ( \
           SELECT issue_date, issued_amount FROM invoice_totals WHERE currency = $1 AND issued_count > 0) \
         SELECT \
           (SELECT COALESCE(SUM(issued_amount), 0)::int8 FROM issued WHERE issue_date BETWEEN $2 AND $4) AS invoiced, \
           (SELECT COALESCE(SUM(issued_amount), 0)::int8 FROM issued \
             WHERE issue_date BETWEEN $3 - $6 + 1 AND $3) AS invoiced_dso_window, \
           COALESCE(SUM(balance), 0)::int8 AS outstanding, \
           COALESCE(SUM(balance) FILTER (WHERE due_date < $3), 0)::int8 AS overdue, \
           COALESCE(SUM(n) FILTER (WHERE due_date < $3), 0)::int8 AS overdue_count, \
           {}, {}, {}, {} \
         FROM open_at",
        bucket("0_30", 1, Some(30)),
        bucket("31_60", 31, Some(60)),
        bucket("61_90", 61, Some(90)),
        bucket("90_plus", 91, None),
    );
    diesel::sql_query(sql)
        .bind::<Text, _>(currency)
        .bind::<Date, _>(from)
        .bind::<Date, _>(as_of)
        .bind::<Date, _>(to)
        .bind::<Timestamptz, _>(start_of(as_of + chrono::Days::new(1)))
        .bind::<Integer, _>(dso_days as i32)
        .get_result(conn)
}

/// A sum of accepted payments: `dimension` is `operator`, `channel` or `total` (key `all`).
#[derive(Debug, Clone, QueryableByName)]
pub struct PaymentSum {
    #[diesel(sql_type = Text)]
    pub dimension: String,
    #[diesel(sql_type = Text)]
    pub key: String,
    #[diesel(sql_type = BigInt)]
    pub amount: i64,
    #[diesel(sql_type = BigInt)]
    pub count: i64,
}

/// Accepted payments settled in `from..=to`: their total (what was collected), by operator
/// (`orange_money`, `mtn`, `moov`, `wave`, `card`, `other`, from CinetPay's `payment_method`;
/// a payment recorded by hand is its method: `bank_transfer`, `cash`, `cheque`, `mobile_money`)
/// and by channel (`card`, `mobile_money` for CinetPay's other methods; the method for the others).
pub fn payments(
    conn: &mut PgConnection,
    currency: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<PaymentSum>> {
    diesel::sql_query(
        "WITH settled AS ( \
           SELECT amount, source, CASE \
             WHEN source = 'offline' THEN payment_method \
             WHEN upper(payment_method) LIKE 'OM%' THEN 'orange_money' \
             WHEN upper(payment_method) LIKE 'MOMO%' OR upper(payment_method) LIKE 'MTN%' THEN 'mtn' \
             WHEN upper(payment_method) LIKE 'FLOOZ%' OR upper(payment_method) LIKE 'MOOV%' THEN 'moov' \
             WHEN upper(payment_method) LIKE 'WAVE%' THEN 'wave' \
             WHEN upper(payment_method) LIKE 'CARD%' OR upper(payment_method) LIKE 'VISA%' \
               OR upper(payment_method) LIKE 'MASTER%' THEN 'card' \
             ELSE 'other' END AS operator \
           FROM payments \
           WHERE status = 'accepted' AND currency = $1 AND settled_at >= $2 AND settled_at < $3), \
         keyed AS ( \
           SELECT amount, operator, CASE WHEN source = 'offline' THEN operator \
             WHEN operator = 'card' THEN 'card' ELSE 'mobile_money' END AS channel \
           FROM settled) \
         SELECT CASE WHEN GROUPING(operator) = 0 THEN 'operator' \
                     WHEN GROUPING(channel) = 0 THEN 'channel' ELSE 'total' END AS dimension, \
                COALESCE(operator, channel, 'all') AS key, \
                COALESCE(SUM(amount), 0)::int8 AS amount, count(*) AS count \
         FROM keyed GROUP BY GROUPING SETS ((operator), (channel), ()) ORDER BY 1, 2",
    )
    .bind::<Text, _>(currency)
    .bind::<Timestamptz, _>(start_of(from))
    .bind::<Timestamptz, _>(start_of(to + chrono::Days::new(1)))
    .load(conn)
}

/// Invoiced (by issue date) and collected (by settlement) per month from `first_month`'s first
/// day to `end` included; `key` is `YYYY-MM`, months without either are absent.
#[derive(Debug, Clone, QueryableByName)]
pub struct MonthFigures {
    #[diesel(sql_type = Text)]
    pub month: String,
    #[diesel(sql_type = BigInt)]
    pub invoiced: i64,
    #[diesel(sql_type = BigInt)]
    pub collected: i64,
}

pub fn monthly(
    conn: &mut PgConnection,
    currency: &str,
    first_month: NaiveDate,
    end: NaiveDate,
) -> QueryResult<Vec<MonthFigures>> {
    diesel::sql_query(
        "WITH invoiced AS ( \
           SELECT to_char(issue_date, 'YYYY-MM') AS month, SUM(issued_amount) AS amount FROM invoice_totals \
           WHERE currency = $1 AND issue_date BETWEEN $2 AND $3 GROUP BY 1), \
         collected AS ( \
           SELECT to_char(settled_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, SUM(amount) AS amount FROM payments \
           WHERE status = 'accepted' AND currency = $1 AND settled_at >= $4 AND settled_at < $5 GROUP BY 1) \
         SELECT month, COALESCE(i.amount, 0)::int8 AS invoiced, COALESCE(c.amount, 0)::int8 AS collected \
         FROM invoiced i FULL JOIN collected c USING (month) ORDER BY month",
    )
    .bind::<Text, _>(currency)
    .bind::<Date, _>(first_month)
    .bind::<Date, _>(end)
    .bind::<Timestamptz, _>(start_of(first_month))
    .bind::<Timestamptz, _>(start_of(end + chrono::Days::new(1)))
    .load(conn)
}

/// Projects, milestones and tasks as they stand on `today`.
#[derive(Debug, Clone, QueryableByName)]
pub struct WorkFigures {
    #[diesel(sql_type = BigInt)]
    pub active_projects: i64,
    #[diesel(sql_type = BigInt)]
    pub late_milestones: i64,
    #[diesel(sql_type = BigInt)]
    pub overdue_tasks: i64,
}

pub fn work(conn: &mut PgConnection, today: NaiveDate) -> QueryResult<WorkFigures> {
    diesel::sql_query(
        "SELECT (SELECT count(*) FROM projects WHERE status = 'active') AS active_projects, \
                (SELECT count(*) FROM milestones WHERE status <> 'done' AND due_date < $1) AS late_milestones, \
                (SELECT count(*) FROM tasks WHERE status <> 'done' AND due_date < $1) AS overdue_tasks",
    )
    .bind::<Date, _>(today)
    .get_result(conn)
}

/// Open tickets now; for the tickets opened in the period, how many met both SLA deadlines
/// (a deadline not met counts only while the ticket is open, as in `nourx_domain::sla`) and the
/// median minutes to the first staff answer.
#[derive(Debug, Clone, QueryableByName)]
pub struct SupportFigures {
    #[diesel(sql_type = BigInt)]
    pub open_tickets: i64,
    #[diesel(sql_type = BigInt)]
    pub judged: i64,
    #[diesel(sql_type = BigInt)]
    pub met: i64,
    #[diesel(sql_type = Nullable<Double>)]
    pub median_first_response_minutes: Option<f64>,
    /// Ratings given in the period, and their average (1–5).
    #[diesel(sql_type = BigInt)]
    pub ratings: i64,
    #[diesel(sql_type = Nullable<Double>)]
    pub satisfaction_average: Option<f64>,
}

pub fn support(
    conn: &mut PgConnection,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> QueryResult<SupportFigures> {
    diesel::sql_query(
        "WITH opened AS ( \
           SELECT *, \
             (first_responded_at IS NOT NULL AND first_responded_at > first_response_due) \
             OR (first_responded_at IS NULL AND status IN ('open', 'pending') AND paused_since IS NULL \
                 AND $3 > first_response_due) \
             OR (resolved_at IS NOT NULL AND resolved_at > resolution_due) \
             OR (resolved_at IS NULL AND status IN ('open', 'pending') AND paused_since IS NULL \
                 AND $3 > resolution_due) AS breached \
           FROM tickets WHERE created_at >= $1 AND created_at < $2) \
         SELECT (SELECT count(*) FROM tickets WHERE status IN ('open', 'pending')) AS open_tickets, \
                count(*) AS judged, count(*) FILTER (WHERE NOT breached) AS met, \
                percentile_cont(0.5) WITHIN GROUP ( \
                  ORDER BY extract(epoch FROM first_responded_at - created_at) / 60) \
                  FILTER (WHERE first_responded_at IS NOT NULL) AS median_first_response_minutes, \
                (SELECT count(*) FROM ticket_ratings WHERE updated_at >= $1 AND updated_at < $2) AS ratings, \
                (SELECT avg(score)::float8 FROM ticket_ratings WHERE updated_at >= $1 AND updated_at < $2) \
                  AS satisfaction_average \
         FROM opened",
    )
    .bind::<Timestamptz, _>(start_of(from))
    .bind::<Timestamptz, _>(start_of(to + chrono::Days::new(1)))
    .bind::<Timestamptz, _>(now)
    .get_result(conn)
}

/// How many `invoice_totals` rows disagree with the invoices they summarise: 0 unless a write
/// escaped the triggers of migration 000008.
pub fn invoice_totals_drift(conn: &mut PgConnection) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Drift {
        #[diesel(sql_type = BigInt)]
        rows: i64,
    }
    let unpaid = "status IN ('sent', 'partially_paid') AND total_ttc - credited_amount > amount_paid";
    let sql = format!(
        "WITH truth AS ( \
           SELECT currency, issue_date, due_date, SUM(total_ttc - credited_amount)::int8 AS issued_amount, count(*) AS issued_count, \
                  COALESCE(SUM(total_ttc - credited_amount - amount_paid) FILTER (WHERE {unpaid}), 0)::int8 AS unpaid_amount, \
                  count(*) FILTER (WHERE {unpaid}) AS unpaid_count \
           FROM invoices WHERE status IN {ISSUED} AND issue_date IS NOT NULL AND due_date IS NOT NULL GROUP BY 1, 2, 3), \
         summary AS ( \
           SELECT * FROM invoice_totals \
           WHERE issued_amount <> 0 OR issued_count <> 0 OR unpaid_amount <> 0 OR unpaid_count <> 0) \
         SELECT count(*) AS rows FROM truth t FULL JOIN summary s USING (currency, issue_date, due_date) \
         WHERE (t.issued_amount, t.issued_count, t.unpaid_amount, t.unpaid_count) \
               IS DISTINCT FROM (s.issued_amount, s.issued_count, s.unpaid_amount, s.unpaid_count)"
    );
    diesel::sql_query(sql).get_result::<Drift>(conn).map(|drift| drift.rows)
}
