use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use diesel::Connection;
use nourx_db::projects;
use uuid::Uuid;

use super::dto::*;
use super::project::{self, to_dto, to_dtos};
use crate::AppState;
use crate::http::caller::{Caller, Staff};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// Projects of the caller's clients (all of them for NOURX staff).
#[utoipa::path(
    tag = "projects",
    params(ProjectListQuery, PageQuery),
    responses(
        (status = 200, body = Page<ProjectDto>),
        (status = 400, description = "Bad filter, ordering or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/projects/")]
pub async fn list_projects(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ProjectListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ProjectDto>>> {
    let request = page.request()?;
    let order = ordering(query.ordering.as_deref(), projects::ORDERING_FIELDS)?;
    let filter = query.filter()?;
    let (scope, staff) = (caller.scope(), caller.is_staff());
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = projects::list(conn, &scope, &filter, &order, request)?;
            Ok::<_, ApiError>((count, to_dtos(conn, rows, staff)?))
        })
        .await?;
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// One project.
#[utoipa::path(
    tag = "projects",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ProjectDto),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such project, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/projects/{id}/")]
pub async fn get_project(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ProjectDto>> {
    let (id, scope, staff) = (id.into_inner(), caller.scope(), caller.is_staff());
    let dto = state
        .db
        .run(move |conn| {
            let project = projects::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
            to_dto(conn, project, staff)
        })
        .await?;
    Ok(web::Json(dto))
}

/// Creates a project for a client (NOURX staff).
#[utoipa::path(
    tag = "projects",
    request_body = CreateProjectRequest,
    responses(
        (status = 201, body = ProjectDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/projects/")]
pub async fn create_project(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<CreateProjectRequest>,
) -> ApiResult<HttpResponse> {
    let draft = body.validate()?;
    let dto = state.db.run(move |conn| conn.transaction(|conn| project::create(conn, &staff, draft))).await?;
    Ok(HttpResponse::Created().json(dto))
}

/// Changes a project (NOURX staff). Status changes follow the project workflow.
#[utoipa::path(
    tag = "projects",
    params(("id" = Uuid, Path)),
    request_body = UpdateProjectRequest,
    responses(
        (status = 200, body = ProjectDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
        (status = 409, description = "Status change not allowed (`invalid_transition`, with `allowed`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/projects/{id}/")]
pub async fn update_project(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<UpdateProjectRequest>,
) -> ApiResult<web::Json<ProjectDto>> {
    let (id, changes) = (id.into_inner(), body.validate()?);
    let dto = state.db.run(move |conn| conn.transaction(|conn| project::update(conn, &caller, id, changes))).await?;
    Ok(web::Json(dto))
}
