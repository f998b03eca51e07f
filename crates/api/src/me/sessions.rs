//! "My sessions": the user's live sessions (device, address, when), and revoking them.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use nourx_db::audit;
use nourx_db::sessions::{self, SessionRecord};
use nourx_domain::Lang;
use nourx_domain::device::parse_user_agent;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;
use crate::http::session::UserSession;

/// One live session of the user.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionDto {
    pub id: Uuid,
    /// A short name for the device, in the request's language: "Chrome sur Android".
    #[schema(example = "Chrome sur Android")]
    pub device: String,
    #[schema(example = "Chrome")]
    pub browser: Option<String>,
    #[schema(example = "Android")]
    pub os: Option<String>,
    /// The address the session was opened from.
    #[schema(example = "196.47.128.10")]
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Last request (to the minute).
    pub last_seen_at: DateTime<Utc>,
    /// The session ends then at the latest, however active.
    pub expires_at: DateTime<Utc>,
    /// The session of this request.
    pub current: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionList {
    /// Most recently seen first.
    pub results: Vec<SessionDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevokedSessions {
    /// How many sessions were ended.
    pub revoked: usize,
}

fn dto(record: SessionRecord, current: Option<Uuid>, lang: Lang) -> SessionDto {
    let device = parse_user_agent(record.user_agent.as_deref().unwrap_or(""));
    SessionDto {
        id: record.id,
        device: device.label(lang),
        browser: device.browser.map(str::to_owned),
        os: device.os.map(str::to_owned),
        ip: record.ip,
        created_at: record.created_at,
        last_seen_at: record.last_seen_at,
        expires_at: record.expires_at,
        current: Some(record.id) == current,
    }
}

/// The user's live sessions, this one included (`current`).
#[utoipa::path(
    tag = "me",
    responses(
        (status = 200, body = SessionList),
        (status = 401, description = "Not logged in", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/me/sessions/")]
pub async fn list_sessions(
    state: web::Data<AppState>,
    caller: Caller,
    session: UserSession,
    req: HttpRequest,
) -> ApiResult<web::Json<SessionList>> {
    let (user_id, idle) = (caller.id(), state.config.session_idle_limits());
    let rows =
        state.db.run(move |conn| sessions::list_live_for_user(conn, user_id, idle).map_err(ApiError::from)).await?;
    let lang = Lang::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let current = session.id();
    Ok(web::Json(SessionList { results: rows.into_iter().map(|row| dto(row, current, lang)).collect() }))
}

/// Ends one of the user's sessions (this one too: that is a logout). 404 for any other id.
#[utoipa::path(
    tag = "me",
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 401, description = "Not logged in", body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
        (status = 404, description = "Not one of the user's sessions", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/me/sessions/{id}/")]
pub async fn revoke_session(
    state: web::Data<AppState>,
    caller: Caller,
    session: UserSession,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (id, user_id, context) = (path.into_inner(), caller.id(), caller.audit());
    state
        .db
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                if !sessions::delete_by_id(conn, user_id, id)? {
                    return Err(ApiError::NotFound);
                }
                let diff = json!({"session_id": id});
                audit::record(conn, &context, "session_revoke", "user", Some(user_id.to_string()), diff)?;
                Ok(())
            })
        })
        .await?;
    if session.id() == Some(id) {
        session.log_out();
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Ends every other session of the user; this one stays.
#[utoipa::path(
    tag = "me",
    responses(
        (status = 200, body = RevokedSessions),
        (status = 401, description = "Not logged in", body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/me/sessions/revoke-others/")]
pub async fn revoke_other_sessions(
    state: web::Data<AppState>,
    caller: Caller,
    session: UserSession,
) -> ApiResult<web::Json<RevokedSessions>> {
    let (user_id, context) = (caller.id(), caller.audit());
    // A logged-in request always runs in a stored session; `nil` keeps nothing if it somehow does not.
    let keep = session.id().unwrap_or(Uuid::nil());
    let revoked = state
        .db
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                let revoked = sessions::delete_for_user_except_id(conn, user_id, keep)?;
                let diff = json!({"revoked": revoked});
                audit::record(conn, &context, "sessions_revoke_others", "user", Some(user_id.to_string()), diff)?;
                Ok::<_, ApiError>(revoked)
            })
        })
        .await?;
    Ok(web::Json(RevokedSessions { revoked }))
}
