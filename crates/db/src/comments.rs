//! Comments on tasks; `internal` ones are for NOURX staff only.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{comments, users};
use crate::scope::PageRequest;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = comments, check_for_backend(diesel::pg::Pg))]
pub struct Comment {
    pub id: Uuid,
    pub task_id: Uuid,
    pub client_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub internal: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = comments)]
pub struct NewComment<'a> {
    pub id: Uuid,
    pub task_id: Uuid,
    pub client_id: Uuid,
    pub author_id: Uuid,
    pub body: &'a str,
    pub internal: bool,
}

impl NewComment<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Comment> {
        diesel::insert_into(comments::table).values(self).returning(Comment::as_returning()).get_result(conn)
    }
}

/// The comments of a task (already checked to be in scope), oldest first, with the
/// author's name; internal ones only when `include_internal`.
pub fn list_for_task(
    conn: &mut PgConnection,
    task_id: Uuid,
    include_internal: bool,
    page: PageRequest,
) -> QueryResult<(i64, Vec<(Comment, String)>)> {
    let build = || {
        let mut query = comments::table.inner_join(users::table).filter(comments::task_id.eq(task_id)).into_boxed();
        if !include_internal {
            query = query.filter(comments::internal.eq(false));
        }
        query
    };
    let rows = build()
        .order((comments::created_at.asc(), comments::id.asc()))
        .limit(page.limit)
        .offset(page.offset)
        .select((Comment::as_select(), users::full_name))
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}
