//! actix-session's `SessionStore` over PostgreSQL (diesel).
//!
//! Keys are 256 random bits; only their SHA-256 is stored. The idle limit is
//! enforced at load time (and `last_seen_at` refreshed at most once a minute),
//! so the absolute lifetime set at creation is never extended.

use std::collections::HashMap;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::time::Duration as CookieDuration;
use nourx_db::{Db, sessions};
use uuid::Uuid;

use crate::random::{random_token, sha256};

/// The session entry holding the logged-in user's id.
pub const USER_ID_KEY: &str = "user_id";

type SessionState = HashMap<String, String>;

#[derive(Clone)]
pub struct PgSessionStore {
    db: Db,
    idle: chrono::Duration,
}

impl PgSessionStore {
    pub fn new(db: Db, idle: chrono::Duration) -> Self {
        PgSessionStore { db, idle }
    }
}

/// The SHA-256 of a session key, as stored.
pub fn key_hash(key: &str) -> Vec<u8> {
    sha256(key.as_bytes())
}

fn user_id_of(state: &SessionState) -> Option<Uuid> {
    state.get(USER_ID_KEY).and_then(|raw| serde_json::from_str::<Uuid>(raw).ok())
}

impl SessionStore for PgSessionStore {
    async fn load(&self, session_key: &SessionKey) -> Result<Option<SessionState>, LoadError> {
        let hash = key_hash(session_key.as_ref());
        let idle = self.idle;
        let state = self
            .db
            .run(move |conn| sessions::load_live(conn, &hash, idle).map_err(anyhow::Error::from))
            .await
            .map_err(LoadError::Other)?;
        state.map(serde_json::from_value::<SessionState>).transpose().map_err(|e| LoadError::Deserialization(e.into()))
    }

    async fn save(&self, session_state: SessionState, ttl: &CookieDuration) -> Result<SessionKey, SaveError> {
        let key = random_token();
        let hash = key_hash(&key);
        let user_id = user_id_of(&session_state);
        let state = serde_json::to_value(&session_state).map_err(|e| SaveError::Serialization(e.into()))?;
        let lifetime = chrono::Duration::seconds(ttl.whole_seconds());
        self.db
            .run(move |conn| sessions::insert(conn, &hash, user_id, &state, lifetime).map_err(anyhow::Error::from))
            .await
            .map_err(SaveError::Other)?;
        SessionKey::try_from(key).map_err(|e| SaveError::Other(e.into()))
    }

    async fn update(
        &self,
        session_key: SessionKey,
        session_state: SessionState,
        _ttl: &CookieDuration,
    ) -> Result<SessionKey, UpdateError> {
        let hash = key_hash(session_key.as_ref());
        let user_id = user_id_of(&session_state);
        let state = serde_json::to_value(&session_state).map_err(|e| UpdateError::Serialization(e.into()))?;
        // A session revoked meanwhile (logout elsewhere, password change) stays revoked:
        // it is not re-created from this request's copy of its state.
        self.db
            .run(move |conn| sessions::update_state(conn, &hash, user_id, &state).map_err(anyhow::Error::from))
            .await
            .map_err(UpdateError::Other)?;
        Ok(session_key)
    }

    async fn update_ttl(&self, _session_key: &SessionKey, _ttl: &CookieDuration) -> Result<(), anyhow::Error> {
        // Idle time is tracked in `load`; the absolute lifetime never grows.
        Ok(())
    }

    async fn delete(&self, session_key: &SessionKey) -> Result<(), anyhow::Error> {
        let hash = key_hash(session_key.as_ref());
        self.db.run(move |conn| sessions::delete(conn, &hash).map_err(anyhow::Error::from)).await
    }
}
