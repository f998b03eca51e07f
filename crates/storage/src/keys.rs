//! Object keys: chosen by the server, so a strict alphabet is no loss, and it keeps keys safe
//! as file paths (local backend), in URLs and in policies without any escaping.

use crate::StorageError;

/// Longest key S3 accepts.
const MAX_KEY_BYTES: usize = 1024;

/// Accepts `[A-Za-z0-9/_.-]+` made of non-empty `/`-separated segments, none of them `.` or `..`,
/// at most 1024 bytes. So no leading or trailing slash, no `//`, no way out of the storage root.
pub fn validate_key(key: &str) -> Result<(), StorageError> {
    let alphabet = key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'.' | b'-'));
    let segments = key.split('/').all(|segment| !matches!(segment, "" | "." | ".."));
    if key.is_empty() || key.len() > MAX_KEY_BYTES || !alphabet || !segments || key.contains("..") {
        return Err(StorageError::InvalidKey(key.chars().take(200).collect()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate_key;

    #[test]
    fn keys_of_the_app_are_valid() {
        for key in [
            "documents/0190f3a2-7c1e-7d2a-9b1c-1f2e3d4c5b6a/contrat-v2.pdf",
            "invoices/2026/FAC-2026-0001.pdf",
            "a",
            "A_b-c.d/e",
            ".hidden/file",
        ] {
            assert!(validate_key(key).is_ok(), "{key}");
        }
    }

    #[test]
    fn dangerous_or_odd_keys_are_refused() {
        let too_long = "a".repeat(1025);
        for key in [
            "",
            "/etc/passwd",
            "../secret",
            "a/../b",
            "a/..",
            "a..b",
            "./a",
            "a/./b",
            "a//b",
            "a/",
            "a b",
            "a\\b",
            "a%2Fb",
            "été.pdf",
            "a?b",
            "a\0b",
            "${filename}",
            too_long.as_str(),
        ] {
            assert!(validate_key(key).is_err(), "{key:?} should be refused");
        }
        assert!(validate_key(&"a".repeat(1024)).is_ok());
    }
}
