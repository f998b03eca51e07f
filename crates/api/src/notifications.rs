//! In-app notifications of the signed-in person (the bell): newest first, read one, read all.

use actix_web::{HttpRequest, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::CurrentUser;
use crate::http::pagination::{Page, PageQuery};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationDto {
    pub id: Uuid,
    /// `payment.accepted`, `payment.flagged`…
    #[schema(example = "payment.accepted")]
    pub kind: String,
    #[schema(example = "Paiement reçu")]
    pub title: String,
    pub body: String,
    /// Where the web app opens it (a path of the web app).
    #[schema(example = "/paiements/0190a1b2-0000-7000-8000-000000000000")]
    pub link: Option<String>,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<nourx_db::notifications::Notification> for NotificationDto {
    fn from(n: nourx_db::notifications::Notification) -> Self {
        NotificationDto {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            read_at: n.read_at,
            created_at: n.created_at,
        }
    }
}

/// A page of notifications and how many are unread in all.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    #[serde(flatten)]
    pub page: Page<NotificationDto>,
    pub unread_count: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// Only the unread ones.
    #[serde(default)]
    pub unread: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadAllResponse {
    /// How many were marked read.
    pub updated: usize,
}

/// The signed-in person's notifications, newest first, with the unread count.
#[utoipa::path(
    tag = "notifications",
    params(NotificationQuery, PageQuery),
    responses(
        (status = 200, body = NotificationPage),
        (status = 400, description = "Bad page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/notifications/")]
pub async fn list_notifications(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<NotificationQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<NotificationPage>> {
    let request = page.request()?;
    let (user_id, unread_only) = (user.user.id, query.unread.unwrap_or(false));
    let (count, unread_count, rows) = state
        .db
        .run(move |conn| Ok::<_, ApiError>(nourx_db::notifications::list(conn, user_id, unread_only, request)?))
        .await?;
    let results = rows.into_iter().map(NotificationDto::from).collect();
    Ok(web::Json(NotificationPage { page: Page::new(&req, request, count, results), unread_count }))
}

/// Marks one notification read.
#[utoipa::path(
    tag = "notifications",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = NotificationDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such notification, or someone else's", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/notifications/{id}/read/")]
pub async fn read_notification(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<NotificationDto>> {
    let (user_id, id) = (user.user.id, id.into_inner());
    let notification = state
        .db
        .run(move |conn| nourx_db::notifications::mark_read(conn, user_id, id)?.ok_or(ApiError::NotFound))
        .await?;
    Ok(web::Json(notification.into()))
}

/// Marks every notification of the signed-in person read.
#[utoipa::path(
    tag = "notifications",
    responses(
        (status = 200, body = ReadAllResponse),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/notifications/read-all/")]
pub async fn read_all_notifications(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> ApiResult<web::Json<ReadAllResponse>> {
    let user_id = user.user.id;
    let updated =
        state.db.run(move |conn| Ok::<_, ApiError>(nourx_db::notifications::mark_all_read(conn, user_id)?)).await?;
    Ok(web::Json(ReadAllResponse { updated }))
}
