use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use diesel::Connection;
use nourx_db::audit;
use nourx_db::invoices::NewInvoice;
use nourx_db::line_items::{self, ItemOwner, LineItem, NewLineItem};
use nourx_db::quotes::{self, NewQuote, QuoteChanges, QuoteFilter, QuoteRow};
use nourx_db::sequences::SequenceKind;
use nourx_domain::billing::QuoteStatus;
use nourx_domain::{Action, Message, Workflow};
use nourx_mail::TemplateKey;
use uuid::Uuid;

use super::dto::*;
use super::invoices::find_invoice;
use super::{
    NOTES_MAX, REASON_MAX, TITLE_MAX, billed_client, check_project, currency, date_order, email_billing_contacts,
    format_date, issue, price_items, today,
};
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::dto_util::long_text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// The DTOs of `rows`: items, deciders and invoices made from them loaded in three queries.
fn quote_dtos(conn: &mut nourx_db::PgConn, caller: &Caller, rows: Vec<QuoteRow>) -> Result<Vec<QuoteDto>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|(quote, _, _)| quote.id).collect();
    let mut items: HashMap<Uuid, Vec<LineItem>> = HashMap::new();
    for item in line_items::of_quotes(conn, &ids)? {
        if let Some(owner) = item.quote_id {
            items.entry(owner).or_default().push(item);
        }
    }
    let invoices: HashMap<Uuid, Uuid> = quotes::invoices_of(conn, &ids)?.into_iter().collect();
    let decider_ids: Vec<Uuid> = rows.iter().filter_map(|(quote, _, _)| quote.decided_by).collect();
    let names = nourx_db::users::names(conn, &decider_ids)?;
    let today = today();
    Ok(rows
        .into_iter()
        .map(|row| {
            let quote = &row.0;
            let extras = QuoteExtras {
                decided_by: quote
                    .decided_by
                    .map(|id| PersonRef { id, name: names.get(&id).cloned().unwrap_or_default() }),
                invoice_id: invoices.get(&quote.id).copied(),
                caller_may_decide: caller.can(quote.client_id, Action::DecideQuote),
            };
            let own = items.remove(&quote.id).unwrap_or_default();
            QuoteDto::new(row, own, extras, today)
        })
        .collect())
}

fn find_quote(conn: &mut nourx_db::PgConn, caller: &Caller, id: Uuid) -> Result<QuoteDto, ApiError> {
    let row = quotes::find(conn, &caller.scope(), id, !caller.is_admin())?.ok_or(ApiError::NotFound)?;
    quote_dtos(conn, caller, vec![row])?.pop().ok_or(ApiError::NotFound)
}

/// The quote locked for a change by NOURX staff: 404 when the caller cannot see it (another
/// client's, or a draft seen by a client), then 403 when the caller is not staff.
fn lock_for_staff(conn: &mut nourx_db::PgConn, caller: &Caller, id: Uuid) -> Result<nourx_db::quotes::Quote, ApiError> {
    quotes::find(conn, &caller.scope(), id, !caller.is_admin())?.ok_or(ApiError::NotFound)?;
    caller.require_admin()?;
    quotes::lock(conn, id)?.ok_or(ApiError::NotFound)
}

fn status_of(status: &str) -> QuoteStatus {
    QuoteStatus::parse(status).unwrap_or(QuoteStatus::Draft)
}

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
        status: choice("status", query.status.as_deref(), quotes::STATUS_FILTERS)?.map(str::to_owned),
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
        hide_drafts: !caller.is_admin(),
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
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<CreateQuoteRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_admin()?;
    let mut errors = FieldErrors::new();
    let title = long_text(&mut errors, "title", &body.title, TITLE_MAX);
    let notes = long_text(&mut errors, "notes", &body.notes, NOTES_MAX);
    let code = body.currency.as_deref().map(|c| currency(&mut errors, c));
    date_order(&mut errors, "valid_until", body.issue_date, body.valid_until);
    let priced = price_items(&mut errors, &body.items);
    errors.into_result()?;
    let (items, totals) = priced.unwrap_or_default();
    let audit_context = caller.audit();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let client = billed_client(conn, body.client_id, body.project_id)?;
                let quote = NewQuote {
                    id: Uuid::now_v7(),
                    client_id: client.id,
                    project_id: body.project_id,
                    title: &title,
                    currency: code.as_deref().unwrap_or(&client.currency),
                    issue_date: body.issue_date,
                    valid_until: body.valid_until,
                    notes: &notes,
                    total_ht: totals.ht,
                    total_tva: totals.tva,
                    total_ttc: totals.ttc,
                    created_by: Some(caller.id()),
                }
                .insert(conn)?;
                line_items::replace(conn, ItemOwner::Quote(quote.id), &items)?;
                audit::record(
                    conn,
                    &audit_context,
                    "create",
                    "quote",
                    Some(quote.id.to_string()),
                    audit::snapshot(&quote),
                )?;
                find_quote(conn, &caller, quote.id)
            })
        })
        .await?;
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
    let id = id.into_inner();
    let audit_context = caller.audit();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = lock_for_staff(conn, &caller, id)?;
                if status_of(&before.status) != QuoteStatus::Draft {
                    return Err(ApiError::Conflict {
                        code: "not_editable",
                        message: Message::new(
                            "Seul un devis en brouillon se modifie. Pour changer une offre envoyée, faites un nouveau devis.",
                            "Only a draft quote can be edited. To change a sent offer, make a new quote.",
                        ),
                        extra: serde_json::Value::Null,
                    });
                }
                let mut errors = FieldErrors::new();
                let title = body.title.as_deref().map(|t| long_text(&mut errors, "title", t, TITLE_MAX));
                let notes = body.notes.as_deref().map(|n| long_text(&mut errors, "notes", n, NOTES_MAX));
                let code = body.currency.as_deref().map(|c| currency(&mut errors, c));
                let issue_date = body.issue_date.unwrap_or(before.issue_date);
                let valid_until = body.valid_until.unwrap_or(before.valid_until);
                date_order(&mut errors, "valid_until", issue_date, valid_until);
                let priced = body.items.as_deref().map(|items| price_items(&mut errors, items));
                check_project(conn, &mut errors, before.client_id, body.project_id.flatten())?;
                errors.into_result()?;
                let mut changes = QuoteChanges {
                    project_id: body.project_id,
                    title,
                    notes,
                    currency: code,
                    issue_date: body.issue_date,
                    valid_until: body.valid_until,
                    ..QuoteChanges::default()
                };
                if let Some(Some((items, totals))) = priced {
                    line_items::replace(conn, ItemOwner::Quote(id), &items)?;
                    changes.total_ht = Some(totals.ht);
                    changes.total_tva = Some(totals.tva);
                    changes.total_ttc = Some(totals.ttc);
                }
                let after = quotes::update(conn, id, &changes)?;
                audit::record(conn, &audit_context, "update", "quote", Some(id.to_string()), audit::changes(&before, &after))?;
                find_quote(conn, &caller, id)
            })
        })
        .await?;
    Ok(web::Json(dto))
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
    let id = id.into_inner();
    let audit_context = caller.audit();
    let web_url = state.config.public_web_url.clone();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = lock_for_staff(conn, &caller, id)?;
                status_of(&before.status).transition_to(QuoteStatus::Sent).map_err(ApiError::invalid_transition)?;
                let issued = issue(
                    conn,
                    SequenceKind::Quote,
                    before.issue_date,
                    before.valid_until,
                    before.total_ttc,
                    Message::new(
                        "Ajoutez au moins une ligne d'un montant non nul avant d'envoyer le devis.",
                        "Add at least one line with a non-zero amount before sending the quote.",
                    ),
                )?;
                let now = nourx_db::clock::transaction_now(conn)?;
                let after = quotes::update(
                    conn,
                    id,
                    &QuoteChanges {
                        number: Some(Some(issued.number.clone())),
                        status: Some(QuoteStatus::Sent.as_str().to_owned()),
                        issue_date: Some(Some(issued.issue_date)),
                        valid_until: Some(Some(issued.term_end)),
                        sent_at: Some(Some(now)),
                        ..QuoteChanges::default()
                    },
                )?;
                email_billing_contacts(conn, after.client_id, TemplateKey::QuoteSent, |lang| {
                    serde_json::json!({
                        "number": issued.number,
                        "title": if after.title.is_empty() { issued.number.clone() } else { after.title.clone() },
                        "total": nourx_domain::money::format_amount(after.total_ttc, &after.currency, lang),
                        "valid_until": format_date(issued.term_end),
                        "quote_url": format!("{web_url}/devis/{id}"),
                        "pdf_url": format!("{web_url}/api/quotes/{id}/pdf/"),
                    })
                })?;
                audit::record(
                    conn,
                    &audit_context,
                    "send",
                    "quote",
                    Some(id.to_string()),
                    audit::changes(&before, &after),
                )?;
                find_quote(conn, &caller, id)
            })
        })
        .await?;
    Ok(web::Json(dto))
}

/// Accepts or declines a sent quote, recording who, when and from which address.
fn decide(
    conn: &mut nourx_db::PgConn,
    caller: &Caller,
    id: Uuid,
    to: QuoteStatus,
    reason: Option<String>,
) -> Result<QuoteDto, ApiError> {
    conn.transaction(|conn| {
        let visible = quotes::find(conn, &caller.scope(), id, !caller.is_admin())?.ok_or(ApiError::NotFound)?;
        caller.require(visible.0.client_id, Action::DecideQuote)?;
        let before = quotes::lock(conn, id)?.ok_or(ApiError::NotFound)?;
        // An expired quote is shown, and refused, as expired even if no job stored it yet.
        let from = status_of(&before.status).effective(before.valid_until, today());
        from.transition_to(to).map_err(ApiError::invalid_transition)?;
        let now = nourx_db::clock::transaction_now(conn)?;
        let after = quotes::update(
            conn,
            id,
            &QuoteChanges {
                status: Some(to.as_str().to_owned()),
                decided_at: Some(Some(now)),
                decided_by: Some(Some(caller.id())),
                decided_ip: Some(caller.ip.clone()),
                decline_reason: Some(reason),
                ..QuoteChanges::default()
            },
        )?;
        let action = if to == QuoteStatus::Accepted { "accept" } else { "decline" };
        audit::record(conn, &caller.audit(), action, "quote", Some(id.to_string()), audit::changes(&before, &after))?;
        find_quote(conn, caller, id)
    })
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
    let dto = state.db.run(move |conn| decide(conn, &caller, id, QuoteStatus::Accepted, None)).await?;
    Ok(web::Json(dto))
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
    let dto = state.db.run(move |conn| decide(conn, &caller, id, QuoteStatus::Declined, reason)).await?;
    Ok(web::Json(dto))
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
    let audit_context = caller.audit();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let quote = lock_for_staff(conn, &caller, id)?;
                if status_of(&quote.status) != QuoteStatus::Accepted {
                    return Err(ApiError::Conflict {
                        code: "not_accepted",
                        message: Message::new(
                            "Seul un devis accepté peut être facturé.",
                            "Only an accepted quote can be invoiced.",
                        ),
                        extra: serde_json::json!({"status": quote.status}),
                    });
                }
                if let Some((_, invoice_id)) = quotes::invoices_of(conn, &[id])?.first() {
                    return Err(ApiError::Conflict {
                        code: "already_invoiced",
                        message: Message::new("Ce devis a déjà une facture.", "This quote already has an invoice."),
                        extra: serde_json::json!({"invoice_id": invoice_id}),
                    });
                }
                let items: Vec<NewLineItem> = line_items::of_quotes(conn, &[id])?
                    .into_iter()
                    .map(|item| NewLineItem {
                        label: item.label,
                        description: item.description,
                        quantity_hundredths: item.quantity_hundredths,
                        unit_price: item.unit_price,
                        tax_rate_bp: item.tax_rate_bp,
                        total_ht: item.total_ht,
                        total_tva: item.total_tva,
                    })
                    .collect();
                let invoice = NewInvoice {
                    id: Uuid::now_v7(),
                    client_id: quote.client_id,
                    project_id: quote.project_id,
                    quote_id: Some(quote.id),
                    title: &quote.title,
                    currency: &quote.currency,
                    issue_date: None,
                    due_date: None,
                    notes: &quote.notes,
                    total_ht: quote.total_ht,
                    total_tva: quote.total_tva,
                    total_ttc: quote.total_ttc,
                    created_by: Some(caller.id()),
                }
                .insert(conn)?;
                line_items::replace(conn, ItemOwner::Invoice(invoice.id), &items)?;
                let mut values = audit::snapshot(&invoice);
                if let Some(values) = values.as_object_mut() {
                    values.insert("from_quote".into(), audit::snapshot(&quote.number));
                }
                audit::record(conn, &audit_context, "create", "invoice", Some(invoice.id.to_string()), values)?;
                find_invoice(conn, &caller, invoice.id)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(dto))
}
