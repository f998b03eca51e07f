use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::comments::Comment;
use nourx_db::milestones::{Milestone, MilestoneChanges, MilestoneFilter};
use nourx_db::tasks::{Task, TaskChanges, TaskFilter};
use nourx_domain::policy::TaskUpdate;
use nourx_domain::{Message, MilestoneStatus, Priority, TaskStatus, Workflow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::dto_util::{long_text, present, text};
use crate::http::error::{ApiError, FieldErrors};
use crate::http::pagination::choice_of;

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
            status: m.status,
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

impl MilestoneListQuery {
    /// The filters, checked (400 on an unknown status).
    pub fn filter(&self) -> Result<MilestoneFilter, ApiError> {
        Ok(MilestoneFilter {
            client_id: self.client,
            project_id: self.project,
            status: choice_of("status", self.status.as_deref(), MilestoneStatus::ALL, MilestoneStatus::as_str)?,
            due_before: self.due_before,
            search: non_blank(&self.search),
        })
    }
}

fn non_blank(search: &Option<String>) -> Option<String> {
    search.clone().filter(|s| !s.trim().is_empty())
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

/// A milestone to create, validated.
#[derive(Debug)]
pub struct MilestoneDraft {
    pub project_id: Uuid,
    pub title: String,
    pub description: String,
    pub status: MilestoneStatus,
    pub due_date: Option<NaiveDate>,
}

impl CreateMilestoneRequest {
    pub fn validate(self) -> Result<MilestoneDraft, ApiError> {
        let mut errors = FieldErrors::new();
        let title = text(&mut errors, "title", &self.title, 200);
        let description = long_text(&mut errors, "description", &self.description, 10_000);
        errors.into_result()?;
        Ok(MilestoneDraft {
            project_id: self.project_id,
            title,
            description,
            status: self.status.unwrap_or(MilestoneStatus::Planned),
            due_date: self.due_date,
        })
    }
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

impl UpdateMilestoneRequest {
    /// The changes, validated; `completed_at` is decided with the status change.
    pub fn validate(self) -> Result<MilestoneChanges, ApiError> {
        let mut errors = FieldErrors::new();
        let title = self.title.as_deref().map(|t| text(&mut errors, "title", t, 200));
        let description = self.description.as_deref().map(|d| long_text(&mut errors, "description", d, 10_000));
        errors.into_result()?;
        let (status, due_date) = (self.status, self.due_date);
        Ok(MilestoneChanges { title, description, status, due_date, completed_at: None })
    }
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
            status: t.status,
            priority: t.priority,
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
}

/// A task update, validated: field changes, and the card's move (`status`, `position`).
#[derive(Debug)]
pub struct TaskEdit {
    pub changes: TaskChanges,
    pub status: Option<TaskStatus>,
    pub position: Option<i32>,
}

impl TaskEdit {
    /// What the update touches, for the permission check.
    pub fn touches(&self) -> TaskUpdate {
        TaskUpdate { fields: !self.changes.is_empty(), moves_card: self.status.is_some() || self.position.is_some() }
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
        errors.into_result()?;
        let changes = TaskChanges {
            title,
            description,
            priority: self.priority,
            milestone_id: self.milestone_id,
            assigned_to: self.assigned_to,
            due_date: self.due_date,
        };
        Ok(TaskEdit { changes, status: self.status, position: self.position })
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
