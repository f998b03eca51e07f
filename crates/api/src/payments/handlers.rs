use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Utc;
use diesel::Connection;
use nourx_db::payments::{self, PaymentFilter};
use nourx_domain::payments::{PaymentSource, PaymentStatus, Trigger};
use uuid::Uuid;

use super::dto::*;
use super::settle::{RecheckError, recheck};
use super::start;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice};
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

pub(crate) fn caller_lang(caller: &Caller) -> nourx_domain::Lang {
    nourx_domain::Lang::from(caller.current.user.locale)
}

/// Starts paying (part of) an invoice: records the payment, asks CinetPay for its payment page,
/// and answers its address (`checkout_url`), where the browser goes next.
#[utoipa::path(
    tag = "payments",
    request_body = InitPaymentRequest,
    responses(
        (status = 201, description = "Payment started: send the payer to `checkout_url`", body = PaymentDto),
        (status = 400, description = "Bad amount (above the balance, not a multiple of 5, below the minimum, instalments off)", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "NOURX staff and viewers do not pay invoices online; or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such invoice, another client's, or a draft", body = ErrorDetail),
        (status = 409, description = "`not_payable`, or `payment_in_progress` (the body carries `payment_id` and `checkout_url`)", body = ErrorDetail),
        (status = 503, description = "`payment_provider_unavailable`: CinetPay cannot be reached; nothing stays pending", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/payments/init/")]
pub async fn init_payment(
    state: web::Data<AppState>,
    caller: Caller,
    Json(request): Json<InitPaymentRequest>,
) -> ApiResult<HttpResponse> {
    let (config, starter) = (state.config.clone(), caller.clone());
    let started = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| start::record_payment(conn, &config, &start::Payer::Person(&starter), &request))
        })
        .await?;
    let lang = caller_lang(&caller);
    let checkout = start::open_checkout(&state.payments, &started, lang).await?;
    let (scope, payment_id, changes) = (caller.scope(), started.payment.id, checkout.changes);
    let row = state.db.run(move |conn| start::record_checkout(conn, &scope, payment_id, &changes)).await?;
    if let Some(error) = checkout.failure {
        return Err(error);
    }
    Ok(HttpResponse::Created().json(PaymentDto::new(row, lang, caller.is_staff(), Utc::now())))
}

/// Online payments of the caller's clients (every client's for NOURX staff), newest first.
#[utoipa::path(
    tag = "payments",
    params(PaymentListQuery, PageQuery),
    responses(
        (status = 200, body = Page<PaymentDto>),
        (status = 400, description = "Bad filter or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/payments/")]
pub async fn list_payments(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<PaymentListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<PaymentDto>>> {
    let request = page.request()?;
    let filter = PaymentFilter {
        invoice_id: query.invoice,
        client_id: query.client,
        status: choice("status", query.status.as_deref(), &PaymentStatus::ALL.map(PaymentStatus::as_str))?
            .and_then(PaymentStatus::parse),
        source: choice("source", query.source.as_deref(), &PaymentSource::ALL.map(PaymentSource::as_str))?
            .and_then(PaymentSource::parse),
        channel: choice("channel", query.channel.as_deref(), &PaymentChannel::ALL.map(PaymentChannel::as_str))?
            .and_then(PaymentChannel::parse),
        method: query.method.clone().filter(|m| !m.trim().is_empty()),
        amount_min: query.amount_min,
        amount_max: query.amount_max,
        open_before: query.pending_for.map(|minutes| Utc::now() - chrono::Duration::minutes(i64::from(minutes))),
        date_from: query.date_from,
        date_to: query.date_to,
    };
    let (scope, lang, staff) = (caller.scope(), caller_lang(&caller), caller.is_staff());
    let (count, results) = state
        .db
        .run(move |conn| {
            let (count, rows) = payments::list(conn, &scope, &filter, request)?;
            Ok::<_, ApiError>((count, payment_dtos(conn, rows, lang, staff)?))
        })
        .await?;
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// The payment with its names when `caller` may see it; 404 otherwise.
async fn visible_payment(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<nourx_db::payments::PaymentRow> {
    let scope = caller.scope();
    state.db.run(move |conn| payments::get_row(conn, &scope, id)?.ok_or(ApiError::NotFound)).await
}

/// 404 unless `caller` can see the payment, then 403 unless they may do `action`: a client's
/// people learn nothing of another client's payments from the back-office's routes.
pub(crate) async fn payment_for_staff(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    action: nourx_domain::StaffAction,
) -> ApiResult<()> {
    visible_payment(state, caller, id).await?;
    caller.require_staff(action)
}

/// The payment as `caller` sees it, as its DTO; 404 when they cannot see it.
pub(crate) async fn visible_payment_dto(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<PaymentDto> {
    let (scope, lang, staff) = (caller.scope(), caller_lang(caller), caller.is_staff());
    state
        .db
        .run(move |conn| {
            let row = payments::get_row(conn, &scope, id)?.ok_or(ApiError::NotFound)?;
            payment_dtos(conn, vec![row], lang, staff)?.pop().ok_or(ApiError::NotFound)
        })
        .await
}

/// One payment.
#[utoipa::path(
    tag = "payments",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PaymentDto),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such payment, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/payments/{id}/")]
pub async fn get_payment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<PaymentDto>> {
    Ok(web::Json(visible_payment_dto(&state, &caller, id.into_inner()).await?))
}

/// The payment, asking CinetPay first when it is still pending (at most once per
/// `status_recheck_interval` per payment, however many pollers: the others get the stored state):
/// what the portal's return page polls.
#[utoipa::path(
    tag = "payments",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PaymentDto),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such payment, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/payments/{id}/status/")]
pub async fn payment_status(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<PaymentDto>> {
    let id = id.into_inner();
    let row = visible_payment(&state, &caller, id).await?;
    let payment = &row.0;
    let open = payment.status.is_open();
    let interval = state.config.cinetpay.status_recheck_interval;
    let recently = payment.last_checked_at.is_some_and(|at| at + interval > Utc::now());
    // One poller per interval asks CinetPay, whatever the replicas and the parallel requests.
    let claim = Bucket::PaymentStatus(id, payment.last_checked_at);
    let row = if open && !recently && rate_limit::claim(&state.db, claim, interval).await? {
        match recheck(&state.payments, id, Trigger::StatusPoll).await {
            Ok(_) => {}
            // The stored state is still the truth; the reconciliation will ask again.
            Err(RecheckError::Provider(error)) => tracing::info!(payment = %id, %error, "status re-check failed"),
            Err(RecheckError::NotConfigured) => tracing::error!("CinetPay credentials are missing"),
            Err(RecheckError::NotFound) => return Err(ApiError::NotFound),
            Err(RecheckError::Api(error)) => return Err(error),
        }
        visible_payment(&state, &caller, id).await?
    } else {
        row
    };
    Ok(web::Json(PaymentDto::new(row, caller_lang(&caller), caller.is_staff(), Utc::now())))
}

/// What CinetPay's page sends back with the payer's browser (form or query).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
pub struct PaymentReturn {
    pub transaction_id: Option<String>,
    pub token: Option<String>,
}

async fn redirect_after_return(state: &AppState, form: PaymentReturn) -> ApiResult<HttpResponse> {
    let web_url = state.config.public_web_url.clone();
    let transaction = form.transaction_id.filter(|t| t.len() <= 64 && !t.is_empty());
    let payment_id = match transaction {
        Some(transaction) => {
            state.db.run(move |conn| Ok::<_, ApiError>(payments::id_by_transaction(conn, &transaction)?)).await?
        }
        None => None,
    };
    let by_link = match payment_id {
        Some(id) => {
            state.db.run(move |conn| Ok::<_, ApiError>(nourx_db::pay_links::is_link_payment(conn, id)?)).await?
        }
        None => false,
    };
    // A payment made through a pay link goes back to the link's page (the payer has no account).
    let location = match (payment_id, by_link) {
        (Some(id), true) => format!("{web_url}/payer/retour?paiement={id}"),
        (Some(id), false) => format!("{web_url}/paiements/{id}"),
        (None, _) => format!("{web_url}/factures"),
    };
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish())
}

/// CinetPay's return (GET): redirects the payer to the portal page of the payment. Changes nothing.
#[utoipa::path(
    tag = "payments",
    params(PaymentReturn),
    responses((status = 303, description = "To `/paiements/{id}` on the web app (or `/factures` when unknown)")),
)]
#[get("/payments/return/")]
pub async fn payment_return_get(
    state: web::Data<AppState>,
    query: web::Query<PaymentReturn>,
) -> ApiResult<HttpResponse> {
    redirect_after_return(&state, query.into_inner()).await
}

/// CinetPay's return (the browser's form POST with `transaction_id` and `token`): redirects the
/// payer to the portal page of the payment. Changes nothing; CSRF-exempt.
#[utoipa::path(
    tag = "payments",
    request_body(content = PaymentReturn, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "To `/paiements/{id}` on the web app (or `/factures` when unknown)"),
        (status = 400, description = "A field holds a NUL character", body = crate::http::schemas::ValidationErrors),
    ),
)]
#[post("/payments/return/")]
pub async fn payment_return_post(state: web::Data<AppState>, body: web::Bytes) -> ApiResult<HttpResponse> {
    let mut form = PaymentReturn { transaction_id: None, token: None };
    for (key, value) in crate::http::extract::form_fields(&body)? {
        match key.as_str() {
            "transaction_id" => form.transaction_id = Some(value),
            "token" => form.token = Some(value),
            _ => {}
        }
    }
    redirect_after_return(&state, form).await
}
