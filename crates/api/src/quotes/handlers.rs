use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use nourx_db::PgConn;
use nourx_db::invoices::Invoice;
use nourx_db::quotes::{self, Quote, QuoteFilter};
use nourx_domain::Workflow;
use nourx_domain::billing::QuoteStatus;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::decide::decide;
use super::dto::*;
use super::invoicing::{deposit_invoice, invoice_quote};
use super::rows::{find_quote, quote_dtos};
use crate::AppState;
use crate::billing::{self, REASON_MAX, change_then_show, status_filter, today};
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::long_text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::invoices::dto::InvoiceDto;

/// Quotes of the caller's clients (all of them for NOURX staff; never drafts for clients).
#[utoipa::path(
    tag = "quotes",
    params(QuoteListQuery, PageQuery),
    responses(
        (status = 200, body = Page<QuoteDto>),
        (status = 400, description = "Bad filter, ordering or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/quotes/")]
pub async fn list_quotes(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<QuoteListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<QuoteDto>>> {
    let request = page.request()?;
    let order = ordering(query.ordering.as_deref(), quotes::ORDERING_FIELDS)?;
    let filter = QuoteFilter {
        client_id: query.client,
        project_id: query.project,
        status: status_filter(query.status.as_deref(), QuoteStatus::ALL, QuoteStatus::as_str)?,
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
        hide_drafts: !caller.is_staff(),
    };
    let scope = caller.scope();
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = quotes::list(conn, &scope, &filter, &order, today(), request)?;
            Ok::<_, ApiError>((count, quote_dtos(conn, &caller, rows)?))
        })
        .await?;
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// Creates a draft quote (NOURX staff). Totals are computed from the items.
#[utoipa::path(
    tag = "quotes",
    request_body = CreateQuoteRequest,
    responses(
        (status = 201, body = QuoteDto),
        (status = 400, description = "Invalid field (per line: `items[2].quantity`), or unknown client or project", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/quotes/")]
pub async fn create_quote(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<CreateQuoteRequest>,
) -> ApiResult<HttpResponse> {
    let dto = billing::create::<Quote>(&state, staff, body.into()).await?;
    Ok(HttpResponse::Created().json(dto))
}

/// One quote with its items.
#[utoipa::path(
    tag = "quotes",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = QuoteDto),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such quote, another client's, or a draft seen by a client", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/quotes/{id}/")]
pub async fn get_quote(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<QuoteDto>> {
    let id = id.into_inner();
    let dto = state.db.run(move |conn| find_quote(conn, &caller, id)).await?;
    Ok(web::Json(dto))
}

/// Changes a draft quote (NOURX staff). `items` replaces every line; totals are recomputed.
#[utoipa::path(
    tag = "quotes",
    params(("id" = Uuid, Path)),
    request_body = UpdateQuoteRequest,
    responses(
        (status = 200, body = QuoteDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such quote, or another client's", body = ErrorDetail),
        (status = 409, description = "Not a draft (`not_editable`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/quotes/{id}/")]
pub async fn update_quote(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<UpdateQuoteRequest>,
) -> ApiResult<web::Json<QuoteDto>> {
    Ok(web::Json(billing::update::<Quote>(&state, caller, id.into_inner(), body.into()).await?))
}

/// Sends a draft quote (NOURX staff): gives it the next number of its year (`DV-2026-0007`),
/// sets the issue date (default today) and the validity (default 30 days), and emails the
/// client's billing contacts.
#[utoipa::path(
    tag = "quotes",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = QuoteDto),
        (status = 400, description = "No line to quote", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such quote, or another client's", body = ErrorDetail),
        (status = 409, description = "Not a draft (`invalid_transition`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/quotes/{id}/send/")]
pub async fn send_quote(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<QuoteDto>> {
    Ok(web::Json(billing::send::<Quote>(&state, caller, id.into_inner()).await?))
}

/// Accepts a sent quote (the client's owners, or NOURX staff on their behalf).
#[utoipa::path(
    tag = "quotes",
    params(("id" = Uuid, Path)),
    request_body(content = EmptyRequest, description = "An empty object, or no body"),
    responses(
        (status = 200, body = QuoteDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an owner of the client, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such quote, or another client's", body = ErrorDetail),
        (status = 409, description = "Not awaiting an answer: already decided or expired (`invalid_transition`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/quotes/{id}/accept/")]
pub async fn accept_quote(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<QuoteDto>> {
    let id = id.into_inner();
    let accepted = move |conn: &mut PgConn, caller: &Caller| decide(conn, caller, id, QuoteStatus::Accepted, None);
    Ok(web::Json(change_then_show::<Quote>(&state, caller, accepted).await?))
}

/// Declines a sent quote (the client's owners), with an optional reason.
#[utoipa::path(
    tag = "quotes",
    params(("id" = Uuid, Path)),
    request_body = DeclineQuoteRequest,
    responses(
        (status = 200, body = QuoteDto),
        (status = 400, description = "Reason too long", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an owner of the client, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such quote, or another client's", body = ErrorDetail),
        (status = 409, description = "Not awaiting an answer: already decided or expired (`invalid_transition`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/quotes/{id}/decline/")]
pub async fn decline_quote(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<DeclineQuoteRequest>,
) -> ApiResult<web::Json<QuoteDto>> {
    let id = id.into_inner();
    let mut errors = FieldErrors::new();
    let reason =
        body.reason.as_deref().map(|r| long_text(&mut errors, "reason", r, REASON_MAX)).filter(|r| !r.is_empty());
    errors.into_result()?;
    let declined = move |conn: &mut PgConn, caller: &Caller| decide(conn, caller, id, QuoteStatus::Declined, reason);
    Ok(web::Json(change_then_show::<Quote>(&state, caller, declined).await?))
}

/// Makes a draft invoice from an accepted quote (NOURX staff): same client, project, currency,
/// title, notes and lines. One invoice per quote (unless that invoice was cancelled).
#[utoipa::path(
    tag = "quotes",
    params(("id" = Uuid, Path)),
    responses(
        (status = 201, body = InvoiceDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such quote, or another client's", body = ErrorDetail),
        (status = 409, description = "Not accepted (`not_accepted`) or already invoiced (`already_invoiced`, with `invoice_id`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/quotes/{id}/invoice/")]
pub async fn invoice_from_quote(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let invoiced = move |conn: &mut PgConn, caller: &Caller| invoice_quote(conn, caller, id);
    let dto = change_then_show::<Invoice>(&state, caller, invoiced).await?;
    Ok(HttpResponse::Created().json(dto))
}

/// A deposit (acompte) to ask for an accepted quote, in percent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepositInvoiceRequest {
    /// Strictly between 0 and 100, two decimals at most.
    #[schema(value_type = String, example = "30")]
    pub percent: serde_json::Value,
}

/// Makes the deposit invoice of an accepted quote (NOURX staff): that percentage of each TVA
/// rate's base, one line per rate, as a draft. The quote's final invoice will deduct it.
#[utoipa::path(
    tag = "quotes",
    params(("id" = Uuid, Path)),
    request_body = DepositInvoiceRequest,
    responses(
        (status = 201, body = InvoiceDto),
        (status = 400, description = "`percent` outside 0–100", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such quote, or another client's", body = ErrorDetail),
        (status = 409, description = "`not_accepted`, `already_invoiced`, or `deposit_exists` (with `invoice_id`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/quotes/{id}/deposit-invoice/")]
pub async fn deposit_invoice_from_quote(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<DepositInvoiceRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let mut errors = FieldErrors::new();
    let percent = crate::line_items::percent(&mut errors, "percent", Some(&body.percent));
    errors.into_result()?;
    let percent = percent.unwrap_or_default();
    let made = move |conn: &mut PgConn, caller: &Caller| deposit_invoice(conn, caller, id, percent);
    let dto = change_then_show::<Invoice>(&state, caller, made).await?;
    Ok(HttpResponse::Created().json(dto))
}

/// A new draft quote copying this one (NOURX staff): client, project, title, lines, discount,
/// notes and terms; no number, no dates.
#[utoipa::path(
    tag = "quotes",
    params(("id" = Uuid, Path)),
    responses(
        (status = 201, body = QuoteDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such quote, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/quotes/{id}/duplicate/")]
pub async fn duplicate_quote(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let dto = billing::duplicate::<Quote>(&state, caller, id.into_inner()).await?;
    Ok(HttpResponse::Created().json(dto))
}
