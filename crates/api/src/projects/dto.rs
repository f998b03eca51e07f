use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::projects::{ProgressCounts, Project, ProjectChanges, ProjectFilter};
use nourx_domain::{Message, MilestoneStatus, ProjectStatus, TaskStatus, Workflow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::dto_util::{long_text, present, text};
use crate::http::error::{ApiError, FieldErrors};
use crate::http::pagination::choice_of;

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectDto {
    pub id: Uuid,
    pub client_id: Uuid,
    #[schema(example = "Akwaba Digital")]
    pub client_name: String,
    #[schema(example = "Refonte du site vitrine")]
    pub name: String,
    pub description: String,
    pub status: ProjectStatus,
    /// 0–100: `progress_override` when an admin set one, else computed from tasks (or milestones).
    pub progress: i16,
    pub progress_override: Option<i16>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub task_count: i64,
    pub tasks_done: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ProjectDto {
    pub fn new(project: Project, client_name: String, counts: ProgressCounts) -> ProjectDto {
        let tasks: Vec<TaskStatus> = (0..counts.tasks)
            .map(|i| if i < counts.tasks_done { TaskStatus::Done } else { TaskStatus::Todo })
            .collect();
        let milestones: Vec<MilestoneStatus> = (0..counts.milestones)
            .map(|i| if i < counts.milestones_done { MilestoneStatus::Done } else { MilestoneStatus::Planned })
            .collect();
        ProjectDto {
            progress: nourx_domain::project_progress(project.progress_override, &milestones, &tasks),
            id: project.id,
            client_id: project.client_id,
            client_name,
            name: project.name,
            description: project.description,
            status: project.status,
            progress_override: project.progress_override,
            start_date: project.start_date,
            due_date: project.due_date,
            task_count: counts.tasks,
            tasks_done: counts.tasks_done,
            created_at: project.created_at,
            updated_at: project.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectListQuery {
    pub client: Option<Uuid>,
    /// draft, active, on_hold, completed or cancelled.
    pub status: Option<String>,
    /// Part of the name.
    pub search: Option<String>,
    /// created_at, updated_at, name, due_date or status; `-` for descending. Default: -created_at.
    pub ordering: Option<String>,
}

impl ProjectListQuery {
    /// The filters, checked (400 on an unknown status).
    pub fn filter(&self) -> Result<ProjectFilter, ApiError> {
        Ok(ProjectFilter {
            client_id: self.client,
            status: choice_of("status", self.status.as_deref(), ProjectStatus::ALL, ProjectStatus::as_str)?,
            search: self.search.clone().filter(|s| !s.trim().is_empty()),
        })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateProjectRequest {
    pub client_id: Uuid,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Default: draft.
    pub status: Option<ProjectStatus>,
    pub progress_override: Option<i64>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
}

/// A project to create, validated.
#[derive(Debug)]
pub struct ProjectDraft {
    pub client_id: Uuid,
    pub name: String,
    pub description: String,
    pub status: ProjectStatus,
    pub progress_override: Option<i16>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
}

impl CreateProjectRequest {
    pub fn validate(self) -> Result<ProjectDraft, ApiError> {
        let mut errors = FieldErrors::new();
        let name = text(&mut errors, "name", &self.name, 200);
        let description = long_text(&mut errors, "description", &self.description, 10_000);
        let progress_override = progress(&mut errors, self.progress_override);
        if let (Some(start), Some(due)) = (self.start_date, self.due_date)
            && due < start
        {
            errors.add(
                "due_date",
                Message::new(
                    "L'échéance doit suivre la date de début.",
                    "The due date must come after the start date.",
                ),
            );
        }
        errors.into_result()?;
        Ok(ProjectDraft {
            client_id: self.client_id,
            name,
            description,
            status: self.status.unwrap_or(ProjectStatus::Draft),
            progress_override,
            start_date: self.start_date,
            due_date: self.due_date,
        })
    }
}

/// Absent fields are kept; `null` clears the optional ones.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProjectRequest {
    pub name: Option<String>,
    pub description: Option<String>,
    /// Must be an allowed transition (409 `invalid_transition` otherwise).
    pub status: Option<ProjectStatus>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub progress_override: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub start_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub due_date: Option<Option<NaiveDate>>,
}

impl UpdateProjectRequest {
    pub fn validate(self) -> Result<ProjectChanges, ApiError> {
        let mut errors = FieldErrors::new();
        let name = self.name.as_deref().map(|n| text(&mut errors, "name", n, 200));
        let description = self.description.as_deref().map(|d| long_text(&mut errors, "description", d, 10_000));
        let progress_override = self.progress_override.map(|value| progress(&mut errors, value));
        errors.into_result()?;
        Ok(ProjectChanges {
            name,
            description,
            status: self.status,
            progress_override,
            start_date: self.start_date,
            due_date: self.due_date,
        })
    }
}

/// A manual progress, checked (0 to 100).
fn progress(errors: &mut FieldErrors, value: Option<i64>) -> Option<i16> {
    value.and_then(|v| match nourx_domain::validate_manual_progress(v) {
        Ok(v) => Some(v),
        Err(message) => {
            errors.add("progress_override", message);
            None
        }
    })
}
