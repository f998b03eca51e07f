use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::milestones::{Milestone, MilestoneChanges, MilestoneFilter};
use nourx_domain::{Message, MilestoneStatus, Workflow};
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
    /// Order in the project, from 0.
    pub position: i32,
    /// Billed on approval, before tax, in whole francs.
    pub amount: Option<i64>,
    /// Or this share (1–100 %) of the project's accepted quote, before tax.
    pub quote_percent: Option<i16>,
    /// What approving it bills before tax, in whole francs: `amount`, or the share of the
    /// accepted quote as it stands; `null` when it bills nothing (or the project has no accepted quote).
    pub billed_amount: Option<i64>,
    /// The invoice its approval created.
    pub invoice_id: Option<Uuid>,
    pub invoice_number: Option<String>,
    /// When NOURX last submitted it for approval.
    pub submitted_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by_name: Option<String>,
    /// The client's last request for changes (cleared when NOURX submits it again).
    pub change_request: Option<ChangeRequestDto>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeRequestDto {
    pub comment: String,
    pub requested_at: DateTime<Utc>,
    pub requested_by_name: Option<String>,
}

/// What a milestone's DTO shows beside the row: its invoice and the names of the people involved.
#[derive(Debug, Default)]
pub struct MilestoneExtras {
    pub billed_amount: Option<i64>,
    pub invoice: Option<(Uuid, Option<String>)>,
    pub approved_by_name: Option<String>,
    pub requested_by_name: Option<String>,
}

impl MilestoneDto {
    pub fn new(m: Milestone, extras: MilestoneExtras) -> MilestoneDto {
        let change_request = match (m.change_request, m.changes_requested_at) {
            (Some(comment), Some(requested_at)) => {
                Some(ChangeRequestDto { comment, requested_at, requested_by_name: extras.requested_by_name })
            }
            _ => None,
        };
        let (invoice_id, invoice_number) = extras.invoice.map_or((None, None), |(id, number)| (Some(id), number));
        MilestoneDto {
            id: m.id,
            project_id: m.project_id,
            client_id: m.client_id,
            title: m.title,
            description: m.description,
            status: m.status,
            due_date: m.due_date,
            completed_at: m.completed_at,
            position: m.position,
            amount: m.amount,
            quote_percent: m.quote_percent,
            billed_amount: extras.billed_amount,
            invoice_id,
            invoice_number,
            submitted_at: m.submitted_at,
            approved_at: m.approved_at,
            approved_by_name: extras.approved_by_name,
            change_request,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// The answer to an approval: the milestone, done, and the invoice it created (to pay now).
#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneApprovalDto {
    pub milestone: MilestoneDto,
    pub invoice_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MilestoneListQuery {
    pub client: Option<Uuid>,
    pub project: Option<Uuid>,
    /// planned, in_progress, awaiting_approval, done or late.
    pub status: Option<String>,
    /// Due strictly before this date (YYYY-MM-DD).
    pub due_before: Option<NaiveDate>,
    pub search: Option<String>,
    /// position, due_date, created_at, title or status; `-` for descending. Default: position.
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
            search: self.search.clone().filter(|s| !s.trim().is_empty()),
        })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMilestoneRequest {
    pub project_id: Uuid,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// planned (default), in_progress or late: submitting for approval is a change of an existing milestone.
    pub status: Option<MilestoneStatus>,
    pub due_date: Option<NaiveDate>,
    /// From 0. Default: after the project's last milestone.
    pub position: Option<i32>,
    /// Billed on approval, before tax, in whole francs (or `quote_percent`, not both).
    pub amount: Option<i64>,
    /// 1–100: this share of the project's accepted quote, billed on approval.
    pub quote_percent: Option<i16>,
}

/// How an approval bills, as asked: nothing, an amount, or a share of the quote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BillingRule {
    pub amount: Option<i64>,
    pub quote_percent: Option<i16>,
}

/// A milestone to create, validated.
#[derive(Debug)]
pub struct MilestoneDraft {
    pub project_id: Uuid,
    pub title: String,
    pub description: String,
    pub status: MilestoneStatus,
    pub due_date: Option<NaiveDate>,
    pub position: Option<i32>,
    pub billing: BillingRule,
}

impl CreateMilestoneRequest {
    pub fn validate(self) -> Result<MilestoneDraft, ApiError> {
        let mut errors = FieldErrors::new();
        let title = text(&mut errors, "title", &self.title, 200);
        let description = long_text(&mut errors, "description", &self.description, 10_000);
        let status = self.status.unwrap_or(MilestoneStatus::Planned);
        if matches!(status, MilestoneStatus::AwaitingApproval | MilestoneStatus::Done) {
            errors.add(
                "status",
                Message::new(
                    "Un nouveau jalon est planifié, en cours ou en retard.",
                    "A new milestone is planned, in progress or late.",
                ),
            );
        }
        position(&mut errors, self.position);
        let billing = billing_rule(&mut errors, self.amount, self.quote_percent);
        errors.into_result()?;
        Ok(MilestoneDraft {
            project_id: self.project_id,
            title,
            description,
            status,
            due_date: self.due_date,
            position: self.position,
            billing,
        })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMilestoneRequest {
    pub title: Option<String>,
    pub description: Option<String>,
    /// `awaiting_approval` submits it to the client (owners and members are notified);
    /// `done` from there only comes with the client's approval.
    pub status: Option<MilestoneStatus>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub due_date: Option<Option<NaiveDate>>,
    pub position: Option<i32>,
    /// A value replaces `quote_percent`; `null` bills nothing.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub amount: Option<Option<i64>>,
    /// A value replaces `amount`; `null` bills nothing.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i16>)]
    pub quote_percent: Option<Option<i16>>,
}

impl UpdateMilestoneRequest {
    /// The changes, validated; dates of completion and approval are decided with the status change.
    pub fn validate(self) -> Result<MilestoneChanges, ApiError> {
        let mut errors = FieldErrors::new();
        let title = self.title.as_deref().map(|t| text(&mut errors, "title", t, 200));
        let description = self.description.as_deref().map(|d| long_text(&mut errors, "description", d, 10_000));
        position(&mut errors, self.position);
        let (mut amount, mut quote_percent) = (self.amount, self.quote_percent);
        billing_rule(&mut errors, amount.flatten(), quote_percent.flatten());
        errors.into_result()?;
        // One rule at a time: setting one clears the other.
        if amount.flatten().is_some() {
            quote_percent = Some(None);
        } else if quote_percent.flatten().is_some() {
            amount = Some(None);
        }
        Ok(MilestoneChanges {
            title,
            description,
            status: self.status,
            due_date: self.due_date,
            position: self.position,
            amount,
            quote_percent,
            ..MilestoneChanges::default()
        })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestChangesRequest {
    /// What to change, 1–2 000 characters.
    pub comment: String,
}

impl RequestChangesRequest {
    pub fn validate(self) -> Result<String, ApiError> {
        let mut errors = FieldErrors::new();
        let comment = long_text(&mut errors, "comment", &self.comment, 2_000);
        if comment.trim().is_empty() {
            errors.add("comment", Message::new("Dites ce qu'il faut modifier.", "Say what needs to change."));
        }
        errors.into_result()?;
        Ok(comment)
    }
}

fn position(errors: &mut FieldErrors, value: Option<i32>) {
    if value.is_some_and(|p| !(0..=10_000).contains(&p)) {
        errors.add("position", Message::new("La position va de 0 à 10 000.", "Positions go from 0 to 10,000."));
    }
}

/// The billing asked for, checked: an amount above zero, or a share from 1 to 100 %, not both.
fn billing_rule(errors: &mut FieldErrors, amount: Option<i64>, quote_percent: Option<i16>) -> BillingRule {
    if amount.is_some_and(|a| !(1..=nourx_domain::billing::MAX_AMOUNT).contains(&a)) {
        errors.add("amount", Message::new("Le montant doit être positif.", "The amount must be positive."));
    }
    if quote_percent.is_some_and(|p| !(1..=100).contains(&p)) {
        errors.add("quote_percent", Message::new("Un pourcentage entre 1 et 100.", "A percentage between 1 and 100."));
    }
    if amount.is_some() && quote_percent.is_some() {
        errors.add(
            "quote_percent",
            Message::new(
                "Choisissez un montant ou un pourcentage du devis, pas les deux.",
                "Choose an amount or a share of the quote, not both.",
            ),
        );
    }
    BillingRule { amount, quote_percent }
}
