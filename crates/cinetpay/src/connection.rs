//! "Tester la connexion": is CinetPay reachable over TLS, and does it accept these credentials?
//!
//! A harmless call answers both: `POST /v2/payment/check` of a transaction id that cannot exist.
//! CinetPay checks the credentials before it looks the transaction up (CINETPAY.md §2.5, §4.4,
//! §4.6): `609` (unknown api key) and `613` (site id not valid for the key) mean refused; any other
//! code means the credentials were accepted and the transaction simply was not found (the sandbox
//! answers `627`). Two codes say nothing sure: `608` (missing fields: our request is wrong) and
//! `624`, CinetPay's catch-all, listed both for a wrong api key and among the candidate answers for
//! an unknown transaction; the test reports them as unexpected rather than guess.

use crate::{Client, Credentials, Error};

/// What a probe's answer code says about the credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialsVerdict {
    Accepted,
    Refused,
    /// The request itself was refused (608), or the code is ambiguous (624): say so rather than guess.
    Unexpected,
}

/// The verdict of a check answer's `code` on a transaction id that does not exist.
pub fn credentials_verdict(code: &str) -> CredentialsVerdict {
    match code.trim() {
        "609" | "613" => CredentialsVerdict::Refused,
        "608" | "624" | "" => CredentialsVerdict::Unexpected,
        _ => CredentialsVerdict::Accepted,
    }
}

/// The outcome of a connection test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectionTest {
    /// Reached over TLS (or plain HTTP if so configured) and the credentials were accepted; the
    /// probe's answer code and message (e.g. `627 TRANSACTION_CANCEL` for "not found").
    Accepted { code: String, message: String },
    /// CinetPay answered and refused the credentials.
    CredentialsRefused { code: String, message: String },
    /// CinetPay answered something that says nothing about the credentials.
    Unexpected { http_status: u16, code: String, message: String },
    /// Not reached: connection, TLS (an unknown authority, a wrong name), timeout, 5xx, not JSON.
    Unreachable(String),
    /// Nothing to test with: no usable base URL, CA file or credentials.
    Misconfigured(String),
}

impl ConnectionTest {
    pub fn is_ok(&self) -> bool {
        matches!(self, ConnectionTest::Accepted { .. })
    }

    /// One line, in English, for logs and the command line.
    pub fn describe(&self) -> String {
        match self {
            ConnectionTest::Accepted { code, message } => {
                format!("credentials accepted (probe answered {code} {message})")
            }
            ConnectionTest::CredentialsRefused { code, message } => {
                format!("credentials refused: {code} {message} (check CINETPAY_API_KEY and CINETPAY_SITE_ID)")
            }
            ConnectionTest::Unexpected { http_status, code, message } if code == "624" => format!(
                "ambiguous answer: HTTP {http_status}, code 624 {message} (CinetPay's catch-all, often a wrong CINETPAY_API_KEY)"
            ),
            ConnectionTest::Unexpected { http_status, code, message } => {
                format!("unexpected answer: HTTP {http_status}, code {code} {message}")
            }
            ConnectionTest::Unreachable(reason) => format!("unreachable: {reason}"),
            ConnectionTest::Misconfigured(reason) => format!("not configured: {reason}"),
        }
    }
}

impl From<Error> for ConnectionTest {
    fn from(error: Error) -> ConnectionTest {
        match error {
            Error::Config(reason) => ConnectionTest::Misconfigured(reason),
            Error::Unavailable(reason) => ConnectionTest::Unreachable(reason),
            Error::UntrustedCheckoutUrl { .. } => ConnectionTest::Unreachable(error.to_string()),
            Error::Rejected { http_status, code, message, .. } => {
                ConnectionTest::Unexpected { http_status, code, message }
            }
        }
    }
}

impl Client {
    /// Checks the connection and the credentials with a check of a transaction id that cannot
    /// exist (`NOURX-CHECK-` and 16 random hex digits): nothing is created at CinetPay.
    pub async fn test_connection(&self, credentials: &Credentials) -> ConnectionTest {
        let probe = probe_transaction_id();
        match self.check_payment(credentials, &probe).await {
            Err(error) => error.into(),
            Ok(answer) => match credentials_verdict(&answer.code) {
                CredentialsVerdict::Accepted => ConnectionTest::Accepted { code: answer.code, message: answer.message },
                CredentialsVerdict::Refused => {
                    ConnectionTest::CredentialsRefused { code: answer.code, message: answer.message }
                }
                CredentialsVerdict::Unexpected => ConnectionTest::Unexpected {
                    http_status: answer.http_status,
                    code: answer.code,
                    message: answer.message,
                },
            },
        }
    }
}

fn probe_transaction_id() -> String {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; 8];
    // Uniqueness only matters so that the probe never names a real transaction; a failing system
    // RNG leaves zeros, which is still no transaction of ours (ours are `NX…`).
    let _ = ring::rand::SystemRandom::new().fill(&mut bytes);
    let hex: String = bytes.iter().map(|byte| format!("{byte:02X}")).collect();
    format!("NOURX-CHECK-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_codes_refuse_and_not_found_accepts() {
        assert_eq!(credentials_verdict("609"), CredentialsVerdict::Refused);
        assert_eq!(credentials_verdict("613"), CredentialsVerdict::Refused);
        assert_eq!(credentials_verdict("624"), CredentialsVerdict::Unexpected);
        // The sandbox's (and likely CinetPay's) answer for an unknown transaction.
        assert_eq!(credentials_verdict("627"), CredentialsVerdict::Accepted);
        assert_eq!(credentials_verdict("404"), CredentialsVerdict::Accepted);
        assert_eq!(credentials_verdict("00"), CredentialsVerdict::Accepted);
        assert_eq!(credentials_verdict("608"), CredentialsVerdict::Unexpected);
        assert_eq!(credentials_verdict(" "), CredentialsVerdict::Unexpected);
    }

    #[test]
    fn probes_are_random_and_safe_transaction_ids() {
        let (first, second) = (probe_transaction_id(), probe_transaction_id());
        assert_ne!(first, second);
        assert!(first.starts_with("NOURX-CHECK-") && first.len() == 28, "{first}");
        assert!(first.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }

    #[test]
    fn only_accepted_is_ok() {
        assert!(ConnectionTest::Accepted { code: "627".into(), message: "TRANSACTION_CANCEL".into() }.is_ok());
        let refused = ConnectionTest::CredentialsRefused { code: "609".into(), message: "AUTH_NOT_FOUND".into() };
        assert!(!refused.is_ok());
        assert!(refused.describe().contains("609 AUTH_NOT_FOUND"));
        assert!(!ConnectionTest::Unreachable("timeout".into()).is_ok());
    }
}
