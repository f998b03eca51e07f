//! Projects of a client.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_domain::ProjectStatus;
use uuid::Uuid;

use crate::schema::{clients, projects};
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = projects, check_for_backend(diesel::pg::Pg))]
pub struct Project {
    pub id: Uuid,
    pub client_id: Uuid,
    pub name: String,
    pub description: String,
    pub status: ProjectStatus,
    pub progress_override: Option<i16>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Kept by triggers on tasks and milestones (migration 4).
    pub task_count: i32,
    pub tasks_done: i32,
    pub milestone_count: i32,
    pub milestones_done: i32,
    /// The NOURX staff member who runs the project.
    pub manager_id: Option<Uuid>,
    /// Agreed budget before tax, in whole francs.
    pub budget: Option<i64>,
}

impl Project {
    pub fn progress_counts(&self) -> ProgressCounts {
        ProgressCounts {
            tasks: self.task_count.into(),
            tasks_done: self.tasks_done.into(),
            milestones: self.milestone_count.into(),
            milestones_done: self.milestones_done.into(),
        }
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = projects)]
pub struct NewProject<'a> {
    pub id: Uuid,
    pub client_id: Uuid,
    pub name: &'a str,
    pub description: &'a str,
    pub status: ProjectStatus,
    pub progress_override: Option<i16>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub created_by: Option<Uuid>,
    pub manager_id: Option<Uuid>,
    pub budget: Option<i64>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = projects)]
pub struct ProjectChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub status: Option<ProjectStatus>,
    pub progress_override: Option<Option<i16>>,
    pub start_date: Option<Option<NaiveDate>>,
    pub due_date: Option<Option<NaiveDate>>,
    pub manager_id: Option<Option<Uuid>>,
    pub budget: Option<Option<i64>>,
}

#[derive(Debug, Default, Clone)]
pub struct ProjectFilter {
    pub client_id: Option<Uuid>,
    pub status: Option<ProjectStatus>,
    pub search: Option<String>,
    pub manager_id: Option<Uuid>,
    /// Only late projects (see [`LATE`]), as of this day.
    pub late_on: Option<NaiveDate>,
    /// Only projects whose invoiced total (HT) reached this share of their budget, in percent.
    pub budget_used_min: Option<i32>,
}

/// A late project: active or on hold past its due date, or with a milestone past its own
/// (the dashboard's "late milestones" rule). `$today` is bound as a date.
const LATE: &str = "((projects.status IN ('active', 'on_hold') AND projects.due_date < {today}) \
     OR EXISTS (SELECT 1 FROM milestones m WHERE m.project_id = projects.id \
                AND m.status <> 'done' AND m.due_date < {today}))";

/// What counts as invoiced on a project: sent, partly paid or paid invoices, before tax.
const INVOICED: &str = "(SELECT coalesce(sum(i.total_ht), 0)::bigint FROM invoices i \
     WHERE i.project_id = projects.id AND i.status IN ('sent', 'partially_paid', 'paid'))";

/// Sortable fields, `-` prefix for descending.
pub const ORDERING_FIELDS: &[&str] = &["created_at", "updated_at", "name", "due_date", "status"];

/// Task and milestone counts from which progress is computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgressCounts {
    pub tasks: i64,
    pub tasks_done: i64,
    pub milestones: i64,
    pub milestones_done: i64,
}

impl NewProject<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Project> {
        diesel::insert_into(projects::table).values(self).returning(Project::as_returning()).get_result(conn)
    }
}

pub fn find(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<Project>> {
    scoped!(projects::table.find(id).into_boxed(), scope, projects::client_id)
        .select(Project::as_select())
        .first(conn)
        .optional()
}

/// Locks the project row: moves of kanban cards within a project are serialized on it.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    projects::table.find(id).select(projects::id).for_update().first::<Uuid>(conn).map(|_| ())
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &ProjectChanges) -> QueryResult<Project> {
    diesel::update(projects::table.find(id))
        .set((changes, projects::updated_at.eq(diesel::dsl::now)))
        .returning(Project::as_returning())
        .get_result(conn)
}

pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &ProjectFilter,
    ordering: &str,
    page: PageRequest,
) -> QueryResult<(i64, Vec<Project>)> {
    let build = || {
        let mut query = scoped!(projects::table.into_boxed(), scope, projects::client_id);
        if let Some(client) = filter.client_id {
            query = query.filter(projects::client_id.eq(client));
        }
        if let Some(status) = filter.status {
            query = query.filter(projects::status.eq(status));
        }
        if let Some(search) = &filter.search {
            query = query.filter(projects::name.ilike(crate::like_pattern(search)));
        }
        if let Some(manager) = filter.manager_id {
            query = query.filter(projects::manager_id.eq(manager));
        }
        if let Some(today) = filter.late_on {
            query = query
                .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&LATE.replace("{today}", &date_literal(today))));
        }
        if let Some(percent) = filter.budget_used_min {
            query = query.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
                "projects.budget > 0 AND {INVOICED} * 100 >= projects.budget * {percent}"
            )));
        }
        query
    };
    let mut query = build();
    query = match ordering {
        "created_at" => query.order(projects::created_at.asc()),
        "updated_at" => query.order(projects::updated_at.asc()),
        "-updated_at" => query.order(projects::updated_at.desc()),
        "name" => query.order(projects::name.asc()),
        "-name" => query.order(projects::name.desc()),
        "due_date" => query.order(projects::due_date.asc().nulls_last()),
        "-due_date" => query.order(projects::due_date.desc().nulls_last()),
        "status" => query.order(projects::status.asc()),
        "-status" => query.order(projects::status.desc()),
        _ => query.order(projects::created_at.desc()),
    };
    let rows = query
        .then_order_by(projects::id.asc())
        .limit(page.limit)
        .offset(page.offset)
        .select(Project::as_select())
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}

/// Client names by id, for list views.
pub fn client_names(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<HashMap<Uuid, String>> {
    let rows: Vec<(Uuid, String)> =
        clients::table.filter(clients::id.eq_any(ids)).select((clients::id, clients::name)).load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Project names by id, for list views.
pub fn names(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<HashMap<Uuid, String>> {
    let rows: Vec<(Uuid, String)> =
        projects::table.filter(projects::id.eq_any(ids)).select((projects::id, projects::name)).load(conn)?;
    Ok(rows.into_iter().collect())
}

/// A date as a SQL literal: a `NaiveDate` prints only digits and dashes, so nothing to escape.
fn date_literal(day: NaiveDate) -> String {
    format!("DATE '{}'", day.format("%Y-%m-%d"))
}

/// What the project pages show beside each project: its invoiced total (HT) and whether it is late.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    pub invoiced: i64,
    pub late: bool,
}

/// The [`Standing`] of each project in `ids` on `today`, in one query.
pub fn standings(conn: &mut PgConnection, ids: &[Uuid], today: NaiveDate) -> QueryResult<HashMap<Uuid, Standing>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT projects.id, {INVOICED} AS invoiced, coalesce({late}, false) AS late FROM projects \
         WHERE projects.id = ANY($1)",
        late = LATE.replace("{today}", &date_literal(today))
    );
    let rows: Vec<StandingRow> =
        diesel::sql_query(sql).bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(ids).load(conn)?;
    Ok(rows.into_iter().map(|r| (r.id, Standing { invoiced: r.invoiced, late: r.late })).collect())
}

#[derive(QueryableByName)]
struct StandingRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    invoiced: i64,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    late: bool,
}
