//! Who a user is to the product: NOURX staff or a client's person, and their language; and how a
//! change of an account is named (what may be changed: [`crate::team`]).

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// `admin` and `staff` are NOURX staff (admins also manage the settings and the team, see
/// [`crate::policy::can_staff`]); `client` is a person working for one or more client companies.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Staff,
    Client,
}

impl Role {
    pub const ALL: &'static [Self] = &[Role::Admin, Role::Staff, Role::Client];
    /// The roles of NOURX staff, for queries (those [`Role::is_staff`] says yes to).
    pub const STAFF: [Self; 2] = [Role::Admin, Role::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Client => "client",
        }
    }

    /// Whether the account is NOURX staff (either staff role): sees every client, has the staff
    /// session lifetimes and network rule, and must enrol in two-factor authentication.
    pub fn is_staff(self) -> bool {
        match self {
            Role::Admin | Role::Staff => true,
            Role::Client => false,
        }
    }
}

impl Role {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "admin" => Some(Role::Admin),
            "staff" => Some(Role::Staff),
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
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(*role));
        }
        assert!(Role::Admin.is_staff() && Role::Staff.is_staff() && !Role::Client.is_staff());
        assert!(Role::ALL.iter().all(|role| role.is_staff() == Role::STAFF.contains(role)));
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
    fn account_changes_are_named_for_the_audit_log() {
        assert_eq!(AccountChange::of(false, None), None);
        assert_eq!(AccountChange::of(true, None).map(AccountChange::as_str), Some("role_change"));
        assert_eq!(AccountChange::of(false, Some(true)).map(AccountChange::as_str), Some("activate"));
        assert_eq!(AccountChange::of(false, Some(false)).map(AccountChange::as_str), Some("deactivate"));
        assert_eq!(AccountChange::of(true, Some(false)).map(AccountChange::as_str), Some("update"));
    }
}

crate::stored_as_text!(Role, Locale);
