//! `GET /api/events/`: the signed-in person's live events as Server-Sent Events.

use std::collections::HashSet;
use std::sync::Arc;

use actix_web::http::header::{self, ContentEncoding};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::Duration;
use futures_util::Stream;
use nourx_db::events::{EventRow, Reader};
use nourx_domain::events::{Delivery, HEARTBEAT, REPLAY_LIMIT, REPLAY_MARGIN, STREAM_LIFETIME, Viewer, delivery};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast::{Receiver, error::RecvError};
use utoipa::{IntoParams, ToSchema};

use super::hub::LiveEvent;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StreamQuery {
    /// The last event id read, to receive what followed it (as the `Last-Event-ID` header,
    /// which wins when both are sent).
    pub after: Option<i64>,
}

/// The `data:` of every event (the `event:` line repeats `kind`, the `id:` line `id`).
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDto {
    #[schema(example = 4182)]
    pub id: i64,
    /// `task.changed`, `task.comment`, `ticket.changed`, `ticket.message`, `payment.changed`,
    /// `notification.created`, `activity`; `ready` first; `sync` when everything on screen must
    /// be read again.
    #[schema(example = "task.changed")]
    pub kind: String,
    /// Ids of what changed (`project_id`, `task_id`, `ticket_id`, `payment_id`, `invoice_id`,
    /// `status`, `count`): read the rest through the API.
    #[schema(value_type = Object, example = json!({"project_id": "0190a1b2-0000-7000-8000-000000000000"}))]
    pub data: serde_json::Value,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The signed-in person's live events (Server-Sent Events), scoped as the API is: a client's
/// people receive their client's events (internal notes and tasks excepted), staff every event
/// meant for staff, each person their own notifications. Starts with `event: ready` (`last_id`),
/// or with the events that followed `Last-Event-ID` / `after` (a `sync` when too many or too
/// old). A comment line every 25 s; the stream ends after 15 minutes (reconnect with the last id).
#[utoipa::path(
    tag = "events",
    params(StreamQuery),
    responses(
        (status = 200, content_type = "text/event-stream", body = EventDto, description = "An endless stream of `id:`/`event:`/`data:` frames"),
        (status = 400, description = "`after` or `Last-Event-ID` is not an event id", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/events/")]
pub async fn event_stream(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<StreamQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let after = last_event_id(&req)?.or(query.after);
    let viewer = viewer_of(&caller);
    // Subscribed before reading the past, so that nothing falls between the two.
    let receiver = state.events.subscribe();
    let (first, replayed) = start(&state, &viewer, after).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(ContentEncoding::Identity)
        // Proxies such as nginx would otherwise hold frames back.
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(frames(first, Live { receiver, closed: state.events.closed(), viewer, replayed })))
}

fn last_event_id(req: &HttpRequest) -> Result<Option<i64>, ApiError> {
    let Some(value) = req.headers().get("Last-Event-ID") else { return Ok(None) };
    let parsed = value.to_str().ok().and_then(|v| v.trim().parse::<i64>().ok()).filter(|id| *id >= 0);
    parsed.map(Some).ok_or_else(|| {
        ApiError::field("after", nourx_domain::Message::new("Identifiant d'événement invalide.", "Not an event id."))
    })
}

fn viewer_of(caller: &Caller) -> Viewer {
    // The caller's scope: every client for staff (no list), their own clients otherwise.
    let client_ids = caller.scope().client_ids().map(<[uuid::Uuid]>::to_vec).unwrap_or_default();
    Viewer { user_id: caller.id(), staff: caller.is_staff(), client_ids }
}

/// The first frames: the replay after `after` (or a `sync`), else `ready` with where it starts.
async fn start(state: &AppState, viewer: &Viewer, after: Option<i64>) -> Result<(Vec<Bytes>, HashSet<i64>), ApiError> {
    let reader_viewer = viewer.clone();
    let (last_id, replay) = state
        .db
        .run(move |conn| {
            let reader = Reader {
                user_id: reader_viewer.user_id,
                staff: reader_viewer.staff,
                client_ids: &reader_viewer.client_ids,
            };
            let margin = Duration::from_std(REPLAY_MARGIN).unwrap_or_default();
            let replay = match after {
                Some(after) => nourx_db::events::replay(conn, &reader, after, margin, REPLAY_LIMIT + 1)?,
                None => None,
            };
            Ok::<_, ApiError>((nourx_db::events::last_id(conn)?, replay))
        })
        .await?;
    let ready = Bytes::from(format!("event: ready\ndata: {{\"kind\":\"ready\",\"last_id\":{last_id}}}\n\n"));
    Ok(match (after, replay) {
        (None, _) => (vec![ready], HashSet::new()),
        (Some(_), Some(rows)) if rows.len() <= REPLAY_LIMIT as usize => replayed(viewer, &rows, ready),
        (Some(_), _) => (vec![ready, LiveEvent::sync().frame.clone()], HashSet::new()),
    })
}

fn replayed(viewer: &Viewer, rows: &[EventRow], ready: Bytes) -> (Vec<Bytes>, HashSet<i64>) {
    let events: Vec<LiveEvent> = rows.iter().filter_map(LiveEvent::from_row).collect();
    let sent: Vec<&LiveEvent> =
        events.iter().filter(|e| delivery(viewer, &e.audience, e.kind) == Delivery::Send).collect();
    let mut frames = vec![ready];
    frames.extend(sent.iter().map(|e| e.frame.clone()));
    (frames, sent.iter().map(|e| e.id).collect())
}

/// What a stream needs after its first frames.
struct Live {
    receiver: Receiver<Arc<LiveEvent>>,
    closed: tokio::sync::watch::Receiver<bool>,
    viewer: Viewer,
    /// Replayed events that may also arrive live: sent once.
    replayed: HashSet<i64>,
}

impl Live {
    /// The next frame to send, or `None` when the stream ends (its lifetime is over, or the
    /// process is stopping).
    async fn next(&mut self, deadline: tokio::time::Instant) -> Option<Bytes> {
        loop {
            let received = tokio::select! {
                received = self.receiver.recv() => received,
                () = tokio::time::sleep(HEARTBEAT) => return Some(Bytes::from_static(b": ping\n\n")),
                () = tokio::time::sleep_until(deadline) => return None,
                _ = self.closed.wait_for(|closed| *closed) => return None,
            };
            match received {
                Ok(event) if self.replayed.remove(&event.id) => {}
                Ok(event) if delivery(&self.viewer, &event.audience, event.kind) == Delivery::Send => {
                    return Some(event.frame.clone());
                }
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => return Some(LiveEvent::sync().frame),
                Err(RecvError::Closed) => return None,
            }
        }
    }
}

fn frames(first: Vec<Bytes>, live: Live) -> impl Stream<Item = Result<Bytes, actix_web::Error>> {
    let deadline = tokio::time::Instant::now() + STREAM_LIFETIME;
    let head = futures_util::stream::iter(first.into_iter().map(Ok));
    let tail = futures_util::stream::unfold(live, move |mut live| async move {
        live.next(deadline).await.map(|frame| (Ok(frame), live))
    });
    futures_util::StreamExt::chain(head, tail)
}
