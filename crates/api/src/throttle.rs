//! The login cool-off: too many failures within the window answer 429 with `Retry-After`
//! until the oldest counted failure leaves the window. Never a permanent lock.

use nourx_db::{Db, login_throttle};

use crate::config::LoginThrottle;
use crate::error::{ApiError, ApiResult};

/// `buckets` is `[account, ip]`; each has its own limit.
pub async fn check(db: &Db, buckets: &[String], limits: LoginThrottle) -> ApiResult<()> {
    let buckets = buckets.to_vec();
    let retry_after = db
        .run(move |conn| -> Result<Option<i64>, ApiError> {
            let now = chrono::Utc::now();
            let mut longest: Option<i64> = None;
            for (bucket, max) in buckets.iter().zip([limits.max_failures_per_account, limits.max_failures_per_ip]) {
                let failures = login_throttle::recent_failures(conn, bucket, limits.window)?;
                if failures.len() >= max {
                    // Allowed again once the failure that makes the count reach `max` leaves the window.
                    let pivot = failures[failures.len() - max];
                    let seconds = (pivot + limits.window - now).num_seconds().max(1);
                    longest = Some(longest.map_or(seconds, |l| l.max(seconds)));
                }
            }
            Ok(longest)
        })
        .await?;
    match retry_after {
        Some(retry_after_seconds) => Err(ApiError::Throttled { retry_after_seconds }),
        None => Ok(()),
    }
}

pub async fn record_failure(db: &Db, buckets: Vec<String>) -> ApiResult<()> {
    db.run(move |conn| {
        let refs: Vec<&str> = buckets.iter().map(String::as_str).collect();
        login_throttle::record_failure(conn, &refs).map_err(ApiError::from)
    })
    .await
}
