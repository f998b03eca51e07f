//! The payments console's actions: a payment's whole journal, a re-check with CinetPay now, and
//! what an admin decides for a flagged payment (apply it to another invoice of its client, record
//! it refunded outside NOURX, or leave it flagged), each with a reason in the audit log.

use actix_web::{get, post, web};
use chrono::{DateTime, Utc};
use diesel::Connection;
use nourx_db::invoices::{self, InvoiceChanges};
use nourx_db::payments::{self, Payment, PaymentChanges};
use nourx_db::{PgConn, audit};
use nourx_domain::billing::{InvoiceStatus, status_after_payment};
use nourx_domain::payments::{CheckOutcome, NotificationVerdict, PaymentStatus, Trigger};
use nourx_domain::{Message, StaffAction};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::PaymentDto;
use super::handlers::{payment_for_staff, visible_payment_dto};
use super::settle::{RecheckError, recheck};
use crate::AppState;
use crate::billing::REASON_MAX;
use crate::http::caller::Caller;
use crate::http::dto_util::{not_found_reference, text};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// One request CinetPay (or anyone) made to the notification URL about this payment.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationEntry {
    pub id: i64,
    pub received_at: DateTime<Utc>,
    pub verdict: NotificationVerdict,
    pub remote_addr: Option<String>,
    /// The body as received.
    pub body: String,
}

/// One question asked to CinetPay's `/v2/payment/check` and its answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub trigger: Trigger,
    pub http_status: Option<i32>,
    /// CinetPay's `code` (`00` accepted, `662` pending…).
    pub code: Option<String>,
    /// CinetPay's `data.status`.
    pub status: Option<String>,
    pub outcome: CheckOutcome,
    pub error: Option<String>,
}

/// Everything that happened to a payment with CinetPay, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentJournalDto {
    pub notifications: Vec<NotificationEntry>,
    pub checks: Vec<CheckEntry>,
}

/// A payment's journal: every notification received with its verdict, every check and its answer
/// (NOURX staff).
#[utoipa::path(
    tag = "payments",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PaymentJournalDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
        (status = 404, description = "No such payment, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/payments/{id}/journal/")]
pub async fn payment_journal(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<PaymentJournalDto>> {
    let id = id.into_inner();
    payment_for_staff(&state, &caller, id, StaffAction::UseBackOffice).await?;
    let journal = state
        .db
        .run(move |conn| {
            payments::find(conn, id)?.ok_or(ApiError::NotFound)?;
            let notifications = payments::notifications_of(conn, id)?
                .into_iter()
                .map(|n| NotificationEntry {
                    id: n.id,
                    received_at: n.created_at,
                    verdict: n.verdict,
                    remote_addr: n.remote_addr,
                    body: n.body,
                })
                .collect();
            let checks = payments::checks_of(conn, id)?
                .into_iter()
                .map(|c| CheckEntry {
                    id: c.id,
                    at: c.created_at,
                    trigger: c.trigger,
                    http_status: c.http_status,
                    code: c.code,
                    status: c.status,
                    outcome: c.outcome,
                    error: c.error,
                })
                .collect();
            Ok::<_, ApiError>(PaymentJournalDto { notifications, checks })
        })
        .await?;
    Ok(web::Json(journal))
}

/// Asks CinetPay about an open payment now and applies the answer (NOURX staff): "vérifier
/// maintenant". The question and its answer join the journal.
#[utoipa::path(
    tag = "payments",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PaymentDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such payment, or another client's", body = ErrorDetail),
        (status = 409, description = "`not_open`: not initiating or pending", body = ErrorDetail),
        (status = 503, description = "CinetPay did not answer (the attempt is journaled)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/payments/{id}/recheck/")]
pub async fn recheck_payment(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<PaymentDto>> {
    let id = id.into_inner();
    payment_for_staff(&state, &caller, id, StaffAction::UseBackOffice).await?;
    let payment = state.db.run(move |conn| payments::find(conn, id)?.ok_or(ApiError::NotFound)).await?;
    if !payment.status.is_open() {
        return Err(ApiError::Conflict {
            code: "not_open",
            message: Message::new(
                "Ce paiement n'attend plus CinetPay : rien à vérifier.",
                "This payment no longer waits for CinetPay: nothing to check.",
            ),
            extra: serde_json::Value::Null,
        });
    }
    match recheck(&state.payments, id, Trigger::StatusPoll).await {
        Ok(_) => {}
        Err(RecheckError::NotFound) => return Err(ApiError::NotFound),
        Err(RecheckError::Api(error)) => return Err(error),
        Err(RecheckError::Provider(_) | RecheckError::NotConfigured) => return Err(super::provider_unavailable()),
    }
    Ok(web::Json(visible_payment_dto(&state, &caller, id).await?))
}

/// What an admin decides for a flagged payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Apply the money to another unpaid invoice of the same client (`invoice_id`).
    ApplyToInvoice,
    /// The money went back to the payer outside NOURX: the payment is closed, voided.
    RefundedOutside,
    /// Leave it flagged, with a note of why.
    KeepFlagged,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolvePaymentRequest {
    pub action: Resolution,
    /// For `apply_to_invoice`: an unpaid invoice of the payment's client.
    pub invoice_id: Option<Uuid>,
    /// Why (1–1 000 characters); kept in the audit log.
    pub reason: String,
}

/// Resolves a flagged payment (admins), with a reason kept in the audit log.
#[utoipa::path(
    tag = "payments",
    params(("id" = Uuid, Path)),
    request_body = ResolvePaymentRequest,
    responses(
        (status = 200, body = PaymentDto),
        (status = 400, description = "Missing reason or `invoice_id`, another client's invoice, amount above its balance", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such payment, or another client's", body = ErrorDetail),
        (status = 409, description = "`not_flagged`, or `not_payable` (the chosen invoice takes no payment)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/payments/{id}/resolve/")]
pub async fn resolve_payment(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    Json(body): Json<ResolvePaymentRequest>,
) -> ApiResult<web::Json<PaymentDto>> {
    let id = id.into_inner();
    payment_for_staff(&state, &caller, id, StaffAction::CorrectPayments).await?;
    let mut errors = FieldErrors::new();
    let reason = text(&mut errors, "reason", &body.reason, REASON_MAX);
    if body.action == Resolution::ApplyToInvoice && body.invoice_id.is_none() {
        errors.add("invoice_id", Message::new("Choisissez la facture à régler.", "Choose the invoice to pay."));
    }
    errors.into_result()?;
    let (admin, config) = (caller.clone(), state.config.clone());
    state.db.run(move |conn| conn.transaction(|conn| resolve(conn, &admin, &config, id, &body, &reason))).await?;
    Ok(web::Json(visible_payment_dto(&state, &caller, id).await?))
}

fn resolve(
    conn: &mut PgConn,
    staff: &Caller,
    config: &crate::ApiConfig,
    id: Uuid,
    body: &ResolvePaymentRequest,
    reason: &str,
) -> Result<(), ApiError> {
    let payment = payments::lock(conn, id)?.ok_or(ApiError::NotFound)?;
    if payment.status != PaymentStatus::Flagged {
        return Err(ApiError::Conflict {
            code: "not_flagged",
            message: Message::new("Ce paiement n'est pas signalé.", "This payment is not flagged."),
            extra: serde_json::Value::Null,
        });
    }
    let now = nourx_db::clock::transaction_now(conn)?;
    match (body.action, body.invoice_id) {
        (Resolution::ApplyToInvoice, Some(invoice_id)) => apply_elsewhere(conn, config, &payment, invoice_id, now)?,
        (Resolution::RefundedOutside, _) => {
            payments::update(conn, id, &PaymentChanges::voided(now, staff.id(), reason))?;
        }
        _ => {}
    }
    let values = serde_json::json!({"action": body.action, "invoice_id": body.invoice_id, "reason": reason});
    audit::record(
        conn,
        &staff.audit(),
        "payment.resolved",
        ("payment", payment.client_id),
        Some(id.to_string()),
        values,
    )?;
    Ok(())
}

/// The flagged money applied to another unpaid invoice of the same client, with its receipt.
fn apply_elsewhere(
    conn: &mut PgConn,
    config: &crate::ApiConfig,
    payment: &Payment,
    invoice_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let invoice = invoices::lock(conn, invoice_id)?
        .filter(|invoice| invoice.client_id == payment.client_id && invoice.currency == payment.currency)
        .ok_or_else(|| ApiError::field("invoice_id", not_found_reference("invoice_id")))?;
    let (paid, status) =
        status_after_payment(invoice.status, invoice.owed().owed_total(), invoice.amount_paid, payment.amount)
            .map_err(|error| match error {
                nourx_domain::billing::PaymentError::NotPayable => {
                    ApiError::Conflict { code: "not_payable", message: error.message(), extra: serde_json::Value::Null }
                }
                _ => ApiError::field("invoice_id", error.message()),
            })?;
    let paid_at = (status == InvoiceStatus::Paid).then_some(Some(now));
    invoices::update(
        conn,
        invoice.id,
        &InvoiceChanges { amount_paid: Some(paid), status: Some(status), paid_at, ..Default::default() },
    )?;
    let receipt_number = super::receipt::next_receipt_number(conn, now)?;
    let balance = invoice.owed().owed_total() - paid;
    let settled = payments::update(
        conn,
        payment.id,
        &PaymentChanges {
            invoice_id: Some(invoice.id),
            status: Some(PaymentStatus::Accepted),
            settled_at: Some(Some(now)),
            receipt_number: Some(Some(receipt_number)),
            paid_before: Some(Some(invoice.amount_paid)),
            balance_after: Some(Some(balance)),
            ..Default::default()
        },
    )?;
    super::settle::announce_settlement(conn, config, &settled, invoice.number.as_deref().unwrap_or(""), balance)
}
