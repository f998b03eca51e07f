//! The writes on a milestone, each inside the caller's transaction: create, update, and their audit.

use nourx_db::milestones::{self, Milestone, MilestoneChanges, NewMilestone};
use nourx_db::{PgConn, Scope, audit, clock, projects};
use nourx_domain::{Action, MilestoneStatus, Workflow};
use uuid::Uuid;

use super::dto::MilestoneDraft;
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::not_found_reference;
use crate::http::error::ApiError;

/// Adds a milestone to an existing project (400 on `project_id` otherwise).
pub fn create(conn: &mut PgConn, staff: &Staff, draft: MilestoneDraft) -> Result<Milestone, ApiError> {
    let project = projects::find(conn, &Scope::All, draft.project_id)?
        .ok_or_else(|| ApiError::field("project_id", not_found_reference("project_id")))?;
    staff.require(project.client_id, Action::CreateMilestone)?;
    let milestone = NewMilestone {
        id: Uuid::now_v7(),
        project_id: project.id,
        client_id: project.client_id,
        title: &draft.title,
        description: &draft.description,
        status: draft.status,
        due_date: draft.due_date,
    }
    .insert(conn)?;
    let values = audit::snapshot(&milestone);
    audit::record(
        conn,
        &staff.audit(),
        "create",
        ("milestone", milestone.client_id),
        Some(milestone.id.to_string()),
        values,
    )?;
    Ok(milestone)
}

/// Changes a milestone in the caller's scope (404 otherwise). A status change follows the
/// workflow and sets `completed_at` when it reaches `done` (clears it otherwise).
pub fn update(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    mut changes: MilestoneChanges,
) -> Result<Milestone, ApiError> {
    let before = milestones::find(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    caller.require(before.client_id, Action::UpdateMilestone)?;
    if let Some(to) = changes.status.filter(|to| *to != before.status) {
        before.status.transition_to(to).map_err(ApiError::invalid_transition)?;
        let now = clock::transaction_now(conn)?;
        changes.completed_at = Some((to == MilestoneStatus::Done).then_some(now));
    }
    let after = milestones::update(conn, id, &changes)?;
    let diff = audit::changes(&before, &after);
    let action = if before.status != after.status { "status_change" } else { "update" };
    audit::record(conn, &caller.audit(), action, ("milestone", after.client_id), Some(id.to_string()), diff)?;
    Ok(after)
}
