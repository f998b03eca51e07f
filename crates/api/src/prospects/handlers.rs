//! Prospects (NOURX staff): the list with its filters, one prospect, creating, changing and
//! deleting one (never once converted).

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::Utc;
use diesel::Connection;
use nourx_db::prospects::{self, NewProspect, Prospect, ProspectChanges, ProspectFilter};
use nourx_db::{PgConn, audit};
use nourx_domain::Message;
use nourx_domain::client::{ClientSize, normalize_tags};
use nourx_domain::email::Email;
use nourx_domain::prospects::{ProspectSource, StageKind};
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::Staff;
use crate::http::dto_util::{long_text, text};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice_of, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

const COMPANY_MAX: usize = 200;
const NAME_MAX: usize = 120;
const SHORT_MAX: usize = 80;
const NOTES_MAX: usize = 10_000;

/// The DTOs of `rows`: stage names and owner names in one query each.
pub(crate) fn to_dtos(conn: &mut PgConn, rows: Vec<Prospect>) -> Result<Vec<ProspectDto>, ApiError> {
    let stages = prospects::stages(conn)?;
    dtos_with_stages(conn, rows, &stages)
}

/// As `to_dtos`, with the stages the caller already read.
pub(crate) fn dtos_with_stages(
    conn: &mut PgConn,
    rows: Vec<Prospect>,
    stages: &[prospects::Stage],
) -> Result<Vec<ProspectDto>, ApiError> {
    let stages = stages.iter().map(|s| (s.id, (s.name.clone(), s.kind))).collect();
    let owner_ids: Vec<Uuid> = rows.iter().filter_map(|p| p.owner_id).collect();
    let owners = nourx_db::users::names(conn, &owner_ids)?;
    let context = ProspectContext { stages, owners };
    Ok(rows.into_iter().map(|p| ProspectDto::new(p, &context)).collect())
}

pub(crate) fn to_dto(conn: &mut PgConn, row: Prospect) -> Result<ProspectDto, ApiError> {
    to_dtos(conn, vec![row])?.pop().ok_or(ApiError::NotFound)
}

/// A text that may be cleared: blank clears.
fn optional(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<Option<String>>,
    max: usize,
) -> Option<Option<String>> {
    value.map(|v| v.filter(|v| !v.trim().is_empty()).map(|v| text(errors, field, &v, max)))
}

/// The checked changes `body` asks (for a new prospect: every field, the company required).
pub(crate) fn changes_of(body: ProspectRequest, creating: bool) -> Result<ProspectChanges, ApiError> {
    let mut errors = FieldErrors::new();
    let company = match body.company {
        Some(company) => Some(text(&mut errors, "company", &company, COMPANY_MAX)),
        None if creating => {
            errors.add("company", Message::new("Ce champ est obligatoire.", "This field is required."));
            None
        }
        None => None,
    };
    let email = body.email.map(|email| {
        email.filter(|e| !e.trim().is_empty()).and_then(|e| match Email::parse(&e) {
            Ok(email) => Some(email.into_inner()),
            Err(message) => {
                errors.add("email", message);
                None
            }
        })
    });
    if body.estimated_value.is_some_and(|v| v < 0) {
        errors.add("estimated_value", Message::new("Un montant positif ou nul.", "A positive amount or zero."));
    }
    if body.probability.is_some_and(|p| !(0..=100).contains(&p)) {
        errors.add("probability", Message::new("Entre 0 et 100 %.", "Between 0 and 100 %."));
    }
    let tags = body.tags.map(|tags| {
        normalize_tags(&tags).unwrap_or_else(|message| {
            errors.add("tags", message);
            vec![]
        })
    });
    let changes = ProspectChanges {
        company,
        contact_name: body.contact_name.map(|n| long_text(&mut errors, "contact_name", n.trim(), NAME_MAX)),
        email,
        phone: optional(&mut errors, "phone", body.phone, SHORT_MAX),
        whatsapp: optional(&mut errors, "whatsapp", body.whatsapp, SHORT_MAX),
        source: body.source,
        estimated_value: body.estimated_value,
        probability: body.probability,
        expected_close: body.expected_close,
        owner_id: body.owner_id,
        sector: optional(&mut errors, "sector", body.sector, SHORT_MAX),
        city: optional(&mut errors, "city", body.city, SHORT_MAX),
        size: body.size,
        tags,
        notes: body.notes.map(|n| long_text(&mut errors, "notes", &n, NOTES_MAX)),
        next_follow_up: body.next_follow_up,
        ..ProspectChanges::default()
    };
    errors.into_result()?;
    Ok(changes)
}

/// 400 on `owner_id` unless it is an active NOURX staff member.
pub(crate) fn check_owner(conn: &mut PgConn, owner: Option<Option<Uuid>>) -> Result<(), ApiError> {
    if let Some(Some(owner)) = owner
        && !nourx_db::tickets::is_assignable(conn, owner)?
    {
        let message = Message::new(
            "Seul un membre actif de l'équipe NOURX peut suivre un prospect.",
            "Only an active NOURX staff member can own a prospect.",
        );
        return Err(ApiError::field("owner_id", message));
    }
    Ok(())
}

fn duplicate_email(error: diesel::result::Error) -> ApiError {
    if prospects::is_duplicate_email(&error) {
        ApiError::field(
            "email",
            Message::new("Un prospect avec cet e-mail existe déjà.", "A prospect with this email already exists."),
        )
    } else {
        error.into()
    }
}

/// A new prospect from checked `changes` in `stage` (the stage's probability unless given).
pub(crate) fn new_prospect(changes: ProspectChanges, stage: &prospects::Stage, by: Option<Uuid>) -> NewProspect {
    NewProspect {
        id: Uuid::now_v7(),
        company: changes.company.unwrap_or_default(),
        contact_name: changes.contact_name.unwrap_or_default(),
        email: changes.email.flatten(),
        phone: changes.phone.flatten(),
        whatsapp: changes.whatsapp.flatten(),
        source: changes.source.unwrap_or(ProspectSource::Other),
        estimated_value: changes.estimated_value.unwrap_or(0),
        probability: changes.probability.unwrap_or(stage.probability),
        expected_close: changes.expected_close.flatten(),
        owner_id: changes.owner_id.flatten(),
        sector: changes.sector.flatten(),
        city: changes.city.flatten(),
        size: changes.size.flatten(),
        tags: changes.tags.unwrap_or_default(),
        notes: changes.notes.unwrap_or_default(),
        stage_id: stage.id,
        stage_rank: 0,
        next_follow_up: changes.next_follow_up.flatten(),
        created_by: by,
    }
}

/// The open stage a new prospect goes to: `stage_id`'s, or the first.
fn entry_stage(conn: &mut PgConn, stage_id: Option<Uuid>) -> Result<prospects::Stage, ApiError> {
    let stage = match stage_id {
        Some(id) => prospects::find_stage(conn, id)?.filter(|s| s.kind == StageKind::Open),
        None => prospects::first_open_stage(conn)?,
    };
    stage.ok_or_else(|| {
        ApiError::field("stage_id", Message::new("Choisissez une étape en cours.", "Choose an open stage."))
    })
}

/// Prospects (NOURX staff), with filters for the list view, the board's columns and the
/// follow-ups due.
#[utoipa::path(
    tag = "prospects",
    params(ProspectListQuery, PageQuery),
    responses(
        (status = 200, body = Page<ProspectDto>),
        (status = 400, description = "Bad filter, ordering or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/prospects/")]
pub async fn list_prospects(
    req: HttpRequest,
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<ProspectListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ProspectDto>>> {
    let request = page.request()?;
    let order = ordering(query.ordering.as_deref(), prospects::ORDERING_FIELDS)?;
    let filter = filter_of(&staff, &query)?;
    let count_key = format!("prospects:{filter:?}");
    let known_count = state.counts.get(&count_key);
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = prospects::list(conn, &filter, &order, request, known_count)?;
            Ok::<_, ApiError>((count, to_dtos(conn, rows)?))
        })
        .await?;
    state.counts.put(count_key, count);
    Ok(web::Json(Page::new(&req, request, count, results)))
}

pub(crate) fn filter_of(staff: &Staff, query: &ProspectListQuery) -> Result<ProspectFilter, ApiError> {
    let owner = match query.owner.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("me") => Some(staff.id()),
        Some(id) => Some(
            id.parse::<Uuid>()
                .map_err(|_| ApiError::field("owner", Message::new("Un identifiant ou « me ».", "An id or \"me\".")))?,
        ),
    };
    let blank = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    Ok(ProspectFilter {
        stage_id: query.stage,
        outcome: choice_of("outcome", query.outcome.as_deref(), StageKind::ALL, StageKind::as_str)?,
        owner_id: owner,
        source: choice_of("source", query.source.as_deref(), ProspectSource::ALL, ProspectSource::as_str)?,
        sector: blank(&query.sector),
        city: blank(&query.city),
        size: choice_of("size", query.size.as_deref(), ClientSize::ALL, ClientSize::as_str)?,
        tag: blank(&query.tag),
        follow_up_by: match query.follow_up.as_deref() {
            None | Some("") => None,
            Some("due") => Some(Utc::now().date_naive()),
            Some(_) => return Err(ApiError::field("follow_up", Message::new("« due » seulement.", "\"due\" only."))),
        },
        converted: query.converted,
        search: blank(&query.search),
    })
}

/// Adds a prospect (NOURX staff) in an open stage (the first by default); audited.
#[utoipa::path(
    tag = "prospects",
    request_body = ProspectRequest,
    responses(
        (status = 201, body = ProspectDto),
        (status = 400, description = "Missing company, bad email (or one a prospect has), value, probability, tags, owner or stage", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/prospects/")]
pub async fn create_prospect(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<ProspectRequest>,
) -> ApiResult<HttpResponse> {
    let stage_id = body.stage_id;
    let changes = changes_of(body, true)?;
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                check_owner(conn, changes.owner_id)?;
                let stage = entry_stage(conn, stage_id)?;
                let mut rows = [new_prospect(changes, &stage, Some(staff.id()))];
                let created =
                    prospects::insert_all(conn, &mut rows).map_err(duplicate_email)?.pop().ok_or(ApiError::NotFound)?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "create",
                    "prospect",
                    Some(created.id.to_string()),
                    audit::snapshot(&created),
                )?;
                to_dto(conn, created)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(dto))
}

/// One prospect (NOURX staff).
#[utoipa::path(
    tag = "prospects",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ProspectDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
        (status = 404, description = "No such prospect", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/prospects/{id}/")]
pub async fn get_prospect(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ProspectDto>> {
    let id = id.into_inner();
    let dto = state
        .db
        .run(move |conn| {
            let row = prospects::find(conn, id)?.ok_or(ApiError::NotFound)?;
            to_dto(conn, row)
        })
        .await?;
    Ok(web::Json(dto))
}

/// Changes a prospect's details (NOURX staff); its stage moves with `…/move/`. Audited.
#[utoipa::path(
    tag = "prospects",
    params(("id" = Uuid, Path)),
    request_body = ProspectRequest,
    responses(
        (status = 200, body = ProspectDto),
        (status = 400, description = "Bad field, or `stage_id` (use the move)", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such prospect", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/admin/prospects/{id}/")]
pub async fn update_prospect(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    Json(body): Json<ProspectRequest>,
) -> ApiResult<web::Json<ProspectDto>> {
    if body.stage_id.is_some() {
        let message = Message::new("Déplacez le prospect avec « move ».", "Move the prospect with \"move\".");
        return Err(ApiError::field("stage_id", message));
    }
    let (id, changes) = (id.into_inner(), changes_of(body, false)?);
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = prospects::lock(conn, id)?.ok_or(ApiError::NotFound)?;
                check_owner(conn, changes.owner_id)?;
                let after = prospects::update(conn, id, &changes).map_err(duplicate_email)?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "update",
                    "prospect",
                    Some(id.to_string()),
                    audit::changes(&before, &after),
                )?;
                to_dto(conn, after)
            })
        })
        .await?;
    Ok(web::Json(dto))
}

fn converted_kept() -> ApiError {
    ApiError::Conflict {
        code: "prospect_converted",
        message: Message::new(
            "Un prospect devenu client est gardé pour l'historique.",
            "A prospect that became a client is kept for the record.",
        ),
        extra: serde_json::json!({}),
    }
}

/// Deletes a prospect that never became a client (NOURX staff); audited.
#[utoipa::path(
    tag = "prospects",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such prospect", body = ErrorDetail),
        (status = 409, description = "It became a client (`prospect_converted`): kept", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/admin/prospects/{id}/")]
pub async fn delete_prospect(staff: Staff, state: web::Data<AppState>, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let prospect = prospects::lock(conn, id)?.ok_or(ApiError::NotFound)?;
                if prospect.converted_at.is_some() {
                    return Err(converted_kept());
                }
                prospects::delete(conn, id)?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "delete",
                    "prospect",
                    Some(id.to_string()),
                    audit::snapshot(&prospect),
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
