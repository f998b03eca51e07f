//! Delivery: the client's word on a milestone (approve, or ask for changes), what an approved
//! milestone bills, and where a card lands on the staff's global board.

use chrono::{Datelike, NaiveDate};

use crate::MilestoneStatus;
use crate::i18n::Message;

/// What an approval of a milestone in `status` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approval {
    /// Awaiting the client's word: it becomes done (and bills, if it carries an amount).
    Approve,
    /// Already done: approving twice is a conflict that bills nothing.
    AlreadyApproved,
    /// Not submitted to the client (or sent back to work): nothing to approve.
    NotAwaiting,
}

pub fn approval(status: MilestoneStatus) -> Approval {
    match status {
        MilestoneStatus::AwaitingApproval => Approval::Approve,
        MilestoneStatus::Done => Approval::AlreadyApproved,
        MilestoneStatus::Planned | MilestoneStatus::InProgress | MilestoneStatus::Late => Approval::NotAwaiting,
    }
}

impl Approval {
    /// Why the approval is refused, for the 409's message (`None` when it goes ahead).
    pub fn refusal(self) -> Option<(&'static str, Message)> {
        match self {
            Approval::Approve => None,
            Approval::AlreadyApproved => Some((
                "already_approved",
                Message::new("Ce jalon est déjà validé.", "This milestone is already approved."),
            )),
            Approval::NotAwaiting => Some((
                "not_awaiting_approval",
                Message::new(
                    "Ce jalon n'attend pas votre validation.",
                    "This milestone is not awaiting your approval.",
                ),
            )),
        }
    }
}

/// Whether what a milestone bills may still change: not once submitted to the client (they
/// approve what they were shown) nor once approved.
pub fn billing_editable(status: MilestoneStatus) -> bool {
    !matches!(status, MilestoneStatus::AwaitingApproval | MilestoneStatus::Done)
}

/// The accepted quote of the project, as a milestone bills a share of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteBasis {
    pub total_ht: i64,
    /// The TVA rate of every line, in basis points, when they all share one.
    pub single_rate_bp: Option<i32>,
}

/// TVA in Côte d'Ivoire, the rate of a milestone's invoice when no accepted quote says otherwise.
pub const DEFAULT_TAX_RATE_BP: i32 = 1_800;

/// What an approved milestone bills: one line, before tax, at the quote's TVA rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneBilling {
    /// No amount and no share of the quote: approving bills nothing.
    Nothing,
    Bill {
        unit_price: i64,
        tax_rate_bp: i32,
    },
    /// A share of the accepted quote, but the project has none: it cannot be submitted.
    NoAcceptedQuote,
}

/// The billing of a milestone with `amount` (HT) or `quote_percent` of the project's accepted
/// quote. The TVA rate is the quote's when all its lines share one, else 18 %.
pub fn milestone_billing(
    amount: Option<i64>,
    quote_percent: Option<i16>,
    quote: Option<QuoteBasis>,
) -> MilestoneBilling {
    let tax_rate_bp = quote.and_then(|q| q.single_rate_bp).unwrap_or(DEFAULT_TAX_RATE_BP);
    match (amount, quote_percent) {
        (Some(amount), _) if amount > 0 => MilestoneBilling::Bill { unit_price: amount, tax_rate_bp },
        (_, Some(percent)) if percent > 0 => match quote {
            // Rounded half up to the franc: 33 % of 1 000 001 is 330 000.
            Some(quote) => MilestoneBilling::Bill {
                unit_price: ((i128::from(quote.total_ht) * i128::from(percent) + 50) / 100) as i64,
                tax_rate_bp,
            },
            None => MilestoneBilling::NoAcceptedQuote,
        },
        _ => MilestoneBilling::Nothing,
    }
}

/// The due-date filters of the task board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueWindow {
    /// Open and due before today.
    Late,
    /// Open and due from today to Sunday.
    ThisWeek,
}

impl DueWindow {
    pub const NAMES: &'static [&'static str] = &["late", "this_week"];

    pub fn parse(name: &str) -> Option<DueWindow> {
        match name {
            "late" => Some(DueWindow::Late),
            "this_week" => Some(DueWindow::ThisWeek),
            _ => None,
        }
    }

    /// The due dates it covers on `today`: from (when bounded) and to, both included.
    pub fn dates(self, today: NaiveDate) -> (Option<NaiveDate>, NaiveDate) {
        match self {
            DueWindow::Late => (None, today.pred_opt().unwrap_or(today)),
            DueWindow::ThisWeek => (Some(today), week_end(today)),
        }
    }
}

/// The Sunday that ends `today`'s week (weeks start on Monday, as in Côte d'Ivoire).
pub fn week_end(today: NaiveDate) -> NaiveDate {
    let days_left = 6 - i64::from(today.weekday().num_days_from_monday());
    today + chrono::Duration::days(days_left)
}

/// Gaps between neighbouring cards of a new or renumbered board column: a move writes one row
/// until sixteen moves land between the same two cards.
pub const BOARD_RANK_GAP: i64 = 65_536;

/// Where a card lands between the ranks of the cards above and below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankSlot {
    At(i64),
    /// No room left between the two: the column is renumbered with [`BOARD_RANK_GAP`] first.
    Renumber,
}

/// The rank of a card dropped between `above` and `below` (either may be absent: the column's
/// top or its end).
pub fn rank_between(above: Option<i64>, below: Option<i64>) -> RankSlot {
    match (above, below) {
        (None, None) => RankSlot::At(BOARD_RANK_GAP),
        (Some(above), None) => above.checked_add(BOARD_RANK_GAP).map_or(RankSlot::Renumber, RankSlot::At),
        (None, Some(below)) => below.checked_sub(BOARD_RANK_GAP).map_or(RankSlot::Renumber, RankSlot::At),
        (Some(above), Some(below)) if below - above >= 2 => RankSlot::At(above + (below - above) / 2),
        (Some(_), Some(_)) => RankSlot::Renumber,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_milestone_awaiting_approval_can_be_approved() {
        assert_eq!(approval(MilestoneStatus::AwaitingApproval), Approval::Approve);
        assert_eq!(approval(MilestoneStatus::Done), Approval::AlreadyApproved);
        for status in [MilestoneStatus::Planned, MilestoneStatus::InProgress, MilestoneStatus::Late] {
            assert_eq!(approval(status), Approval::NotAwaiting);
        }
        assert_eq!(approval(MilestoneStatus::Done).refusal().map(|(code, _)| code), Some("already_approved"));
        assert_eq!(approval(MilestoneStatus::AwaitingApproval).refusal(), None);
    }

    #[test]
    fn billing_is_frozen_once_submitted() {
        assert!(billing_editable(MilestoneStatus::Planned));
        assert!(billing_editable(MilestoneStatus::InProgress));
        assert!(billing_editable(MilestoneStatus::Late));
        assert!(!billing_editable(MilestoneStatus::AwaitingApproval));
        assert!(!billing_editable(MilestoneStatus::Done));
    }

    #[test]
    fn an_amount_bills_at_the_quote_rate_or_18_percent() {
        let quote = QuoteBasis { total_ht: 1_000_000, single_rate_bp: Some(0) };
        assert_eq!(
            milestone_billing(Some(250_000), None, Some(quote)),
            MilestoneBilling::Bill { unit_price: 250_000, tax_rate_bp: 0 }
        );
        assert_eq!(
            milestone_billing(Some(250_000), None, None),
            MilestoneBilling::Bill { unit_price: 250_000, tax_rate_bp: 1_800 }
        );
        let mixed = QuoteBasis { total_ht: 1_000_000, single_rate_bp: None };
        assert_eq!(
            milestone_billing(Some(1), None, Some(mixed)),
            MilestoneBilling::Bill { unit_price: 1, tax_rate_bp: 1_800 }
        );
    }

    #[test]
    fn a_share_of_the_quote_needs_an_accepted_quote_and_rounds_to_the_franc() {
        let quote = QuoteBasis { total_ht: 1_000_001, single_rate_bp: Some(1_800) };
        assert_eq!(
            milestone_billing(None, Some(33), Some(quote)),
            MilestoneBilling::Bill { unit_price: 330_000, tax_rate_bp: 1_800 }
        );
        let half = QuoteBasis { total_ht: 3, single_rate_bp: Some(1_800) };
        assert_eq!(
            milestone_billing(None, Some(50), Some(half)),
            MilestoneBilling::Bill { unit_price: 2, tax_rate_bp: 1_800 }
        );
        assert_eq!(milestone_billing(None, Some(30), None), MilestoneBilling::NoAcceptedQuote);
        assert_eq!(milestone_billing(None, None, Some(quote)), MilestoneBilling::Nothing);
    }

    #[test]
    fn due_windows_end_on_sunday_or_yesterday() {
        let date = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default();
        // Monday 7 December 2026.
        assert_eq!(DueWindow::ThisWeek.dates(date(7)), (Some(date(7)), date(13)));
        assert_eq!(DueWindow::ThisWeek.dates(date(13)), (Some(date(13)), date(13)));
        assert_eq!(DueWindow::Late.dates(date(7)), (None, date(6)));
        assert_eq!(DueWindow::parse("this_week"), Some(DueWindow::ThisWeek));
        assert_eq!(DueWindow::parse("soon"), None);
    }

    #[test]
    fn a_card_lands_halfway_between_its_neighbours() {
        assert_eq!(rank_between(None, None), RankSlot::At(BOARD_RANK_GAP));
        assert_eq!(rank_between(Some(100), None), RankSlot::At(100 + BOARD_RANK_GAP));
        assert_eq!(rank_between(None, Some(100)), RankSlot::At(100 - BOARD_RANK_GAP));
        assert_eq!(rank_between(Some(100), Some(200)), RankSlot::At(150));
        assert_eq!(rank_between(Some(100), Some(102)), RankSlot::At(101));
        assert_eq!(rank_between(Some(100), Some(101)), RankSlot::Renumber);
        assert_eq!(rank_between(Some(100), Some(100)), RankSlot::Renumber);
        assert_eq!(rank_between(Some(i64::MAX - 1), None), RankSlot::Renumber);
        assert_eq!(rank_between(None, Some(i64::MIN + 1)), RankSlot::Renumber);
    }
}
