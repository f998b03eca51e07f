//! The writes on a project, each inside the caller's transaction: create, update, and their audit.

use nourx_db::projects::{self, NewProject, Project, ProjectChanges};
use nourx_db::{PgConn, Scope, audit, clients, users};
use nourx_domain::{Action, Message, Workflow};
use uuid::Uuid;

use super::dto::{ProjectDraft, ProjectDto, ProjectExtras};
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::not_found_reference;
use crate::http::error::ApiError;

/// The DTOs of `rows`: client and manager names and each project's standing in three queries;
/// budget figures only for NOURX staff.
pub fn to_dtos(conn: &mut PgConn, rows: Vec<Project>, staff: bool) -> Result<Vec<ProjectDto>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
    let client_ids: Vec<Uuid> = rows.iter().map(|p| p.client_id).collect();
    let manager_ids: Vec<Uuid> = rows.iter().filter_map(|p| p.manager_id).collect();
    let names = projects::client_names(conn, &client_ids)?;
    let managers = users::names(conn, &manager_ids)?;
    let standings = projects::standings(conn, &ids, crate::billing::today())?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let extras = ProjectExtras {
                client_name: names.get(&p.client_id).cloned().unwrap_or_default(),
                manager_name: p.manager_id.and_then(|id| managers.get(&id).cloned()),
                standing: standings.get(&p.id).copied().unwrap_or_default(),
                staff,
            };
            ProjectDto::new(p, extras)
        })
        .collect())
}

pub fn to_dto(conn: &mut PgConn, project: Project, staff: bool) -> Result<ProjectDto, ApiError> {
    to_dtos(conn, vec![project], staff)?.pop().ok_or(ApiError::NotFound)
}

/// 400 on `manager_id` unless it is an active NOURX staff member.
fn check_manager(conn: &mut PgConn, manager_id: Option<Uuid>) -> Result<(), ApiError> {
    match manager_id {
        Some(id) if !users::active_staff(conn)?.iter().any(|(staff_id, _, _)| *staff_id == id) => Err(ApiError::field(
            "manager_id",
            Message::new(
                "Le chef de projet doit être un membre actif de NOURX.",
                "The project manager must be an active NOURX staff member.",
            ),
        )),
        _ => Ok(()),
    }
}

/// Creates a project for an existing client (400 on `client_id` otherwise).
pub fn create(conn: &mut PgConn, staff: &Staff, draft: ProjectDraft) -> Result<ProjectDto, ApiError> {
    if clients::find(conn, &Scope::All, draft.client_id)?.is_none() {
        return Err(ApiError::field("client_id", not_found_reference("client_id")));
    }
    staff.require(draft.client_id, Action::CreateProject)?;
    check_manager(conn, draft.manager_id)?;
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
        manager_id: draft.manager_id,
        budget: draft.budget,
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
    to_dto(conn, project, true)
}

/// Changes a project in the caller's scope (404 otherwise); status changes follow the workflow.
pub fn update(conn: &mut PgConn, caller: &Caller, id: Uuid, changes: ProjectChanges) -> Result<ProjectDto, ApiError> {
    let before = projects::find(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    caller.require(before.client_id, Action::UpdateProject)?;
    check_manager(conn, changes.manager_id.flatten())?;
    if let Some(to) = changes.status.filter(|to| *to != before.status) {
        before.status.transition_to(to).map_err(ApiError::invalid_transition)?;
    }
    let after = projects::update(conn, id, &changes)?;
    let diff = audit::changes(&before, &after);
    let action = if before.status != after.status { "status_change" } else { "update" };
    audit::record(conn, &caller.audit(), action, ("project", after.client_id), Some(id.to_string()), diff)?;
    to_dto(conn, after, true)
}
