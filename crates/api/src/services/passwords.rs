//! Password hashing with Argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane),
//! always on the blocking pool: a hash takes tens of milliseconds of CPU.

use std::sync::LazyLock;

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use nourx_domain::NewPassword;

use crate::http::error::ApiError;

fn hasher() -> Argon2<'static> {
    // The constants are valid Argon2 parameters; `Params::new` only rejects out-of-range values.
    #[allow(clippy::expect_used)]
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Verified against when the email is unknown, so that an unknown email costs
/// the same time as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    hasher().hash_password(b"nourx-dummy-password-for-timing").map(|h| h.to_string()).unwrap_or_default()
});

pub fn hash_blocking(password: &NewPassword) -> Result<String, ApiError> {
    hasher()
        .hash_password(password.expose().as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| ApiError::internal(anyhow::anyhow!("hashing a password: {e}")))
}

/// Checks `candidate` against `stored` (or against a dummy hash when there is no user).
pub fn verify_blocking(stored: Option<&str>, candidate: &str) -> bool {
    let stored = stored.unwrap_or(DUMMY_HASH.as_str());
    let matched = match PasswordHash::new(stored) {
        Ok(parsed) => hasher().verify_password(candidate.as_bytes(), &parsed).is_ok(),
        Err(_) => {
            // An unusable password ('!'): spend the same time, then refuse.
            if let Ok(parsed) = PasswordHash::new(DUMMY_HASH.as_str()) {
                let _ = hasher().verify_password(candidate.as_bytes(), &parsed);
            }
            false
        }
    };
    matched && stored != DUMMY_HASH.as_str()
}

/// Argon2 computations running at once, machine-wide: each holds 19 MiB and a core for tens of
/// milliseconds, so a flood of logins queues here instead of exhausting memory and the blocking
/// pool; past [`QUEUE_WAIT`] in the queue a request gets a quick 503.
static ARGON2_SLOTS: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    tokio::sync::Semaphore::new((2 * cores).clamp(2, 32))
});

/// How long a password check may wait for a free slot before answering 503.
const QUEUE_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

async fn with_slot<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    let slot = tokio::time::timeout(QUEUE_WAIT, ARGON2_SLOTS.acquire())
        .await
        .map_err(|_| ApiError::Unavailable("every password-hashing slot is busy".into()))?
        .map_err(ApiError::internal)?;
    let result = actix_web::web::block(work).await.map_err(ApiError::internal);
    drop(slot);
    result
}

pub async fn hash(password: NewPassword) -> Result<String, ApiError> {
    with_slot(move || hash_blocking(&password)).await?
}

pub async fn verify(stored: Option<String>, candidate: String) -> Result<bool, ApiError> {
    with_slot(move || verify_blocking(stored.as_deref(), &candidate)).await
}

/// Computes the dummy hash ahead of the first login, which would otherwise pay for it.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

#[cfg(test)]
mod tests {
    use super::*;
    use nourx_domain::PasswordRules;

    #[test]
    fn hashes_verify_and_carry_the_parameters() {
        let password = NewPassword::parse("mangue plantain soleil", PasswordRules::default()).expect("valid");
        let hash = hash_blocking(&password).expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(verify_blocking(Some(&hash), "mangue plantain soleil"));
        assert!(!verify_blocking(Some(&hash), "mangue plantain soleil!"));
        assert!(!verify_blocking(None, "nourx-dummy-password-for-timing"));
        assert!(!verify_blocking(Some("!"), "anything"));
    }
}
