//! The cool-off after failed guesses (passwords, two-factor codes): a bucket (an account, an
//! address, everyone) holding `max` failures within the window refuses further guesses until
//! the failure that made the count reach `max` leaves the window. Never a permanent lock.

use chrono::{DateTime, Duration, Utc};

/// The limit of one bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: usize,
    pub window: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    /// Try again in this many seconds (at least 1).
    Throttled {
        retry_after_seconds: i64,
    },
}

/// `attempts`: the bucket's recorded guesses within the window, oldest first, **including the
/// one being decided** (recorded before the decision, so that parallel guesses each see the
/// others: the n-th recorded sees at least n, and at most `max` are allowed).
pub fn decide(attempts: &[DateTime<Utc>], limit: Limit, now: DateTime<Utc>) -> Decision {
    if attempts.len() <= limit.max {
        return Decision::Allowed;
    }
    // Allowed again once enough old attempts leave the window for this one to be within `max`.
    let pivot = attempts[attempts.len() - 1 - limit.max];
    let retry_after_seconds = (pivot + limit.window - now).num_seconds().max(1);
    Decision::Throttled { retry_after_seconds }
}

/// The longest wait of several buckets' decisions (allowed when all allow).
pub fn strictest(decisions: impl IntoIterator<Item = Decision>) -> Decision {
    decisions.into_iter().fold(Decision::Allowed, |acc, next| match (acc, next) {
        (Decision::Throttled { retry_after_seconds: a }, Decision::Throttled { retry_after_seconds: b }) => {
            Decision::Throttled { retry_after_seconds: a.max(b) }
        }
        (Decision::Throttled { .. }, Decision::Allowed) => acc,
        (Decision::Allowed, next) => next,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(max: usize) -> Limit {
        Limit { max, window: Duration::minutes(15) }
    }

    #[test]
    fn the_first_max_attempts_pass_and_the_next_waits_for_the_oldest_counted() {
        let now = Utc::now();
        let attempts: Vec<_> = (0..5).map(|i| now - Duration::minutes(10 - i)).collect();
        assert_eq!(decide(&attempts[..3], limit(3), now), Decision::Allowed);
        // 4 recorded with a limit of 3: the oldest (10 min ago) must leave the 15-min window.
        assert_eq!(decide(&attempts[..4], limit(3), now), Decision::Throttled { retry_after_seconds: 300 });
        // 5 recorded: the second oldest (9 min ago) must leave too.
        assert_eq!(decide(&attempts, limit(3), now), Decision::Throttled { retry_after_seconds: 360 });
    }

    #[test]
    fn a_wait_is_never_shorter_than_a_second_and_the_strictest_bucket_wins() {
        let now = Utc::now();
        let stale = [now - Duration::minutes(15), now];
        assert_eq!(decide(&stale, limit(1), now), Decision::Throttled { retry_after_seconds: 1 });
        let waits = [
            Decision::Allowed,
            Decision::Throttled { retry_after_seconds: 30 },
            Decision::Throttled { retry_after_seconds: 90 },
        ];
        assert_eq!(strictest(waits), Decision::Throttled { retry_after_seconds: 90 });
        assert_eq!(strictest([Decision::Allowed, Decision::Allowed]), Decision::Allowed);
    }
}
