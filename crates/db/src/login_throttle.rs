//! Failed-login bookkeeping for the login cool-off, per account and per IP.
//!
//! Kept in PostgreSQL so that every API replica sees the same counts.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use crate::schema::login_failures;

pub fn account_bucket(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

pub fn ip_bucket(ip: &str) -> String {
    format!("ip:{ip}")
}

/// The newest `n` failures of `bucket` within `window`, oldest first (all a throttling decision
/// with a limit of `n - 1` needs, however many there are).
pub fn newest_failures(
    conn: &mut PgConnection,
    bucket: &str,
    window: Duration,
    n: usize,
) -> QueryResult<Vec<DateTime<Utc>>> {
    let mut newest: Vec<DateTime<Utc>> = login_failures::table
        .filter(login_failures::bucket.eq(bucket))
        .filter(login_failures::failed_at.gt(Utc::now() - window))
        .order(login_failures::failed_at.desc())
        .limit(i64::try_from(n).unwrap_or(i64::MAX))
        .select(login_failures::failed_at)
        .load(conn)?;
    newest.reverse();
    Ok(newest)
}

/// Everyone's failures together, for the global ceiling.
pub const GLOBAL_BUCKET: &str = "global";

/// Records a guess in each bucket before it is checked, committed at once, so that parallel
/// guesses see each other. Returns the rows' ids: deleted again if the guess is refused or right.
pub fn record_attempt(conn: &mut PgConnection, buckets: &[&str]) -> QueryResult<Vec<i64>> {
    let now = Utc::now();
    let rows: Vec<_> =
        buckets.iter().map(|bucket| (login_failures::bucket.eq(*bucket), login_failures::failed_at.eq(now))).collect();
    diesel::insert_into(login_failures::table).values(rows).returning(login_failures::id).get_results(conn)
}

/// Removes recorded attempts (a guess that was refused unchecked, or turned out right).
pub fn forget(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<()> {
    diesel::delete(login_failures::table.filter(login_failures::id.eq_any(ids))).execute(conn).map(|_| ())
}

pub fn clear(conn: &mut PgConnection, bucket: &str) -> QueryResult<()> {
    diesel::delete(login_failures::table.filter(login_failures::bucket.eq(bucket))).execute(conn).map(|_| ())
}

/// Forgets failures older than `window`: they no longer count for anything.
pub fn delete_older_than(conn: &mut PgConnection, window: Duration) -> QueryResult<usize> {
    diesel::delete(login_failures::table.filter(login_failures::failed_at.le(Utc::now() - window))).execute(conn)
}
