use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::comments::Comment;
use nourx_db::tasks::{BoardAnchor, Task, TaskChanges, TaskFilter};
use nourx_domain::delivery::DueWindow;
use nourx_domain::policy::TaskUpdate;
use nourx_domain::{Message, Priority, TaskStatus, Workflow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::dto_util::{long_text, present, text};
use crate::http::error::{ApiError, FieldErrors};
use crate::http::pagination::{choice, choice_of};

#[derive(Debug, Serialize, ToSchema)]
pub struct TaskDto {
    pub id: Uuid,
    pub project_id: Uuid,
    pub project_name: String,
    pub client_id: Uuid,
    pub client_name: String,
    pub milestone_id: Option<Uuid>,
    #[schema(example = "Valider la page d'accueil")]
    pub title: String,
    pub description: String,
    pub status: TaskStatus,
    pub priority: Priority,
    /// Order within the (project, status) kanban column, from 0.
    pub position: i32,
    pub assigned_to: Option<Uuid>,
    pub assignee_name: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub completed_at: Option<DateTime<Utc>>,
    /// `false`: internal to NOURX (client users never see it).
    pub client_visible: bool,
    /// Order in the status column of the staff's global board, across projects (`ordering=board`).
    pub board_rank: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The names a task's DTO shows beside the row.
pub struct TaskNames {
    pub project: String,
    pub client: String,
    pub assignee: Option<String>,
}

impl TaskDto {
    pub fn new(t: Task, names: TaskNames) -> TaskDto {
        let TaskNames { project: project_name, client: client_name, assignee: assignee_name } = names;
        TaskDto {
            id: t.id,
            project_id: t.project_id,
            project_name,
            client_id: t.client_id,
            client_name,
            milestone_id: t.milestone_id,
            title: t.title,
            description: t.description,
            status: t.status,
            priority: t.priority,
            position: t.position,
            assigned_to: t.assigned_to,
            assignee_name,
            due_date: t.due_date,
            completed_at: t.completed_at,
            client_visible: t.client_visible,
            board_rank: t.board_rank,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

fn non_blank(search: &Option<String>) -> Option<String> {
    search.clone().filter(|s| !s.trim().is_empty())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskListQuery {
    pub client: Option<Uuid>,
    pub project: Option<Uuid>,
    pub milestone: Option<Uuid>,
    /// todo, in_progress, review, done or blocked.
    pub status: Option<String>,
    /// low, normal, high or urgent.
    pub priority: Option<String>,
    pub assigned_to: Option<Uuid>,
    /// Due strictly before this date (YYYY-MM-DD).
    pub due_before: Option<NaiveDate>,
    /// Part of the title.
    pub search: Option<String>,
    /// `late` (open, due before today) or `this_week` (open, due from today to Sunday).
    pub due: Option<String>,
    /// `true`: only tasks assigned to nobody.
    pub unassigned: Option<bool>,
    /// created_at, updated_at, due_date, priority, position, title or board (the global board's
    /// order); `-` for descending. Default: -created_at.
    pub ordering: Option<String>,
}

impl TaskListQuery {
    /// The filters, checked (400 on an unknown status or priority).
    pub fn filter(&self) -> Result<TaskFilter, ApiError> {
        Ok(TaskFilter {
            client_id: self.client,
            project_id: self.project,
            milestone_id: self.milestone,
            status: choice_of("status", self.status.as_deref(), TaskStatus::ALL, TaskStatus::as_str)?,
            priority: choice_of("priority", self.priority.as_deref(), Priority::ALL, Priority::as_str)?,
            assigned_to: self.assigned_to,
            due_before: self.due_before,
            search: non_blank(&self.search),
            open_due_between: choice("due", self.due.as_deref(), DueWindow::NAMES)?
                .and_then(DueWindow::parse)
                .map(|window| window.dates(crate::billing::today())),
            unassigned: self.unassigned.unwrap_or(false),
        })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTaskRequest {
    pub project_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Default: todo. The task goes at the end of its column.
    pub status: Option<TaskStatus>,
    pub priority: Option<Priority>,
    pub assigned_to: Option<Uuid>,
    pub due_date: Option<NaiveDate>,
    /// Default: true. `false` keeps it internal to NOURX.
    pub client_visible: Option<bool>,
}

/// A task to create, validated.
#[derive(Debug)]
pub struct TaskDraft {
    pub project_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub status: TaskStatus,
    pub priority: Priority,
    pub assigned_to: Option<Uuid>,
    pub due_date: Option<NaiveDate>,
    pub client_visible: bool,
}

impl CreateTaskRequest {
    pub fn validate(self) -> Result<TaskDraft, ApiError> {
        let mut errors = FieldErrors::new();
        let title = text(&mut errors, "title", &self.title, 200);
        let description = long_text(&mut errors, "description", &self.description, 10_000);
        errors.into_result()?;
        Ok(TaskDraft {
            project_id: self.project_id,
            milestone_id: self.milestone_id,
            title,
            description,
            status: self.status.unwrap_or(TaskStatus::Todo),
            priority: self.priority.unwrap_or(Priority::Normal),
            assigned_to: self.assigned_to,
            due_date: self.due_date,
            client_visible: self.client_visible.unwrap_or(true),
        })
    }
}

/// Client members may send only `status` (and `position`), on tasks assigned to them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTaskRequest {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Moves the card to this column (workflow-checked; 409 `invalid_transition` otherwise).
    pub status: Option<TaskStatus>,
    /// Place in the (new) column, from 0; beyond the end means last. With `status`, one move.
    pub position: Option<i32>,
    pub priority: Option<Priority>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub milestone_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub assigned_to: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub due_date: Option<Option<NaiveDate>>,
    /// `false` hides it from the client (NOURX staff).
    pub client_visible: Option<bool>,
    /// Global board (NOURX staff): the card just above it in its (new) column.
    pub board_after: Option<Uuid>,
    /// Global board (NOURX staff): the card just below it, for a drop at the top.
    pub board_before: Option<Uuid>,
}

/// A task update, validated: field changes, and the card's move (`status`, `position`, or a
/// place on the global board).
#[derive(Debug)]
pub struct TaskEdit {
    pub changes: TaskChanges,
    pub status: Option<TaskStatus>,
    pub position: Option<i32>,
    pub board: Option<BoardAnchor>,
}

impl TaskEdit {
    /// What the update touches, for the permission check: the global board is NOURX's, so a
    /// place on it counts as a field.
    pub fn touches(&self) -> TaskUpdate {
        TaskUpdate {
            fields: !self.changes.is_empty() || self.board.is_some(),
            moves_card: self.status.is_some() || self.position.is_some(),
        }
    }
}

impl UpdateTaskRequest {
    pub fn validate(self) -> Result<TaskEdit, ApiError> {
        let mut errors = FieldErrors::new();
        let title = self.title.as_deref().map(|t| text(&mut errors, "title", t, 200));
        let description = self.description.as_deref().map(|d| long_text(&mut errors, "description", d, 10_000));
        if self.position.is_some_and(|p| p < 0) {
            errors.add("position", Message::new("La position commence à 0.", "Positions start at 0."));
        }
        let board = match (self.board_after, self.board_before) {
            (Some(_), Some(_)) => {
                errors.add(
                    "board_before",
                    Message::new(
                        "Donnez la carte au-dessus ou celle en dessous, pas les deux.",
                        "Give the card above or the one below, not both.",
                    ),
                );
                None
            }
            (Some(after), None) => Some(BoardAnchor::After(after)),
            (None, Some(before)) => Some(BoardAnchor::Before(before)),
            (None, None) => None,
        };
        if board.is_some() && self.position.is_some() {
            errors.add(
                "position",
                Message::new(
                    "Une place sur le tableau global ou dans le projet, pas les deux.",
                    "A place on the global board or in the project, not both.",
                ),
            );
        }
        errors.into_result()?;
        let changes = TaskChanges {
            title,
            description,
            priority: self.priority,
            milestone_id: self.milestone_id,
            assigned_to: self.assigned_to,
            due_date: self.due_date,
            client_visible: self.client_visible,
        };
        Ok(TaskEdit { changes, status: self.status, position: self.position, board })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentDto {
    pub id: Uuid,
    pub task_id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    pub body: String,
    /// Visible to NOURX staff only (never sent to client users).
    pub internal: bool,
    pub created_at: DateTime<Utc>,
}

impl CommentDto {
    pub fn new(c: Comment, author_name: String) -> CommentDto {
        CommentDto {
            id: c.id,
            task_id: c.task_id,
            author_id: c.author_id,
            author_name,
            body: c.body,
            internal: c.internal,
            created_at: c.created_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCommentRequest {
    pub body: String,
    /// NOURX staff only.
    #[serde(default)]
    pub internal: bool,
}

/// A comment to write, validated.
#[derive(Debug)]
pub struct CommentDraft {
    pub body: String,
    pub internal: bool,
}

impl CreateCommentRequest {
    pub fn validate(self) -> Result<CommentDraft, ApiError> {
        let mut errors = FieldErrors::new();
        let body = text(&mut errors, "body", &self.body, 10_000);
        errors.into_result()?;
        Ok(CommentDraft { body, internal: self.internal })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignTasksRequest {
    /// 1 to 100 tasks.
    pub task_ids: Vec<Uuid>,
    /// A NOURX staff member, or a member of each task's client; `null` unassigns.
    pub assigned_to: Option<Uuid>,
}

impl AssignTasksRequest {
    /// The distinct task ids and the assignee, checked.
    pub fn validate(self) -> Result<(Vec<Uuid>, Option<Uuid>), ApiError> {
        let mut ids = self.task_ids;
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() || ids.len() > 100 {
            return Err(ApiError::field(
                "task_ids",
                Message::new("Choisissez de 1 à 100 tâches.", "Choose from 1 to 100 tasks."),
            ));
        }
        Ok((ids, self.assigned_to))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TaskBatchDto {
    pub results: Vec<TaskDto>,
}

/// One person's open work on the board.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkloadRowDto {
    pub user_id: Uuid,
    pub name: String,
    pub open_tasks: i64,
    /// Open and due before today.
    pub late_tasks: i64,
    /// Open and due from today to Sunday.
    pub due_this_week: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkloadDto {
    /// Every active staff member (busiest first), then anyone else with open tasks.
    pub results: Vec<WorkloadRowDto>,
    /// Open tasks assigned to nobody.
    pub unassigned_open: i64,
}
