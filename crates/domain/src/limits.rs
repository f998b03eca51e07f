//! Abuse limits: the decision of a fixed-window request counter, the storage quota of a client,
//! and how long to wait, in words. The counting itself happens in PostgreSQL (one atomic
//! statement, shared by every API replica); what it returns is decided here.

use chrono::{DateTime, Duration, Utc};

use crate::Message;

/// At most `max` requests per `window`. A `max` of 0 turns the limit off.
///
/// Windows are fixed and aligned on multiples of their length since the Unix epoch: an hourly
/// limit starts again at every full hour, a daily one at midnight UTC (Abidjan's and Dakar's
/// midnight). Up to twice `max` can pass across one boundary; that is the price of one row and
/// one statement per request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max: u32,
    pub window: Duration,
}

/// What to do with the request that made a window's count reach `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    /// Refused: allowed again in this many seconds (at least 1), when the window ends.
    RetryAfter(i64),
}

impl RateLimit {
    pub fn per_hour(max: u32) -> RateLimit {
        RateLimit { max, window: Duration::hours(1) }
    }

    pub fn per_day(max: u32) -> RateLimit {
        RateLimit { max, window: Duration::days(1) }
    }

    /// Whether the limit is turned off (no maximum, or no window).
    pub fn is_off(&self) -> bool {
        self.max == 0 || self.window <= Duration::zero()
    }

    /// The window `now` falls in: `[start, end)`.
    pub fn window_at(&self, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        let length = self.window.num_milliseconds().max(1);
        let millis = now.timestamp_millis();
        // From whole milliseconds: every instant of the window gives the very same start.
        let start = DateTime::from_timestamp_millis(millis - millis.rem_euclid(length)).unwrap_or(now);
        (start, start + Duration::milliseconds(length))
    }

    /// The decision for the request that brought its window's count to `count` (every request is
    /// counted, refused ones included, so parallel requests each see a different count and no more
    /// than `max` of them pass).
    pub fn decide(&self, count: i64, window_end: DateTime<Utc>, now: DateTime<Utc>) -> Decision {
        if self.is_off() || count <= i64::from(self.max) {
            return Decision::Allowed;
        }
        // Rounded up: a client that waits exactly this long lands in the next window.
        let millis = (window_end - now).num_milliseconds();
        Decision::RetryAfter(((millis + 999) / 1000).max(1))
    }
}

/// "12 min" / "3 h" / "2 j": how long to wait, rounded up, for a message.
pub fn wait_text(seconds: i64) -> (String, String) {
    let minutes = (seconds.max(1) + 59) / 60;
    if minutes < 120 {
        return (format!("{minutes} min"), format!("{minutes} min"));
    }
    let hours = (minutes + 59) / 60;
    if hours < 48 {
        return (format!("{hours} h"), format!("{hours} h"));
    }
    let days = (hours + 23) / 24;
    (format!("{days} j"), format!("{days} days"))
}

/// `bytes` in a person's units, French and English: "2 Go" / "2 GB", "750 Mo" / "750 MB",
/// "1,5 Go" / "1.5 GB".
pub fn size_text(bytes: u64) -> (String, String) {
    const MB: f64 = 1024.0 * 1024.0;
    const GB: f64 = MB * 1024.0;
    let (value, fr_unit, en_unit) =
        if bytes as f64 >= GB { (bytes as f64 / GB, "Go", "GB") } else { (bytes as f64 / MB, "Mo", "MB") };
    let rounded = (value * 10.0).round() / 10.0;
    let text = if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") };
    (format!("{} {fr_unit}", text.replace('.', ",")), format!("{text} {en_unit}"))
}

/// A client's storage quota. `quota` of 0: no quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageQuota {
    pub quota: u64,
}

impl StorageQuota {
    /// Whether a new file of `incoming` bytes fits next to the `used` ones; else the message
    /// naming the quota and what is used.
    pub fn check(&self, used: u64, incoming: u64) -> Result<(), Message> {
        if self.quota == 0 || used.saturating_add(incoming) <= self.quota {
            return Ok(());
        }
        let (quota_fr, quota_en) = size_text(self.quota);
        let (used_fr, used_en) = size_text(used);
        let (file_fr, file_en) = size_text(incoming);
        Err(Message::owned(
            format!(
                "Espace de stockage insuffisant : ce fichier ({file_fr}) dépasserait le quota de {quota_fr} \
                 de ce client ({used_fr} déjà utilisés). Supprimez des documents ou contactez NOURX."
            ),
            format!(
                "Not enough storage: this file ({file_en}) would exceed this client's {quota_en} quota \
                 ({used_en} already used). Delete documents or contact NOURX."
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339).expect("date").with_timezone(&Utc)
    }

    #[test]
    fn windows_are_aligned_on_their_length() {
        let hourly = RateLimit::per_hour(5);
        assert_eq!(
            hourly.window_at(at("2026-12-07T14:37:12Z")),
            (at("2026-12-07T14:00:00Z"), at("2026-12-07T15:00:00Z"))
        );
        assert_eq!(
            hourly.window_at(at("2026-12-07T15:00:00Z")),
            (at("2026-12-07T15:00:00Z"), at("2026-12-07T16:00:00Z"))
        );
        let daily = RateLimit::per_day(20);
        assert_eq!(
            daily.window_at(at("2026-12-07T23:59:59Z")),
            (at("2026-12-07T00:00:00Z"), at("2026-12-08T00:00:00Z"))
        );
        // Instants with sub-millisecond parts share the window's exact start.
        let precise = at("2026-12-07T14:37:12.123456789Z");
        assert_eq!(hourly.window_at(precise), hourly.window_at(precise + Duration::nanoseconds(1)));
        assert_eq!(hourly.window_at(precise).0, at("2026-12-07T14:00:00Z"));
        let odd = RateLimit { max: 1, window: Duration::seconds(7) };
        let (start, end) = odd.window_at(at("2026-12-07T14:37:12Z"));
        assert!(start <= at("2026-12-07T14:37:12Z") && at("2026-12-07T14:37:12Z") < end);
        assert_eq!(end - start, Duration::seconds(7));
        assert_eq!(start.timestamp() % 7, 0);
    }

    #[test]
    fn the_first_max_requests_pass_and_the_next_wait_for_the_window_end() {
        let limit = RateLimit::per_hour(3);
        let now = at("2026-12-07T14:37:12Z");
        let (_, end) = limit.window_at(now);
        for count in 1..=3 {
            assert_eq!(limit.decide(count, end, now), Decision::Allowed, "request {count}");
        }
        assert_eq!(limit.decide(4, end, now), Decision::RetryAfter(22 * 60 + 48));
        assert_eq!(limit.decide(400, end, now), Decision::RetryAfter(22 * 60 + 48));
    }

    #[test]
    fn retry_after_is_rounded_up_and_never_zero() {
        let limit = RateLimit::per_hour(1);
        let end = at("2026-12-07T15:00:00Z");
        let almost = end - Duration::milliseconds(1);
        assert_eq!(limit.decide(2, end, almost), Decision::RetryAfter(1));
        assert_eq!(limit.decide(2, end, end), Decision::RetryAfter(1));
        assert_eq!(limit.decide(2, end, end - Duration::milliseconds(1500)), Decision::RetryAfter(2));
    }

    #[test]
    fn a_limit_of_zero_is_off() {
        let off = RateLimit::per_hour(0);
        assert!(off.is_off());
        let now = at("2026-12-07T14:37:12Z");
        assert_eq!(off.decide(1_000_000, now, now), Decision::Allowed);
        assert!(RateLimit { max: 5, window: Duration::zero() }.is_off());
        assert!(!RateLimit::per_day(1).is_off());
    }

    #[test]
    fn waits_read_in_minutes_hours_or_days() {
        assert_eq!(wait_text(1), ("1 min".into(), "1 min".into()));
        assert_eq!(wait_text(60), ("1 min".into(), "1 min".into()));
        assert_eq!(wait_text(61), ("2 min".into(), "2 min".into()));
        assert_eq!(wait_text(119 * 60), ("119 min".into(), "119 min".into()));
        assert_eq!(wait_text(120 * 60), ("2 h".into(), "2 h".into()));
        assert_eq!(wait_text(23 * 3600 + 1), ("24 h".into(), "24 h".into()));
        assert_eq!(wait_text(3 * 86_400), ("3 j".into(), "3 days".into()));
    }

    #[test]
    fn sizes_read_in_megabytes_or_gigabytes() {
        assert_eq!(size_text(2 * 1024 * 1024 * 1024), ("2 Go".into(), "2 GB".into()));
        assert_eq!(size_text(1536 * 1024 * 1024), ("1,5 Go".into(), "1.5 GB".into()));
        assert_eq!(size_text(750 * 1024 * 1024), ("750 Mo".into(), "750 MB".into()));
        assert_eq!(size_text(0), ("0 Mo".into(), "0 MB".into()));
    }

    #[test]
    fn the_quota_counts_what_is_stored_and_the_new_file() {
        let quota = StorageQuota { quota: 1000 };
        assert!(quota.check(0, 1000).is_ok());
        assert!(quota.check(400, 600).is_ok());
        let refused = quota.check(400, 601).expect_err("over the quota");
        assert!(refused.fr.contains("quota") && refused.en.contains("quota"), "{refused:?}");
        let gigabytes = StorageQuota { quota: 2 * 1024 * 1024 * 1024 };
        let refused = gigabytes.check(2 * 1024 * 1024 * 1024 - 10, 1024 * 1024).expect_err("full");
        assert!(refused.fr.contains("2 Go") && refused.en.contains("2 GB"), "{refused:?}");
        assert!(StorageQuota { quota: 0 }.check(u64::MAX, u64::MAX).is_ok(), "0 is no quota");
        assert!(quota.check(u64::MAX, 1).is_err(), "no overflow");
    }
}
