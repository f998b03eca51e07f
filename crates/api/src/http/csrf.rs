//! CSRF tokens: random, sent as a cookie readable by JavaScript, echoed in a header.

use actix_web::cookie::{Cookie, SameSite, time};

use crate::http::random::random_token;

pub const CSRF_COOKIE: &str = "csrftoken";
pub const CSRF_HEADER: &str = "x-csrftoken";

pub fn new_token() -> String {
    random_token()
}

/// A token we could have issued (43 base64url characters): anything else is replaced.
pub fn is_well_formed(token: &str) -> bool {
    token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Compares in time independent of where the tokens differ (their length is not secret).
pub fn tokens_match(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build(CSRF_COOKIE, token)
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(false)
        .secure(secure)
        .max_age(time::Duration::days(365))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_exactly() {
        let token = new_token();
        assert!(is_well_formed(&token));
        assert!(tokens_match(&token, &token.clone()));
        assert!(!tokens_match(&token, &new_token()));
        assert!(!tokens_match(&token, &token[..42]));
        assert!(!is_well_formed("short"));
    }
}
