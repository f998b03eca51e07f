//! CinetPay's notification URL. Every request is journaled first (headers, body, verdict); a
//! valid one only queues a re-check (the notification never decides the outcome); every
//! journaled request is answered 200 at once, a forged one included, so a forger learns nothing.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use diesel::Connection;
use nourx_db::payments::{self, NewNotificationRecord};
use serde_json::{Map, Value};

use super::credentials;
use super::jobs::{RECHECK_JOB, enqueue_recheck};
use super::settle::Trigger;
use crate::AppState;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::{declared_length, read_capped};

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
                    verdict: "ping",
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
    let headers = journal_headers(&req);
    let remote = remote_addr(&req);
    let token = req.headers().get("x-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let config = state.config.clone();
    state
        .db
        .run(move |conn| {
            // PostgreSQL refuses NUL in text: kept as U+FFFD (such a field cannot pass the HMAC).
            let fields: Vec<(String, String)> = url::form_urlencoded::parse(&body)
                .map(|(k, v)| (k.replace('\0', "\u{fffd}"), v.replace('\0', "\u{fffd}")))
                .collect();
            let value_of = |name: &str| fields.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
            let transaction = value_of("cpm_trans_id").map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
            let credentials = credentials(conn, &config)?;
            let valid_token = match (&credentials, &token) {
                (Some(credentials), Some(token)) => {
                    nourx_cinetpay::notification::verify(credentials.secret_key.as_bytes(), value_of, token)
                }
                _ => false,
            };
            let ours = credentials.as_ref().is_some_and(|c| value_of("cpm_site_id") == Some(c.site_id.as_str()));
            let payment_id = match &transaction {
                Some(transaction) if valid_token => payments::id_by_transaction(conn, transaction)?,
                _ => None,
            };
            let verdict = match (&transaction, valid_token, payment_id) {
                (None, _, _) => "malformed",
                (Some(_), false, _) => "bad_token",
                (Some(_), true, None) => "unknown_transaction",
                (Some(_), true, Some(_)) if !ours => "unknown_transaction",
                (Some(_), true, Some(_)) => "valid",
            };
            let text = String::from_utf8_lossy(&body[..body.len().min(BODY_JOURNAL_LIMIT)]).replace('\0', "\u{fffd}");
            conn.transaction(|conn| {
                payments::journal_notification(
                    conn,
                    &NewNotificationRecord {
                        method: "POST",
                        headers,
                        body: &text,
                        remote_addr: remote.as_deref(),
                        // At most 100 characters (a byte slice could split one).
                        transaction_id: transaction.as_deref().map(|t| t.char_indices().nth(100).map_or(t, |(i, _)| &t[..i])),
                        payment_id: if verdict == "valid" { payment_id } else { None },
                        verdict,
                    },
                )?;
                if verdict == "valid"
                    && let Some(payment_id) = payment_id
                {
                    enqueue_recheck(conn, payment_id, Trigger::Notification)?;
                }
                if verdict != "valid" {
                    tracing::warn!(verdict, transaction = ?transaction, job = RECHECK_JOB, "notification not acted upon");
                }
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("OK"))
}
