//! How far along a project is, as the percentage the client sees on its dashboard.

use crate::i18n::Message;
use crate::workflow::{MilestoneStatus, TaskStatus};

pub const INVALID_PROGRESS: Message =
    Message::new("La progression doit être comprise entre 0 et 100.", "Progress must be between 0 and 100.");

/// The progress of a project, from 0 to 100.
///
/// An admin's manual value wins (clamped to 0..=100, in case the database holds something odd):
/// the counts below cannot see work that is not broken into tasks. Otherwise the share of done
/// tasks, which are the finest-grained measure; otherwise the share of done milestones; otherwise 0.
/// Shares are rounded down, so that a project shows 100 only when everything is done.
pub fn project_progress(manual: Option<i16>, milestones: &[MilestoneStatus], tasks: &[TaskStatus]) -> i16 {
    if let Some(manual) = manual {
        return manual.clamp(0, 100);
    }
    if !tasks.is_empty() {
        let done = tasks.iter().filter(|status| **status == TaskStatus::Done).count();
        return percent_rounded_down(done, tasks.len());
    }
    if !milestones.is_empty() {
        let done = milestones.iter().filter(|status| **status == MilestoneStatus::Done).count();
        return percent_rounded_down(done, milestones.len());
    }
    0
}

/// Checks a progress an admin typed in. It is `i64` because that is what a JSON number becomes;
/// the result fits the `smallint` column.
pub fn validate_manual_progress(v: i64) -> Result<i16, Message> {
    match i16::try_from(v) {
        Ok(v) if (0..=100).contains(&v) => Ok(v),
        _ => Err(INVALID_PROGRESS),
    }
}

/// `done * 100 / total`, rounded down. `total` is not zero and `done <= total`.
fn percent_rounded_down(done: usize, total: usize) -> i16 {
    // u128 so that `done * 100` cannot overflow, whatever the slice length.
    let percent = (done as u128 * 100) / (total as u128).max(1);
    i16::try_from(percent).unwrap_or(100).min(100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use MilestoneStatus as M;
    use TaskStatus as T;

    #[test]
    fn nothing_to_measure_is_zero() {
        assert_eq!(project_progress(None, &[], &[]), 0);
    }

    #[test]
    fn manual_value_wins_and_is_clamped() {
        assert_eq!(project_progress(Some(42), &[M::Done], &[T::Done]), 42);
        assert_eq!(project_progress(Some(0), &[M::Done], &[T::Done]), 0);
        assert_eq!(project_progress(Some(100), &[], &[]), 100);
        assert_eq!(project_progress(Some(-5), &[], &[]), 0);
        assert_eq!(project_progress(Some(250), &[], &[T::Todo]), 100);
        assert_eq!(project_progress(Some(i16::MIN), &[], &[]), 0);
        assert_eq!(project_progress(Some(i16::MAX), &[], &[]), 100);
    }

    #[test]
    fn tasks_are_counted_before_milestones() {
        assert_eq!(project_progress(None, &[M::Done, M::Done], &[T::Done, T::Todo]), 50);
        assert_eq!(project_progress(None, &[M::Planned], &[T::Done]), 100);
    }

    #[test]
    fn only_done_tasks_count() {
        let tasks = [T::Todo, T::InProgress, T::Review, T::Blocked, T::Done];
        assert_eq!(project_progress(None, &[], &tasks), 20);
        assert_eq!(project_progress(None, &[], &[T::Review, T::Review]), 0);
        assert_eq!(project_progress(None, &[], &[T::Done, T::Done]), 100);
    }

    #[test]
    fn shares_are_rounded_down() {
        assert_eq!(project_progress(None, &[], &[T::Done, T::Todo, T::Todo]), 33);
        assert_eq!(project_progress(None, &[], &[T::Done, T::Done, T::Todo]), 66);
        let mut tasks = vec![T::Done; 199];
        tasks.push(T::Todo);
        assert_eq!(project_progress(None, &[], &tasks), 99, "199 of 200 is not finished");
    }

    #[test]
    fn milestones_are_used_when_there_are_no_tasks() {
        assert_eq!(project_progress(None, &[M::Done, M::Planned, M::Late], &[]), 33);
        assert_eq!(project_progress(None, &[M::InProgress, M::Late], &[]), 0);
        assert_eq!(project_progress(None, &[M::Done], &[]), 100);
        assert_eq!(project_progress(None, &[M::Done, M::Done, M::InProgress, M::Planned], &[]), 50);
    }

    #[test]
    fn manual_progress_is_validated() {
        assert_eq!(validate_manual_progress(0), Ok(0));
        assert_eq!(validate_manual_progress(55), Ok(55));
        assert_eq!(validate_manual_progress(100), Ok(100));
        for bad in [-1, 101, 1000, i64::from(i16::MAX) + 1, i64::MIN, i64::MAX] {
            assert_eq!(validate_manual_progress(bad), Err(INVALID_PROGRESS), "{bad}");
        }
        assert!(INVALID_PROGRESS.fr.contains("entre 0 et 100"));
    }
}
