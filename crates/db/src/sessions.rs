//! Server-side session records behind the `sessionid` cookie.
//!
//! Only the SHA-256 of the cookie value is stored. A session ends at the first
//! of: logout or revocation (row deleted), its absolute expiry, or its idle limit
//! without a request (staff sessions have their own, shorter, idle limit).

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::sessions;

/// How stale `last_seen_at` may get before a request refreshes it: saves a
/// write on nearly every request at the cost of one minute of idle precision.
const LAST_SEEN_GRANULARITY_SECONDS: i64 = 60;

/// The idle limits: a session unused for this long ends.
#[derive(Debug, Clone, Copy)]
pub struct IdleLimits {
    pub client: Duration,
    pub staff: Duration,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions, check_for_backend(diesel::pg::Pg))]
pub struct SessionRecord {
    pub key_hash: Vec<u8>,
    pub user_id: Option<Uuid>,
    pub state: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The public id ("my sessions"); the key hash never leaves the server.
    pub id: Uuid,
    pub is_staff: bool,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

/// A new session row.
#[derive(Debug)]
pub struct NewSession<'a> {
    pub key_hash: &'a [u8],
    pub user_id: Option<Uuid>,
    pub state: &'a serde_json::Value,
    /// Absolute lifetime from now.
    pub lifetime: Duration,
    pub is_staff: bool,
    pub user_agent: Option<&'a str>,
    pub ip: Option<&'a str>,
}

/// Sessions that are neither past their absolute expiry nor idle for too long.
type LiveFilter = diesel::dsl::And<
    diesel::dsl::Gt<sessions::expires_at, DateTime<Utc>>,
    diesel::dsl::Or<
        diesel::dsl::And<
            diesel::dsl::Eq<sessions::is_staff, bool>,
            diesel::dsl::Gt<sessions::last_seen_at, DateTime<Utc>>,
        >,
        diesel::dsl::And<
            diesel::dsl::Eq<sessions::is_staff, bool>,
            diesel::dsl::Gt<sessions::last_seen_at, DateTime<Utc>>,
        >,
    >,
>;

fn live(now: DateTime<Utc>, idle: IdleLimits) -> LiveFilter {
    sessions::expires_at.gt(now).and(
        sessions::is_staff
            .eq(false)
            .and(sessions::last_seen_at.gt(now - idle.client))
            .or(sessions::is_staff.eq(true).and(sessions::last_seen_at.gt(now - idle.staff))),
    )
}

/// Loads a live session and marks it seen: (public id, state); `None` when it is unknown,
/// expired or idle too long.
pub fn load_live(
    conn: &mut PgConnection,
    key_hash: &[u8],
    idle: IdleLimits,
) -> QueryResult<Option<(Uuid, serde_json::Value)>> {
    let now = Utc::now();
    let record: Option<SessionRecord> = sessions::table
        .find(key_hash)
        .filter(live(now, idle))
        .select(SessionRecord::as_select())
        .first(conn)
        .optional()?;
    let Some(record) = record else {
        return Ok(None);
    };
    if record.last_seen_at < now - Duration::seconds(LAST_SEEN_GRANULARITY_SECONDS) {
        diesel::update(sessions::table.find(key_hash)).set(sessions::last_seen_at.eq(now)).execute(conn)?;
    }
    Ok(Some((record.id, record.state)))
}

pub fn insert(conn: &mut PgConnection, new: &NewSession<'_>) -> QueryResult<()> {
    let now = Utc::now();
    diesel::insert_into(sessions::table)
        .values((
            sessions::key_hash.eq(new.key_hash),
            sessions::id.eq(Uuid::now_v7()),
            sessions::user_id.eq(new.user_id),
            sessions::state.eq(new.state),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
            sessions::expires_at.eq(now + new.lifetime),
            sessions::is_staff.eq(new.is_staff),
            sessions::user_agent.eq(new.user_agent),
            sessions::ip.eq(new.ip),
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

/// Revokes every session of a user but the one with public id `keep`.
pub fn delete_for_user_except_id(conn: &mut PgConnection, user_id: Uuid, keep: Uuid) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id)).filter(sessions::id.ne(keep))).execute(conn)
}

/// Revokes one session of `user_id` by its public id; false when the user has no such session.
pub fn delete_by_id(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> QueryResult<bool> {
    let deleted = diesel::delete(sessions::table.filter(sessions::id.eq(id)).filter(sessions::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(deleted == 1)
}

/// The live sessions of a user, most recently seen first.
pub fn list_live_for_user(conn: &mut PgConnection, user_id: Uuid, idle: IdleLimits) -> QueryResult<Vec<SessionRecord>> {
    sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(live(Utc::now(), idle))
        .order((sessions::last_seen_at.desc(), sessions::created_at.desc()))
        .select(SessionRecord::as_select())
        .load(conn)
}

/// Deletes sessions past their absolute expiry or idle for longer than their limit.
pub fn delete_expired(conn: &mut PgConnection, idle: IdleLimits) -> QueryResult<usize> {
    let now = Utc::now();
    diesel::delete(sessions::table.filter(diesel::dsl::not(live(now, idle)))).execute(conn)
}

pub fn count_for_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<i64> {
    sessions::table.filter(sessions::user_id.eq(user_id)).count().get_result(conn)
}
