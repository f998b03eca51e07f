//! Canned replies: saved answers in French and English, shared by NOURX staff.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::canned_replies;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = canned_replies, check_for_backend(diesel::pg::Pg))]
pub struct CannedReply {
    pub id: Uuid,
    pub title: String,
    pub body_fr: String,
    pub body_en: String,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = canned_replies)]
pub struct NewCannedReply<'a> {
    pub id: Uuid,
    pub title: &'a str,
    pub body_fr: &'a str,
    pub body_en: &'a str,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = canned_replies)]
pub struct CannedReplyChanges {
    pub title: Option<String>,
    pub body_fr: Option<String>,
    pub body_en: Option<String>,
    pub updated_by: Option<Option<Uuid>>,
}

/// Whether `error` is the unique title's violation.
pub fn is_duplicate_title(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, info)
            if info.constraint_name() == Some("canned_replies_title_idx")
    )
}

impl NewCannedReply<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<CannedReply> {
        diesel::insert_into(canned_replies::table).values(self).returning(CannedReply::as_returning()).get_result(conn)
    }
}

/// Every canned reply by title, or those whose title or text contains `search`.
pub fn list(conn: &mut PgConnection, search: Option<&str>) -> QueryResult<Vec<CannedReply>> {
    let mut query = canned_replies::table.into_boxed();
    if let Some(search) = search {
        let pattern = crate::like_pattern(search);
        query = query.filter(
            canned_replies::title
                .ilike(pattern.clone())
                .or(canned_replies::body_fr.ilike(pattern.clone()))
                .or(canned_replies::body_en.ilike(pattern)),
        );
    }
    query.order((canned_replies::title.asc(), canned_replies::id.asc())).select(CannedReply::as_select()).load(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<CannedReply>> {
    canned_replies::table.find(id).select(CannedReply::as_select()).first(conn).optional()
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &CannedReplyChanges) -> QueryResult<Option<CannedReply>> {
    diesel::update(canned_replies::table.find(id))
        .set((changes, canned_replies::updated_at.eq(diesel::dsl::now)))
        .returning(CannedReply::as_returning())
        .get_result(conn)
        .optional()
}

pub fn delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<CannedReply>> {
    diesel::delete(canned_replies::table.find(id)).returning(CannedReply::as_returning()).get_result(conn).optional()
}
