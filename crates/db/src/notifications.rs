//! In-app notifications (the bell): one row per recipient, written in the transaction of the
//! change they announce.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use nourx_domain::notification_preferences::{Topic, channels};

use crate::schema::notifications;
use crate::scope::PageRequest;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = notifications, check_for_backend(diesel::pg::Pg))]
pub struct Notification {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = notifications)]
pub struct NewNotification<'a> {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub link: Option<&'a str>,
    pub entity: Option<&'a str>,
    pub entity_id: Option<&'a str>,
}

/// Inserts the rows whose recipient keeps this kind in their bell (their preferences: one query
/// per kind of notice).
pub fn insert_many(conn: &mut PgConnection, rows: &[NewNotification<'_>]) -> QueryResult<usize> {
    let mut kept: Vec<&NewNotification<'_>> = Vec::with_capacity(rows.len());
    let mut kinds: Vec<&str> = rows.iter().map(|row| row.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    for kind in kinds {
        let of_kind: Vec<&NewNotification<'_>> = rows.iter().filter(|row| row.kind == kind).collect();
        let stored = match Topic::of_kind(kind) {
            Some(topic) => {
                let people: Vec<Uuid> = of_kind.iter().map(|row| row.user_id).collect();
                crate::notification_preferences::about(conn, &people, topic)?
            }
            None => Default::default(),
        };
        kept.extend(of_kind.into_iter().filter(|row| channels(kind, stored.get(&row.user_id).copied()).in_app));
    }
    if kept.is_empty() {
        return Ok(0);
    }
    diesel::insert_into(notifications::table).values(kept).execute(conn)
}

/// A person's notifications, newest first, and how many are unread.
pub fn list(
    conn: &mut PgConnection,
    user_id: Uuid,
    unread_only: bool,
    page: PageRequest,
) -> QueryResult<(i64, i64, Vec<Notification>)> {
    let build = || {
        let mut query = notifications::table.filter(notifications::user_id.eq(user_id)).into_boxed();
        if unread_only {
            query = query.filter(notifications::read_at.is_null());
        }
        query
    };
    let rows = build()
        .order((notifications::created_at.desc(), notifications::id.desc()))
        .limit(page.limit)
        .offset(page.offset)
        .select(Notification::as_select())
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    let unread = notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)?;
    Ok((count, unread, rows))
}

/// Marks one of the person's notifications read; `None` when it is not theirs.
pub fn mark_read(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> QueryResult<Option<Notification>> {
    diesel::update(
        notifications::table
            .find(id)
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(diesel::dsl::now))
    .execute(conn)?;
    notifications::table
        .find(id)
        .filter(notifications::user_id.eq(user_id))
        .select(Notification::as_select())
        .first(conn)
        .optional()
}

pub fn mark_all_read(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<usize> {
    diesel::update(
        notifications::table.filter(notifications::user_id.eq(user_id)).filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(diesel::dsl::now))
    .execute(conn)
}
