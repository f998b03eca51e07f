use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{Duration, Utc};
use diesel::Connection;
use nourx_cinetpay::InitRequest;
use nourx_db::PgConn;
use nourx_db::audit;
use nourx_db::invoices::{self, Invoice};
use nourx_db::payments::{self, NewPayment, PaymentChanges, PaymentFilter};
use nourx_domain::Action;
use nourx_domain::Message;
use nourx_domain::payments::{
    AmountError, PaymentStatus as DomainStatus, RECONCILE_HORIZON_HOURS, RESUME_WINDOW_MINUTES, instalment_amount,
    payable_range, transaction_id,
};
use uuid::Uuid;

use super::dto::*;
use super::settle::{RecheckError, Trigger, recheck};
use super::{credentials, instalment_rules, provider_unavailable};
use crate::AppState;
use crate::billing::lang_of;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice};
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

const STATUS_FILTERS: &[&str] = &["initiating", "pending", "accepted", "refused", "expired", "flagged", "failed"];

fn caller_lang(caller: &Caller) -> nourx_domain::Lang {
    lang_of(&caller.current.user.locale)
}

/// Whether `caller` can pay `invoice` online now, and which amounts.
pub(crate) fn online_payment(
    conn: &mut PgConn,
    caller: &Caller,
    invoice: &Invoice,
) -> Result<OnlinePaymentDto, ApiError> {
    let status = invoice.status;
    let balance = if status.is_unpaid() { invoice.total_ttc - invoice.amount_paid } else { 0 };
    let client = nourx_db::clients::find(conn, &nourx_db::Scope::All, invoice.client_id)?.ok_or(ApiError::NotFound)?;
    let rules = instalment_rules(conn, &client)?;
    let mut dto = OnlinePaymentDto {
        can_pay: false,
        reason: None,
        balance,
        max_amount: 0,
        min_amount: 0,
        partial_allowed: rules.partial_allowed,
        step: nourx_domain::payments::step_of(&invoice.currency),
        open_payment: None,
    };
    let reason = if caller.is_admin() || !caller.can(invoice.client_id, Action::PayInvoice) {
        Some("not_member")
    } else if !status.is_unpaid() {
        Some("not_payable")
    } else {
        match payable_range(balance, &invoice.currency, rules) {
            Ok(range) => {
                dto.max_amount = range.max;
                dto.min_amount = range.min;
                None
            }
            Err(AmountError::NothingDue) => Some("nothing_due"),
            Err(_) => Some("below_minimum"),
        }
    };
    let since = Utc::now() - Duration::minutes(RESUME_WINDOW_MINUTES);
    if let Some(open) = payments::open_since(conn, invoice.id, since)? {
        dto.open_payment =
            Some(OpenPaymentDto { id: open.id, checkout_url: open.checkout_url, expires_at: open.expires_at });
    }
    dto.reason = reason.or(dto.open_payment.as_ref().map(|_| "in_progress")).map(str::to_owned);
    dto.can_pay = dto.reason.is_none();
    Ok(dto)
}

fn amount_error(error: AmountError, currency: &str) -> ApiError {
    match error {
        AmountError::NothingDue => not_payable(),
        other => ApiError::field("amount", other.message(currency)),
    }
}

fn not_payable() -> ApiError {
    ApiError::Conflict {
        code: "not_payable",
        message: Message::new(
            "Cette facture n'attend pas de paiement (brouillon, réglée ou annulée).",
            "This invoice is not awaiting payment (draft, paid or cancelled).",
        ),
        extra: serde_json::Value::Null,
    }
}

/// What the first step of an init decided, before CinetPay is called.
struct Started {
    payment: nourx_db::payments::Payment,
    credentials: nourx_cinetpay::Credentials,
    invoice_number: String,
    description: String,
    customer_name: String,
    customer_email: String,
    lang: &'static str,
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
    let service = state.payments.clone();
    let config = state.config.clone();
    let lang = caller_lang(&caller);
    let start_caller = caller.clone();
    let started = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let caller = start_caller;
                invoices::find(conn, &caller.scope(), request.invoice_id, !caller.is_admin())?
                    .ok_or(ApiError::NotFound)?;
                // Locked: two payments of one invoice start one after the other.
                let invoice = invoices::lock(conn, request.invoice_id)?.ok_or(ApiError::NotFound)?;
                let options = online_payment(conn, &caller, &invoice)?;
                match options.reason.as_deref() {
                    Some("not_member") => return Err(ApiError::PermissionDenied),
                    Some("not_payable" | "nothing_due") => return Err(not_payable()),
                    _ => {}
                }
                if let Some(open) = &options.open_payment {
                    return Err(ApiError::Conflict {
                        code: "payment_in_progress",
                        message: Message::new(
                            "Un paiement de cette facture est déjà en cours. Reprenez-le, ou attendez quelques minutes pour en commencer un autre.",
                            "A payment of this invoice is already in progress. Resume it, or wait a few minutes to start another one.",
                        ),
                        extra: serde_json::json!({"payment_id": open.id, "checkout_url": open.checkout_url}),
                    });
                }
                let client = nourx_db::clients::find(conn, &nourx_db::Scope::All, invoice.client_id)?
                    .ok_or(ApiError::NotFound)?;
                let rules = instalment_rules(conn, &client)?;
                let balance = invoice.total_ttc - invoice.amount_paid;
                let amount = instalment_amount(request.amount, balance, &invoice.currency, rules)
                    .map_err(|error| amount_error(error, &invoice.currency))?;
                let credentials = credentials(conn, &config)?.ok_or_else(|| {
                    tracing::error!("CinetPay credentials are missing: set CINETPAY_API_KEY, CINETPAY_SITE_ID and CINETPAY_SECRET_KEY");
                    provider_unavailable()
                })?;
                let now = Utc::now();
                let random = u128::from_be_bytes(*Uuid::new_v4().as_bytes());
                let transaction = transaction_id(now, random);
                let channel = request.channel.unwrap_or(PaymentChannel::All);
                let payment = NewPayment {
                    id: Uuid::now_v7(),
                    invoice_id: invoice.id,
                    client_id: invoice.client_id,
                    initiated_by: Some(caller.id()),
                    transaction_id: &transaction,
                    amount,
                    currency: &invoice.currency,
                    site_id: &credentials.site_id,
                    channel: channel.as_str(),
                    expires_at: now + Duration::hours(RECONCILE_HORIZON_HOURS),
                }
                .insert(conn)?;
                // Should the process stop before CinetPay answers, the reconciliation finds it.
                payments::postpone_check(conn, payment.id, now + Duration::minutes(1))?;
                audit::record(
                    conn,
                    &caller.audit(),
                    "payment.initiated",
                    "payment",
                    Some(payment.id.to_string()),
                    serde_json::json!({
                        "invoice_id": invoice.id,
                        "amount": amount,
                        "currency": invoice.currency,
                        "transaction_id": transaction,
                        "channel": channel.as_str(),
                    }),
                )?;
                let invoice_number = invoice.number.clone().unwrap_or_default();
                Ok::<_, ApiError>(Started {
                    description: format!("Facture {invoice_number} {}", client.name)
                        .chars()
                        // CinetPay: "do not put special characters (# / $ _ &)" in the description.
                        .map(|c| if "#/$_&".contains(c) { ' ' } else { c })
                        .collect(),
                    payment,
                    credentials,
                    invoice_number,
                    customer_name: caller.current.user.full_name.clone(),
                    customer_email: caller.current.user.email.clone(),
                    lang: if lang == nourx_domain::Lang::En { "en" } else { "fr" },
                })
            })
        })
        .await?;
    let client = service.client()?;
    let (surname, name) = split_name(&started.customer_name);
    let init = InitRequest {
        transaction_id: started.payment.transaction_id.clone(),
        amount: started.payment.amount,
        currency: started.payment.currency.clone(),
        description: started.description.clone(),
        notify_url: service.notify_url(),
        return_url: service.return_url(),
        channels: started.payment.channel.clone(),
        lang: Some(started.lang.to_owned()),
        metadata: Some(started.invoice_number.clone()),
        customer_id: started.payment.initiated_by.map(|id| id.to_string()),
        customer_name: Some(name),
        customer_surname: Some(surname),
        customer_email: Some(started.customer_email.clone()),
        customer_phone_number: None,
    };
    let answer = client.init_payment(&started.credentials, &init).await;
    let payment_id = started.payment.id;
    let (changes, failure) = match answer {
        Ok(created) => (
            PaymentChanges {
                status: Some(DomainStatus::Pending.as_str().into()),
                payment_token: Some(Some(created.payment_token)),
                checkout_url: Some(Some(created.payment_url)),
                ..Default::default()
            },
            None,
        ),
        Err(error) => {
            tracing::error!(payment = %payment_id, %error, "CinetPay refused or did not answer the payment's initialisation");
            let (code, message) = match &error {
                nourx_cinetpay::Error::Rejected { code, message, .. } => (Some(code.clone()), Some(message.clone())),
                other => (None, Some(other.to_string())),
            };
            (
                PaymentChanges {
                    status: Some(DomainStatus::Failed.as_str().into()),
                    last_code: Some(code),
                    last_message: Some(message),
                    next_check_at: Some(None),
                    ..Default::default()
                },
                Some(provider_unavailable()),
            )
        }
    };
    let scope = caller.scope();
    let row = state
        .db
        .run(move |conn| {
            payments::update(conn, payment_id, &changes)?;
            payments::get_row(conn, &scope, payment_id)?.ok_or(ApiError::NotFound)
        })
        .await?;
    if let Some(error) = failure {
        return Err(error);
    }
    Ok(HttpResponse::Created().json(PaymentDto::new(row, lang, caller.is_admin(), Utc::now())))
}

/// "Koné Awa" style: CinetPay wants a name and a surname; we keep the first word as the first name.
fn split_name(full_name: &str) -> (String, String) {
    let mut words = full_name.split_whitespace();
    let first = words.next().unwrap_or("").to_owned();
    let rest = words.collect::<Vec<_>>().join(" ");
    if rest.is_empty() { (first.clone(), first) } else { (first, rest) }
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
        status: choice("status", query.status.as_deref(), STATUS_FILTERS)?.map(str::to_owned),
        date_from: query.date_from,
        date_to: query.date_to,
    };
    let scope = caller.scope();
    let (count, rows) =
        state.db.run(move |conn| Ok::<_, ApiError>(payments::list(conn, &scope, &filter, request)?)).await?;
    let (lang, staff, now) = (caller_lang(&caller), caller.is_admin(), Utc::now());
    let results = rows.into_iter().map(|row| PaymentDto::new(row, lang, staff, now)).collect();
    Ok(web::Json(Page::new(&req, request, count, results)))
}

/// The payment with its names when `caller` may see it; 404 otherwise.
async fn visible_payment(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<nourx_db::payments::PaymentRow> {
    let scope = caller.scope();
    state.db.run(move |conn| payments::get_row(conn, &scope, id)?.ok_or(ApiError::NotFound)).await
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
    let row = visible_payment(&state, &caller, id.into_inner()).await?;
    Ok(web::Json(PaymentDto::new(row, caller_lang(&caller), caller.is_admin(), Utc::now())))
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
    let open = DomainStatus::parse(&payment.status).is_some_and(DomainStatus::is_open);
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
    Ok(web::Json(PaymentDto::new(row, caller_lang(&caller), caller.is_admin(), Utc::now())))
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
    let location = match payment_id {
        Some(id) => format!("{web_url}/paiements/{id}"),
        None => format!("{web_url}/factures"),
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
