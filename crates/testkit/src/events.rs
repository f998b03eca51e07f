//! The live event stream as a browser reads it, and a second API process to read it from.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::{TestApp, TestClient};

/// One Server-Sent Event.
#[derive(Debug, Clone)]
pub struct SseEvent {
    pub id: Option<i64>,
    pub kind: String,
    pub data: Value,
}

/// An open `GET /api/events/`, read frame by frame.
pub struct EventStream {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    response: reqwest::Response,
    buffer: String,
}

impl TestClient {
    /// Opens the event stream, after `after` when given (as a browser's `Last-Event-ID`).
    pub async fn events(&self, after: Option<i64>) -> EventStream {
        let mut request = self.raw_get("/api/events/");
        if let Some(after) = after {
            request = request.header("Last-Event-ID", after.to_string());
        }
        let response = request.send().await.expect("the event stream answered");
        EventStream {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            response,
            buffer: String::new(),
        }
    }
}

impl EventStream {
    /// The next event (comment lines skipped), or `None` when none comes `within`.
    pub async fn next(&mut self, within: Duration) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Some(event) = self.parse_one() {
                return Some(event);
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk()).await.ok()?;
            match chunk.expect("reading the event stream") {
                Some(bytes) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                None => return None,
            }
        }
    }

    /// The next event, which must be of `kind` and come within ten seconds (a loaded machine).
    pub async fn expect(&mut self, kind: &str) -> SseEvent {
        let event = self.next(Duration::from_secs(10)).await;
        let event = event.unwrap_or_else(|| panic!("no `{kind}` event within 10 s"));
        assert_eq!(event.kind, kind, "expected a `{kind}` event, got {event:?}");
        event
    }

    /// Every event that comes until none has come for `quiet`.
    pub async fn drain(&mut self, quiet: Duration) -> Vec<SseEvent> {
        let mut events = Vec::new();
        while let Some(event) = self.next(quiet).await {
            events.push(event);
        }
        events
    }

    fn parse_one(&mut self) -> Option<SseEvent> {
        loop {
            let end = self.buffer.find("\n\n")?;
            let frame: String = self.buffer.drain(..end + 2).collect();
            let (mut id, mut kind, mut data) = (None, None, String::new());
            for line in frame.lines() {
                if let Some(value) = line.strip_prefix("id: ") {
                    id = value.parse().ok();
                } else if let Some(value) = line.strip_prefix("event: ") {
                    kind = Some(value.to_owned());
                } else if let Some(value) = line.strip_prefix("data: ") {
                    data.push_str(value);
                }
            }
            if let Some(kind) = kind {
                let data = serde_json::from_str(&data).unwrap_or(Value::Null);
                return Some(SseEvent { id, kind, data });
            }
        }
    }
}

/// `nourx serve` in production mode on the test's database: another API process, with its own
/// listening connection, sharing sessions through the database.
pub struct ApiProcess {
    pub base_url: String,
    child: Child,
}

impl ApiProcess {
    /// Starts `binary` (`env!("CARGO_BIN_EXE_nourx")`) for `app`'s database and secret key, and
    /// waits until it is ready.
    pub async fn start(binary: &Path, app: &TestApp) -> ApiProcess {
        let port =
            std::net::TcpListener::bind(("127.0.0.1", 0)).expect("a free port").local_addr().expect("port").port();
        let base_url = format!("http://127.0.0.1:{port}");
        let secret = String::from_utf8(app.config.secret_key.clone()).expect("the test secret key is text");
        let data_dir = std::env::temp_dir().join(format!("nourx-second-api-{}", uuid::Uuid::now_v7()));
        let child = Command::new(binary)
            .arg("serve")
            .env("DATABASE_URL", app.database_url())
            .env("NOURX_ENV", "production")
            .env("NOURX_API_ADDR", format!("127.0.0.1:{port}"))
            .env("NOURX_SECRET_KEY", secret)
            .env("NOURX_PUBLIC_URL", &app.base_url)
            .env("NOURX_STAFF_2FA_REQUIRED", "false")
            .env("NOURX_DATA_DIR", data_dir)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("start nourx serve");
        let process = ApiProcess { base_url, child };
        let ready = TestClient::new(&process.base_url);
        for _ in 0..600 {
            if ready.raw_get("/api/ready/").send().await.is_ok_and(|r| r.status().is_success()) {
                return process;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the second API process did not get ready in 30 s");
    }
}

impl Drop for ApiProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
