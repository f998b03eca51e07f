//! Email addresses, compared case-insensitively as the product promises.

use crate::i18n::Message;
use std::fmt;

/// A syntactically plausible email address, trimmed and lower-cased.
///
/// Lower-casing the whole address is deliberate: mailbox providers used by our
/// clients treat the local part case-insensitively, and users type it both ways.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

pub const INVALID_EMAIL: Message = Message::new("Saisissez une adresse e-mail valide.", "Enter a valid email address.");

impl Email {
    pub fn parse(input: &str) -> Result<Email, Message> {
        let normalized = input.trim().to_lowercase();
        if normalized.len() > 254 || normalized.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(INVALID_EMAIL);
        }
        let Some((local, domain)) = normalized.rsplit_once('@') else {
            return Err(INVALID_EMAIL);
        };
        let domain_ok = !domain.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.split('.').all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
            && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(INVALID_EMAIL);
        }
        Ok(Email(normalized))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or_default()
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_and_spaces() {
        let email = Email::parse("  Awa@Akwaba.DEMO ").expect("valid");
        assert_eq!(email.as_str(), "awa@akwaba.demo");
        assert_eq!(email.local_part(), "awa");
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "awa",
            "awa@",
            "@akwaba.demo",
            "awa@akwaba",
            "a b@c.ci",
            "awa@.ci",
            "awa@ci.",
            "awa@a..ci",
            "awa@-a.ci",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn accepts_unicode_domains_and_plus() {
        assert!(Email::parse("kofi+portal@baobab-foods.ci").is_ok());
        assert!(Email::parse("info@école.ci").is_ok());
    }
}
