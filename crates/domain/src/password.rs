//! Password rules in the spirit of NIST SP 800-63B: long enough, not a known
//! common password, not the user's own name or email, and no composition rules.

use crate::i18n::Message;
use std::collections::HashSet;
use std::sync::OnceLock;

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

static COMMON_PASSWORDS_TXT: &str = include_str!("../data/common-passwords.txt");

fn common_passwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON_PASSWORDS_TXT.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
    })
}

/// What a password is checked against besides the fixed rules: the user's own attributes.
#[derive(Debug, Default, Clone, Copy)]
pub struct PasswordRules<'a> {
    pub email: Option<&'a str>,
    pub full_name: Option<&'a str>,
}

/// A password that passed every rule. Only this type can be hashed and stored.
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    /// Checks `candidate` against every rule and returns all the broken ones,
    /// so that the form can show them together.
    pub fn parse(candidate: &str, rules: PasswordRules<'_>) -> Result<NewPassword, Vec<Message>> {
        let mut problems = Vec::new();
        let length = candidate.chars().count();
        if length < MIN_LENGTH {
            problems.push(Message::owned(
                format!("Ce mot de passe est trop court : il doit contenir au moins {MIN_LENGTH} caractères."),
                format!("This password is too short. It must contain at least {MIN_LENGTH} characters."),
            ));
        }
        if length > MAX_LENGTH {
            problems.push(Message::owned(
                format!("Ce mot de passe est trop long : {MAX_LENGTH} caractères au maximum."),
                format!("This password is too long: at most {MAX_LENGTH} characters."),
            ));
        }
        let lowered = candidate.trim().to_lowercase();
        if common_passwords().contains(lowered.as_str()) {
            problems.push(Message::new("Ce mot de passe est trop courant.", "This password is too common."));
        }
        if is_similar_to_attributes(&lowered, rules) {
            problems.push(Message::new(
                "Ce mot de passe ressemble trop à votre nom ou à votre adresse e-mail.",
                "This password is too similar to your name or email address.",
            ));
        }
        if problems.is_empty() { Ok(NewPassword(candidate.to_owned())) } else { Err(problems) }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A password is "similar" when, once the user's email or name is removed from it,
/// fewer than 6 characters remain: `awa@akwaba.demo2026` adds nothing an attacker
/// who knows the user could not guess.
fn is_similar_to_attributes(lowered: &str, rules: PasswordRules<'_>) -> bool {
    let mut attributes: Vec<String> = Vec::new();
    if let Some(email) = rules.email {
        let email = email.trim().to_lowercase();
        if let Some((local, _)) = email.split_once('@') {
            attributes.push(local.to_owned());
        }
        attributes.push(email);
    }
    if let Some(name) = rules.full_name {
        let name = name.trim().to_lowercase();
        attributes.push(name.replace(' ', ""));
        attributes.extend(name.split_whitespace().map(str::to_owned));
    }
    attributes
        .into_iter()
        .filter(|attribute| attribute.chars().count() >= 3)
        .any(|attribute| lowered.contains(&attribute) && lowered.replace(&attribute, "").chars().count() < 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages_en(result: Result<NewPassword, Vec<Message>>) -> Vec<String> {
        result.err().unwrap_or_default().into_iter().map(|m| m.en.into_owned()).collect()
    }

    #[test]
    fn accepts_a_long_uncommon_passphrase_without_composition_rules() {
        assert!(NewPassword::parse("mangue plantain soleil", PasswordRules::default()).is_ok());
        assert!(NewPassword::parse("alllowercaseletters", PasswordRules::default()).is_ok());
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        // 12 characters, 17 bytes.
        assert!(NewPassword::parse("éééééécafé12", PasswordRules::default()).is_ok());
        let too_short = messages_en(NewPassword::parse("ééééééééééé", PasswordRules::default()));
        assert_eq!(too_short.len(), 1);
        assert!(too_short[0].contains("too short"));
    }

    #[test]
    fn rejects_too_long() {
        let long = "a".repeat(129);
        assert!(messages_en(NewPassword::parse(&long, PasswordRules::default()))[0].contains("too long"));
        assert!(NewPassword::parse(&"ab".repeat(64), PasswordRules::default()).is_ok());
    }

    #[test]
    fn rejects_common_passwords_case_insensitively() {
        let problems = messages_en(NewPassword::parse("AzertyUiop123", PasswordRules::default()));
        assert_eq!(problems, vec!["This password is too common.".to_owned()]);
        assert!(NewPassword::parse("q1w2e3r4t5y6", PasswordRules::default()).is_err());
    }

    #[test]
    fn rejects_passwords_built_from_the_users_identity() {
        let rules = PasswordRules { email: Some("awa.kone@akwaba.demo"), full_name: Some("Awa Koné") };
        assert!(NewPassword::parse("awa.kone2026", rules).is_err());
        assert!(NewPassword::parse("AWAKONÉ12345", rules).is_err());
        assert!(NewPassword::parse("awa.kone aime le garba", rules).is_ok());
    }

    #[test]
    fn reports_every_broken_rule_in_both_languages() {
        let problems = NewPassword::parse("awa", PasswordRules { email: Some("awa@akwaba.demo"), full_name: None })
            .err()
            .unwrap_or_default();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].fr.contains("trop court"));
    }

    #[test]
    fn the_shipped_list_is_loaded() {
        assert!(common_passwords().len() > 200);
        assert!(common_passwords().contains("motdepasse123"));
    }
}
