//! What tests read from their database directly: row counts, the audit trail, and the background
//! jobs (run them with [`TestApp::drain_jobs`]; a test that leaves one queued fails, see
//! [`TestApp::leave_jobs_queued`]).

use std::sync::atomic::Ordering;
use std::time::Duration;

use diesel::prelude::*;
use nourx_db::schema::{audit_log, jobs};

use crate::TestApp;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

impl TestApp {
    /// The number of rows of `table`.
    pub async fn count_rows(&self, table: &'static str) -> i64 {
        self.count_where(table, "true").await
    }

    /// The number of rows of `table` for which the SQL `condition` holds.
    pub async fn count_where(&self, table: &'static str, condition: impl Into<String>) -> i64 {
        let query = format!("SELECT count(*) AS n FROM {table} WHERE {}", condition.into());
        self.with_conn(move |conn| {
            diesel::sql_query(&query).get_result::<Count>(conn).unwrap_or_else(|e| panic!("{query}: {e}")).n
        })
        .await
    }

    /// Runs one SQL statement on this test's database (to backdate a row, move a deadline…) and
    /// returns how many rows it changed: plain SQL, so that a test does not follow the row types.
    pub async fn sql(&self, statement: impl Into<String>) -> usize {
        let statement = statement.into();
        self.with_conn(move |conn| {
            diesel::sql_query(&statement).execute(conn).unwrap_or_else(|e| panic!("{statement}: {e}"))
        })
        .await
    }

    /// Moves ticket `id` into the past by `interval` (an SQL interval, `'7 hours'`): its opening,
    /// its deadlines, its risk instants and its clock history, so its SLA stands as if it had been
    /// opened that long ago.
    pub async fn age_ticket(&self, id: impl ToString, interval: &str) -> usize {
        let (id, shift) = (id.to_string(), format!("interval '{interval}'"));
        self.sql(format!("UPDATE ticket_sla_events SET at = at - {shift} WHERE ticket_id = '{id}'")).await;
        self.sql(format!(
            "UPDATE tickets SET created_at = created_at - {shift}, first_response_due = first_response_due - {shift}, \
             first_response_risk_at = first_response_risk_at - {shift}, resolution_due = resolution_due - {shift}, \
             resolution_risk_at = resolution_risk_at - {shift} WHERE id = '{id}'"
        ))
        .await
    }

    /// The audit actions recorded about one entity (`entity`: "ticket", "document"…), oldest first.
    pub async fn audit_actions(&self, entity: &'static str, entity_id: impl ToString) -> Vec<String> {
        let entity_id = entity_id.to_string();
        self.with_conn(move |conn| {
            audit_log::table
                .filter(audit_log::entity.eq(entity))
                .filter(audit_log::entity_id.eq(entity_id))
                .order(audit_log::id.asc())
                .select(audit_log::action)
                .load(conn)
                .expect("audit rows")
        })
        .await
    }

    /// Runs every job that is due, as `nourx worker` would (a 60-second lease); returns how many.
    pub async fn drain_jobs(&self) -> usize {
        self.worker(nourx_jobs::WorkerConfig { lease: Duration::from_secs(60), ..Default::default() })
            .drain()
            .await
            .expect("worker")
    }

    /// Lets this test end with jobs still queued (one that asserts on the queue itself).
    pub fn leave_jobs_queued(&self) {
        self.jobs_may_stay_queued.store(true, Ordering::Relaxed);
    }

    /// Panics when jobs are still queued: a test that queued work and never ran it has not seen
    /// its outcome. Called when the app is dropped, unless [`TestApp::leave_jobs_queued`].
    pub(crate) fn check_no_job_left_queued(&self) {
        if self.jobs_may_stay_queued.load(Ordering::Relaxed) {
            return;
        }
        let Ok(mut conn) = self.db.get() else { return };
        let queued: Vec<(String, serde_json::Value)> = jobs::table
            .filter(jobs::status.eq("queued"))
            .order(jobs::created_at.asc())
            .select((jobs::kind, jobs::payload))
            .load(&mut conn)
            .expect("queued jobs");
        assert!(
            queued.is_empty(),
            "the test left {} job(s) queued: run them (`app.drain_jobs()`) and check what they did, \
             or call `app.leave_jobs_queued()`: {queued:?}",
            queued.len()
        );
    }
}
