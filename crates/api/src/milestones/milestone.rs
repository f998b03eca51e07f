//! The writes on a milestone by NOURX staff, each inside the caller's transaction: create, update
//! (submitting it to the client is a status change), their audit; and the DTOs.

use std::collections::HashMap;

use nourx_db::milestones::{self, Milestone, MilestoneChanges, NewMilestone};
use nourx_db::projects::Project;
use nourx_db::{PgConn, Scope, audit, clock, projects, quotes, users};
use nourx_domain::delivery::{MilestoneBilling, QuoteBasis, billing_editable, milestone_billing};
use nourx_domain::money::format_amount;
use nourx_domain::{Action, Message, MilestoneStatus, Workflow};
use nourx_mail::TemplateKey;
use uuid::Uuid;

use super::dto::{MilestoneDraft, MilestoneDto, MilestoneExtras};
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::not_found_reference;
use crate::http::error::ApiError;
use crate::notices::{Notice, NoticeEmail, notify};

/// The DTOs of `rows`, with their invoices and the names of who approved or asked for changes.
pub fn to_dtos(conn: &mut PgConn, rows: Vec<Milestone>) -> Result<Vec<MilestoneDto>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|m| m.id).collect();
    let people: Vec<Uuid> = rows.iter().flat_map(|m| [m.approved_by, m.changes_requested_by]).flatten().collect();
    let invoices = milestones::invoices_of(conn, &ids)?;
    let names = users::names(conn, &people)?;
    let name = |id: Option<Uuid>| id.and_then(|id| names.get(&id).cloned());
    // The accepted quote of each project whose milestones bill a share of it.
    let mut quotes_of: HashMap<Uuid, Option<QuoteBasis>> = HashMap::new();
    for m in rows.iter().filter(|m| m.quote_percent.is_some()) {
        if let std::collections::hash_map::Entry::Vacant(slot) = quotes_of.entry(m.project_id) {
            slot.insert(quotes::accepted_basis(conn, m.project_id)?);
        }
    }
    Ok(rows
        .into_iter()
        .map(|m| {
            let quote = quotes_of.get(&m.project_id).copied().flatten();
            let billed_amount = match milestone_billing(m.amount, m.quote_percent, quote) {
                MilestoneBilling::Bill { unit_price, .. } => Some(unit_price),
                MilestoneBilling::Nothing | MilestoneBilling::NoAcceptedQuote => None,
            };
            let extras = MilestoneExtras {
                billed_amount,
                invoice: invoices.get(&m.id).cloned(),
                approved_by_name: name(m.approved_by),
                requested_by_name: name(m.changes_requested_by),
            };
            MilestoneDto::new(m, extras)
        })
        .collect())
}

pub fn to_dto(conn: &mut PgConn, milestone: Milestone) -> Result<MilestoneDto, ApiError> {
    to_dtos(conn, vec![milestone])?.pop().ok_or(ApiError::NotFound)
}

/// Adds a milestone to an existing project (400 on `project_id` otherwise), last unless placed.
pub fn create(conn: &mut PgConn, staff: &Staff, draft: MilestoneDraft) -> Result<Milestone, ApiError> {
    let project = projects::find(conn, &Scope::All, draft.project_id)?
        .ok_or_else(|| ApiError::field("project_id", not_found_reference("project_id")))?;
    staff.require(project.client_id, Action::CreateMilestone)?;
    let position = match draft.position {
        Some(position) => position,
        None => milestones::next_position(conn, project.id)?,
    };
    let milestone = NewMilestone {
        id: Uuid::now_v7(),
        project_id: project.id,
        client_id: project.client_id,
        title: &draft.title,
        description: &draft.description,
        status: draft.status,
        due_date: draft.due_date,
        position,
        amount: draft.billing.amount,
        quote_percent: draft.billing.quote_percent,
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
/// workflow; `awaiting_approval` submits it to the client (who is notified), `done` sets
/// `completed_at`. What it bills is frozen once submitted (409 `billing_locked`).
pub fn update(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    mut changes: MilestoneChanges,
    web_url: &str,
) -> Result<Milestone, ApiError> {
    let before = milestones::lock(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    caller.require(before.client_id, Action::UpdateMilestone)?;
    if (changes.amount.is_some() || changes.quote_percent.is_some()) && !billing_editable(before.status) {
        return Err(billing_locked());
    }
    let submits =
        changes.status == Some(MilestoneStatus::AwaitingApproval) && before.status != MilestoneStatus::AwaitingApproval;
    if let Some(to) = changes.status.filter(|to| *to != before.status) {
        before.status.transition_to(to).map_err(ApiError::invalid_transition)?;
        let now = clock::transaction_now(conn)?;
        changes.completed_at = Some((to == MilestoneStatus::Done).then_some(now));
        if submits {
            changes.submitted_at = Some(Some(now));
            (changes.change_request, changes.changes_requested_at, changes.changes_requested_by) =
                (Some(None), Some(None), Some(None));
        }
    }
    let after = milestones::update(conn, id, &changes)?;
    if submits {
        ask_for_approval(conn, caller, &after, web_url)?;
    }
    let diff = audit::changes(&before, &after);
    let action = if submits {
        "submit"
    } else if before.status != after.status {
        "status_change"
    } else {
        "update"
    };
    audit::record(conn, &caller.audit(), action, ("milestone", after.client_id), Some(id.to_string()), diff)?;
    Ok(after)
}

fn billing_locked() -> ApiError {
    ApiError::Conflict {
        code: "billing_locked",
        message: Message::new(
            "Ce que facture le jalon ne change plus une fois soumis au client.",
            "What the milestone bills cannot change once submitted to the client.",
        ),
        extra: serde_json::json!({}),
    }
}

/// What the milestone will bill, as the client is told (409 when it bills a share of a quote the
/// project does not have).
fn billing_of(conn: &mut PgConn, milestone: &Milestone) -> Result<MilestoneBilling, ApiError> {
    let quote = match milestone.quote_percent {
        Some(_) => quotes::accepted_basis(conn, milestone.project_id)?,
        None => None,
    };
    match milestone_billing(milestone.amount, milestone.quote_percent, quote) {
        MilestoneBilling::NoAcceptedQuote => Err(ApiError::Conflict {
            code: "no_accepted_quote",
            message: Message::new(
                "Ce jalon facture une part du devis, mais le projet n'a pas de devis accepté.",
                "This milestone bills a share of the quote, but the project has no accepted quote.",
            ),
            extra: serde_json::json!({}),
        }),
        billing => Ok(billing),
    }
}

/// Tells the client's owners and members that a milestone awaits their approval.
fn ask_for_approval(conn: &mut PgConn, caller: &Caller, milestone: &Milestone, web_url: &str) -> Result<(), ApiError> {
    let billing = billing_of(conn, milestone)?;
    let project: Project = projects::find(conn, &Scope::All, milestone.project_id)?.ok_or(ApiError::NotFound)?;
    let people = users::client_participants(conn, milestone.client_id)?;
    let link = format!("/projets/{}#jalon-{}", project.id, milestone.id);
    let notice = Notice {
        kind: "milestone.awaiting_approval",
        entity: "milestone",
        entity_id: milestone.id,
        link: link.clone(),
        title: Message::owned(
            format!("Jalon à valider : {}", milestone.title),
            format!("Milestone to approve: {}", milestone.title),
        ),
        body: Message::owned(
            format!(
                "NOURX a livré « {} » ({}). Validez-le ou demandez des modifications.",
                milestone.title, project.name
            ),
            format!("NOURX delivered “{}” ({}). Approve it or ask for changes.", milestone.title, project.name),
        ),
    };
    let vars = |lang| {
        let amount = match billing {
            MilestoneBilling::Bill { unit_price, .. } => format_amount(unit_price, "XOF", lang),
            _ => String::new(),
        };
        serde_json::json!({
            "project_name": project.name,
            "milestone_title": milestone.title,
            "amount": amount,
            "milestone_url": format!("{web_url}{link}"),
        })
    };
    let email = NoticeEmail { template: TemplateKey::MilestoneAwaitingApproval, vars: &vars };
    notify(conn, &people, Some(caller.id()), &notice, Some(email))
}
