//! The live event stream's rows: written by the triggers of migration 000015 and announced on
//! [`CHANNEL`] when their transaction commits; read back for a browser that reconnects.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::events;

/// Where each committed event is announced, as the JSON of its row.
pub const CHANNEL: &str = "nourx_events";

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, serde::Deserialize)]
#[diesel(table_name = events, check_for_backend(diesel::pg::Pg))]
pub struct EventRow {
    pub id: i64,
    pub kind: String,
    pub staff: bool,
    pub client_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub data: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// Subscribes this connection to [`CHANNEL`].
pub fn listen(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query(format!("LISTEN {CHANNEL}")).execute(conn).map(|_| ())
}

/// The events announced since the last call (reads the socket without waiting); a payload that
/// is not an event row is skipped.
pub fn received(conn: &mut PgConnection) -> QueryResult<Vec<EventRow>> {
    let mut rows = Vec::new();
    for notification in conn.notifications_iter() {
        let notification = notification?;
        match serde_json::from_str::<EventRow>(&notification.payload) {
            Ok(row) => rows.push(row),
            Err(error) => tracing::warn!(%error, "an event announcement that is not an event"),
        }
    }
    Ok(rows)
}

/// Who reads: the rows they may receive are filtered in SQL (the caller applies the domain's
/// rule again to each).
pub struct Reader<'a> {
    pub user_id: Uuid,
    pub staff: bool,
    pub client_ids: &'a [Uuid],
}

/// The events `reader` may receive that followed event `after`, from `margin` before it (the
/// caller skips what it sent), oldest first, at most `limit`; `None` when `after` is no longer
/// kept (too old to replay).
pub fn replay(
    conn: &mut PgConnection,
    reader: &Reader<'_>,
    after: i64,
    margin: Duration,
    limit: i64,
) -> QueryResult<Option<Vec<EventRow>>> {
    let Some(since) = events::table.find(after).select(events::created_at).first::<DateTime<Utc>>(conn).optional()?
    else {
        return Ok(None);
    };
    let mut query =
        events::table.filter(events::created_at.ge(since - margin)).filter(events::id.ne(after)).into_boxed();
    query = if reader.staff {
        query.filter(events::staff.or(events::user_id.eq(reader.user_id)))
    } else {
        query.filter(events::client_id.eq_any(reader.client_ids).or(events::user_id.eq(reader.user_id)))
    };
    let rows = query.order(events::id).limit(limit).select(EventRow::as_select()).load(conn)?;
    Ok(Some(rows))
}

/// The newest event's id (where a new stream starts), or 0.
pub fn last_id(conn: &mut PgConnection) -> QueryResult<i64> {
    Ok(events::table.select(diesel::dsl::max(events::id)).first::<Option<i64>>(conn)?.unwrap_or(0))
}

/// Forgets events older than `before`; returns how many.
pub fn delete_before(conn: &mut PgConnection, before: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(events::table.filter(events::created_at.lt(before))).execute(conn)
}

/// A round trip on the listening connection, to learn that it is gone.
pub fn ping(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query("SELECT 1").execute(conn).map(|_| ())
}
