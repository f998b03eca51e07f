//! Abuse-limit counters, kept in PostgreSQL so that every API replica shares them.
//!
//! - A counter: one row per bucket and fixed window. [`hit`] counts a request with one
//!   `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement: parallel requests each get their own
//!   count, so no more than the limit of them can pass. Inside a transaction, the row stays locked
//!   until it ends (requests of the same bucket queue) and a rollback gives the count back.
//! - A claim: [`claim`] succeeds for one caller per bucket and interval ("ask CinetPay at most
//!   once per interval"), whatever the concurrency.
//!
//! Rows past their `expires_at` count for nothing; [`delete_expired`] removes them.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Text};

use crate::schema::rate_limits;

/// Counts one request in the window `[window_start, window_end)` of `bucket`; returns the
/// window's count with this request.
pub fn hit(
    conn: &mut PgConnection,
    bucket: &str,
    window_start: DateTime<Utc>,
    window_end: DateTime<Utc>,
) -> QueryResult<i64> {
    diesel::insert_into(rate_limits::table)
        .values((
            rate_limits::bucket.eq(bucket),
            rate_limits::window_start.eq(window_start),
            rate_limits::expires_at.eq(window_end),
            rate_limits::count.eq(1i64),
        ))
        .on_conflict((rate_limits::bucket, rate_limits::window_start))
        .do_update()
        .set(rate_limits::count.eq(rate_limits::count + 1i64))
        .returning(rate_limits::count)
        .get_result(conn)
}

#[derive(QueryableByName)]
struct Claimed {
    #[diesel(sql_type = BigInt)]
    #[allow(dead_code)]
    count: i64,
}

/// Takes `bucket` for `interval_seconds` (PostgreSQL's clock): `true` for the one caller that
/// gets it, `false` while an earlier claim is still running. Atomic: of parallel callers, only
/// one sees `true` (the others wait on the row, then find it taken).
pub fn claim(conn: &mut PgConnection, bucket: &str, interval_seconds: f64) -> QueryResult<bool> {
    diesel::sql_query(
        "INSERT INTO rate_limits (bucket, window_start, expires_at, count) \
         VALUES ($1, 'epoch', now() + make_interval(secs => $2), 1) \
         ON CONFLICT (bucket, window_start) DO UPDATE \
         SET expires_at = EXCLUDED.expires_at, count = rate_limits.count + 1 \
         WHERE rate_limits.expires_at <= now() \
         RETURNING count",
    )
    .bind::<Text, _>(bucket)
    .bind::<Double, _>(interval_seconds)
    .get_results::<Claimed>(conn)
    .map(|rows| !rows.is_empty())
}

/// The start of the latest window [`hit`] opened in `bucket`, whatever its end (for marks such as a
/// pay link's visit from one address: the periodic clean-up deletes them once their window ends).
pub fn latest_window_start(conn: &mut PgConnection, bucket: &str) -> QueryResult<Option<DateTime<Utc>>> {
    rate_limits::table
        .filter(rate_limits::bucket.eq(bucket))
        .filter(rate_limits::window_start.gt(DateTime::UNIX_EPOCH))
        .select(diesel::dsl::max(rate_limits::window_start))
        .first(conn)
}

/// Waits for, and holds until the end of the transaction, a lock named `key` (for checks that
/// read then write, like a client's storage quota). Two keys may share a lock by a hash
/// collision: they then only wait for each other.
pub fn lock(conn: &mut PgConnection, key: &str) -> QueryResult<()> {
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))").bind::<Text, _>(key).execute(conn)?;
    Ok(())
}

/// Deletes the rows whose window or claim is over.
pub fn delete_expired(conn: &mut PgConnection) -> QueryResult<usize> {
    diesel::delete(rate_limits::table.filter(rate_limits::expires_at.le(diesel::dsl::now))).execute(conn)
}
