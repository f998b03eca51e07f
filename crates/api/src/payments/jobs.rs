//! What the worker runs for payments: the re-check job (queued by notifications and by the
//! reconciliation) and the reconciliation itself (a periodic task).

use chrono::Duration;
use diesel::Connection;
use nourx_db::PgConn;
use nourx_db::clock::transaction_now;
use nourx_db::jobs::NewJob;
use nourx_db::payments;
use nourx_domain::payments::Trigger;
use uuid::Uuid;

use super::PaymentService;
use super::settle::{RecheckError, recheck};
use crate::http::error::ApiError;

pub const RECHECK_JOB: &str = "payment.recheck";
/// Open payments handled per reconciliation round.
const RECONCILE_BATCH: i64 = 200;
/// Once queued, a payment is not queued again by the reconciliation before this (the re-check
/// itself sets the real next time).
const QUEUED_LEASE_MINUTES: i64 = 10;

/// Queues a re-check of the payment (one queued re-check per payment: twenty identical
/// notifications queue one). Call inside the transaction that decided it.
pub fn enqueue_recheck(conn: &mut PgConn, payment_id: Uuid, trigger: Trigger) -> Result<(), ApiError> {
    let key = format!("{RECHECK_JOB}:{payment_id}");
    nourx_db::jobs::enqueue(
        conn,
        &NewJob {
            kind: RECHECK_JOB,
            payload: serde_json::json!({"payment_id": payment_id, "trigger": trigger.as_str()}),
            run_at: None,
            max_attempts: 12,
            unique_key: Some(&key),
        },
    )?;
    Ok(())
}

/// How a re-check job ended, for the worker.
#[derive(Debug)]
pub enum JobOutcome {
    Done,
    /// Try again later (CinetPay or the database unavailable).
    Retry(String),
    /// Never going to work (the payment is gone, the payload is wrong).
    Fatal(String),
}

/// Runs one re-check job.
pub async fn run_recheck(service: &PaymentService, payload: &serde_json::Value) -> JobOutcome {
    let Some(payment_id) = payload.get("payment_id").and_then(|v| v.as_str()).and_then(|v| Uuid::parse_str(v).ok())
    else {
        return JobOutcome::Fatal(format!("no payment_id in {payload}"));
    };
    let Some(trigger) = payload.get("trigger").and_then(|v| v.as_str()).and_then(Trigger::parse) else {
        return JobOutcome::Fatal(format!("no known trigger in {payload}"));
    };
    match recheck(service, payment_id, trigger).await {
        Ok(_) => JobOutcome::Done,
        Err(RecheckError::NotFound) => JobOutcome::Fatal(format!("payment {payment_id} does not exist")),
        Err(error) => JobOutcome::Retry(error.to_string()),
    }
}

/// Queues a re-check of every open payment whose next check is due; returns how many.
pub async fn reconcile(service: &PaymentService) -> Result<usize, ApiError> {
    service
        .db
        .run(|conn| {
            conn.transaction(|conn| {
                let now = transaction_now(conn)?;
                let due = payments::due_for_check(conn, now, RECONCILE_BATCH)?;
                for payment_id in &due {
                    enqueue_recheck(conn, *payment_id, Trigger::Reconciliation)?;
                    payments::postpone_check(conn, *payment_id, now + Duration::minutes(QUEUED_LEASE_MINUTES))?;
                }
                Ok::<_, ApiError>(due.len())
            })
        })
        .await
}
