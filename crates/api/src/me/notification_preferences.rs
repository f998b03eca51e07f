//! `GET/PUT /api/me/notification-preferences/`: what the signed-in person hears about, and how.

use actix_web::{get, put, web};
use diesel::Connection;
use nourx_db::audit;
use nourx_domain::notification_preferences::{EmailDelivery, Preference, Topic};
use nourx_domain::{Lang, Message};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::{Json, RequestLang};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// One topic the person may hear about, with their choice (or the default).
#[derive(Debug, Serialize, ToSchema)]
pub struct TopicPreferenceDto {
    pub topic: Topic,
    #[schema(example = "Une réponse à mes tickets")]
    pub label: String,
    /// In the bell.
    pub in_app: bool,
    pub email: EmailDelivery,
    /// Whether this is the default (nothing chosen yet).
    pub default: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicPreferenceRequest {
    pub topic: Topic,
    pub in_app: bool,
    pub email: EmailDelivery,
}

/// Some topics' new choices; the others are kept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationPreferencesRequest {
    pub preferences: Vec<TopicPreferenceRequest>,
}

async fn listed(state: &AppState, caller: &Caller, lang: Lang) -> Result<Vec<TopicPreferenceDto>, ApiError> {
    let (user_id, staff) = (caller.id(), caller.is_staff());
    let chosen = state
        .db
        .run(move |conn| Ok::<_, ApiError>(nourx_db::notification_preferences::of_person(conn, user_id)?))
        .await?;
    let topics = Topic::ALL.iter().copied().filter(|topic| topic.concerns(staff));
    Ok(topics
        .map(|topic| {
            let choice = chosen.get(&topic).copied();
            let Preference { in_app, email } = choice.unwrap_or_else(|| topic.default_preference());
            TopicPreferenceDto {
                topic,
                label: topic.label().get(lang).to_owned(),
                in_app,
                email,
                default: choice.is_none(),
            }
        })
        .collect())
}

/// The topics of notifications the signed-in person may receive (staff and clients have
/// different ones), each with its choice: in the bell, and by email at once or not at all.
#[utoipa::path(
    tag = "me",
    responses((status = 200, body = Vec<TopicPreferenceDto>), (status = 401, body = ErrorDetail)),
    security(("session_cookie" = []))
)]
#[get("/me/notification-preferences/")]
pub async fn get_notification_preferences(
    state: web::Data<AppState>,
    caller: Caller,
    RequestLang(lang): RequestLang,
) -> ApiResult<web::Json<Vec<TopicPreferenceDto>>> {
    Ok(web::Json(listed(&state, &caller, lang).await?))
}

/// Stores the person's choices for the topics sent (a topic that is not theirs: 400). Audited.
#[utoipa::path(
    tag = "me",
    request_body = NotificationPreferencesRequest,
    responses(
        (status = 200, body = Vec<TopicPreferenceDto>),
        (status = 400, description = "A topic that is not the person's (`preferences`), or twice", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[put("/me/notification-preferences/")]
pub async fn put_notification_preferences(
    state: web::Data<AppState>,
    caller: Caller,
    RequestLang(lang): RequestLang,
    Json(body): Json<NotificationPreferencesRequest>,
) -> ApiResult<web::Json<Vec<TopicPreferenceDto>>> {
    let choices = checked(&body, caller.is_staff())?;
    let (user_id, context) = (caller.id(), caller.audit());
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                for (topic, choice) in &choices {
                    nourx_db::notification_preferences::put(conn, user_id, *topic, *choice)?;
                }
                let diff: serde_json::Map<String, serde_json::Value> = choices
                    .iter()
                    .map(|(t, c)| {
                        (t.as_str().to_owned(), serde_json::json!({"in_app": c.in_app, "email": c.email.as_str()}))
                    })
                    .collect();
                audit::record(
                    conn,
                    &context,
                    "notification_preferences",
                    "user",
                    Some(user_id.to_string()),
                    diff.into(),
                )?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(web::Json(listed(&state, &caller, lang).await?))
}

fn checked(body: &NotificationPreferencesRequest, staff: bool) -> Result<Vec<(Topic, Preference)>, ApiError> {
    let mut errors = FieldErrors::new();
    let mut choices: Vec<(Topic, Preference)> = Vec::new();
    for (index, item) in body.preferences.iter().enumerate() {
        if !item.topic.concerns(staff) || choices.iter().any(|(t, _)| *t == item.topic) {
            errors.add(
                format!("preferences[{index}].topic"),
                Message::new(
                    "Ce sujet ne vous concerne pas, ou figure deux fois.",
                    "Not one of your topics, or sent twice.",
                ),
            );
        }
        choices.push((item.topic, Preference { in_app: item.in_app, email: item.email }));
    }
    errors.into_result()?;
    Ok(choices)
}
