//! Emails waiting to be delivered: where each one stands.

use std::fmt;

/// The delivery state of an email of the outbox.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxStatus {
    /// Waiting for its first attempt, or for the next one after a failure.
    Pending,
    Sent,
    /// Gave up after the last attempt (still listed for admins, never deleted).
    Failed,
    /// No SMTP server configured: kept for the admin mail viewer.
    Kept,
}

impl OutboxStatus {
    pub const ALL: [OutboxStatus; 4] = [Self::Pending, Self::Sent, Self::Failed, Self::Kept];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Kept => "kept",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

impl fmt::Display for OutboxStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for status in OutboxStatus::ALL {
            assert_eq!(OutboxStatus::parse(status.as_str()), Some(status));
            assert_eq!(status.to_string(), status.as_str());
        }
        assert_eq!(OutboxStatus::parse("queued"), None);
    }
}

crate::stored_as_text!(OutboxStatus);
