use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::projects::{Project, ProjectChanges, ProjectFilter, Standing};
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
    /// The NOURX project manager.
    pub manager_id: Option<Uuid>,
    pub manager_name: Option<String>,
    /// Active or on hold past its due date, or with a milestone past its own.
    pub late: bool,
    /// Agreed budget before tax, in whole francs (NOURX staff only; `null` for clients).
    pub budget: Option<i64>,
    /// Total before tax of the project's sent, partly paid and paid invoices (staff only).
    pub invoiced: Option<i64>,
    /// `invoiced` as a share of `budget`, in percent, rounded (staff only; `null` without budget).
    pub budget_used_percent: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a project's DTO shows beside the row.
pub struct ProjectExtras {
    pub client_name: String,
    pub manager_name: Option<String>,
    pub standing: Standing,
    /// Whether the budget figures are shown (NOURX staff).
    pub staff: bool,
}

impl ProjectDto {
    pub fn new(project: Project, extras: ProjectExtras) -> ProjectDto {
        let counts = project.progress_counts();
        let ProjectExtras { client_name, manager_name, standing, staff } = extras;
        let budget = project.budget.filter(|_| staff);
        let budget_used_percent = budget
            .filter(|b| *b > 0)
            .map(|b| ((i128::from(standing.invoiced) * 100 + i128::from(b) / 2) / i128::from(b)) as i64);
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
            manager_id: project.manager_id,
            manager_name,
            late: standing.late,
            budget,
            invoiced: staff.then_some(standing.invoiced),
            budget_used_percent,
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
    /// The NOURX project manager's user id.
    pub manager: Option<Uuid>,
    /// `true`: only late projects (past their due date, or with a milestone past its own).
    pub late: Option<bool>,
    /// Only projects that invoiced at least this share of their budget, in percent (0–1000).
    pub budget_used_min: Option<i32>,
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
            manager_id: self.manager,
            late_on: self.late.unwrap_or(false).then(crate::billing::today),
            budget_used_min: match self.budget_used_min {
                Some(percent) if !(0..=1000).contains(&percent) => {
                    return Err(ApiError::field(
                        "budget_used_min",
                        Message::new("Un pourcentage entre 0 et 1000.", "A percentage between 0 and 1000."),
                    ));
                }
                other => other,
            },
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
    /// A NOURX staff member's user id.
    pub manager_id: Option<Uuid>,
    /// Before tax, in whole francs, zero or more.
    pub budget: Option<i64>,
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
    pub manager_id: Option<Uuid>,
    pub budget: Option<i64>,
}

impl CreateProjectRequest {
    pub fn validate(self) -> Result<ProjectDraft, ApiError> {
        let mut errors = FieldErrors::new();
        let name = text(&mut errors, "name", &self.name, 200);
        let description = long_text(&mut errors, "description", &self.description, 10_000);
        let progress_override = progress(&mut errors, self.progress_override);
        budget(&mut errors, self.budget);
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
            manager_id: self.manager_id,
            budget: self.budget,
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
    /// A NOURX staff member's user id; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub manager_id: Option<Option<Uuid>>,
    /// Before tax, in whole francs; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub budget: Option<Option<i64>>,
}

impl UpdateProjectRequest {
    pub fn validate(self) -> Result<ProjectChanges, ApiError> {
        let mut errors = FieldErrors::new();
        let name = self.name.as_deref().map(|n| text(&mut errors, "name", n, 200));
        let description = self.description.as_deref().map(|d| long_text(&mut errors, "description", d, 10_000));
        let progress_override = self.progress_override.map(|value| progress(&mut errors, value));
        budget(&mut errors, self.budget.flatten());
        errors.into_result()?;
        Ok(ProjectChanges {
            name,
            description,
            status: self.status,
            progress_override,
            start_date: self.start_date,
            due_date: self.due_date,
            manager_id: self.manager_id,
            budget: self.budget,
        })
    }
}

/// A budget, checked (zero or more, at most the largest amount).
fn budget(errors: &mut FieldErrors, value: Option<i64>) {
    if value.is_some_and(|b| !(0..=nourx_domain::billing::MAX_AMOUNT).contains(&b)) {
        errors.add(
            "budget",
            Message::new("Le budget est un montant positif ou nul.", "The budget is zero or a positive amount."),
        );
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
