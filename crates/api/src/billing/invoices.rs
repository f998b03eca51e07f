use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use diesel::Connection;
use nourx_db::audit;
use nourx_db::invoices::{self, InvoiceChanges, InvoiceFilter, InvoiceRow, NewInvoice};
use nourx_db::line_items::{self, ItemOwner, LineItem};
use nourx_db::sequences::SequenceKind;
use nourx_domain::billing::InvoiceStatus;
use nourx_domain::{Message, Workflow};
use nourx_mail::TemplateKey;
use uuid::Uuid;

use super::dto::*;
use super::{
    NOTES_MAX, REASON_MAX, TITLE_MAX, billed_client, check_project, currency, date_order, email_billing_contacts,
    format_date, issue, price_items, today,
};
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::dto_util::{long_text, text};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// The DTOs of `rows`, with every item loaded in one query.
pub(crate) fn invoice_dtos(conn: &mut nourx_db::PgConn, rows: Vec<InvoiceRow>) -> Result<Vec<InvoiceDto>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|(invoice, _, _)| invoice.id).collect();
    let mut items: HashMap<Uuid, Vec<LineItem>> = HashMap::new();
    for item in line_items::of_invoices(conn, &ids)? {
        if let Some(owner) = item.invoice_id {
            items.entry(owner).or_default().push(item);
        }
    }
    let today = today();
    Ok(rows
        .into_iter()
        .map(|row| {
            let own = items.remove(&row.0.id).unwrap_or_default();
            InvoiceDto::new(row, own, today)
        })
        .collect())
}

/// One invoice as `caller` may see it (client users never see drafts).
pub(crate) fn find_invoice(conn: &mut nourx_db::PgConn, caller: &Caller, id: Uuid) -> Result<InvoiceDto, ApiError> {
    let row = invoices::find(conn, &caller.scope(), id, !caller.is_admin())?.ok_or(ApiError::NotFound)?;
    invoice_dtos(conn, vec![row])?.pop().ok_or(ApiError::NotFound)
}

/// The invoice locked for a change by NOURX staff: 404 when the caller cannot see it (another
/// client's, or a draft seen by a client), then 403 when the caller is not staff.
fn lock_for_staff(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    id: Uuid,
) -> Result<nourx_db::invoices::Invoice, ApiError> {
    invoices::find(conn, &caller.scope(), id, !caller.is_admin())?.ok_or(ApiError::NotFound)?;
    caller.require_admin()?;
    invoices::lock(conn, id)?.ok_or(ApiError::NotFound)
}

fn status_of(status: &str) -> InvoiceStatus {
    InvoiceStatus::parse(status).unwrap_or(InvoiceStatus::Draft)
}

fn not_editable() -> ApiError {
    ApiError::Conflict {
        code: "not_editable",
        message: Message::new(
            "Seule une facture en brouillon se modifie. Une facture envoyée s'annule, puis se refait.",
            "Only a draft invoice can be edited. A sent invoice is cancelled, then issued again.",
        ),
        extra: serde_json::Value::Null,
    }
}

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
    let filter = InvoiceFilter {
        client_id: query.client,
        project_id: query.project,
        status: choice("status", query.status.as_deref(), invoices::STATUS_FILTERS)?.map(str::to_owned),
        due_before: query.due_before,
        due_after: query.due_after,
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
        hide_drafts: !caller.is_admin(),
    };
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
            let outstanding = rows
                .iter()
                .map(|r| CurrencyAmount { currency: r.currency.clone(), amount: r.amount, count: r.count })
                .collect();
            let overdue = rows
                .iter()
                .filter(|r| r.overdue_count > 0)
                .map(|r| CurrencyAmount {
                    currency: r.currency.clone(),
                    amount: r.overdue_amount,
                    count: r.overdue_count,
                })
                .collect();
            Ok::<_, ApiError>(InvoiceSummaryDto { outstanding, overdue, next_due })
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
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<CreateInvoiceRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_admin()?;
    let mut errors = FieldErrors::new();
    let title = long_text(&mut errors, "title", &body.title, TITLE_MAX);
    let notes = long_text(&mut errors, "notes", &body.notes, NOTES_MAX);
    let code = body.currency.as_deref().map(|c| currency(&mut errors, c));
    date_order(&mut errors, "due_date", body.issue_date, body.due_date);
    let priced = price_items(&mut errors, &body.items);
    errors.into_result()?;
    let (items, totals) = priced.unwrap_or_default();
    let audit_context = caller.audit();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let client = billed_client(conn, body.client_id, body.project_id)?;
                let invoice = NewInvoice {
                    id: Uuid::now_v7(),
                    client_id: client.id,
                    project_id: body.project_id,
                    quote_id: None,
                    title: &title,
                    currency: code.as_deref().unwrap_or(&client.currency),
                    issue_date: body.issue_date,
                    due_date: body.due_date,
                    notes: &notes,
                    total_ht: totals.ht,
                    total_tva: totals.tva,
                    total_ttc: totals.ttc,
                    created_by: Some(caller.id()),
                }
                .insert(conn)?;
                line_items::replace(conn, ItemOwner::Invoice(invoice.id), &items)?;
                audit::record(
                    conn,
                    &audit_context,
                    "create",
                    "invoice",
                    Some(invoice.id.to_string()),
                    audit::snapshot(&invoice),
                )?;
                find_invoice(conn, &caller, invoice.id)
            })
        })
        .await?;
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
            let row = invoices::find(conn, &caller.scope(), id, !caller.is_admin())?.ok_or(ApiError::NotFound)?;
            let invoice = row.0.clone();
            let mut dto = invoice_dtos(conn, vec![row])?.pop().ok_or(ApiError::NotFound)?;
            dto.online_payment = Some(crate::payments::online_payment(conn, &caller, &invoice)?);
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
    let id = id.into_inner();
    let audit_context = caller.audit();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                // Visible first (404 for other clients' and for drafts a client cannot see), then 403.
                let before = lock_for_staff(conn, &caller, id)?;
                if status_of(&before.status) != InvoiceStatus::Draft {
                    return Err(not_editable());
                }
                let mut errors = FieldErrors::new();
                let title = body.title.as_deref().map(|t| long_text(&mut errors, "title", t, TITLE_MAX));
                let notes = body.notes.as_deref().map(|n| long_text(&mut errors, "notes", n, NOTES_MAX));
                let code = body.currency.as_deref().map(|c| currency(&mut errors, c));
                let issue_date = body.issue_date.unwrap_or(before.issue_date);
                let due_date = body.due_date.unwrap_or(before.due_date);
                date_order(&mut errors, "due_date", issue_date, due_date);
                let priced = body.items.as_deref().map(|items| price_items(&mut errors, items));
                check_project(conn, &mut errors, before.client_id, body.project_id.flatten())?;
                errors.into_result()?;
                let mut changes = InvoiceChanges {
                    project_id: body.project_id,
                    title,
                    notes,
                    currency: code,
                    issue_date: body.issue_date,
                    due_date: body.due_date,
                    ..InvoiceChanges::default()
                };
                if let Some(Some((items, totals))) = priced {
                    line_items::replace(conn, ItemOwner::Invoice(id), &items)?;
                    changes.total_ht = Some(totals.ht);
                    changes.total_tva = Some(totals.tva);
                    changes.total_ttc = Some(totals.ttc);
                }
                let after = invoices::update(conn, id, &changes)?;
                audit::record(
                    conn,
                    &audit_context,
                    "update",
                    "invoice",
                    Some(id.to_string()),
                    audit::changes(&before, &after),
                )?;
                find_invoice(conn, &caller, id)
            })
        })
        .await?;
    Ok(web::Json(dto))
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
    let id = id.into_inner();
    let audit_context = caller.audit();
    let web_url = state.config.public_web_url.clone();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = lock_for_staff(conn, &caller, id)?;
                status_of(&before.status).transition_to(InvoiceStatus::Sent).map_err(ApiError::invalid_transition)?;
                let issued = issue(
                    conn,
                    SequenceKind::Invoice,
                    before.issue_date,
                    before.due_date,
                    before.total_ttc,
                    Message::new(
                        "Ajoutez au moins une ligne d'un montant non nul avant d'envoyer la facture.",
                        "Add at least one line with a non-zero amount before sending the invoice.",
                    ),
                )?;
                let now = nourx_db::clock::transaction_now(conn)?;
                let after = invoices::update(
                    conn,
                    id,
                    &InvoiceChanges {
                        number: Some(Some(issued.number.clone())),
                        status: Some(InvoiceStatus::Sent.as_str().to_owned()),
                        issue_date: Some(Some(issued.issue_date)),
                        due_date: Some(Some(issued.term_end)),
                        sent_at: Some(Some(now)),
                        ..InvoiceChanges::default()
                    },
                )?;
                email_billing_contacts(conn, after.client_id, TemplateKey::InvoiceSent, |lang| {
                    serde_json::json!({
                        "number": issued.number,
                        "title": if after.title.is_empty() { issued.number.clone() } else { after.title.clone() },
                        "total": nourx_domain::money::format_amount(after.total_ttc, &after.currency, lang),
                        "due_date": format_date(issued.term_end),
                        "invoice_url": format!("{web_url}/factures/{id}"),
                        "pdf_url": format!("{web_url}/api/invoices/{id}/pdf/"),
                    })
                })?;
                audit::record(
                    conn,
                    &audit_context,
                    "send",
                    "invoice",
                    Some(id.to_string()),
                    audit::changes(&before, &after),
                )?;
                find_invoice(conn, &caller, id)
            })
        })
        .await?;
    Ok(web::Json(dto))
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
    let audit_context = caller.audit();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = lock_for_staff(conn, &caller, id)?;
                errors.into_result()?;
                if !status_of(&before.status).can_cancel(before.amount_paid) {
                    return Err(ApiError::Conflict {
                        code: "not_cancellable",
                        message: Message::new(
                            "Cette facture ne peut plus être annulée : elle a reçu un paiement ou est déjà close.",
                            "This invoice can no longer be cancelled: it has received a payment or is already closed.",
                        ),
                        extra: serde_json::json!({"status": before.status, "amount_paid": before.amount_paid}),
                    });
                }
                let now = nourx_db::clock::transaction_now(conn)?;
                let after = invoices::update(
                    conn,
                    id,
                    &InvoiceChanges {
                        status: Some(InvoiceStatus::Cancelled.as_str().to_owned()),
                        cancelled_at: Some(Some(now)),
                        cancelled_by: Some(Some(caller.id())),
                        cancel_reason: Some(Some(reason)),
                        ..InvoiceChanges::default()
                    },
                )?;
                audit::record(
                    conn,
                    &audit_context,
                    "cancel",
                    "invoice",
                    Some(id.to_string()),
                    audit::changes(&before, &after),
                )?;
                find_invoice(conn, &caller, id)
            })
        })
        .await?;
    Ok(web::Json(dto))
}
