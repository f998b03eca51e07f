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

/// The failures of `bucket` within `window`, oldest first.
pub fn recent_failures(conn: &mut PgConnection, bucket: &str, window: Duration) -> QueryResult<Vec<DateTime<Utc>>> {
    login_failures::table
        .filter(login_failures::bucket.eq(bucket))
        .filter(login_failures::failed_at.gt(Utc::now() - window))
        .order(login_failures::failed_at.asc())
        .select(login_failures::failed_at)
        .load(conn)
}

pub fn record_failure(conn: &mut PgConnection, buckets: &[&str]) -> QueryResult<()> {
    let now = Utc::now();
    let rows: Vec<_> =
        buckets.iter().map(|bucket| (login_failures::bucket.eq(*bucket), login_failures::failed_at.eq(now))).collect();
    diesel::insert_into(login_failures::table).values(rows).execute(conn).map(|_| ())
}

pub fn clear(conn: &mut PgConnection, bucket: &str) -> QueryResult<()> {
    diesel::delete(login_failures::table.filter(login_failures::bucket.eq(bucket))).execute(conn).map(|_| ())
}

/// Forgets failures older than `window`: they no longer count for anything.
pub fn delete_older_than(conn: &mut PgConnection, window: Duration) -> QueryResult<usize> {
    diesel::delete(login_failures::table.filter(login_failures::failed_at.le(Utc::now() - window))).execute(conn)
}
