//! Pay links: an invoice paid without an account, from a link sent by WhatsApp or SMS. The link
//! carries 32 random bytes (it cannot be guessed); it expires, can be revoked, and shows one
//! invoice only.

use chrono::{DateTime, Duration, Utc};

use crate::i18n::Message;

pub const DEFAULT_DAYS: u32 = 30;
pub const MAX_DAYS: u32 = 90;

/// Whether a link still opens its invoice (the `state` staff see: `active`, `expired`, `revoked`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = PayLinkState)]
pub enum LinkState {
    /// It works: whoever holds it sees the invoice and may pay it.
    Active,
    /// Past its `expires_at`.
    Expired,
    /// Disabled by someone who may share the invoice (`revoked_at`).
    Revoked,
}

impl LinkState {
    pub fn of(expires_at: DateTime<Utc>, revoked_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> LinkState {
        match (revoked_at, expires_at <= now) {
            (Some(_), _) => LinkState::Revoked,
            (None, true) => LinkState::Expired,
            (None, false) => LinkState::Active,
        }
    }

    /// Why a link that no longer works does not: its code and what to say.
    pub fn refusal(self) -> Option<(&'static str, Message)> {
        match self {
            LinkState::Active => None,
            LinkState::Expired => Some((
                "link_expired",
                Message::new(
                    "Ce lien de paiement a expiré. Demandez-en un nouveau à NOURX ou réglez depuis votre espace client.",
                    "This payment link has expired. Ask NOURX for a new one, or pay from your client space.",
                ),
            )),
            LinkState::Revoked => Some((
                "link_revoked",
                Message::new(
                    "Ce lien de paiement a été désactivé. Demandez-en un nouveau à NOURX.",
                    "This payment link was disabled. Ask NOURX for a new one.",
                ),
            )),
        }
    }
}

/// Openings of a link from one address within this many minutes of the one that counted are the
/// same visit: a reload, the way back from CinetPay, the page drawn again after paying.
pub const VISIT_MINUTES: i64 = 30;

/// What opening a link does to what staff see of its use (`use_count`, `last_used_at`): a use is
/// a visit, not a page load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// The first opening from this address, or the first one [`VISIT_MINUTES`] after the last
    /// that counted: one more use, the link's last use now.
    NewVisit,
    /// Within the visit that counted last from this address: nothing changes.
    SameVisit,
}

impl Opening {
    /// `last_counted`: when an opening of the link from the same address last counted, if ever.
    pub fn of(last_counted: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Opening {
        match last_counted {
            Some(at) if now < at + Duration::minutes(VISIT_MINUTES) => Opening::SameVisit,
            _ => Opening::NewVisit,
        }
    }
}

/// The validity asked for a new link, in days (default 30, at most 90).
pub fn validity_days(asked: Option<u32>) -> Result<u32, Message> {
    match asked.unwrap_or(DEFAULT_DAYS) {
        days @ 1..=MAX_DAYS => Ok(days),
        _ => Err(Message::new("Entre 1 et 90 jours.", "Between 1 and 90 days.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_link_works_until_it_expires_or_is_revoked() {
        let now = Utc::now();
        assert_eq!(LinkState::of(now + Duration::days(1), None, now), LinkState::Active);
        assert_eq!(LinkState::of(now, None, now), LinkState::Expired);
        assert_eq!(LinkState::of(now + Duration::days(1), Some(now), now), LinkState::Revoked);
        assert_eq!(LinkState::Active.refusal(), None);
        assert_eq!(LinkState::Expired.refusal().map(|(code, _)| code), Some("link_expired"));
        assert_eq!(serde_json::to_value(LinkState::Active).ok(), Some(serde_json::json!("active")));
        assert_eq!(serde_json::to_value(LinkState::Revoked).ok(), Some(serde_json::json!("revoked")));
    }

    #[test]
    fn an_address_opening_a_link_again_within_half_an_hour_is_the_same_visit() {
        let now = Utc::now();
        assert_eq!(Opening::of(None, now), Opening::NewVisit);
        assert_eq!(Opening::of(Some(now), now), Opening::SameVisit);
        assert_eq!(Opening::of(Some(now - Duration::minutes(29)), now), Opening::SameVisit);
        assert_eq!(Opening::of(Some(now - Duration::minutes(VISIT_MINUTES)), now), Opening::NewVisit);
        assert_eq!(Opening::of(Some(now - Duration::days(3)), now), Opening::NewVisit);
        // A clock a little ahead on another replica: still that visit.
        assert_eq!(Opening::of(Some(now + Duration::seconds(2)), now), Opening::SameVisit);
    }

    #[test]
    fn validity_is_one_to_ninety_days() {
        assert_eq!(validity_days(None), Ok(30));
        assert_eq!(validity_days(Some(90)), Ok(90));
        assert!(validity_days(Some(0)).is_err());
        assert!(validity_days(Some(91)).is_err());
    }
}
