//! Every API process LISTENs for committed events (PostgreSQL NOTIFY) on one connection of its
//! own, and hands each to the streams open in this process: a change made through one process
//! reaches a browser connected to another.

use std::sync::{Arc, Weak};
use std::time::Duration;

use actix_web::web::Bytes;
use nourx_db::Db;
use nourx_db::events::EventRow;
use nourx_domain::events::{Audience, EventKind};
use tokio::sync::broadcast;

/// Events waiting for the slowest stream of this process; a stream further behind is told to
/// read everything again ([`EventKind::Sync`]).
const BACKLOG: usize = 4096;
/// How often the listening connection's socket is read (no round trip: what arrived is there).
const POLL: Duration = Duration::from_millis(10);
/// How often the listening connection is checked with a query.
const CHECK_EVERY: Duration = Duration::from_secs(30);

/// One event, with its frame written once for every stream that sends it.
#[derive(Debug)]
pub struct LiveEvent {
    pub id: i64,
    pub kind: EventKind,
    pub audience: Audience,
    /// `id:`, `event:` and `data:` lines, ready to send.
    pub frame: Bytes,
}

impl LiveEvent {
    /// `None` for a kind this build does not know (a newer process wrote it).
    pub fn from_row(row: &EventRow) -> Option<LiveEvent> {
        let kind = EventKind::parse(&row.kind)?;
        let data = serde_json::json!({"id": row.id, "kind": row.kind, "data": row.data, "at": row.created_at});
        let frame = format!("id: {}\nevent: {}\ndata: {data}\n\n", row.id, row.kind);
        let audience = Audience { staff: row.staff, client_id: row.client_id, user_id: row.user_id };
        Some(LiveEvent { id: row.id, kind, audience, frame: Bytes::from(frame) })
    }

    /// Tells every stream to read everything again; no `id:`, so a browser's place is kept.
    pub fn sync() -> LiveEvent {
        let frame = Bytes::from_static(b"event: sync\ndata: {\"kind\":\"sync\"}\n\n");
        LiveEvent { id: 0, kind: EventKind::Sync, audience: Audience::EVERYONE, frame }
    }
}

/// The streams' shared source of events in this process.
#[derive(Debug, Clone)]
pub struct EventHub {
    sender: Arc<broadcast::Sender<Arc<LiveEvent>>>,
    /// Set when the process stops: streams end at once rather than hold the shutdown.
    closing: tokio::sync::watch::Sender<bool>,
}

impl Default for EventHub {
    fn default() -> Self {
        EventHub { sender: Arc::new(broadcast::channel(BACKLOG).0), closing: tokio::sync::watch::Sender::new(false) }
    }
}

impl EventHub {
    /// Ends every open stream (the process is stopping); browsers reconnect to another.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Resolves when [`EventHub::close`] is called.
    pub fn closed(&self) -> tokio::sync::watch::Receiver<bool> {
        self.closing.subscribe()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>> {
        self.sender.subscribe()
    }

    /// How many streams are open in this process.
    pub fn streams(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Starts this process's listening thread; it ends with the hub (the last clone dropped).
    pub fn listen(&self, db: Db) {
        let hub = Arc::downgrade(&self.sender);
        let spawned = std::thread::Builder::new().name("nourx-events-listen".into()).spawn(move || listen(&hub, &db));
        if let Err(error) = spawned {
            tracing::error!(%error, "live events: no listening thread, streams will stay silent");
        }
    }
}

fn listen(hub: &Weak<broadcast::Sender<Arc<LiveEvent>>>, db: &Db) {
    let mut lost = false;
    while hub.strong_count() > 0 {
        let mut conn = match db.dedicated() {
            None => return,
            Some(Ok(conn)) => conn,
            Some(Err(error)) => {
                tracing::warn!(%error, "live events: no connection, retrying in 2 s");
                std::thread::sleep(Duration::from_secs(2));
                continue;
            }
        };
        if let Err(error) = nourx_db::events::listen(&mut conn) {
            tracing::warn!(%error, "live events: LISTEN failed, retrying in 2 s");
            std::thread::sleep(Duration::from_secs(2));
            continue;
        }
        if lost {
            // Events committed while nobody listened: every stream reads everything again.
            publish(hub, LiveEvent::sync());
            tracing::info!("live events: listening again");
        }
        lost = true;
        let mut checked = std::time::Instant::now();
        loop {
            // A server gone without closing the socket says nothing: ask it something now and then.
            if checked.elapsed() > CHECK_EVERY {
                if let Err(error) = nourx_db::events::ping(&mut conn) {
                    tracing::warn!(%error, "live events: connection lost");
                    break;
                }
                checked = std::time::Instant::now();
            }
            match nourx_db::events::received(&mut conn) {
                Ok(rows) => rows.iter().filter_map(LiveEvent::from_row).for_each(|event| publish(hub, event)),
                Err(error) => {
                    tracing::warn!(%error, "live events: connection lost");
                    break;
                }
            }
            if hub.strong_count() == 0 {
                return;
            }
            std::thread::sleep(POLL);
        }
    }
}

fn publish(hub: &Weak<broadcast::Sender<Arc<LiveEvent>>>, event: LiveEvent) {
    if let Some(sender) = hub.upgrade() {
        // No stream open: nobody to tell.
        let _ = sender.send(Arc::new(event));
    }
}
