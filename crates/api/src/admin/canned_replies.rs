//! Canned replies: saved answers in French and English that staff insert in a ticket reply,
//! with variables filled from the ticket (`{{contact_name}}`…). Every staff member manages them.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use diesel::Connection;
use nourx_db::canned_replies::{self, CannedReply, CannedReplyChanges, NewCannedReply};
use nourx_db::{PgConn, Scope, audit};
use nourx_domain::canned::{ReplyContext, VARIABLES, check_template, render};
use nourx_domain::{Locale, Message};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

const TITLE_MAX: usize = 120;
const BODY_MAX: usize = 10_000;

#[derive(Debug, Serialize, ToSchema)]
pub struct CannedReplyDto {
    pub id: Uuid,
    #[schema(example = "Accusé de réception")]
    pub title: String,
    #[schema(example = "Bonjour {{contact_name}}, nous avons bien reçu votre demande.")]
    pub body_fr: String,
    #[schema(example = "Hello {{contact_name}}, we have received your request.")]
    pub body_en: String,
    pub updated_at: DateTime<Utc>,
}

impl From<CannedReply> for CannedReplyDto {
    fn from(reply: CannedReply) -> Self {
        CannedReplyDto {
            id: reply.id,
            title: reply.title,
            body_fr: reply.body_fr,
            body_en: reply.body_en,
            updated_at: reply.updated_at,
        }
    }
}

/// A variable a canned reply may use.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReplyVariableDto {
    #[schema(example = "contact_name")]
    pub name: String,
    pub description: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CannedRepliesDto {
    pub results: Vec<CannedReplyDto>,
    /// What `{{…}}` may name.
    pub variables: Vec<ReplyVariableDto>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CannedReplyQuery {
    /// Part of the title or of a text.
    pub search: Option<String>,
}

/// The canned replies, by title, and the variables they may use.
#[utoipa::path(
    tag = "admin",
    params(CannedReplyQuery),
    responses((status = 200, body = CannedRepliesDto), (status = 401, body = ErrorDetail), (status = 403, description = "Not NOURX staff", body = ErrorDetail)),
    security(("session_cookie" = []))
)]
#[get("/admin/canned-replies/")]
pub async fn list_canned_replies(
    _staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<CannedReplyQuery>,
) -> ApiResult<web::Json<CannedRepliesDto>> {
    let search = query.into_inner().search.filter(|s| !s.trim().is_empty());
    let rows = state.db.run(move |conn| canned_replies::list(conn, search.as_deref()).map_err(ApiError::from)).await?;
    let variables = VARIABLES
        .iter()
        .map(|(name, description)| ReplyVariableDto { name: (*name).into(), description: (*description).into() });
    Ok(web::Json(CannedRepliesDto {
        results: rows.into_iter().map(CannedReplyDto::from).collect(),
        variables: variables.collect(),
    }))
}

/// A canned reply to create, or the fields to change (absent: kept).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CannedReplyRequest {
    /// 1–120 characters, unique.
    pub title: Option<String>,
    /// 1–10 000 characters; `{{variable}}` slots must be known variables.
    pub body_fr: Option<String>,
    pub body_en: Option<String>,
}

/// The checked fields of a request: each given one, or a 400 naming every problem.
struct CheckedReply {
    title: Option<String>,
    body_fr: Option<String>,
    body_en: Option<String>,
}

impl CannedReplyRequest {
    fn check(&self, creating: bool) -> Result<CheckedReply, ApiError> {
        let mut errors = FieldErrors::new();
        let required = Message::new("Ce champ est obligatoire.", "This field is required.");
        let mut field = |name: &str, value: &Option<String>, max: usize, template: bool| match value {
            Some(value) => {
                let value = text(&mut errors, name, value, max);
                if let (true, Err(message)) = (template, check_template(&value)) {
                    errors.add(name, message);
                }
                Some(value)
            }
            None if creating => {
                errors.add(name, required.clone());
                None
            }
            None => None,
        };
        let title = field("title", &self.title, TITLE_MAX, false);
        let body_fr = field("body_fr", &self.body_fr, BODY_MAX, true);
        let body_en = field("body_en", &self.body_en, BODY_MAX, true);
        errors.into_result()?;
        Ok(CheckedReply { title, body_fr, body_en })
    }
}

fn duplicate_title(error: diesel::result::Error) -> ApiError {
    if canned_replies::is_duplicate_title(&error) {
        ApiError::field("title", Message::new("Une réponse porte déjà ce titre.", "A reply already has this title."))
    } else {
        error.into()
    }
}

/// Saves a canned reply; audited.
#[utoipa::path(
    tag = "admin",
    request_body = CannedReplyRequest,
    responses(
        (status = 201, body = CannedReplyDto),
        (status = 400, description = "Missing or blank field, title taken, unknown variable", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/canned-replies/")]
pub async fn create_canned_reply(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<CannedReplyRequest>,
) -> ApiResult<HttpResponse> {
    let checked = body.check(true)?;
    let reply = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let reply = NewCannedReply {
                    id: Uuid::now_v7(),
                    title: checked.title.as_deref().unwrap_or_default(),
                    body_fr: checked.body_fr.as_deref().unwrap_or_default(),
                    body_en: checked.body_en.as_deref().unwrap_or_default(),
                    created_by: Some(staff.id()),
                    updated_by: Some(staff.id()),
                }
                .insert(conn)
                .map_err(duplicate_title)?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "create",
                    "canned_reply",
                    Some(reply.id.to_string()),
                    audit::snapshot(&reply),
                )?;
                Ok::<_, ApiError>(reply)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(CannedReplyDto::from(reply)))
}

/// Changes a canned reply; audited.
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    request_body = CannedReplyRequest,
    responses(
        (status = 200, body = CannedReplyDto),
        (status = 400, description = "Blank field, title taken, unknown variable", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such canned reply", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/admin/canned-replies/{id}/")]
pub async fn update_canned_reply(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    Json(body): Json<CannedReplyRequest>,
) -> ApiResult<web::Json<CannedReplyDto>> {
    let (checked, id) = (body.check(false)?, id.into_inner());
    let changes = CannedReplyChanges {
        title: checked.title,
        body_fr: checked.body_fr,
        body_en: checked.body_en,
        updated_by: Some(Some(staff.id())),
    };
    let reply = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = canned_replies::find(conn, id)?.ok_or(ApiError::NotFound)?;
                let after =
                    canned_replies::update(conn, id, &changes).map_err(duplicate_title)?.ok_or(ApiError::NotFound)?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "update",
                    "canned_reply",
                    Some(id.to_string()),
                    audit::changes(&before, &after),
                )?;
                Ok::<_, ApiError>(after)
            })
        })
        .await?;
    Ok(web::Json(reply.into()))
}

/// Deletes a canned reply (replies already sent keep their text); audited.
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such canned reply", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/admin/canned-replies/{id}/")]
pub async fn delete_canned_reply(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let removed = canned_replies::delete(conn, id)?.ok_or(ApiError::NotFound)?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "delete",
                    "canned_reply",
                    Some(id.to_string()),
                    audit::snapshot(&removed),
                )?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RenderQuery {
    /// The ticket whose details fill the variables.
    pub ticket: Uuid,
    /// fr or en; default: the ticket's client's language.
    pub language: Option<Locale>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RenderedReplyDto {
    pub language: Locale,
    /// The text to put in the reply box (staff may edit it before sending).
    pub body: String,
}

/// The variables of ticket `ticket_id` for `staff`, and the client's language.
fn reply_context(conn: &mut PgConn, staff: &Staff, ticket_id: Uuid) -> Result<(ReplyContext, Locale), ApiError> {
    let ticket = nourx_db::tickets::find(conn, &Scope::All, ticket_id)?
        .ok_or_else(|| ApiError::field("ticket", crate::http::dto_util::not_found_reference("ticket")))?;
    let client = nourx_db::clients::find(conn, &Scope::All, ticket.client_id)?.ok_or(ApiError::NotFound)?;
    let names = nourx_db::users::names(conn, &[ticket.created_by])?;
    let context = ReplyContext {
        client_name: client.name.clone(),
        contact_name: names.get(&ticket.created_by).cloned().unwrap_or_default(),
        ticket_number: ticket.number,
        ticket_subject: ticket.subject,
        agent_name: staff.current.user.full_name.clone(),
    };
    Ok((context, client.language))
}

/// A canned reply filled for a ticket, in the client's language unless another is asked.
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path), RenderQuery),
    responses(
        (status = 200, body = RenderedReplyDto),
        (status = 400, description = "No such ticket, or a bad language", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
        (status = 404, description = "No such canned reply", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/canned-replies/{id}/render/")]
pub async fn render_canned_reply(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: web::Query<RenderQuery>,
) -> ApiResult<web::Json<RenderedReplyDto>> {
    let (id, query) = (id.into_inner(), query.into_inner());
    let rendered = state
        .db
        .run(move |conn| {
            let reply = canned_replies::find(conn, id)?.ok_or(ApiError::NotFound)?;
            let (context, client_language) = reply_context(conn, &staff, query.ticket)?;
            let language = query.language.unwrap_or(client_language);
            let template = if language == Locale::En { &reply.body_en } else { &reply.body_fr };
            Ok::<_, ApiError>(RenderedReplyDto { language, body: render(template, &context) })
        })
        .await?;
    Ok(web::Json(rendered))
}
