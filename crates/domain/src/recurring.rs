//! Recurring invoices: a template issued on a rhythm from its start date. The n-th period's date
//! is always computed from the start (the 31st stays the last day of shorter months, and comes
//! back to the 31st after), never from the previous period, so dates do not drift.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::i18n::Message;

#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rhythm {
    Monthly,
    Quarterly,
    Yearly,
}

impl Rhythm {
    pub const ALL: [Rhythm; 3] = [Self::Monthly, Self::Quarterly, Self::Yearly];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
            Self::Yearly => "yearly",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|rhythm| rhythm.as_str() == s)
    }

    fn months(self) -> u32 {
        match self {
            Self::Monthly => 1,
            Self::Quarterly => 3,
            Self::Yearly => 12,
        }
    }
}

/// Where a template stands.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecurringStatus {
    Active,
    /// Nothing is issued until it is resumed; missed periods are skipped, not caught up.
    Paused,
    /// Stopped by staff: never issues again.
    Stopped,
    /// Past its end date.
    Finished,
}

impl RecurringStatus {
    pub const ALL: [RecurringStatus; 4] = [Self::Active, Self::Paused, Self::Stopped, Self::Finished];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Paused => "paused",
            Self::Stopped => "stopped",
            Self::Finished => "finished",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// The date of period `n` (0 is the start).
pub fn period_date(start: NaiveDate, rhythm: Rhythm, n: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(rhythm.months().checked_mul(n)?))
}

/// The next date to issue after `periods_done` periods, or `None` once past `end`.
pub fn next_issue(start: NaiveDate, rhythm: Rhythm, periods_done: u32, end: Option<NaiveDate>) -> Option<NaiveDate> {
    period_date(start, rhythm, periods_done).filter(|date| end.is_none_or(|end| *date <= end))
}

/// A change of status asked by staff, or why it is refused.
pub fn status_change(from: RecurringStatus, to: RecurringStatus) -> Result<RecurringStatus, Message> {
    use RecurringStatus::*;
    match (from, to) {
        (Active, Paused) | (Paused, Active) | (Active | Paused, Stopped) => Ok(to),
        _ => Err(Message::new(
            "Ce modèle ne peut pas passer dans cet état (un modèle arrêté ou terminé ne reprend pas).",
            "This template cannot move to that state (a stopped or finished template does not resume).",
        )),
    }
}

/// The period to issue when resuming on `today`: the first one not in the past (a pause skips the
/// periods it covered rather than sending them all at once).
pub fn periods_when_resuming(start: NaiveDate, rhythm: Rhythm, periods_done: u32, today: NaiveDate) -> u32 {
    let mut n = periods_done;
    while period_date(start, rhythm, n).is_some_and(|date| date < today) {
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a day")
    }

    #[test]
    fn periods_are_counted_from_the_start_without_drift() {
        let start = day(2026, 1, 31);
        assert_eq!(period_date(start, Rhythm::Monthly, 1), Some(day(2026, 2, 28)));
        assert_eq!(period_date(start, Rhythm::Monthly, 2), Some(day(2026, 3, 31)));
        assert_eq!(period_date(start, Rhythm::Quarterly, 1), Some(day(2026, 4, 30)));
        assert_eq!(period_date(start, Rhythm::Yearly, 1), Some(day(2027, 1, 31)));
    }

    #[test]
    fn nothing_is_issued_past_the_end() {
        let start = day(2026, 1, 15);
        assert_eq!(next_issue(start, Rhythm::Monthly, 2, Some(day(2026, 3, 15))), Some(day(2026, 3, 15)));
        assert_eq!(next_issue(start, Rhythm::Monthly, 3, Some(day(2026, 3, 15))), None);
        assert_eq!(next_issue(start, Rhythm::Monthly, 30, None), Some(day(2028, 7, 15)));
    }

    #[test]
    fn a_pause_skips_the_periods_it_covered() {
        let start = day(2026, 1, 10);
        assert_eq!(periods_when_resuming(start, Rhythm::Monthly, 2, day(2026, 6, 1)), 5);
        assert_eq!(periods_when_resuming(start, Rhythm::Monthly, 2, day(2026, 2, 1)), 2);
        assert_eq!(periods_when_resuming(start, Rhythm::Monthly, 5, day(2026, 6, 10)), 5);
    }

    #[test]
    fn stopped_and_finished_templates_stay_so() {
        use RecurringStatus::*;
        assert_eq!(status_change(Active, Paused), Ok(Paused));
        assert_eq!(status_change(Paused, Active), Ok(Active));
        assert_eq!(status_change(Paused, Stopped), Ok(Stopped));
        assert!(status_change(Stopped, Active).is_err());
        assert!(status_change(Finished, Active).is_err());
        assert!(status_change(Active, Finished).is_err());
    }
}

crate::stored_as_text!(Rhythm, RecurringStatus);
