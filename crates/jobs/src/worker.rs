//! The worker: claims due jobs of the kinds it handles, runs them concurrently, settles their
//! outcome, and ticks the periodic tasks.

use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use futures_util::FutureExt;
use nourx_db::jobs::{self as queries, Job, RetryOutcome};
use nourx_db::{Db, DbError};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tracing::Instrument;

use crate::{HandlerFn, JobContext, JobError, Periodic, PeriodicFn, backoff};

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Who holds a claimed job (`jobs.locked_by`): unique per process, `hostname-pid-random`.
    pub worker_id: String,
    /// Jobs run at once by this worker.
    pub concurrency: usize,
    /// How long a claimed job is this worker's before another may take it over; extended
    /// every third of it while the handler runs.
    pub lease: Duration,
    /// The pause between claims when no job is due.
    pub poll_interval: Duration,
    /// How often the periodic tasks are checked.
    pub scheduler_tick: Duration,
    /// How long [`Worker::run`] waits for running jobs once told to stop.
    pub grace: Duration,
}

impl Default for WorkerConfig {
    fn default() -> WorkerConfig {
        WorkerConfig {
            worker_id: default_worker_id(),
            concurrency: 4,
            lease: Duration::from_secs(5 * 60),
            poll_interval: Duration::from_secs(1),
            scheduler_tick: Duration::from_secs(1),
            grace: Duration::from_secs(30),
        }
    }
}

/// `hostname-pid-random`: readable in the admin's job list, and unique even for two workers of
/// one process (tests) or a pid reused after a restart.
pub fn default_worker_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "localhost".to_owned());
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("{host}-{}-{}", std::process::id(), &random[..8])
}

/// A job worker: the handlers by kind and the periodic tasks, run by [`Worker::run`].
pub struct Worker {
    db: Db,
    config: WorkerConfig,
    handlers: HashMap<&'static str, HandlerFn>,
    periodics: Vec<Periodic>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut kinds: Vec<_> = self.handlers.keys().collect();
        kinds.sort();
        f.debug_struct("Worker")
            .field("config", &self.config)
            .field("kinds", &kinds)
            .field("periodics", &self.periodics)
            .finish_non_exhaustive()
    }
}

/// What the running parts of a worker share.
struct Shared {
    db: Db,
    config: WorkerConfig,
    handlers: HashMap<&'static str, HandlerFn>,
    kinds: Vec<&'static str>,
    /// Rung by the LISTEN thread when a job was enqueued somewhere: claim now, not at the next poll.
    wake: Arc<tokio::sync::Notify>,
}

impl Worker {
    pub fn new(db: Db, config: WorkerConfig) -> Worker {
        Worker { db, config, handlers: HashMap::new(), periodics: Vec::new() }
    }

    /// Runs jobs of `kind` with `handler` (a later registration of the same kind replaces it).
    pub fn handle(mut self, kind: &'static str, handler: HandlerFn) -> Worker {
        self.handlers.insert(kind, handler);
        self
    }

    /// Adds a periodic task.
    pub fn every(mut self, periodic: Periodic) -> Worker {
        self.periodics.retain(|known| known.name != periodic.name);
        self.periodics.push(periodic);
        self
    }

    pub fn config(&self) -> &WorkerConfig {
        &self.config
    }

    fn shared(&self) -> Arc<Shared> {
        let mut kinds: Vec<&'static str> = self.handlers.keys().copied().collect();
        kinds.sort_unstable();
        Arc::new(Shared {
            db: self.db.clone(),
            config: self.config.clone(),
            handlers: self.handlers.clone(),
            kinds,
            wake: Arc::new(tokio::sync::Notify::new()),
        })
    }

    /// Runs until `shutdown` resolves, then stops claiming, waits up to
    /// [`WorkerConfig::grace`] for the running jobs and periodic tasks, and returns.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
        let shared = self.shared();
        let names: Vec<&'static str> = self.periodics.iter().map(|periodic| periodic.name).collect();
        if !names.is_empty() {
            shared
                .db
                .run(move |conn| {
                    names.iter().try_for_each(|name| queries::ensure_periodic(conn, name)).map_err(anyhow::Error::from)
                })
                .await?;
        }
        tracing::info!(
            worker.id = %shared.config.worker_id,
            worker.kinds = ?shared.kinds,
            worker.concurrency = shared.config.concurrency,
            worker.periodics = self.periodics.len(),
            "job worker started"
        );
        let (stop_sender, stop) = watch::channel(false);
        let listening = Arc::new(std::sync::atomic::AtomicBool::new(true));
        if !shared.kinds.is_empty() {
            spawn_listener(shared.db.clone(), shared.wake.clone(), listening.clone());
        }
        let stopper = async move {
            shutdown.await;
            stop_sender.send_replace(true);
            listening.store(false, std::sync::atomic::Ordering::Relaxed);
            stop_sender
        };
        let (mut jobs, mut periodics, _stop_sender) = tokio::join!(
            claim_loop(shared.clone(), stop.clone()),
            scheduler_loop(shared.clone(), self.periodics, stop),
            stopper
        );
        let running = jobs.len() + periodics.len();
        if running > 0 {
            tracing::info!(running, grace_ms = shared.config.grace.as_millis() as u64, "waiting for running jobs");
        }
        let finished = tokio::time::timeout(shared.config.grace, async {
            while jobs.join_next().await.is_some() {}
            while periodics.join_next().await.is_some() {}
        })
        .await;
        if finished.is_err() {
            // Their leases expire and other workers run them again.
            tracing::warn!(abandoned = jobs.len() + periodics.len(), "grace period over: abandoning running jobs");
            jobs.abort_all();
            periodics.abort_all();
        }
        tracing::info!(worker.id = %shared.config.worker_id, "job worker stopped");
        Ok(())
    }

    /// Claims and runs every due job of the registered kinds until none is due (jobs retried
    /// with a back-off are not due yet); periodic tasks are not run. Returns how many ran.
    /// For tests, and for one-off runs.
    pub async fn drain(&self) -> anyhow::Result<usize> {
        let shared = self.shared();
        let mut ran = 0;
        loop {
            let claimed = shared.claim(shared.config.concurrency.max(1)).await?;
            if claimed.is_empty() {
                return Ok(ran);
            }
            ran += claimed.len();
            futures_util::future::join_all(claimed.into_iter().map(|job| execute(shared.clone(), job))).await;
        }
    }
}

impl Shared {
    async fn claim(&self, limit: usize) -> anyhow::Result<Vec<Job>> {
        if self.kinds.is_empty() {
            return Ok(Vec::new());
        }
        let worker_id = self.config.worker_id.clone();
        let lease = self.config.lease;
        let kinds = self.kinds.clone();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.db
            .run(move |conn| queries::claim(conn, &worker_id, lease, &kinds, limit).map_err(anyhow::Error::from))
            .await
    }
}

/// Resolves once the worker is told to stop.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    // An error means the sender is gone, which only happens after stopping.
    let _ = stop.wait_for(|stop| *stop).await;
}

/// Sleeps for `pause`; `true` when told to stop meanwhile (or before).
async fn pause_or_stop(stop: &mut watch::Receiver<bool>, pause: Duration, wake: &tokio::sync::Notify) -> bool {
    tokio::select! {
        biased;
        () = stopped(stop) => true,
        () = wake.notified() => false,
        () = tokio::time::sleep(pause) => false,
    }
}

/// A thread with its own connection LISTENing on the wake channel: a job enqueued by the API (a
/// CinetPay notification, say) is claimed within milliseconds rather than at the next poll. Every
/// 10 ms it reads what arrived on the socket (no round trip). Without a dedicated connection,
/// or when it fails, polling alone goes on.
fn spawn_listener(db: Db, wake: Arc<tokio::sync::Notify>, listening: Arc<std::sync::atomic::AtomicBool>) {
    use std::sync::atomic::Ordering;
    let spawned = std::thread::Builder::new().name("nourx-jobs-listen".into()).spawn(move || {
        while listening.load(Ordering::Relaxed) {
            let mut conn = match db.dedicated() {
                None => return,
                Some(Ok(conn)) => conn,
                Some(Err(error)) => {
                    tracing::warn!(%error, "job wake-ups: no connection, polling only for now");
                    std::thread::sleep(Duration::from_secs(5));
                    continue;
                }
            };
            if let Err(error) = queries::listen(&mut conn) {
                tracing::warn!(%error, "job wake-ups: LISTEN failed, polling only for now");
                std::thread::sleep(Duration::from_secs(5));
                continue;
            }
            while listening.load(Ordering::Relaxed) {
                match queries::woken(&mut conn) {
                    Ok(true) => wake.notify_one(),
                    Ok(false) => {}
                    Err(error) => {
                        tracing::warn!(%error, "job wake-ups: connection lost");
                        break;
                    }
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    });
    if let Err(error) = spawned {
        tracing::warn!(%error, "job wake-ups: no thread, polling only");
    }
}

/// Claims jobs as slots free up and runs each in its own task; returns the tasks still
/// running when told to stop.
async fn claim_loop(shared: Arc<Shared>, mut stop: watch::Receiver<bool>) -> JoinSet<()> {
    let mut tasks = JoinSet::new();
    if shared.kinds.is_empty() {
        stopped(&mut stop).await;
        return tasks;
    }
    let slots = Arc::new(Semaphore::new(shared.config.concurrency.max(1)));
    loop {
        while tasks.try_join_next().is_some() {}
        let first = tokio::select! {
            biased;
            () = stopped(&mut stop) => break,
            permit = slots.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
        };
        if *stop.borrow() {
            break;
        }
        // Never interrupted: jobs claimed are run, even when the stop comes meanwhile.
        let claimed = shared.claim(1 + slots.available_permits()).await;
        let claimed = match claimed {
            Ok(claimed) => claimed,
            Err(error) => {
                tracing::error!(error = format!("{error:#}"), "claiming jobs failed");
                Vec::new()
            }
        };
        if claimed.is_empty() {
            drop(first);
            if pause_or_stop(&mut stop, shared.config.poll_interval, &shared.wake).await {
                break;
            }
            continue;
        }
        tracing::debug!(claimed = claimed.len(), "claimed jobs");
        let mut first = Some(first);
        for job in claimed {
            // Only this loop takes slots, and it claimed no more jobs than there were free.
            let permit = match first.take() {
                Some(permit) => permit,
                None => match slots.clone().try_acquire_owned() {
                    Ok(permit) => permit,
                    Err(_) => match slots.clone().acquire_owned().await {
                        Ok(permit) => permit,
                        Err(_) => break,
                    },
                },
            };
            let shared = shared.clone();
            tasks.spawn(async move {
                execute(shared, job).await;
                drop(permit);
            });
        }
    }
    tasks
}

/// Runs the periodic tasks that are due and won by this worker; returns the runs still going
/// when told to stop.
async fn scheduler_loop(shared: Arc<Shared>, periodics: Vec<Periodic>, mut stop: watch::Receiver<bool>) -> JoinSet<()> {
    let mut tasks = JoinSet::new();
    if periodics.is_empty() {
        stopped(&mut stop).await;
        return tasks;
    }
    let busy: Vec<Arc<AtomicBool>> = periodics.iter().map(|_| Arc::new(AtomicBool::new(false))).collect();
    loop {
        while tasks.try_join_next().is_some() {}
        // A task still running on this worker is not claimed again here.
        let idle: Vec<(&'static str, Duration)> = periodics
            .iter()
            .zip(&busy)
            .filter(|(_, busy)| !busy.load(Ordering::Acquire))
            .map(|(periodic, _)| (periodic.name, periodic.every))
            .collect();
        let worker_id = shared.config.worker_id.clone();
        let won = shared
            .db
            .run(move |conn| {
                let names: Vec<&str> = idle.iter().map(|(name, _)| *name).collect();
                let due = queries::due_periodic(conn, &names)?;
                let mut won = Vec::new();
                for (name, every) in idle.iter().filter(|(name, _)| due.iter().any(|due| due == name)) {
                    if queries::claim_periodic(conn, name, &worker_id, *every)? {
                        won.push(*name);
                    }
                }
                Ok::<_, anyhow::Error>(won)
            })
            .await;
        match won {
            Ok(won) => {
                for (periodic, busy) in periodics.iter().zip(&busy).filter(|(periodic, _)| won.contains(&periodic.name))
                {
                    busy.store(true, Ordering::Release);
                    let guard = Idle(busy.clone());
                    let (name, run) = (periodic.name, periodic.run.clone());
                    tasks.spawn(async move {
                        run_periodic(name, run).await;
                        drop(guard);
                    });
                }
            }
            Err(error) => tracing::error!(error = format!("{error:#}"), "claiming periodic tasks failed"),
        }
        if pause_or_stop(&mut stop, shared.config.scheduler_tick, &tokio::sync::Notify::new()).await {
            break;
        }
    }
    tasks
}

/// Marks a periodic task idle when its run ends, aborted included.
struct Idle(Arc<AtomicBool>);

impl Drop for Idle {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

async fn run_periodic(name: &'static str, run: PeriodicFn) {
    let span = tracing::info_span!("periodic", periodic.name = name);
    async move {
        let started = Instant::now();
        let outcome = AssertUnwindSafe(async move { run().await }).catch_unwind().await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        match outcome {
            // Most runs find nothing to do: an idle worker stays quiet at `info`. A task that did
            // something says what in its own line.
            Ok(Ok(())) => tracing::debug!(elapsed_ms, "periodic task done"),
            Ok(Err(error)) => tracing::error!(elapsed_ms, error = format!("{error:#}"), "periodic task failed"),
            Err(panic) => tracing::error!(elapsed_ms, error = panic_message(&*panic), "periodic task panicked"),
        }
    }
    .instrument(span)
    .await
}

/// What becomes of a job after its run.
enum Settle {
    Complete,
    Retry { error: String, run_at: DateTime<Utc> },
    Bury(String),
}

/// Runs one claimed job and records its outcome; never panics, whatever the handler does.
async fn execute(shared: Arc<Shared>, job: Job) {
    let span = tracing::info_span!("job", job.id = %job.id, job.kind = %job.kind, job.attempt = job.attempts);
    async move {
        let Some(handler) = shared.handlers.get(job.kind.as_str()).cloned() else {
            // Unreachable (claims are filtered by kind): left to its lease.
            tracing::warn!("no handler for this kind of job");
            return;
        };
        let (id, attempts, max_attempts) = (job.id, job.attempts, job.max_attempts);
        let started = Instant::now();
        let run = AssertUnwindSafe(async move { handler(JobContext { job }).await }).catch_unwind();
        let outcome = with_heartbeat(&shared, id, run).await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let retry_or_bury = |error: String, run_at: DateTime<Utc>| {
            if attempts >= max_attempts { Settle::Bury(error) } else { Settle::Retry { error, run_at } }
        };
        let settle = match outcome {
            Ok(Ok(())) => Settle::Complete,
            Ok(Err(JobError::Fatal(error))) => Settle::Bury(error),
            Ok(Err(JobError::Retry(error))) => retry_or_bury(error, Utc::now() + backoff(attempts)),
            Ok(Err(JobError::RetryAt(error, run_at))) => retry_or_bury(error, run_at),
            Err(panic) => {
                retry_or_bury(format!("panicked: {}", panic_message(&*panic)), Utc::now() + backoff(attempts))
            }
        };
        match &settle {
            Settle::Complete => tracing::info!(elapsed_ms, "job done"),
            Settle::Retry { error, run_at } => {
                tracing::warn!(elapsed_ms, error = %error, retry_at = %run_at, "job failed, will retry")
            }
            Settle::Bury(error) => tracing::error!(elapsed_ms, error = %error, max_attempts, "job dead"),
        }
        let worker_id = shared.config.worker_id.clone();
        let written = shared
            .db
            .run(move |conn| {
                let held = match settle {
                    Settle::Complete => queries::complete(conn, id, &worker_id)?,
                    Settle::Retry { error, run_at } => match queries::retry(conn, id, &worker_id, &error, run_at)? {
                        RetryOutcome::Requeued => true,
                        RetryOutcome::Merged => {
                            tracing::info!("an identical job was queued meanwhile: this one is merged into it");
                            true
                        }
                        RetryOutcome::NotHeld => false,
                    },
                    Settle::Bury(error) => queries::bury(conn, id, &worker_id, &error)?,
                };
                Ok::<_, DbError>(held)
            })
            .await;
        match written {
            Ok(true) => {}
            Ok(false) => tracing::warn!("job was taken over by another worker after this one's lease expired"),
            // It stays running until its lease expires, then runs again.
            Err(error) => tracing::error!(error = %error, "recording the job's outcome failed"),
        }
    }
    .instrument(span)
    .await
}

/// Awaits `run` while extending the job's lease every third of it.
async fn with_heartbeat<F: Future>(shared: &Shared, id: uuid::Uuid, run: F) -> F::Output {
    let every = (shared.config.lease / 3).max(Duration::from_millis(10));
    let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut held = true;
    let run = std::pin::pin!(run);
    let mut run = run;
    loop {
        tokio::select! {
            biased;
            output = &mut run => return output,
            _ = ticker.tick(), if held => {
                let (worker_id, lease) = (shared.config.worker_id.clone(), shared.config.lease);
                let extended =
                    shared.db.run(move |conn| queries::extend_lease(conn, id, &worker_id, lease).map_err(DbError::from)).await;
                match extended {
                    Ok(true) => {}
                    Ok(false) => {
                        tracing::warn!("lost the job's lease while running it");
                        held = false;
                    }
                    Err(error) => tracing::warn!(error = %error, "extending the job's lease failed"),
                }
            }
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = panic.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message.clone()
    } else {
        "a panic without a message".to_owned()
    }
}
