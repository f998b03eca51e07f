//! Live events benchmark (`./x bench` runs it against the release API it started, on the scale
//! data): 2 000 event streams open at once (20 per client person of 99 scale clients, plus 20 for
//! staff), the API's resident memory per stream, then 200 changes a second for 20 s (staff
//! renaming a task of one of those clients through the API) and the time from sending each
//! change to its delivery on every stream that receives it (p50, p95, p99).
//!
//! `NOURX_BENCH_ADDR` (host:port of the API) and `NOURX_BENCH_API_PID` (its process, for the
//! memory) come from infra/bench.sh.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const CLIENTS: usize = 99;
const STREAMS_PER_PERSON: usize = 20;
const STAFF_STREAMS: usize = 20;
const RATE: u64 = 200;
const SECONDS: u64 = 20;

fn rss_kib(pid: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// A logged-in browser: its cookie header and CSRF token.
#[derive(Clone)]
struct Session {
    cookie: String,
    csrf: String,
}

async fn login(http: &reqwest::Client, base: &str, email: &str, password: &str) -> Session {
    let csrf_response = http.get(format!("{base}/api/auth/csrf/")).send().await.expect("csrf");
    let csrf_cookie = cookie(&csrf_response, "csrftoken");
    let response = http
        .post(format!("{base}/api/auth/login/"))
        .header("Cookie", format!("csrftoken={csrf_cookie}"))
        .header("X-CSRFToken", &csrf_cookie)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("login");
    assert!(response.status().is_success(), "login {email}: {}", response.status());
    let session = cookie(&response, "sessionid");
    let csrf = cookie(&response, "csrftoken");
    let csrf = if csrf.is_empty() { csrf_cookie } else { csrf };
    Session { cookie: format!("sessionid={session}; csrftoken={csrf}"), csrf }
}

fn cookie(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")).map(|rest| rest.split(';').next().unwrap_or("").to_owned()))
        .unwrap_or_default()
}

/// Sent changes: project id → when its last rename was sent.
type Sent = Arc<Mutex<HashMap<String, Instant>>>;

/// Reads one stream until `stop`: signals `ready`, records each task event's latency.
async fn read_stream(
    http: reqwest::Client,
    url: String,
    session: Session,
    sent: Sent,
    ready: tokio::sync::mpsc::Sender<()>,
    latencies: Arc<Mutex<Vec<f64>>>,
    stop: Instant,
) {
    let mut response = http.get(url).header("Cookie", session.cookie).send().await.expect("stream");
    assert!(response.status().is_success(), "stream: {}", response.status());
    let mut buffer = String::new();
    let mut signalled = false;
    while Instant::now() < stop {
        let Ok(Ok(Some(chunk))) = tokio::time::timeout(Duration::from_secs(2), response.chunk()).await else {
            continue;
        };
        let received = Instant::now();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let frame: String = buffer.drain(..end + 2).collect();
            if frame.contains("event: ready") && !signalled {
                signalled = true;
                let _ = ready.send(()).await;
            }
            if !frame.contains("event: task.changed") {
                continue;
            }
            let Some(data) = frame.lines().find_map(|l| l.strip_prefix("data: ")) else { continue };
            let Ok(value) = serde_json::from_str::<Value>(data) else { continue };
            let project = value["data"]["project_id"].as_str().unwrap_or_default();
            if let Some(at) = sent.lock().expect("sent").get(project) {
                latencies.lock().expect("latencies").push(received.duration_since(*at).as_secs_f64() * 1000.0);
            }
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let addr = std::env::var("NOURX_BENCH_ADDR").unwrap_or_else(|_| "127.0.0.1:18000".into());
    let pid = std::env::var("NOURX_BENCH_API_PID").unwrap_or_default();
    let base = format!("http://{addr}");
    let http = reqwest::Client::builder().pool_max_idle_per_host(64).build().expect("client");
    let admin = login(&http, &base, "admin@nourx.demo", "demo-admin-2026").await;

    // 99 scale clients: the owner of each, and one of its tasks (the scale tasks are visible).
    let mut people = Vec::new();
    for i in 1..=CLIENTS {
        let email = format!("user1@echelle{i:05}.demo");
        let session = login(&http, &base, &email, "demo-client-2026").await;
        let me: Value = http
            .get(format!("{base}/api/tasks/?page_size=1"))
            .header("Cookie", &session.cookie)
            .send()
            .await
            .expect("tasks")
            .json()
            .await
            .expect("json");
        let task = me["results"][0].clone();
        people.push((
            session,
            task["id"].as_str().expect("task").to_owned(),
            task["project_id"].as_str().expect("project").to_owned(),
        ));
    }

    let sent: Sent = Arc::default();
    let latencies: Arc<Mutex<Vec<f64>>> = Arc::default();
    let stop = Instant::now() + Duration::from_secs(SECONDS + 40);
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel(4096);
    let rss_before = rss_kib(&pid);
    let url = format!("{base}/api/events/");
    let mut streams = 0;
    for (session, _, _) in &people {
        for _ in 0..STREAMS_PER_PERSON {
            let task = read_stream(
                http.clone(),
                url.clone(),
                session.clone(),
                sent.clone(),
                ready_tx.clone(),
                latencies.clone(),
                stop,
            );
            tokio::spawn(task);
            streams += 1;
        }
    }
    for _ in 0..STAFF_STREAMS {
        tokio::spawn(read_stream(
            http.clone(),
            url.clone(),
            admin.clone(),
            sent.clone(),
            ready_tx.clone(),
            latencies.clone(),
            stop,
        ));
        streams += 1;
    }
    let opening = Instant::now();
    for _ in 0..streams {
        ready_rx.recv().await.expect("ready");
    }
    let opened_in = opening.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_open = rss_kib(&pid);
    println!(
        "events: {streams} streams open in {:.1} s; API RSS {} MiB -> {} MiB, {:.1} KiB per stream",
        opened_in.as_secs_f64(),
        rss_before / 1024,
        rss_open / 1024,
        rss_open.saturating_sub(rss_before) as f64 / streams as f64
    );

    // 200 changes a second: each renames a task of one of the clients, in turn.
    let interval = Duration::from_micros(1_000_000 / RATE);
    let mut ticker = tokio::time::interval(interval);
    let started = Instant::now();
    let mut changes = 0u64;
    let mut in_flight = tokio::task::JoinSet::new();
    while started.elapsed() < Duration::from_secs(SECONDS) {
        ticker.tick().await;
        let (_, task, project) = &people[(changes as usize) % people.len()];
        let request = http
            .patch(format!("{base}/api/tasks/{task}/"))
            .header("Cookie", &admin.cookie)
            .header("X-CSRFToken", &admin.csrf)
            .header("Origin", &base)
            .json(&json!({"title": format!("Tâche {changes}")}));
        sent.lock().expect("sent").insert(project.clone(), Instant::now());
        in_flight.spawn(async move { request.send().await.map(|r| r.status().as_u16()) });
        changes += 1;
    }
    let mut failed = 0;
    while let Some(result) = in_flight.join_next().await {
        if !matches!(result, Ok(Ok(200))) {
            failed += 1;
        }
    }
    let produced = changes as f64 / started.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut all = latencies.lock().expect("latencies").clone();
    all.sort_by(f64::total_cmp);
    println!(
        "events: {changes} changes at {produced:.0}/s ({failed} failed), {} deliveries: change to delivery p50={:.1} ms p95={:.1} ms p99={:.1} ms max={:.1} ms; API RSS {} MiB",
        all.len(),
        percentile(&all, 0.50),
        percentile(&all, 0.95),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or(f64::NAN),
        rss_kib(&pid) / 1024
    );
    std::process::exit(0);
}
