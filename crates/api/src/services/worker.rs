//! What `nourx worker` runs (and `nourx up` in-process): the jobs and the periodic tasks of the
//! API, on the PostgreSQL queue of `nourx_jobs`.

use std::sync::Arc;
use std::time::Duration;

use actix_web::web;
use futures_util::FutureExt;
use nourx_jobs::{JobError, Periodic, Worker, WorkerConfig};

use crate::AppState;
use crate::payments::jobs::{JobOutcome, RECHECK_JOB, reconcile, run_recheck};
use crate::services::mailer::SmtpSender;

/// The worker with every job handler and periodic task. `smtp`: `None` keeps emails in the outbox.
pub fn build(state: &web::Data<AppState>, smtp: Option<Arc<SmtpSender>>, config: WorkerConfig) -> Worker {
    let payments = state.payments.clone();
    let recheck_service = payments.clone();
    let reconcile_service = payments;
    let mail_db = state.db.clone();
    let cleanup_state = state.clone();
    let (reminders_db, web_url) = (state.db.clone(), state.config.public_web_url.clone());
    let (recurring_db, recurring_url) = (state.db.clone(), state.config.public_web_url.clone());
    let (sla_db, sla_url) = (state.db.clone(), state.config.public_web_url.clone());
    let follow_ups_db = state.db.clone();
    Worker::new(state.db.clone(), config)
        .handle(
            RECHECK_JOB,
            Arc::new(move |context| {
                let service = recheck_service.clone();
                async move {
                    match run_recheck(&service, &context.job.payload).await {
                        JobOutcome::Done => Ok(()),
                        JobOutcome::Retry(error) => Err(JobError::Retry(error)),
                        JobOutcome::Fatal(error) => Err(JobError::Fatal(error)),
                    }
                }
                .boxed()
            }),
        )
        .every(Periodic {
            name: "payments.reconcile",
            every: Duration::from_secs(30),
            run: Arc::new(move || {
                let service = reconcile_service.clone();
                async move {
                    let queued = reconcile(&service).await.map_err(|e| anyhow::anyhow!("{e}"))?;
                    if queued > 0 {
                        tracing::info!(queued, "open payments queued for a re-check");
                    }
                    Ok(())
                }
                .boxed()
            }),
        })
        .every(Periodic {
            name: "billing.reminders",
            every: Duration::from_secs(900),
            run: Arc::new(move || {
                let (db, web_url) = (reminders_db.clone(), web_url.clone());
                async move {
                    let sent = tokio::task::spawn_blocking(move || crate::invoices::run_schedule(&db, &web_url))
                        .await
                        .map_err(|e| anyhow::anyhow!("reminders: {e}"))??;
                    if sent > 0 {
                        tracing::info!(sent, "invoice reminders sent");
                    }
                    Ok(())
                }
                .boxed()
            }),
        })
        .every(Periodic {
            name: "billing.recurring",
            every: Duration::from_secs(900),
            run: Arc::new(move || {
                let (db, web_url) = (recurring_db.clone(), recurring_url.clone());
                async move {
                    let issued = tokio::task::spawn_blocking(move || crate::admin::issue_due(&db, &web_url))
                        .await
                        .map_err(|e| anyhow::anyhow!("recurring invoices: {e}"))??;
                    if issued > 0 {
                        tracing::info!(issued, "recurring invoices issued");
                    }
                    Ok(())
                }
                .boxed()
            }),
        })
        .every(Periodic {
            name: "support.sla_alerts",
            every: Duration::from_secs(60),
            run: Arc::new(move || {
                let (db, web_url) = (sla_db.clone(), sla_url.clone());
                async move {
                    let sent =
                        tokio::task::spawn_blocking(move || crate::tickets::alerts::run_sla_alerts(&db, &web_url))
                            .await
                            .map_err(|e| anyhow::anyhow!("SLA alerts: {e}"))??;
                    if sent > 0 {
                        tracing::info!(sent, "SLA alerts sent");
                    }
                    Ok(())
                }
                .boxed()
            }),
        })
        .every(Periodic {
            name: "crm.follow_ups",
            every: Duration::from_secs(900),
            run: Arc::new(move || {
                let db = follow_ups_db.clone();
                async move {
                    let announced =
                        tokio::task::spawn_blocking(move || crate::prospects::activities::run_follow_ups(&db))
                            .await
                            .map_err(|e| anyhow::anyhow!("follow-ups: {e}"))??;
                    if announced > 0 {
                        tracing::info!(announced, "prospect follow-ups announced");
                    }
                    Ok(())
                }
                .boxed()
            }),
        })
        .every(Periodic {
            name: "outbox.deliver",
            every: Duration::from_secs(5),
            run: Arc::new(move || {
                let (db, sender) = (mail_db.clone(), smtp.clone());
                async move {
                    let handled = tokio::task::spawn_blocking(move || {
                        crate::services::mailer::deliver_due(&db, sender.as_deref())
                    })
                    .await
                    .map_err(|e| anyhow::anyhow!("outbox delivery: {e}"))??;
                    if handled > 0 {
                        tracing::debug!(handled, "outbox delivery round");
                    }
                    Ok(())
                }
                .boxed()
            }),
        })
        .every(Periodic {
            name: "cleanup",
            every: Duration::from_secs(600),
            run: Arc::new(move || {
                let state = cleanup_state.clone();
                async move {
                    let expired_state = state.clone();
                    let (sessions, failures) = tokio::task::spawn_blocking(move || {
                        crate::delete_expired_records(&expired_state.db, &expired_state.config)
                    })
                    .await
                    .map_err(|e| anyhow::anyhow!("cleanup: {e}"))??;
                    if sessions + failures > 0 {
                        tracing::info!(sessions, failures, "expired records deleted");
                    }
                    // Finished jobs are kept a week for the admins' job list; dead ones stay.
                    let jobs_db = state.db.clone();
                    let purged = jobs_db
                        .run(|conn| {
                            nourx_db::jobs::delete_finished_before(conn, chrono::Utc::now() - chrono::Duration::days(7))
                                .map_err(anyhow::Error::from)
                        })
                        .await?;
                    if purged > 0 {
                        tracing::info!(purged, "finished jobs deleted");
                    }
                    // Uploads never completed within a day: their objects, then their rows.
                    let deleted = crate::documents::delete_abandoned_uploads(&state.db, &state.storage).await?;
                    if deleted > 0 {
                        tracing::info!(deleted, "abandoned uploads deleted");
                    }
                    Ok(())
                }
                .boxed()
            }),
        })
}
