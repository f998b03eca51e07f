//! The job queue and worker against a real PostgreSQL database (one per test).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, PooledConnection};
use nourx_db::Db;
use nourx_db::jobs::{self as queries, Job, JobFilter, JobStatus, RequeueOutcome, RetryOutcome};
use nourx_db::schema::jobs;
use nourx_jobs::{EnqueueOptions, JobContext, JobError, Periodic, Worker, WorkerConfig, enqueue, handler};
use nourx_testkit::TestDatabase;
use serde_json::json;
use tokio::sync::oneshot;
use uuid::Uuid;

/// A database of the test's own and a pool on it (the pool goes first).
struct Env {
    db: Db,
    _database: TestDatabase,
}

fn env() -> Env {
    let database = TestDatabase::create().expect("test database");
    let db = Db::connect(&database.url, 16).expect("pool");
    Env { db, _database: database }
}

impl Env {
    fn conn(&self) -> PooledConnection<ConnectionManager<PgConnection>> {
        self.db.get().expect("connection")
    }

    fn job(&self, id: Uuid) -> Job {
        queries::find(&mut self.conn(), id).expect("job")
    }

    fn enqueue(&self, kind: &str, payload: serde_json::Value, options: EnqueueOptions) -> Option<Uuid> {
        enqueue(&mut self.conn(), kind, payload, options).expect("enqueue")
    }

    /// A retried job's back-off is over.
    fn make_due(&self, id: Uuid) {
        diesel::update(jobs::table.find(id))
            .set(jobs::run_at.eq(diesel::dsl::now))
            .execute(&mut self.conn())
            .expect("due");
    }

    fn counts(&self) -> nourx_db::jobs::JobCounts {
        queries::counts_by_status(&mut self.conn()).expect("counts")
    }
}

fn config(worker_id: &str) -> WorkerConfig {
    WorkerConfig {
        worker_id: worker_id.to_owned(),
        concurrency: 4,
        lease: Duration::from_secs(30),
        poll_interval: Duration::from_millis(20),
        scheduler_tick: Duration::from_millis(20),
        grace: Duration::from_secs(5),
    }
}

/// A handler counting its runs per job id.
fn counting(runs: &Arc<Mutex<HashMap<Uuid, usize>>>) -> nourx_jobs::HandlerFn {
    let runs = runs.clone();
    handler(move |ctx: JobContext| {
        let runs = runs.clone();
        async move {
            *runs.lock().expect("runs").entry(ctx.job.id).or_default() += 1;
            Ok(())
        }
    })
}

async fn wait_until(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn shutdown_signal() -> (oneshot::Sender<()>, impl Future<Output = ()>) {
    let (sender, receiver) = oneshot::channel::<()>();
    (sender, async move {
        let _ = receiver.await;
    })
}

#[tokio::test]
async fn enqueued_job_runs_once_with_its_payload() {
    let env = env();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let worker = Worker::new(env.db.clone(), config("w1")).handle("mail.send", {
        let seen = seen.clone();
        handler(move |ctx: JobContext| {
            let seen = seen.clone();
            async move {
                let to: String = ctx.payload_field("to")?;
                seen.lock().expect("seen").push((to, ctx.attempt()));
                Ok(())
            }
        })
    });
    let id = env.enqueue("mail.send", json!({"to": "awa@akwaba.demo"}), EnqueueOptions::default()).expect("queued");
    let later =
        env.enqueue("mail.send", json!({"to": "later"}), EnqueueOptions::default().delay(chrono::Duration::hours(1)));
    let other_kind = env.enqueue("pdf.render", json!({}), EnqueueOptions::default());

    assert_eq!(worker.drain().await.expect("drain"), 1);
    assert_eq!(worker.drain().await.expect("drain"), 0);
    assert_eq!(*seen.lock().expect("seen"), [("awa@akwaba.demo".to_owned(), 1)]);
    let job = env.job(id);
    assert_eq!((job.status.as_str(), job.attempts, job.locked_by.as_deref()), ("done", 1, Some("w1")));
    assert!(job.finished_at.is_some() && job.locked_until.is_none() && job.last_error.is_none());
    // Not due yet, or of a kind this worker does not handle: untouched.
    assert_eq!(env.job(later.expect("later")).status, JobStatus::Queued);
    assert_eq!(env.job(other_kind.expect("other")).status, JobStatus::Queued);
}

#[tokio::test]
async fn a_job_exists_only_if_its_transaction_commits() {
    let env = env();
    let mut conn = env.conn();
    let rolled_back = conn.transaction::<(), _, _>(|conn| {
        enqueue(conn, "mail.send", json!({}), EnqueueOptions::default())?;
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(rolled_back.is_err());
    assert_eq!(env.counts().queued, 0);
    let committed = conn.transaction(|conn| enqueue(conn, "mail.send", json!({}), EnqueueOptions::default()));
    assert!(committed.expect("commit").is_some());
    assert_eq!(env.counts().queued, 1);
}

#[tokio::test]
async fn a_unique_key_coalesces_queued_jobs_but_not_running_ones() {
    let env = env();
    let key = || EnqueueOptions::default().unique_key("payment.check:42");
    let first = env.enqueue("payment.check", json!({"n": 1}), key().delay(chrono::Duration::minutes(10)));
    let first = first.expect("first is queued");
    assert_eq!(env.enqueue("payment.check", json!({"n": 2}), key().delay(chrono::Duration::minutes(20))), None);
    assert_eq!(env.job(first).payload, json!({"n": 1}), "the queued job's payload wins");
    let due_in_ten = env.job(first).run_at;
    // An identical job due sooner moves the queued one earlier (never later).
    assert_eq!(env.enqueue("payment.check", json!({"n": 3}), key()), None);
    assert!(env.job(first).run_at < due_in_ten - chrono::Duration::minutes(9));
    assert_eq!(env.counts().queued, 1);
    // Jobs without a key, or with another one, are never coalesced.
    assert!(env.enqueue("payment.check", json!({}), EnqueueOptions::default()).is_some());
    assert!(env.enqueue("payment.check", json!({}), EnqueueOptions::default()).is_some());
    assert!(
        env.enqueue("payment.check", json!({}), EnqueueOptions::default().unique_key("payment.check:43")).is_some()
    );

    // Once the first is running, a new one may queue: the state it reads may have changed.
    let claimed =
        queries::claim(&mut env.conn(), "w1", Duration::from_secs(30), &["payment.check"], 10).expect("claim");
    assert!(claimed.iter().any(|job| job.id == first));
    let second = env.enqueue("payment.check", json!({"n": 4}), key()).expect("second is queued");
    assert_eq!(env.enqueue("payment.check", json!({"n": 5}), key()), None);
    // The running one failing now cannot queue a duplicate: it is merged into the queued one.
    let outcome = queries::retry(&mut env.conn(), first, "w1", "timeout", Utc::now()).expect("retry");
    assert_eq!(outcome, RetryOutcome::Merged);
    let first = env.job(first);
    assert_eq!(first.status, JobStatus::Done);
    assert!(first.last_error.as_deref().unwrap_or_default().contains("timeout"));
    assert_eq!(env.job(second).status, JobStatus::Queued);
}

#[tokio::test]
async fn a_failed_job_is_retried_after_a_back_off_then_succeeds() {
    let env = env();
    let runs = Arc::new(AtomicUsize::new(0));
    let worker = Worker::new(env.db.clone(), config("w1")).handle("flaky", {
        let runs = runs.clone();
        handler(move |_| {
            let run = runs.fetch_add(1, Ordering::SeqCst) + 1;
            async move { if run == 1 { Err(JobError::Retry("CinetPay unreachable".into())) } else { Ok(()) } }
        })
    });
    let id = env.enqueue("flaky", json!({}), EnqueueOptions::default()).expect("queued");
    let before = Utc::now();
    assert_eq!(worker.drain().await.expect("drain"), 1);
    let job = env.job(id);
    assert_eq!((job.status.as_str(), job.attempts), ("queued", 1));
    assert_eq!(job.last_error.as_deref(), Some("CinetPay unreachable"));
    assert_eq!((job.locked_by, job.locked_until), (None, None));
    // 10 s ± 20 % for the first retry.
    let delay = job.run_at - before;
    assert!(delay >= chrono::Duration::seconds(7) && delay <= chrono::Duration::seconds(13), "{delay}");
    assert_eq!(worker.drain().await.expect("drain"), 0, "not due during the back-off");

    env.make_due(id);
    assert_eq!(worker.drain().await.expect("drain"), 1);
    let job = env.job(id);
    assert_eq!((job.status.as_str(), job.attempts), ("done", 2));
    assert_eq!(runs.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn retry_at_schedules_the_next_attempt_when_asked() {
    let env = env();
    let at = Utc::now() + chrono::Duration::minutes(7);
    let worker = Worker::new(env.db.clone(), config("w1"))
        .handle("later", handler(move |_| async move { Err(JobError::RetryAt("not yet".into(), at)) }));
    let id = env.enqueue("later", json!({}), EnqueueOptions::default()).expect("queued");
    assert_eq!(worker.drain().await.expect("drain"), 1);
    let job = env.job(id);
    assert_eq!(job.status, JobStatus::Queued);
    assert!((job.run_at - at).num_milliseconds().abs() < 2, "{} vs {at}", job.run_at);
}

#[tokio::test]
async fn after_max_attempts_a_job_is_dead_until_an_admin_requeues_it() {
    let env = env();
    let healthy = Arc::new(AtomicBool::new(false));
    let runs = Arc::new(AtomicUsize::new(0));
    let worker = Worker::new(env.db.clone(), config("w1")).handle("fragile", {
        let (healthy, runs) = (healthy.clone(), runs.clone());
        handler(move |_| {
            runs.fetch_add(1, Ordering::SeqCst);
            let healthy = healthy.load(Ordering::SeqCst);
            // Due again at once, so that one drain uses every attempt.
            async move { if healthy { Ok(()) } else { Err(JobError::RetryAt("SMTP refused".into(), Utc::now())) } }
        })
    });
    let id = env.enqueue("fragile", json!({}), EnqueueOptions::default().max_attempts(3)).expect("queued");
    assert_eq!(worker.drain().await.expect("drain"), 3);
    let job = env.job(id);
    assert_eq!((job.status.as_str(), job.attempts, job.last_error.as_deref()), ("dead", 3, Some("SMTP refused")));
    assert!(job.finished_at.is_some());
    assert_eq!(worker.drain().await.expect("drain"), 0, "dead jobs are not run");
    assert_eq!(env.counts().dead, 1);
    let (count, dead) =
        queries::list(&mut env.conn(), &JobFilter { status: Some(JobStatus::Dead), kind: None }, page()).expect("list");
    assert_eq!((count, dead.iter().map(|job| job.id).collect::<Vec<_>>()), (1, vec![id]));

    assert_eq!(queries::requeue_dead(&mut env.conn(), id).expect("requeue"), RequeueOutcome::Requeued);
    let job = env.job(id);
    assert_eq!((job.status.as_str(), job.attempts, job.finished_at), ("queued", 0, None));
    assert_eq!(queries::requeue_dead(&mut env.conn(), id).expect("requeue"), RequeueOutcome::NotDead);
    assert_eq!(queries::requeue_dead(&mut env.conn(), Uuid::now_v7()).expect("requeue"), RequeueOutcome::NotFound);
    healthy.store(true, Ordering::SeqCst);
    assert_eq!(worker.drain().await.expect("drain"), 1);
    assert_eq!((env.job(id).status.as_str(), runs.load(Ordering::SeqCst)), ("done", 4));
}

#[tokio::test]
async fn requeueing_a_dead_job_whose_key_is_queued_again_points_at_that_job() {
    let env = env();
    let key = || EnqueueOptions::default().unique_key("k").max_attempts(1);
    let dead = env.enqueue("k", json!({}), key()).expect("queued");
    queries::claim(&mut env.conn(), "w1", Duration::from_secs(30), &["k"], 1).expect("claim");
    assert!(queries::bury(&mut env.conn(), dead, "w1", "gone").expect("bury"));
    let queued = env.enqueue("k", json!({}), key()).expect("a new one queues");
    assert_eq!(queries::requeue_dead(&mut env.conn(), dead).expect("requeue"), RequeueOutcome::AlreadyQueued(queued));
    assert_eq!(env.job(dead).status, JobStatus::Dead);
}

fn page() -> nourx_db::PageRequest {
    nourx_db::PageRequest { limit: 50, offset: 0 }
}

#[tokio::test]
async fn a_fatal_error_is_dead_at_once() {
    let env = env();
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Payload {
        invoice_id: Uuid,
    }
    let worker = Worker::new(env.db.clone(), config("w1"))
        .handle("gone", handler(|_| async { Err(JobError::fatal("invoice deleted")) }))
        .handle("typed", handler(|ctx: JobContext| async move { ctx.payload::<Payload>().map(|_| ()) }));
    let gone = env.enqueue("gone", json!({}), EnqueueOptions::default()).expect("queued");
    let malformed = env.enqueue("typed", json!({"invoice_id": "nope"}), EnqueueOptions::default()).expect("queued");
    assert_eq!(worker.drain().await.expect("drain"), 2);
    let gone = env.job(gone);
    assert_eq!((gone.status.as_str(), gone.attempts, gone.last_error.as_deref()), ("dead", 1, Some("invoice deleted")));
    let malformed = env.job(malformed);
    assert_eq!((malformed.status.as_str(), malformed.attempts), ("dead", 1));
    assert!(malformed.last_error.as_deref().unwrap_or_default().contains("payload of typed job"), "{malformed:?}");
}

#[tokio::test]
async fn a_panicking_handler_is_retried_and_the_worker_lives_on() {
    let env = env();
    let runs = Arc::new(AtomicUsize::new(0));
    let worker = Worker::new(env.db.clone(), config("w1")).handle("panicky", {
        let runs = runs.clone();
        handler(move |_| {
            let run = runs.fetch_add(1, Ordering::SeqCst) + 1;
            async move {
                if run == 1 {
                    panic!("kaboom");
                }
                Ok(())
            }
        })
    });
    let id = env.enqueue("panicky", json!({}), EnqueueOptions::default()).expect("queued");
    assert_eq!(worker.drain().await.expect("drain"), 1);
    let job = env.job(id);
    assert_eq!((job.status.as_str(), job.attempts), ("queued", 1));
    assert_eq!(job.last_error.as_deref(), Some("panicked: kaboom"));
    env.make_due(id);
    assert_eq!(worker.drain().await.expect("drain"), 1);
    assert_eq!(env.job(id).status, JobStatus::Done);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_racing_run_each_of_200_jobs_exactly_once() {
    let env = env();
    {
        let mut conn = env.conn();
        conn.transaction(|conn| {
            (0..200).try_for_each(|n| enqueue(conn, "race", json!({"n": n}), EnqueueOptions::default()).map(|_| ()))
        })
        .expect("enqueue 200");
    }
    let runs = Arc::new(Mutex::new(HashMap::new()));
    let (stop_a, shutdown_a) = shutdown_signal();
    let (stop_b, shutdown_b) = shutdown_signal();
    let a = tokio::spawn(Worker::new(env.db.clone(), config("a")).handle("race", counting(&runs)).run(shutdown_a));
    let b = tokio::spawn(Worker::new(env.db.clone(), config("b")).handle("race", counting(&runs)).run(shutdown_b));
    wait_until("every job ran", Duration::from_secs(15), || runs.lock().expect("runs").len() == 200).await;
    let _ = (stop_a.send(()), stop_b.send(()));
    a.await.expect("join a").expect("worker a");
    b.await.expect("join b").expect("worker b");

    let runs = runs.lock().expect("runs");
    assert_eq!(runs.len(), 200);
    assert!(runs.values().all(|&count| count == 1), "some job ran twice: {runs:?}");
    let counts = env.counts();
    assert_eq!((counts.done, counts.queued, counts.running, counts.dead), (200, 0, 0, 0));
    let by_worker: Vec<(Option<String>, i64)> = jobs::table
        .group_by(jobs::locked_by)
        .select((jobs::locked_by, diesel::dsl::count_star()))
        .load(&mut env.conn())
        .expect("by worker");
    assert!(by_worker.iter().all(|(worker, _)| matches!(worker.as_deref(), Some("a" | "b"))), "{by_worker:?}");
}

#[tokio::test]
async fn an_expired_lease_is_taken_over_and_the_late_worker_cannot_overwrite() {
    let env = env();
    let runs = Arc::new(Mutex::new(HashMap::new()));
    let id = env.enqueue("lease", json!({}), EnqueueOptions::default()).expect("queued");
    // A worker claims the job, then "dies": it never settles it.
    let claimed =
        queries::claim(&mut env.conn(), "dead-worker", Duration::from_millis(400), &["lease"], 10).expect("claim");
    assert_eq!(claimed.len(), 1);
    let survivor = Worker::new(env.db.clone(), config("survivor")).handle("lease", counting(&runs));
    assert_eq!(survivor.drain().await.expect("drain"), 0, "leased to the dead worker");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(survivor.drain().await.expect("drain"), 1);
    assert_eq!(runs.lock().expect("runs").get(&id), Some(&1));
    let job = env.job(id);
    assert_eq!((job.status.as_str(), job.attempts, job.locked_by.as_deref()), ("done", 2, Some("survivor")));
    assert_eq!(job.last_error.as_deref(), Some("lease of dead-worker expired"));

    // The dead worker comes back and reports: nothing changes.
    let mut conn = env.conn();
    assert!(!queries::complete(&mut conn, id, "dead-worker").expect("complete"));
    assert!(!queries::bury(&mut conn, id, "dead-worker", "late").expect("bury"));
    assert_eq!(queries::retry(&mut conn, id, "dead-worker", "late", Utc::now()).expect("retry"), RetryOutcome::NotHeld);
    assert_eq!(env.job(id), job);
}

#[tokio::test]
async fn an_expired_lease_on_the_last_attempt_makes_the_job_dead() {
    let env = env();
    let id = env.enqueue("lease", json!({}), EnqueueOptions::default().max_attempts(1)).expect("queued");
    queries::claim(&mut env.conn(), "dead-worker", Duration::from_millis(30), &["lease"], 10).expect("claim");
    tokio::time::sleep(Duration::from_millis(80)).await;
    let claimed = queries::claim(&mut env.conn(), "survivor", Duration::from_secs(30), &["lease"], 10).expect("claim");
    assert!(claimed.is_empty());
    let job = env.job(id);
    assert_eq!(job.status, JobStatus::Dead);
    assert_eq!(job.last_error.as_deref(), Some("lease of dead-worker expired during attempt 1 of 1"));
}

#[tokio::test]
async fn a_long_job_keeps_its_lease_while_it_runs() {
    let env = env();
    let runs = Arc::new(AtomicUsize::new(0));
    let slow = {
        let runs = runs.clone();
        handler(move |_| {
            runs.fetch_add(1, Ordering::SeqCst);
            async {
                tokio::time::sleep(Duration::from_millis(900)).await;
                Ok(())
            }
        })
    };
    // Extended every 100 ms; without the heartbeat it would expire 3 times over.
    let lease = Duration::from_millis(300);
    let first = Worker::new(env.db.clone(), WorkerConfig { lease, ..config("first") }).handle("slow", slow.clone());
    let second = Worker::new(env.db.clone(), WorkerConfig { lease, ..config("second") }).handle("slow", slow);
    let id = env.enqueue("slow", json!({}), EnqueueOptions::default()).expect("queued");
    let (ran_first, ran_second) = tokio::join!(first.drain(), async {
        let mut ran = 0;
        for _ in 0..10 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            ran += second.drain().await.expect("second drain");
        }
        ran
    });
    assert_eq!((ran_first.expect("first drain"), ran_second), (1, 0));
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    let job = env.job(id);
    assert_eq!((job.status.as_str(), job.attempts, job.locked_by.as_deref()), ("done", 1, Some("first")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_periodic_task_fires_once_per_interval_across_workers() {
    let env = env();
    let fired: Arc<Mutex<Vec<Instant>>> = Arc::new(Mutex::new(Vec::new()));
    let hourly = Arc::new(AtomicUsize::new(0));
    let every = Duration::from_millis(300);
    let worker = |id: &str| {
        let (fired, hourly) = (fired.clone(), hourly.clone());
        Worker::new(env.db.clone(), config(id))
            .every(Periodic::new("tick", every, move || {
                let fired = fired.clone();
                async move {
                    fired.lock().expect("fired").push(Instant::now());
                    Ok(())
                }
            }))
            .every(Periodic::new("hourly", Duration::from_secs(3600), move || {
                hourly.fetch_add(1, Ordering::SeqCst);
                async { Ok(()) }
            }))
    };
    let (stop_a, shutdown_a) = shutdown_signal();
    let (stop_b, shutdown_b) = shutdown_signal();
    let started = Instant::now();
    let a = tokio::spawn(worker("a").run(shutdown_a));
    let b = tokio::spawn(worker("b").run(shutdown_b));
    tokio::time::sleep(Duration::from_millis(1050)).await;
    let _ = (stop_a.send(()), stop_b.send(()));
    a.await.expect("join a").expect("worker a");
    b.await.expect("join b").expect("worker b");

    // Due at once, then every 300 ms (0, 300, 600, 900 ms): once per due time, never twice,
    // whichever of the two workers wins it (a loaded machine may serve the last one too late).
    let elapsed = started.elapsed();
    let fired = fired.lock().expect("fired");
    let due_times = 1 + (elapsed.as_millis() / every.as_millis()) as usize;
    assert!((2..=due_times).contains(&fired.len()), "fired {} times in {elapsed:?}", fired.len());
    assert_eq!(hourly.load(Ordering::SeqCst), 1);
    let task = queries::find_periodic(&mut env.conn(), "hourly").expect("find").expect("registered");
    assert!(matches!(task.locked_by.as_deref(), Some("a" | "b")));
    assert!(task.next_run_at > Utc::now() + chrono::Duration::minutes(59));
}

#[tokio::test]
async fn claim_periodic_is_won_by_one_worker_per_due_time() {
    let env = env();
    let mut conn = env.conn();
    queries::ensure_periodic(&mut conn, "sweep").expect("ensure");
    queries::ensure_periodic(&mut conn, "sweep").expect("ensure twice");
    let hour = Duration::from_secs(3600);
    assert!(queries::claim_periodic(&mut conn, "sweep", "a", hour).expect("claim"));
    assert!(!queries::claim_periodic(&mut conn, "sweep", "b", hour).expect("claim"));
    assert!(!queries::claim_periodic(&mut conn, "unknown", "b", hour).expect("claim"));
    assert_eq!(queries::due_periodic(&mut conn, &["sweep", "unknown"]).expect("due"), Vec::<String>::new());
}

#[tokio::test]
async fn shutdown_waits_for_the_running_job_and_claims_nothing_new() {
    let env = env();
    let (started_sender, started) = oneshot::channel::<()>();
    let started_sender = Arc::new(Mutex::new(Some(started_sender)));
    let finished = Arc::new(AtomicUsize::new(0));
    let worker = Worker::new(env.db.clone(), WorkerConfig { concurrency: 1, ..config("w1") }).handle("slow", {
        let finished = finished.clone();
        handler(move |_| {
            let (started_sender, finished) = (started_sender.clone(), finished.clone());
            async move {
                if let Some(sender) = started_sender.lock().expect("sender").take() {
                    let _ = sender.send(());
                }
                tokio::time::sleep(Duration::from_millis(400)).await;
                finished.fetch_add(1, Ordering::SeqCst);
                Ok(())
            }
        })
    });
    let first = env.enqueue("slow", json!({}), EnqueueOptions::default()).expect("queued");
    let (stop, shutdown) = shutdown_signal();
    let running = tokio::spawn(worker.run(shutdown));
    started.await.expect("the first job started");
    let second = env.enqueue("slow", json!({}), EnqueueOptions::default()).expect("queued");
    let stopping = Instant::now();
    let _ = stop.send(());
    running.await.expect("join").expect("worker");
    assert!(stopping.elapsed() >= Duration::from_millis(300), "returned before the job finished");
    assert_eq!(finished.load(Ordering::SeqCst), 1);
    assert_eq!(env.job(first).status, JobStatus::Done);
    let second = env.job(second);
    assert_eq!((second.status.as_str(), second.attempts), ("queued", 0));
}

#[tokio::test]
async fn shutdown_abandons_a_job_to_its_lease_after_the_grace_period() {
    let env = env();
    let started = Arc::new(AtomicBool::new(false));
    let worker = Worker::new(env.db.clone(), WorkerConfig { grace: Duration::from_millis(100), ..config("w1") })
        .handle("stuck", {
            let started = started.clone();
            handler(move |_| {
                started.store(true, Ordering::SeqCst);
                async {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    Ok(())
                }
            })
        });
    let id = env.enqueue("stuck", json!({}), EnqueueOptions::default()).expect("queued");
    let (stop, shutdown) = shutdown_signal();
    let running = tokio::spawn(worker.run(shutdown));
    wait_until("the job started", Duration::from_secs(5), || started.load(Ordering::SeqCst)).await;
    let stopping = Instant::now();
    let _ = stop.send(());
    running.await.expect("join").expect("worker");
    assert!(stopping.elapsed() < Duration::from_secs(2), "waited {:?}", stopping.elapsed());
    let job = env.job(id);
    assert_eq!((job.status.as_str(), job.locked_by.as_deref()), ("running", Some("w1")));
}

/// `nourx worker` may run inside actix's System (a current-thread runtime with a LocalSet).
#[actix_web::test]
async fn the_worker_runs_inside_the_actix_runtime() {
    let env = env();
    let runs = Arc::new(Mutex::new(HashMap::new()));
    let periodic_runs = Arc::new(AtomicUsize::new(0));
    let worker = Worker::new(env.db.clone(), config("actix")).handle("mail.send", counting(&runs)).every(
        Periodic::new("tick", Duration::from_secs(60), {
            let periodic_runs = periodic_runs.clone();
            move || {
                periodic_runs.fetch_add(1, Ordering::SeqCst);
                async { Ok(()) }
            }
        }),
    );
    let ids: Vec<Uuid> =
        (0..5).map(|n| env.enqueue("mail.send", json!({"n": n}), EnqueueOptions::default()).expect("queued")).collect();
    let (stop, shutdown) = shutdown_signal();
    let running = actix_web::rt::spawn(worker.run(shutdown));
    wait_until("every job ran", Duration::from_secs(5), || runs.lock().expect("runs").len() == 5).await;
    wait_until("the periodic task ran", Duration::from_secs(5), || periodic_runs.load(Ordering::SeqCst) == 1).await;
    let _ = stop.send(());
    running.await.expect("join").expect("worker");
    assert!(ids.iter().all(|id| env.job(*id).status == JobStatus::Done));
}

#[tokio::test]
async fn housekeeping_deletes_old_done_jobs_and_keeps_dead_ones() {
    let env = env();
    let worker = Worker::new(env.db.clone(), config("w1"))
        .handle("ok", handler(|_| async { Ok(()) }))
        .handle("ko", handler(|_| async { Err(JobError::fatal("no")) }));
    let done = env.enqueue("ok", json!({}), EnqueueOptions::default()).expect("queued");
    let dead = env.enqueue("ko", json!({}), EnqueueOptions::default()).expect("queued");
    let queued = env.enqueue("ok", json!({}), EnqueueOptions::default().delay(chrono::Duration::hours(1))).expect("q");
    assert_eq!(worker.drain().await.expect("drain"), 2);
    let mut conn = env.conn();
    assert_eq!(queries::delete_finished_before(&mut conn, Utc::now() - chrono::Duration::hours(1)).expect("gc"), 0);
    assert_eq!(queries::delete_finished_before(&mut conn, Utc::now() + chrono::Duration::seconds(1)).expect("gc"), 1);
    assert!(queries::find(&mut conn, done).optional().expect("find").is_none());
    assert_eq!(queries::find(&mut conn, dead).expect("dead").status, JobStatus::Dead);
    assert_eq!(queries::find(&mut conn, queued).expect("queued").status, JobStatus::Queued);
    let (count, all) = queries::list(&mut conn, &JobFilter::default(), page()).expect("list");
    assert_eq!((count, all.len()), (2, 2));
    let (count, ok) =
        queries::list(&mut conn, &JobFilter { status: None, kind: Some("ok".into()) }, page()).expect("l");
    assert_eq!((count, ok[0].id), (1, queued));
}

#[tokio::test]
async fn an_idle_worker_is_woken_by_a_committed_enqueue_not_by_its_next_poll() {
    let env = env();
    let runs = Arc::new(Mutex::new(HashMap::new()));
    // A poll an hour away: only the LISTEN/NOTIFY wake-up can make the job run in time.
    let config = WorkerConfig { poll_interval: Duration::from_secs(3600), ..config("listener") };
    let worker = Worker::new(env.db.clone(), config).handle("mail.send", counting(&runs));
    let (stop, shutdown) = shutdown_signal();
    let running = tokio::spawn(worker.run(shutdown));
    // Let it find the queue empty and go idle.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let id = env.enqueue("mail.send", json!({}), EnqueueOptions::default()).expect("queued");
    wait_until("the woken worker ran the job", Duration::from_secs(10), || runs.lock().expect("runs").len() == 1).await;
    let _ = stop.send(());
    running.await.expect("join").expect("worker");
    assert_eq!(env.job(id).status, JobStatus::Done);
}
