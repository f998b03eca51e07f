//! The writes on a task, each inside the caller's transaction: create, update (fields and the
//! card's move on the board), their reference checks and their audit.

use nourx_db::tasks::{self, BoardAnchor, NewTask, Task};
use nourx_db::{PgConn, Scope, audit, milestones, projects, users};
use nourx_domain::policy::{TaskRight, task_right};
use nourx_domain::{Action, Message, Workflow};
use uuid::Uuid;

use super::dto::{TaskDraft, TaskDto, TaskEdit, TaskNames};
use super::notices::tell_assignee;
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::not_found_reference;
use crate::http::error::{ApiError, FieldErrors};

/// The DTOs of `rows`, with project, client and assignee names (one query each).
pub fn to_dtos(conn: &mut PgConn, rows: Vec<Task>) -> Result<Vec<TaskDto>, ApiError> {
    let project_ids: Vec<Uuid> = rows.iter().map(|t| t.project_id).collect();
    let client_ids: Vec<Uuid> = rows.iter().map(|t| t.client_id).collect();
    let user_ids: Vec<Uuid> = rows.iter().filter_map(|t| t.assigned_to).collect();
    let project_names = projects::names(conn, &project_ids)?;
    let client_names = projects::client_names(conn, &client_ids)?;
    let user_names = users::names(conn, &user_ids)?;
    Ok(rows
        .into_iter()
        .map(|t| {
            let names = TaskNames {
                project: project_names.get(&t.project_id).cloned().unwrap_or_default(),
                client: client_names.get(&t.client_id).cloned().unwrap_or_default(),
                assignee: t.assigned_to.and_then(|id| user_names.get(&id).cloned()),
            };
            TaskDto::new(t, names)
        })
        .collect())
}

pub fn to_dto(conn: &mut PgConn, task: Task) -> Result<TaskDto, ApiError> {
    to_dtos(conn, vec![task])?.pop().ok_or(ApiError::NotFound)
}

/// Creates a task at the end of its column, in an existing project (400 on `project_id` otherwise).
pub fn create(conn: &mut PgConn, staff: &Staff, draft: TaskDraft, web_url: &str) -> Result<TaskDto, ApiError> {
    let project = projects::find(conn, &Scope::All, draft.project_id)?
        .ok_or_else(|| ApiError::field("project_id", not_found_reference("project_id")))?;
    staff.require(project.client_id, Action::CreateTask)?;
    check_references(conn, project.id, project.client_id, draft.milestone_id, draft.assigned_to)?;
    let new = NewTask {
        id: Uuid::now_v7(),
        project_id: project.id,
        client_id: project.client_id,
        milestone_id: draft.milestone_id,
        title: &draft.title,
        description: &draft.description,
        status: draft.status,
        priority: draft.priority,
        assigned_to: draft.assigned_to,
        due_date: draft.due_date,
        created_by: Some(staff.id()),
        client_visible: draft.client_visible,
    };
    let task = tasks::insert(conn, &new)?;
    tell_assignee(conn, staff.id(), &task, web_url)?;
    audit::record(
        conn,
        &staff.audit(),
        "create",
        ("task", task.client_id),
        Some(task.id.to_string()),
        audit::snapshot(&task),
    )?;
    to_dto(conn, task)
}

/// Changes a task in the caller's scope (404 otherwise), as far as the caller's right on it goes
/// (403 beyond). A new status follows the workflow (409 otherwise); a move without a position
/// keeps the card's place in its column, or puts it at the end of a new one.
pub fn update(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    edit: TaskEdit,
    web_url: &str,
) -> Result<TaskDto, ApiError> {
    let before = tasks::find(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    if !right_on(caller, &before).allows(edit.touches()) {
        return Err(ApiError::PermissionDenied);
    }
    let (milestone_id, assigned_to) = (edit.changes.milestone_id.flatten(), edit.changes.assigned_to.flatten());
    check_references(conn, before.project_id, before.client_id, milestone_id, assigned_to)?;
    let (from, to) = (before.status, edit.status.unwrap_or(before.status));
    if from != to {
        from.transition_to(to).map_err(ApiError::invalid_transition)?;
    }
    let mut after = tasks::update_fields(conn, id, &edit.changes)?;
    if let Some(anchor) = edit.board {
        let rank = tasks::board_rank_at(conn, id, to, anchor)?.map_err(|_| not_in_column(anchor))?;
        after = tasks::place_on_board(conn, id, to, rank)?;
    } else if edit.touches().moves_card {
        let position = edit.position.or(Some(before.position).filter(|_| from == to));
        after = tasks::move_to(conn, id, to, position)?;
    }
    if after.assigned_to != before.assigned_to {
        tell_assignee(conn, caller.id(), &after, web_url)?;
    }
    let diff = audit::changes(&before, &after);
    let action = if before.status != after.status { "status_change" } else { "update" };
    audit::record(conn, &caller.audit(), action, ("task", after.client_id), Some(id.to_string()), diff)?;
    to_dto(conn, after)
}

/// 400 on the anchor field: the card it names is not in the target column.
fn not_in_column(anchor: BoardAnchor) -> ApiError {
    let field = match anchor {
        BoardAnchor::Before(_) => "board_before",
        BoardAnchor::After(_) | BoardAnchor::End => "board_after",
    };
    ApiError::field(
        field,
        Message::new("Cette carte n'est pas dans la colonne visée.", "This card is not in the target column."),
    )
}

/// Assigns several tasks at once (NOURX staff): each assignee check as for one task, all or
/// nothing; every task changed is audited and its new assignee told.
pub fn assign(
    conn: &mut PgConn,
    staff: &Staff,
    ids: &[Uuid],
    assigned_to: Option<Uuid>,
    web_url: &str,
) -> Result<Vec<TaskDto>, ApiError> {
    let before = tasks::lock_many(conn, ids)?;
    if before.len() != ids.len() {
        return Err(ApiError::field("task_ids", not_found_reference("task_ids")));
    }
    let mut clients: Vec<(Uuid, Uuid)> = before.iter().map(|t| (t.client_id, t.project_id)).collect();
    // The assignee is checked once per client: who may take a task depends on its client only.
    clients.sort_unstable();
    clients.dedup_by_key(|(client_id, _)| *client_id);
    for (client_id, project_id) in clients {
        staff.require(client_id, Action::UpdateTaskFields)?;
        check_references(conn, project_id, client_id, None, assigned_to)?;
    }
    let after = sorted_like(tasks::assign(conn, ids, assigned_to)?, ids);
    for (old, new) in before.iter().zip(&after) {
        if old.assigned_to != new.assigned_to {
            tell_assignee(conn, staff.id(), new, web_url)?;
            let diff = audit::changes(old, new);
            audit::record(conn, &staff.audit(), "update", ("task", new.client_id), Some(new.id.to_string()), diff)?;
        }
    }
    to_dtos(conn, after)
}

/// `rows` in the order of `ids` (both hold the same tasks).
fn sorted_like(mut rows: Vec<Task>, ids: &[Uuid]) -> Vec<Task> {
    rows.sort_by_key(|t| ids.iter().position(|id| *id == t.id));
    rows
}

/// What the caller may change on `task` (nothing when they are nothing to its client).
fn right_on(caller: &Caller, task: &Task) -> TaskRight {
    let assigned_to_actor = task.assigned_to == Some(caller.id());
    caller.actor(task.client_id).map_or(TaskRight::Nothing, |actor| task_right(actor, assigned_to_actor))
}

/// Checks the references of a task against its project: milestone of the same project,
/// assignee who is staff or a member of the project's client.
fn check_references(
    conn: &mut PgConn,
    project_id: Uuid,
    client_id: Uuid,
    milestone_id: Option<Uuid>,
    assigned_to: Option<Uuid>,
) -> Result<(), ApiError> {
    let mut errors = FieldErrors::new();
    if let Some(milestone_id) = milestone_id {
        let milestone = milestones::find(conn, &Scope::All, milestone_id)?;
        if milestone.is_none_or(|m| m.project_id != project_id) {
            errors.add(
                "milestone_id",
                Message::new("Ce jalon n'appartient pas au projet.", "This milestone is not part of the project."),
            );
        }
    }
    if let Some(user_id) = assigned_to
        && !users::can_be_assigned(conn, user_id, client_id)?
    {
        errors.add(
            "assigned_to",
            Message::new(
                "Cette personne ne peut pas recevoir de tâche de ce projet.",
                "This person cannot be assigned tasks of this project.",
            ),
        );
    }
    errors.into_result()
}
