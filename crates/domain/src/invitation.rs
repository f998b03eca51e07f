//! What accepting an invitation does: create the invited person's account, let their existing
//! account join, or refuse (a link that is unknown, used or expired; an account that cannot join).
//!
//! The decision is taken twice: before the acceptance's transaction, to check the form (the name
//! and new password, or the existing account's password); and in it, with the invitation locked,
//! to confirm that what was checked still holds.

use chrono::{DateTime, Utc};

use crate::user::Role;

/// The invitation a link names, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvitationState {
    pub expires_at: DateTime<Utc>,
    pub accepted: bool,
    /// Revoked by the client's owners or NOURX staff.
    pub revoked: bool,
}

/// Where an invitation stands, as its client's owners and NOURX staff see it (computed, not stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Expired,
    Revoked,
}

impl InvitationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Accepted => "accepted",
            InvitationStatus::Expired => "expired",
            InvitationStatus::Revoked => "revoked",
        }
    }

    pub fn parse(s: &str) -> Option<InvitationStatus> {
        [Self::Pending, Self::Accepted, Self::Expired, Self::Revoked].into_iter().find(|status| status.as_str() == s)
    }

    /// Accepted wins over a later revocation or expiry: the person joined.
    pub fn of(invitation: &InvitationState, now: DateTime<Utc>) -> InvitationStatus {
        if invitation.accepted {
            InvitationStatus::Accepted
        } else if invitation.revoked {
            InvitationStatus::Revoked
        } else if invitation.expires_at <= now {
            InvitationStatus::Expired
        } else {
            InvitationStatus::Pending
        }
    }
}

/// What may be done to an invitation from its client's list: only a pending one is revoked;
/// any not accepted is sent again (with a new link and expiry).
pub fn may_revoke(status: InvitationStatus) -> bool {
    status == InvitationStatus::Pending
}

pub fn may_resend(status: InvitationStatus) -> bool {
    status != InvitationStatus::Accepted
}

/// The account the invited address already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExistingAccount<Id> {
    pub id: Id,
    pub role: Role,
    pub is_active: bool,
}

/// What accepting does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acceptance<Id> {
    /// Nobody has the address: a client account is created with the name and password given.
    CreateAccount,
    /// The address's client account joins the client, once its password is checked.
    JoinExisting(Id),
    Refused(AcceptanceRefusal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptanceRefusal {
    /// No invitation has this token.
    UnknownLink,
    AlreadyUsed,
    Expired,
    /// Revoked by the client's owners or NOURX staff.
    Revoked,
    /// The address belongs to NOURX staff, or to a deactivated account.
    AccountCannotJoin,
    /// An account was created for the address after the form was checked: its password was not.
    AccountCreatedMeanwhile,
}

impl AcceptanceRefusal {
    /// Whether the person is told the link does not work (rather than that the address has an
    /// account): everything but [`AcceptanceRefusal::AccountCreatedMeanwhile`], so that the
    /// answer does not say which addresses are staff or deactivated.
    pub fn is_invalid_link(self) -> bool {
        self != AcceptanceRefusal::AccountCreatedMeanwhile
    }
}

fn link_refusal(invitation: Option<&InvitationState>, now: DateTime<Utc>) -> Option<AcceptanceRefusal> {
    match invitation {
        None => Some(AcceptanceRefusal::UnknownLink),
        Some(invitation) if invitation.accepted => Some(AcceptanceRefusal::AlreadyUsed),
        Some(invitation) if invitation.revoked => Some(AcceptanceRefusal::Revoked),
        Some(invitation) if invitation.expires_at <= now => Some(AcceptanceRefusal::Expired),
        Some(_) => None,
    }
}

/// What accepting the invitation would do, before the form is checked.
pub fn decide_acceptance<Id: Copy>(
    invitation: Option<&InvitationState>,
    account: Option<&ExistingAccount<Id>>,
    now: DateTime<Utc>,
) -> Acceptance<Id> {
    if let Some(refusal) = link_refusal(invitation, now) {
        return Acceptance::Refused(refusal);
    }
    match account {
        None => Acceptance::CreateAccount,
        Some(account) if account.is_active && account.role == Role::Client => Acceptance::JoinExisting(account.id),
        Some(_) => Acceptance::Refused(AcceptanceRefusal::AccountCannotJoin),
    }
}

/// In the acceptance's transaction, with the invitation locked: `checked` (what
/// [`decide_acceptance`] said when the form was checked) if it still holds, else why not.
pub fn confirm_acceptance<Id: Copy + PartialEq>(
    checked: Acceptance<Id>,
    invitation: Option<&InvitationState>,
    account: Option<&ExistingAccount<Id>>,
    now: DateTime<Utc>,
) -> Acceptance<Id> {
    if let Some(refusal) = link_refusal(invitation, now) {
        return Acceptance::Refused(refusal);
    }
    match (checked, account) {
        (Acceptance::CreateAccount, None) => Acceptance::CreateAccount,
        (Acceptance::CreateAccount, Some(_)) => Acceptance::Refused(AcceptanceRefusal::AccountCreatedMeanwhile),
        (Acceptance::JoinExisting(id), Some(account)) if account.id == id && account.is_active => checked,
        (Acceptance::JoinExisting(_), _) => Acceptance::Refused(AcceptanceRefusal::AccountCannotJoin),
        (Acceptance::Refused(refusal), _) => Acceptance::Refused(refusal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default()
    }

    fn live() -> InvitationState {
        InvitationState { expires_at: now() + Duration::days(7), accepted: false, revoked: false }
    }

    #[test]
    fn a_revoked_link_is_refused_and_statuses_read_in_order() {
        let revoked = InvitationState { revoked: true, ..live() };
        let refused = decide_acceptance::<u32>(Some(&revoked), None, now());
        assert_eq!(refused, Acceptance::Refused(AcceptanceRefusal::Revoked));
        assert!(AcceptanceRefusal::Revoked.is_invalid_link());
        assert_eq!(InvitationStatus::of(&live(), now()), InvitationStatus::Pending);
        assert_eq!(InvitationStatus::of(&revoked, now()), InvitationStatus::Revoked);
        let expired = InvitationState { expires_at: now(), ..live() };
        assert_eq!(InvitationStatus::of(&expired, now()), InvitationStatus::Expired);
        let accepted = InvitationState { accepted: true, revoked: true, ..live() };
        assert_eq!(InvitationStatus::of(&accepted, now()), InvitationStatus::Accepted);
        assert!(may_revoke(InvitationStatus::Pending) && !may_revoke(InvitationStatus::Expired));
        assert!(may_resend(InvitationStatus::Expired) && may_resend(InvitationStatus::Revoked));
        assert!(!may_resend(InvitationStatus::Accepted));
        for status in ["pending", "accepted", "expired", "revoked"] {
            assert_eq!(InvitationStatus::parse(status).map(InvitationStatus::as_str), Some(status));
        }
    }

    fn account(role: Role, is_active: bool) -> ExistingAccount<u32> {
        ExistingAccount { id: 7, role, is_active }
    }

    #[test]
    fn a_live_link_creates_an_account_or_lets_a_client_join() {
        assert_eq!(decide_acceptance::<u32>(Some(&live()), None, now()), Acceptance::CreateAccount);
        let client = account(Role::Client, true);
        assert_eq!(decide_acceptance(Some(&live()), Some(&client), now()), Acceptance::JoinExisting(7));
    }

    #[test]
    fn unknown_used_and_expired_links_are_refused() {
        let used = InvitationState { accepted: true, ..live() };
        let expired = InvitationState { expires_at: now(), ..live() };
        assert_eq!(decide_acceptance::<u32>(None, None, now()), Acceptance::Refused(AcceptanceRefusal::UnknownLink));
        assert_eq!(
            decide_acceptance::<u32>(Some(&used), None, now()),
            Acceptance::Refused(AcceptanceRefusal::AlreadyUsed)
        );
        assert_eq!(
            decide_acceptance::<u32>(Some(&expired), None, now()),
            Acceptance::Refused(AcceptanceRefusal::Expired),
            "a link stops working at its expiry"
        );
    }

    #[test]
    fn staff_and_deactivated_accounts_cannot_join() {
        for existing in [account(Role::Admin, true), account(Role::Client, false)] {
            assert_eq!(
                decide_acceptance(Some(&live()), Some(&existing), now()),
                Acceptance::Refused(AcceptanceRefusal::AccountCannotJoin)
            );
        }
        assert!(AcceptanceRefusal::AccountCannotJoin.is_invalid_link());
        assert!(!AcceptanceRefusal::AccountCreatedMeanwhile.is_invalid_link());
    }

    #[test]
    fn the_transaction_confirms_what_was_checked() {
        let client = account(Role::Client, true);
        let create = Acceptance::CreateAccount;
        let join = Acceptance::JoinExisting(7);
        assert_eq!(confirm_acceptance(create, Some(&live()), None, now()), create);
        assert_eq!(confirm_acceptance(join, Some(&live()), Some(&client), now()), join);
        // Spent by a simultaneous acceptance.
        let used = InvitationState { accepted: true, ..live() };
        assert_eq!(
            confirm_acceptance(join, Some(&used), Some(&client), now()),
            Acceptance::Refused(AcceptanceRefusal::AlreadyUsed)
        );
        // An account appeared for the address: its password was never checked.
        assert_eq!(
            confirm_acceptance(create, Some(&live()), Some(&client), now()),
            Acceptance::Refused(AcceptanceRefusal::AccountCreatedMeanwhile)
        );
        // The account checked was deactivated, or replaced, meanwhile.
        let deactivated = account(Role::Client, false);
        let other = ExistingAccount { id: 8, ..client };
        for current in [Some(&deactivated), Some(&other), None] {
            assert_eq!(
                confirm_acceptance(join, Some(&live()), current, now()),
                Acceptance::Refused(AcceptanceRefusal::AccountCannotJoin)
            );
        }
    }
}
