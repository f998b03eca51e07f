//! Server-side session records behind the `sessionid` cookie.
//!
//! Only the SHA-256 of the cookie value is stored. A session ends at the first
//! of: logout (row deleted), its absolute expiry, or `idle` without a request.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::sessions;

/// How stale `last_seen_at` may get before a request refreshes it: saves a
/// write on nearly every request at the cost of one minute of idle precision.
const LAST_SEEN_GRANULARITY_SECONDS: i64 = 60;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions, check_for_backend(diesel::pg::Pg))]
pub struct SessionRecord {
    pub key_hash: Vec<u8>,
    pub user_id: Option<Uuid>,
    pub state: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Loads a live session and marks it seen; `None` when it is unknown, expired or idle too long.
pub fn load_live(conn: &mut PgConnection, key_hash: &[u8], idle: Duration) -> QueryResult<Option<serde_json::Value>> {
    let now = Utc::now();
    let record: Option<SessionRecord> = sessions::table
        .find(key_hash)
        .filter(sessions::expires_at.gt(now))
        .filter(sessions::last_seen_at.gt(now - idle))
        .select(SessionRecord::as_select())
        .first(conn)
        .optional()?;
    let Some(record) = record else {
        return Ok(None);
    };
    if record.last_seen_at < now - Duration::seconds(LAST_SEEN_GRANULARITY_SECONDS) {
        diesel::update(sessions::table.find(key_hash)).set(sessions::last_seen_at.eq(now)).execute(conn)?;
    }
    Ok(Some(record.state))
}

pub fn insert(
    conn: &mut PgConnection,
    key_hash: &[u8],
    user_id: Option<Uuid>,
    state: &serde_json::Value,
    lifetime: Duration,
) -> QueryResult<()> {
    let now = Utc::now();
    diesel::insert_into(sessions::table)
        .values((
            sessions::key_hash.eq(key_hash),
            sessions::user_id.eq(user_id),
            sessions::state.eq(state),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
            sessions::expires_at.eq(now + lifetime),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Replaces the state of a live session; returns false when the session no longer exists.
/// The absolute expiry is never extended.
pub fn update_state(
    conn: &mut PgConnection,
    key_hash: &[u8],
    user_id: Option<Uuid>,
    state: &serde_json::Value,
) -> QueryResult<bool> {
    let updated = diesel::update(sessions::table.find(key_hash).filter(sessions::expires_at.gt(Utc::now())))
        .set((sessions::state.eq(state), sessions::user_id.eq(user_id), sessions::last_seen_at.eq(Utc::now())))
        .execute(conn)?;
    Ok(updated == 1)
}

pub fn delete(conn: &mut PgConnection, key_hash: &[u8]) -> QueryResult<()> {
    diesel::delete(sessions::table.find(key_hash)).execute(conn).map(|_| ())
}

/// Revokes every session of a user except `keep` (the one making the request, if any).
pub fn delete_for_user(conn: &mut PgConnection, user_id: Uuid, keep: Option<&[u8]>) -> QueryResult<usize> {
    let query = sessions::table.filter(sessions::user_id.eq(user_id));
    match keep {
        Some(keep) => diesel::delete(query.filter(sessions::key_hash.ne(keep))).execute(conn),
        None => diesel::delete(query).execute(conn),
    }
}

/// Deletes sessions past their absolute expiry or idle for longer than `idle`.
pub fn delete_expired(conn: &mut PgConnection, idle: Duration) -> QueryResult<usize> {
    let now = Utc::now();
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now).or(sessions::last_seen_at.le(now - idle))))
        .execute(conn)
}

pub fn count_for_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<i64> {
    sessions::table.filter(sessions::user_id.eq(user_id)).count().get_result(conn)
}
