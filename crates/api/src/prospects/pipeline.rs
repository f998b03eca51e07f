//! The pipeline (NOURX staff): its stages (configured by admins), the board with each column's
//! totals, and moving a prospect from one stage to another (won and lost need a reason).

use actix_web::{HttpResponse, delete, get, patch, post, web};
use diesel::Connection;
use nourx_db::prospects::{self, ProspectChanges, StageChanges};
use nourx_db::{PgConn, audit};
use nourx_domain::prospects::{ActivityKind, StageKind, StageMoveRefusal, stage_move};
use nourx_domain::{Message, StaffAction};
use uuid::Uuid;

use super::dto::*;
use super::handlers::{dtos_with_stages, filter_of, to_dto};
use crate::AppState;
use crate::http::caller::Staff;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// Cards per column on the board (the rest: the column's list).
const BOARD_CARDS: i64 = 30;

fn stage_dtos(conn: &mut PgConn) -> Result<Vec<StageDto>, ApiError> {
    let totals = prospects::stage_totals(conn)?;
    Ok(prospects::stages(conn)?
        .into_iter()
        .map(|stage| {
            let of_stage = totals.iter().find(|t| t.stage_id == stage.id);
            StageDto::new(stage, of_stage)
        })
        .collect())
}

/// The stages in order, with their count, value and weighted value.
#[utoipa::path(
    tag = "prospects",
    responses((status = 200, body = Vec<StageDto>), (status = 401, body = ErrorDetail), (status = 403, description = "Not NOURX staff", body = ErrorDetail)),
    security(("session_cookie" = []))
)]
#[get("/admin/pipeline/stages/")]
pub async fn list_stages(_staff: Staff, state: web::Data<AppState>) -> ApiResult<web::Json<Vec<StageDto>>> {
    Ok(web::Json(state.db.run(stage_dtos).await?))
}

/// The board: every stage with its totals and its first 30 cards; with the list's filters (owner,
/// source, segmentation, search…), the totals and cards of the prospects they select.
#[utoipa::path(
    tag = "prospects",
    params(ProspectListQuery),
    responses(
        (status = 200, body = BoardDto),
        (status = 400, description = "Bad filter", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/pipeline/")]
pub async fn get_board(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<ProspectListQuery>,
) -> ApiResult<web::Json<BoardDto>> {
    let filter = filter_of(&staff, &query)?;
    let board = state.db.run(move |conn| board_of(conn, &filter)).await?;
    Ok(web::Json(board))
}

fn board_of(conn: &mut PgConn, filter: &prospects::ProspectFilter) -> Result<BoardDto, ApiError> {
    let stages = prospects::stages(conn)?;
    let (totals, rows) = if prospects::is_everything(filter) {
        (prospects::stage_totals(conn)?, prospects::board(conn, BOARD_CARDS)?)
    } else {
        prospects::filtered_board(conn, &stages, filter, BOARD_CARDS)?
    };
    let mut cards = dtos_with_stages(conn, rows, &stages)?;
    let columns = stages
        .into_iter()
        .map(|stage| {
            let stage = StageDto::new(stage.clone(), totals.iter().find(|t| t.stage_id == stage.id));
            let (mine, rest): (Vec<ProspectDto>, Vec<ProspectDto>) =
                std::mem::take(&mut cards).into_iter().partition(|p| p.stage_id == stage.id);
            cards = rest;
            BoardColumnDto { stage, prospects: mine }
        })
        .collect();
    Ok(BoardDto { columns })
}

fn check_stage(body: &StageRequest, creating: bool) -> Result<Option<String>, ApiError> {
    let mut errors = FieldErrors::new();
    let name = match &body.name {
        Some(name) => Some(text(&mut errors, "name", name, 60)),
        None if creating => {
            errors.add("name", Message::new("Ce champ est obligatoire.", "This field is required."));
            None
        }
        None => None,
    };
    if body.probability.is_some_and(|p| !(0..=100).contains(&p)) {
        errors.add("probability", Message::new("Entre 0 et 100 %.", "Between 0 and 100 %."));
    }
    errors.into_result()?;
    Ok(name)
}

fn duplicate_name(error: diesel::result::Error) -> ApiError {
    if prospects::is_duplicate_stage_name(&error) {
        ApiError::field("name", Message::new("Une étape porte déjà ce nom.", "A stage already has this name."))
    } else {
        error.into()
    }
}

/// Adds an open stage before the outcomes (admins); audited.
#[utoipa::path(
    tag = "prospects",
    request_body = StageRequest,
    responses(
        (status = 201, body = StageDto),
        (status = 400, description = "Missing or taken name, bad probability", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/pipeline/stages/")]
pub async fn create_stage(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<StageRequest>,
) -> ApiResult<HttpResponse> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let name = check_stage(&body, true)?.unwrap_or_default();
    let probability = body.probability.unwrap_or(50);
    let stage = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let stage = prospects::insert_stage(conn, &name, probability).map_err(duplicate_name)?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "create",
                    "pipeline_stage",
                    Some(stage.id.to_string()),
                    audit::snapshot(&stage),
                )?;
                Ok::<_, ApiError>(StageDto::new(stage, None))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(stage))
}

/// Renames a stage, changes its probability or its place among the open stages (admins); audited.
#[utoipa::path(
    tag = "prospects",
    params(("id" = Uuid, Path)),
    request_body = StageRequest,
    responses(
        (status = 200, body = StageDto),
        (status = 400, description = "Blank or taken name, bad probability, or a place for an outcome stage", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such stage", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/admin/pipeline/stages/{id}/")]
pub async fn update_stage(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    Json(body): Json<StageRequest>,
) -> ApiResult<web::Json<StageDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let (id, name) = (id.into_inner(), check_stage(&body, false)?);
    let stage = state.db.run(move |conn| conn.transaction(|conn| change_stage(conn, &staff, id, name, &body))).await?;
    Ok(web::Json(stage))
}

/// Applies a checked stage change (`name` already checked), audited.
fn change_stage(
    conn: &mut PgConn,
    staff: &Staff,
    id: Uuid,
    name: Option<String>,
    body: &StageRequest,
) -> Result<StageDto, ApiError> {
    let before = prospects::find_stage(conn, id)?.ok_or(ApiError::NotFound)?;
    let open_count = prospects::stages(conn)?.iter().filter(|s| s.kind == StageKind::Open).count() as i32;
    match body.position {
        Some(_) if before.kind != StageKind::Open => {
            let message =
                Message::new("Les étapes Gagné et Perdu restent à la fin.", "The won and lost stages stay last.");
            return Err(ApiError::field("position", message));
        }
        Some(position) => reorder(conn, id, position.clamp(1, open_count))?,
        None => {}
    }
    let changes = StageChanges { name, probability: body.probability, position: None };
    let after = if changes.name.is_none() && changes.probability.is_none() {
        prospects::find_stage(conn, id)?.ok_or(ApiError::NotFound)?
    } else {
        prospects::update_stage(conn, id, &changes).map_err(duplicate_name)?
    };
    let diff = audit::changes(&before, &after);
    audit::record(conn, &staff.audit(), "update", "pipeline_stage", Some(id.to_string()), diff)?;
    Ok(StageDto::new(after, None))
}

/// Puts open stage `id` at `position` (1-based among the open stages) and renumbers them all.
fn reorder(conn: &mut PgConn, id: Uuid, position: i32) -> Result<(), ApiError> {
    let stages = prospects::stages(conn)?;
    let mut open: Vec<Uuid> = stages.iter().filter(|s| s.kind == StageKind::Open && s.id != id).map(|s| s.id).collect();
    open.insert((position - 1).max(0) as usize, id);
    let outcomes = stages.iter().filter(|s| s.kind != StageKind::Open).map(|s| s.id);
    // Far away first, so that the unique order never meets itself halfway.
    for (n, stage) in open.into_iter().chain(outcomes).enumerate() {
        let changes = StageChanges { position: Some(n as i32 + 1), ..StageChanges::default() };
        prospects::update_stage(conn, stage, &changes)?;
    }
    Ok(())
}

/// Deletes an empty open stage (admins); audited.
#[utoipa::path(
    tag = "prospects",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such stage", body = ErrorDetail),
        (status = 409, description = "It holds prospects, or it is the won or lost stage (`stage_in_use`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/admin/pipeline/stages/{id}/")]
pub async fn delete_stage(staff: Staff, state: web::Data<AppState>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let id = id.into_inner();
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let stage = prospects::find_stage(conn, id)?.ok_or(ApiError::NotFound)?;
                let open_stages = prospects::stages(conn)?.iter().filter(|s| s.kind == StageKind::Open).count();
                if stage.kind != StageKind::Open || open_stages == 1 || prospects::count_in_stage(conn, id)? > 0 {
                    return Err(ApiError::Conflict {
                        code: "stage_in_use",
                        message: Message::new(
                            "Seule une étape en cours vide peut être supprimée (il en faut au moins une).",
                            "Only an empty open stage can be deleted (at least one must remain).",
                        ),
                        extra: serde_json::json!({}),
                    });
                }
                prospects::delete_stage(conn, id)?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "delete",
                    "pipeline_stage",
                    Some(id.to_string()),
                    audit::snapshot(&stage),
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

fn refused(refusal: StageMoveRefusal) -> ApiError {
    match refusal {
        StageMoveRefusal::ReasonRequired => ApiError::field("reason", refusal.message()),
        StageMoveRefusal::Converted => {
            ApiError::Conflict { code: "prospect_converted", message: refusal.message(), extra: serde_json::json!({}) }
        }
    }
}

/// Moves a prospect on the board (NOURX staff): to another stage (won and lost need `reason`;
/// entering a stage sets its probability) or within its column, after `after`. Audited, and
/// written in the prospect's activities.
#[utoipa::path(
    tag = "prospects",
    params(("id" = Uuid, Path)),
    request_body = MoveProspectRequest,
    responses(
        (status = 200, body = ProspectDto),
        (status = 400, description = "No such stage, `after` not in that column, or no reason for won or lost", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such prospect", body = ErrorDetail),
        (status = 409, description = "It became a client (`prospect_converted`): it stays won", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/prospects/{id}/move/")]
pub async fn move_prospect(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    Json(body): Json<MoveProspectRequest>,
) -> ApiResult<web::Json<ProspectDto>> {
    let id = id.into_inner();
    let dto = state.db.run(move |conn| conn.transaction(|conn| move_to(conn, &staff, id, &body))).await?;
    Ok(web::Json(dto))
}

fn move_to(conn: &mut PgConn, staff: &Staff, id: Uuid, body: &MoveProspectRequest) -> Result<ProspectDto, ApiError> {
    let before = prospects::lock(conn, id)?.ok_or(ApiError::NotFound)?;
    let stage = prospects::find_stage(conn, body.stage_id)?
        .ok_or_else(|| ApiError::field("stage_id", crate::http::dto_util::not_found_reference("stage_id")))?;
    let changing_stage = stage.id != before.stage_id;
    let mut changes = ProspectChanges::default();
    if changing_stage {
        let reason = stage_move(before.converted_at.is_some(), stage.kind, body.reason.as_deref()).map_err(refused)?;
        let now = nourx_db::clock::transaction_now(conn)?;
        changes.outcome_reason = Some(reason);
        changes.closed_at = Some((stage.kind != StageKind::Open).then_some(now));
        changes.probability = Some(stage.probability);
        changes.stage_id = Some(stage.id);
    }
    let rank = prospects::rank_after(conn, id, stage.id, body.after)?.ok_or_else(|| {
        ApiError::field("after", Message::new("Carte introuvable dans cette colonne.", "No such card in this column."))
    })?;
    changes.stage_rank = Some(rank);
    let after = prospects::update(conn, id, &changes)?;
    if changing_stage {
        let words = match &after.outcome_reason {
            Some(reason) => format!("→ {} : {reason}", stage.name),
            None => format!("→ {}", stage.name),
        };
        prospects::add_activity(conn, id, ActivityKind::StageChange, &words, None, Some(staff.id()))?;
        audit::record(conn, &staff.audit(), "move", "prospect", Some(id.to_string()), audit::changes(&before, &after))?;
    }
    to_dto(conn, after)
}
