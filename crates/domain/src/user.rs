//! Who a user is to the product: NOURX staff or a client's person, and their language; and what
//! staff may change about an account.

use crate::i18n::{Lang, Message};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// `admin` is NOURX staff; `client` is a person working for one or more client companies.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Client,
}

impl Role {
    pub const ALL: &'static [Self] = &[Role::Admin, Role::Client];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Client => "client",
        }
    }
}

impl Role {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "admin" => Some(Role::Admin),
            "client" => Some(Role::Client),
            _ => None,
        }
    }
}

impl FromStr for Role {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Role::parse(s).ok_or(())
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The language a user reads the product in.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    pub const ALL: &'static [Self] = &[Locale::Fr, Locale::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }
}

impl Locale {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "fr" => Some(Locale::Fr),
            "en" => Some(Locale::En),
            _ => None,
        }
    }
}

impl FromStr for Locale {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Locale::parse(s).ok_or(())
    }
}

/// A locale is the language its messages are read in.
impl From<Locale> for Lang {
    fn from(locale: Locale) -> Lang {
        match locale {
            Locale::Fr => Lang::Fr,
            Locale::En => Lang::En,
        }
    }
}

impl From<Lang> for Locale {
    fn from(lang: Lang) -> Locale {
        match lang {
            Lang::Fr => Locale::Fr,
            Lang::En => Locale::En,
        }
    }
}

/// What NOURX staff may not do to their own account, so that nobody locks themselves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnAccountRefusal {
    /// Deactivating it (every session would end, and nobody else might be able to undo it).
    Deactivate,
    /// Giving up the staff role.
    Demote,
}

impl OwnAccountRefusal {
    /// The field of the change refused.
    pub fn field(self) -> &'static str {
        match self {
            OwnAccountRefusal::Deactivate => "is_active",
            OwnAccountRefusal::Demote => "role",
        }
    }

    pub fn message(self) -> Message {
        match self {
            OwnAccountRefusal::Deactivate => Message::new(
                "Vous ne pouvez pas désactiver votre propre compte.",
                "You cannot deactivate your own account.",
            ),
            OwnAccountRefusal::Demote => Message::new(
                "Vous ne pouvez pas retirer votre propre rôle d'administrateur.",
                "You cannot demote yourself.",
            ),
        }
    }
}

/// The changes refused when staff change an account (`is_active`, `role`; `None` keeps), empty
/// when every change may go ahead.
pub fn own_account_refusals(is_own: bool, is_active: Option<bool>, role: Option<Role>) -> Vec<OwnAccountRefusal> {
    let mut refusals = Vec::new();
    if is_own && is_active == Some(false) {
        refusals.push(OwnAccountRefusal::Deactivate);
    }
    if is_own && role.is_some_and(|role| role != Role::Admin) {
        refusals.push(OwnAccountRefusal::Demote);
    }
    refusals
}

/// What a change of an account by staff was, as the audit log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountChange {
    RoleChange,
    Activate,
    Deactivate,
    /// The role and the activation together.
    Update,
}

impl AccountChange {
    /// From what actually changed: whether the role did, and the new activation if it did.
    /// `None` when nothing changed (nothing to audit).
    pub fn of(role_changed: bool, activation: Option<bool>) -> Option<AccountChange> {
        match (role_changed, activation) {
            (false, None) => None,
            (true, None) => Some(AccountChange::RoleChange),
            (false, Some(true)) => Some(AccountChange::Activate),
            (false, Some(false)) => Some(AccountChange::Deactivate),
            (true, Some(_)) => Some(AccountChange::Update),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AccountChange::RoleChange => "role_change",
            AccountChange::Activate => "activate",
            AccountChange::Deactivate => "deactivate",
            AccountChange::Update => "update",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_and_locale_round_trip() {
        for role in [Role::Admin, Role::Client] {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        for locale in [Locale::Fr, Locale::En] {
            assert_eq!(locale.as_str().parse::<Locale>(), Ok(locale));
        }
        assert!("superuser".parse::<Role>().is_err());
        assert!("de".parse::<Locale>().is_err());
        for locale in Locale::ALL {
            assert_eq!(Locale::from(Lang::from(*locale)), *locale);
        }
    }

    #[test]
    fn staff_cannot_lock_themselves_out() {
        use OwnAccountRefusal::*;
        assert_eq!(own_account_refusals(true, Some(false), Some(Role::Client)), [Deactivate, Demote]);
        assert_eq!(own_account_refusals(true, Some(true), Some(Role::Admin)), []);
        assert_eq!(own_account_refusals(true, None, None), []);
        assert_eq!(own_account_refusals(false, Some(false), Some(Role::Client)), [], "another account: anything goes");
        assert_eq!(Deactivate.field(), "is_active");
        assert_eq!(Demote.field(), "role");
    }

    #[test]
    fn account_changes_are_named_for_the_audit_log() {
        assert_eq!(AccountChange::of(false, None), None);
        assert_eq!(AccountChange::of(true, None).map(AccountChange::as_str), Some("role_change"));
        assert_eq!(AccountChange::of(false, Some(true)).map(AccountChange::as_str), Some("activate"));
        assert_eq!(AccountChange::of(false, Some(false)).map(AccountChange::as_str), Some("deactivate"));
        assert_eq!(AccountChange::of(true, Some(false)).map(AccountChange::as_str), Some("update"));
    }
}

crate::stored_as_text!(Role, Locale);
