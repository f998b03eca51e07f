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
    /// `false`: internal to NOURX, never shown to the client.
    pub client_visible: bool,
    /// Order in the status column of the staff's global board, across projects (gaps between).
    pub board_rank: i64,
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
    pub client_visible: bool,
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
    pub client_visible: Option<bool>,
}

impl TaskChanges {
    pub fn is_empty(&self) -> bool {
        self.client_visible.is_none()
            && self.title.is_none()
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
    /// Open tasks due from the first date to the second, both included (late: up to yesterday).
    pub open_due_between: Option<(Option<NaiveDate>, NaiveDate)>,
    pub unassigned: bool,
}

pub const ORDERING_FIELDS: &[&str] =
    &["created_at", "updated_at", "due_date", "priority", "position", "title", "board"];

/// Where a card goes in its column of the global board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardAnchor {
    /// Just below this card.
    After(Uuid),
    /// Just above this card.
    Before(Uuid),
    End,
}

/// Client users see only the tasks NOURX shares with them.
fn visible<'a>(query: tasks::BoxedQuery<'a, diesel::pg::Pg>, scope: &Scope) -> tasks::BoxedQuery<'a, diesel::pg::Pg> {
    match scope {
        Scope::All => query,
        Scope::Clients(_) => query.filter(tasks::client_visible.eq(true)),
    }
}

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
    let board_rank = board_rank_at_end(conn, task.status, None)?;
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
            tasks::client_visible.eq(task.client_visible),
            tasks::board_rank.eq(board_rank),
        ))
        .returning(Task::as_returning())
        .get_result(conn)
}

pub fn find(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<Task>> {
    visible(scoped!(tasks::table.find(id).into_boxed(), scope, tasks::client_id), scope)
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
    // A card that changes column from its project's board goes to the end of the global one.
    let board_rank = if status == old_status {
        tasks::table.find(id).select(tasks::board_rank).first(conn)?
    } else {
        board_rank_at_end(conn, status, Some(id))?
    };
    let mut update = diesel::update(tasks::table.find(id))
        .set((
            tasks::status.eq(status),
            tasks::position.eq(target),
            tasks::board_rank.eq(board_rank),
            tasks::updated_at.eq(diesel::dsl::now),
        ))
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
        let mut query = visible(scoped!(tasks::table.into_boxed(), scope, tasks::client_id), scope);
        if let Some(client) = filter.client_id {
            query = query.filter(tasks::client_id.eq(client));
        }
        if let Some((from, to)) = filter.open_due_between {
            query = query.filter(tasks::status.ne(TaskStatus::Done)).filter(tasks::due_date.le(to));
            if let Some(from) = from {
                query = query.filter(tasks::due_date.ge(from));
            }
        }
        if filter.unassigned {
            query = query.filter(tasks::assigned_to.is_null());
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
        "board" => build().order((tasks::status.asc(), tasks::board_rank.asc())),
        "-board" => build().order((tasks::status.asc(), tasks::board_rank.desc())),
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

/// Serializes the moves within one column of the global board (a transaction-scoped lock).
fn lock_board_column(conn: &mut PgConnection, status: TaskStatus) -> QueryResult<()> {
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext('tasks.board_rank'), hashtext($1))")
        .bind::<diesel::sql_types::Text, _>(status.to_string())
        .execute(conn)
        .map(|_| ())
}

/// The rank after the last card of `status`'s column (other than `excluding`).
fn board_rank_at_end(conn: &mut PgConnection, status: TaskStatus, excluding: Option<Uuid>) -> QueryResult<i64> {
    lock_board_column(conn, status)?;
    let last: Option<i64> = tasks::table
        .filter(tasks::status.eq(status))
        .filter(tasks::id.ne(excluding.unwrap_or(Uuid::nil())))
        .select(diesel::dsl::max(tasks::board_rank))
        .first(conn)?;
    Ok(match nourx_domain::delivery::rank_between(last, None) {
        nourx_domain::delivery::RankSlot::At(rank) => rank,
        nourx_domain::delivery::RankSlot::Renumber => {
            renumber_board_column(conn, status)?;
            return board_rank_at_end(conn, status, excluding);
        }
    })
}

/// Spreads a column's ranks out again (`n × BOARD_RANK_GAP` in board order).
fn renumber_board_column(conn: &mut PgConnection, status: TaskStatus) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE tasks SET board_rank = ordered.n * $2 \
         FROM (SELECT id, row_number() OVER (ORDER BY board_rank, id) AS n FROM tasks WHERE status = $1) ordered \
         WHERE tasks.id = ordered.id",
    )
    .bind::<diesel::sql_types::Text, _>(status.to_string())
    .bind::<diesel::sql_types::BigInt, _>(nourx_domain::delivery::BOARD_RANK_GAP)
    .execute(conn)
    .map(|_| ())
}

/// Why a card could not be placed next to its anchor.
#[derive(Debug, PartialEq, Eq)]
pub enum AnchorError {
    /// The anchor card does not exist or is not in the target column.
    NotInColumn,
}

/// The rank for task `id` in `status`'s column at `anchor`, between the anchor and its
/// neighbour (renumbering the column first when they are too close). Call inside a transaction.
pub fn board_rank_at(
    conn: &mut PgConnection,
    id: Uuid,
    status: TaskStatus,
    anchor: BoardAnchor,
) -> QueryResult<Result<i64, AnchorError>> {
    let (anchor_id, after) = match anchor {
        BoardAnchor::End => return board_rank_at_end(conn, status, Some(id)).map(Ok),
        BoardAnchor::After(anchor_id) => (anchor_id, true),
        BoardAnchor::Before(anchor_id) => (anchor_id, false),
    };
    lock_board_column(conn, status)?;
    for _ in 0..2 {
        let Some(anchor_rank) = tasks::table
            .filter(tasks::id.eq(anchor_id).and(tasks::id.ne(id)).and(tasks::status.eq(status)))
            .select(tasks::board_rank)
            .first::<i64>(conn)
            .optional()?
        else {
            return Ok(Err(AnchorError::NotInColumn));
        };
        let column = tasks::table.filter(tasks::status.eq(status)).filter(tasks::id.ne(id));
        let neighbour: Option<i64> = if after {
            column
                .filter(
                    tasks::board_rank
                        .gt(anchor_rank)
                        .or(tasks::board_rank.eq(anchor_rank).and(tasks::id.gt(anchor_id))),
                )
                .order((tasks::board_rank.asc(), tasks::id.asc()))
                .select(tasks::board_rank)
                .first(conn)
                .optional()?
        } else {
            column
                .filter(
                    tasks::board_rank
                        .lt(anchor_rank)
                        .or(tasks::board_rank.eq(anchor_rank).and(tasks::id.lt(anchor_id))),
                )
                .order((tasks::board_rank.desc(), tasks::id.desc()))
                .select(tasks::board_rank)
                .first(conn)
                .optional()?
        };
        let (above, below) = if after { (Some(anchor_rank), neighbour) } else { (neighbour, Some(anchor_rank)) };
        match nourx_domain::delivery::rank_between(above, below) {
            nourx_domain::delivery::RankSlot::At(rank) => return Ok(Ok(rank)),
            nourx_domain::delivery::RankSlot::Renumber => renumber_board_column(conn, status)?,
        }
    }
    // Just renumbered: every neighbour is a full gap away.
    Ok(Err(AnchorError::NotInColumn))
}

/// Sets the card's status and global rank; its project position goes to the end of its new
/// project column when the status changes (the client's order is the project's). Call inside
/// a transaction, after [`board_rank_at`].
pub fn place_on_board(conn: &mut PgConnection, id: Uuid, status: TaskStatus, rank: i64) -> QueryResult<Task> {
    let old_status: TaskStatus = tasks::table.find(id).select(tasks::status).first(conn)?;
    if old_status != status {
        move_to(conn, id, status, None)?;
    }
    diesel::update(tasks::table.find(id))
        .set((tasks::board_rank.eq(rank), tasks::updated_at.eq(diesel::dsl::now)))
        .returning(Task::as_returning())
        .get_result(conn)
}

/// Assigns the tasks `ids` (all of them existing; checked by the caller) to `user`.
pub fn assign(conn: &mut PgConnection, ids: &[Uuid], user: Option<Uuid>) -> QueryResult<Vec<Task>> {
    diesel::update(tasks::table.filter(tasks::id.eq_any(ids)))
        .set((tasks::assigned_to.eq(user), tasks::updated_at.eq(diesel::dsl::now)))
        .returning(Task::as_returning())
        .load(conn)
}

/// The tasks `ids`, locked for a change (those that exist).
pub fn lock_many(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<Task>> {
    tasks::table.filter(tasks::id.eq_any(ids)).order(tasks::id).select(Task::as_select()).for_update().load(conn)
}

/// One person's load on the board.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct Workload {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Uuid>)]
    pub user_id: Option<Uuid>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub open_tasks: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub late_tasks: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub due_this_week: i64,
}

/// Open, late (due before `today`) and due-this-week (`today`..=`week_end`) tasks per assignee;
/// the row without `user_id` counts the unassigned ones.
pub fn workload(conn: &mut PgConnection, today: NaiveDate, week_end: NaiveDate) -> QueryResult<Vec<Workload>> {
    diesel::sql_query(
        "SELECT assigned_to AS user_id, count(*) AS open_tasks, \
                count(*) FILTER (WHERE due_date < $1) AS late_tasks, \
                count(*) FILTER (WHERE due_date BETWEEN $1 AND $2) AS due_this_week \
         FROM tasks WHERE status <> 'done' GROUP BY assigned_to",
    )
    .bind::<diesel::sql_types::Date, _>(today)
    .bind::<diesel::sql_types::Date, _>(week_end)
    .load(conn)
}
