use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use diesel::Connection;
use nourx_db::comments::{self, NewComment};
use nourx_db::milestones::{self, MilestoneChanges, MilestoneFilter, NewMilestone};
use nourx_db::tasks::{self, NewTask, TaskChanges, TaskFilter};
use nourx_db::{PgConn, Scope, audit, projects, users};
use nourx_domain::{Action, Message, MilestoneStatus, TaskStatus, Workflow};
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::dto_util::{long_text, not_found_reference, text};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

const MILESTONE_STATUSES: &[&str] = &["planned", "in_progress", "done", "late"];
const TASK_STATUSES: &[&str] = &["todo", "in_progress", "review", "done", "blocked"];
const PRIORITIES: &[&str] = &["low", "normal", "high", "urgent"];

// ---- milestones ---------------------------------------------------------------------

/// Milestones of the caller's projects.
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
    let filter = MilestoneFilter {
        client_id: query.client,
        project_id: query.project,
        status: choice("status", query.status.as_deref(), MILESTONE_STATUSES)?.map(str::to_owned),
        due_before: query.due_before,
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
    };
    let scope = caller.scope();
    let (count, rows) = state
        .db
        .run(move |conn| milestones::list(conn, &scope, &filter, &order, request).map_err(ApiError::from))
        .await?;
    Ok(web::Json(Page::new(&req, request, count, rows.into_iter().map(MilestoneDto::from).collect())))
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
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<CreateMilestoneRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_admin()?;
    let mut errors = FieldErrors::new();
    let title = text(&mut errors, "title", &body.title, 200);
    let description = long_text(&mut errors, "description", &body.description, 10_000);
    errors.into_result()?;
    let audit_context = caller.audit();
    let milestone = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let project = projects::find(conn, &Scope::All, body.project_id)?
                    .ok_or_else(|| ApiError::field("project_id", not_found_reference("project_id")))?;
                let status = body.status.unwrap_or(MilestoneStatus::Planned);
                let milestone = NewMilestone {
                    id: Uuid::now_v7(),
                    project_id: project.id,
                    client_id: project.client_id,
                    title: &title,
                    description: &description,
                    status: status.as_str(),
                    due_date: body.due_date,
                }
                .insert(conn)?;
                audit::record(
                    conn,
                    &audit_context,
                    "create",
                    "milestone",
                    Some(milestone.id.to_string()),
                    audit::snapshot(&milestone),
                )?;
                Ok::<_, ApiError>(milestone)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(MilestoneDto::from(milestone)))
}

/// Changes a milestone (NOURX staff); status changes follow the milestone workflow.
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
        (status = 409, description = "`invalid_transition`", body = ErrorDetail),
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
    let mut errors = FieldErrors::new();
    let title = body.title.as_deref().map(|t| text(&mut errors, "title", t, 200));
    let description = body.description.as_deref().map(|d| long_text(&mut errors, "description", d, 10_000));
    errors.into_result()?;
    let (id, scope, audit_context) = (id.into_inner(), caller.scope(), caller.audit());
    let milestone = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = milestones::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
                caller.require(before.client_id, Action::UpdateMilestone)?;
                let mut completed_at = None;
                if let Some(to) = body.status {
                    let from = MilestoneStatus::parse(&before.status).unwrap_or(MilestoneStatus::Planned);
                    if from != to {
                        from.transition_to(to).map_err(ApiError::invalid_transition)?;
                        completed_at = Some((to == MilestoneStatus::Done).then(chrono::Utc::now));
                    }
                }
                let changes = MilestoneChanges {
                    title,
                    description,
                    status: body.status.map(|s| s.as_str().to_owned()),
                    due_date: body.due_date,
                    completed_at,
                };
                let after = milestones::update(conn, id, &changes)?;
                let action = if before.status != after.status { "status_change" } else { "update" };
                audit::record(
                    conn,
                    &audit_context,
                    action,
                    "milestone",
                    Some(id.to_string()),
                    audit::changes(&before, &after),
                )?;
                Ok::<_, ApiError>(after)
            })
        })
        .await?;
    Ok(web::Json(milestone.into()))
}

// ---- tasks ----------------------------------------------------------------------------

fn task_dtos(conn: &mut PgConn, rows: Vec<tasks::Task>) -> Result<Vec<TaskDto>, ApiError> {
    let project_ids: Vec<Uuid> = rows.iter().map(|t| t.project_id).collect();
    let user_ids: Vec<Uuid> = rows.iter().filter_map(|t| t.assigned_to).collect();
    let project_names = projects::names(conn, &project_ids)?;
    let user_names = users::names(conn, &user_ids)?;
    Ok(rows
        .into_iter()
        .map(|t| {
            let project = project_names.get(&t.project_id).cloned().unwrap_or_default();
            let assignee = t.assigned_to.and_then(|id| user_names.get(&id).cloned());
            TaskDto::new(t, project, assignee)
        })
        .collect())
}

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
    let filter = TaskFilter {
        client_id: query.client,
        project_id: query.project,
        milestone_id: query.milestone,
        status: choice("status", query.status.as_deref(), TASK_STATUSES)?.map(str::to_owned),
        priority: choice("priority", query.priority.as_deref(), PRIORITIES)?.map(str::to_owned),
        assigned_to: query.assigned_to,
        due_before: query.due_before,
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
    };
    let scope = caller.scope();
    let count_key = format!("tasks:{scope:?}:{filter:?}");
    let known_count = state.counts.get(&count_key);
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = tasks::list(conn, &scope, &filter, &order, request, known_count)?;
            Ok::<_, ApiError>((count, task_dtos(conn, rows)?))
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
            Ok::<_, ApiError>(task_dtos(conn, vec![task])?.remove(0))
        })
        .await?;
    Ok(web::Json(dto))
}

/// Checks the references of a task against its project: milestone of the same project,
/// assignee who is staff or a member of the project's client.
fn check_task_references(
    conn: &mut PgConn,
    project_id: Uuid,
    client_id: Uuid,
    milestone_id: Option<Uuid>,
    assigned_to: Option<Uuid>,
) -> Result<(), ApiError> {
    let mut errors = FieldErrors::new();
    if let Some(milestone_id) = milestone_id {
        let milestone = milestones::find(conn, &Scope::All, milestone_id)?;
        if milestone.is_none_or(|m| m.project_id != project_id) {
            errors.add(
                "milestone_id",
                Message::new("Ce jalon n'appartient pas au projet.", "This milestone is not part of the project."),
            );
        }
    }
    if let Some(user_id) = assigned_to
        && !users::can_be_assigned(conn, user_id, client_id)?
    {
        errors.add(
            "assigned_to",
            Message::new(
                "Cette personne ne peut pas recevoir de tâche de ce projet.",
                "This person cannot be assigned tasks of this project.",
            ),
        );
    }
    errors.into_result()
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
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<CreateTaskRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_admin()?;
    let mut errors = FieldErrors::new();
    let title = text(&mut errors, "title", &body.title, 200);
    let description = long_text(&mut errors, "description", &body.description, 10_000);
    errors.into_result()?;
    let (audit_context, created_by) = (caller.audit(), caller.id());
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let project = projects::find(conn, &Scope::All, body.project_id)?
                    .ok_or_else(|| ApiError::field("project_id", not_found_reference("project_id")))?;
                check_task_references(conn, project.id, project.client_id, body.milestone_id, body.assigned_to)?;
                let task = tasks::insert(
                    conn,
                    &NewTask {
                        id: Uuid::now_v7(),
                        project_id: project.id,
                        client_id: project.client_id,
                        milestone_id: body.milestone_id,
                        title: &title,
                        description: &description,
                        status: body.status.unwrap_or(TaskStatus::Todo).as_str(),
                        priority: body.priority.unwrap_or_default().as_str(),
                        assigned_to: body.assigned_to,
                        due_date: body.due_date,
                        created_by: Some(created_by),
                    },
                )?;
                audit::record(
                    conn,
                    &audit_context,
                    "create",
                    "task",
                    Some(task.id.to_string()),
                    audit::snapshot(&task),
                )?;
                Ok::<_, ApiError>(task_dtos(conn, vec![task])?.remove(0))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(dto))
}

/// Changes a task. Staff change anything; client owners and members move (`status`,
/// `position`) the tasks assigned to them; viewers change nothing. Moving a card is
/// one PATCH with `status` and/or `position`.
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
    let mut errors = FieldErrors::new();
    let title = body.title.as_deref().map(|t| text(&mut errors, "title", t, 200));
    let description = body.description.as_deref().map(|d| long_text(&mut errors, "description", d, 10_000));
    if body.position.is_some_and(|p| p < 0) {
        errors.add("position", Message::new("La position commence à 0.", "Positions start at 0."));
    }
    errors.into_result()?;
    let changes = TaskChanges {
        title,
        description,
        priority: body.priority.map(|p| p.as_str().to_owned()),
        milestone_id: body.milestone_id,
        assigned_to: body.assigned_to,
        due_date: body.due_date,
    };
    let (id, scope, audit_context) = (id.into_inner(), caller.scope(), caller.audit());
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = tasks::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
                let moves = body.status.is_some() || body.position.is_some();
                if !changes.is_empty() {
                    caller.require(before.client_id, Action::UpdateTaskFields)?;
                }
                if moves {
                    let assigned_to_actor = before.assigned_to == Some(caller.id());
                    caller.require(before.client_id, Action::UpdateTaskStatus { assigned_to_actor })?;
                }
                if !moves && changes.is_empty() {
                    caller.require(before.client_id, Action::UpdateTaskFields)?;
                }
                check_task_references(
                    conn,
                    before.project_id,
                    before.client_id,
                    changes.milestone_id.flatten(),
                    changes.assigned_to.flatten(),
                )?;
                let from = TaskStatus::parse(&before.status).unwrap_or(TaskStatus::Todo);
                let to = body.status.unwrap_or(from);
                if from != to {
                    from.transition_to(to).map_err(ApiError::invalid_transition)?;
                }
                let mut after = tasks::update_fields(conn, id, &changes)?;
                if moves {
                    after = tasks::move_to(
                        conn,
                        id,
                        to.as_str(),
                        body.position.or(Some(before.position).filter(|_| from == to)),
                    )?;
                }
                let action = if before.status != after.status { "status_change" } else { "update" };
                audit::record(
                    conn,
                    &audit_context,
                    action,
                    "task",
                    Some(id.to_string()),
                    audit::changes(&before, &after),
                )?;
                Ok::<_, ApiError>(task_dtos(conn, vec![after])?.remove(0))
            })
        })
        .await?;
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
    let (id, scope, staff) = (id.into_inner(), caller.scope(), caller.is_admin());
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
    let mut errors = FieldErrors::new();
    let text_body = text(&mut errors, "body", &body.body, 10_000);
    errors.into_result()?;
    let (id, scope, audit_context, author_id) = (id.into_inner(), caller.scope(), caller.audit(), caller.id());
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let task = tasks::find(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
                caller.require(task.client_id, Action::CreateComment)?;
                if body.internal {
                    caller.require(task.client_id, Action::WriteInternal)?;
                }
                let comment = NewComment {
                    id: Uuid::now_v7(),
                    task_id: task.id,
                    client_id: task.client_id,
                    author_id,
                    body: &text_body,
                    internal: body.internal,
                }
                .insert(conn)?;
                audit::record(
                    conn,
                    &audit_context,
                    "create",
                    "comment",
                    Some(comment.id.to_string()),
                    audit::snapshot(&comment),
                )?;
                let author = caller.current.user.full_name.clone();
                Ok::<_, ApiError>(CommentDto::new(comment, author))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(dto))
}
