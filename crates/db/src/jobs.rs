//! The background job queue (`nourx worker`, crates/jobs) and its periodic scheduler's state.
//!
//! A job is enqueued inside the transaction of the change that causes it, claimed with
//! `FOR UPDATE SKIP LOCKED` and leased until `locked_until`. Every write that settles a claimed
//! job checks that the caller still holds it (`status = 'running' AND locked_by = worker`), so a
//! worker whose lease expired and was taken over cannot overwrite the newer run's outcome.
//! Times are compared with the database's clock (`now()`), never the caller's.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Double, Text};
use uuid::Uuid;

use crate::schema::{jobs, periodic_tasks};
use crate::scope::PageRequest;

/// Attempts before a job is dead, unless the caller says otherwise.
pub const DEFAULT_MAX_ATTEMPTS: i32 = 10;

pub use nourx_domain::job::JobStatus;
use nourx_domain::job::JobStatus::{Dead as DEAD, Done as DONE, Queued as QUEUED, Running as RUNNING};

#[derive(Debug, Clone, PartialEq, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = jobs, check_for_backend(diesel::pg::Pg))]
pub struct Job {
    pub id: Uuid,
    pub kind: String,
    pub payload: serde_json::Value,
    pub status: JobStatus,
    /// Runs started so far, the current one included (incremented when claimed).
    pub attempts: i32,
    pub max_attempts: i32,
    pub run_at: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
    pub unique_key: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub kind: &'a str,
    pub payload: serde_json::Value,
    /// `None`: due now, by the database's clock.
    pub run_at: Option<DateTime<Utc>>,
    pub max_attempts: i32,
    /// At most one queued job per key: enqueuing a key that is already queued does nothing.
    pub unique_key: Option<&'a str>,
}

impl<'a> NewJob<'a> {
    /// A job of `kind` due now, with the default attempts and no unique key.
    pub fn new(kind: &'a str, payload: serde_json::Value) -> NewJob<'a> {
        NewJob { kind, payload, run_at: None, max_attempts: DEFAULT_MAX_ATTEMPTS, unique_key: None }
    }
}

#[derive(Insertable)]
#[diesel(table_name = jobs)]
struct JobRow<'a> {
    id: Uuid,
    kind: &'a str,
    payload: &'a serde_json::Value,
    // `None` inserts DEFAULT: the column's own `now()`.
    run_at: Option<DateTime<Utc>>,
    max_attempts: i32,
    unique_key: Option<&'a str>,
}

/// Queues `job`; call it inside the transaction of the change that causes it, so the job exists
/// if and only if that change is committed. Returns the new job's id, or `None` when a job with
/// the same `unique_key` is already queued: that one stays (its payload wins) and is moved
/// earlier when `job` is due sooner.
/// The channel on which a committed enqueue wakes idle workers (LISTEN/NOTIFY) instead of
/// leaving them to their next poll.
pub const WAKE_CHANNEL: &str = "nourx_jobs";

/// Subscribes this connection to [`WAKE_CHANNEL`].
pub fn listen(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query(format!("LISTEN {WAKE_CHANNEL}")).execute(conn).map(|_| ())
}

/// Whether a wake-up arrived since the last call (reads the socket without waiting).
pub fn woken(conn: &mut PgConnection) -> QueryResult<bool> {
    let mut woken = false;
    for notification in conn.notifications_iter() {
        notification?;
        woken = true;
    }
    Ok(woken)
}

pub fn enqueue(conn: &mut PgConnection, job: &NewJob<'_>) -> QueryResult<Option<Uuid>> {
    let row = JobRow {
        id: Uuid::now_v7(),
        kind: job.kind,
        payload: &job.payload,
        run_at: job.run_at,
        max_attempts: job.max_attempts,
        unique_key: job.unique_key,
    };
    let inserted = diesel::insert_into(jobs::table)
        .values(&row)
        .on_conflict(jobs::unique_key)
        // A literal, not a bind: PostgreSQL must see that it implies the partial index's predicate.
        .filter_target(diesel::dsl::sql::<diesel::sql_types::Bool>("status = 'queued'"))
        .do_nothing()
        .returning(jobs::id)
        .get_result::<Uuid>(conn)
        .optional()?;
    if inserted.is_some() && job.run_at.is_none_or(|at| at <= chrono::Utc::now()) {
        // Delivered when the caller's transaction commits (and only then).
        diesel::sql_query(format!("NOTIFY {WAKE_CHANNEL}")).execute(conn)?;
    }
    if inserted.is_none()
        && let Some(key) = job.unique_key
    {
        let queued = jobs::table.filter(jobs::unique_key.eq(key)).filter(jobs::status.eq(QUEUED));
        match job.run_at {
            Some(run_at) => {
                diesel::update(queued.filter(jobs::run_at.gt(run_at)))
                    .set((jobs::run_at.eq(run_at), jobs::updated_at.eq(diesel::dsl::now)))
                    .execute(conn)?;
            }
            None => {
                diesel::update(queued.filter(jobs::run_at.gt(diesel::dsl::now)))
                    .set((jobs::run_at.eq(diesel::dsl::now), jobs::updated_at.eq(diesel::dsl::now)))
                    .execute(conn)?;
            }
        }
    }
    Ok(inserted)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Job> {
    jobs::table.find(id).select(Job::as_select()).get_result(conn)
}

fn seconds(duration: std::time::Duration) -> f64 {
    duration.as_secs_f64()
}

/// Claims up to `limit` due jobs of `kinds` for `worker_id` until `now() + lease`: queued jobs
/// whose `run_at` has come, and running jobs whose lease expired (their worker died). Each claim
/// counts as an attempt. A lease-expired job that has used all its attempts is buried instead.
pub fn claim(
    conn: &mut PgConnection,
    worker_id: &str,
    lease: std::time::Duration,
    kinds: &[&str],
    limit: i64,
) -> QueryResult<Vec<Job>> {
    if kinds.is_empty() || limit <= 0 {
        return Ok(Vec::new());
    }
    diesel::sql_query(
        "UPDATE jobs SET status = 'dead', finished_at = now(), updated_at = now(), locked_until = NULL, \
                last_error = 'lease of ' || coalesce(locked_by, '?') || ' expired during attempt ' \
                             || attempts || ' of ' || max_attempts \
         WHERE id IN (SELECT id FROM jobs \
                      WHERE kind = ANY($1) AND status = 'running' AND locked_until < now() \
                        AND attempts >= max_attempts \
                      FOR UPDATE SKIP LOCKED)",
    )
    .bind::<Array<Text>, _>(kinds)
    .execute(conn)?;
    let mut claimed = diesel::sql_query(
        "UPDATE jobs SET status = 'running', attempts = attempts + 1, \
                locked_until = now() + make_interval(secs => $2), locked_by = $1, updated_at = now(), \
                last_error = CASE WHEN status = 'running' \
                                  THEN 'lease of ' || coalesce(locked_by, '?') || ' expired' \
                                  ELSE last_error END \
         WHERE id IN (SELECT id FROM jobs \
                      WHERE kind = ANY($3) \
                        AND ((status = 'queued' AND run_at <= now()) \
                          OR (status = 'running' AND locked_until < now() AND attempts < max_attempts)) \
                      ORDER BY run_at \
                      LIMIT $4 \
                      FOR UPDATE SKIP LOCKED) \
         RETURNING *",
    )
    .bind::<Text, _>(worker_id)
    .bind::<Double, _>(seconds(lease))
    .bind::<Array<Text>, _>(kinds)
    .bind::<BigInt, _>(limit)
    .load::<Job>(conn)?;
    claimed.sort_by_key(|job| (job.run_at, job.id));
    Ok(claimed)
}

/// The job `$id` while `$worker` holds it: running and locked by it.
macro_rules! held {
    ($id:expr, $worker:expr) => {
        jobs::table.filter(jobs::id.eq($id)).filter(jobs::status.eq(RUNNING)).filter(jobs::locked_by.eq($worker))
    };
}

/// Pushes the lease of a job `worker_id` still holds to `now() + lease` (a heartbeat for long
/// jobs). `false`: the job is no longer this worker's.
pub fn extend_lease(
    conn: &mut PgConnection,
    id: Uuid,
    worker_id: &str,
    lease: std::time::Duration,
) -> QueryResult<bool> {
    let until = diesel::dsl::now.into_sql::<diesel::sql_types::Timestamptz>()
        + diesel::dsl::sql::<diesel::sql_types::Interval>("make_interval(secs => ")
            .bind::<Double, _>(seconds(lease))
            .sql(")");
    diesel::update(held!(id, worker_id))
        .set((jobs::locked_until.eq(until.nullable()), jobs::updated_at.eq(diesel::dsl::now)))
        .execute(conn)
        .map(|rows| rows == 1)
}

/// The job ran to completion. `false`: `worker_id` no longer held it (its lease was taken over,
/// or it was settled already), and nothing was written.
pub fn complete(conn: &mut PgConnection, id: Uuid, worker_id: &str) -> QueryResult<bool> {
    diesel::update(held!(id, worker_id))
        .set((
            jobs::status.eq(DONE),
            jobs::finished_at.eq(diesel::dsl::now),
            jobs::updated_at.eq(diesel::dsl::now),
            jobs::locked_until.eq(None::<DateTime<Utc>>),
        ))
        .execute(conn)
        .map(|rows| rows == 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryOutcome {
    /// Queued again, due at the given time.
    Requeued,
    /// Another job with the same unique key was queued meanwhile: that one will do the work,
    /// this one is `done` (its error kept in `last_error`).
    Merged,
    /// `worker_id` no longer held the job; nothing was written.
    NotHeld,
}

/// Queues a failed job again, due at `run_at`, remembering `error`.
pub fn retry(
    conn: &mut PgConnection,
    id: Uuid,
    worker_id: &str,
    error: &str,
    run_at: DateTime<Utc>,
) -> QueryResult<RetryOutcome> {
    // In a (nested) transaction so that a unique violation leaves the caller's transaction usable.
    let requeued = conn.transaction(|conn| {
        diesel::update(held!(id, worker_id))
            .set((
                jobs::status.eq(QUEUED),
                jobs::run_at.eq(run_at),
                jobs::last_error.eq(error),
                jobs::locked_until.eq(None::<DateTime<Utc>>),
                jobs::locked_by.eq(None::<String>),
                jobs::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
    });
    match requeued {
        Ok(1) => Ok(RetryOutcome::Requeued),
        Ok(_) => Ok(RetryOutcome::NotHeld),
        Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            let merged = diesel::update(held!(id, worker_id))
                .set((
                    jobs::status.eq(DONE),
                    jobs::last_error.eq(format!("merged into the queued job with the same unique key after: {error}")),
                    jobs::finished_at.eq(diesel::dsl::now),
                    jobs::locked_until.eq(None::<DateTime<Utc>>),
                    jobs::updated_at.eq(diesel::dsl::now),
                ))
                .execute(conn)?;
            Ok(if merged == 1 { RetryOutcome::Merged } else { RetryOutcome::NotHeld })
        }
        Err(error) => Err(error),
    }
}

/// The job will not be tried again: `dead`, with `error`, kept for an admin to read or requeue.
/// `false`: `worker_id` no longer held it.
pub fn bury(conn: &mut PgConnection, id: Uuid, worker_id: &str, error: &str) -> QueryResult<bool> {
    diesel::update(held!(id, worker_id))
        .set((
            jobs::status.eq(DEAD),
            jobs::last_error.eq(error),
            jobs::finished_at.eq(diesel::dsl::now),
            jobs::locked_until.eq(None::<DateTime<Utc>>),
            jobs::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .map(|rows| rows == 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequeueOutcome {
    /// Queued again, due now, with all its attempts.
    Requeued,
    /// No such job.
    NotFound,
    /// The job is not dead.
    NotDead,
    /// A job with the same unique key is already queued (the given id): it will do the work.
    AlreadyQueued(Uuid),
}

/// Admin action: a dead job is queued again, due now, with its attempts reset. Its
/// `last_error` is kept until the next run settles it.
pub fn requeue_dead(conn: &mut PgConnection, id: Uuid) -> QueryResult<RequeueOutcome> {
    let requeued = conn.transaction(|conn| {
        diesel::update(jobs::table.filter(jobs::id.eq(id)).filter(jobs::status.eq(DEAD)))
            .set((
                jobs::status.eq(QUEUED),
                jobs::attempts.eq(0),
                jobs::run_at.eq(diesel::dsl::now),
                jobs::locked_until.eq(None::<DateTime<Utc>>),
                jobs::locked_by.eq(None::<String>),
                jobs::finished_at.eq(None::<DateTime<Utc>>),
                jobs::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
    });
    match requeued {
        Ok(1) => Ok(RequeueOutcome::Requeued),
        Ok(_) => {
            let status = jobs::table.find(id).select(jobs::status).get_result::<JobStatus>(conn).optional()?;
            Ok(if status.is_some() { RequeueOutcome::NotDead } else { RequeueOutcome::NotFound })
        }
        Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            let key = jobs::table.find(id).select(jobs::unique_key).get_result::<Option<String>>(conn)?;
            let queued = jobs::table
                .filter(jobs::unique_key.eq(key))
                .filter(jobs::status.eq(QUEUED))
                .select(jobs::id)
                .get_result::<Uuid>(conn)?;
            Ok(RequeueOutcome::AlreadyQueued(queued))
        }
        Err(error) => Err(error),
    }
}

#[derive(Debug, Default, Clone)]
pub struct JobFilter {
    pub status: Option<JobStatus>,
    pub kind: Option<String>,
}

/// Jobs, newest first.
pub fn list(conn: &mut PgConnection, filter: &JobFilter, page: PageRequest) -> QueryResult<(i64, Vec<Job>)> {
    let build = || {
        let mut query = jobs::table.into_boxed();
        if let Some(status) = &filter.status {
            query = query.filter(jobs::status.eq(*status));
        }
        if let Some(kind) = &filter.kind {
            query = query.filter(jobs::kind.eq(kind.clone()));
        }
        query
    };
    let rows = build()
        .order((jobs::created_at.desc(), jobs::id.desc()))
        .limit(page.limit)
        .offset(page.offset)
        .select(Job::as_select())
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}

/// Housekeeping: deletes the `done` jobs finished before `cutoff`. Dead jobs are kept for admins.
pub fn delete_finished_before(conn: &mut PgConnection, cutoff: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(jobs::table.filter(jobs::status.eq(DONE)).filter(jobs::finished_at.lt(cutoff))).execute(conn)
}

/// How many jobs are in each status.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct JobCounts {
    pub queued: i64,
    pub running: i64,
    pub done: i64,
    pub dead: i64,
}

pub fn counts_by_status(conn: &mut PgConnection) -> QueryResult<JobCounts> {
    let rows = jobs::table
        .group_by(jobs::status)
        .select((jobs::status, diesel::dsl::count_star()))
        .load::<(JobStatus, i64)>(conn)?;
    let mut counts = JobCounts::default();
    for (status, count) in rows {
        match status {
            QUEUED => counts.queued = count,
            RUNNING => counts.running = count,
            DONE => counts.done = count,
            DEAD => counts.dead = count,
        }
    }
    Ok(counts)
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = periodic_tasks, check_for_backend(diesel::pg::Pg))]
pub struct PeriodicTask {
    pub name: String,
    pub next_run_at: DateTime<Utc>,
    pub last_run_at: Option<DateTime<Utc>>,
    pub locked_by: Option<String>,
}

/// Registers the periodic task `name` (due now) unless it exists already.
pub fn ensure_periodic(conn: &mut PgConnection, name: &str) -> QueryResult<()> {
    diesel::insert_into(periodic_tasks::table)
        .values(periodic_tasks::name.eq(name))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|_| ())
}

/// The periodic tasks among `names` that are due.
pub fn due_periodic(conn: &mut PgConnection, names: &[&str]) -> QueryResult<Vec<String>> {
    periodic_tasks::table
        .filter(periodic_tasks::name.eq_any(names))
        .filter(periodic_tasks::next_run_at.le(diesel::dsl::now))
        .select(periodic_tasks::name)
        .load(conn)
}

/// Claims this run of the periodic task `name` if it is due: `true` iff `worker_id` won it
/// (one statement, so with several workers exactly one wins). The next run is one `interval`
/// after the due time, so the schedule does not drift by the tick; a task late by more than an
/// interval (every worker was down) runs once now and next at `now() + interval`, not in a burst.
pub fn claim_periodic(
    conn: &mut PgConnection,
    name: &str,
    worker_id: &str,
    interval: std::time::Duration,
) -> QueryResult<bool> {
    diesel::sql_query(
        "UPDATE periodic_tasks \
         SET next_run_at = CASE WHEN next_run_at + make_interval(secs => $3) > now() \
                                THEN next_run_at + make_interval(secs => $3) \
                                ELSE now() + make_interval(secs => $3) END, \
             last_run_at = now(), locked_by = $2 \
         WHERE name = $1 AND next_run_at <= now()",
    )
    .bind::<Text, _>(name)
    .bind::<Text, _>(worker_id)
    .bind::<Double, _>(seconds(interval))
    .execute(conn)
    .map(|rows| rows == 1)
}

pub fn find_periodic(conn: &mut PgConnection, name: &str) -> QueryResult<Option<PeriodicTask>> {
    periodic_tasks::table.find(name).select(PeriodicTask::as_select()).get_result(conn).optional()
}
