//! Support tickets: who may change what on a ticket, and what a change or a message does to its
//! status and its SLA clocks.

use crate::policy::{Action, Actor, can};
use crate::workflow::{TicketStatus, TransitionError, Workflow};

/// A change asked of a ticket, as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketEdit {
    /// Whether it touches anything but the status: subject, priority, assignee or project.
    pub fields: bool,
    pub status: Option<TicketStatus>,
}

/// Who may make a [`TicketEdit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketEditRight {
    /// NOURX staff: any field, and any status change the workflow allows.
    AnyChange,
    /// The client's say on a resolved ticket: reopen it (`open`) or close it (`closed`).
    ReopenOrClose,
    /// Anything else by a client's person (403).
    Refused,
}

/// Whether `actor` may make `edit` on a ticket now `current`.
pub fn ticket_edit_right(actor: Actor, current: TicketStatus, edit: TicketEdit) -> TicketEditRight {
    if can(actor, Action::ManageTicket) {
        return TicketEditRight::AnyChange;
    }
    let reopens_or_closes = match edit.status {
        // Nothing to say but the status: an empty change is no change.
        None => true,
        Some(TicketStatus::Open | TicketStatus::Closed) => current == TicketStatus::Resolved,
        Some(TicketStatus::Pending | TicketStatus::Resolved) => false,
    };
    if can(actor, Action::ReopenOrCloseTicket) && !edit.fields && reopens_or_closes {
        TicketEditRight::ReopenOrClose
    } else {
        TicketEditRight::Refused
    }
}

/// Whether a person may rate a ticket now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingRight {
    Allowed,
    /// Not resolved yet: 409 `ticket_not_resolved`.
    NotResolved,
    /// NOURX staff or a viewer of the client: 403.
    Refused,
}

/// Whether `actor` may rate (or rate again) a ticket in `status`: the client's owners and members,
/// once NOURX resolved it.
pub fn rating_right(actor: Actor, status: TicketStatus) -> RatingRight {
    if can(actor, Action::ManageTicket) || !can(actor, Action::WriteTicketMessage) {
        RatingRight::Refused
    } else if matches!(status, TicketStatus::Resolved | TicketStatus::Closed) {
        RatingRight::Allowed
    } else {
        RatingRight::NotResolved
    }
}

/// What a status change does to the ticket's clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusClock {
    /// `resolved_at` becomes now: the resolution deadline is met (or missed) now.
    Resolve,
    /// `closed_at` becomes now.
    Close,
    /// Reopened after its resolution: `resolved_at` is cleared and the resolution clock runs again.
    Reopen,
    /// No clock moves.
    Keep,
}

/// The status change `from` → `to` if the ticket workflow allows it, and what it does to the clocks.
pub fn status_change(from: TicketStatus, to: TicketStatus) -> Result<StatusClock, TransitionError> {
    from.transition_to(to)?;
    Ok(match to {
        TicketStatus::Resolved => StatusClock::Resolve,
        TicketStatus::Closed => StatusClock::Close,
        TicketStatus::Open if from == TicketStatus::Resolved => StatusClock::Reopen,
        TicketStatus::Open | TicketStatus::Pending => StatusClock::Keep,
    })
}

/// What a new message does to its ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageEffect {
    /// Refused: a closed ticket takes internal notes only (409 `ticket_closed`).
    TicketClosed,
    /// An internal note between NOURX staff: the ticket is not touched.
    Note,
    /// A public message: activity on the ticket (its `updated_at`), nothing more.
    Activity,
    /// NOURX's first public reply: it stops the first-response clock.
    FirstResponse,
    /// A client's message on a ticket waiting on them (`pending`): back to `open`.
    BackToOpen,
}

/// What a message by `author` (already allowed to write it) does to a ticket now `status`,
/// answered already or not.
pub fn message_effect(author: Actor, status: TicketStatus, internal: bool, first_responded: bool) -> MessageEffect {
    match (author, status) {
        _ if internal => MessageEffect::Note,
        (_, TicketStatus::Closed) => MessageEffect::TicketClosed,
        (Actor::Admin, _) if !first_responded => MessageEffect::FirstResponse,
        (Actor::Member(_), TicketStatus::Pending) => MessageEffect::BackToOpen,
        _ => MessageEffect::Activity,
    }
}

#[cfg(test)]
mod rating_tests {
    use super::*;
    use crate::workflow::MemberRole;

    #[test]
    fn the_client_rates_a_resolved_ticket_and_nobody_else_does() {
        let (owner, member, viewer) =
            (Actor::Member(MemberRole::Owner), Actor::Member(MemberRole::Member), Actor::Member(MemberRole::Viewer));
        for actor in [owner, member] {
            assert_eq!(rating_right(actor, TicketStatus::Resolved), RatingRight::Allowed);
            assert_eq!(rating_right(actor, TicketStatus::Closed), RatingRight::Allowed);
            assert_eq!(rating_right(actor, TicketStatus::Open), RatingRight::NotResolved);
            assert_eq!(rating_right(actor, TicketStatus::Pending), RatingRight::NotResolved);
        }
        assert_eq!(rating_right(viewer, TicketStatus::Resolved), RatingRight::Refused);
        assert_eq!(rating_right(Actor::Admin, TicketStatus::Resolved), RatingRight::Refused);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::MemberRole;

    const STAFF: Actor = Actor::Admin;
    const MEMBER: Actor = Actor::Member(MemberRole::Member);
    const OWNER: Actor = Actor::Member(MemberRole::Owner);
    const VIEWER: Actor = Actor::Member(MemberRole::Viewer);

    fn status_only(status: TicketStatus) -> TicketEdit {
        TicketEdit { fields: false, status: Some(status) }
    }

    #[test]
    fn staff_may_ask_any_change() {
        for current in TicketStatus::ALL {
            for to in TicketStatus::ALL {
                let edit = TicketEdit { fields: true, status: Some(*to) };
                assert_eq!(ticket_edit_right(STAFF, *current, edit), TicketEditRight::AnyChange);
            }
        }
    }

    #[test]
    fn clients_only_reopen_or_close_a_resolved_ticket() {
        use TicketStatus::{Closed, Open, Pending, Resolved};
        for actor in [OWNER, MEMBER] {
            for to in [Open, Closed] {
                assert_eq!(ticket_edit_right(actor, Resolved, status_only(to)), TicketEditRight::ReopenOrClose);
                for current in [Open, Pending, Closed] {
                    assert_eq!(ticket_edit_right(actor, current, status_only(to)), TicketEditRight::Refused);
                }
            }
            for to in [Pending, Resolved] {
                for current in TicketStatus::ALL {
                    assert_eq!(ticket_edit_right(actor, *current, status_only(to)), TicketEditRight::Refused);
                }
            }
            let with_fields = TicketEdit { fields: true, status: Some(Open) };
            assert_eq!(ticket_edit_right(actor, Resolved, with_fields), TicketEditRight::Refused);
            let nothing = TicketEdit { fields: false, status: None };
            assert_eq!(ticket_edit_right(actor, Open, nothing), TicketEditRight::ReopenOrClose);
        }
        let nothing = TicketEdit { fields: false, status: None };
        assert_eq!(ticket_edit_right(VIEWER, Open, nothing), TicketEditRight::Refused);
        assert_eq!(ticket_edit_right(VIEWER, Resolved, status_only(Closed)), TicketEditRight::Refused);
    }

    #[test]
    fn status_changes_move_the_clocks() {
        use TicketStatus::{Closed, Open, Pending, Resolved};
        assert_eq!(status_change(Open, Resolved), Ok(StatusClock::Resolve));
        assert_eq!(status_change(Pending, Resolved), Ok(StatusClock::Resolve));
        assert_eq!(status_change(Resolved, Closed), Ok(StatusClock::Close));
        assert_eq!(status_change(Resolved, Open), Ok(StatusClock::Reopen));
        assert_eq!(status_change(Pending, Open), Ok(StatusClock::Keep));
        assert_eq!(status_change(Open, Pending), Ok(StatusClock::Keep));
        let refused = status_change(Open, Closed).expect_err("not allowed");
        assert_eq!(refused.allowed, ["pending", "resolved"]);
        assert!(status_change(Closed, Open).is_err());
        assert!(status_change(Open, Open).is_err());
    }

    #[test]
    fn what_a_message_does_to_its_ticket() {
        use MessageEffect::{Activity, BackToOpen, FirstResponse, Note, TicketClosed};
        use TicketStatus::{Closed, Open, Pending, Resolved};
        // (author, status, internal, first responded) → effect
        let cases = [
            (STAFF, Open, false, false, FirstResponse),
            (STAFF, Pending, false, false, FirstResponse),
            (STAFF, Open, false, true, Activity),
            (STAFF, Resolved, false, true, Activity),
            (STAFF, Open, true, false, Note),
            (STAFF, Closed, true, true, Note),
            (STAFF, Closed, false, true, TicketClosed),
            (MEMBER, Closed, false, true, TicketClosed),
            (MEMBER, Pending, false, true, BackToOpen),
            (OWNER, Pending, false, false, BackToOpen),
            (MEMBER, Open, false, false, Activity),
            (MEMBER, Resolved, false, true, Activity),
        ];
        for (author, status, internal, first_responded, expected) in cases {
            assert_eq!(
                message_effect(author, status, internal, first_responded),
                expected,
                "{author:?} {status:?} internal={internal} first_responded={first_responded}"
            );
        }
    }
}
