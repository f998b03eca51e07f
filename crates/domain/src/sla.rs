//! Service-level targets for support tickets: how soon NOURX answers, and how soon it resolves,
//! depending on the ticket's priority.

use crate::workflow::{Priority, TicketStatus};
use chrono::{DateTime, TimeDelta, Utc};
use std::time::Duration;

const HOUR: u64 = 60 * 60;

/// How long NOURX has, from the moment a ticket is opened, to answer it and to resolve it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaTargets {
    pub first_response: Duration,
    pub resolution: Duration,
}

/// The targets NOURX promises by default for a ticket of this priority.
///
/// These are wall-clock hours, counted around the clock, weekends and public holidays included:
/// business hours (and the time a ticket spends `pending`, waiting on the client) are not handled
/// yet. They will need the client's time zone and a holiday calendar, which the domain does not
/// have; until then the targets are stricter than they look on paper.
pub fn default_sla(priority: Priority) -> SlaTargets {
    let (first_response_hours, resolution_hours) = match priority {
        Priority::Urgent => (2, 8),
        Priority::High => (4, 24),
        Priority::Normal => (8, 72),
        Priority::Low => (24, 120),
    };
    SlaTargets {
        first_response: Duration::from_secs(first_response_hours * HOUR),
        resolution: Duration::from_secs(resolution_hours * HOUR),
    }
}

/// When a ticket must have been answered and resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaDeadlines {
    pub first_response_due: DateTime<Utc>,
    pub resolution_due: DateTime<Utc>,
}

/// The deadlines of a ticket of `priority` opened at `opened_at` (a change of priority moves
/// them: they are counted from the opening again).
pub fn deadlines(opened_at: DateTime<Utc>, priority: Priority) -> SlaDeadlines {
    let SlaTargets { first_response, resolution } = default_sla(priority);
    // The targets are a few days at most: whole seconds, far inside `TimeDelta`'s range.
    let after = |target: Duration| opened_at + TimeDelta::seconds(target.as_secs() as i64);
    SlaDeadlines { first_response_due: after(first_response), resolution_due: after(resolution) }
}

/// The SLA clocks of a ticket: its deadlines and when each was met, if it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketClocks {
    pub status: TicketStatus,
    pub deadlines: SlaDeadlines,
    pub first_responded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
}

impl TicketClocks {
    /// Whether either deadline was missed, or is being missed at `now`. A deadline not met runs
    /// only while the ticket is open or pending: a ticket closed without an answer stops its clocks.
    pub fn is_breached(&self, now: DateTime<Utc>) -> bool {
        let late = |due: DateTime<Utc>, done: Option<DateTime<Utc>>| {
            (done.is_some() || self.status.is_open()) && is_breached(due, done, now)
        };
        late(self.deadlines.first_response_due, self.first_responded_at)
            || late(self.deadlines.resolution_due, self.resolved_at)
    }
}

/// Whether a deadline was missed. All times are instants of one kind (unix seconds, `DateTime`s).
///
/// Done at `due` exactly, or not done yet while `now` is `due`, is on time: the deadline is the
/// last instant that still counts. Once something is done, `now` no longer matters, so a late answer
/// stays breached and an on-time one never becomes breached.
pub fn is_breached<T: PartialOrd>(due: T, done_at: Option<T>, now: T) -> bool {
    match done_at {
        Some(done_at) => done_at > due,
        None => now > due,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_targets_for_every_priority() {
        let expected =
            [(Priority::Low, 24, 120), (Priority::Normal, 8, 72), (Priority::High, 4, 24), (Priority::Urgent, 2, 8)];
        assert_eq!(expected.map(|(p, _, _)| p).as_slice(), Priority::ALL);
        for (priority, first_response_hours, resolution_hours) in expected {
            let targets = default_sla(priority);
            assert_eq!(targets.first_response, Duration::from_secs(first_response_hours * 3600), "{priority:?}");
            assert_eq!(targets.resolution, Duration::from_secs(resolution_hours * 3600), "{priority:?}");
        }
    }

    #[test]
    fn higher_priorities_never_get_longer_targets() {
        for pair in Priority::ALL.windows(2) {
            let (lower, higher) = (default_sla(pair[0]), default_sla(pair[1]));
            assert!(higher.first_response < lower.first_response);
            assert!(higher.resolution < lower.resolution);
        }
        for priority in Priority::ALL {
            let targets = default_sla(*priority);
            assert!(targets.first_response < targets.resolution, "{priority:?}");
        }
    }

    #[test]
    fn deadlines_count_from_the_opening() {
        let opened_at = DateTime::<Utc>::from_timestamp(1_760_000_000, 0).expect("a valid instant");
        let urgent = deadlines(opened_at, Priority::Urgent);
        assert_eq!(urgent.first_response_due, opened_at + TimeDelta::hours(2));
        assert_eq!(urgent.resolution_due, opened_at + TimeDelta::hours(8));
        let low = deadlines(opened_at, Priority::Low);
        assert_eq!(low.first_response_due, opened_at + TimeDelta::hours(24));
        assert_eq!(low.resolution_due, opened_at + TimeDelta::days(5));
    }

    #[test]
    fn a_ticket_is_breached_by_a_deadline_missed_while_open_or_met_late() {
        let opened_at = DateTime::<Utc>::from_timestamp(1_760_000_000, 0).expect("a valid instant");
        let clocks = |status, first_responded_at, resolved_at| TicketClocks {
            status,
            deadlines: deadlines(opened_at, Priority::Normal),
            first_responded_at,
            resolved_at,
        };
        let (in_an_hour, after_8h, after_3_days) =
            (opened_at + TimeDelta::hours(1), opened_at + TimeDelta::hours(9), opened_at + TimeDelta::days(4));
        assert!(!clocks(TicketStatus::Open, None, None).is_breached(in_an_hour));
        assert!(clocks(TicketStatus::Open, None, None).is_breached(after_8h));
        assert!(clocks(TicketStatus::Pending, None, None).is_breached(after_8h));
        assert!(!clocks(TicketStatus::Open, Some(in_an_hour), None).is_breached(after_8h));
        assert!(clocks(TicketStatus::Open, Some(after_8h), None).is_breached(after_8h), "answered late");
        assert!(clocks(TicketStatus::Pending, Some(in_an_hour), None).is_breached(after_3_days));
        assert!(!clocks(TicketStatus::Resolved, Some(in_an_hour), Some(after_8h)).is_breached(after_3_days));
        assert!(clocks(TicketStatus::Resolved, Some(in_an_hour), Some(after_3_days)).is_breached(after_3_days));
        // Closed without an answer: the clocks stopped.
        assert!(!clocks(TicketStatus::Closed, None, None).is_breached(after_3_days));
    }

    #[test]
    fn open_item_is_breached_only_after_its_deadline() {
        let due = 1_760_000_000;
        assert!(!is_breached(due, None, due - 1));
        assert!(!is_breached(due, None, due));
        assert!(is_breached(due, None, due + 1));
    }

    #[test]
    fn done_item_is_judged_by_when_it_was_done() {
        let due = 1_760_000_000;
        assert!(!is_breached(due, Some(due - 3600), due + 86_400));
        assert!(!is_breached(due, Some(due), due + 1));
        assert!(is_breached(due, Some(due + 1), due + 1));
        assert!(is_breached(due, Some(due + 1), due - 10), "a late answer stays breached even if the clock is behind");
    }

    #[test]
    fn works_before_the_epoch_and_at_the_extremes() {
        assert!(is_breached(-10, None, 0));
        assert!(!is_breached(i64::MAX, None, i64::MAX));
        assert!(is_breached(i64::MIN, Some(i64::MIN + 1), i64::MIN));
    }
}

/// How a policy counts its targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    /// Only the open hours of the schedule, holidays excluded.
    BusinessHours,
    /// Around the clock.
    CalendarHours,
}

/// An SLA policy: the targets per priority, how they are counted, and whether the clocks stop
/// while the ticket waits for the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaPolicy {
    pub urgent: SlaTargets,
    pub high: SlaTargets,
    pub normal: SlaTargets,
    pub low: SlaTargets,
    pub counting: Counting,
    pub pause_while_waiting: bool,
}

impl Default for SlaPolicy {
    /// Today's promise: the default targets around the clock, waiting counted.
    fn default() -> Self {
        SlaPolicy {
            urgent: default_sla(Priority::Urgent),
            high: default_sla(Priority::High),
            normal: default_sla(Priority::Normal),
            low: default_sla(Priority::Low),
            counting: Counting::CalendarHours,
            pause_while_waiting: false,
        }
    }
}

impl SlaPolicy {
    pub fn targets(&self, priority: Priority) -> SlaTargets {
        match priority {
            Priority::Urgent => self.urgent,
            Priority::High => self.high,
            Priority::Normal => self.normal,
            Priority::Low => self.low,
        }
    }
}

/// Where a ticket's clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Done by its deadline.
    Met,
    /// Done late, or not done and past its deadline.
    Breached,
    /// Less than a quarter of the allowed time left.
    AtRisk,
    OnTrack,
    /// Waiting for the client, the policy stopping the clock.
    Paused,
}

/// The part of the allowed time below which a clock is at risk: a quarter.
pub const AT_RISK_SHARE: (i32, i32) = (1, 4);

/// The state of one clock (first response or resolution) of a ticket opened at `opened_at`.
/// `pauses`: the spans waiting for the client (ignored unless the policy pauses).
pub fn clock_state<Tz: chrono::TimeZone>(
    policy: &SlaPolicy,
    calendar: (&crate::business_hours::Schedule, &Tz),
    opened_at: DateTime<Utc>,
    target: Duration,
    done_at: Option<DateTime<Utc>>,
    pauses: &[crate::business_hours::Pause],
    now: DateTime<Utc>,
) -> ClockState {
    use crate::business_hours::{Schedule, deadline, open_time_between};
    let always = Schedule::always_open();
    let (schedule, tz) = calendar;
    let schedule = if policy.counting == Counting::BusinessHours { schedule } else { &always };
    let pauses = if policy.pause_while_waiting { pauses } else { &[] };
    let target = TimeDelta::seconds(i64::try_from(target.as_secs()).unwrap_or(i64::MAX / 1_000));
    let due = deadline(schedule, tz, opened_at, target, pauses);
    match (done_at, due) {
        (Some(done), Some(due)) if done > due => ClockState::Breached,
        (Some(_), _) => ClockState::Met,
        (None, None) => ClockState::Paused,
        (None, Some(due)) if now > due => ClockState::Breached,
        (None, Some(_)) => {
            let used = open_time_between(schedule, tz, opened_at, now, pauses);
            let left = target - used;
            if left * AT_RISK_SHARE.1 < target * AT_RISK_SHARE.0 { ClockState::AtRisk } else { ClockState::OnTrack }
        }
    }
}

#[cfg(test)]
mod policy_tests {
    use super::*;
    use crate::business_hours::{Pause, Schedule};

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).expect("an instant").with_timezone(&Utc)
    }

    #[test]
    fn a_clock_is_on_track_at_risk_breached_met_or_paused() {
        let business =
            SlaPolicy { counting: Counting::BusinessHours, pause_while_waiting: true, ..SlaPolicy::default() };
        let week = Schedule::office_week();
        let calendar = (&week, &Utc);
        let monday = at("2026-12-07T08:00:00Z");
        let four_hours = Duration::from_secs(4 * 3600);
        let state = |done: Option<&str>, now: &str, pauses: &[Pause]| {
            clock_state(&business, calendar, monday, four_hours, done.map(at), pauses, at(now))
        };
        assert_eq!(state(None, "2026-12-07T10:00:00Z", &[]), ClockState::OnTrack);
        assert_eq!(state(None, "2026-12-07T11:30:00Z", &[]), ClockState::AtRisk, "30 min of 4 h left");
        assert_eq!(state(None, "2026-12-07T12:00:00Z", &[]), ClockState::AtRisk, "the deadline itself still counts");
        assert_eq!(state(None, "2026-12-07T12:00:01Z", &[]), ClockState::Breached);
        assert_eq!(state(Some("2026-12-07T11:59:00Z"), "2026-12-09T00:00:00Z", &[]), ClockState::Met);
        assert_eq!(state(Some("2026-12-07T13:00:00Z"), "2026-12-07T13:00:00Z", &[]), ClockState::Breached);
        let waiting = [Pause { from: at("2026-12-07T09:00:00Z"), until: None }];
        assert_eq!(state(None, "2026-12-08T09:00:00Z", &waiting), ClockState::Paused);
        // The same ticket under calendar hours without pauses: breached by then.
        let calendar_policy = SlaPolicy::default();
        let breached =
            clock_state(&calendar_policy, calendar, monday, four_hours, None, &waiting, at("2026-12-08T09:00:00Z"));
        assert_eq!(breached, ClockState::Breached);
    }

    #[test]
    fn the_default_policy_keeps_today_s_targets() {
        for priority in Priority::ALL {
            assert_eq!(SlaPolicy::default().targets(*priority), default_sla(*priority));
        }
    }
}
