//! `GET /api/payments/{id}/receipt/`: the receipt of a settled payment, rendered once per
//! language, stored, then served from object storage like the invoices.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use nourx_db::{PgConn, Scope, invoices, payments};
use nourx_domain::Message;
use nourx_domain::payments::{PaymentSource, PaymentStatus, method_label};
use nourx_pdf::ReceiptDocument;
use uuid::Uuid;

use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;
use crate::services::pdf::{
    Branding, PdfQuery, PdfRequest, PdfResponses, Printable, Record, StoredPdf, branding_tag, client_block, lang_code,
};

/// The next number of the gapless receipt sequence (`REC-2026-0001`, as the numbering settings
/// say), for a payment applied at `now`.
pub(crate) fn next_receipt_number(conn: &mut PgConn, now: DateTime<Utc>) -> Result<String, ApiError> {
    use chrono::Datelike;
    crate::admin::next_number(conn, nourx_db::sequences::SequenceKind::Receipt, now.year())
}

/// The receipt of a payment visible in `scope`.
pub(crate) fn prepare_receipt(
    conn: &mut PgConn,
    scope: &Scope,
    id: Uuid,
    query: &PdfQuery,
) -> Result<StoredPdf, ApiError> {
    let (payment, _, _, _) = payments::get_row(conn, scope, id)?.ok_or(ApiError::NotFound)?;
    if payment.status != PaymentStatus::Accepted {
        return Err(ApiError::Conflict {
            code: "no_receipt",
            message: Message::new(
                "Le reçu est disponible une fois le paiement confirmé.",
                "The receipt is available once the payment is confirmed.",
            ),
            extra: serde_json::Value::Null,
        });
    }
    let (invoice, _, _) = invoices::find(conn, &Scope::All, payment.invoice_id, false)?.ok_or(ApiError::NotFound)?;
    let client = nourx_db::clients::find(conn, &Scope::All, payment.client_id)?.ok_or(ApiError::NotFound)?;
    let lang = query.lang(&client)?;
    let branding = Branding::load(conn)?;
    let receipt_number = payment.receipt_number.clone().unwrap_or_default();
    let paid_before = payment.paid_before.unwrap_or(0);
    let balance_after =
        payment.balance_after.unwrap_or((invoice.owed().owed_total() - paid_before - payment.amount).max(0));
    // Recorded by hand: the day the money arrived, printed instead of the time it was recorded.
    let received_on = match payment.source {
        PaymentSource::Offline => payments::offline_details(conn, &[payment.id])?.first().map(|d| d.received_on),
        PaymentSource::Cinetpay => None,
    };
    let document = ReceiptDocument {
        lang,
        letterhead: branding.letterhead(lang),
        client: client_block(&client),
        receipt_number: receipt_number.clone(),
        paid_at: payment.settled_at.unwrap_or(payment.updated_at),
        invoice_number: invoice.number.clone().unwrap_or_default(),
        invoice_title: invoice.title.clone(),
        currency: payment.currency.clone(),
        amount: payment.amount,
        invoice_total: invoice.total_ttc,
        // The balance was worked out after the credit notes of that moment: what they took off.
        credited: (invoice.total_ttc - paid_before - payment.amount - balance_after).max(0),
        paid_before,
        balance_after,
        method: payment.payment_method.as_deref().map(|m| method_label(m).get(lang).to_owned()).unwrap_or_default(),
        operator_reference: payment.operator_id.clone(),
        transaction_id: payment.transaction_id.clone(),
        received_on,
    };
    let tag = format!("{}-{}", lang_code(lang), branding_tag(&branding));
    Ok(StoredPdf {
        document: Printable::Receipt(document),
        key: format!("pdf/receipts/{id}/{tag}.pdf"),
        etag: format!("\"receipt-{id}-{tag}\""),
        filename: format!("{receipt_number}.pdf"),
        previous_key: None,
        record: Record::Payment { id },
        logo_key: branding.logo_key(),
    })
}

/// The receipt of a confirmed payment as a PDF (A4, the client's language unless `?lang=`).
#[utoipa::path(
    tag = "payments",
    params(("id" = Uuid, Path), PdfQuery),
    responses(
        PdfResponses,
        (status = 404, description = "No such payment, or another client's", body = ErrorDetail),
        (status = 409, description = "`no_receipt`: the payment is not confirmed", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/payments/{id}/receipt/")]
pub async fn payment_receipt(caller: Caller, id: web::Path<Uuid>, pdf: PdfRequest) -> ApiResult<HttpResponse> {
    pdf.serve(move |conn, query| prepare_receipt(conn, &caller.scope(), id.into_inner(), query)).await
}
