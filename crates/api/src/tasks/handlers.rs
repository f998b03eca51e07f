use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use diesel::Connection;
use nourx_db::{comments, tasks};
use uuid::Uuid;

use super::dto::*;
use super::task::{to_dto, to_dtos};
use super::{comment, task};
use crate::AppState;
use crate::http::caller::{Caller, Staff};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

// ---- tasks ----------------------------------------------------------------------------

/// Tasks of the caller's projects. For a kanban board: `?project=<id>&ordering=position&page_size=100`.
#[utoipa::path(
    tag = "tasks",
    params(TaskListQuery, PageQuery),
    responses(
        (status = 200, body = Page<TaskDto>),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/tasks/")]
pub async fn list_tasks(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<TaskListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<TaskDto>>> {
    let request = page.request()?;
    let order = ordering(query.ordering.as_deref(), tasks::ORDERING_FIELDS)?;
    let filter = query.filter()?;
    let scope = caller.scope();
    let count_key = format!("tasks:{scope:?}:{filter:?}");
    let known_count = state.counts.get(&count_key);
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = tasks::list(conn, &scope, &filter, &order, request, known_count)?;
            Ok::<_, ApiError>((count, to_dtos(conn, rows)?))
        })
        .await?;
    state.counts.put(count_key, count);
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// One task.
#[utoipa::path(
    tag = "tasks",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = TaskDto), (status = 401, body = ErrorDetail), (status = 404, body = ErrorDetail)),
    security(("session_cookie" = []))
)]
#[get("/tasks/{id}/")]
pub async fn get_task(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<TaskDto>> {
    let (id, scope) = (id.into_inner(), caller.scope());
    let dto = state
        .db
        .run(move |conn| {
            let task = tasks::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
            to_dto(conn, task)
        })
        .await?;
    Ok(web::Json(dto))
}

/// Creates a task at the end of its column (NOURX staff).
#[utoipa::path(
    tag = "tasks",
    request_body = CreateTaskRequest,
    responses(
        (status = 201, body = TaskDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/tasks/")]
pub async fn create_task(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<CreateTaskRequest>,
) -> ApiResult<HttpResponse> {
    let (draft, web_url) = (body.validate()?, state.config.public_web_url.clone());
    let dto = state.db.run(move |conn| conn.transaction(|conn| task::create(conn, &staff, draft, &web_url))).await?;
    Ok(HttpResponse::Created().json(dto))
}

/// Assigns several tasks at once (NOURX staff), all or nothing; each new assignee is told.
#[utoipa::path(
    tag = "tasks",
    request_body = AssignTasksRequest,
    responses(
        (status = 200, body = TaskBatchDto),
        (status = 400, description = "No task, more than 100, an unknown task or an assignee who cannot take them", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/tasks/assign/")]
pub async fn assign_tasks(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<AssignTasksRequest>,
) -> ApiResult<web::Json<TaskBatchDto>> {
    let ((ids, assignee), web_url) = (body.validate()?, state.config.public_web_url.clone());
    let results =
        state.db.run(move |conn| conn.transaction(|conn| task::assign(conn, &staff, &ids, assignee, &web_url))).await?;
    Ok(web::Json(TaskBatchDto { results }))
}

/// Changes a task. Staff change anything; client owners and members move (`status`,
/// `position`) the tasks assigned to them; viewers change nothing. Moving a card is
/// one PATCH with `status` and/or `position`; on the staff's global board, `status` with
/// `board_after` or `board_before` (the project order then keeps the card's place, or puts it
/// last in its new project column).
#[utoipa::path(
    tag = "tasks",
    params(("id" = Uuid, Path)),
    request_body = UpdateTaskRequest,
    responses(
        (status = 200, body = TaskDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not allowed for this caller, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
        (status = 409, description = "`invalid_transition`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/tasks/{id}/")]
pub async fn update_task(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<UpdateTaskRequest>,
) -> ApiResult<web::Json<TaskDto>> {
    let (id, edit, web_url) = (id.into_inner(), body.validate()?, state.config.public_web_url.clone());
    let dto =
        state.db.run(move |conn| conn.transaction(|conn| task::update(conn, &caller, id, edit, &web_url))).await?;
    Ok(web::Json(dto))
}

// ---- comments -------------------------------------------------------------------------

/// Comments of a task, oldest first (internal ones only for NOURX staff).
#[utoipa::path(
    tag = "tasks",
    params(("id" = Uuid, Path), PageQuery),
    responses(
        (status = 200, body = Page<CommentDto>),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 404, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/tasks/{id}/comments/")]
pub async fn list_comments(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<CommentDto>>> {
    let request = page.request()?;
    let (id, scope, staff) = (id.into_inner(), caller.scope(), caller.is_staff());
    let (count, rows) = state
        .db
        .run(move |conn| {
            tasks::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>(comments::list_for_task(conn, id, staff, request)?)
        })
        .await?;
    let results = rows.into_iter().map(|(comment, author)| CommentDto::new(comment, author)).collect();
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// Comments on a task. Client owners and members may comment; only staff write internal comments.
#[utoipa::path(
    tag = "tasks",
    params(("id" = Uuid, Path)),
    request_body = CreateCommentRequest,
    responses(
        (status = 201, body = CommentDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Viewer, internal comment by a client, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/tasks/{id}/comments/")]
pub async fn create_comment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<CreateCommentRequest>,
) -> ApiResult<HttpResponse> {
    let (id, draft, web_url) = (id.into_inner(), body.validate()?, state.config.public_web_url.clone());
    let dto =
        state.db.run(move |conn| conn.transaction(|conn| comment::create(conn, &caller, id, draft, &web_url))).await?;
    Ok(HttpResponse::Created().json(dto))
}
