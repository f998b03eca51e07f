use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::Utc;
use diesel::Connection;
use nourx_db::tickets::{self, Ticket, TicketFilter};
use nourx_domain::{Action, Priority, TicketStatus, Workflow};
use uuid::Uuid;

use super::change::change_ticket;
use super::dto::*;
use super::open::{NewTicketInput, open_ticket};
use super::reply::{ATTACHMENTS_MAX, NewMessage, message_dtos, post_message, too_many_attachments};
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice_of, ordering};
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

pub(super) const SUBJECT_MAX: usize = 200;
pub(super) const BODY_MAX: usize = 10_000;

/// Loads the DTOs of `rows`: client names, policies, assignee names and ratings in one query each.
pub(crate) fn to_dtos(conn: &mut nourx_db::PgConn, rows: Vec<Ticket>) -> Result<Vec<TicketDto>, ApiError> {
    let client_ids: Vec<Uuid> = rows.iter().map(|t| t.client_id).collect();
    let policy_ids: Vec<Uuid> = rows.iter().filter_map(|t| t.sla_policy_id).collect();
    let people: Vec<Uuid> = rows.iter().flat_map(|t| [t.assigned_to, Some(t.created_by)]).flatten().collect();
    let project_ids: Vec<Uuid> = rows.iter().filter_map(|t| t.project_id).collect();
    let ticket_ids: Vec<Uuid> = rows.iter().map(|t| t.id).collect();
    let context = TicketContext {
        client_names: nourx_db::projects::client_names(conn, &client_ids)?,
        policies: nourx_db::sla::policies(conn, &policy_ids)?.into_iter().map(|p| (p.id, p.policy())).collect(),
        project_names: nourx_db::projects::names(conn, &project_ids)?,
        user_names: nourx_db::users::names(conn, &people)?,
        ratings: tickets::ratings(conn, &ticket_ids)?.into_iter().map(|r| (r.ticket_id, r)).collect(),
    };
    let now = Utc::now();
    Ok(rows.into_iter().map(|t| TicketDto::new(t, &context, now)).collect())
}

pub(super) fn to_dto(conn: &mut nourx_db::PgConn, ticket: Ticket) -> Result<TicketDto, ApiError> {
    to_dtos(conn, vec![ticket])?.pop().ok_or(ApiError::NotFound)
}

/// Tickets of the caller's clients (all of them for NOURX staff).
#[utoipa::path(
    tag = "tickets",
    params(TicketListQuery, PageQuery),
    responses(
        (status = 200, body = Page<TicketDto>),
        (status = 400, description = "Bad filter, ordering or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/tickets/")]
pub async fn list_tickets(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<TicketListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<TicketDto>>> {
    let request = page.request()?;
    let order = ordering(query.ordering.as_deref(), tickets::ORDERING_FIELDS)?;
    let filter = TicketFilter {
        client_id: query.client,
        project_id: query.project,
        status: choice_of("status", query.status.as_deref(), TicketStatus::ALL, TicketStatus::as_str)?,
        priority: choice_of("priority", query.priority.as_deref(), Priority::ALL, Priority::as_str)?,
        assigned_to: query.assigned_to,
        breached: query.breached,
        at_risk: query.at_risk,
        unassigned: query.unassigned,
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
    };
    let scope = caller.scope();
    let count_key = format!("tickets:{scope:?}:{filter:?}");
    let known_count = state.counts.get(&count_key);
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = tickets::list(conn, &scope, &filter, &order, request, known_count)?;
            Ok::<_, ApiError>((count, to_dtos(conn, rows)?))
        })
        .await?;
    state.counts.put(count_key, count);
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// Opens a ticket with its first message (client owners and members, or NOURX staff).
/// The SLA deadlines follow from the priority.
#[utoipa::path(
    tag = "tickets",
    request_body = CreateTicketRequest,
    responses(
        (status = 201, body = TicketDto),
        (status = 400, description = "Invalid field, or a client or project the caller cannot use", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Viewer of the client, or CSRF check failed", body = ErrorDetail),
        (status = 429, description = "Too many tickets opened by this person within the hour (`NOURX_LIMIT_TICKETS_PER_USER_PER_HOUR`; NOURX staff are not counted); see `Retry-After`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/tickets/")]
pub async fn create_ticket(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<CreateTicketRequest>,
) -> ApiResult<HttpResponse> {
    let input = NewTicketInput::validate(&caller, body)?;
    let limit = state.config.limits.tickets_per_user;
    rate_limit::check_unless_staff(&state.db, &caller, limit, Bucket::TicketsBy(caller.id())).await?;
    let dto = state.db.run(move |conn| conn.transaction(|conn| open_ticket(conn, &caller, &input))).await?;
    Ok(HttpResponse::Created().json(dto))
}

/// One ticket.
#[utoipa::path(
    tag = "tickets",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = TicketDto),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such ticket, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/tickets/{id}/")]
pub async fn get_ticket(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<TicketDto>> {
    let (id, scope) = (id.into_inner(), caller.scope());
    let dto = state
        .db
        .run(move |conn| {
            let ticket = tickets::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
            caller.require(ticket.client_id, Action::ReadClientData)?;
            to_dto(conn, ticket)
        })
        .await?;
    Ok(web::Json(dto))
}

/// Changes a ticket. NOURX staff: subject, priority (which moves the SLA deadlines), assignee,
/// project and status (following the ticket workflow). Client owners and members: only reopen
/// (`open`) or close (`closed`) a resolved ticket.
#[utoipa::path(
    tag = "tickets",
    params(("id" = Uuid, Path)),
    request_body = UpdateTicketRequest,
    responses(
        (status = 200, body = TicketDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "A change the caller may not make, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such ticket, or another client's", body = ErrorDetail),
        (status = 409, description = "Status change not allowed (`invalid_transition`, with `allowed`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/tickets/{id}/")]
pub async fn update_ticket(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<UpdateTicketRequest>,
) -> ApiResult<web::Json<TicketDto>> {
    let id = id.into_inner();
    let web_url = state.config.public_web_url.clone();
    let dto =
        state.db.run(move |conn| conn.transaction(|conn| change_ticket(conn, &caller, id, &body, &web_url))).await?;
    Ok(web::Json(dto))
}

/// The messages of a ticket, oldest first. Internal notes are listed for NOURX staff only.
#[utoipa::path(
    tag = "tickets",
    params(("id" = Uuid, Path), PageQuery),
    responses(
        (status = 200, body = Page<TicketMessageDto>),
        (status = 400, description = "Bad page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such ticket, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/tickets/{id}/messages/")]
pub async fn list_ticket_messages(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<TicketMessageDto>>> {
    let request = page.request()?;
    let (id, scope) = (id.into_inner(), caller.scope());
    let (count, results) = state
        .db
        .run(move |conn| {
            let ticket = tickets::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
            caller.require(ticket.client_id, Action::ReadClientData)?;
            let include_internal = caller.can(ticket.client_id, Action::ReadInternal);
            let (count, rows) = tickets::messages(conn, id, include_internal, request)?;
            Ok::<_, ApiError>((count, message_dtos(conn, rows)?))
        })
        .await?;
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// Writes on a ticket. Client owners and members write to NOURX; NOURX staff reply (the first
/// public reply stops the first-response clock) or leave internal notes. A client message on a
/// `pending` ticket moves it back to `open`. A closed ticket takes internal notes only.
#[utoipa::path(
    tag = "tickets",
    params(("id" = Uuid, Path)),
    request_body = CreateTicketMessageRequest,
    responses(
        (status = 201, body = TicketMessageDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Viewer, internal note by a client, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such ticket, or another client's", body = ErrorDetail),
        (status = 409, description = "The ticket is closed (`ticket_closed`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/tickets/{id}/messages/")]
pub async fn create_ticket_message(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<CreateTicketMessageRequest>,
) -> ApiResult<HttpResponse> {
    let mut errors = FieldErrors::new();
    let text_body = text(&mut errors, "body", &body.body, BODY_MAX);
    errors.into_result()?;
    if body.attachment_ids.len() > ATTACHMENTS_MAX {
        return Err(ApiError::field("attachment_ids", too_many_attachments()));
    }
    let id = id.into_inner();
    let message = NewMessage { body: text_body, internal: body.internal, attachment_ids: body.attachment_ids };
    let dto = state.db.run(move |conn| conn.transaction(|conn| post_message(conn, &caller, id, &message))).await?;
    Ok(HttpResponse::Created().json(dto))
}
