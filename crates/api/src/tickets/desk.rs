//! The support desk's ticket actions: bulk changes from the inbox, the SLA clock's history, and
//! the client's satisfaction rating.

use actix_web::{get, post, put, web};
use chrono::{DateTime, Utc};
use diesel::Connection;
use nourx_db::{Scope, audit, tickets};
use nourx_domain::tickets::{RatingRight, rating_right};
use nourx_domain::{Message, Priority, TicketStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::change::change_ticket;
use super::dto::{RateTicketRequest, TicketDto, TicketRatingDto, UpdateTicketRequest};
use crate::AppState;
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::{long_text, present};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

const BULK_MAX: usize = 100;

/// One change applied to several tickets at once; absent fields are kept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkTicketRequest {
    /// 1 to 100 tickets.
    pub ids: Vec<Uuid>,
    /// An active NOURX staff member, or `null` to unassign.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub assigned_to: Option<Option<Uuid>>,
    pub priority: Option<Priority>,
    pub status: Option<TicketStatus>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BulkTicketResponse {
    pub results: Vec<TicketDto>,
}

/// The change for one ticket, or the refusal naming it.
fn change_each(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    body: &BulkTicketRequest,
    web_url: &str,
) -> Result<Vec<TicketDto>, ApiError> {
    let change = UpdateTicketRequest {
        subject: None,
        priority: body.priority,
        status: body.status,
        assigned_to: body.assigned_to,
        project_id: None,
    };
    let mut results = Vec::with_capacity(body.ids.len());
    for id in &body.ids {
        match change_ticket(conn, caller, *id, &change, web_url) {
            Ok(dto) => results.push(dto),
            Err(ApiError::NotFound) => {
                return Err(ApiError::field(
                    "ids",
                    Message::owned(format!("Ticket introuvable : {id}."), format!("No such ticket: {id}.")),
                ));
            }
            Err(ApiError::Conflict { code, message, extra }) => {
                // A refusal of the rules, not of the database: the transaction still reads.
                let n = tickets::find(conn, &Scope::All, *id)?.map(|t| t.number).unwrap_or_default();
                let message =
                    Message::owned(format!("Ticket {n} : {}", message.fr), format!("Ticket {n}: {}", message.en));
                return Err(ApiError::Conflict { code, message, extra });
            }
            Err(other) => return Err(other),
        }
    }
    Ok(results)
}

/// Assigns, reprioritises or moves up to 100 tickets at once (NOURX staff): all of them or none,
/// each audited as a change of its own.
#[utoipa::path(
    tag = "tickets",
    request_body = BulkTicketRequest,
    responses(
        (status = 200, body = BulkTicketResponse),
        (status = 400, description = "No ticket or more than 100, an unknown one, nothing to change, or an assignee who is not active staff", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 409, description = "A status change one ticket does not allow (`invalid_transition`, naming the ticket): nothing changed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/tickets/bulk/")]
pub async fn bulk_update_tickets(
    staff: Staff,
    state: web::Data<AppState>,
    Json(mut body): Json<BulkTicketRequest>,
) -> ApiResult<web::Json<BulkTicketResponse>> {
    let mut errors = FieldErrors::new();
    body.ids.dedup();
    if body.ids.is_empty() || body.ids.len() > BULK_MAX {
        errors.add("ids", Message::new("Entre 1 et 100 tickets.", "Between 1 and 100 tickets."));
    }
    if body.assigned_to.is_none() && body.priority.is_none() && body.status.is_none() {
        errors.add("non_field_errors", Message::new("Rien à changer.", "Nothing to change."));
    }
    errors.into_result()?;
    let (caller, web_url) = (staff.0, state.config.public_web_url.clone());
    let results =
        state.db.run(move |conn| conn.transaction(|conn| change_each(conn, &caller, &body, &web_url))).await?;
    Ok(web::Json(BulkTicketResponse { results }))
}

/// A moment in the life of a ticket's SLA clocks.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlaEventDto {
    /// started, paused, resumed, first_response_met, resolved, reopened, priority_changed,
    /// first_response_at_risk, first_response_breached, resolution_at_risk, resolution_breached
    /// (the last four: alerts sent).
    #[schema(example = "paused")]
    pub kind: String,
    pub at: DateTime<Utc>,
}

/// The SLA clock's history of a ticket, oldest first (NOURX staff).
#[utoipa::path(
    tag = "tickets",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Vec<SlaEventDto>),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
        (status = 404, description = "No such ticket", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/tickets/{id}/sla-events/")]
pub async fn list_sla_events(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<SlaEventDto>>> {
    let id = id.into_inner();
    let events = state
        .db
        .run(move |conn| {
            tickets::find(conn, &Scope::All, id)?.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>(nourx_db::sla::events(conn, id)?)
        })
        .await?;
    Ok(web::Json(events.into_iter().map(|e| SlaEventDto { kind: e.kind, at: e.at }).collect()))
}

fn not_resolved() -> ApiError {
    ApiError::Conflict {
        code: "ticket_not_resolved",
        message: Message::new(
            "Vous pourrez noter ce ticket une fois résolu.",
            "You can rate this ticket once it is resolved.",
        ),
        extra: serde_json::json!({}),
    }
}

/// Rates a resolved or closed ticket, or changes the rating (the client's owners and members);
/// the average shows in the KPIs.
#[utoipa::path(
    tag = "tickets",
    params(("id" = Uuid, Path)),
    request_body = RateTicketRequest,
    responses(
        (status = 200, body = TicketRatingDto),
        (status = 400, description = "Score out of 1–5, or comment over 2 000 characters", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "NOURX staff or a viewer, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such ticket, or another client's", body = ErrorDetail),
        (status = 409, description = "Not resolved yet (`ticket_not_resolved`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[put("/tickets/{id}/rating/")]
pub async fn rate_ticket(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<RateTicketRequest>,
) -> ApiResult<web::Json<TicketRatingDto>> {
    let mut errors = FieldErrors::new();
    if !(1..=5).contains(&body.score) {
        errors.add("score", Message::new("Une note de 1 à 5.", "A score from 1 to 5."));
    }
    let comment = long_text(&mut errors, "comment", body.comment.trim(), 2_000);
    errors.into_result()?;
    let id = id.into_inner();
    let rating = state
        .db
        .run(move |conn| conn.transaction(|conn| record_rating(conn, &caller, id, body.score, &comment)))
        .await?;
    Ok(web::Json(rating))
}

fn record_rating(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    id: Uuid,
    score: i16,
    comment: &str,
) -> Result<TicketRatingDto, ApiError> {
    let ticket = tickets::find(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    let actor = caller.actor(ticket.client_id).ok_or(ApiError::NotFound)?;
    match rating_right(actor, ticket.status) {
        RatingRight::Refused => return Err(ApiError::PermissionDenied),
        RatingRight::NotResolved => return Err(not_resolved()),
        RatingRight::Allowed => {}
    }
    let rating = tickets::rate(conn, &ticket, score, comment, caller.id())?;
    audit::record(
        conn,
        &caller.audit(),
        "rate",
        ("ticket", ticket.client_id),
        Some(id.to_string()),
        audit::snapshot(&rating),
    )?;
    Ok(TicketRatingDto { score: rating.score, comment: rating.comment, rated_at: rating.updated_at })
}
