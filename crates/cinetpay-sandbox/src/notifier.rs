//! Notifications to the merchant's `notify_url`: a GET ping, then form POSTs carrying the 16 fields
//! in the x-token formula's order and the `x-token` header. Failures are logged, never fatal: the
//! merchant is expected to re-check.

use std::time::Duration;

use futures_util::future::join_all;
use nourx_cinetpay::notification;

use crate::state::{Inner, Status};
use crate::{MAX_DUPLICATES, SandboxError};

/// One round of notifications for the transaction's current state, per the faults.
pub(crate) async fn deliver(inner: &Inner, transaction_id: &str) -> Result<(), SandboxError> {
    let faults = inner.faults();
    if inner.get(transaction_id).is_none() {
        return Err(SandboxError::UnknownTransaction(transaction_id.to_owned()));
    }
    if faults.lose_notifications {
        tracing::info!(payment.transaction_id = transaction_id, "cinetpay sandbox: notification lost (fault)");
        return Ok(());
    }
    if faults.notify_delay_ms > 0 {
        actix_web::rt::time::sleep(Duration::from_millis(faults.notify_delay_ms)).await;
    }
    // The state when the notification leaves, after the delay.
    let transaction =
        inner.get(transaction_id).ok_or_else(|| SandboxError::UnknownTransaction(transaction_id.to_owned()))?;
    let key =
        if faults.wrong_token { format!("not-{}", inner.config.secret_key) } else { inner.config.secret_key.clone() };
    let site_id = &inner.config.site_id;

    ping(inner, &transaction.notify_url, transaction_id).await;
    let fields = transaction.notification_fields(site_id, transaction.status.error_message());
    let copies = 1 + faults.duplicate_notifications.min(MAX_DUPLICATES);
    join_all((0..copies).map(|_| post(inner, &transaction.notify_url, &fields, key.as_bytes(), transaction_id))).await;
    let mut sent = copies;

    if faults.out_of_order && transaction.status.is_final() {
        let stale = transaction.notification_fields(site_id, Status::Waiting.error_message());
        post(inner, &transaction.notify_url, &stale, key.as_bytes(), transaction_id).await;
        sent += 1;
    }
    inner.count_notifications(transaction_id, sent);
    Ok(())
}

/// CinetPay checks that `notify_url` answers before posting to it.
async fn ping(inner: &Inner, notify_url: &str, transaction_id: &str) {
    match inner.http.get(notify_url).send().await {
        Ok(response) if response.status().is_success() => {}
        Ok(response) => {
            tracing::warn!(
                payment.transaction_id = transaction_id,
                status = response.status().as_u16(),
                "cinetpay sandbox: ping not 200"
            );
        }
        Err(error) => tracing::warn!(payment.transaction_id = transaction_id, %error, "cinetpay sandbox: ping failed"),
    }
}

async fn post(inner: &Inner, notify_url: &str, fields: &[(&'static str, String)], key: &[u8], transaction_id: &str) {
    let token = notification::token(key, |name| {
        fields.iter().find(|(field, _)| *field == name).map(|(_, value)| value.as_str())
    });
    // `form` keeps the slice's order: the formula's, so `implode($_POST)` receivers verify too.
    match inner.http.post(notify_url).header("x-token", token).form(fields).send().await {
        Ok(response) if response.status().is_success() => {
            tracing::info!(payment.transaction_id = transaction_id, "cinetpay sandbox: notification delivered");
        }
        Ok(response) => tracing::warn!(
            payment.transaction_id = transaction_id,
            status = response.status().as_u16(),
            "cinetpay sandbox: notification answered with an error"
        ),
        Err(error) => {
            tracing::warn!(payment.transaction_id = transaction_id, %error, "cinetpay sandbox: notification failed")
        }
    }
}
