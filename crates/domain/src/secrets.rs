//! Secrets that must not outlive their delivery: the single-use tokens in password-reset and
//! invitation links. Once an email is sent, what is stored and shown keeps the link's shape
//! without a usable token.

/// What replaces a token's value.
pub const REDACTED: &str = "[masqué-redacted]";

/// Replaces the value of every `token=` query parameter in `text` (plain text or HTML, where the
/// `&` before it may be written `&amp;`) with [`REDACTED`]. Idempotent.
pub fn redact_tokens(text: &str) -> String {
    const KEY: &str = "token=";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        let (before, after) = rest.split_at(at + KEY.len());
        out.push_str(before);
        // Only a query parameter, not a word ending in "token=" such as "csrftoken=".
        let starts_parameter = before[..at].chars().next_back().is_none_or(|c| matches!(c, '?' | '&' | ';' | '#'));
        let value_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '%')))
            .unwrap_or(after.len());
        if starts_parameter && value_len > 0 && !after.starts_with(REDACTED) {
            out.push_str(REDACTED);
        } else {
            out.push_str(&after[..value_len]);
        }
        rest = &after[value_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_in_links_are_masked() {
        let text = "Ouvrez https://portail.nourx.ci/mot-de-passe/reinitialiser?token=Ab-9_x.Y~z%2B pour continuer.";
        assert_eq!(
            redact_tokens(text),
            "Ouvrez https://portail.nourx.ci/mot-de-passe/reinitialiser?token=[masqué-redacted] pour continuer."
        );
        let html = r#"<a href="https://x.ci/invitation/accepter?lang=fr&amp;token=abc123">Accepter</a>"#;
        assert_eq!(
            redact_tokens(html),
            r#"<a href="https://x.ci/invitation/accepter?lang=fr&amp;token=[masqué-redacted]">Accepter</a>"#
        );
    }

    #[test]
    fn everything_else_is_kept_and_masking_twice_changes_nothing() {
        let text = "csrftoken=keep token= ?token=secret&next=/x";
        let once = redact_tokens(text);
        assert_eq!(once, "csrftoken=keep token= ?token=[masqué-redacted]&next=/x");
        assert_eq!(redact_tokens(&once), once);
        assert_eq!(redact_tokens("no link here"), "no link here");
    }
}
