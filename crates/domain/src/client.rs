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
    /// Made for a prospect's quotes, without members; active once the prospect converts.
    Prospect,
}

impl ClientStatus {
    pub const ALL: &'static [Self] = &[ClientStatus::Active, ClientStatus::Archived, ClientStatus::Prospect];

    pub fn as_str(self) -> &'static str {
        match self {
            ClientStatus::Active => "active",
            ClientStatus::Archived => "archived",
            ClientStatus::Prospect => "prospect",
        }
    }

    pub fn parse(s: &str) -> Option<ClientStatus> {
        ClientStatus::ALL.iter().copied().find(|status| status.as_str() == s)
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

/// How big a client company is: a segmentation field the CRM reuses.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClientSize {
    Solo,
    Small,
    Medium,
    Large,
}

impl ClientSize {
    pub const ALL: &'static [Self] = &[ClientSize::Solo, ClientSize::Small, ClientSize::Medium, ClientSize::Large];

    pub fn as_str(self) -> &'static str {
        match self {
            ClientSize::Solo => "solo",
            ClientSize::Small => "small",
            ClientSize::Medium => "medium",
            ClientSize::Large => "large",
        }
    }

    pub fn parse(s: &str) -> Option<ClientSize> {
        ClientSize::ALL.iter().copied().find(|size| size.as_str() == s)
    }
}

crate::stored_as_text!(ClientSize);

/// Which back-office list a saved filter belongs to (more scopes with the CRM).
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FilterScope {
    Clients,
    Prospects,
    /// The support inbox.
    Tickets,
}

impl FilterScope {
    pub const ALL: &'static [Self] = &[FilterScope::Clients, FilterScope::Prospects, FilterScope::Tickets];

    pub fn as_str(self) -> &'static str {
        match self {
            FilterScope::Clients => "clients",
            FilterScope::Prospects => "prospects",
            FilterScope::Tickets => "tickets",
        }
    }

    pub fn parse(s: &str) -> Option<FilterScope> {
        FilterScope::ALL.iter().copied().find(|scope| scope.as_str() == s)
    }
}

crate::stored_as_text!(FilterScope);

pub const MAX_TAGS: usize = 10;
pub const MAX_TAG_CHARS: usize = 30;

/// A client's tags as stored: trimmed, lowercase, without blanks or duplicates, in the order
/// given; refused when there are more than [`MAX_TAGS`] or one is longer than [`MAX_TAG_CHARS`].
pub fn normalize_tags(tags: &[String]) -> Result<Vec<String>, Message> {
    let mut kept: Vec<String> = Vec::new();
    for tag in tags.iter().map(|tag| tag.trim().to_lowercase()).filter(|tag| !tag.is_empty()) {
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(Message::owned(
                format!("Étiquette « {tag} » trop longue : {MAX_TAG_CHARS} caractères au maximum."),
                format!("Tag \"{tag}\" is too long: at most {MAX_TAG_CHARS} characters."),
            ));
        }
        if !kept.contains(&tag) {
            kept.push(tag);
        }
    }
    if kept.len() > MAX_TAGS {
        return Err(Message::owned(format!("{MAX_TAGS} étiquettes au maximum."), format!("At most {MAX_TAGS} tags.")));
    }
    Ok(kept)
}

/// What a client has that deleting it would erase: it is then only archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ClientRecords {
    pub invoices: i64,
    pub quotes: i64,
    pub payments: i64,
    pub projects: i64,
    /// Support tickets (with or without a project).
    pub tickets: i64,
}

/// Whether a client may be deleted (its members and invitations go with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientDeletion {
    Allowed,
    /// It has business records: archive it instead.
    HasRecords(ClientRecords),
}

pub fn decide_deletion(records: ClientRecords) -> ClientDeletion {
    if records == ClientRecords::default() { ClientDeletion::Allowed } else { ClientDeletion::HasRecords(records) }
}

impl ClientRecords {
    /// "Ce client a 3 factures et 1 projet : archivez-le plutôt." and its English.
    pub fn refusal(&self) -> Message {
        let kinds = [
            (self.invoices, "facture", "factures", "invoice", "invoices"),
            (self.quotes, "devis", "devis", "quote", "quotes"),
            (self.payments, "paiement", "paiements", "payment", "payments"),
            (self.projects, "projet", "projets", "project", "projects"),
            (self.tickets, "ticket", "tickets", "ticket", "tickets"),
        ];
        let present: Vec<_> = kinds.iter().filter(|kind| kind.0 > 0).collect();
        let list = |french: bool| {
            let words: Vec<String> = present
                .iter()
                .map(|(n, fr1, fr, en1, en)| match (french, *n == 1) {
                    (true, true) => format!("1 {fr1}"),
                    (true, false) => format!("{n} {fr}"),
                    (false, true) => format!("1 {en1}"),
                    (false, false) => format!("{n} {en}"),
                })
                .collect();
            match words.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} {} {last}", rest.join(", "), if french { "et" } else { "and" }),
                None => String::new(),
            }
        };
        Message::owned(
            format!("Ce client a {} : il ne peut pas être supprimé, archivez-le plutôt.", list(true)),
            format!("This client has {}: it cannot be deleted; archive it instead.", list(false)),
        )
    }
}

/// Whether a person may log in, from their account and the clients they belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginAccess {
    Allowed,
    Deactivated,
    /// Every client of theirs is archived: answered like a deactivated account.
    EveryClientArchived,
}

/// `client_statuses`: the status of each client the person is a member of (none for NOURX staff,
/// and for a client account that belongs to no client any more, which still logs in to an empty
/// portal as today).
pub fn login_access(is_active: bool, client_statuses: &[ClientStatus]) -> LoginAccess {
    if !is_active {
        LoginAccess::Deactivated
    } else if !client_statuses.is_empty() && client_statuses.iter().all(|status| *status == ClientStatus::Archived) {
        LoginAccess::EveryClientArchived
    } else {
        LoginAccess::Allowed
    }
}

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

    #[test]
    fn sizes_round_trip() {
        for size in ClientSize::ALL {
            assert_eq!(ClientSize::parse(size.as_str()), Some(*size));
        }
        assert_eq!(FilterScope::parse("clients"), Some(FilterScope::Clients));
        assert_eq!(ClientSize::parse("Large"), None);
    }

    #[test]
    fn tags_are_trimmed_lowercased_deduplicated_and_bounded() {
        let given: Vec<String> = [" BTP ", "btp", "", "Export"].iter().map(|t| t.to_string()).collect();
        assert_eq!(normalize_tags(&given), Ok(vec!["btp".to_owned(), "export".to_owned()]));
        let eleven: Vec<String> = (0..11).map(|n| format!("t{n}")).collect();
        assert!(normalize_tags(&eleven).is_err());
        assert!(normalize_tags(&["x".repeat(31)]).is_err());
        assert!(normalize_tags(&["é".repeat(30)]).is_ok(), "characters, not bytes");
    }

    #[test]
    fn only_a_client_without_records_is_deleted() {
        assert_eq!(decide_deletion(ClientRecords::default()), ClientDeletion::Allowed);
        let records = ClientRecords { invoices: 3, projects: 1, ..Default::default() };
        assert_eq!(decide_deletion(records), ClientDeletion::HasRecords(records));
        let message = records.refusal();
        assert_eq!(
            message.fr,
            "Ce client a 3 factures et 1 projet : il ne peut pas être supprimé, archivez-le plutôt."
        );
        assert_eq!(message.en, "This client has 3 invoices and 1 project: it cannot be deleted; archive it instead.");
        let one = ClientRecords { quotes: 1, ..Default::default() };
        assert_eq!(one.refusal().en, "This client has 1 quote: it cannot be deleted; archive it instead.");
    }

    #[test]
    fn members_of_archived_clients_only_are_refused_at_login() {
        use ClientStatus::*;
        assert_eq!(login_access(true, &[]), LoginAccess::Allowed);
        assert_eq!(login_access(true, &[Archived, Active]), LoginAccess::Allowed);
        assert_eq!(login_access(true, &[Archived, Archived]), LoginAccess::EveryClientArchived);
        assert_eq!(login_access(false, &[Active]), LoginAccess::Deactivated);
    }
}
