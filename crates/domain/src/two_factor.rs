//! Two-factor authentication rules: TOTP codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second
//! steps, one step of clock drift either way, through `totp-rs`), single-use recovery codes,
//! and who must, may or may not use what.

use totp_rs::{Algorithm, Builder, Totp};

/// The name authenticator apps show above the account.
pub const ISSUER: &str = "NOURX";
/// 160 bits, RFC 4226's recommended secret length.
pub const SECRET_BYTES: usize = 20;
/// How many recovery codes an account gets at a time.
pub const RECOVERY_CODE_COUNT: usize = 10;
/// How long a client's "trust this device" lasts.
pub const TRUSTED_DEVICE_DAYS: i64 = 30;
/// How long the password step of a login waits for its code.
pub const PENDING_LOGIN_MINUTES: i64 = 5;
/// Recovery codes: 12 characters of this alphabet (no 0/o, 1/i/l), shown as `xxxx-xxxx-xxxx`.
const RECOVERY_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
const RECOVERY_LENGTH: usize = 12;

/// What a person typed at the second step of a login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactor {
    /// Six digits from the authenticator app.
    Totp(String),
    /// A recovery code, normalized (lower case, no separators).
    RecoveryCode(String),
}

/// Reads a code as typed: spaces and dashes do not matter, nor case. `None` when it can be
/// neither a TOTP code nor a recovery code (it then counts as a wrong code).
pub fn parse_code(input: &str) -> Option<SecondFactor> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if compact.len() == 6 && compact.chars().all(|c| c.is_ascii_digit()) {
        return Some(SecondFactor::Totp(compact));
    }
    normalize_recovery_code(&compact).map(SecondFactor::RecoveryCode)
}

/// A recovery code as stored (lower case, no separators), or `None` if it cannot be one.
pub fn normalize_recovery_code(input: &str) -> Option<String> {
    let compact: String =
        input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_lowercase()).collect();
    (compact.len() == RECOVERY_LENGTH && compact.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))).then_some(compact)
}

/// A recovery code from random bytes (rejection sampling, so every character is equally
/// likely), as shown: `xxxx-xxxx-xxxx`. `None` when the bytes ran out first (ask for more).
pub fn recovery_code_from_random(random: &[u8]) -> Option<String> {
    let limit = (256 / RECOVERY_ALPHABET.len() * RECOVERY_ALPHABET.len()) as u8;
    let chars: Vec<char> = random
        .iter()
        .filter(|b| **b < limit)
        .take(RECOVERY_LENGTH)
        .map(|b| RECOVERY_ALPHABET[usize::from(*b) % RECOVERY_ALPHABET.len()] as char)
        .collect();
    if chars.len() < RECOVERY_LENGTH {
        return None;
    }
    let groups: Vec<String> = chars.chunks(4).map(|group| group.iter().collect()).collect();
    Some(groups.join("-"))
}

fn totp(secret: &[u8], account: &str) -> Option<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret.to_vec())
        .with_issuer(Some(ISSUER))
        .with_account_name(account.replace(':', ""))
        .build()
        .ok()
}

/// The 30-second step of the code `code` for `secret` at `unix_time`, accepting one step of
/// drift either way; `None` for a wrong code (or an unusable secret).
pub fn verify_totp(secret: &[u8], code: &str, unix_time: u64) -> Option<i64> {
    let totp = totp(secret, "")?;
    totp.check(code, unix_time).and_then(|step| i64::try_from(step).ok())
}

/// The code of `secret` at `unix_time` (what the authenticator app shows; for tests).
pub fn totp_code(secret: &[u8], unix_time: u64) -> Option<String> {
    Some(totp(secret, "")?.generate(unix_time).to_string())
}

/// The `otpauth://totp/NOURX:<account>?secret=…&issuer=NOURX` URI authenticator apps read
/// from the QR code.
pub fn otpauth_uri(secret: &[u8], account: &str) -> Option<String> {
    totp(secret, account)?.to_url().ok()
}

/// The secret in base32 in groups of four, for typing it by hand.
pub fn secret_for_people(secret: &[u8]) -> Option<String> {
    let encoded = totp(secret, "")?.secret().to_base32();
    let groups: Vec<String> =
        encoded.trim_end_matches('=').as_bytes().chunks(4).map(|g| String::from_utf8_lossy(g).into_owned()).collect();
    Some(groups.join(" "))
}

/// The secret back from its base32 form (groups, spaces and case do not matter).
pub fn secret_from_people(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
    totp_rs::Secret::try_from_base32(compact).ok().map(|secret| secret.as_ref().to_vec())
}

/// Whether a staff account must enrol before doing anything else: staff must use two-factor
/// authentication where the setting says so, and this one does not yet.
pub fn enrolment_required(is_staff: bool, enabled: bool, staff_required: bool) -> bool {
    is_staff && staff_required && !enabled
}

/// Whether the account may turn two-factor authentication off (staff may not where it is required).
pub fn may_disable(is_staff: bool, staff_required: bool) -> bool {
    !(is_staff && staff_required)
}

/// Only clients may skip the code on a device they trust; staff give it at every login.
pub fn may_trust_device(is_staff: bool) -> bool {
    !is_staff
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238, appendix B: the SHA-1 secret "12345678901234567890"; the RFC's codes have 8
    // digits, ours are their last 6.
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_match_the_rfc_vectors() {
        for (time, code) in
            [(59u64, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")]
        {
            assert_eq!(totp_code(RFC_SECRET, time).as_deref(), Some(code), "at {time}");
            assert_eq!(verify_totp(RFC_SECRET, code, time), Some(i64::try_from(time / 30).expect("step")));
        }
    }

    #[test]
    fn one_step_of_drift_is_accepted_either_way_not_two() {
        let code = totp_code(RFC_SECRET, 1_000_000_000).expect("code");
        let step = 1_000_000_000 / 30;
        assert_eq!(verify_totp(RFC_SECRET, &code, 1_000_000_000 + 30), Some(step));
        assert_eq!(verify_totp(RFC_SECRET, &code, 1_000_000_000 - 30), Some(step));
        assert_eq!(verify_totp(RFC_SECRET, &code, 1_000_000_000 + 65), None);
        assert_eq!(verify_totp(RFC_SECRET, "000000", 1_000_000_000).filter(|_| code != "000000"), None);
        assert_eq!(verify_totp(b"short", &code, 1_000_000_000), None, "secrets under 128 bits are refused");
    }

    #[test]
    fn typed_codes_are_read_leniently() {
        assert_eq!(parse_code(" 123 456 "), Some(SecondFactor::Totp("123456".into())));
        assert_eq!(parse_code("ABCD-EFGH-JKMN"), Some(SecondFactor::RecoveryCode("abcdefghjkmn".into())));
        assert_eq!(parse_code("abcd efgh jkmn"), Some(SecondFactor::RecoveryCode("abcdefghjkmn".into())));
        assert_eq!(parse_code("12345"), None);
        assert_eq!(parse_code("abcd-efgh-jkm0"), None, "0 is not in the alphabet");
        assert_eq!(parse_code(""), None);
    }

    #[test]
    fn recovery_codes_use_the_whole_alphabet_evenly_and_read_back() {
        let random: Vec<u8> = (0..=255u8).collect();
        let code = recovery_code_from_random(&random).expect("enough bytes");
        assert_eq!(code, "2345-6789-abcd");
        assert_eq!(normalize_recovery_code(&code.to_uppercase()).as_deref(), Some("23456789abcd"));
        // Bytes at or above the last full multiple of the alphabet are skipped.
        let high = [255u8; 40];
        assert_eq!(recovery_code_from_random(&high), None);
    }

    #[test]
    fn the_uri_and_the_secret_are_what_apps_expect() {
        let uri = otpauth_uri(RFC_SECRET, "awa@akwaba.demo").expect("uri");
        assert!(
            uri.starts_with("otpauth://totp/NOURX:awa%40akwaba.demo?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
            "{uri}"
        );
        assert!(uri.contains("issuer=NOURX"), "{uri}");
        assert_eq!(secret_for_people(RFC_SECRET).as_deref(), Some("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"));
        assert_eq!(secret_from_people("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").as_deref(), Some(RFC_SECRET));
    }

    #[test]
    fn who_must_and_who_may() {
        assert!(enrolment_required(true, false, true));
        assert!(!enrolment_required(true, true, true));
        assert!(!enrolment_required(true, false, false), "development: the demo admin is exempt");
        assert!(!enrolment_required(false, false, true), "clients choose");
        assert!(!may_disable(true, true));
        assert!(may_disable(true, false));
        assert!(may_disable(false, true));
        assert!(may_trust_device(false));
        assert!(!may_trust_device(true));
    }
}
