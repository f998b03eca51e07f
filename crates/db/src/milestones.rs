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
    pub position: i32,
    /// Billed on approval, before tax; or `quote_percent` of the accepted quote (never both).
    pub amount: Option<i64>,
    pub quote_percent: Option<i16>,
    /// When staff last submitted it for the client's approval.
    pub submitted_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<Uuid>,
    /// The client's last request for changes.
    pub change_request: Option<String>,
    pub changes_requested_at: Option<DateTime<Utc>>,
    pub changes_requested_by: Option<Uuid>,
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
    pub position: i32,
    pub amount: Option<i64>,
    pub quote_percent: Option<i16>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = milestones)]
pub struct MilestoneChanges {
    pub title: Option<String>,
    pub description: Option<String>,
    pub status: Option<MilestoneStatus>,
    pub due_date: Option<Option<NaiveDate>>,
    pub completed_at: Option<Option<DateTime<Utc>>>,
    pub position: Option<i32>,
    pub amount: Option<Option<i64>>,
    pub quote_percent: Option<Option<i16>>,
    pub submitted_at: Option<Option<DateTime<Utc>>>,
    pub approved_at: Option<Option<DateTime<Utc>>>,
    pub approved_by: Option<Option<Uuid>>,
    pub change_request: Option<Option<String>>,
    pub changes_requested_at: Option<Option<DateTime<Utc>>>,
    pub changes_requested_by: Option<Option<Uuid>>,
}

#[derive(Debug, Default, Clone)]
pub struct MilestoneFilter {
    pub client_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    pub status: Option<MilestoneStatus>,
    pub due_before: Option<NaiveDate>,
    pub search: Option<String>,
}

pub const ORDERING_FIELDS: &[&str] = &["position", "due_date", "created_at", "title", "status"];

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

/// The milestone, locked until the end of the transaction: approvals of one milestone run one
/// after the other, so the second sees the first's result.
pub fn lock(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<Milestone>> {
    if find(conn, scope, id)?.is_none() {
        return Ok(None);
    }
    milestones::table.find(id).select(Milestone::as_select()).for_update().first(conn).optional()
}

/// The position after the project's last milestone.
pub fn next_position(conn: &mut PgConnection, project_id: Uuid) -> QueryResult<i32> {
    let last: Option<i32> = milestones::table
        .filter(milestones::project_id.eq(project_id))
        .select(diesel::dsl::max(milestones::position))
        .first(conn)?;
    Ok(last.map_or(0, |p| p + 1))
}

/// The invoice each milestone's approval created: milestone id → (invoice id, number).
pub fn invoices_of(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> QueryResult<std::collections::HashMap<Uuid, (Uuid, Option<String>)>> {
    use crate::schema::invoices;
    let rows: Vec<(Option<Uuid>, Uuid, Option<String>)> = invoices::table
        .filter(invoices::milestone_id.eq_any(ids))
        .select((invoices::milestone_id, invoices::id, invoices::number))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(m, id, number)| m.map(|m| (m, (id, number)))).collect())
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
        "due_date" => build().order(milestones::due_date.asc().nulls_last()),
        "-position" => build().order((milestones::position.desc(), milestones::due_date.desc().nulls_last())),
        _ => build().order((milestones::position.asc(), milestones::due_date.asc().nulls_last())),
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
