//! The client's word on a delivered milestone, inside the caller's transaction: approve it (and
//! bill it, when it carries an amount), or ask for changes (back to work, the manager told).

use nourx_db::invoices::{self, Invoice, NewInvoice};
use nourx_db::line_items::{self, ItemOwner, NewLineItem};
use nourx_db::milestones::{self, Milestone, MilestoneChanges};
use nourx_db::projects::Project;
use nourx_db::{PgConn, Scope, audit, clients, clock, projects, quotes, users};
use nourx_domain::billing::{LineInput, line_totals};
use nourx_domain::delivery::{Approval, MilestoneBilling, approval, milestone_billing};
use nourx_domain::{Action, Message, MilestoneStatus};
use nourx_mail::TemplateKey;
use uuid::Uuid;

use crate::http::caller::Caller;
use crate::http::error::ApiError;
use crate::notices::{Notice, NoticeEmail, notify};

/// Approves milestone `id` for its client: done, and billed when it carries an amount (the invoice
/// is created and sent at once). Returns the milestone and the invoice. Approvals of one milestone
/// run one after the other (the row is locked), so a second one is a 409 and bills nothing.
pub fn approve(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    web_url: &str,
) -> Result<(Milestone, Option<Uuid>), ApiError> {
    let before = milestones::lock(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    caller.require(before.client_id, Action::ApproveMilestone)?;
    refuse_unless_awaiting(approval(before.status))?;
    let project = projects::find(conn, &Scope::All, before.project_id)?.ok_or(ApiError::NotFound)?;
    let quote = match before.quote_percent {
        Some(_) => quotes::accepted_basis(conn, project.id)?,
        None => None,
    };
    let invoice_id = match milestone_billing(before.amount, before.quote_percent, quote) {
        MilestoneBilling::Bill { unit_price, tax_rate_bp } => {
            Some(bill(conn, caller, &before, &project, LineInput::plain(100, unit_price, tax_rate_bp), web_url)?)
        }
        // Submitting checked the quote; one withdrawn since leaves nothing to bill.
        MilestoneBilling::Nothing | MilestoneBilling::NoAcceptedQuote => None,
    };
    let now = clock::transaction_now(conn)?;
    let changes = MilestoneChanges {
        status: Some(MilestoneStatus::Done),
        completed_at: Some(Some(now)),
        approved_at: Some(Some(now)),
        approved_by: Some(Some(caller.id())),
        ..MilestoneChanges::default()
    };
    let after = milestones::update(conn, id, &changes)?;
    let mut diff = audit::changes(&before, &after);
    if let (Some(values), Some(invoice_id)) = (diff.as_object_mut(), invoice_id) {
        values.insert("invoice_id".into(), invoice_id.to_string().into());
    }
    audit::record(conn, &caller.audit(), "approve", ("milestone", after.client_id), Some(id.to_string()), diff)?;
    Ok((after, invoice_id))
}

fn refuse_unless_awaiting(decision: Approval) -> Result<(), ApiError> {
    match decision.refusal() {
        None => Ok(()),
        Some((code, message)) => Err(ApiError::Conflict { code, message, extra: serde_json::json!({}) }),
    }
}

/// The milestone's invoice: one line, sent to the billing contacts like any invoice.
fn bill(
    conn: &mut PgConn,
    caller: &Caller,
    milestone: &Milestone,
    project: &Project,
    line: LineInput,
    web_url: &str,
) -> Result<Uuid, ApiError> {
    let totals = line_totals(line).map_err(|e| ApiError::field("amount", e.message()))?;
    let client = clients::find(conn, &Scope::All, milestone.client_id)?.ok_or(ApiError::NotFound)?;
    let title = format!("{} — {}", project.name, milestone.title);
    let invoice = NewInvoice {
        id: Uuid::now_v7(),
        client_id: milestone.client_id,
        project_id: Some(project.id),
        quote_id: None,
        title: &title,
        currency: &client.currency,
        issue_date: None,
        due_date: None,
        notes: "",
        total_ht: totals.ht,
        total_tva: totals.tva,
        total_ttc: totals.ht + totals.tva,
        discount_bp: 0,
        discount_total: 0,
        payment_terms: &crate::admin::billing_settings(conn)?.payment_terms,
        created_by: Some(caller.id()),
    }
    .insert(conn)?;
    let item = NewLineItem {
        label: format!("Jalon : {}", milestone.title),
        description: milestone.description.clone(),
        quantity_hundredths: line.quantity_hundredths,
        unit_price: line.unit_price,
        tax_rate_bp: line.tax_rate_bp,
        total_ht: totals.ht,
        total_tva: totals.tva,
        discount_bp: 0,
    };
    line_items::replace(conn, ItemOwner::Invoice(invoice.id), &[item])?;
    invoices::link_milestone(conn, invoice.id, milestone.id)?;
    let mut values = audit::snapshot(&invoice);
    if let Some(values) = values.as_object_mut() {
        values.insert("milestone_id".into(), milestone.id.to_string().into());
    }
    audit::record(
        conn,
        &caller.audit(),
        "create",
        ("invoice", invoice.client_id),
        Some(invoice.id.to_string()),
        values,
    )?;
    let id = invoice.id;
    crate::billing::send_locked::<Invoice>(conn, &caller.audit(), invoice, web_url)?;
    Ok(id)
}

/// Sends milestone `id` back to work with the client's `comment`, and tells its project manager
/// (or, without one, the person who created the project; else every active staff member).
pub fn request_changes(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    comment: String,
    web_url: &str,
) -> Result<Milestone, ApiError> {
    let before = milestones::lock(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    caller.require(before.client_id, Action::ApproveMilestone)?;
    refuse_unless_awaiting(approval(before.status))?;
    let now = clock::transaction_now(conn)?;
    let changes = MilestoneChanges {
        status: Some(MilestoneStatus::InProgress),
        change_request: Some(Some(comment)),
        changes_requested_at: Some(Some(now)),
        changes_requested_by: Some(Some(caller.id())),
        ..MilestoneChanges::default()
    };
    let after = milestones::update(conn, id, &changes)?;
    tell_the_manager(conn, caller, &after, web_url)?;
    let diff = audit::changes(&before, &after);
    audit::record(
        conn,
        &caller.audit(),
        "request_changes",
        ("milestone", after.client_id),
        Some(id.to_string()),
        diff,
    )?;
    Ok(after)
}

fn tell_the_manager(conn: &mut PgConn, caller: &Caller, milestone: &Milestone, web_url: &str) -> Result<(), ApiError> {
    let project = projects::find(conn, &Scope::All, milestone.project_id)?.ok_or(ApiError::NotFound)?;
    let client = clients::find(conn, &Scope::All, milestone.client_id)?.ok_or(ApiError::NotFound)?;
    let mut people = users::recipients(
        conn,
        &[project.manager_id, project.created_by].into_iter().flatten().take(1).collect::<Vec<_>>(),
    )?;
    if people.is_empty() {
        let staff: Vec<Uuid> = users::active_staff(conn)?.into_iter().map(|(id, _, _)| id).collect();
        people = users::recipients(conn, &staff)?;
    }
    let author = users::names(conn, &[caller.id()])?.remove(&caller.id()).unwrap_or_default();
    let comment = milestone.change_request.clone().unwrap_or_default();
    let link = format!("/admin/projets/{}#jalon-{}", project.id, milestone.id);
    let notice = Notice {
        kind: "milestone.changes_requested",
        entity: "milestone",
        entity_id: milestone.id,
        link: link.clone(),
        title: Message::owned(
            format!("Modifications demandées : {}", milestone.title),
            format!("Changes requested: {}", milestone.title),
        ),
        body: Message::owned(
            format!("{author} ({}) : {comment}", client.name),
            format!("{author} ({}): {comment}", client.name),
        ),
    };
    let vars = |_| {
        serde_json::json!({
            "client_name": client.name,
            "project_name": project.name,
            "milestone_title": milestone.title,
            "author_name": author,
            "comment": comment,
            "milestone_url": format!("{web_url}{link}"),
        })
    };
    let email = NoticeEmail { template: TemplateKey::MilestoneChangesRequested, vars: &vars };
    notify(conn, &people, Some(caller.id()), &notice, Some(email))
}
