//! The writes on a project, each inside the caller's transaction: create, update, and their audit.

use nourx_db::projects::{self, NewProject, Project, ProjectChanges};
use nourx_db::{PgConn, Scope, audit, clients};
use nourx_domain::{Action, Workflow};
use uuid::Uuid;

use super::dto::{ProjectDraft, ProjectDto};
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::not_found_reference;
use crate::http::error::ApiError;

/// The DTOs of `rows` (client names in one query; progress counts are on the rows).
pub fn to_dtos(conn: &mut PgConn, rows: Vec<Project>) -> Result<Vec<ProjectDto>, ApiError> {
    let client_ids: Vec<Uuid> = rows.iter().map(|p| p.client_id).collect();
    let names = projects::client_names(conn, &client_ids)?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let counts = p.progress_counts();
            let name = names.get(&p.client_id).cloned().unwrap_or_default();
            ProjectDto::new(p, name, counts)
        })
        .collect())
}

pub fn to_dto(conn: &mut PgConn, project: Project) -> Result<ProjectDto, ApiError> {
    to_dtos(conn, vec![project])?.pop().ok_or(ApiError::NotFound)
}

/// Creates a project for an existing client (400 on `client_id` otherwise).
pub fn create(conn: &mut PgConn, staff: &Staff, draft: ProjectDraft) -> Result<ProjectDto, ApiError> {
    if clients::find(conn, &Scope::All, draft.client_id)?.is_none() {
        return Err(ApiError::field("client_id", not_found_reference("client_id")));
    }
    staff.require(draft.client_id, Action::CreateProject)?;
    let project = NewProject {
        id: Uuid::now_v7(),
        client_id: draft.client_id,
        name: &draft.name,
        description: &draft.description,
        status: draft.status,
        progress_override: draft.progress_override,
        start_date: draft.start_date,
        due_date: draft.due_date,
        created_by: Some(staff.id()),
    }
    .insert(conn)?;
    let values = audit::snapshot(&project);
    audit::record(
        conn,
        &staff.audit(),
        "create",
        ("project", project.client_id),
        Some(project.id.to_string()),
        values,
    )?;
    to_dto(conn, project)
}

/// Changes a project in the caller's scope (404 otherwise); status changes follow the workflow.
pub fn update(conn: &mut PgConn, caller: &Caller, id: Uuid, changes: ProjectChanges) -> Result<ProjectDto, ApiError> {
    let before = projects::find(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    caller.require(before.client_id, Action::UpdateProject)?;
    if let Some(to) = changes.status.filter(|to| *to != before.status) {
        before.status.transition_to(to).map_err(ApiError::invalid_transition)?;
    }
    let after = projects::update(conn, id, &changes)?;
    let diff = audit::changes(&before, &after);
    let action = if before.status != after.status { "status_change" } else { "update" };
    audit::record(conn, &caller.audit(), action, ("project", after.client_id), Some(id.to_string()), diff)?;
    to_dto(conn, after)
}
