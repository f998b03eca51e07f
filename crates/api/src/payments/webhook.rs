//! CinetPay's notification URL. Every request is journaled first (headers, body, verdict); a
//! valid one only queues a re-check (the notification never decides the outcome); every
//! journaled request is answered 200 at once, a forged one included, so a forger learns nothing.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use diesel::Connection;
use nourx_db::PgConn;
use nourx_db::payments::{self, NewNotificationRecord};
use nourx_domain::payments::{NotificationVerdict, Trigger, notification_verdict};
use serde_json::{Map, Value};

use super::credentials;
use super::jobs::{RECHECK_JOB, enqueue_recheck};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::{declared_length, read_capped};
use crate::{ApiConfig, AppState};

/// Larger bodies are not CinetPay's (16 short fields): kept truncated in the journal.
const BODY_JOURNAL_LIMIT: usize = 16 * 1024;

/// Headers worth keeping as evidence; cookies and credentials are not stored.
fn journal_headers(req: &HttpRequest) -> Value {
    let mut map = Map::new();
    for (name, value) in req.headers() {
        let name = name.as_str();
        if matches!(name, "cookie" | "authorization" | "proxy-authorization") {
            continue;
        }
        map.insert(name.to_owned(), Value::String(String::from_utf8_lossy(value.as_bytes()).into_owned()));
    }
    Value::Object(map)
}

fn remote_addr(req: &HttpRequest) -> Option<String> {
    req.peer_addr().map(|addr| addr.ip().to_string())
}

/// CinetPay's availability check: the notification URL must answer 200 to a GET.
#[utoipa::path(
    tag = "payments",
    responses((status = 200, description = "Always", body = String, content_type = "text/plain")),
)]
#[get("/payments/webhook/")]
pub async fn webhook_ping(req: HttpRequest, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let record = (journal_headers(&req), remote_addr(&req), req.query_string().to_owned());
    state
        .db
        .run(move |conn| {
            let (headers, remote, query) = record;
            Ok::<_, ApiError>(payments::journal_notification(
                conn,
                &NewNotificationRecord {
                    method: "GET",
                    headers,
                    body: &query,
                    remote_addr: remote.as_deref(),
                    transaction_id: None,
                    payment_id: None,
                    verdict: NotificationVerdict::Ping,
                },
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("OK"))
}

/// CinetPay's notification of a status change (form fields `cpm_*`, header `x-token`). Answers
/// 200 once journaled, whatever it says; a valid one queues a re-check of the payment with
/// CinetPay's `/v2/payment/check`, which alone may settle it.
#[utoipa::path(
    tag = "payments",
    request_body(content = String, description = "CinetPay's form fields: cpm_site_id, cpm_trans_id, cpm_trans_date, cpm_amount, cpm_currency, signature, payment_method, cel_phone_num, cpm_phone_prefixe, cpm_language, cpm_version, cpm_payment_config, cpm_page_action, cpm_custom, cpm_designation, cpm_error_message", content_type = "application/x-www-form-urlencoded"),
    params(("x-token" = String, Header, description = "HMAC-SHA256 (hex) of the 16 fields with the merchant's secret key")),
    responses(
        (status = 200, description = "Journaled (valid or not)", body = String, content_type = "text/plain"),
        (status = 413, description = "Larger than `NOURX_LIMIT_WEBHOOK_MAX_KB` (16 KiB by default; CinetPay sends 16 short fields): refused before anything is stored", body = crate::http::schemas::ErrorDetail),
        (status = 503, description = "The journal could not be written: CinetPay should try again", body = crate::http::schemas::ErrorDetail),
    ),
)]
#[post("/payments/webhook/")]
pub async fn webhook_notify(
    req: HttpRequest,
    state: web::Data<AppState>,
    mut payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let body = read_capped(declared_length(&req), &mut payload, state.config.limits.webhook_max_body_bytes).await?;
    let received = Received {
        headers: journal_headers(&req),
        remote: remote_addr(&req),
        token: req.headers().get("x-token").and_then(|v| v.to_str().ok()).map(str::to_owned),
        body,
    };
    let config = state.config.clone();
    state.db.run(move |conn| take_notification(conn, &config, received)).await?;
    Ok(HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("OK"))
}

/// A POST to the notification URL, as received.
struct Received {
    headers: Value,
    remote: Option<String>,
    token: Option<String>,
    body: web::Bytes,
}

/// Judges the notification, journals it with its verdict and, when valid, queues a re-check of
/// its payment, in one transaction.
fn take_notification(conn: &mut PgConn, config: &ApiConfig, received: Received) -> Result<(), ApiError> {
    // PostgreSQL refuses NUL in text: kept as U+FFFD (such a field cannot pass the HMAC).
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(&received.body)
        .map(|(k, v)| (k.replace('\0', "\u{fffd}"), v.replace('\0', "\u{fffd}")))
        .collect();
    let value_of = nourx_cinetpay::notification::lookup(&fields);
    let transaction = value_of("cpm_trans_id").map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    let credentials = credentials(conn, config)?;
    let token_valid = match (&credentials, &received.token) {
        (Some(credentials), Some(token)) => {
            nourx_cinetpay::notification::verify(credentials.secret_key.as_bytes(), &value_of, token)
        }
        _ => false,
    };
    let our_site = credentials.as_ref().is_some_and(|c| value_of("cpm_site_id") == Some(c.site_id.as_str()));
    let payment_id = match &transaction {
        Some(transaction) if token_valid => payments::id_by_transaction(conn, transaction)?,
        _ => None,
    };
    let verdict = notification_verdict(transaction.is_some(), token_valid, payment_id.is_some(), our_site);
    let payment_id = payment_id.filter(|_| verdict == NotificationVerdict::Valid);
    let body = &received.body[..received.body.len().min(BODY_JOURNAL_LIMIT)];
    let text = String::from_utf8_lossy(body).replace('\0', "\u{fffd}");
    conn.transaction(|conn| {
        let record = NewNotificationRecord {
            method: "POST",
            headers: received.headers,
            body: &text,
            remote_addr: received.remote.as_deref(),
            transaction_id: transaction.as_deref().map(journaled_transaction),
            payment_id,
            verdict,
        };
        payments::journal_notification(conn, &record)?;
        match payment_id {
            Some(payment_id) => enqueue_recheck(conn, payment_id, Trigger::Notification)?,
            None => {
                let verdict = verdict.as_str();
                tracing::warn!(verdict, transaction = ?transaction, job = RECHECK_JOB, "notification not acted upon");
            }
        }
        Ok(())
    })
}

/// At most 100 characters of a transaction id (a byte slice could split one).
fn journaled_transaction(transaction: &str) -> &str {
    transaction.char_indices().nth(100).map_or(transaction, |(index, _)| &transaction[..index])
}
