use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use diesel::Connection;
use nourx_db::milestones;
use uuid::Uuid;

use super::approval;
use super::dto::*;
use super::milestone::{self, to_dto, to_dtos};
use crate::AppState;
use crate::http::caller::{Caller, Staff};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// Milestones of the caller's projects, in project order.
#[utoipa::path(
    tag = "milestones",
    params(MilestoneListQuery, PageQuery),
    responses(
        (status = 200, body = Page<MilestoneDto>),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/milestones/")]
pub async fn list_milestones(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<MilestoneListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<MilestoneDto>>> {
    let request = page.request()?;
    let order = ordering(query.ordering.as_deref(), milestones::ORDERING_FIELDS)?;
    let filter = query.filter()?;
    let scope = caller.scope();
    let (count, rows) = state
        .db
        .run(move |conn| {
            let (count, rows) = milestones::list(conn, &scope, &filter, &order, request)?;
            Ok::<_, ApiError>((count, to_dtos(conn, rows)?))
        })
        .await?;
    Ok(web::Json(Page::new(&req, request, count, rows)))
}

/// One milestone.
#[utoipa::path(
    tag = "milestones",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = MilestoneDto), (status = 401, body = ErrorDetail), (status = 404, body = ErrorDetail)),
    security(("session_cookie" = []))
)]
#[get("/milestones/{id}/")]
pub async fn get_milestone(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<MilestoneDto>> {
    let (id, scope) = (id.into_inner(), caller.scope());
    let dto = state
        .db
        .run(move |conn| {
            let milestone = milestones::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
            to_dto(conn, milestone)
        })
        .await?;
    Ok(web::Json(dto))
}

/// Adds a milestone to a project (NOURX staff).
#[utoipa::path(
    tag = "milestones",
    request_body = CreateMilestoneRequest,
    responses(
        (status = 201, body = MilestoneDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/milestones/")]
pub async fn create_milestone(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<CreateMilestoneRequest>,
) -> ApiResult<HttpResponse> {
    let draft = body.validate()?;
    let dto = state
        .db
        .run(move |conn| conn.transaction(|conn| milestone::create(conn, &staff, draft).and_then(|m| to_dto(conn, m))))
        .await?;
    Ok(HttpResponse::Created().json(dto))
}

/// Changes a milestone (NOURX staff); status changes follow the milestone workflow, and
/// `awaiting_approval` submits it to the client's owners and members (notified in the app and by email).
#[utoipa::path(
    tag = "milestones",
    params(("id" = Uuid, Path)),
    request_body = UpdateMilestoneRequest,
    responses(
        (status = 200, body = MilestoneDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
        (status = 409, description = "`invalid_transition`, `billing_locked` (submitted or approved), `no_accepted_quote`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/milestones/{id}/")]
pub async fn update_milestone(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<UpdateMilestoneRequest>,
) -> ApiResult<web::Json<MilestoneDto>> {
    let (id, changes, web_url) = (id.into_inner(), body.validate()?, state.config.public_web_url.clone());
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let milestone = milestone::update(conn, &caller, id, changes, &web_url)?;
                to_dto(conn, milestone)
            })
        })
        .await?;
    Ok(web::Json(dto))
}

/// Approves a milestone awaiting the client's approval (the client's owners and members). One
/// that carries an amount is billed at once: the invoice is created, sent, and returned to pay.
#[utoipa::path(
    tag = "milestones",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = MilestoneApprovalDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "A viewer, NOURX staff (the client's word), or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such milestone, or another client's", body = ErrorDetail),
        (status = 409, description = "`already_approved` (bills nothing again) or `not_awaiting_approval`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/milestones/{id}/approve/")]
pub async fn approve_milestone(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<MilestoneApprovalDto>> {
    let (id, web_url) = (id.into_inner(), state.config.public_web_url.clone());
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let (milestone, invoice_id) = approval::approve(conn, &caller, id, &web_url)?;
                Ok::<_, ApiError>(MilestoneApprovalDto { milestone: to_dto(conn, milestone)?, invoice_id })
            })
        })
        .await?;
    Ok(web::Json(dto))
}

/// Asks for changes on a milestone awaiting approval (the client's owners and members): it goes
/// back to in progress with the comment, and its project manager is told.
#[utoipa::path(
    tag = "milestones",
    params(("id" = Uuid, Path)),
    request_body = RequestChangesRequest,
    responses(
        (status = 200, body = MilestoneDto),
        (status = 400, description = "No comment", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "A viewer, NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such milestone, or another client's", body = ErrorDetail),
        (status = 409, description = "`already_approved` or `not_awaiting_approval`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/milestones/{id}/request-changes/")]
pub async fn request_milestone_changes(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<RequestChangesRequest>,
) -> ApiResult<web::Json<MilestoneDto>> {
    let (id, comment, web_url) = (id.into_inner(), body.validate()?, state.config.public_web_url.clone());
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let milestone = approval::request_changes(conn, &caller, id, comment, &web_url)?;
                to_dto(conn, milestone)
            })
        })
        .await?;
    Ok(web::Json(dto))
}
