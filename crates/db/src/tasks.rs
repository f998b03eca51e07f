//! Tasks, ordered on a kanban board by (project, status) column and position.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_domain::{Priority, TaskStatus};
use uuid::Uuid;

use crate::schema::tasks;
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = tasks, check_for_backend(diesel::pg::Pg))]
pub struct Task {
    pub id: Uuid,
    pub project_id: Uuid,
    pub client_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub status: TaskStatus,
    pub priority: Priority,
    pub position: i32,
    pub assigned_to: Option<Uuid>,
    pub due_date: Option<NaiveDate>,
    pub completed_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct NewTask<'a> {
    pub id: Uuid,
    pub project_id: Uuid,
    pub client_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub title: &'a str,
    pub description: &'a str,
    pub status: TaskStatus,
    pub priority: Priority,
    pub assigned_to: Option<Uuid>,
    pub due_date: Option<NaiveDate>,
    pub created_by: Option<Uuid>,
}

/// Field changes other than the kanban place (status, position), which `move_to` handles.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = tasks)]
pub struct TaskChanges {
    pub title: Option<String>,
    pub description: Option<String>,
    pub priority: Option<Priority>,
    pub milestone_id: Option<Option<Uuid>>,
    pub assigned_to: Option<Option<Uuid>>,
    pub due_date: Option<Option<NaiveDate>>,
}

impl TaskChanges {
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.description.is_none()
            && self.priority.is_none()
            && self.milestone_id.is_none()
            && self.assigned_to.is_none()
            && self.due_date.is_none()
    }
}

#[derive(Debug, Default, Clone)]
pub struct TaskFilter {
    pub client_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    pub milestone_id: Option<Uuid>,
    pub status: Option<TaskStatus>,
    pub priority: Option<Priority>,
    pub assigned_to: Option<Uuid>,
    pub due_before: Option<NaiveDate>,
    pub search: Option<String>,
}

pub const ORDERING_FIELDS: &[&str] = &["created_at", "updated_at", "due_date", "priority", "position", "title"];

fn column_len(
    conn: &mut PgConnection,
    project_id: Uuid,
    status: TaskStatus,
    excluding: Option<Uuid>,
) -> QueryResult<i64> {
    let mut query = tasks::table.filter(tasks::project_id.eq(project_id)).filter(tasks::status.eq(status)).into_boxed();
    if let Some(id) = excluding {
        query = query.filter(tasks::id.ne(id));
    }
    query.count().get_result(conn)
}

/// Inserts a task at the end of its column. Call inside a transaction.
pub fn insert(conn: &mut PgConnection, task: &NewTask<'_>) -> QueryResult<Task> {
    crate::projects::lock(conn, task.project_id)?;
    let position = column_len(conn, task.project_id, task.status, None)?;
    let completed_at = if task.status == TaskStatus::Done { Some(crate::clock::transaction_now(conn)?) } else { None };
    diesel::insert_into(tasks::table)
        .values((
            tasks::id.eq(task.id),
            tasks::project_id.eq(task.project_id),
            tasks::client_id.eq(task.client_id),
            tasks::milestone_id.eq(task.milestone_id),
            tasks::title.eq(task.title),
            tasks::description.eq(task.description),
            tasks::status.eq(task.status),
            tasks::priority.eq(task.priority),
            tasks::position.eq(position as i32),
            tasks::assigned_to.eq(task.assigned_to),
            tasks::due_date.eq(task.due_date),
            tasks::created_by.eq(task.created_by),
            tasks::completed_at.eq(completed_at),
        ))
        .returning(Task::as_returning())
        .get_result(conn)
}

pub fn find(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<Task>> {
    scoped!(tasks::table.find(id).into_boxed(), scope, tasks::client_id)
        .select(Task::as_select())
        .first(conn)
        .optional()
}

pub fn update_fields(conn: &mut PgConnection, id: Uuid, changes: &TaskChanges) -> QueryResult<Task> {
    if changes.is_empty() {
        return tasks::table.find(id).select(Task::as_select()).first(conn);
    }
    diesel::update(tasks::table.find(id))
        .set((changes, tasks::updated_at.eq(diesel::dsl::now)))
        .returning(Task::as_returning())
        .get_result(conn)
}

/// Moves a card to `status` at `position` (clamped to the column; `None` = the end),
/// shifting the other cards so that both columns stay numbered 0..n-1. Moves within a
/// project are serialized on the project row. Call inside a transaction.
pub fn move_to(conn: &mut PgConnection, id: Uuid, status: TaskStatus, position: Option<i32>) -> QueryResult<Task> {
    let project_id: Uuid = tasks::table.find(id).select(tasks::project_id).first(conn)?;
    crate::projects::lock(conn, project_id)?;
    let (old_status, old_position): (TaskStatus, i32) =
        tasks::table.find(id).select((tasks::status, tasks::position)).first(conn)?;
    diesel::update(
        tasks::table
            .filter(tasks::project_id.eq(project_id))
            .filter(tasks::status.eq(old_status))
            .filter(tasks::position.gt(old_position)),
    )
    .set(tasks::position.eq(tasks::position - 1))
    .execute(conn)?;
    let len = column_len(conn, project_id, status, Some(id))? as i32;
    let target = position.map(|p| p.clamp(0, len)).unwrap_or(len);
    diesel::update(
        tasks::table
            .filter(tasks::project_id.eq(project_id))
            .filter(tasks::status.eq(status))
            .filter(tasks::position.ge(target))
            .filter(tasks::id.ne(id)),
    )
    .set(tasks::position.eq(tasks::position + 1))
    .execute(conn)?;
    let completed_at = if status == TaskStatus::Done && old_status != TaskStatus::Done {
        Some(Some(crate::clock::transaction_now(conn)?))
    } else if status != TaskStatus::Done {
        Some(None)
    } else {
        None
    };
    let mut update = diesel::update(tasks::table.find(id))
        .set((tasks::status.eq(status), tasks::position.eq(target), tasks::updated_at.eq(diesel::dsl::now)))
        .returning(Task::as_returning())
        .get_result(conn)?;
    if let Some(completed_at) = completed_at {
        update = diesel::update(tasks::table.find(id))
            .set(tasks::completed_at.eq(completed_at))
            .returning(Task::as_returning())
            .get_result(conn)?;
    }
    Ok(update)
}

pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &TaskFilter,
    ordering: &str,
    page: PageRequest,
    known_count: Option<i64>,
) -> QueryResult<(i64, Vec<Task>)> {
    let build = || {
        let mut query = scoped!(tasks::table.into_boxed(), scope, tasks::client_id);
        if let Some(client) = filter.client_id {
            query = query.filter(tasks::client_id.eq(client));
        }
        if let Some(project) = filter.project_id {
            query = query.filter(tasks::project_id.eq(project));
        }
        if let Some(milestone) = filter.milestone_id {
            query = query.filter(tasks::milestone_id.eq(milestone));
        }
        if let Some(status) = filter.status {
            query = query.filter(tasks::status.eq(status));
        }
        if let Some(priority) = filter.priority {
            query = query.filter(tasks::priority.eq(priority));
        }
        if let Some(assignee) = filter.assigned_to {
            query = query.filter(tasks::assigned_to.eq(assignee));
        }
        if let Some(before) = filter.due_before {
            query = query.filter(tasks::due_date.lt(before));
        }
        if let Some(search) = &filter.search {
            query = query.filter(tasks::title.ilike(crate::like_pattern(search)));
        }
        query
    };
    let priority_rank = diesel::dsl::sql::<diesel::sql_types::Integer>(
        "CASE tasks.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END",
    );
    let query = match ordering {
        "created_at" => build().order(tasks::created_at.asc()),
        "updated_at" => build().order(tasks::updated_at.asc()),
        "-updated_at" => build().order(tasks::updated_at.desc()),
        "due_date" => build().order(tasks::due_date.asc().nulls_last()),
        "-due_date" => build().order(tasks::due_date.desc().nulls_last()),
        "priority" => build().order(priority_rank.asc()),
        "-priority" => build().order(priority_rank.desc()),
        "position" => build().order((tasks::status.asc(), tasks::position.asc())),
        "-position" => build().order((tasks::status.asc(), tasks::position.desc())),
        "title" => build().order(tasks::title.asc()),
        "-title" => build().order(tasks::title.desc()),
        _ => build().order(tasks::created_at.desc()),
    };
    let rows = query
        .then_order_by(tasks::id.asc())
        .limit(page.limit)
        .offset(page.offset)
        .select(Task::as_select())
        .load(conn)?;
    let count = match known_count {
        Some(count) => count,
        None => crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?,
    };
    Ok((count, rows))
}

/// Positions of a column, in order (for tests and consistency checks).
pub fn column_positions(conn: &mut PgConnection, project_id: Uuid, status: TaskStatus) -> QueryResult<Vec<i32>> {
    tasks::table
        .filter(tasks::project_id.eq(project_id))
        .filter(tasks::status.eq(status))
        .order(tasks::position.asc())
        .select(tasks::position)
        .load(conn)
}
