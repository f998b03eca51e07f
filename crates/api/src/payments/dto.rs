use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::PgConn;
use nourx_db::payments::{OfflineDetails, PaymentRow};
use nourx_domain::Lang;
pub use nourx_domain::payments::{OfflineMethod, PaymentChannel, PaymentSource, PaymentStatus};
use nourx_domain::payments::{RESUME_WINDOW_MINUTES, method_label};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// One online payment of (part of) an invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentDto {
    pub id: Uuid,
    pub invoice_id: Uuid,
    #[schema(example = "NX-2026-0042")]
    pub invoice_number: Option<String>,
    pub client_id: Uuid,
    pub client_name: String,
    /// Ours, sent to CinetPay.
    #[schema(example = "NXP-20261124-7K2M9QH4XW3B")]
    pub transaction_id: String,
    /// In the currency's unit (FCFA for XOF).
    #[schema(example = 150000)]
    pub amount: i64,
    #[schema(example = "XOF")]
    pub currency: String,
    pub channel: PaymentChannel,
    pub status: PaymentStatus,
    /// The status in the caller's language.
    #[schema(example = "En attente de confirmation")]
    pub status_label: String,
    /// CinetPay's code of the means used (`OM`, `MOMO`, `FLOOZ`, `WAVECI`, `CARD`…).
    pub payment_method: Option<String>,
    #[schema(example = "Orange Money")]
    pub method_label: Option<String>,
    /// The operator's reference of the transaction.
    pub operator_id: Option<String>,
    /// Why an admin has to look at it (flagged payments; NOURX staff only).
    pub flag_reason: Option<String>,
    #[schema(example = "REC-2026-0007")]
    pub receipt_number: Option<String>,
    /// The receipt PDF (accepted payments).
    pub receipt_url: Option<String>,
    /// CinetPay's payment page, while the payment can still be completed there.
    pub checkout_url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
    /// Unconfirmed until then, the payment expires.
    pub expires_at: DateTime<Utc>,
    pub initiated_by_name: Option<String>,
    /// `cinetpay`, or `offline` when NOURX staff recorded it.
    pub source: PaymentSource,
    /// What only a payment recorded by staff has (NOURX staff only; null otherwise).
    pub offline: Option<OfflineDto>,
    /// A payment recorded by hand and then cancelled, with why.
    pub voided_at: Option<DateTime<Utc>>,
    pub void_reason: Option<String>,
}

/// How a payment recorded by NOURX staff was made.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfflineDto {
    pub method: OfflineMethod,
    #[schema(example = "Virement bancaire")]
    pub method_label: String,
    /// The bank's, the cheque's or the operator's reference.
    pub reference: String,
    pub received_on: NaiveDate,
    pub note: String,
    /// The proof (scan, screenshot), when one was attached.
    pub proof_url: Option<String>,
    pub proof_filename: Option<String>,
    /// Who recorded it.
    pub recorded_by_name: Option<String>,
}

impl OfflineDto {
    pub fn new(details: OfflineDetails, lang: Lang) -> OfflineDto {
        OfflineDto {
            method_label: details.method.label().get(lang).to_owned(),
            proof_url: details.proof_key.as_ref().map(|_| format!("/api/payments/{}/proof/", details.payment_id)),
            method: details.method,
            reference: details.reference,
            received_on: details.received_on,
            note: details.note,
            proof_filename: details.proof_filename,
            recorded_by_name: None,
        }
    }
}

impl PaymentDto {
    pub fn new(row: PaymentRow, lang: Lang, staff: bool, now: DateTime<Utc>) -> PaymentDto {
        let (payment, invoice_number, client_name, initiated_by_name) = row;
        let status = payment.status;
        let resumable = status == PaymentStatus::Pending
            && payment.created_at + chrono::Duration::minutes(RESUME_WINDOW_MINUTES) > now;
        PaymentDto {
            receipt_url: (status == PaymentStatus::Accepted).then(|| format!("/api/payments/{}/receipt/", payment.id)),
            checkout_url: if resumable { payment.checkout_url } else { None },
            status_label: status.label().get(lang).to_owned(),
            method_label: payment.payment_method.as_deref().map(|code| method_label(code).get(lang).to_owned()),
            flag_reason: if staff { payment.flag_reason } else { None },
            status,
            channel: payment.channel,
            id: payment.id,
            invoice_id: payment.invoice_id,
            invoice_number,
            client_id: payment.client_id,
            client_name,
            transaction_id: payment.transaction_id,
            amount: payment.amount,
            currency: payment.currency,
            payment_method: payment.payment_method,
            operator_id: payment.operator_id,
            receipt_number: payment.receipt_number,
            created_at: payment.created_at,
            settled_at: payment.settled_at,
            expires_at: payment.expires_at,
            initiated_by_name,
            source: payment.source,
            offline: None,
            voided_at: payment.voided_at,
            void_reason: payment.void_reason,
        }
    }
}

/// Starts paying an invoice online.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InitPaymentRequest {
    pub invoice_id: Uuid,
    /// An instalment, in the invoice's currency: a multiple of 5 (XOF), at least the minimum, at
    /// most the balance. Default: the whole balance.
    #[serde(default)]
    pub amount: Option<i64>,
    /// Default `ALL`.
    #[serde(default)]
    pub channel: Option<PaymentChannel>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaymentListQuery {
    pub invoice: Option<Uuid>,
    pub client: Option<Uuid>,
    /// `initiating`, `pending`, `accepted`, `refused`, `expired`, `flagged`, `failed` or `voided`.
    pub status: Option<String>,
    /// `cinetpay` or `offline` (recorded by NOURX staff).
    pub source: Option<String>,
    /// CinetPay's channel: `ALL`, `MOBILE_MONEY`, `CREDIT_CARD` or `WALLET`.
    pub channel: Option<String>,
    /// CinetPay's code of the means (`OM`, `MOMO`, `FLOOZ`, `WAVECI`, `CARD`…) or an offline method
    /// (`bank_transfer`, `cash`, `cheque`, `mobile_money`).
    pub method: Option<String>,
    /// At least this amount.
    pub amount_min: Option<i64>,
    /// At most this amount.
    pub amount_max: Option<i64>,
    /// Open (initiating or pending) and started more than this many minutes ago.
    pub pending_for: Option<u32>,
    /// Started on or after this day.
    pub date_from: Option<NaiveDate>,
    /// Started on or before this day.
    pub date_to: Option<NaiveDate>,
}

/// Whether the signed-in person can pay this invoice online now, and which amounts.
#[derive(Debug, Serialize, ToSchema)]
pub struct OnlinePaymentDto {
    pub can_pay: bool,
    /// Why not: `not_member` (NOURX staff, viewers), `not_payable` (draft, paid, cancelled),
    /// `nothing_due`, `below_minimum` (the balance is below what CinetPay takes), `in_progress`.
    pub reason: Option<String>,
    pub balance: i64,
    /// The balance rounded down to a multiple of `step`.
    pub max_amount: i64,
    pub min_amount: i64,
    pub partial_allowed: bool,
    pub step: i64,
    /// The payment started less than 15 minutes ago, which can be resumed.
    pub open_payment: Option<OpenPaymentDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OpenPaymentDto {
    pub id: Uuid,
    pub checkout_url: Option<String>,
    pub expires_at: DateTime<Utc>,
}

/// The DTOs of `rows`, with the offline details of those NOURX staff recorded (staff only).
pub(crate) fn payment_dtos(
    conn: &mut PgConn,
    rows: Vec<PaymentRow>,
    lang: Lang,
    staff: bool,
) -> Result<Vec<PaymentDto>, crate::http::error::ApiError> {
    let offline_ids: Vec<Uuid> =
        rows.iter().filter(|row| staff && row.0.source == PaymentSource::Offline).map(|row| row.0.id).collect();
    let mut details: std::collections::HashMap<Uuid, OfflineDetails> = if offline_ids.is_empty() {
        Default::default()
    } else {
        nourx_db::payments::offline_details(conn, &offline_ids)?.into_iter().map(|d| (d.payment_id, d)).collect()
    };
    let recorders: Vec<Uuid> = details.values().filter_map(|d| d.recorded_by).collect();
    let names = if recorders.is_empty() { Default::default() } else { nourx_db::users::names(conn, &recorders)? };
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.0.id;
            let mut dto = PaymentDto::new(row, lang, staff, now);
            dto.offline = details.remove(&id).map(|d| {
                let recorded_by_name = d.recorded_by.and_then(|by| names.get(&by).cloned());
                OfflineDto { recorded_by_name, ..OfflineDto::new(d, lang) }
            });
            dto
        })
        .collect())
}
