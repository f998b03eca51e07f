//! A short, readable name for the device behind a session, from its User-Agent:
//! "Chrome sur Android", "Safari on iPhone". Good enough to recognize one's own sessions;
//! never used for a security decision.

use crate::Lang;

/// The browser and the system named by a User-Agent, when recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Device {
    pub browser: Option<&'static str>,
    pub os: Option<&'static str>,
}

/// Reads a User-Agent. Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
pub fn parse_user_agent(user_agent: &str) -> Device {
    let ua = user_agent;
    let has = |needle: &str| ua.contains(needle);
    let browser = if has("Edg/") || has("EdgA/") || has("EdgiOS/") {
        Some("Edge")
    } else if has("OPR/") || has("Opera") {
        Some("Opera")
    } else if has("SamsungBrowser/") {
        Some("Samsung Internet")
    } else if has("Firefox/") || has("FxiOS/") {
        Some("Firefox")
    } else if has("Chrome/") || has("CriOS/") || has("Chromium/") {
        Some("Chrome")
    } else if has("Safari/") && has("Version/") {
        Some("Safari")
    } else if has("curl/") {
        Some("curl")
    } else {
        None
    };
    let os = if has("iPhone") {
        Some("iPhone")
    } else if has("iPad") {
        Some("iPad")
    } else if has("Android") {
        Some("Android")
    } else if has("CrOS") {
        Some("ChromeOS")
    } else if has("Windows") {
        Some("Windows")
    } else if has("Macintosh") || has("Mac OS X") {
        Some("macOS")
    } else if has("Linux") {
        Some("Linux")
    } else {
        None
    };
    Device { browser, os }
}

impl Device {
    /// "Chrome sur Android" / "Chrome on Android"; "Appareil inconnu" when nothing is recognized.
    pub fn label(&self, lang: Lang) -> String {
        let (on, unknown_browser, unknown) = match lang {
            Lang::Fr => ("sur", "Navigateur", "Appareil inconnu"),
            Lang::En => ("on", "Browser", "Unknown device"),
        };
        match (self.browser, self.os) {
            (Some(browser), Some(os)) => format!("{browser} {on} {os}"),
            (Some(browser), None) => browser.to_owned(),
            (None, Some(os)) => format!("{unknown_browser} {on} {os}"),
            (None, None) => unknown.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(ua: &str) -> String {
        parse_user_agent(ua).label(Lang::Fr)
    }

    #[test]
    fn common_browsers_get_a_short_name() {
        assert_eq!(
            label(
                "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
            ),
            "Chrome sur Android"
        );
        assert_eq!(
            label(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
            ),
            "Safari sur iPhone"
        );
        assert_eq!(
            label(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
            ),
            "Edge sur Windows"
        );
        assert_eq!(
            label("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0"),
            "Firefox sur macOS"
        );
        assert_eq!(
            label(
                "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A245F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36"
            ),
            "Samsung Internet sur Android"
        );
        assert_eq!(
            label(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"
            ),
            "Chrome sur Linux"
        );
        assert_eq!(parse_user_agent("curl/8.5.0").label(Lang::En), "curl");
        assert_eq!(label(""), "Appareil inconnu");
        assert_eq!(parse_user_agent("Mozilla/5.0 (Windows NT 10.0)").label(Lang::En), "Browser on Windows");
    }
}
