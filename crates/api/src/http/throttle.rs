//! The cool-off for guesses (passwords, two-factor codes): each guess is recorded in its
//! buckets *before* it is checked, so that parallel guesses cannot exceed a limit; a refused
//! guess answers 429 with `Retry-After` and is forgotten, a right one is forgotten too, a wrong
//! one stays as a failure until it leaves the window. Never a permanent lock.

use nourx_db::{Db, login_throttle};
use nourx_domain::throttle::{Decision, Limit, decide, strictest};

use crate::http::error::{ApiError, ApiResult};

/// A guess allowed to be checked; say how it ended with [`Guess::succeeded`] or [`Guess::failed`].
#[must_use = "a guess is forgotten when it succeeds"]
#[derive(Debug)]
pub struct Guess {
    recorded: Vec<i64>,
}

/// Records a guess in every bucket (each with its own limit) and lets it through, or answers
/// 429 when one bucket is full.
pub async fn begin(db: &Db, buckets: Vec<(String, Limit)>) -> ApiResult<Guess> {
    db.run(move |conn| {
        let names: Vec<&str> = buckets.iter().map(|(bucket, _)| bucket.as_str()).collect();
        let recorded = login_throttle::record_attempt(conn, &names)?;
        let now = chrono::Utc::now();
        let mut decisions = Vec::with_capacity(buckets.len());
        for (bucket, limit) in &buckets {
            let attempts = login_throttle::newest_failures(conn, bucket, limit.window, limit.max + 1)?;
            decisions.push(decide(&attempts, *limit, now));
        }
        match strictest(decisions) {
            Decision::Allowed => Ok(Guess { recorded }),
            Decision::Throttled { retry_after_seconds } => {
                login_throttle::forget(conn, &recorded)?;
                Err(ApiError::Throttled { retry_after_seconds })
            }
        }
    })
    .await
}

impl Guess {
    /// The guess was right: it does not count against anyone.
    pub async fn succeeded(self, db: &Db) -> ApiResult<()> {
        let recorded = self.recorded;
        db.run(move |conn| login_throttle::forget(conn, &recorded).map_err(ApiError::from)).await
    }

    /// The guess was wrong: it stays recorded as a failure.
    pub fn failed(self) {}
}
