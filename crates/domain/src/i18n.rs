//! A message shown to a person, in both languages the product speaks.

use std::borrow::Cow;

/// The two languages of the product. French is the default everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// Picks the language from an `Accept-Language` header: English only when the
    /// first language the client names is English; French otherwise.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let Some(header) = header else {
            return Lang::Fr;
        };
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality =
                pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let lang = if tag == "en" || tag.starts_with("en-") {
                Lang::En
            } else if tag == "fr" || tag.starts_with("fr-") {
                Lang::Fr
            } else {
                continue;
            };
            if best.is_none_or(|(_, q)| quality > q) {
                best = Some((lang, quality));
            }
        }
        best.map(|(lang, _)| lang).unwrap_or(Lang::Fr)
    }
}

/// A user-facing message with its French and English texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub fr: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Message {
    pub const fn new(fr: &'static str, en: &'static str) -> Self {
        Message { fr: Cow::Borrowed(fr), en: Cow::Borrowed(en) }
    }

    pub fn owned(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Message { fr: Cow::Owned(fr.into()), en: Cow::Owned(en.into()) }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_is_the_default() {
        assert_eq!(Lang::from_accept_language(None), Lang::Fr);
        assert_eq!(Lang::from_accept_language(Some("")), Lang::Fr);
        assert_eq!(Lang::from_accept_language(Some("de-DE,de;q=0.9")), Lang::Fr);
    }

    #[test]
    fn english_when_preferred() {
        assert_eq!(Lang::from_accept_language(Some("en-US,en;q=0.9,fr;q=0.8")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("fr;q=0.5, en;q=0.9")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("fr-CI,en;q=0.9")), Lang::Fr);
    }
}
