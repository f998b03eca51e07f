use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::comments::Comment;
use nourx_db::milestones::Milestone;
use nourx_db::tasks::Task;
use nourx_domain::{MilestoneStatus, Priority, TaskStatus, Workflow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::dto_util::present;

#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneDto {
    pub id: Uuid,
    pub project_id: Uuid,
    pub client_id: Uuid,
    #[schema(example = "Maquettes validées")]
    pub title: String,
    pub description: String,
    pub status: MilestoneStatus,
    pub due_date: Option<NaiveDate>,
    pub completed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Milestone> for MilestoneDto {
    fn from(m: Milestone) -> Self {
        MilestoneDto {
            id: m.id,
            project_id: m.project_id,
            client_id: m.client_id,
            title: m.title,
            description: m.description,
            status: MilestoneStatus::parse(&m.status).unwrap_or(MilestoneStatus::Planned),
            due_date: m.due_date,
            completed_at: m.completed_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MilestoneListQuery {
    pub client: Option<Uuid>,
    pub project: Option<Uuid>,
    /// planned, in_progress, done or late.
    pub status: Option<String>,
    /// Due strictly before this date (YYYY-MM-DD).
    pub due_before: Option<NaiveDate>,
    pub search: Option<String>,
    /// due_date, created_at, title or status; `-` for descending. Default: due_date.
    pub ordering: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMilestoneRequest {
    pub project_id: Uuid,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub status: Option<MilestoneStatus>,
    pub due_date: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMilestoneRequest {
    pub title: Option<String>,
    pub description: Option<String>,
    pub status: Option<MilestoneStatus>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub due_date: Option<Option<NaiveDate>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TaskDto {
    pub id: Uuid,
    pub project_id: Uuid,
    pub project_name: String,
    pub client_id: Uuid,
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
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TaskDto {
    pub fn new(t: Task, project_name: String, assignee_name: Option<String>) -> TaskDto {
        TaskDto {
            id: t.id,
            project_id: t.project_id,
            project_name,
            client_id: t.client_id,
            milestone_id: t.milestone_id,
            title: t.title,
            description: t.description,
            status: TaskStatus::parse(&t.status).unwrap_or(TaskStatus::Todo),
            priority: Priority::parse(&t.priority).unwrap_or_default(),
            position: t.position,
            assigned_to: t.assigned_to,
            assignee_name,
            due_date: t.due_date,
            completed_at: t.completed_at,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
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
    /// created_at, updated_at, due_date, priority, position or title; `-` for descending. Default: -created_at.
    pub ordering: Option<String>,
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
