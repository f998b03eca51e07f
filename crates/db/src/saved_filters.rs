//! Each staff member's own named filters of a back-office list.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use nourx_domain::client::FilterScope;
use uuid::Uuid;

use crate::schema::saved_filters;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = saved_filters, check_for_backend(diesel::pg::Pg))]
pub struct SavedFilter {
    pub id: Uuid,
    pub user_id: Uuid,
    pub scope: FilterScope,
    pub name: String,
    /// The list's query string, e.g. `status=active&sector=btp`.
    pub query: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = saved_filters)]
pub struct NewSavedFilter<'a> {
    pub id: Uuid,
    pub user_id: Uuid,
    pub scope: FilterScope,
    pub name: &'a str,
    pub query: &'a str,
}

impl NewSavedFilter<'_> {
    /// A unique violation when the user already has a filter of that name in the scope.
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<SavedFilter> {
        diesel::insert_into(saved_filters::table).values(self).returning(SavedFilter::as_returning()).get_result(conn)
    }
}

/// The user's filters, of one scope or all, by name.
pub fn of_user(conn: &mut PgConnection, user_id: Uuid, scope: Option<FilterScope>) -> QueryResult<Vec<SavedFilter>> {
    let mut query = saved_filters::table.filter(saved_filters::user_id.eq(user_id)).into_boxed();
    if let Some(scope) = scope {
        query = query.filter(saved_filters::scope.eq(scope));
    }
    query.order((saved_filters::scope.asc(), saved_filters::name.asc())).select(SavedFilter::as_select()).load(conn)
}

/// Deletes the user's filter `id`; false when they have none of that id.
pub fn delete(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> QueryResult<bool> {
    let deleted =
        diesel::delete(saved_filters::table.find(id).filter(saved_filters::user_id.eq(user_id))).execute(conn)?;
    Ok(deleted > 0)
}
