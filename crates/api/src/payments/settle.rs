//! The only way a payment changes state after it started: ask CinetPay (`/v2/payment/check`),
//! journal the answer, and apply it in one transaction that starts by locking the payment row.
//! Whatever the number, order or concurrency of notifications, status polls and reconciliation
//! runs, a payment settles once: the second re-check finds it `accepted` and changes nothing.

use chrono::{DateTime, Utc};
use diesel::Connection;
use nourx_cinetpay::{CheckResponse, Credentials};
use nourx_db::PgConn;
use nourx_db::audit::{self, AuditContext};
use nourx_db::clock::transaction_now;
use nourx_db::invoices::{self, InvoiceChanges};
use nourx_db::notifications::NewNotification;
use nourx_db::payments::{self, NewCheck, Payment, PaymentChanges};
use nourx_domain::billing::InvoiceStatus;
use nourx_domain::money::format_amount;
use nourx_domain::payments::{
    self as rules, CheckOutcome, CheckView, Expected, PaymentStatus, Transition, Trigger, apply_to_invoice,
    classify_check, method_label, next_check_at,
};
use nourx_domain::{Lang, Locale, Message, Workflow};
use nourx_mail::TemplateKey;
use uuid::Uuid;

use super::{PaymentService, credentials};
use crate::http::error::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum RecheckError {
    #[error("no such payment")]
    NotFound,
    #[error("CinetPay credentials are not configured")]
    NotConfigured,
    /// CinetPay did not answer usefully: try again later (the attempt is journaled).
    #[error("CinetPay is unavailable: {0}")]
    Provider(String),
    #[error(transparent)]
    Api(#[from] ApiError),
}

/// Asks CinetPay about the payment and applies the answer; returns the payment as it is after.
/// Payments already settled or in an admin's hands are returned without asking.
pub async fn recheck(service: &PaymentService, payment_id: Uuid, trigger: Trigger) -> Result<Payment, RecheckError> {
    let config = service.config.clone();
    let (payment, credentials) = service
        .db
        .run(move |conn| {
            let payment = payments::find(conn, payment_id)?;
            Ok::<_, ApiError>((payment, credentials(conn, &config)?))
        })
        .await?;
    let payment = payment.ok_or(RecheckError::NotFound)?;
    if matches!(payment.status, PaymentStatus::Accepted | PaymentStatus::Flagged | PaymentStatus::Failed) {
        return Ok(payment);
    }
    let credentials = credentials.ok_or(RecheckError::NotConfigured)?;
    let client = service.client().map_err(|_| RecheckError::Provider("no usable CINETPAY_BASE_URL".into()))?;
    let answer = client.check_payment(&credentials, &payment.transaction_id).await.map_err(|e| e.to_string());
    let config = service.config.clone();
    let (payment, provider_error) =
        service.db.run(move |conn| apply(conn, &config, payment_id, trigger, &credentials, answer)).await?;
    match provider_error {
        Some(error) => Err(RecheckError::Provider(error)),
        None => Ok(payment),
    }
}

/// Applies one check answer (or its failure) to the payment, in one transaction.
fn apply(
    conn: &mut PgConn,
    config: &crate::ApiConfig,
    payment_id: Uuid,
    trigger: Trigger,
    credentials: &Credentials,
    answer: Result<CheckResponse, String>,
) -> Result<(Payment, Option<String>), ApiError> {
    conn.transaction(|conn| {
        let now = transaction_now(conn)?;
        let payment = payments::lock(conn, payment_id)?.ok_or(ApiError::NotFound)?;
        let status = payment.status;
        let check = match answer {
            Err(error) => {
                payments::journal_check(
                    conn,
                    &NewCheck {
                        payment_id,
                        trigger,
                        http_status: None,
                        code: None,
                        status: None,
                        body: None,
                        error: Some(&error),
                        outcome: CheckOutcome::Unavailable,
                    },
                )?;
                let payment = if status.is_open() { schedule_next(conn, &payment, now)? } else { payment };
                return Ok((payment, Some(error)));
            }
            Ok(check) => check,
        };
        let data = check.data.as_ref();
        let view = CheckView {
            code: &check.code,
            status: data.and_then(|d| d.status.as_deref()),
            amount: data.and_then(|d| d.amount.as_deref()),
            currency: data.and_then(|d| d.currency.as_deref()),
            site_id: &credentials.site_id,
        };
        let expected = Expected { amount: payment.amount, currency: &payment.currency, site_id: &payment.site_id };
        let verdict = classify_check(view, expected);
        let transition = rules::transition(status, &verdict);
        payments::journal_check(
            conn,
            &NewCheck {
                payment_id,
                trigger,
                http_status: Some(i32::from(check.http_status)),
                code: Some(&check.code),
                status: view.status,
                body: Some(check.raw.clone()),
                error: None,
                outcome: CheckOutcome::of(&transition),
            },
        )?;
        let seen = PaymentChanges {
            payment_method: data.and_then(|d| d.payment_method.clone()).map(Some),
            operator_id: data.and_then(|d| d.operator_id.clone()).map(Some),
            last_code: Some(Some(check.code.clone())),
            last_message: Some(Some(check.message.clone())),
            last_checked_at: Some(Some(now)),
            check_count: Some(payment.check_count + 1),
            ..PaymentChanges::default()
        };
        let payment = match transition {
            Transition::Settle => settle(conn, config, &payment, seen, now)?,
            Transition::Refuse => payments::update(
                conn,
                payment_id,
                &PaymentChanges { status: Some(PaymentStatus::Refused), next_check_at: Some(None), ..seen },
            )?,
            Transition::Flag(reason) => flag(conn, &payment, seen, &reason)?,
            Transition::StayPending => {
                let payment = payments::update(conn, payment_id, &seen)?;
                schedule_next(conn, &payment, now)?
            }
            Transition::Nothing => payments::update(
                conn,
                payment_id,
                &PaymentChanges {
                    last_checked_at: Some(Some(now)),
                    check_count: seen.check_count,
                    ..Default::default()
                },
            )?,
        };
        Ok((payment, None))
    })
}

/// The next check of an open payment, or `expired` once past the horizon.
fn schedule_next(conn: &mut PgConn, payment: &Payment, now: DateTime<Utc>) -> Result<Payment, ApiError> {
    let changes = match next_check_at(payment.created_at, payment.check_count, now) {
        Some(at) => PaymentChanges { next_check_at: Some(Some(at)), ..Default::default() },
        None => {
            PaymentChanges { status: Some(PaymentStatus::Expired), next_check_at: Some(None), ..Default::default() }
        }
    };
    Ok(payments::update(conn, payment.id, &changes)?)
}

/// The money is confirmed: apply it to the invoice, number the receipt, audit, and tell people.
fn settle(
    conn: &mut PgConn,
    config: &crate::ApiConfig,
    payment: &Payment,
    seen: PaymentChanges,
    now: DateTime<Utc>,
) -> Result<Payment, ApiError> {
    let invoice = invoices::lock(conn, payment.invoice_id)?.ok_or(ApiError::NotFound)?;
    let applied = match apply_to_invoice(
        invoice.status,
        invoice.owed().owed_total(),
        invoice.amount_paid,
        payment.amount,
        &payment.currency,
    ) {
        Ok(applied) => applied,
        // Paid twice, paid after a cancellation…: the money is there, the invoice cannot take it.
        Err(error) => {
            let reason = format!("received but not applicable to invoice {}: {}", invoice.id, error.message().en);
            return flag(conn, payment, seen, &reason);
        }
    };
    invoices::update(
        conn,
        invoice.id,
        &InvoiceChanges {
            amount_paid: Some(applied.amount_paid),
            status: Some(applied.status),
            paid_at: (applied.status == InvoiceStatus::Paid).then_some(Some(now)),
            ..Default::default()
        },
    )?;
    let receipt_number = super::receipt::next_receipt_number(conn, now)?;
    let settled = payments::update(
        conn,
        payment.id,
        &PaymentChanges {
            status: Some(PaymentStatus::Accepted),
            settled_at: Some(Some(now)),
            receipt_number: Some(Some(receipt_number.clone())),
            paid_before: Some(Some(invoice.amount_paid)),
            balance_after: Some(Some(invoice.owed().owed_total() - applied.amount_paid)),
            next_check_at: Some(None),
            ..seen
        },
    )?;
    audit::record(
        conn,
        &AuditContext::default(),
        "payment.settled",
        ("payment", invoice.client_id),
        Some(payment.id.to_string()),
        serde_json::json!({
            "invoice_id": invoice.id,
            "invoice_number": invoice.number,
            "amount": payment.amount,
            "currency": payment.currency,
            "transaction_id": payment.transaction_id,
            "operator_id": settled.operator_id,
            "invoice_status": [invoice.status.as_str(), applied.status.as_str()],
            "amount_paid": [invoice.amount_paid, applied.amount_paid],
            "written_off": applied.written_off,
            "receipt_number": receipt_number,
        }),
    )?;
    announce_settlement(
        conn,
        config,
        &settled,
        invoice.number.as_deref().unwrap_or(""),
        invoice.owed().owed_total() - applied.amount_paid,
    )?;
    Ok(settled)
}

/// Money reported that we cannot take as it is: never applied, kept for an admin.
fn flag(conn: &mut PgConn, payment: &Payment, seen: PaymentChanges, reason: &str) -> Result<Payment, ApiError> {
    tracing::warn!(payment = %payment.id, transaction = %payment.transaction_id, reason, "payment flagged for review");
    let flagged = payments::update(
        conn,
        payment.id,
        &PaymentChanges {
            status: Some(PaymentStatus::Flagged),
            flag_reason: Some(Some(reason.to_owned())),
            next_check_at: Some(None),
            ..seen
        },
    )?;
    audit::record(
        conn,
        &AuditContext::default(),
        "payment.flagged",
        ("payment", payment.client_id),
        Some(payment.id.to_string()),
        serde_json::json!({"reason": reason, "transaction_id": payment.transaction_id, "amount": payment.amount}),
    )?;
    let link = format!("/admin/paiements/{}", payment.id);
    let admins = nourx_db::users::active_staff(conn)?;
    let rows: Vec<(Uuid, String, String)> = admins
        .into_iter()
        .map(|(id, _, locale)| {
            let lang = Lang::from(locale);
            let title = Message::new("Paiement à vérifier", "Payment to review").get(lang).to_owned();
            let body = Message::owned(
                format!(
                    "La transaction {} ({}) ne peut pas être appliquée telle quelle : {reason}",
                    payment.transaction_id,
                    format_amount(payment.amount, &payment.currency, Lang::Fr)
                ),
                format!(
                    "Transaction {} ({}) cannot be applied as it is: {reason}",
                    payment.transaction_id,
                    format_amount(payment.amount, &payment.currency, Lang::En)
                ),
            )
            .get(lang)
            .to_owned();
            (id, title, body)
        })
        .collect();
    insert_notifications(conn, "payment.flagged", &rows, &link, &payment.id.to_string())?;
    Ok(flagged)
}

fn insert_notifications(
    conn: &mut PgConn,
    kind: &str,
    rows: &[(Uuid, String, String)],
    link: &str,
    entity_id: &str,
) -> Result<(), ApiError> {
    let new: Vec<NewNotification<'_>> = rows
        .iter()
        .map(|(user_id, title, body)| NewNotification {
            id: Uuid::now_v7(),
            user_id: *user_id,
            kind,
            title,
            body,
            link: Some(link),
            entity: Some("payment"),
            entity_id: Some(entity_id),
        })
        .collect();
    if !new.is_empty() {
        nourx_db::notifications::insert_many(conn, &new)?;
    }
    Ok(())
}

/// The receipt email (billing contacts and whoever paid) and the in-app notification (every
/// active member of the client), written in the settlement's transaction: they exist if and
/// only if the payment settled.
pub(crate) fn announce_settlement(
    conn: &mut PgConn,
    config: &crate::ApiConfig,
    payment: &Payment,
    invoice_number: &str,
    balance_after: i64,
) -> Result<(), ApiError> {
    let client = nourx_db::clients::find(conn, &nourx_db::Scope::All, payment.client_id)?.ok_or(ApiError::NotFound)?;
    let mut recipients = nourx_db::clients::billing_contacts(conn, &client)?;
    if let Some(user_id) = payment.initiated_by
        && let Ok(user) = nourx_db::users::User::find(conn, user_id)
        && user.is_active
        && !recipients.iter().any(|(email, _)| email.eq_ignore_ascii_case(&user.email))
    {
        recipients.push((user.email, user.locale));
    }
    let names: std::collections::HashMap<String, String> = nourx_db::clients::members(conn, client.id)?
        .into_iter()
        .map(|member| (member.email.to_lowercase(), member.full_name))
        .collect();
    let method = payment.payment_method.as_deref().map(method_label);
    for (email, locale) in recipients {
        let lang = Lang::from(locale);
        let vars = serde_json::json!({
            "name": names.get(&email.to_lowercase()).cloned().unwrap_or_else(|| client.name.clone()),
            "client_name": client.name,
            "invoice_number": invoice_number,
            "amount": format_amount(payment.amount, &payment.currency, lang),
            "balance": format_amount(balance_after, &payment.currency, lang),
            "fully_paid": balance_after == 0,
            "receipt_number": payment.receipt_number,
            "receipt_url": format!("{}/paiements/{}", config.public_web_url, payment.id),
            "invoice_url": format!("{}/factures/{}", config.public_web_url, payment.invoice_id),
            "method": method.as_ref().map(|m| m.get(lang).to_owned()).unwrap_or_default(),
        });
        let locale = if lang == Lang::En { Locale::En } else { Locale::Fr };
        crate::services::mailer::enqueue(conn, &email, locale, TemplateKey::PaymentReceipt, &vars)?;
    }
    let rows: Vec<(Uuid, String, String)> = nourx_db::clients::active_member_locales(conn, client.id)?
        .into_iter()
        .map(|(user_id, locale)| {
            let lang = Lang::from(locale);
            let title = Message::new("Paiement reçu", "Payment received").get(lang).to_owned();
            let body = Message::owned(
                format!(
                    "{} reçus pour la facture {invoice_number}. Merci !",
                    format_amount(payment.amount, &payment.currency, Lang::Fr)
                ),
                format!(
                    "{} received for invoice {invoice_number}. Thank you!",
                    format_amount(payment.amount, &payment.currency, Lang::En)
                ),
            )
            .get(lang)
            .to_owned();
            (user_id, title, body)
        })
        .collect();
    insert_notifications(
        conn,
        "payment.accepted",
        &rows,
        &format!("/paiements/{}", payment.id),
        &payment.id.to_string(),
    )
}
