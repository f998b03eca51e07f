use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::projects::{ProgressCounts, Project};
use nourx_domain::{MilestoneStatus, ProjectStatus, TaskStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::dto_util::present;

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
            status: <ProjectStatus as nourx_domain::Workflow>::parse(&project.status).unwrap_or(ProjectStatus::Draft),
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
