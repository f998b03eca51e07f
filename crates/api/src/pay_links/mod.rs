//! Pay links: a signed, expiring, revocable link to one invoice, for WhatsApp or SMS. Staff and
//! the client's payers make them (`manage`); whoever opens one sees that invoice only and can pay
//! it through CinetPay without an account, then download the receipt (`public`).
//!
//! The token is 32 random bytes in base64url (43 characters): it cannot be guessed, and only its
//! SHA-256 is stored, so a leak of the database does not leak working links.

mod manage;
mod public;

pub use manage::*;
pub use public::*;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use nourx_db::PgConn;
use nourx_db::pay_links::{self, PayLink};
use nourx_domain::pay_link::LinkState;
use ring::rand::{SecureRandom, SystemRandom};

use crate::http::error::ApiError;

/// A new token and its hash.
fn new_token() -> Result<(String, Vec<u8>), ApiError> {
    let mut bytes = [0u8; 32];
    SystemRandom::new().fill(&mut bytes).map_err(|_| ApiError::internal(anyhow::anyhow!("no randomness")))?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = ring::digest::digest(&ring::digest::SHA256, token.as_bytes()).as_ref().to_vec();
    Ok((token, hash))
}

/// The link of `token` while it works: 404 for a token that is not one (same answer whatever is
/// wrong with it), 410 once expired or revoked.
pub(crate) fn usable_link(conn: &mut PgConn, token: &str) -> Result<PayLink, ApiError> {
    if token.len() != 43 || !token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(ApiError::NotFound);
    }
    let hash = ring::digest::digest(&ring::digest::SHA256, token.as_bytes());
    let link = pay_links::by_token_hash(conn, hash.as_ref())?.ok_or(ApiError::NotFound)?;
    match LinkState::of(link.expires_at, link.revoked_at, nourx_db::clock::transaction_now(conn)?).refusal() {
        None => Ok(link),
        Some((code, message)) => Err(ApiError::Gone { code, message }),
    }
}
