use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use nourx_db::PgConn;
use nourx_db::invoices::{self, Invoice};
use uuid::Uuid;

use super::cancel::cancel;
use super::dto::*;
use super::rows::invoice_dtos;
use crate::AppState;
use crate::billing::{self, REASON_MAX, change_then_show, today};
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// Invoices of the caller's clients (all of them for NOURX staff; never drafts for clients).
#[utoipa::path(
    tag = "invoices",
    params(InvoiceListQuery, PageQuery),
    responses(
        (status = 200, body = Page<InvoiceDto>),
        (status = 400, description = "Bad filter, ordering or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/invoices/")]
pub async fn list_invoices(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<InvoiceListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<InvoiceDto>>> {
    let request = page.request()?;
    let order = ordering(query.ordering.as_deref(), invoices::ORDERING_FIELDS)?;
    let filter = query.filter(&caller)?;
    let scope = caller.scope();
    let count_key = format!("invoices:{scope:?}:{filter:?}");
    let known_count = state.counts.get(&count_key);
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = invoices::list(conn, &scope, &filter, &order, today(), request, known_count)?;
            Ok::<_, ApiError>((count, invoice_dtos(conn, rows)?))
        })
        .await?;
    state.counts.put(count_key, count);
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// What the caller's clients still have to pay, per currency, and the invoice due next.
#[utoipa::path(
    tag = "invoices",
    params(SummaryQuery),
    responses(
        (status = 200, body = InvoiceSummaryDto),
        (status = 400, description = "Malformed client id", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/invoices/summary/")]
pub async fn invoice_summary(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<SummaryQuery>,
) -> ApiResult<web::Json<InvoiceSummaryDto>> {
    let scope = caller.scope();
    let client = query.client;
    let summary = state
        .db
        .run(move |conn| {
            let rows = invoices::unpaid_summary(conn, &scope, client, today())?;
            let next_due = match invoices::next_due(conn, &scope, client)? {
                Some(row) => invoice_dtos(conn, vec![row])?.pop(),
                None => None,
            };
            Ok::<_, ApiError>(InvoiceSummaryDto::new(&rows, next_due))
        })
        .await?;
    Ok(web::Json(summary))
}

/// Creates a draft invoice (NOURX staff). Totals are computed from the items.
#[utoipa::path(
    tag = "invoices",
    request_body = CreateInvoiceRequest,
    responses(
        (status = 201, body = InvoiceDto),
        (status = 400, description = "Invalid field (per line: `items[2].quantity`), or unknown client or project", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/invoices/")]
pub async fn create_invoice(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<CreateInvoiceRequest>,
) -> ApiResult<HttpResponse> {
    let dto = billing::create::<Invoice>(&state, staff, body.into()).await?;
    Ok(HttpResponse::Created().json(dto))
}

/// One invoice with its items, and whether the caller can pay it online now (`online_payment`).
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = InvoiceDto),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such invoice, another client's, or a draft seen by a client", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/invoices/{id}/")]
pub async fn get_invoice(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<InvoiceDto>> {
    let id = id.into_inner();
    let dto = state
        .db
        .run(move |conn| {
            let row = invoices::find(conn, &caller.scope(), id, !caller.is_staff())?.ok_or(ApiError::NotFound)?;
            let invoice = row.0.clone();
            let mut dto = invoice_dtos(conn, vec![row])?.pop().ok_or(ApiError::NotFound)?;
            dto.online_payment =
                Some(crate::payments::online_payment(conn, &crate::payments::Payer::Person(&caller), &invoice)?);
            Ok::<_, ApiError>(dto)
        })
        .await?;
    Ok(web::Json(dto))
}

/// Changes a draft invoice (NOURX staff). `items` replaces every line; totals are recomputed.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    request_body = UpdateInvoiceRequest,
    responses(
        (status = 200, body = InvoiceDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such invoice, or another client's", body = ErrorDetail),
        (status = 409, description = "Not a draft (`not_editable`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/invoices/{id}/")]
pub async fn update_invoice(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<UpdateInvoiceRequest>,
) -> ApiResult<web::Json<InvoiceDto>> {
    // Visible first (404 for other clients' and for drafts a client cannot see), then 403.
    Ok(web::Json(billing::update::<Invoice>(&state, caller, id.into_inner(), body.into()).await?))
}

/// Sends a draft invoice (NOURX staff): gives it the next number of its year (`NX-2026-0042`,
/// no gaps, no duplicates), sets the issue date (default today) and the due date (default 30
/// days later), and emails the client's billing contacts with a link to the PDF.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = InvoiceDto),
        (status = 400, description = "No line to invoice", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such invoice, or another client's", body = ErrorDetail),
        (status = 409, description = "Not a draft (`invalid_transition`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/invoices/{id}/send/")]
pub async fn send_invoice(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<InvoiceDto>> {
    Ok(web::Json(billing::send::<Invoice>(&state, caller, id.into_inner()).await?))
}

/// Cancels an invoice that received no payment (NOURX staff), with a reason kept in history.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    request_body = CancelInvoiceRequest,
    responses(
        (status = 200, body = InvoiceDto),
        (status = 400, description = "Missing reason", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such invoice, or another client's", body = ErrorDetail),
        (status = 409, description = "Paid in part or in full, or already cancelled (`not_cancellable`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/invoices/{id}/cancel/")]
pub async fn cancel_invoice(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<CancelInvoiceRequest>,
) -> ApiResult<web::Json<InvoiceDto>> {
    let id = id.into_inner();
    let mut errors = FieldErrors::new();
    let reason = text(&mut errors, "reason", &body.reason, REASON_MAX);
    let reason = errors.into_result().map(|()| reason);
    let cancelled = move |conn: &mut PgConn, caller: &Caller| cancel(conn, caller, id, reason).map(|()| id);
    Ok(web::Json(change_then_show::<Invoice>(&state, caller, cancelled).await?))
}

/// A new draft invoice copying this one (NOURX staff): client, project, title, lines, discount,
/// notes and terms; no number, no dates.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    responses(
        (status = 201, body = InvoiceDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such invoice, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/invoices/{id}/duplicate/")]
pub async fn duplicate_invoice(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let dto = billing::duplicate::<Invoice>(&state, caller, id.into_inner()).await?;
    Ok(HttpResponse::Created().json(dto))
}
