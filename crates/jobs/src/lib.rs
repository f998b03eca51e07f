//! NOURX background jobs: a queue in PostgreSQL, the worker that runs it (`nourx worker`), and
//! the periodic scheduler ("beat").
//!
//! # Why our own queue rather than `fang`
//!
//! A job must be enqueued **inside the caller's diesel transaction**: a settled payment and its
//! follow-up jobs (receipt PDF, emails, notifications) commit together or not at all. `fang`
//! brings its own schema and migrations, its own connection handling, and tasks serialised with
//! `typetag`; ours is two tables in our migrations (`jobs`, `periodic_tasks`), queried with
//! diesel on our r2d2 pool ([`nourx_db::jobs`]), a JSON payload per job, and a few hundred lines here.
//!
//! # Semantics
//!
//! - **At least once.** A job is claimed with `FOR UPDATE SKIP LOCKED` and leased for
//!   [`WorkerConfig::lease`]; the worker extends the lease while the handler runs. A worker that
//!   dies (even SIGKILL) loses its lease and another runs the job again, so **every handler must
//!   be idempotent**. A worker whose lease was taken over cannot overwrite the newer outcome.
//! - **Attempts.** Each claim is an attempt. [`JobError::Retry`] (and a handler panic) queues the
//!   job again after [`backoff`]; [`JobError::RetryAt`] at a given time; [`JobError::Fatal`], or
//!   a failure on the last of `max_attempts`, makes it `dead`: kept, with `last_error`, for an
//!   admin to read and requeue ([`nourx_db::jobs::requeue_dead`]).
//! - **Unique keys.** At most one *queued* job per `unique_key`: twenty identical CinetPay
//!   notifications queue one re-check. Once that job is running a new one may be queued (the
//!   state it reads may have changed since it started).
//! - **Periodic tasks** run on one worker per interval, whichever wins the row in
//!   `periodic_tasks`; a task does not overlap itself on one worker. They are meant to be short
//!   and to enqueue jobs for the real work.
//! - **Shutdown.** [`Worker::run`] stops claiming when its shutdown future resolves, waits up to
//!   [`WorkerConfig::grace`] for the running jobs and periodic tasks, then returns; jobs still
//!   running are left to their lease and run again elsewhere.
//! - Workers poll every [`WorkerConfig::poll_interval`] when idle, and claim again at once while
//!   there is work. The pool given to a worker needs `concurrency + 2` connections (claiming,
//!   scheduling, and one per running job settling it), plus whatever the handlers use.
//!
//! ```no_run
//! use nourx_jobs::{EnqueueOptions, JobContext, JobError, Periodic, Worker, WorkerConfig, handler};
//!
//! # async fn example(db: nourx_db::Db, conn: &mut diesel::PgConnection) -> anyhow::Result<()> {
//! // In the transaction of the change that causes it:
//! nourx_jobs::enqueue(
//!     conn,
//!     "payment.check",
//!     serde_json::json!({"payment_id": "…"}),
//!     EnqueueOptions::default().unique_key("payment.check:…"),
//! )?;
//!
//! // In `nourx worker`:
//! Worker::new(db, WorkerConfig::default())
//!     .handle("payment.check", handler(|ctx: JobContext| async move {
//!         let _payment_id: String = ctx.payload_field("payment_id")?;
//!         Err(JobError::Retry("CinetPay unreachable".into()))
//!     }))
//!     .every(Periodic::new("payments.sweep", std::time::Duration::from_secs(60), || async { Ok(()) }))
//!     .run(async { let _ = tokio::signal::ctrl_c().await; })
//!     .await
//! # }
//! ```

mod worker;

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel::{PgConnection, QueryResult};
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use uuid::Uuid;

pub use nourx_db::jobs::{DEFAULT_MAX_ATTEMPTS, Job, JobCounts, JobFilter, RequeueOutcome, RetryOutcome};
pub use worker::{Worker, WorkerConfig};

/// What a handler returns.
pub type JobResult = Result<(), JobError>;

/// Why a job did not succeed, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobError {
    /// A transient failure: try again after [`backoff`] (or bury on the last attempt).
    Retry(String),
    /// Try again at the given time (the remote side said when), or bury on the last attempt.
    RetryAt(String, DateTime<Utc>),
    /// Retrying cannot help (malformed payload, the entity is gone…): `dead` at once.
    Fatal(String),
}

impl JobError {
    pub fn retry(error: impl fmt::Display) -> JobError {
        JobError::Retry(error.to_string())
    }

    pub fn fatal(error: impl fmt::Display) -> JobError {
        JobError::Fatal(error.to_string())
    }

    pub fn message(&self) -> &str {
        match self {
            JobError::Retry(message) | JobError::RetryAt(message, _) | JobError::Fatal(message) => message,
        }
    }
}

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for JobError {}

/// `?` on an `anyhow` error retries: unknown failures are assumed transient.
impl From<anyhow::Error> for JobError {
    fn from(error: anyhow::Error) -> JobError {
        JobError::Retry(format!("{error:#}"))
    }
}

impl From<diesel::result::Error> for JobError {
    fn from(error: diesel::result::Error) -> JobError {
        JobError::Retry(error.to_string())
    }
}

impl From<nourx_db::DbError> for JobError {
    fn from(error: nourx_db::DbError) -> JobError {
        JobError::Retry(error.to_string())
    }
}

/// What a handler is given: the claimed job (`attempts` counts this run).
#[derive(Debug, Clone)]
pub struct JobContext {
    pub job: Job,
}

impl JobContext {
    /// The payload as `T`; a payload that does not parse is [`JobError::Fatal`].
    pub fn payload<T: serde::de::DeserializeOwned>(&self) -> Result<T, JobError> {
        serde_json::from_value(self.job.payload.clone())
            .map_err(|error| JobError::Fatal(format!("payload of {} job {}: {error}", self.job.kind, self.job.id)))
    }

    /// One field of an object payload as `T`; missing or malformed is [`JobError::Fatal`].
    pub fn payload_field<T: serde::de::DeserializeOwned>(&self, field: &str) -> Result<T, JobError> {
        let value = self.job.payload.get(field).cloned().unwrap_or(serde_json::Value::Null);
        serde_json::from_value(value).map_err(|error| {
            JobError::Fatal(format!("payload field `{field}` of {} job {}: {error}", self.job.kind, self.job.id))
        })
    }

    /// This run's number, from 1.
    pub fn attempt(&self) -> i32 {
        self.job.attempts
    }

    /// Whether a failure now makes the job dead.
    pub fn is_last_attempt(&self) -> bool {
        self.job.attempts >= self.job.max_attempts
    }
}

/// A job handler: given the job, a future of its outcome.
pub type HandlerFn = Arc<dyn Fn(JobContext) -> BoxFuture<'static, JobResult> + Send + Sync>;

/// A [`HandlerFn`] from an async closure.
pub fn handler<F, Fut>(run: F) -> HandlerFn
where
    F: Fn(JobContext) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = JobResult> + Send + 'static,
{
    Arc::new(move |ctx| run(ctx).boxed())
}

/// The body of a periodic task.
pub type PeriodicFn = Arc<dyn Fn() -> BoxFuture<'static, anyhow::Result<()>> + Send + Sync>;

/// A task run every `every` by one of the workers.
#[derive(Clone)]
pub struct Periodic {
    /// Its row in `periodic_tasks`: stable across releases.
    pub name: &'static str,
    pub every: Duration,
    pub run: PeriodicFn,
}

impl Periodic {
    pub fn new<F, Fut>(name: &'static str, every: Duration, run: F) -> Periodic
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        Periodic { name, every, run: Arc::new(move || run().boxed()) }
    }
}

impl fmt::Debug for Periodic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Periodic").field("name", &self.name).field("every", &self.every).finish_non_exhaustive()
    }
}

/// How to queue a job.
#[derive(Debug, Clone)]
pub struct EnqueueOptions {
    /// `None`: due now (by the database's clock).
    pub run_at: Option<DateTime<Utc>>,
    pub max_attempts: i32,
    /// At most one queued job per key; see [`nourx_db::jobs::enqueue`].
    pub unique_key: Option<String>,
}

impl Default for EnqueueOptions {
    fn default() -> EnqueueOptions {
        EnqueueOptions { run_at: None, max_attempts: DEFAULT_MAX_ATTEMPTS, unique_key: None }
    }
}

impl EnqueueOptions {
    pub fn run_at(mut self, run_at: DateTime<Utc>) -> EnqueueOptions {
        self.run_at = Some(run_at);
        self
    }

    /// Due `delay` from now.
    pub fn delay(self, delay: chrono::Duration) -> EnqueueOptions {
        self.run_at(Utc::now() + delay)
    }

    pub fn max_attempts(mut self, max_attempts: i32) -> EnqueueOptions {
        self.max_attempts = max_attempts;
        self
    }

    pub fn unique_key(mut self, key: impl Into<String>) -> EnqueueOptions {
        self.unique_key = Some(key.into());
        self
    }
}

/// Queues a job of `kind`; call it inside the transaction of the change that causes it. `None`
/// when a job with the same unique key was already queued (it is kept, moved earlier if this
/// one was due sooner).
pub fn enqueue(
    conn: &mut PgConnection,
    kind: &str,
    payload: serde_json::Value,
    options: EnqueueOptions,
) -> QueryResult<Option<Uuid>> {
    nourx_db::jobs::enqueue(
        conn,
        &nourx_db::jobs::NewJob {
            kind,
            payload,
            run_at: options.run_at,
            max_attempts: options.max_attempts,
            unique_key: options.unique_key.as_deref(),
        },
    )
}

const BACKOFF_FIRST_SECONDS: i64 = 10;
const BACKOFF_CAP_SECONDS: i64 = 3600;

/// The delay before retrying a job whose attempt number `attempts` failed: 10 s, 20 s, 40 s…
/// capped at 1 h, each spread by ±20 % so that jobs failing together do not retry together
/// (never above the cap).
pub fn backoff(attempts: i32) -> chrono::Duration {
    let base = backoff_base(attempts).num_milliseconds();
    // A uniform fraction in [0, 1) from a v4 uuid's last 53 bits, all random (the version and
    // variant bits are above them); no `rand` needed.
    let random = Uuid::new_v4().as_u128() as u64 & ((1u64 << 53) - 1);
    let fraction = random as f64 / (1u64 << 53) as f64;
    let jittered = (base as f64 * (0.8 + 0.4 * fraction)) as i64;
    chrono::Duration::milliseconds(jittered.min(BACKOFF_CAP_SECONDS * 1000))
}

/// [`backoff`] without the jitter.
fn backoff_base(attempts: i32) -> chrono::Duration {
    let doublings = attempts.clamp(1, 30) - 1;
    chrono::Duration::seconds((BACKOFF_FIRST_SECONDS << doublings).min(BACKOFF_CAP_SECONDS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_ten_seconds_up_to_an_hour() {
        let seconds: Vec<i64> = (1..=12).map(|n| backoff_base(n).num_seconds()).collect();
        assert_eq!(seconds, [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600]);
        assert_eq!(backoff_base(0), backoff_base(1));
        assert_eq!(backoff_base(-5), backoff_base(1));
        assert_eq!(backoff_base(i32::MAX).num_seconds(), 3600);
        for n in 1..100 {
            assert!(backoff_base(n) <= backoff_base(n + 1), "monotone at {n}");
        }
    }

    #[test]
    fn backoff_jitter_stays_within_twenty_percent_and_the_cap() {
        for n in [-1, 0, 1, 2, 3, 9, 10, 11, 40, i32::MAX] {
            let base = backoff_base(n).num_milliseconds();
            let mut seen = std::collections::HashSet::new();
            for _ in 0..200 {
                let delay = backoff(n).num_milliseconds();
                assert!(delay >= base * 8 / 10, "{n}: {delay} < 0.8 × {base}");
                assert!(delay <= base * 12 / 10, "{n}: {delay} > 1.2 × {base}");
                assert!(delay <= 3_600_000, "{n}: {delay} above the cap");
                seen.insert(delay);
            }
            assert!(seen.len() > 10, "{n}: the jitter varies");
            // Spread over the whole ±20 %, not a part of it (below the cap).
            if base * 12 / 10 <= 3_600_000 {
                assert!(seen.iter().any(|&d| d < base * 9 / 10) && seen.iter().any(|&d| d > base * 11 / 10), "{n}");
            }
        }
    }

    #[test]
    fn job_errors_from_unknown_failures_retry() {
        let error: JobError = anyhow::anyhow!("inner").context("outer").into();
        assert_eq!(error, JobError::Retry("outer: inner".into()));
        assert_eq!(JobError::fatal("bad").to_string(), "bad");
        assert_eq!(JobError::retry("busy"), JobError::Retry("busy".into()));
        assert_eq!(JobError::from(diesel::result::Error::NotFound), JobError::Retry("Record not found".into()));
        let unavailable = nourx_db::DbError::Unavailable("timed out".into());
        assert_eq!(JobError::from(unavailable), JobError::Retry("database unavailable: timed out".into()));
        assert_eq!(JobError::RetryAt("CinetPay said later".into(), Utc::now()).message(), "CinetPay said later");
    }

    #[test]
    fn enqueue_options_default_to_now_and_the_default_attempts() {
        let options = EnqueueOptions::default();
        assert_eq!((options.run_at, options.max_attempts, options.unique_key), (None, DEFAULT_MAX_ATTEMPTS, None));
        let at = Utc::now() + chrono::Duration::hours(1);
        let options = EnqueueOptions::default().run_at(at).max_attempts(3).unique_key("payment.check:42");
        assert_eq!((options.run_at, options.max_attempts), (Some(at), 3));
        assert_eq!(options.unique_key.as_deref(), Some("payment.check:42"));
        let delayed = EnqueueOptions::default().delay(chrono::Duration::minutes(5));
        assert!(delayed.run_at.is_some_and(|at| at > Utc::now() + chrono::Duration::minutes(4)));
    }

    #[test]
    fn a_periodic_task_shows_its_name_and_interval_not_its_body() {
        let periodic = Periodic::new("cleanup", Duration::from_secs(600), || async { Ok(()) });
        assert_eq!(format!("{periodic:?}"), r#"Periodic { name: "cleanup", every: 600s, .. }"#);
    }
}
