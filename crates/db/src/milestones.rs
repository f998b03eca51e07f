//! Milestones of a project.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_domain::MilestoneStatus;
use uuid::Uuid;

use crate::schema::milestones;
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = milestones, check_for_backend(diesel::pg::Pg))]
pub struct Milestone {
    pub id: Uuid,
    pub project_id: Uuid,
    pub client_id: Uuid,
    pub title: String,
    pub description: String,
    pub status: MilestoneStatus,
    pub due_date: Option<NaiveDate>,
    pub completed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = milestones)]
pub struct NewMilestone<'a> {
    pub id: Uuid,
    pub project_id: Uuid,
    pub client_id: Uuid,
    pub title: &'a str,
    pub description: &'a str,
    pub status: MilestoneStatus,
    pub due_date: Option<NaiveDate>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = milestones)]
pub struct MilestoneChanges {
    pub title: Option<String>,
    pub description: Option<String>,
    pub status: Option<MilestoneStatus>,
    pub due_date: Option<Option<NaiveDate>>,
    pub completed_at: Option<Option<DateTime<Utc>>>,
}

#[derive(Debug, Default, Clone)]
pub struct MilestoneFilter {
    pub client_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    pub status: Option<MilestoneStatus>,
    pub due_before: Option<NaiveDate>,
    pub search: Option<String>,
}

pub const ORDERING_FIELDS: &[&str] = &["due_date", "created_at", "title", "status"];

impl NewMilestone<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Milestone> {
        diesel::insert_into(milestones::table).values(self).returning(Milestone::as_returning()).get_result(conn)
    }
}

pub fn find(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<Milestone>> {
    scoped!(milestones::table.find(id).into_boxed(), scope, milestones::client_id)
        .select(Milestone::as_select())
        .first(conn)
        .optional()
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &MilestoneChanges) -> QueryResult<Milestone> {
    diesel::update(milestones::table.find(id))
        .set((changes, milestones::updated_at.eq(diesel::dsl::now)))
        .returning(Milestone::as_returning())
        .get_result(conn)
}

pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &MilestoneFilter,
    ordering: &str,
    page: PageRequest,
) -> QueryResult<(i64, Vec<Milestone>)> {
    let build = || {
        let mut query = scoped!(milestones::table.into_boxed(), scope, milestones::client_id);
        if let Some(client) = filter.client_id {
            query = query.filter(milestones::client_id.eq(client));
        }
        if let Some(project) = filter.project_id {
            query = query.filter(milestones::project_id.eq(project));
        }
        if let Some(status) = filter.status {
            query = query.filter(milestones::status.eq(status));
        }
        if let Some(before) = filter.due_before {
            query = query.filter(milestones::due_date.lt(before));
        }
        if let Some(search) = &filter.search {
            query = query.filter(milestones::title.ilike(crate::like_pattern(search)));
        }
        query
    };
    let query = match ordering {
        "-due_date" => build().order(milestones::due_date.desc().nulls_last()),
        "created_at" => build().order(milestones::created_at.asc()),
        "-created_at" => build().order(milestones::created_at.desc()),
        "title" => build().order(milestones::title.asc()),
        "-title" => build().order(milestones::title.desc()),
        "status" => build().order(milestones::status.asc()),
        "-status" => build().order(milestones::status.desc()),
        _ => build().order(milestones::due_date.asc().nulls_last()),
    };
    let rows = query
        .then_order_by(milestones::id.asc())
        .limit(page.limit)
        .offset(page.offset)
        .select(Milestone::as_select())
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}
