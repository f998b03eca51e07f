//! Payment benchmarks (`./x bench` runs it in release):
//!
//! 1. Webhook throughput: valid, signed CinetPay notifications POSTed by 32 concurrent
//!    connections to `/api/payments/webhook/` (each parsed, its x-token verified, journaled and
//!    a re-check queued, coalesced per payment), for a few seconds.
//! 2. Settlement latency: from the payer's "Payer" click on the sandbox's checkout page
//!    (notification sent to the API) to the invoice paid in the database, including the job
//!    queue's wake-up, the re-check against the sandbox over HTTP and the settlement
//!    transaction. One payment at a time; p50 and p95 over 200 payments.
//!
//! Everything runs on this machine: the API (one actix worker, like the test kit), the sandbox,
//! an in-process job worker, PostgreSQL and the load generator share its cores.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use nourx_cinetpay_sandbox::Outcome;
use nourx_db::schema::payments;
use nourx_testkit::{TestApp, TestClient};
use serde_json::json;

const SETTLEMENTS: usize = 200;
const CONNECTIONS: usize = 32;
const WEBHOOK_SECONDS: u64 = 10;

async fn invoice(admin: &TestClient, client_id: uuid::Uuid) -> String {
    let draft = admin
        .post(
            "/api/invoices/",
            &json!({"client_id": client_id, "items": [{"label": "Forfait", "quantity": "1", "unit_price": 50_000, "tax_rate": "0"}]}),
        )
        .await;
    let id = draft.body["id"].as_str().expect("invoice id").to_owned();
    let sent = admin.post(&format!("/api/invoices/{id}/send/"), &json!({})).await;
    assert_eq!(sent.status, 200, "{}", sent.text);
    id
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

#[actix_web::main]
async fn main() {
    let app = TestApp::new().await;
    // A measurement, not a test: the worker may be stopped with re-checks still queued.
    app.leave_jobs_queued();
    let admin = app.staff().await;
    let tenant = app.tenant().await;
    let client_id = tenant.id;
    let payer = app.owner(&tenant).await;

    // One pending payment for the webhook load.
    let first = invoice(&admin, client_id).await;
    let payment = payer.post("/api/payments/init/", &json!({"invoice_id": first})).await;
    assert_eq!(payment.status, 201, "{}", payment.text);
    let transaction = payment.body["transaction_id"].as_str().expect("transaction").to_owned();
    let credentials = app.sandbox.credentials();
    let fields: Vec<(&str, String)> = vec![
        ("cpm_site_id", credentials.site_id.clone()),
        ("cpm_trans_id", transaction.clone()),
        ("cpm_trans_date", "2026-11-24 10:00:00".into()),
        ("cpm_amount", "50000".into()),
        ("cpm_currency", "XOF".into()),
        ("signature", "bench".into()),
        ("payment_method", "OM".into()),
        ("cel_phone_num", "0707070707".into()),
        ("cpm_phone_prefixe", "225".into()),
        ("cpm_language", "fr".into()),
        ("cpm_version", "V4".into()),
        ("cpm_payment_config", "SINGLE".into()),
        ("cpm_page_action", "PAYMENT".into()),
        ("cpm_custom", "".into()),
        ("cpm_designation", "Facture".into()),
        ("cpm_error_message", "WAITING_CUSTOMER_PAYMENT".into()),
    ];
    let token = nourx_cinetpay::notification::token(credentials.secret_key.as_bytes(), |name| {
        fields.iter().find(|(key, _)| *key == name).map(|(_, value)| value.as_str())
    });
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields.iter()).finish();
    let url = format!("{}/api/payments/webhook/", app.base_url);
    let http = reqwest::Client::builder().pool_max_idle_per_host(CONNECTIONS).build().expect("http");
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(WEBHOOK_SECONDS);
    let started = Instant::now();
    let tasks: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (http, url, body, token, done, failed) =
                (http.clone(), url.clone(), body.clone(), token.clone(), done.clone(), failed.clone());
            actix_web::rt::spawn(async move {
                while Instant::now() < deadline {
                    let response = http
                        .post(&url)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("x-token", &token)
                        .body(body.clone())
                        .send()
                        .await;
                    match response {
                        Ok(r) if r.status().is_success() => done.fetch_add(1, Ordering::Relaxed),
                        _ => failed.fetch_add(1, Ordering::Relaxed),
                    };
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("load task");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let journaled: i64 = app
        .with_conn(|conn| {
            use nourx_db::schema::payment_notifications;
            payment_notifications::table
                .filter(payment_notifications::verdict.eq("valid"))
                .count()
                .get_result(conn)
                .expect("count")
        })
        .await;
    let ok = done.load(Ordering::Relaxed);
    println!(
        "webhook: {ok} valid notifications in {elapsed:.1} s = {:.0}/s over {CONNECTIONS} connections ({} failed; {journaled} journaled as valid)",
        ok as f64 / elapsed,
        failed.load(Ordering::Relaxed)
    );

    // Settlement latency, with a running worker (LISTEN/NOTIFY wake-ups, default poll).
    let worker = app.worker(nourx_jobs::WorkerConfig::default());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = actix_web::rt::spawn(worker.run(async move {
        let _ = stopped.await;
    }));
    // Let the worker settle the webhook load's payment first.
    actix_web::rt::time::sleep(Duration::from_secs(2)).await;
    let mut pending = Vec::with_capacity(SETTLEMENTS);
    for _ in 0..SETTLEMENTS {
        let id = invoice(&admin, client_id).await;
        let started = payer.post("/api/payments/init/", &json!({"invoice_id": id})).await;
        assert_eq!(started.status, 201, "{}", started.text);
        let payment_id: uuid::Uuid = started.body["id"].as_str().and_then(|s| s.parse().ok()).expect("payment id");
        pending.push((payment_id, started.body["transaction_id"].as_str().expect("transaction").to_owned()));
    }
    let mut latencies = Vec::with_capacity(SETTLEMENTS);
    let mut conn = PgConnection::establish(app.database_url()).expect("connection");
    for (payment_id, transaction) in pending {
        let started = Instant::now();
        app.sandbox.decide(&transaction, Outcome::Accept, "OM").await.expect("decide");
        loop {
            let status: String =
                payments::table.find(payment_id).select(payments::status).first(&mut conn).expect("status");
            if status == "accepted" {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "payment {payment_id} never settled ({status})");
            actix_web::rt::time::sleep(Duration::from_millis(1)).await;
        }
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    latencies.sort_by(f64::total_cmp);
    println!(
        "settlement: notification → invoice paid, {SETTLEMENTS} payments one at a time: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.95),
        latencies.last().copied().unwrap_or_default()
    );
    let _ = stop.send(());
    let _ = running.await;
    app.stop().await;
}
