//! The `x-token` header of CinetPay's notifications (CINETPAY.md §3.3): HMAC-SHA256 with the
//! merchant's secret key over 16 form values concatenated in a documented order, lowercase hex.
//!
//! The order is the formula's, never the order in which the fields arrived, and a missing field
//! counts as an empty string. A valid token proves the notification came from CinetPay, not what
//! happened: the outcome is read from `/v2/payment/check`.

use ring::hmac;

/// The 16 fields of the x-token HMAC, in the documented order (CINETPAY.md §3.3).
pub const TOKEN_FIELDS: [&str; 16] = [
    "cpm_site_id",
    "cpm_trans_id",
    "cpm_trans_date",
    "cpm_amount",
    "cpm_currency",
    "signature",
    "payment_method",
    "cel_phone_num",
    "cpm_phone_prefixe",
    "cpm_language",
    "cpm_version",
    "cpm_payment_config",
    "cpm_page_action",
    "cpm_custom",
    "cpm_designation",
    "cpm_error_message",
];

/// An HMAC-SHA256 is 32 bytes, 64 hex digits.
const TOKEN_BYTES: usize = 32;

/// Lowercase hex HMAC-SHA256 (ring) over the fields' values concatenated in TOKEN_FIELDS order,
/// a missing field counting as "". `value_of` looks a field up by name.
pub fn token<'a>(secret_key: &[u8], value_of: impl Fn(&str) -> Option<&'a str>) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret_key);
    let tag = hmac::sign(&key, &message(value_of));
    hex::encode(tag)
}

/// Constant-time check (ring::hmac::verify) of a received x-token (hex, either case; trimmed) against the form.
pub fn verify<'a>(secret_key: &[u8], value_of: impl Fn(&str) -> Option<&'a str>, received: &str) -> bool {
    let Ok(received) = hex::decode(received.trim()) else {
        return false;
    };
    if received.len() != TOKEN_BYTES {
        return false;
    }
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret_key);
    hmac::verify(&key, &message(value_of), &received).is_ok()
}

/// A lookup over form pairs as decoded (the first value of a repeated name wins), for [`token`]
/// and [`verify`]: `verify(key, notification::lookup(&pairs), token)`.
pub fn lookup<'a>(pairs: &'a [(String, String)]) -> impl Fn(&str) -> Option<&'a str> {
    move |name| pairs.iter().find(|(field, _)| field == name).map(|(_, value)| value.as_str())
}

/// The signed message: the UTF-8 values in formula order, no separator.
fn message<'a>(value_of: impl Fn(&str) -> Option<&'a str>) -> Vec<u8> {
    TOKEN_FIELDS.iter().flat_map(|field| value_of(field).unwrap_or("").bytes()).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    const KEY: &[u8] = b"my-secret-key";
    /// CINETPAY.md §3.3, computed independently with Python's `hmac` and `openssl dgst`.
    const FULL_TOKEN: &str = "63ca798b7e06da21c0245717d4691ea7e087c52c6f4e118b11abfa4e14fcfa2b";
    const EMPTY_CUSTOM_AND_MESSAGE_TOKEN: &str = "52b07b60924911fd3db037e70b0cbcbbd1618920ce24bc1e869b326b1a2c6ed1";

    fn vector() -> Vec<(String, String)> {
        [
            ("cpm_site_id", "123456"),
            ("cpm_trans_id", "ORDER-0001"),
            ("cpm_trans_date", "2022-09-29 14:13:16"),
            ("cpm_amount", "100"),
            ("cpm_currency", "XOF"),
            ("signature", "abcdef0123456789"),
            ("payment_method", "OM"),
            ("cel_phone_num", "0707070707"),
            ("cpm_phone_prefixe", "225"),
            ("cpm_language", "fr"),
            ("cpm_version", "V4"),
            ("cpm_payment_config", "SINGLE"),
            ("cpm_page_action", "PAYMENT"),
            ("cpm_custom", "order-42"),
            ("cpm_designation", "Test payment"),
            ("cpm_error_message", "SUCCES"),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
    }

    fn with(mut pairs: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
        for pair in &mut pairs {
            if pair.0 == name {
                pair.1 = value.to_owned();
            }
        }
        pairs
    }

    #[test]
    fn the_documented_vector() {
        let pairs = vector();
        assert_eq!(token(KEY, lookup(&pairs)), FULL_TOKEN);
        assert!(verify(KEY, lookup(&pairs), FULL_TOKEN));
    }

    #[test]
    fn the_vector_with_empty_custom_and_error_message() {
        let pairs = with(with(vector(), "cpm_custom", ""), "cpm_error_message", "");
        assert_eq!(token(KEY, lookup(&pairs)), EMPTY_CUSTOM_AND_MESSAGE_TOKEN);
        assert!(verify(KEY, lookup(&pairs), EMPTY_CUSTOM_AND_MESSAGE_TOKEN));
    }

    #[test]
    fn missing_fields_count_as_empty() {
        let pairs: Vec<_> =
            vector().into_iter().filter(|(name, _)| name != "cpm_custom" && name != "cpm_error_message").collect();
        assert_eq!(token(KEY, lookup(&pairs)), EMPTY_CUSTOM_AND_MESSAGE_TOKEN);
    }

    #[test]
    fn uppercase_and_surrounding_spaces_are_accepted() {
        let pairs = vector();
        assert!(verify(KEY, lookup(&pairs), &FULL_TOKEN.to_uppercase()));
        assert!(verify(KEY, lookup(&pairs), &format!("  {FULL_TOKEN}\n")));
    }

    #[test]
    fn a_one_character_change_is_refused() {
        let pairs = vector();
        // In the token…
        let mut altered = FULL_TOKEN.to_owned();
        altered.replace_range(0..1, "7");
        assert!(!verify(KEY, lookup(&pairs), &altered));
        // …in a value…
        assert!(!verify(KEY, lookup(&with(vector(), "cpm_amount", "101")), FULL_TOKEN));
        assert!(!verify(KEY, lookup(&with(vector(), "cpm_designation", "Test paymenT")), FULL_TOKEN));
        // …or in the key.
        assert!(!verify(b"my-secret-kez", lookup(&pairs), FULL_TOKEN));
    }

    #[test]
    fn malformed_tokens_are_refused() {
        let pairs = vector();
        for received in ["", "zz", &FULL_TOKEN[..62], &format!("{FULL_TOKEN}00"), &FULL_TOKEN.replace('a', "g")] {
            assert!(!verify(KEY, lookup(&pairs), received), "{received:?}");
        }
    }

    #[test]
    fn the_arrival_order_is_irrelevant() {
        let mut reversed = vector();
        reversed.reverse();
        assert_eq!(token(KEY, lookup(&reversed)), FULL_TOKEN);
        let map: HashMap<String, String> = vector().into_iter().collect();
        assert!(verify(KEY, |name| map.get(name).map(String::as_str), FULL_TOKEN));
        // Extra fields are not part of the message.
        let mut extra = vector();
        extra.insert(3, ("cpm_result".to_owned(), "00".to_owned()));
        assert!(verify(KEY, lookup(&extra), FULL_TOKEN));
    }

    #[test]
    fn non_ascii_values_are_signed_as_utf8() {
        let pairs = with(vector(), "cpm_designation", "Facture n° 12 — Akwaba");
        let signed = token(KEY, lookup(&pairs));
        assert_eq!(signed.len(), 64);
        assert!(verify(KEY, lookup(&pairs), &signed));
    }
}
