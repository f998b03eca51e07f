//! NOURX's team: what a change of an account by staff may do (who may change roles and
//! deactivate staff, and the rules that keep an admin in charge), and staff invitations.

use chrono::{DateTime, Utc};

use crate::i18n::Message;
use crate::policy::{StaffAction, can_staff};
use crate::user::Role;

/// An account as it is before a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountState {
    pub role: Role,
    pub is_active: bool,
}

/// A change asked for (`None` keeps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AccountEdit {
    pub role: Option<Role>,
    pub is_active: Option<bool>,
}

/// Why a change of an account is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountChangeRefusal {
    /// Team management (changing a role, activating or deactivating a staff account) is for
    /// admins: 403.
    NotAllowed,
    /// Deactivating one's own account (every session would end, nobody might undo it): 409.
    DeactivateSelf,
    /// An admin giving up their own admin role: 409.
    DemoteSelf,
    /// The change would leave no active admin to manage the team and the settings: 409.
    LastAdmin,
}

impl AccountChangeRefusal {
    /// The `code` of the 409 body (`None` for the 403).
    pub fn code(self) -> Option<&'static str> {
        match self {
            AccountChangeRefusal::NotAllowed => None,
            AccountChangeRefusal::DeactivateSelf => Some("cannot_deactivate_self"),
            AccountChangeRefusal::DemoteSelf => Some("cannot_demote_self"),
            AccountChangeRefusal::LastAdmin => Some("last_admin"),
        }
    }

    pub fn message(self) -> Message {
        match self {
            AccountChangeRefusal::NotAllowed => Message::new(
                "Seul un administrateur peut gérer l'équipe NOURX.",
                "Only an admin can manage the NOURX team.",
            ),
            AccountChangeRefusal::DeactivateSelf => Message::new(
                "Vous ne pouvez pas désactiver votre propre compte.",
                "You cannot deactivate your own account.",
            ),
            AccountChangeRefusal::DemoteSelf => Message::new(
                "Vous ne pouvez pas retirer votre propre rôle d'administrateur : demandez-le à un autre administrateur.",
                "You cannot give up your own admin role: ask another admin.",
            ),
            AccountChangeRefusal::LastAdmin => Message::new(
                "C'est le dernier administrateur actif : nommez d'abord un autre administrateur.",
                "This is the last active admin: make someone else an admin first.",
            ),
        }
    }
}

/// Whether a member of staff of `caller_role` may apply `edit` to `target` (their own account
/// when `is_own`); `other_active_admins` says whether an active admin other than the target
/// exists. Changing a client's activation is ordinary staff work; changing a role, or the
/// activation of a staff account, is team management.
pub fn decide_account_change(
    caller_role: Role,
    is_own: bool,
    target: AccountState,
    edit: AccountEdit,
    other_active_admins: bool,
) -> Result<(), AccountChangeRefusal> {
    let new_role = edit.role.filter(|role| *role != target.role);
    let deactivates = edit.is_active == Some(false) && target.is_active;
    let activation_changes = edit.is_active.is_some_and(|active| active != target.is_active);
    let is_team_change = new_role.is_some() || (activation_changes && target.role.is_staff());
    if is_team_change && !can_staff(caller_role, StaffAction::ManageTeam) {
        return Err(AccountChangeRefusal::NotAllowed);
    }
    if is_own && deactivates {
        return Err(AccountChangeRefusal::DeactivateSelf);
    }
    let demotes_admin = target.role == Role::Admin && new_role.is_some();
    if is_own && demotes_admin {
        return Err(AccountChangeRefusal::DemoteSelf);
    }
    if target.role == Role::Admin && target.is_active && (demotes_admin || deactivates) && !other_active_admins {
        return Err(AccountChangeRefusal::LastAdmin);
    }
    Ok(())
}

/// What resetting the two-factor authentication of an account of `target` role is: team
/// management for a staff account (it ends their sessions and makes them enrol again), ordinary
/// staff work for a client's.
pub fn two_factor_reset_action(target: Role) -> StaffAction {
    if target.is_staff() { StaffAction::ManageTeam } else { StaffAction::UseBackOffice }
}

/// How long a staff invitation link works.
pub const STAFF_INVITATION_VALIDITY_DAYS: i64 = 7;

/// A staff invitation as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaffInvitationState {
    pub expires_at: DateTime<Utc>,
    pub accepted: bool,
    pub revoked: bool,
}

/// Where a staff invitation stands, as the team page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffInvitationStatus {
    Pending,
    Accepted,
    Expired,
    Revoked,
}

impl StaffInvitationState {
    pub fn status(&self, now: DateTime<Utc>) -> StaffInvitationStatus {
        if self.accepted {
            StaffInvitationStatus::Accepted
        } else if self.revoked {
            StaffInvitationStatus::Revoked
        } else if self.expires_at <= now {
            StaffInvitationStatus::Expired
        } else {
            StaffInvitationStatus::Pending
        }
    }
}

/// A role and what it may do, as the invitation email says it ("Votre rôle : …").
pub fn role_label(role: Role) -> Message {
    match role {
        Role::Admin => Message::new(
            "administrateur (tous les droits, y compris les paramètres et la gestion de l'équipe)",
            "admin (everything, settings and team management included)",
        ),
        Role::Staff => Message::new(
            "équipe (tout sauf les paramètres et la gestion de l'équipe)",
            "staff (everything but the settings and team management)",
        ),
        Role::Client => Message::new("client", "client"),
    }
}

/// Which roles a staff invitation may give: the staff ones.
pub fn may_invite_as(role: Role) -> bool {
    role.is_staff()
}

/// Why a staff invitation cannot be sent (again): 409.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffInviteRefusal {
    /// The address already has an account.
    AddressTaken,
    /// Accepted already: nothing to resend or revoke.
    AlreadyAccepted,
    /// Revoked: invite the person again instead.
    Revoked,
}

impl StaffInviteRefusal {
    pub fn code(self) -> &'static str {
        match self {
            StaffInviteRefusal::AddressTaken => "email_taken",
            StaffInviteRefusal::AlreadyAccepted => "invitation_accepted",
            StaffInviteRefusal::Revoked => "invitation_revoked",
        }
    }

    pub fn message(self) -> Message {
        match self {
            StaffInviteRefusal::AddressTaken => {
                Message::new("Un compte existe déjà pour cette adresse.", "An account already exists for this address.")
            }
            StaffInviteRefusal::AlreadyAccepted => {
                Message::new("Cette invitation a déjà été acceptée.", "This invitation has already been accepted.")
            }
            StaffInviteRefusal::Revoked => Message::new(
                "Cette invitation a été révoquée : invitez la personne à nouveau.",
                "This invitation was revoked: invite the person again.",
            ),
        }
    }
}

/// Whether an invitation may be resent (new link, new expiry) or revoked: not once accepted or
/// revoked. Expired ones may be resent.
pub fn check_resend_or_revoke(status: StaffInvitationStatus) -> Result<(), StaffInviteRefusal> {
    match status {
        StaffInvitationStatus::Pending | StaffInvitationStatus::Expired => Ok(()),
        StaffInvitationStatus::Accepted => Err(StaffInviteRefusal::AlreadyAccepted),
        StaffInvitationStatus::Revoked => Err(StaffInviteRefusal::Revoked),
    }
}

/// Why a staff invitation link cannot be accepted. The person is told only that the link does not
/// work, whatever the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffAcceptanceRefusal {
    Used,
    Revoked,
    Expired,
    /// An account was created for the address since the invitation: it is not taken over.
    AddressTaken,
}

/// Whether the invitation may be accepted now, creating an account for its address (which has
/// none when `address_taken` is false). Decided before the form is checked, and again in the
/// transaction with the invitation locked.
pub fn decide_staff_acceptance(
    invitation: StaffInvitationState,
    address_taken: bool,
    now: DateTime<Utc>,
) -> Result<(), StaffAcceptanceRefusal> {
    match invitation.status(now) {
        StaffInvitationStatus::Accepted => Err(StaffAcceptanceRefusal::Used),
        StaffInvitationStatus::Revoked => Err(StaffAcceptanceRefusal::Revoked),
        StaffInvitationStatus::Expired => Err(StaffAcceptanceRefusal::Expired),
        StaffInvitationStatus::Pending if address_taken => Err(StaffAcceptanceRefusal::AddressTaken),
        StaffInvitationStatus::Pending => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AccountChangeRefusal::*;
    use chrono::Duration;

    const ADMIN: AccountState = AccountState { role: Role::Admin, is_active: true };
    const STAFF: AccountState = AccountState { role: Role::Staff, is_active: true };
    const CLIENT: AccountState = AccountState { role: Role::Client, is_active: true };

    fn role(role: Role) -> AccountEdit {
        AccountEdit { role: Some(role), is_active: None }
    }

    fn active(is_active: bool) -> AccountEdit {
        AccountEdit { role: None, is_active: Some(is_active) }
    }

    #[test]
    fn staff_deactivate_clients_but_only_admins_manage_the_team() {
        assert_eq!(decide_account_change(Role::Staff, false, CLIENT, active(false), true), Ok(()));
        let inactive_client = AccountState { is_active: false, ..CLIENT };
        assert_eq!(decide_account_change(Role::Staff, false, inactive_client, active(true), true), Ok(()));
        assert_eq!(decide_account_change(Role::Staff, false, STAFF, active(false), true), Err(NotAllowed));
        assert_eq!(decide_account_change(Role::Staff, false, ADMIN, active(false), true), Err(NotAllowed));
        assert_eq!(decide_account_change(Role::Staff, false, CLIENT, role(Role::Staff), true), Err(NotAllowed));
        assert_eq!(decide_account_change(Role::Staff, true, STAFF, role(Role::Admin), true), Err(NotAllowed));
        assert_eq!(decide_account_change(Role::Staff, false, ADMIN, role(Role::Staff), true), Err(NotAllowed));
        // What changes nothing is no team change.
        assert_eq!(decide_account_change(Role::Staff, false, STAFF, role(Role::Staff), true), Ok(()));
        assert_eq!(decide_account_change(Role::Staff, false, STAFF, active(true), true), Ok(()));
        assert_eq!(decide_account_change(Role::Client, false, CLIENT, role(Role::Admin), true), Err(NotAllowed));
    }

    #[test]
    fn admins_change_roles_and_deactivate_staff() {
        assert_eq!(decide_account_change(Role::Admin, false, STAFF, role(Role::Admin), true), Ok(()));
        assert_eq!(decide_account_change(Role::Admin, false, ADMIN, role(Role::Staff), true), Ok(()));
        assert_eq!(decide_account_change(Role::Admin, false, STAFF, active(false), true), Ok(()));
        assert_eq!(decide_account_change(Role::Admin, false, CLIENT, role(Role::Staff), true), Ok(()));
    }

    #[test]
    fn nobody_locks_themselves_out() {
        assert_eq!(decide_account_change(Role::Admin, true, ADMIN, active(false), true), Err(DeactivateSelf));
        assert_eq!(decide_account_change(Role::Admin, true, ADMIN, role(Role::Staff), true), Err(DemoteSelf));
        assert_eq!(decide_account_change(Role::Admin, true, ADMIN, role(Role::Client), true), Err(DemoteSelf));
        let both = AccountEdit { role: Some(Role::Client), is_active: Some(false) };
        assert_eq!(decide_account_change(Role::Admin, true, ADMIN, both, true), Err(DeactivateSelf));
        assert_eq!(decide_account_change(Role::Admin, true, ADMIN, role(Role::Admin), true), Ok(()));
        assert_eq!(decide_account_change(Role::Admin, true, ADMIN, AccountEdit::default(), false), Ok(()));
        assert_eq!(decide_account_change(Role::Staff, true, STAFF, active(false), true), Err(NotAllowed));
    }

    #[test]
    fn the_last_active_admin_stays() {
        assert_eq!(decide_account_change(Role::Admin, false, ADMIN, role(Role::Staff), false), Err(LastAdmin));
        assert_eq!(decide_account_change(Role::Admin, false, ADMIN, active(false), false), Err(LastAdmin));
        assert_eq!(decide_account_change(Role::Admin, false, ADMIN, role(Role::Staff), true), Ok(()));
        // An inactive admin is not in charge of anything: it may be demoted.
        let inactive = AccountState { is_active: false, ..ADMIN };
        assert_eq!(decide_account_change(Role::Admin, false, inactive, role(Role::Staff), false), Ok(()));
        assert_eq!(decide_account_change(Role::Admin, false, STAFF, active(false), false), Ok(()));
    }

    #[test]
    fn resetting_a_staff_members_two_factor_is_team_management() {
        assert!(can_staff(Role::Staff, two_factor_reset_action(Role::Client)));
        assert!(!can_staff(Role::Staff, two_factor_reset_action(Role::Staff)));
        assert!(!can_staff(Role::Staff, two_factor_reset_action(Role::Admin)));
        assert!(can_staff(Role::Admin, two_factor_reset_action(Role::Admin)));
    }

    #[test]
    fn refusals_have_codes_and_messages() {
        assert_eq!(NotAllowed.code(), None);
        for refusal in [DeactivateSelf, DemoteSelf, LastAdmin] {
            assert!(refusal.code().is_some());
            assert!(!refusal.message().fr.is_empty() && !refusal.message().en.is_empty());
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default()
    }

    fn live() -> StaffInvitationState {
        StaffInvitationState { expires_at: now() + Duration::days(7), accepted: false, revoked: false }
    }

    #[test]
    fn invitation_status() {
        use StaffInvitationStatus::*;
        assert_eq!(live().status(now()), Pending);
        assert_eq!(StaffInvitationState { expires_at: now(), ..live() }.status(now()), Expired);
        assert_eq!(StaffInvitationState { revoked: true, ..live() }.status(now()), Revoked);
        let accepted_then_expired = StaffInvitationState { accepted: true, expires_at: now(), revoked: false };
        assert_eq!(accepted_then_expired.status(now()), Accepted);
        assert_eq!(check_resend_or_revoke(Pending), Ok(()));
        assert_eq!(check_resend_or_revoke(Expired), Ok(()), "an expired invitation may be sent again");
        assert_eq!(check_resend_or_revoke(Accepted), Err(StaffInviteRefusal::AlreadyAccepted));
        assert_eq!(check_resend_or_revoke(Revoked), Err(StaffInviteRefusal::Revoked));
        assert!(may_invite_as(Role::Admin) && may_invite_as(Role::Staff) && !may_invite_as(Role::Client));
    }

    #[test]
    fn only_a_pending_invitation_of_a_free_address_is_accepted() {
        use StaffAcceptanceRefusal::*;
        assert_eq!(decide_staff_acceptance(live(), false, now()), Ok(()));
        assert_eq!(decide_staff_acceptance(live(), true, now()), Err(AddressTaken));
        assert_eq!(decide_staff_acceptance(StaffInvitationState { accepted: true, ..live() }, false, now()), Err(Used));
        assert_eq!(
            decide_staff_acceptance(StaffInvitationState { revoked: true, ..live() }, false, now()),
            Err(Revoked)
        );
        let expired = StaffInvitationState { expires_at: now(), ..live() };
        assert_eq!(decide_staff_acceptance(expired, false, now()), Err(Expired), "a link stops working at its expiry");
    }
}
