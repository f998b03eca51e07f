//! Reminders of unpaid invoices: a schedule of days around the due date (3 days before, then 1, 7
//! and 15 days after by default), each step sent at most once per invoice, stopping as soon as the
//! invoice is paid. A worker that starts late sends the latest step due, never the ones it missed.

use chrono::{Days, NaiveDate};

/// Days from the due date: negative before it, positive after.
pub const DEFAULT_REMINDER_OFFSETS: [i32; 4] = [-3, 1, 7, 15];
/// At most this many steps, each within a year of the due date.
pub const MAX_STEPS: usize = 8;
pub const MAX_OFFSET_DAYS: i32 = 365;

/// The step to send on `today` for an invoice due on `due_date` that already received the
/// reminders of `sent` steps: the latest step whose day has come, unless it (or a later one) was
/// sent.
pub fn step_due(offsets: &[i32], due_date: NaiveDate, today: NaiveDate, sent: &[i32]) -> Option<i32> {
    let latest =
        offsets.iter().copied().filter(|offset| day_of(due_date, *offset).is_some_and(|day| day <= today)).max()?;
    if sent.iter().any(|step| *step >= latest) { None } else { Some(latest) }
}

fn day_of(due_date: NaiveDate, offset: i32) -> Option<NaiveDate> {
    let days = Days::new(u64::from(offset.unsigned_abs()));
    if offset < 0 { due_date.checked_sub_days(days) } else { due_date.checked_add_days(days) }
}

/// Why a schedule is refused: too many steps, a step too far, or the same day twice.
pub fn check_schedule(offsets: &[i32]) -> Result<Vec<i32>, &'static str> {
    if offsets.len() > MAX_STEPS {
        return Err("too_many_steps");
    }
    if offsets.iter().any(|offset| offset.unsigned_abs() > MAX_OFFSET_DAYS.unsigned_abs()) {
        return Err("step_too_far");
    }
    let mut sorted = offsets.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != offsets.len() {
        return Err("duplicate_step");
    }
    Ok(sorted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a day")
    }

    #[test]
    fn each_step_comes_on_its_day_once() {
        let due = day(10);
        let offsets = DEFAULT_REMINDER_OFFSETS;
        assert_eq!(step_due(&offsets, due, day(6), &[]), None);
        assert_eq!(step_due(&offsets, due, day(7), &[]), Some(-3));
        assert_eq!(step_due(&offsets, due, day(8), &[-3]), None);
        assert_eq!(step_due(&offsets, due, day(11), &[-3]), Some(1));
        assert_eq!(step_due(&offsets, due, day(17), &[-3, 1]), Some(7));
        assert_eq!(step_due(&offsets, due, day(25), &[-3, 1, 7]), Some(15));
        assert_eq!(step_due(&offsets, due, day(31), &[-3, 1, 7, 15]), None);
    }

    #[test]
    fn a_late_start_sends_the_latest_step_only() {
        assert_eq!(step_due(&DEFAULT_REMINDER_OFFSETS, day(1), day(20), &[]), Some(15));
        assert_eq!(step_due(&DEFAULT_REMINDER_OFFSETS, day(1), day(20), &[15]), None);
        assert_eq!(step_due(&[], day(1), day(20), &[]), None);
    }

    #[test]
    fn schedules_are_sorted_and_checked() {
        assert_eq!(check_schedule(&[7, -3, 1]), Ok(vec![-3, 1, 7]));
        assert_eq!(check_schedule(&[1, 1]), Err("duplicate_step"));
        assert_eq!(check_schedule(&[400]), Err("step_too_far"));
        assert_eq!(check_schedule(&[i32::MIN]), Err("step_too_far"));
        assert_eq!(check_schedule(&[1, 2, 3, 4, 5, 6, 7, 8, 9]), Err("too_many_steps"));
    }
}
