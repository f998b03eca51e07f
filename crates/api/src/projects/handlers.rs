use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use diesel::Connection;
use nourx_db::projects::{self, NewProject, ProjectChanges, ProjectFilter};
use nourx_db::{Scope, audit};
use nourx_domain::{Action, ProjectStatus, Workflow};
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::dto_util::{long_text, text};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

const STATUSES: &[&str] = &["draft", "active", "on_hold", "completed", "cancelled"];

/// Loads the DTOs of `rows` (client names in one query; progress counts are on the rows).
fn to_dtos(conn: &mut nourx_db::PgConn, rows: Vec<projects::Project>) -> Result<Vec<ProjectDto>, ApiError> {
    let client_ids: Vec<Uuid> = rows.iter().map(|p| p.client_id).collect();
    let names = projects::client_names(conn, &client_ids)?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let counts = p.progress_counts();
            let name = names.get(&p.client_id).cloned().unwrap_or_default();
            ProjectDto::new(p, name, counts)
        })
        .collect())
}

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
    let filter = ProjectFilter {
        client_id: query.client,
        status: choice("status", query.status.as_deref(), STATUSES)?.map(str::to_owned),
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
    };
    let scope = caller.scope();
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = projects::list(conn, &scope, &filter, &order, request)?;
            Ok::<_, ApiError>((count, to_dtos(conn, rows)?))
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
    let (id, scope) = (id.into_inner(), caller.scope());
    let dto = state
        .db
        .run(move |conn| {
            let project = projects::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>(to_dtos(conn, vec![project])?.remove(0))
        })
        .await?;
    Ok(web::Json(dto))
}

fn progress(errors: &mut FieldErrors, value: Option<i64>) -> Option<i16> {
    value.and_then(|v| match nourx_domain::validate_manual_progress(v) {
        Ok(v) => Some(v),
        Err(message) => {
            errors.add("progress_override", message);
            None
        }
    })
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
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<CreateProjectRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_admin()?;
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "name", &body.name, 200);
    let description = long_text(&mut errors, "description", &body.description, 10_000);
    let progress_override = progress(&mut errors, body.progress_override);
    if let (Some(start), Some(due)) = (body.start_date, body.due_date)
        && due < start
    {
        errors.add(
            "due_date",
            nourx_domain::Message::new(
                "L'échéance doit suivre la date de début.",
                "The due date must come after the start date.",
            ),
        );
    }
    errors.into_result()?;
    let status = body.status.unwrap_or(ProjectStatus::Draft);
    let audit_context = caller.audit();
    let created_by = caller.id();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                if nourx_db::clients::find(conn, &Scope::All, body.client_id)?.is_none() {
                    return Err(ApiError::field("client_id", crate::http::dto_util::not_found_reference("client_id")));
                }
                let project = NewProject {
                    id: Uuid::now_v7(),
                    client_id: body.client_id,
                    name: &name,
                    description: &description,
                    status: status.as_str(),
                    progress_override,
                    start_date: body.start_date,
                    due_date: body.due_date,
                    created_by: Some(created_by),
                }
                .insert(conn)?;
                let values = audit::snapshot(&project);
                audit::record(conn, &audit_context, "create", "project", Some(project.id.to_string()), values)?;
                Ok::<_, ApiError>(to_dtos(conn, vec![project])?.remove(0))
            })
        })
        .await?;
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
    let mut errors = FieldErrors::new();
    let name = body.name.as_deref().map(|n| text(&mut errors, "name", n, 200));
    let description = body.description.as_deref().map(|d| long_text(&mut errors, "description", d, 10_000));
    let progress_override = body.progress_override.map(|value| progress(&mut errors, value));
    errors.into_result()?;
    let (id, scope, audit_context) = (id.into_inner(), caller.scope(), caller.audit());
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = projects::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
                caller.require(before.client_id, Action::UpdateProject)?;
                if let Some(to) = body.status {
                    let from = ProjectStatus::parse(&before.status).unwrap_or(ProjectStatus::Draft);
                    if from != to {
                        from.transition_to(to).map_err(ApiError::invalid_transition)?;
                    }
                }
                let changes = ProjectChanges {
                    name,
                    description,
                    status: body.status.map(|s| s.as_str().to_owned()),
                    progress_override,
                    start_date: body.start_date,
                    due_date: body.due_date,
                };
                let after = projects::update(conn, id, &changes)?;
                let diff = audit::changes(&before, &after);
                let action = if before.status != after.status { "status_change" } else { "update" };
                audit::record(conn, &audit_context, action, "project", Some(id.to_string()), diff)?;
                Ok::<_, ApiError>(to_dtos(conn, vec![after])?.remove(0))
            })
        })
        .await?;
    Ok(web::Json(dto))
}
