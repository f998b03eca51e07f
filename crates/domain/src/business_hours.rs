//! Time counted in business hours: a weekly schedule in a time zone, public holidays, and the
//! spans a ticket's clock is paused (waiting for the client). SLA deadlines are computed here.
//!
//! Calendar hours are the schedule open around the clock every day ([`Schedule::always_open`]),
//! so both ways of counting share one piece of arithmetic.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};

/// The longest search for open time: ten years of closed days means a schedule with no hours.
const SEARCH_DAYS: u32 = 3_660;

/// The hours of one day of the week, local time: `open..close` (close after open; `24:00` is
/// written as `None` for "until midnight").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayHours {
    pub open: NaiveTime,
    /// `None`: until the end of the day.
    pub close: Option<NaiveTime>,
}

/// When NOURX works: hours per day of the week (Monday first) and the days it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub week: [Option<DayHours>; 7],
    pub holidays: BTreeSet<NaiveDate>,
}

impl Schedule {
    /// Every hour of every day: calendar hours.
    pub fn always_open() -> Schedule {
        let all_day = Some(DayHours { open: NaiveTime::MIN, close: None });
        Schedule { week: [all_day; 7], holidays: BTreeSet::new() }
    }

    /// Monday to Friday 08:00–18:00, Saturday 09:00–13:00: an Abidjan agency's week.
    pub fn office_week() -> Schedule {
        let hours = |open: u32, close: u32| {
            Some(DayHours {
                open: NaiveTime::from_hms_opt(open, 0, 0).unwrap_or(NaiveTime::MIN),
                close: NaiveTime::from_hms_opt(close, 0, 0),
            })
        };
        let weekday = hours(8, 18);
        Schedule { week: [weekday, weekday, weekday, weekday, weekday, hours(9, 13), None], holidays: BTreeSet::new() }
    }

    /// The open span of `day` in local time, or `None` when closed.
    fn hours_on(&self, day: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        if self.holidays.contains(&day) {
            return None;
        }
        let hours = self.week[day.weekday().num_days_from_monday() as usize]?;
        let open = day.and_time(hours.open);
        let close = match hours.close {
            Some(close) => day.and_time(close),
            None => day.checked_add_days(Days::new(1))?.and_time(NaiveTime::MIN),
        };
        (close > open).then_some((open, close))
    }
}

/// A span the clock stood still; `until: None` while it still does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub from: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

/// The instant of a local time in `tz`; in a gap of a daylight-saving change, the first instant
/// after it.
fn instant<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    (0..=2)
        .find_map(|hours| tz.from_local_datetime(&(local + TimeDelta::hours(hours))).earliest())
        .map(|at| at.with_timezone(&Utc))
}

/// The open spans of the schedule as instants, from the day of `start` on, each cut to start no
/// earlier than `start`.
fn open_spans<'a, Tz: TimeZone>(
    schedule: &'a Schedule,
    tz: &'a Tz,
    start: DateTime<Utc>,
) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + 'a {
    // A day earlier than the local date: a span that began yesterday may still be open.
    let first_day = start.with_timezone(tz).date_naive().pred_opt().unwrap_or(NaiveDate::MIN);
    first_day
        .iter_days()
        .take(SEARCH_DAYS as usize)
        .filter_map(move |day| {
            let (open, close) = schedule.hours_on(day)?;
            Some((instant(tz, open)?, instant(tz, close)?))
        })
        .filter_map(move |(open, close)| {
            let open = open.max(start);
            (close > open).then_some((open, close))
        })
}

/// `spans` minus the pauses (sorted or not).
fn without_pauses(span: (DateTime<Utc>, DateTime<Utc>), pauses: &[Pause]) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut pieces = vec![span];
    for pause in pauses {
        let until = pause.until.unwrap_or(DateTime::<Utc>::MAX_UTC);
        pieces = pieces
            .into_iter()
            .flat_map(|(from, to)| {
                if until <= from || pause.from >= to {
                    vec![(from, to)]
                } else {
                    [(from, pause.from), (until, to)].into_iter().filter(|(a, b)| b > a).collect()
                }
            })
            .collect();
    }
    pieces
}

/// When `duration` of open time has passed since `start`, not counting closed hours, holidays or
/// pauses: a deadline. `None` when the clock is paused for good (a pause without end before the
/// time is used up) or the schedule has no open hours.
pub fn deadline<Tz: TimeZone>(
    schedule: &Schedule,
    tz: &Tz,
    start: DateTime<Utc>,
    duration: TimeDelta,
    pauses: &[Pause],
) -> Option<DateTime<Utc>> {
    let mut left = duration.max(TimeDelta::zero());
    for span in open_spans(schedule, tz, start) {
        for (from, to) in without_pauses(span, pauses) {
            let length = to - from;
            if left <= length {
                return Some(from + left);
            }
            left -= length;
        }
        // A pause that never ends, once reached, stops the clock for good.
        if pauses.iter().any(|p| p.until.is_none() && p.from <= span.1) {
            return None;
        }
    }
    None
}

/// The open time between `from` and `to` (zero when `to` is earlier), pauses not counted: how
/// much of a target has been used.
pub fn open_time_between<Tz: TimeZone>(
    schedule: &Schedule,
    tz: &Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    pauses: &[Pause],
) -> TimeDelta {
    let mut total = TimeDelta::zero();
    for span in open_spans(schedule, tz, from).take_while(|(open, _)| *open < to) {
        for (a, b) in without_pauses(span, pauses) {
            let b = b.min(to);
            if b > a {
                total += b - a;
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;
    use proptest::prelude::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).expect("an instant").with_timezone(&Utc)
    }

    fn hours(h: i64) -> TimeDelta {
        TimeDelta::hours(h)
    }

    #[test]
    fn calendar_hours_are_plain_addition() {
        let start = at("2026-12-31T22:30:00Z");
        assert_eq!(deadline(&Schedule::always_open(), &Utc, start, hours(8), &[]), Some(at("2027-01-01T06:30:00Z")));
    }

    #[test]
    fn business_hours_skip_nights_weekends_and_holidays() {
        let mut week = Schedule::office_week();
        // Friday 17:00 + 4 h: 1 h on Friday, 4 h on Saturday 09–13 → Saturday 12:00.
        let friday = at("2026-12-04T17:00:00Z");
        assert_eq!(deadline(&week, &Utc, friday, hours(4), &[]), Some(at("2026-12-05T12:00:00Z")));
        // 8 h: Friday 1 h, Saturday 4 h, Sunday closed, Monday 3 h → Monday 11:00.
        assert_eq!(deadline(&week, &Utc, friday, hours(8), &[]), Some(at("2026-12-07T11:00:00Z")));
        // Opened on a Sunday night: counts from Monday 08:00.
        assert_eq!(deadline(&week, &Utc, at("2026-12-06T23:00:00Z"), hours(2), &[]), Some(at("2026-12-07T10:00:00Z")));
        // Christmas (Friday) and the New Year are holidays in Côte d'Ivoire.
        week.holidays
            .extend([NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()]);
        let christmas_eve = at("2026-12-24T16:00:00Z");
        assert_eq!(deadline(&week, &Utc, christmas_eve, hours(4), &[]), Some(at("2026-12-26T11:00:00Z")));
        let new_year_eve = at("2026-12-31T17:30:00Z");
        assert_eq!(deadline(&week, &Utc, new_year_eve, hours(2), &[]), Some(at("2027-01-02T10:30:00Z")));
    }

    #[test]
    fn a_pause_moves_the_deadline_and_an_open_pause_stops_it() {
        let week = Schedule::office_week();
        let monday = at("2026-12-07T08:00:00Z");
        let waiting = Pause { from: at("2026-12-07T09:00:00Z"), until: Some(at("2026-12-07T11:00:00Z")) };
        assert_eq!(deadline(&week, &Utc, monday, hours(4), &[waiting]), Some(at("2026-12-07T14:00:00Z")));
        let open_ended = Pause { until: None, ..waiting };
        assert_eq!(deadline(&week, &Utc, monday, hours(4), &[open_ended]), None);
        // Used up before the open pause began: the deadline stands.
        assert_eq!(deadline(&week, &Utc, monday, hours(1), &[open_ended]), Some(at("2026-12-07T09:00:00Z")));
        assert_eq!(open_time_between(&week, &Utc, monday, at("2026-12-07T13:00:00Z"), &[waiting]), hours(3));
    }

    #[test]
    fn local_hours_in_another_time_zone() {
        // Lagos is UTC+1 all year: 08:00 there is 07:00 UTC.
        let lagos = FixedOffset::east_opt(3600).unwrap();
        let monday_early = at("2026-12-07T06:00:00Z");
        assert_eq!(
            deadline(&Schedule::office_week(), &lagos, monday_early, hours(1), &[]),
            Some(at("2026-12-07T08:00:00Z"))
        );
    }

    #[test]
    fn a_schedule_without_hours_never_gives_a_deadline() {
        let closed = Schedule { week: [None; 7], holidays: BTreeSet::new() };
        assert_eq!(deadline(&closed, &Utc, at("2026-12-07T08:00:00Z"), hours(1), &[]), None);
    }

    fn schedules() -> impl Strategy<Value = Schedule> {
        let day = prop::option::of((0u32..20, 1u32..=4)).prop_map(|hours| {
            hours.map(|(open, length)| DayHours {
                open: NaiveTime::from_hms_opt(open, 0, 0).unwrap(),
                close: NaiveTime::from_hms_opt(open + length, 0, 0),
            })
        });
        (prop::array::uniform7(day), prop::collection::btree_set(0u64..60, 0..6)).prop_map(|(mut week, offsets)| {
            week[0] = Some(DayHours {
                open: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
                close: NaiveTime::from_hms_opt(18, 0, 0),
            });
            let base = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
            let holidays = offsets.into_iter().filter_map(|d| base.checked_add_days(Days::new(d))).collect();
            Schedule { week, holidays }
        })
    }

    proptest! {
        #[test]
        fn never_earlier_than_calendar_time_and_stable(
            schedule in schedules(),
            start_minutes in 0i64..(60 * 24 * 45),
            target_minutes in 0i64..(60 * 24 * 5),
            pause in prop::option::of((0i64..(60 * 24 * 10), 1i64..(60 * 24 * 2))),
        ) {
            let start = at("2026-12-01T00:00:00Z") + TimeDelta::minutes(start_minutes);
            let target = TimeDelta::minutes(target_minutes);
            let pauses: Vec<Pause> = pause
                .map(|(from, length)| {
                    let from = start + TimeDelta::minutes(from);
                    Pause { from, until: Some(from + TimeDelta::minutes(length)) }
                })
                .into_iter()
                .collect();
            let due = deadline(&schedule, &Utc, start, target, &pauses).expect("Mondays are open");
            prop_assert!(due >= start + target, "{due} is before the calendar minimum");
            prop_assert_eq!(Some(due), deadline(&schedule, &Utc, start, target, &pauses), "the same inputs, the same deadline");
            prop_assert_eq!(open_time_between(&schedule, &Utc, start, due, &pauses), target, "the target is used exactly");
            let longer = deadline(&schedule, &Utc, start, target + TimeDelta::minutes(1), &pauses).expect("open");
            prop_assert!(longer > due);
        }
    }
}
