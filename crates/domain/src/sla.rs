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
    /// Closed before it was done: the clock stopped without a verdict.
    Stopped,
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

/// Which of a ticket's two clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    FirstResponse,
    Resolution,
}

/// When a ticket's clocks run out, and when less than a quarter of each target is left: what a
/// ticket row stores, so that lists and alerts read states without redoing the arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaPlan {
    pub first_response_due: DateTime<Utc>,
    pub first_response_risk_at: DateTime<Utc>,
    pub resolution_due: DateTime<Utc>,
    pub resolution_risk_at: DateTime<Utc>,
}

/// The plan of a ticket of `priority` opened at `opened_at` under `policy`, the clocks stopped
/// during `pauses` (ignored unless the policy pauses; an unfinished pause is ignored too: the plan
/// is computed again when it ends). A schedule without open hours counts calendar hours.
pub fn plan<Tz: chrono::TimeZone>(
    policy: &SlaPolicy,
    calendar: (&crate::business_hours::Schedule, &Tz),
    opened_at: DateTime<Utc>,
    priority: Priority,
    pauses: &[crate::business_hours::Pause],
) -> SlaPlan {
    use crate::business_hours::{Schedule, deadline};
    let always = Schedule::always_open();
    let (schedule, tz) = calendar;
    let schedule = if policy.counting == Counting::BusinessHours { schedule } else { &always };
    let closed: Vec<_> = if policy.pause_while_waiting {
        pauses.iter().filter(|p| p.until.is_some()).copied().collect()
    } else {
        vec![]
    };
    let seconds = |target: Duration| TimeDelta::seconds(i64::try_from(target.as_secs()).unwrap_or(i64::MAX / 1_000));
    let at = |share: TimeDelta| {
        deadline(schedule, tz, opened_at, share, &closed)
            .or_else(|| deadline(&always, tz, opened_at, share, &closed))
            .unwrap_or(opened_at + share)
    };
    let risk_share = |target: TimeDelta| target - target * AT_RISK_SHARE.0 / AT_RISK_SHARE.1;
    let SlaTargets { first_response, resolution } = policy.targets(priority);
    let (first_response, resolution) = (seconds(first_response), seconds(resolution));
    SlaPlan {
        first_response_due: at(first_response),
        first_response_risk_at: at(risk_share(first_response)),
        resolution_due: at(resolution),
        resolution_risk_at: at(risk_share(resolution)),
    }
}

/// The plan of the built-in default policy: calendar hours, no pause (demo data, tickets opened
/// before policies existed).
pub fn default_plan(opened_at: DateTime<Utc>, priority: Priority) -> SlaPlan {
    let always = crate::business_hours::Schedule::always_open();
    plan(&SlaPolicy::default(), (&always, &Utc), opened_at, priority, &[])
}

/// One clock of a ticket as its row stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredClock {
    pub due: DateTime<Utc>,
    pub risk_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

/// The state of a stored clock at `now`, for a ticket in `status`, `paused` or not. A clock not
/// done runs only while the ticket is open or pending.
pub fn stored_clock_state(clock: StoredClock, status: TicketStatus, paused: bool, now: DateTime<Utc>) -> ClockState {
    match clock.done_at {
        Some(done) if done > clock.due => ClockState::Breached,
        Some(_) => ClockState::Met,
        None if !status.is_open() => ClockState::Stopped,
        None if paused => ClockState::Paused,
        None if now > clock.due => ClockState::Breached,
        None if now > clock.risk_at => ClockState::AtRisk,
        None => ClockState::OnTrack,
    }
}

/// An alert the SLA job sends about one clock, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaAlert {
    AtRisk(Clock),
    Breached(Clock),
}

impl SlaAlert {
    /// The event recorded when it is sent (unique per ticket: an alert goes out once).
    pub fn event_kind(self) -> &'static str {
        match self {
            SlaAlert::AtRisk(Clock::FirstResponse) => "first_response_at_risk",
            SlaAlert::Breached(Clock::FirstResponse) => "first_response_breached",
            SlaAlert::AtRisk(Clock::Resolution) => "resolution_at_risk",
            SlaAlert::Breached(Clock::Resolution) => "resolution_breached",
        }
    }
}

/// The alert a clock in `state` calls for: at risk, or breached while still running (a clock met
/// late was already alerted as breached when it ran out, or never ran out under the job).
pub fn alert_for(clock: Clock, state: ClockState) -> Option<SlaAlert> {
    match state {
        ClockState::AtRisk => Some(SlaAlert::AtRisk(clock)),
        ClockState::Breached => Some(SlaAlert::Breached(clock)),
        ClockState::Met | ClockState::OnTrack | ClockState::Paused | ClockState::Stopped => None,
    }
}

/// The pauses in a ticket's history of `(paused?, at)` marks, oldest first: each pause ends at the
/// next resumption (an unfinished one has no end).
pub fn pauses_from(marks: &[(bool, DateTime<Utc>)]) -> Vec<crate::business_hours::Pause> {
    let mut pauses: Vec<crate::business_hours::Pause> = Vec::new();
    for (paused, at) in marks {
        match (paused, pauses.last_mut()) {
            (true, Some(last)) if last.until.is_none() => {}
            (true, _) => pauses.push(crate::business_hours::Pause { from: *at, until: None }),
            (false, Some(last)) if last.until.is_none() => last.until = Some(*at),
            (false, _) => {}
        }
    }
    pauses
}

/// The longest target a policy may set: 60 days.
pub const TARGET_MAX_MINUTES: u32 = 60 * 24 * 60;

/// Why a policy's targets for one priority are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetRefusal {
    /// Zero, or over [`TARGET_MAX_MINUTES`].
    OutOfRange,
    /// Resolving before answering.
    ResolutionBeforeFirstResponse,
}

impl TargetRefusal {
    pub fn message(self) -> crate::Message {
        match self {
            TargetRefusal::OutOfRange => {
                crate::Message::new("Entre 1 minute et 60 jours.", "Between 1 minute and 60 days.")
            }
            TargetRefusal::ResolutionBeforeFirstResponse => crate::Message::new(
                "Le délai de résolution ne peut pas être plus court que celui de première réponse.",
                "The resolution target cannot be shorter than the first-response one.",
            ),
        }
    }
}

/// Checks the targets of one priority, in minutes: `(field, refusal)` for each problem.
pub fn check_targets(first_response: u32, resolution: u32) -> Vec<(&'static str, TargetRefusal)> {
    let in_range = |minutes: u32| (1..=TARGET_MAX_MINUTES).contains(&minutes);
    let mut refusals = Vec::new();
    if !in_range(first_response) {
        refusals.push(("first_response_minutes", TargetRefusal::OutOfRange));
    }
    if !in_range(resolution) {
        refusals.push(("resolution_minutes", TargetRefusal::OutOfRange));
    } else if in_range(first_response) && resolution < first_response {
        refusals.push(("resolution_minutes", TargetRefusal::ResolutionBeforeFirstResponse));
    }
    refusals
}

/// What a change of status does to a ticket's pause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseMove {
    /// Waiting for the client under a pausing policy: the clocks stop.
    Pause,
    /// No longer waiting: the clocks run again, their deadlines pushed by the pause.
    Resume,
    Keep,
}

/// The pause move of a ticket going to `to`, `paused` or not, under a policy that pauses or not.
pub fn pause_move(policy_pauses: bool, paused: bool, to: TicketStatus) -> PauseMove {
    match (paused, to) {
        (true, TicketStatus::Pending) => PauseMove::Keep,
        (true, _) => PauseMove::Resume,
        (false, TicketStatus::Pending) if policy_pauses => PauseMove::Pause,
        (false, _) => PauseMove::Keep,
    }
}

#[cfg(test)]
mod plan_tests {
    use super::*;
    use crate::business_hours::{Pause, Schedule};

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).expect("an instant").with_timezone(&Utc)
    }

    fn business() -> SlaPolicy {
        SlaPolicy { counting: Counting::BusinessHours, pause_while_waiting: true, ..SlaPolicy::default() }
    }

    #[test]
    fn the_default_policy_plans_today_s_calendar_deadlines() {
        let opened = at("2026-12-05T20:00:00Z");
        let week = Schedule::office_week();
        let plan = plan(&SlaPolicy::default(), (&week, &Utc), opened, Priority::Urgent, &[]);
        assert_eq!(plan.first_response_due, deadlines(opened, Priority::Urgent).first_response_due);
        assert_eq!(plan.resolution_due, deadlines(opened, Priority::Urgent).resolution_due);
        assert_eq!(plan.first_response_risk_at, opened + TimeDelta::minutes(90), "a quarter of 2 h left");
    }

    #[test]
    fn business_hours_skip_the_weekend_and_the_holidays() {
        // Friday 2026-12-04 17:00 in Abidjan, urgent: 1 h on Friday, 4 h on Saturday morning, 3 h on
        // Monday — but Monday is a holiday here, so Tuesday 11:00.
        let mut week = Schedule::office_week();
        week.holidays.insert(chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date"));
        let tz: chrono_tz::Tz = "Africa/Abidjan".parse().expect("a zone");
        let plan = plan(&business(), (&week, &tz), at("2026-12-04T17:00:00Z"), Priority::Urgent, &[]);
        assert_eq!(plan.first_response_due, at("2026-12-05T10:00:00Z"), "2 h: 1 on Friday, 1 on Saturday");
        assert_eq!(plan.resolution_due, at("2026-12-08T11:00:00Z"), "8 h: 1 + 4, then Tuesday 08:00–11:00");
    }

    #[test]
    fn the_end_of_the_year_and_other_time_zones() {
        let mut week = Schedule::office_week();
        for day in [(2026, 12, 25), (2027, 1, 1)] {
            week.holidays.insert(chrono::NaiveDate::from_ymd_opt(day.0, day.1, day.2).expect("a date"));
        }
        let tz: chrono_tz::Tz = "Africa/Lagos".parse().expect("a zone");
        // Thursday 31/12 17:00 Lagos (16:00 UTC), low: 24 h of work: 1 h on the 31st, the 1st is a
        // holiday, 4 h on Saturday 2nd, 10 h Monday 4th, 9 h Tuesday 5th until 17:00 Lagos.
        let plan = plan(&business(), (&week, &tz), at("2026-12-31T16:00:00Z"), Priority::Low, &[]);
        assert_eq!(plan.first_response_due, at("2027-01-05T16:00:00Z"));
    }

    #[test]
    fn finished_pauses_push_the_deadlines_and_unfinished_ones_wait() {
        let week = Schedule::office_week();
        let opened = at("2026-12-07T08:00:00Z");
        let finished = [Pause { from: at("2026-12-07T09:00:00Z"), until: Some(at("2026-12-07T11:00:00Z")) }];
        let paused = plan(&business(), (&week, &Utc), opened, Priority::Urgent, &finished);
        assert_eq!(paused.first_response_due, at("2026-12-07T12:00:00Z"));
        let waiting = [Pause { from: at("2026-12-07T09:00:00Z"), until: None }];
        let unfinished = plan(&business(), (&week, &Utc), opened, Priority::Urgent, &waiting);
        assert_eq!(unfinished.first_response_due, at("2026-12-07T10:00:00Z"));
        let no_pauses = SlaPolicy { pause_while_waiting: false, ..business() };
        assert_eq!(
            plan(&no_pauses, (&week, &Utc), opened, Priority::Urgent, &finished).first_response_due,
            at("2026-12-07T10:00:00Z")
        );
    }

    #[test]
    fn a_stored_clock_reads_its_state() {
        let clock = StoredClock { due: at("2026-12-07T12:00:00Z"), risk_at: at("2026-12-07T11:00:00Z"), done_at: None };
        let state = |clock, status, paused, now| stored_clock_state(clock, status, paused, at(now));
        assert_eq!(state(clock, TicketStatus::Open, false, "2026-12-07T10:00:00Z"), ClockState::OnTrack);
        assert_eq!(state(clock, TicketStatus::Open, false, "2026-12-07T11:00:00Z"), ClockState::OnTrack);
        assert_eq!(state(clock, TicketStatus::Open, false, "2026-12-07T11:00:01Z"), ClockState::AtRisk);
        assert_eq!(state(clock, TicketStatus::Open, false, "2026-12-07T12:00:00Z"), ClockState::AtRisk);
        assert_eq!(state(clock, TicketStatus::Open, false, "2026-12-07T12:00:01Z"), ClockState::Breached);
        assert_eq!(state(clock, TicketStatus::Pending, true, "2026-12-08T00:00:00Z"), ClockState::Paused);
        assert_eq!(state(clock, TicketStatus::Closed, false, "2026-12-08T00:00:00Z"), ClockState::Stopped);
        let met = StoredClock { done_at: Some(at("2026-12-07T12:00:00Z")), ..clock };
        assert_eq!(state(met, TicketStatus::Closed, false, "2026-12-09T00:00:00Z"), ClockState::Met);
        let late = StoredClock { done_at: Some(at("2026-12-07T12:00:01Z")), ..clock };
        assert_eq!(state(late, TicketStatus::Resolved, false, "2026-12-07T12:00:01Z"), ClockState::Breached);
    }

    #[test]
    fn alerts_follow_the_state() {
        assert_eq!(alert_for(Clock::FirstResponse, ClockState::AtRisk), Some(SlaAlert::AtRisk(Clock::FirstResponse)));
        assert_eq!(alert_for(Clock::Resolution, ClockState::Breached), Some(SlaAlert::Breached(Clock::Resolution)));
        for quiet in [ClockState::Met, ClockState::OnTrack, ClockState::Paused, ClockState::Stopped] {
            assert_eq!(alert_for(Clock::Resolution, quiet), None);
        }
        assert_eq!(SlaAlert::Breached(Clock::FirstResponse).event_kind(), "first_response_breached");
    }

    #[test]
    fn waiting_pauses_only_under_a_pausing_policy_and_anything_else_resumes() {
        assert_eq!(pause_move(true, false, TicketStatus::Pending), PauseMove::Pause);
        assert_eq!(pause_move(false, false, TicketStatus::Pending), PauseMove::Keep);
        assert_eq!(pause_move(true, true, TicketStatus::Pending), PauseMove::Keep);
        for to in [TicketStatus::Open, TicketStatus::Resolved, TicketStatus::Closed] {
            assert_eq!(pause_move(true, true, to), PauseMove::Resume, "{to:?}");
            assert_eq!(pause_move(false, true, to), PauseMove::Resume, "policy changed meanwhile: {to:?}");
            assert_eq!(pause_move(true, false, to), PauseMove::Keep, "{to:?}");
        }
    }

    #[test]
    fn targets_are_within_sixty_days_and_resolution_comes_last() {
        assert!(check_targets(60, 60).is_empty());
        assert_eq!(check_targets(0, 60), vec![("first_response_minutes", TargetRefusal::OutOfRange)]);
        assert_eq!(check_targets(60, TARGET_MAX_MINUTES + 1), vec![("resolution_minutes", TargetRefusal::OutOfRange)]);
        assert_eq!(check_targets(120, 60), vec![("resolution_minutes", TargetRefusal::ResolutionBeforeFirstResponse)]);
        assert!(check_targets(TARGET_MAX_MINUTES, TARGET_MAX_MINUTES).is_empty());
    }

    #[test]
    fn pauses_pair_each_wait_with_its_end() {
        let (a, b, c) = (at("2026-12-07T09:00:00Z"), at("2026-12-07T10:00:00Z"), at("2026-12-07T11:00:00Z"));
        assert_eq!(
            pauses_from(&[(true, a), (true, b), (false, c), (false, c), (true, c)]),
            vec![Pause { from: a, until: Some(c) }, Pause { from: c, until: None }]
        );
        assert!(pauses_from(&[(false, a)]).is_empty());
    }
}
