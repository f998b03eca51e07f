//! What the holder of a pay link reaches without an account: the invoice (read-only), its PDF,
//! paying it through CinetPay (the whole balance or an instalment, as the client's settings
//! allow) or resuming a payment of it still open there, the payment's state after CinetPay's
//! page, and its receipt. Nothing else; every route
//! is rate-limited per address, and answers 404 to a token that is not a link, 410 to one that
//! expired or was revoked.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::Connection;
use nourx_db::pay_links::{self, PayLink};
use nourx_db::payments::{self, Payment};
use nourx_db::{PgConn, Scope, invoices, rate_limits};
use nourx_domain::Lang;
use nourx_domain::billing::InvoiceStatus;
use nourx_domain::pay_link::{Opening, VISIT_MINUTES};
use nourx_domain::payments::{PaymentChannel, PaymentStatus, Trigger};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::usable_link;
use crate::AppState;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::{ClientIp, Json, RequestLang};
use crate::http::rate_limit::{self, Bucket};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::line_items::{DocumentPricing, LineItemDto};
use crate::payments::dto::{InitPaymentRequest, OnlinePaymentDto};
use crate::payments::{Payer, online_payment};
use crate::services::pdf::{PdfRequest, PdfResponses};

/// The invoice a pay link shows: what a client would see of it, and how it can be paid now.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicInvoiceDto {
    #[schema(example = "NX-2026-0042")]
    pub number: Option<String>,
    pub title: String,
    pub client_name: String,
    pub status: InvoiceStatus,
    pub is_overdue: bool,
    #[schema(example = "XOF")]
    pub currency: String,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub credited_amount: i64,
    pub amount_paid: i64,
    pub balance_due: i64,
    pub items: Vec<LineItemDto>,
    #[serde(flatten)]
    pub pricing: DocumentPricing,
    /// Whether it can be paid now and which amounts.
    pub payment: OnlinePaymentDto,
    pub pdf_url: String,
    /// Until when the link works.
    pub link_expires_at: DateTime<Utc>,
}

/// A payment started from a pay link, as its payer follows it (`status_label` in the language of
/// `Accept-Language`).
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicPaymentDto {
    pub id: Uuid,
    /// Ours, as CinetPay knows it.
    pub transaction_id: String,
    pub status: PaymentStatus,
    pub status_label: String,
    pub amount: i64,
    pub currency: String,
    /// CinetPay's page, while the payment can still be completed there.
    pub checkout_url: Option<String>,
    pub receipt_number: Option<String>,
    /// The receipt PDF, once the payment is confirmed.
    pub receipt_url: Option<String>,
    pub settled_at: Option<DateTime<Utc>>,
}

impl PublicPaymentDto {
    fn new(payment: Payment, token: &str, lang: Lang) -> PublicPaymentDto {
        let accepted = payment.status == PaymentStatus::Accepted;
        PublicPaymentDto {
            receipt_url: accepted.then(|| format!("/api/public/pay/{token}/payments/{}/receipt/", payment.id)),
            checkout_url: if payment.status.is_open() { payment.checkout_url } else { None },
            status_label: payment.status.label().get(lang).to_owned(),
            id: payment.id,
            transaction_id: payment.transaction_id,
            status: payment.status,
            amount: payment.amount,
            currency: payment.currency,
            receipt_number: payment.receipt_number,
            settled_at: payment.settled_at,
        }
    }
}

/// Counts the request against the address's pay-link budget (429 beyond it).
async fn count_request(state: &AppState, ip: ClientIp) -> ApiResult<()> {
    rate_limit::check(&state.db, state.config.limits.pay_link_requests_per_ip, Bucket::PayLinksFrom(ip.0)).await
}

/// Counts a status poll of a payment against the address's polling budget, apart from the rest: a
/// payer waiting on the return page for CinetPay's confirmation must not run out of requests.
async fn count_poll(state: &AppState, ip: ClientIp) -> ApiResult<()> {
    rate_limit::check(&state.db, state.config.limits.pay_link_polls_per_ip, Bucket::PayLinkPollsFrom(ip.0)).await
}

/// Counts the opening as a use of the link when it starts a visit from this address (reloads and
/// the way back from CinetPay within [`VISIT_MINUTES`] are the same visit). One opening at a time
/// per link and address decides, so parallel loads count once.
fn count_visit(conn: &mut PgConn, link: &PayLink, ip: ClientIp) -> Result<(), ApiError> {
    let visit = Bucket::PayLinkVisit(link.id, ip.0).key();
    conn.transaction(|conn| {
        rate_limits::lock(conn, &visit)?;
        let now = nourx_db::clock::transaction_now(conn)?;
        match Opening::of(rate_limits::latest_window_start(conn, &visit)?, now) {
            Opening::SameVisit => {}
            Opening::NewVisit => {
                rate_limits::hit(conn, &visit, now, now + chrono::Duration::minutes(VISIT_MINUTES))?;
                pay_links::touch(conn, link.id, now)?;
            }
        }
        Ok(())
    })
}

fn invoice_view(conn: &mut PgConn, link: &PayLink, token: &str) -> Result<PublicInvoiceDto, ApiError> {
    let row = invoices::find(conn, &Scope::All, link.invoice_id, true)?.ok_or(ApiError::NotFound)?;
    let invoice = row.0.clone();
    let payment = online_payment(conn, &Payer::Link { link, ip: None }, &invoice)?;
    let dto = crate::invoices::rows::invoice_dtos(conn, vec![row])?.pop().ok_or(ApiError::NotFound)?;
    Ok(PublicInvoiceDto {
        number: dto.number,
        title: dto.title,
        client_name: dto.client_name,
        status: dto.status,
        is_overdue: dto.is_overdue,
        currency: dto.currency,
        issue_date: dto.issue_date,
        due_date: dto.due_date,
        total_ht: dto.total_ht,
        total_tva: dto.total_tva,
        total_ttc: dto.total_ttc,
        credited_amount: dto.credited_amount,
        amount_paid: dto.amount_paid,
        balance_due: dto.balance_due,
        items: dto.items,
        pricing: dto.pricing,
        payment,
        pdf_url: format!("/api/public/pay/{token}/pdf/"),
        link_expires_at: link.expires_at,
    })
}

/// The invoice of a pay link (no account needed). Counts a use of the link when it starts a visit
/// (an address's openings within 30 minutes are one).
#[utoipa::path(
    tag = "pay-links",
    params(("token" = String, Path, description = "The link's token (43 characters)")),
    responses(
        (status = 200, body = PublicInvoiceDto),
        (status = 404, description = "Not a pay link", body = ErrorDetail),
        (status = 410, description = "`link_expired` or `link_revoked`", body = ErrorDetail),
        (status = 429, description = "Too many requests from this address (`NOURX_LIMIT_PAY_LINK_REQUESTS_PER_IP_PER_HOUR`); see `Retry-After`", body = ErrorDetail),
    )
)]
#[get("/public/pay/{token}/")]
pub async fn pay_link_invoice(
    state: web::Data<AppState>,
    ip: ClientIp,
    token: web::Path<String>,
) -> ApiResult<web::Json<PublicInvoiceDto>> {
    count_request(&state, ip).await?;
    let token = token.into_inner();
    let dto = state
        .db
        .run(move |conn| {
            let link = usable_link(conn, &token)?;
            count_visit(conn, &link, ip)?;
            invoice_view(conn, &link, &token)
        })
        .await?;
    Ok(web::Json(dto))
}

/// The invoice's PDF, through its pay link.
#[utoipa::path(
    tag = "pay-links",
    params(("token" = String, Path), crate::services::pdf::PdfQuery),
    responses(
        PdfResponses,
        (status = 404, description = "Not a pay link", body = ErrorDetail),
        (status = 410, description = "`link_expired` or `link_revoked`", body = ErrorDetail),
        (status = 429, description = "Too many requests from this address (`NOURX_LIMIT_PAY_LINK_REQUESTS_PER_IP_PER_HOUR`); see `Retry-After`", body = ErrorDetail),
    )
)]
#[get("/public/pay/{token}/pdf/")]
pub async fn pay_link_pdf(
    state: web::Data<AppState>,
    ip: ClientIp,
    token: web::Path<String>,
    pdf: PdfRequest,
) -> ApiResult<HttpResponse> {
    count_request(&state, ip).await?;
    let token = token.into_inner();
    pdf.serve(move |conn, query| {
        let link = usable_link(conn, &token)?;
        crate::invoices::pdf::prepare(conn, &Scope::All, true, link.invoice_id, query)
    })
    .await
}

/// What the holder of a pay link asks to pay.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayLinkPaymentRequest {
    /// An instalment (when the client's settings allow); default: the whole balance.
    pub amount: Option<i64>,
    /// Default `ALL`.
    pub channel: Option<PaymentChannel>,
}

/// Starts paying the invoice of a pay link through CinetPay, without an account: the answer's
/// `checkout_url` is where the browser goes next.
#[utoipa::path(
    tag = "pay-links",
    params(("token" = String, Path)),
    request_body = PayLinkPaymentRequest,
    responses(
        (status = 201, body = PublicPaymentDto),
        (status = 400, description = "Bad amount", body = ValidationErrors),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
        (status = 404, description = "Not a pay link", body = ErrorDetail),
        (status = 409, description = "`not_payable`, `payment_in_progress`", body = ErrorDetail),
        (status = 410, description = "`link_expired` or `link_revoked`", body = ErrorDetail),
        (status = 429, description = "Too many requests from this address (`NOURX_LIMIT_PAY_LINK_REQUESTS_PER_IP_PER_HOUR`); see `Retry-After`", body = ErrorDetail),
        (status = 503, description = "`payment_provider_unavailable`", body = ErrorDetail),
    ),
    security(("csrf_token" = []))
)]
#[post("/public/pay/{token}/init/")]
pub async fn pay_link_pay(
    state: web::Data<AppState>,
    ip: ClientIp,
    RequestLang(lang): RequestLang,
    token: web::Path<String>,
    Json(body): Json<PayLinkPaymentRequest>,
) -> ApiResult<HttpResponse> {
    count_request(&state, ip).await?;
    let (token, config) = (token.into_inner(), state.config.clone());
    let address = ip.0.map(|ip| ip.to_string());
    let started = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let link = usable_link(conn, &token)?;
                let request =
                    InitPaymentRequest { invoice_id: link.invoice_id, amount: body.amount, channel: body.channel };
                let payer = Payer::Link { link: &link, ip: address };
                let started = crate::payments::start::record_payment(conn, &config, &payer, &request)?;
                Ok::<_, ApiError>((started, token))
            })
        })
        .await?;
    let (started, token) = started;
    let checkout = crate::payments::start::open_checkout(&state.payments, &started, lang).await?;
    let (payment_id, changes) = (started.payment.id, checkout.changes);
    let row = state
        .db
        .run(move |conn| crate::payments::start::record_checkout(conn, &Scope::All, payment_id, &changes))
        .await?;
    if let Some(error) = checkout.failure {
        return Err(error);
    }
    Ok(HttpResponse::Created().json(PublicPaymentDto::new(row.0, &token, lang)))
}

/// Goes back to CinetPay's page, through the pay link, for a payment of its invoice still open
/// there, whoever started it (the link, another link of the invoice, or someone in the portal):
/// from now on CinetPay's return leads that payment to the link's pages (`/payer/retour`). The
/// answer's `checkout_url` is where the browser goes next (none once the payment is over, which
/// then stays where it was).
#[utoipa::path(
    tag = "pay-links",
    params(("token" = String, Path), ("payment_id" = Uuid, Path)),
    responses(
        (status = 200, body = PublicPaymentDto),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
        (status = 404, description = "Not a pay link, or not one of its invoice's payments", body = ErrorDetail),
        (status = 410, description = "`link_expired` or `link_revoked`", body = ErrorDetail),
        (status = 429, description = "Too many requests from this address (`NOURX_LIMIT_PAY_LINK_REQUESTS_PER_IP_PER_HOUR`); see `Retry-After`", body = ErrorDetail),
    ),
    security(("csrf_token" = []))
)]
#[post("/public/pay/{token}/payments/{payment_id}/resume/")]
pub async fn pay_link_resume(
    state: web::Data<AppState>,
    ip: ClientIp,
    RequestLang(lang): RequestLang,
    path: web::Path<(String, Uuid)>,
) -> ApiResult<web::Json<PublicPaymentDto>> {
    count_request(&state, ip).await?;
    let (token, payment_id) = path.into_inner();
    let (payment, token) = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let link = usable_link(conn, &token)?;
                let payment = payments::find(conn, payment_id)?
                    .filter(|p| p.invoice_id == link.invoice_id)
                    .ok_or(ApiError::NotFound)?;
                if payment.status.is_open() && payment.checkout_url.is_some() {
                    pay_links::link_payment(conn, payment.id, link.id)?;
                }
                Ok::<_, ApiError>((payment, token))
            })
        })
        .await?;
    Ok(web::Json(PublicPaymentDto::new(payment, &token, lang)))
}

/// The link's payment `payment_id` (404 for any other), asking CinetPay first while it is open.
async fn link_payment(state: &AppState, token: &str, payment_id: Uuid) -> ApiResult<Payment> {
    let token = token.to_owned();
    let payment = state
        .db
        .run(move |conn| {
            let link = usable_link(conn, &token)?;
            payments::find(conn, payment_id)?.filter(|p| p.invoice_id == link.invoice_id).ok_or(ApiError::NotFound)
        })
        .await?;
    if !payment.status.is_open() {
        return Ok(payment);
    }
    let interval = state.config.cinetpay.status_recheck_interval;
    let recently = payment.last_checked_at.is_some_and(|at| at + interval > Utc::now());
    let claim = Bucket::PaymentStatus(payment_id, payment.last_checked_at);
    if !recently && rate_limit::claim(&state.db, claim, interval).await? {
        match crate::payments::recheck(&state.payments, payment_id, Trigger::StatusPoll).await {
            Ok(after) => return Ok(after),
            Err(error) => tracing::info!(payment = %payment_id, %error, "status re-check failed"),
        }
    }
    Ok(payment)
}

/// A payment of the link's invoice, as its payer follows it after CinetPay's page (polled every few
/// seconds: counted apart, `NOURX_LIMIT_PAY_LINK_POLLS_PER_IP_PER_HOUR`).
#[utoipa::path(
    tag = "pay-links",
    params(("token" = String, Path), ("payment_id" = Uuid, Path)),
    responses(
        (status = 200, body = PublicPaymentDto),
        (status = 404, description = "Not a pay link, or not one of its payments", body = ErrorDetail),
        (status = 410, description = "`link_expired` or `link_revoked`", body = ErrorDetail),
        (status = 429, description = "Too many status polls from this address (`NOURX_LIMIT_PAY_LINK_POLLS_PER_IP_PER_HOUR`); see `Retry-After`", body = ErrorDetail),
    )
)]
#[get("/public/pay/{token}/payments/{payment_id}/")]
pub async fn pay_link_payment(
    state: web::Data<AppState>,
    ip: ClientIp,
    RequestLang(lang): RequestLang,
    path: web::Path<(String, Uuid)>,
) -> ApiResult<web::Json<PublicPaymentDto>> {
    count_poll(&state, ip).await?;
    let (token, payment_id) = path.into_inner();
    let payment = link_payment(&state, &token, payment_id).await?;
    Ok(web::Json(PublicPaymentDto::new(payment, &token, lang)))
}

/// The receipt of a confirmed payment made through the pay link.
#[utoipa::path(
    tag = "pay-links",
    params(("token" = String, Path), ("payment_id" = Uuid, Path), crate::services::pdf::PdfQuery),
    responses(
        PdfResponses,
        (status = 404, description = "Not a pay link, or not one of its payments", body = ErrorDetail),
        (status = 409, description = "`no_receipt`: the payment is not confirmed", body = ErrorDetail),
        (status = 410, description = "`link_expired` or `link_revoked`", body = ErrorDetail),
        (status = 429, description = "Too many requests from this address (`NOURX_LIMIT_PAY_LINK_REQUESTS_PER_IP_PER_HOUR`); see `Retry-After`", body = ErrorDetail),
    )
)]
#[get("/public/pay/{token}/payments/{payment_id}/receipt/")]
pub async fn pay_link_receipt(
    state: web::Data<AppState>,
    ip: ClientIp,
    path: web::Path<(String, Uuid)>,
    pdf: PdfRequest,
) -> ApiResult<HttpResponse> {
    count_request(&state, ip).await?;
    let (token, payment_id) = path.into_inner();
    pdf.serve(move |conn, query| {
        let link = usable_link(conn, &token)?;
        payments::find(conn, payment_id)?.filter(|p| p.invoice_id == link.invoice_id).ok_or(ApiError::NotFound)?;
        crate::payments::receipt::prepare_receipt(conn, &Scope::All, payment_id, query)
    })
    .await
}
