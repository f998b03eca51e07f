use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::prospects::{Activity, Prospect, Stage};
use nourx_domain::client::ClientSize;
use nourx_domain::prospects::{ActivityKind, ProspectSource, StageKind, weighted_value};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::dto_util::present;

/// A stage of the pipeline, with what it holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct StageDto {
    pub id: Uuid,
    #[schema(example = "Qualifié")]
    pub name: String,
    pub kind: StageKind,
    pub position: i32,
    /// The probability (percent) a prospect gets when it enters the stage.
    #[schema(example = 25)]
    pub probability: i16,
    pub count: i64,
    /// Sum of the estimated values, XOF.
    pub value: i64,
    /// Sum of the values weighted by each prospect's probability, XOF.
    pub weighted_value: i64,
}

impl StageDto {
    pub fn new(stage: Stage, totals: Option<&nourx_db::prospects::StageTotals>) -> StageDto {
        StageDto {
            id: stage.id,
            name: stage.name,
            kind: stage.kind,
            position: stage.position,
            probability: stage.probability,
            count: totals.map_or(0, |t| t.count),
            value: totals.map_or(0, |t| t.value),
            weighted_value: totals.map_or(0, |t| t.weighted_value),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProspectDto {
    pub id: Uuid,
    #[schema(example = "Café Ivoire")]
    pub company: String,
    #[schema(example = "Aya Kouassi")]
    pub contact_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub whatsapp: Option<String>,
    pub source: ProspectSource,
    /// XOF.
    #[schema(example = 1_500_000)]
    pub estimated_value: i64,
    /// Percent.
    #[schema(example = 40)]
    pub probability: i16,
    /// `estimated_value` × `probability`, XOF.
    pub weighted_value: i64,
    pub expected_close: Option<NaiveDate>,
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub sector: Option<String>,
    pub city: Option<String>,
    pub size: Option<ClientSize>,
    pub tags: Vec<String>,
    pub notes: String,
    pub stage_id: Uuid,
    pub stage_name: String,
    pub stage_kind: StageKind,
    /// Why it was won or lost.
    pub outcome_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub next_follow_up: Option<NaiveDate>,
    /// The client made for its quotes, then the one it became.
    pub client_id: Option<Uuid>,
    pub converted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the DTOs of a page of prospects need besides the rows.
#[derive(Debug, Default)]
pub struct ProspectContext {
    pub stages: HashMap<Uuid, (String, StageKind)>,
    pub owners: HashMap<Uuid, String>,
}

impl ProspectDto {
    pub fn new(p: Prospect, context: &ProspectContext) -> ProspectDto {
        let (stage_name, stage_kind) =
            context.stages.get(&p.stage_id).cloned().unwrap_or((String::new(), StageKind::Open));
        ProspectDto {
            weighted_value: weighted_value(p.estimated_value, p.probability),
            owner_name: p.owner_id.and_then(|id| context.owners.get(&id).cloned()),
            stage_name,
            stage_kind,
            id: p.id,
            company: p.company,
            contact_name: p.contact_name,
            email: p.email,
            phone: p.phone,
            whatsapp: p.whatsapp,
            source: p.source,
            estimated_value: p.estimated_value,
            probability: p.probability,
            expected_close: p.expected_close,
            owner_id: p.owner_id,
            sector: p.sector,
            city: p.city,
            size: p.size,
            tags: p.tags,
            notes: p.notes,
            stage_id: p.stage_id,
            outcome_reason: p.outcome_reason,
            closed_at: p.closed_at,
            next_follow_up: p.next_follow_up,
            client_id: p.client_id,
            converted_at: p.converted_at,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProspectListQuery {
    pub stage: Option<Uuid>,
    /// open, won or lost: the prospects in stages of that kind.
    pub outcome: Option<String>,
    /// A staff member's id, or `me`.
    pub owner: Option<String>,
    pub source: Option<String>,
    pub sector: Option<String>,
    pub city: Option<String>,
    /// solo, small, medium or large.
    pub size: Option<String>,
    pub tag: Option<String>,
    /// `due`: follow-ups due today or earlier.
    pub follow_up: Option<String>,
    pub converted: Option<bool>,
    /// Part of the company, the contact's name or email.
    pub search: Option<String>,
    /// created_at, company, estimated_value, expected_close, next_follow_up, board (stage then
    /// rank) or updated_at; `-` for descending. Default: -created_at.
    pub ordering: Option<String>,
}

/// A prospect to create, or the fields to change (absent: kept; `null` clears).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProspectRequest {
    /// Required to create; 1–200 characters.
    pub company: Option<String>,
    pub contact_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub whatsapp: Option<Option<String>>,
    /// Default: other.
    pub source: Option<ProspectSource>,
    /// XOF, 0 or more.
    pub estimated_value: Option<i64>,
    /// 0–100; default: the stage's.
    pub probability: Option<i16>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub expected_close: Option<Option<NaiveDate>>,
    /// An active NOURX staff member.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub sector: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub city: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<ClientSize>)]
    pub size: Option<Option<ClientSize>>,
    pub tags: Option<Vec<String>>,
    pub notes: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub next_follow_up: Option<Option<NaiveDate>>,
    /// To create only: an open stage (default: the first).
    pub stage_id: Option<Uuid>,
}

/// A move on the board.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveProspectRequest {
    pub stage_id: Uuid,
    /// The card it lands right after in the column; `null` or absent: at the top.
    pub after: Option<Uuid>,
    /// Required to move to the won or lost stage.
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BoardColumnDto {
    pub stage: StageDto,
    /// The column's first 30 cards, in board order (the rest: `GET /api/admin/prospects/?stage=…&ordering=board`).
    pub prospects: Vec<ProspectDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BoardDto {
    pub columns: Vec<BoardColumnDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRequest {
    /// 1–60 characters, unique.
    pub name: Option<String>,
    /// 0–100.
    pub probability: Option<i16>,
    /// Among the open stages, 1 being the first (the outcomes stay last).
    pub position: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProspectActivityDto {
    pub id: Uuid,
    pub kind: ActivityKind,
    pub body: String,
    pub happened_at: DateTime<Utc>,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
}

impl ProspectActivityDto {
    pub fn new(activity: Activity, author_name: Option<String>) -> ProspectActivityDto {
        ProspectActivityDto {
            id: activity.id,
            kind: activity.kind,
            body: activity.body,
            happened_at: activity.happened_at,
            author_id: activity.author_id,
            author_name,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProspectActivityRequest {
    /// call, meeting, email or note.
    pub kind: ActivityKind,
    /// 1–5 000 characters.
    pub body: String,
    /// Default: now; not in the future.
    pub happened_at: Option<DateTime<Utc>>,
    /// Sets (or with `null` clears) the prospect's next follow-up at the same time.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub next_follow_up: Option<Option<NaiveDate>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConversionDto {
    pub prospect: ProspectDto,
    pub client_id: Uuid,
    /// The contact invited to the portal as the client's owner.
    pub invited_email: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuoteClientDto {
    /// The client to write the prospect's quotes for (status `prospect` until it converts).
    pub client_id: Uuid,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// true: check the file and show what would be imported, change nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// A row of an import as it would be (or was) imported.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportedRowDto {
    pub line: usize,
    pub company: String,
    pub contact_name: String,
    pub email: Option<String>,
    pub source: ProspectSource,
    pub estimated_value: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReportDto {
    pub dry_run: bool,
    /// How many prospects were imported (0 on a dry run).
    pub imported: usize,
    pub rows: Vec<ImportedRowDto>,
}

/// A lead from the website's contact form.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LeadRequest {
    /// The company (or the person's name when none).
    pub company: Option<String>,
    /// 1–120 characters.
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    /// 1–5 000 characters.
    pub message: String,
    /// The honeypot: hidden from people; a robot that fills it is thanked and ignored.
    #[serde(default)]
    pub website: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LeadReceivedDto {
    #[schema(example = "Merci ! Nous vous recontactons sous 24 heures ouvrées.")]
    pub detail: String,
}
