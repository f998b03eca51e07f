//! What happened with a prospect (calls, meetings, emails, notes, stage changes), and the daily
//! reminder of the follow-ups due.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Utc;
use diesel::Connection;
use nourx_db::prospects::{self, ProspectChanges};
use nourx_db::{Db, PgConn, audit};
use nourx_domain::Message;
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Staff;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::notices::{Notice, notify};

/// A prospect's activities, newest first (NOURX staff).
#[utoipa::path(
    tag = "prospects",
    params(("id" = Uuid, Path), PageQuery),
    responses(
        (status = 200, body = Page<ProspectActivityDto>),
        (status = 400, description = "Bad page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
        (status = 404, description = "No such prospect", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/prospects/{id}/activities/")]
pub async fn list_activities(
    req: HttpRequest,
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ProspectActivityDto>>> {
    let (request, id) = (page.request()?, id.into_inner());
    let (count, rows) = state
        .db
        .run(move |conn| {
            prospects::find(conn, id)?.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>(prospects::activities(conn, id, request)?)
        })
        .await?;
    let results = rows.into_iter().map(|(activity, name)| ProspectActivityDto::new(activity, name)).collect();
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// Records a call, meeting, email or note (NOURX staff), and the next follow-up when given;
/// audited.
#[utoipa::path(
    tag = "prospects",
    params(("id" = Uuid, Path)),
    request_body = ProspectActivityRequest,
    responses(
        (status = 201, body = ProspectActivityDto),
        (status = 400, description = "Blank or too long text, a stage change, or a time in the future", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such prospect", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/prospects/{id}/activities/")]
pub async fn create_activity(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    Json(body): Json<ProspectActivityRequest>,
) -> ApiResult<HttpResponse> {
    let text_body = check_activity(&body)?;
    let id = id.into_inner();
    let dto =
        state.db.run(move |conn| conn.transaction(|conn| log_activity(conn, &staff, id, &body, &text_body))).await?;
    Ok(HttpResponse::Created().json(dto))
}

/// The activity's text, once the request is checked.
fn check_activity(body: &ProspectActivityRequest) -> Result<String, ApiError> {
    let mut errors = FieldErrors::new();
    let text_body = text(&mut errors, "body", &body.body, 5_000);
    if !body.kind.written_by_people() {
        errors.add("kind", Message::new("call, meeting, email ou note.", "call, meeting, email or note."));
    }
    if body.happened_at.is_some_and(|at| at > Utc::now() + chrono::Duration::minutes(5)) {
        errors.add("happened_at", Message::new("Pas dans le futur.", "Not in the future."));
    }
    errors.into_result()?;
    Ok(text_body)
}

/// Records the activity and the next follow-up, audited.
fn log_activity(
    conn: &mut PgConn,
    staff: &Staff,
    id: Uuid,
    body: &ProspectActivityRequest,
    text_body: &str,
) -> Result<ProspectActivityDto, ApiError> {
    prospects::lock(conn, id)?.ok_or(ApiError::NotFound)?;
    let activity = prospects::add_activity(conn, id, body.kind, text_body, body.happened_at, Some(staff.id()))?;
    if let Some(next) = body.next_follow_up {
        prospects::update(conn, id, &ProspectChanges { next_follow_up: Some(next), ..ProspectChanges::default() })?;
    }
    audit::record(conn, &staff.audit(), "activity", "prospect", Some(id.to_string()), audit::snapshot(&activity))?;
    Ok(ProspectActivityDto::new(activity, Some(staff.current.user.full_name.clone())))
}

/// Tells each owner, once a day, of their prospects to follow up today (or overdue). Returns how
/// many prospects were announced.
pub fn run_follow_ups(db: &Db) -> anyhow::Result<usize> {
    let mut conn = db.get()?;
    let today = Utc::now().date_naive();
    let conn: &mut PgConn = &mut conn;
    let announced = conn.transaction(|conn| -> Result<usize, ApiError> {
        let due = prospects::take_due_follow_ups(conn, today, 500)?;
        for prospect in &due {
            let Some(owner) = prospect.owner_id else { continue };
            let people = nourx_db::users::recipients(conn, &[owner])?;
            let notice = Notice {
                kind: "prospect.follow_up",
                entity: "prospect",
                entity_id: prospect.id,
                link: format!("/admin/prospects/{}", prospect.id),
                title: Message::owned(
                    format!("Relance prévue : {}", prospect.company),
                    format!("Follow-up due: {}", prospect.company),
                ),
                body: Message::owned(
                    format!("Contact : {}", prospect.contact_name),
                    format!("Contact: {}", prospect.contact_name),
                ),
            };
            notify(conn, &people, None, &notice, None)?;
        }
        Ok(due.len())
    });
    announced.map_err(|error| anyhow::anyhow!("follow-ups: {error:?}"))
}
