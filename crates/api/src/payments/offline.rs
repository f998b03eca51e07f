//! Payments NOURX staff record by hand (a bank transfer, cash, a cheque, a mobile-money transfer
//! made outside the checkout): applied to the invoice at once, numbered in the receipt sequence and
//! emailed like CinetPay's; a proof may be attached; a mistake is voided with a reason (admins),
//! never deleted.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::NaiveDate;
use diesel::Connection;
use nourx_db::invoices::{self, InvoiceChanges};
use nourx_db::payments::{self, NewOfflinePayment, OfflineDetails, PaymentChanges};
use nourx_db::{PgConn, audit};
use nourx_domain::billing::{InvoiceStatus, PaymentError, status_after_payment};
use nourx_domain::credit::plan_void;
use nourx_domain::payments::{OfflineMethod, PaymentSource, PaymentStatus};
use nourx_domain::{Message, StaffAction, Workflow};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::PaymentDto;
use super::handlers::{payment_for_staff, visible_payment_dto};
use crate::AppState;
use crate::billing::{REASON_MAX, today};
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::{long_text, not_found_reference, text};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// The largest proof accepted (a phone photo of a bank slip, a PDF statement).
pub const PROOF_MAX_BYTES: usize = 10 * 1024 * 1024;
const PROOF_TYPES: [&str; 3] = ["image/jpeg", "image/png", "application/pdf"];

/// A payment received outside CinetPay's checkout.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfflinePaymentRequest {
    pub invoice_id: Uuid,
    /// In the invoice's currency; at most its balance.
    pub amount: i64,
    pub method: OfflineMethod,
    /// When the money arrived (not in the future).
    pub received_on: NaiveDate,
    /// The bank's, the cheque's or the operator's reference (up to 200 characters).
    #[serde(default)]
    pub reference: String,
    /// Up to 2 000 characters; NOURX staff only.
    #[serde(default)]
    pub note: String,
}

/// Records a payment received outside the checkout (NOURX staff): applied to the invoice, given
/// its receipt number (`REC-2026-0042`) and emailed to the client's billing contacts.
#[utoipa::path(
    tag = "payments",
    request_body = OfflinePaymentRequest,
    responses(
        (status = 201, body = PaymentDto),
        (status = 400, description = "Unknown invoice, `amount` not positive or above the balance, `received_on` in the future", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 409, description = "`not_payable`: a draft, paid, cancelled or credited invoice", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/payments/offline/")]
pub async fn record_offline_payment(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<OfflinePaymentRequest>,
) -> ApiResult<HttpResponse> {
    let mut errors = FieldErrors::new();
    let reference = long_text(&mut errors, "reference", &body.reference, 200);
    let note = long_text(&mut errors, "note", &body.note, crate::billing::NOTES_MAX);
    if body.received_on > today() {
        errors.add("received_on", Message::new("Cette date est dans le futur.", "This date is in the future."));
    }
    errors.into_result()?;
    let (config, caller) = (state.config.clone(), staff.0.clone());
    let recorded = RecordedPayment { body, reference, note };
    let id = state.db.run(move |conn| conn.transaction(|conn| record(conn, &staff, &config, &recorded))).await?;
    Ok(HttpResponse::Created().json(visible_payment_dto(&state, &caller, id).await?))
}

struct RecordedPayment {
    body: OfflinePaymentRequest,
    reference: String,
    note: String,
}

/// The payment written and applied in the caller's transaction; returns its id.
fn record(
    conn: &mut PgConn,
    staff: &Staff,
    config: &crate::ApiConfig,
    recorded: &RecordedPayment,
) -> Result<Uuid, ApiError> {
    let body = &recorded.body;
    let invoice = invoices::lock(conn, body.invoice_id)?
        .ok_or_else(|| ApiError::field("invoice_id", not_found_reference("invoice_id")))?;
    let (paid, status) =
        status_after_payment(invoice.status, invoice.owed().owed_total(), invoice.amount_paid, body.amount)
            .map_err(payment_refusal)?;
    let now = nourx_db::clock::transaction_now(conn)?;
    let paid_at = (status == InvoiceStatus::Paid).then_some(Some(now));
    let changes = InvoiceChanges { amount_paid: Some(paid), status: Some(status), paid_at, ..Default::default() };
    invoices::update(conn, invoice.id, &changes)?;
    let receipt_number = super::receipt::next_receipt_number(conn, now)?;
    let id = Uuid::now_v7();
    let transaction_id = format!("HORS-{}", id.simple());
    let payment = NewOfflinePayment {
        id,
        invoice_id: invoice.id,
        client_id: invoice.client_id,
        transaction_id: &transaction_id,
        amount: body.amount,
        currency: &invoice.currency,
        site_id: "",
        status: PaymentStatus::Accepted,
        source: PaymentSource::Offline,
        initiated_by: None,
        payment_method: body.method.as_str(),
        operator_id: Some(&recorded.reference).filter(|r| !r.is_empty()).map(String::as_str),
        expires_at: now,
        settled_at: now,
        receipt_number: &receipt_number,
        paid_before: invoice.amount_paid,
        balance_after: invoice.owed().owed_total() - paid,
    };
    let details = OfflineDetails {
        payment_id: id,
        method: body.method,
        reference: recorded.reference.clone(),
        received_on: body.received_on,
        note: recorded.note.clone(),
        proof_key: None,
        proof_filename: None,
        proof_content_type: None,
        recorded_by: Some(staff.id()),
    };
    let stored = payment.insert(conn, &details)?;
    let values = serde_json::json!({
        "invoice_id": invoice.id, "invoice_number": invoice.number, "amount": body.amount,
        "method": body.method.as_str(), "reference": recorded.reference, "received_on": body.received_on,
        "invoice_status": [invoice.status.as_str(), status.as_str()], "receipt_number": receipt_number,
    });
    audit::record(
        conn,
        &staff.audit(),
        "payment.recorded",
        ("payment", invoice.client_id),
        Some(id.to_string()),
        values,
    )?;
    let balance = invoice.owed().owed_total() - paid;
    super::settle::announce_settlement(conn, config, &stored, invoice.number.as_deref().unwrap_or(""), balance)?;
    Ok(id)
}

fn payment_refusal(error: PaymentError) -> ApiError {
    match error {
        PaymentError::NotPayable => {
            ApiError::Conflict { code: "not_payable", message: error.message(), extra: serde_json::Value::Null }
        }
        PaymentError::NotPositive | PaymentError::AboveBalance => ApiError::field("amount", error.message()),
    }
}

/// Why a payment is voided (1–1 000 characters; kept in its history).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoidPaymentRequest {
    pub reason: String,
}

/// Voids a payment recorded by hand (admins): its amount goes back to the invoice's balance; the
/// payment stays, marked voided with the reason. CinetPay's payments are refunded by a credit note.
#[utoipa::path(
    tag = "payments",
    params(("id" = Uuid, Path)),
    request_body = VoidPaymentRequest,
    responses(
        (status = 200, body = PaymentDto),
        (status = 400, description = "Missing reason", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such payment, or another client's", body = ErrorDetail),
        (status = 409, description = "`not_voidable` (not an accepted payment recorded by hand), `already_refunded`", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/payments/{id}/void/")]
pub async fn void_payment(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    Json(body): Json<VoidPaymentRequest>,
) -> ApiResult<web::Json<PaymentDto>> {
    let id = id.into_inner();
    payment_for_staff(&state, &caller, id, StaffAction::CorrectPayments).await?;
    let mut errors = FieldErrors::new();
    let reason = text(&mut errors, "reason", &body.reason, REASON_MAX);
    errors.into_result()?;
    let admin = caller.clone();
    state.db.run(move |conn| conn.transaction(|conn| void(conn, &admin, id, &reason))).await?;
    Ok(web::Json(visible_payment_dto(&state, &caller, id).await?))
}

fn void(conn: &mut PgConn, staff: &Caller, id: Uuid, reason: &str) -> Result<(), ApiError> {
    let payment = payments::lock(conn, id)?.ok_or(ApiError::NotFound)?;
    let invoice = invoices::lock(conn, payment.invoice_id)?.ok_or(ApiError::NotFound)?;
    let voidable = payment.source == PaymentSource::Offline && payment.status == PaymentStatus::Accepted;
    let (after, status) = plan_void(voidable, invoice.owed(), payment.amount).map_err(|refusal| {
        ApiError::Conflict { code: refusal.code(), message: refusal.message(), extra: serde_json::Value::Null }
    })?;
    let paid_at = if status == InvoiceStatus::Paid { None } else { Some(None) };
    let changes = InvoiceChanges { amount_paid: Some(after.paid), status: Some(status), paid_at, ..Default::default() };
    invoices::update(conn, invoice.id, &changes)?;
    let now = nourx_db::clock::transaction_now(conn)?;
    payments::update(conn, id, &PaymentChanges::voided(now, staff.id(), reason))?;
    let values = serde_json::json!({
        "reason": reason, "amount": payment.amount, "receipt_number": payment.receipt_number,
        "invoice_status": [invoice.status.as_str(), status.as_str()],
    });
    audit::record(
        conn,
        &staff.audit(),
        "payment.voided",
        ("payment", payment.client_id),
        Some(id.to_string()),
        values,
    )?;
    Ok(())
}

/// The file's name as given in `?filename=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProofQuery {
    /// Shown and used when downloading (1–255 characters).
    pub filename: String,
}

/// Attaches a proof to a payment recorded by hand (NOURX staff): the raw file as the body (JPEG,
/// PNG or PDF, at most 10 MB), checked by its content, replacing any earlier proof.
#[utoipa::path(
    tag = "payments",
    params(("id" = Uuid, Path), ProofQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 200, body = PaymentDto),
        (status = 400, description = "Empty, too large, or not a JPEG, PNG or PDF", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such payment recorded by hand, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[put("/payments/{id}/proof/")]
pub async fn upload_payment_proof(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: web::Query<ProofQuery>,
    payload: web::Payload,
) -> ApiResult<web::Json<PaymentDto>> {
    let id = id.into_inner();
    payment_for_staff(&state, &caller, id, StaffAction::UseBackOffice).await?;
    let filename = proof_filename(&query.filename)?;
    let too_large =
        || ApiError::field("file", Message::new("Le justificatif dépasse 10 Mo.", "The proof is larger than 10 MB."));
    let body = payload.to_bytes_limited(PROOF_MAX_BYTES).await.map_err(|_| too_large())?.map_err(|error| {
        ApiError::field(
            "file",
            Message::owned(format!("Envoi interrompu : {error}"), format!("Upload interrupted: {error}")),
        )
    })?;
    let content_type = proof_type(&body)?;
    let key = format!("proofs/{id}/{}", Uuid::now_v7());
    let found = state.db.run(move |conn| Ok::<_, ApiError>(payments::offline_details(conn, &[id])?)).await?;
    found.first().ok_or(ApiError::NotFound)?;
    state.storage.put(&key, body.to_vec(), content_type).await.map_err(crate::documents::storage_error)?;
    let audit_context = caller.audit();
    state
        .db
        .run(move |conn| {
            payments::set_proof(conn, id, &key, &filename, content_type)?;
            let values = serde_json::json!({"filename": filename, "content_type": content_type});
            audit::record(conn, &audit_context, "payment.proof", "payment", Some(id.to_string()), values)?;
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(web::Json(visible_payment_dto(&state, &caller, id).await?))
}

fn proof_filename(name: &str) -> Result<String, ApiError> {
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "filename", name.rsplit(['/', '\\']).next().unwrap_or(name), 255);
    errors.into_result()?;
    Ok(name)
}

/// The proof's type from its first bytes: JPEG, PNG or PDF only, and not too large.
fn proof_type(body: &[u8]) -> Result<&'static str, ApiError> {
    let refused = |fr: &'static str, en: &'static str| ApiError::field("file", Message::new(fr, en));
    if body.is_empty() {
        return Err(refused("Le fichier est vide.", "The file is empty."));
    }
    nourx_domain::documents::sniff(&body[..body.len().min(8192)])
        .and_then(|sniffed| PROOF_TYPES.into_iter().find(|allowed| *allowed == sniffed))
        .ok_or_else(|| refused("Justificatif accepté : JPEG, PNG ou PDF.", "Accepted proofs: JPEG, PNG or PDF."))
}

/// The proof of a payment recorded by hand (NOURX staff).
#[utoipa::path(
    tag = "payments",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
        (status = 404, description = "No such payment, another client's, or no proof", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/payments/{id}/proof/")]
pub async fn download_payment_proof(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    payment_for_staff(&state, &caller, id, StaffAction::UseBackOffice).await?;
    let details = state.db.run(move |conn| Ok::<_, ApiError>(payments::offline_details(conn, &[id])?)).await?;
    let details = details.into_iter().next().ok_or(ApiError::NotFound)?;
    let (Some(key), Some(filename)) = (details.proof_key, details.proof_filename) else {
        return Err(ApiError::NotFound);
    };
    let bytes = state.storage.get(&key).await.map_err(crate::documents::storage_error)?.ok_or(ApiError::NotFound)?;
    let disposition = actix_web::http::header::ContentDisposition::attachment(filename);
    Ok(HttpResponse::Ok()
        .content_type(details.proof_content_type.unwrap_or_else(|| "application/octet-stream".into()))
        .insert_header(disposition)
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes))
}
