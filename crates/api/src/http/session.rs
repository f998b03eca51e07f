//! The browser's session, typed (as zero-to-production's `TypedSession`): who is logged in, a
//! login waiting for its second factor, and the one place where a login starts (new session key,
//! new CSRF token) and ends.
//!
//! What the session holds is stored by [`crate::http::session_store`]; handlers and extractors
//! read and change it only through [`UserSession`].

use std::net::IpAddr;

use actix_session::{Session, SessionExt};
use actix_web::cookie::Cookie;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use chrono::{DateTime, Utc};
use nourx_db::users::User;
use uuid::Uuid;

use crate::AppState;
use crate::http::csrf;
use crate::http::error::ApiError;
use crate::http::extract::ClientIp;
use crate::http::session_store::{IP_KEY, SESSION_ID_KEY, STAFF_KEY, USER_AGENT_KEY, USER_ID_KEY};

/// Whose password was right in a login waiting for its second factor, and until when (unix seconds).
const PENDING_USER_KEY: &str = "two_factor_user";
const PENDING_UNTIL_KEY: &str = "two_factor_until";
/// Longest User-Agent kept.
const USER_AGENT_MAX: usize = 400;

/// The session of this request, with the device and address a login records.
#[derive(Clone)]
pub struct UserSession {
    session: Session,
    user_agent: Option<String>,
    ip: Option<IpAddr>,
    secure_cookies: bool,
}

fn write_error(error: actix_session::SessionInsertError) -> ApiError {
    ApiError::internal(anyhow::anyhow!("writing the session: {error}"))
}

impl UserSession {
    pub fn of(req: &HttpRequest) -> UserSession {
        let user_agent = req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok());
        let user_agent = user_agent.map(str::trim).filter(|ua| !ua.is_empty());
        let development = req.app_data::<web::Data<AppState>>().is_some_and(|state| state.config.development);
        UserSession {
            session: req.get_session(),
            user_agent: user_agent.map(|ua| ua.chars().take(USER_AGENT_MAX).collect()),
            ip: ClientIp::from_request(req, &mut Payload::None).into_inner().ok().and_then(|ClientIp(ip)| ip),
            secure_cookies: !development,
        }
    }

    /// The logged-in user's id (not checked against the database: see `CurrentUser`).
    pub fn user_id(&self) -> Option<Uuid> {
        self.session.get::<Uuid>(USER_ID_KEY).ok().flatten()
    }

    /// Whether the session was started as a NOURX staff session (with their shorter limits).
    pub fn is_staff(&self) -> bool {
        self.session.contains_key(STAFF_KEY)
    }

    /// The public id of this session (as listed by `GET /api/me/sessions/`), once it is stored.
    pub fn id(&self) -> Option<Uuid> {
        self.session.get::<Uuid>(SESSION_ID_KEY).ok().flatten()
    }

    /// The address of the request.
    pub fn ip(&self) -> Option<IpAddr> {
        self.ip
    }

    /// Logs `user` in, and returns the new CSRF cookie the response must set.
    pub fn log_in(&self, user: &User) -> Result<Cookie<'static>, ApiError> {
        self.restart(user)?;
        Ok(csrf::cookie(csrf::new_token(), self.secure_cookies))
    }

    /// The session of `user` under a new key: nothing kept from before (a half-finished login),
    /// the staff marker, this device and address. After a password change, every other session
    /// ended and this one goes on with its CSRF token.
    pub fn restart(&self, user: &User) -> Result<(), ApiError> {
        self.start_anew();
        self.session.insert(USER_ID_KEY, user.id).map_err(write_error)?;
        if user.role.is_staff() {
            self.session.insert(STAFF_KEY, true).map_err(write_error)?;
        }
        if let Some(user_agent) = &self.user_agent {
            self.session.insert(USER_AGENT_KEY, user_agent).map_err(write_error)?;
        }
        if let Some(ip) = self.ip {
            self.session.insert(IP_KEY, ip.to_string()).map_err(write_error)?;
        }
        Ok(())
    }

    /// The password step of a login was right; the session reaches nothing but the second step
    /// until `until`.
    pub fn await_second_factor(&self, user_id: Uuid, until: DateTime<Utc>) -> Result<(), ApiError> {
        self.start_anew();
        self.session.insert(PENDING_USER_KEY, user_id).map_err(write_error)?;
        self.session.insert(PENDING_UNTIL_KEY, until.timestamp()).map_err(write_error)
    }

    /// The user whose password was right in this session, if their time has not run out.
    pub fn second_factor_pending(&self) -> Option<Uuid> {
        let until = self.session.get::<i64>(PENDING_UNTIL_KEY).ok().flatten()?;
        if until < Utc::now().timestamp() {
            return None;
        }
        self.session.get::<Uuid>(PENDING_USER_KEY).ok().flatten()
    }

    /// Ends the session: its stored record is deleted and the cookie removed.
    pub fn log_out(&self) {
        self.session.purge();
    }

    /// A new key, an empty state: a session fixed by someone else before a login is worthless.
    fn start_anew(&self) {
        self.session.clear();
        self.session.renew();
    }
}

impl FromRequest for UserSession {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        std::future::ready(Ok(UserSession::of(req)))
    }
}
