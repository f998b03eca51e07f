//! A client company: whether it is current, and the rules about its members (who may be
//! invited, and the owner every client keeps).

use crate::i18n::Message;
use crate::user::Role;
use crate::workflow::MemberRole;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Whether a client is current. Archived clients stay readable.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClientStatus {
    #[default]
    Active,
    Archived,
}

impl ClientStatus {
    pub const ALL: &'static [Self] = &[ClientStatus::Active, ClientStatus::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            ClientStatus::Active => "active",
            ClientStatus::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<ClientStatus> {
        match s {
            "active" => Some(ClientStatus::Active),
            "archived" => Some(ClientStatus::Archived),
            _ => None,
        }
    }
}

impl FromStr for ClientStatus {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        ClientStatus::parse(s).ok_or(())
    }
}

impl fmt::Display for ClientStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::stored_as_text!(ClientStatus);

/// Why an address cannot be invited into a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteRefusal {
    /// NOURX staff see every client already.
    StaffAccount,
    AlreadyMember,
}

impl InviteRefusal {
    pub fn message(self) -> Message {
        match self {
            InviteRefusal::StaffAccount => Message::new(
                "Cette adresse est celle d'un compte NOURX : il voit déjà tous les clients.",
                "This address belongs to a NOURX staff account, which already sees every client.",
            ),
            InviteRefusal::AlreadyMember => Message::new(
                "Cette personne est déjà membre de ce client.",
                "This person is already a member of this client.",
            ),
        }
    }
}

/// Whether an address that has an account may be invited: from the account's role and whether
/// it is a member of the client already. (An address without one may always be.)
pub fn check_invitee(role: Role, already_member: bool) -> Result<(), InviteRefusal> {
    match (role, already_member) {
        (Role::Admin | Role::Staff, _) => Err(InviteRefusal::StaffAccount),
        (Role::Client, true) => Err(InviteRefusal::AlreadyMember),
        (Role::Client, false) => Ok(()),
    }
}

/// What a change of a member's role comes to. (Whether the caller may change roles at all is
/// the policy's `ManageMembers`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleChange {
    /// The member already has this role: nothing to write or audit.
    Unchanged,
    Change {
        from: MemberRole,
        to: MemberRole,
    },
    /// Refused: the client would be left without an owner.
    LastOwner,
}

/// `other_owners`: whether the client has owners besides this member.
pub fn decide_role_change(current: MemberRole, wanted: MemberRole, other_owners: bool) -> RoleChange {
    if current == wanted {
        RoleChange::Unchanged
    } else if current == MemberRole::Owner && !other_owners {
        RoleChange::LastOwner
    } else {
        RoleChange::Change { from: current, to: wanted }
    }
}

/// Whether a member may leave the client: not its last owner. `other_owners` as above.
pub fn may_remove_member(role: MemberRole, other_owners: bool) -> bool {
    role != MemberRole::Owner || other_owners
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for status in ClientStatus::ALL {
            assert_eq!(ClientStatus::parse(status.as_str()), Some(*status));
        }
        assert_eq!(ClientStatus::parse("Active"), None);
        assert_eq!(ClientStatus::default(), ClientStatus::Active);
    }

    #[test]
    fn staff_and_members_are_not_invited() {
        assert_eq!(check_invitee(Role::Client, false), Ok(()));
        assert_eq!(check_invitee(Role::Client, true), Err(InviteRefusal::AlreadyMember));
        assert_eq!(check_invitee(Role::Admin, false), Err(InviteRefusal::StaffAccount));
    }

    #[test]
    fn a_client_keeps_an_owner() {
        use MemberRole::*;
        assert_eq!(decide_role_change(Owner, Owner, false), RoleChange::Unchanged);
        assert_eq!(decide_role_change(Owner, Member, false), RoleChange::LastOwner);
        assert_eq!(decide_role_change(Owner, Viewer, true), RoleChange::Change { from: Owner, to: Viewer });
        assert_eq!(decide_role_change(Viewer, Owner, false), RoleChange::Change { from: Viewer, to: Owner });
        assert!(!may_remove_member(Owner, false));
        assert!(may_remove_member(Owner, true));
        assert!(may_remove_member(Viewer, false));
    }
}
