//! actix-session's `SessionStore` over PostgreSQL (diesel).
//!
//! Keys are 256 random bits; only their SHA-256 is stored. The idle limit is
//! enforced at load time (and `last_seen_at` refreshed at most once a minute),
//! so the absolute lifetime set at creation is never extended. Staff sessions (marked
//! [`STAFF_KEY`]) have their own, shorter, idle and absolute limits.
//!
//! A new session's device and address travel in its state under private keys and are
//! moved to the row's columns when it is saved; the row's public id is added to the state
//! when it is loaded ([`SESSION_ID_KEY`]), so that a handler knows which session it runs in.
//! Handlers read and write the session through [`crate::http::session::UserSession`].

use std::collections::HashMap;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::time::Duration as CookieDuration;
use nourx_db::sessions::{IdleLimits, NewSession};
use nourx_db::{Db, sessions};
use uuid::Uuid;

use crate::http::config::ApiConfig;
use crate::http::random::{random_token, sha256};

/// The session entry holding the logged-in user's id.
pub const USER_ID_KEY: &str = "user_id";
/// Present on the sessions of NOURX staff: their own idle and absolute limits apply.
pub const STAFF_KEY: &str = "staff";
/// The session's public id (as listed by `GET /api/me/sessions/`): added when it is loaded.
pub const SESSION_ID_KEY: &str = "_sid";
/// A new session's device and address, moved to the row's columns when it is saved.
pub(crate) const USER_AGENT_KEY: &str = "_ua";
pub(crate) const IP_KEY: &str = "_ip";

type SessionState = HashMap<String, String>;

#[derive(Clone)]
pub struct PgSessionStore {
    db: Db,
    idle: IdleLimits,
    staff_max_age: chrono::Duration,
}

impl PgSessionStore {
    pub fn new(db: Db, config: &ApiConfig) -> Self {
        PgSessionStore { db, idle: config.session_idle_limits(), staff_max_age: config.staff_session_max_age }
    }
}

/// The SHA-256 of a session key, as stored.
pub fn key_hash(key: &str) -> Vec<u8> {
    sha256(key.as_bytes())
}

fn user_id_of(state: &SessionState) -> Option<Uuid> {
    state.get(USER_ID_KEY).and_then(|raw| serde_json::from_str::<Uuid>(raw).ok())
}

fn take_string(state: &mut SessionState, key: &str) -> Option<String> {
    state.remove(key).and_then(|raw| serde_json::from_str::<String>(&raw).ok())
}

impl SessionStore for PgSessionStore {
    async fn load(&self, session_key: &SessionKey) -> Result<Option<SessionState>, LoadError> {
        let hash = key_hash(session_key.as_ref());
        let idle = self.idle;
        let row = self
            .db
            .run(move |conn| sessions::load_live(conn, &hash, idle).map_err(anyhow::Error::from))
            .await
            .map_err(LoadError::Other)?;
        let Some((id, state)) = row else {
            return Ok(None);
        };
        let mut state =
            serde_json::from_value::<SessionState>(state).map_err(|e| LoadError::Deserialization(e.into()))?;
        state.insert(SESSION_ID_KEY.to_owned(), format!("\"{id}\""));
        Ok(Some(state))
    }

    async fn save(&self, mut session_state: SessionState, ttl: &CookieDuration) -> Result<SessionKey, SaveError> {
        let key = random_token();
        let hash = key_hash(&key);
        session_state.remove(SESSION_ID_KEY);
        let user_agent = take_string(&mut session_state, USER_AGENT_KEY);
        let ip = take_string(&mut session_state, IP_KEY);
        let is_staff = session_state.contains_key(STAFF_KEY);
        let user_id = user_id_of(&session_state);
        let state = serde_json::to_value(&session_state).map_err(|e| SaveError::Serialization(e.into()))?;
        let lifetime = if is_staff { self.staff_max_age } else { chrono::Duration::seconds(ttl.whole_seconds()) };
        self.db
            .run(move |conn| {
                let new = NewSession {
                    key_hash: &hash,
                    user_id,
                    state: &state,
                    lifetime,
                    is_staff,
                    user_agent: user_agent.as_deref(),
                    ip: ip.as_deref(),
                };
                sessions::insert(conn, &new).map_err(anyhow::Error::from)
            })
            .await
            .map_err(SaveError::Other)?;
        SessionKey::try_from(key).map_err(|e| SaveError::Other(e.into()))
    }

    async fn update(
        &self,
        session_key: SessionKey,
        mut session_state: SessionState,
        _ttl: &CookieDuration,
    ) -> Result<SessionKey, UpdateError> {
        let hash = key_hash(session_key.as_ref());
        for private in [SESSION_ID_KEY, USER_AGENT_KEY, IP_KEY] {
            session_state.remove(private);
        }
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
