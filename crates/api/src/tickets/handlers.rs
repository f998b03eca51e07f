use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use diesel::Connection;
use nourx_db::tickets::{self, NewTicket, NewTicketMessage, Ticket, TicketChanges, TicketFilter};
use nourx_db::users::User;
use nourx_db::{Scope, audit};
use nourx_domain::{Action, Message, Priority, SlaTargets, TicketStatus, Workflow};
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::dto_util::{not_found_reference, text};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice, ordering};
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

const STATUSES: &[&str] = &["open", "pending", "resolved", "closed"];
const PRIORITIES: &[&str] = &["low", "normal", "high", "urgent"];
const SUBJECT_MAX: usize = 200;
const BODY_MAX: usize = 10_000;

/// Loads the DTOs of `rows` (client names in one query).
fn to_dtos(conn: &mut nourx_db::PgConn, rows: Vec<Ticket>) -> Result<Vec<TicketDto>, ApiError> {
    let client_ids: Vec<Uuid> = rows.iter().map(|t| t.client_id).collect();
    let names = nourx_db::projects::client_names(conn, &client_ids)?;
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|t| {
            let name = names.get(&t.client_id).cloned().unwrap_or_default();
            TicketDto::new(t, name, now)
        })
        .collect())
}

fn to_dto(conn: &mut nourx_db::PgConn, ticket: Ticket) -> Result<TicketDto, ApiError> {
    to_dtos(conn, vec![ticket])?.pop().ok_or(ApiError::NotFound)
}

/// `(first_response_due, resolution_due)` for a ticket of `priority` opened at `opened_at`.
fn deadlines(opened_at: DateTime<Utc>, priority: Priority) -> Result<(DateTime<Utc>, DateTime<Utc>), ApiError> {
    let SlaTargets { first_response, resolution } = nourx_domain::default_sla(priority);
    let after = |target| chrono::Duration::from_std(target).map(|d| opened_at + d).map_err(ApiError::internal);
    Ok((after(first_response)?, after(resolution)?))
}

fn required() -> Message {
    Message::new("Ce champ est obligatoire.", "This field is required.")
}

fn status_of(ticket: &Ticket) -> TicketStatus {
    TicketStatus::parse(&ticket.status).unwrap_or(TicketStatus::Open)
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
        status: choice("status", query.status.as_deref(), STATUSES)?.map(str::to_owned),
        priority: choice("priority", query.priority.as_deref(), PRIORITIES)?.map(str::to_owned),
        assigned_to: query.assigned_to,
        breached: query.breached,
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
    };
    let scope = caller.scope();
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = tickets::list(conn, &scope, &filter, &order, request)?;
            Ok::<_, ApiError>((count, to_dtos(conn, rows)?))
        })
        .await?;
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
    let mut errors = FieldErrors::new();
    let subject = text(&mut errors, "subject", &body.subject, SUBJECT_MAX);
    let message = text(&mut errors, "message", &body.message, BODY_MAX);
    // A client user of exactly one client may leave it out; NOURX staff always name it.
    let client_id = body.client_id.or(match caller.memberships.as_slice() {
        [(only, _)] if !caller.is_admin() => Some(*only),
        _ => None,
    });
    if client_id.is_none() {
        errors.add("client_id", required());
    }
    errors.into_result()?;
    let client_id = client_id.ok_or_else(|| ApiError::field("client_id", required()))?;
    let limit = state.config.limits.tickets_per_user;
    rate_limit::check_unless_staff(&state.db, &caller, limit, Bucket::TicketsBy(caller.id())).await?;
    let priority = body.priority.unwrap_or_default();
    let project_id = body.project_id;
    let (scope, audit_context) = (caller.scope(), caller.audit());
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                if nourx_db::clients::find(conn, &scope, client_id)?.is_none() {
                    return Err(ApiError::field("client_id", not_found_reference("client_id")));
                }
                caller.require(client_id, Action::CreateTicket)?;
                if let Some(project_id) = project_id {
                    let project = nourx_db::projects::find(conn, &scope, project_id)?;
                    if project.is_none_or(|p| p.client_id != client_id) {
                        return Err(ApiError::field("project_id", not_found_reference("project_id")));
                    }
                }
                // `now()` is the transaction's start, which is also the ticket's `created_at`.
                let opened_at = nourx_db::clock::transaction_now(conn)?;
                let (first_response_due, resolution_due) = deadlines(opened_at, priority)?;
                let ticket = NewTicket {
                    id: Uuid::now_v7(),
                    client_id,
                    project_id,
                    subject: &subject,
                    priority: priority.as_str(),
                    created_by: caller.id(),
                    first_response_due,
                    resolution_due,
                }
                .insert(conn)?;
                let first = NewTicketMessage {
                    id: Uuid::now_v7(),
                    ticket_id: ticket.id,
                    client_id,
                    author_id: caller.id(),
                    body: &message,
                    internal: false,
                }
                .insert(conn)?;
                let mut values = audit::snapshot(&ticket);
                if let Some(values) = values.as_object_mut() {
                    values.insert("first_message_id".into(), audit::snapshot(&first.id));
                }
                audit::record(conn, &audit_context, "create", "ticket", Some(ticket.id.to_string()), values)?;
                to_dto(conn, ticket)
            })
        })
        .await?;
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

/// What a client owner or member may change: the status of a resolved ticket, to reopen or close it.
fn check_client_update(caller: &Caller, ticket: &Ticket, body: &UpdateTicketRequest) -> Result<(), ApiError> {
    caller.require(ticket.client_id, Action::ReopenOrCloseTicket)?;
    if body.touches_more_than_status() {
        return Err(ApiError::PermissionDenied);
    }
    match body.status {
        None => Ok(()),
        Some(TicketStatus::Open | TicketStatus::Closed) if status_of(ticket) == TicketStatus::Resolved => Ok(()),
        Some(_) => Err(ApiError::PermissionDenied),
    }
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
    let (id, scope, audit_context) = (id.into_inner(), caller.scope(), caller.audit());
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = tickets::find_for_update(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
                if !caller.can(before.client_id, Action::ManageTicket) {
                    check_client_update(&caller, &before, &body)?;
                }
                let mut errors = FieldErrors::new();
                let subject = body.subject.as_deref().map(|s| text(&mut errors, "subject", s, SUBJECT_MAX));
                if let Some(Some(assignee)) = body.assigned_to {
                    let staff = match User::find(conn, assignee) {
                        Ok(user) => user.is_active && user.role == nourx_domain::Role::Admin,
                        Err(diesel::result::Error::NotFound) => false,
                        Err(other) => return Err(other.into()),
                    };
                    if !staff {
                        errors.add(
                            "assigned_to",
                            Message::new(
                                "Seul un membre actif de l'équipe NOURX peut être assigné.",
                                "Only an active NOURX staff member can be assigned.",
                            ),
                        );
                    }
                }
                if let Some(Some(project_id)) = body.project_id {
                    let project = nourx_db::projects::find(conn, &Scope::All, project_id)?;
                    if project.is_none_or(|p| p.client_id != before.client_id) {
                        errors.add("project_id", not_found_reference("project_id"));
                    }
                }
                errors.into_result()?;

                let now = nourx_db::clock::transaction_now(conn)?;
                let mut changes = TicketChanges {
                    subject,
                    assigned_to: body.assigned_to,
                    project_id: body.project_id,
                    ..TicketChanges::default()
                };
                if let Some(priority) = body.priority.filter(|p| p.as_str() != before.priority) {
                    let (first_response_due, resolution_due) = deadlines(before.created_at, priority)?;
                    changes.priority = Some(priority.as_str().to_owned());
                    changes.first_response_due = Some(first_response_due);
                    changes.resolution_due = Some(resolution_due);
                }
                let from = status_of(&before);
                if let Some(to) = body.status.filter(|to| *to != from) {
                    from.transition_to(to).map_err(ApiError::invalid_transition)?;
                    changes.status = Some(to.as_str().to_owned());
                    match to {
                        TicketStatus::Resolved => changes.resolved_at = Some(Some(now)),
                        TicketStatus::Closed => changes.closed_at = Some(Some(now)),
                        TicketStatus::Open if from == TicketStatus::Resolved => changes.resolved_at = Some(None),
                        TicketStatus::Open | TicketStatus::Pending => {}
                    }
                }
                let after = tickets::update(conn, id, &changes)?;
                let diff = audit::changes(&before, &after);
                let action = if before.status != after.status { "status_change" } else { "update" };
                audit::record(conn, &audit_context, action, "ticket", Some(id.to_string()), diff)?;
                to_dto(conn, after)
            })
        })
        .await?;
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
            let results = rows.into_iter().map(|(m, name, role)| TicketMessageDto::new(m, name, &role)).collect();
            Ok::<_, ApiError>((count, results))
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
    let internal = body.internal;
    let (id, scope, audit_context) = (id.into_inner(), caller.scope(), caller.audit());
    let (author_id, author_name) = (caller.id(), caller.current.user.full_name.clone());
    let author_role = if caller.is_admin() { "admin" } else { "client" };
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let ticket = tickets::find_for_update(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
                caller.require(ticket.client_id, Action::WriteTicketMessage)?;
                if internal {
                    caller.require(ticket.client_id, Action::WriteInternal)?;
                }
                let status = status_of(&ticket);
                if status == TicketStatus::Closed && !internal {
                    return Err(ApiError::Conflict {
                        code: "ticket_closed",
                        message: Message::new(
                            "Ce ticket est fermé : ouvrez un nouveau ticket.",
                            "This ticket is closed: open a new ticket.",
                        ),
                        extra: serde_json::json!({}),
                    });
                }
                let message = NewTicketMessage {
                    id: Uuid::now_v7(),
                    ticket_id: ticket.id,
                    client_id: ticket.client_id,
                    author_id,
                    body: &text_body,
                    internal,
                }
                .insert(conn)?;
                let mut values = audit::snapshot(&message);
                if !internal {
                    // A public message is activity on the ticket (updated_at), and may move it.
                    let mut changes = TicketChanges::default();
                    if caller.is_admin() {
                        if ticket.first_responded_at.is_none() {
                            changes.first_responded_at = Some(Some(message.created_at));
                        }
                    } else if status == TicketStatus::Pending {
                        changes.status = Some(TicketStatus::Open.as_str().to_owned());
                    }
                    let after = tickets::update(conn, ticket.id, &changes)?;
                    let ticket_diff = audit::changes(&ticket, &after);
                    // What the message did to the ticket, in the message's one audit row.
                    if ticket_diff.as_object().is_some_and(|diff| !diff.is_empty())
                        && let Some(values) = values.as_object_mut()
                    {
                        values.insert("ticket".into(), ticket_diff);
                    }
                }
                audit::record(conn, &audit_context, "create", "ticket_message", Some(message.id.to_string()), values)?;
                Ok::<_, ApiError>(TicketMessageDto::new(message, author_name, author_role))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(dto))
}
