//! `GET /api/admin/activity/`: the audit log as sentences, newest first.

use actix_web::{HttpRequest, get, web};
use chrono::{DateTime, Utc};
use nourx_db::audit::{self, ActivityFilter, ActivityRow};
use nourx_domain::activity::{self, ActivityKind, Entry};
use nourx_domain::{Lang, Message};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::pagination::{Page, PageQuery, choice_of};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActivityQuery {
    /// Id of the client the entries are about.
    pub client: Option<String>,
    /// Id of the person who acted.
    pub actor: Option<String>,
    /// billing, payments, projects, support, clients or accounts; `business` for all but
    /// accounts (no logins: the dashboard's feed).
    pub kind: Option<String>,
}

/// Someone or something the feed names: a person, a client.
#[derive(Debug, Serialize, ToSchema)]
pub struct NamedRef {
    pub id: Uuid,
    pub name: String,
}

/// An entry of the activity feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityDto {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Who did it; null for the system (a payment settled on CinetPay's word).
    pub actor: Option<NamedRef>,
    /// The client the entry is about, when it is about one.
    pub client: Option<NamedRef>,
    /// billing, payments, projects, support, clients or accounts.
    pub kind: String,
    /// In the caller's language: "Awa Koné a accepté le devis DV-2026-0004".
    pub sentence: String,
    /// The back-office page of the entity, when there is one.
    pub href: Option<String>,
    /// The audit action, e.g. accept, payment.settled.
    pub action: String,
    /// The audit entity, e.g. quote, payment.
    pub entity: String,
    pub entity_id: Option<String>,
    /// `{"field": [before, after]}` for updates, the values for creations.
    pub diff: serde_json::Value,
}

fn named(id: Option<Uuid>, name: Option<String>) -> Option<NamedRef> {
    Some(NamedRef { id: id?, name: name.unwrap_or_default() })
}

fn to_dto(row: ActivityRow, lang: Lang) -> ActivityDto {
    let entry = Entry {
        action: &row.action,
        entity: &row.entity,
        diff: &row.diff,
        actor: row.actor_name.as_deref(),
        label: row.entity_label.as_deref(),
    };
    let sentence = activity::sentence(&entry).get(lang).to_owned();
    let client_id = row.client_id.map(|id| id.to_string());
    ActivityDto {
        id: row.id,
        at: row.created_at,
        kind: ActivityKind::of(&row.entity).as_str().into(),
        href: activity::href(&row.entity, row.entity_id.as_deref(), client_id.as_deref()),
        sentence,
        actor: named(row.actor_id, row.actor_name),
        client: named(row.client_id, row.client_name),
        action: row.action,
        entity: row.entity,
        entity_id: row.entity_id,
        diff: row.diff,
    }
}

fn uuid_param(field: &str, value: &Option<String>) -> Result<Option<Uuid>, ApiError> {
    match value.as_deref().map(str::trim).filter(|value| !value.is_empty()) {
        None => Ok(None),
        Some(value) => Uuid::parse_str(value)
            .map(Some)
            .map_err(|_| ApiError::field(field, Message::new("Identifiant UUID attendu.", "Expected a UUID."))),
    }
}

impl ActivityQuery {
    fn filter(&self) -> Result<ActivityFilter, ApiError> {
        let entities = match self.kind.as_deref() {
            Some("business") => Some(ActivityKind::business_entities()),
            kind => {
                choice_of("kind", kind, &ActivityKind::ALL, ActivityKind::as_str)?.map(|kind| kind.entities().to_vec())
            }
        };
        Ok(ActivityFilter {
            client_id: uuid_param("client", &self.client)?,
            actor_id: uuid_param("actor", &self.actor)?,
            entities: entities.map(|entities| entities.into_iter().map(str::to_owned).collect()),
        })
    }
}

/// What happened, newest first, as sentences in the caller's language (NOURX staff): filtered by
/// client, by the person who acted and by kind.
#[utoipa::path(
    tag = "admin",
    params(ActivityQuery, PageQuery),
    responses(
        (status = 200, body = Page<ActivityDto>),
        (status = 400, description = "Bad filter or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/activity/")]
pub async fn list_activity(
    staff: Staff,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ActivityQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ActivityDto>>> {
    let lang = Lang::from(staff.current.user.locale);
    let request = page.request()?;
    let filter = query.filter()?;
    let (count, rows) =
        state.db.run(move |conn| audit::list_activity(conn, &filter, request).map_err(ApiError::from)).await?;
    let results = rows.into_iter().map(|row| to_dto(row, lang)).collect();
    Ok(web::Json(Page::new(&req, request, count, results)))
}
