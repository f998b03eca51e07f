//! Abuse limits, counted in PostgreSQL (shared by every replica): each answers 429 with
//! `Retry-After` and a French/English message; parallel requests never pass a limit; one client's
//! or person's counters are its own. Also the storage quota, the payment status re-check claim and
//! the CinetPay webhook's size cap and journal retention.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use futures_util::future::join_all;
use insta::assert_json_snapshot;
use nourx_api::ApiConfig;
use nourx_db::schema::payment_notifications;
use nourx_domain::limits::RateLimit;
use nourx_testkit::{
    Actor, InvoiceBuilder, MemberRole, PaymentBuilder, ProjectBuilder, TestApp, TestClient, TestResponse,
};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

fn small_limits(config: &mut ApiConfig) {
    config.limits.password_resets_per_ip = RateLimit::per_hour(3);
    config.limits.password_resets_global = RateLimit::per_hour(5);
    config.limits.invitations_per_client = RateLimit::per_day(2);
    config.limits.presigns_per_user = RateLimit::per_hour(3);
    config.limits.tickets_per_user = RateLimit::per_hour(3);
    config.limits.storage_quota_bytes = 100;
    config.limits.webhook_max_body_bytes = 1024;
    // Requests say which address they come from with X-Forwarded-For.
    config.trusted_proxies = vec!["127.0.0.1".parse().expect("proxy")];
}

/// A 429 with a `Retry-After` of at most `window` seconds and the French message, then the same
/// request in English gets the English one.
async fn assert_throttled(response: TestResponse, english: TestResponse, window: i64) {
    assert_eq!(response.status, 429, "{}", response.text);
    assert_eq!(response.body["code"], "throttled");
    let retry: i64 = response.header("retry-after").and_then(|v| v.parse().ok()).expect("Retry-After");
    assert!((1..=window).contains(&retry), "Retry-After {retry} within {window}");
    let detail = response.body["detail"].as_str().unwrap_or_default();
    assert!(detail.starts_with("Trop de tentatives. Réessayez dans "), "{detail}");
    assert_eq!(english.status, 429);
    let detail = english.body["detail"].as_str().unwrap_or_default();
    assert!(detail.starts_with("Too many attempts. Try again in "), "{detail}");
}

async fn send(client: &TestClient, method: Method, path: &str, body: &Value, headers: &[(&str, &str)]) -> TestResponse {
    let mut request = client.request(method, path).json(body);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    request.send().await
}

#[actix_web::test]
async fn password_resets_are_limited_per_address_and_for_everyone_whatever_the_email() {
    let app = TestApp::with_config(small_limits).await;
    let user = app.client_user().await;
    let browser = app.client();
    let reset = |from: &'static str, email: &str, lang: &'static str| {
        let body = json!({"email": email});
        let browser = browser.clone();
        async move {
            send(
                &browser,
                Method::POST,
                "/api/auth/password-reset/",
                &body,
                &[("X-Forwarded-For", from), ("Accept-Language", lang)],
            )
            .await
        }
    };
    for email in [user.email.as_str(), "nobody@nowhere.ci", user.email.as_str()] {
        assert_eq!(reset("10.0.0.1", email, "fr").await.status, 204);
    }
    // The fourth from that address is refused, for an account and for nobody alike.
    let known = reset("10.0.0.1", &user.email, "fr").await;
    let unknown = reset("10.0.0.1", "nobody@nowhere.ci", "fr").await;
    assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
    assert_throttled(known, reset("10.0.0.1", &user.email, "en").await, 3600).await;
    // Another address has its own count, until everyone's ceiling (5 an hour) is reached.
    assert_eq!(reset("10.0.0.2", "nobody@nowhere.ci", "fr").await.status, 204);
    assert_eq!(reset("10.0.0.2", &user.email, "fr").await.status, 204);
    assert_throttled(reset("10.0.0.3", &user.email, "fr").await, reset("10.0.0.4", "a@b.ci", "en").await, 3600).await;
}

#[actix_web::test]
async fn invitations_are_limited_per_client_and_day_and_each_client_counts_its_own() {
    let app = TestApp::with_config(small_limits).await;
    let staff = app.staff().await;
    let (tenant_a, tenant_b) = (app.tenant().await, app.tenant().await);
    let (a, b) = (tenant_a.id, tenant_b.id);
    let (owner_a, owner_b) = (app.owner(&tenant_a).await, app.owner(&tenant_b).await);
    let invite = |client: &TestClient, client_id: Uuid, lang: &'static str| {
        let body = json!({"email": format!("{}@invite.ci", Uuid::new_v4().simple()), "role": "member"});
        let (client, path) = (client.clone(), format!("/api/clients/{client_id}/members/"));
        async move { send(&client, Method::POST, &path, &body, &[("Accept-Language", lang)]).await }
    };
    // Another client's owner cannot spend A's invitations (404 before anything is counted).
    assert_eq!(invite(&owner_b, a, "fr").await.status, 404);
    // Two at once from A's owner: both pass, the third waits for midnight UTC.
    let first = join_all([invite(&owner_a, a, "fr"), invite(&owner_a, a, "fr")]).await;
    assert!(first.iter().all(|r| r.status == 201), "{first:?}");
    let refused = invite(&owner_a, a, "fr").await;
    let midnight = (Utc::now().date_naive() + Duration::days(1)).and_hms_opt(0, 0, 0).expect("midnight").and_utc();
    let expected = (midnight - Utc::now()).num_seconds();
    let retry: i64 = refused.header("retry-after").and_then(|v| v.parse().ok()).expect("Retry-After");
    assert!((retry - expected).abs() <= 5, "Retry-After {retry}, expected about {expected}");
    assert_throttled(refused, invite(&owner_a, a, "en").await, 86_400).await;
    // B's count is its own; NOURX staff are not counted.
    assert_eq!(invite(&owner_b, b, "fr").await.status, 201);
    assert_eq!(invite(&staff, a, "fr").await.status, 201);
}

#[actix_web::test]
async fn tickets_sent_in_parallel_never_pass_the_limit() {
    let app = TestApp::with_config(small_limits).await;
    let tenant = app.tenant().await;
    let client_id = tenant.id;
    let colleague = app.member(&tenant, MemberRole::Member).await;
    let owner = app.owner(&tenant).await;
    let open = |client: &TestClient, lang: &'static str| {
        let body = json!({"client_id": client_id, "subject": "Site en panne", "message": "Bonjour"});
        let client = client.clone();
        async move { send(&client, Method::POST, "/api/tickets/", &body, &[("Accept-Language", lang)]).await }
    };
    let burst = join_all((0..10).map(|_| open(&owner, "fr"))).await;
    let statuses: Vec<u16> = burst.iter().map(|r| r.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 3, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 7, "{statuses:?}");
    assert_eq!(app.count_rows("tickets").await, 3);
    let refused = burst.into_iter().find(|r| r.status == 429).expect("a refusal");
    assert_throttled(refused, open(&owner, "en").await, 3600).await;
    // A colleague of the same client counts their own.
    assert_eq!(open(&colleague, "fr").await.status, 201);
}

/// A project of a new client, its owner logged in, and NOURX staff logged in.
async fn project(app: &TestApp) -> (Uuid, Uuid, Actor, Actor) {
    let tenant = app.tenant().await;
    let project = ProjectBuilder::new(&tenant).name("Site").build(app).await;
    (tenant.id, project.id, app.owner(&tenant).await, app.staff().await)
}

fn presign_body(project_id: Uuid, size: u64) -> Value {
    json!({"project_id": project_id, "filename": "notes.txt", "size": size, "content_type": "text/plain"})
}

#[actix_web::test]
async fn upload_forms_are_limited_per_person_even_in_parallel() {
    let app = TestApp::with_config(|config| {
        small_limits(config);
        config.limits.storage_quota_bytes = 0;
    })
    .await;
    let (_, project_id, owner, staff) = project(&app).await;
    let presign = |client: &TestClient, lang: &'static str| {
        let (client, body) = (client.clone(), presign_body(project_id, 5));
        async move { send(&client, Method::POST, "/api/uploads/presign/", &body, &[("Accept-Language", lang)]).await }
    };
    let burst = join_all((0..8).map(|_| presign(&owner, "fr"))).await;
    let statuses: Vec<u16> = burst.iter().map(|r| r.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 3, "{statuses:?}");
    let refused = burst.into_iter().find(|r| r.status == 429).expect("a refusal");
    assert_throttled(refused, presign(&owner, "en").await, 3600).await;
    assert_eq!(presign(&staff, "fr").await.status, 201, "NOURX staff are not counted");
}

#[actix_web::test]
async fn the_storage_quota_refuses_what_would_not_fit_and_the_portal_shows_the_usage() {
    let app = TestApp::with_config(|config| {
        small_limits(config);
        config.limits.presigns_per_user = RateLimit::per_hour(0);
    })
    .await;
    let (client_id, project_id, owner, staff) = project(&app).await;
    let (other_id, other_project, other_owner, _) = project(&app).await;
    // Five uploads of 30 bytes at once into a 100-byte quota: three fit, whatever the timing.
    let body = presign_body(project_id, 30);
    let burst = join_all((0..5).map(|_| owner.post("/api/uploads/presign/", &body))).await;
    let statuses: Vec<u16> = burst.iter().map(|r| r.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 3, "{statuses:?}");
    let refused = burst.iter().find(|r| r.status == 409).expect("a refusal");
    assert_eq!(refused.body["code"], "storage_quota_exceeded", "{}", refused.text);
    assert_json_snapshot!("storage_quota_exceeded", refused.snapshot());
    assert_eq!((refused.body["quota_bytes"].as_i64(), refused.body["used_bytes"].as_i64()), (Some(100), Some(90)));
    assert!(refused.body["detail"].as_str().unwrap_or_default().contains("quota"), "{}", refused.text);
    let english = owner
        .request(Method::POST, "/api/uploads/presign/")
        .header("Accept-Language", "en")
        .json(&presign_body(project_id, 11))
        .send()
        .await;
    assert!(english.body["detail"].as_str().unwrap_or_default().starts_with("Not enough storage"), "{}", english.text);
    // What is left fits exactly; NOURX's internal documents do not count.
    assert_eq!(owner.post("/api/uploads/presign/", &presign_body(project_id, 10)).await.status, 201);
    let mut internal = presign_body(project_id, 50);
    internal["visibility"] = json!("internal");
    assert_eq!(staff.post("/api/uploads/presign/", &internal).await.status, 201);

    let usage = owner.get(&format!("/api/clients/{client_id}/storage/")).await.assert_status(200);
    assert_eq!(usage.body, json!({"client_id": client_id, "used_bytes": 100, "quota_bytes": 100}));
    // Another client's space is its own, and its usage is not readable by A's people.
    assert_eq!(other_owner.post("/api/uploads/presign/", &presign_body(other_project, 100)).await.status, 201);
    assert_eq!(owner.get(&format!("/api/clients/{other_id}/storage/")).await.status, 404);
}

#[actix_web::test]
async fn parallel_status_polls_ask_cinetpay_once() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let payer = app.owner(&tenant).await;
    let invoice =
        InvoiceBuilder::new(&tenant).title("Site").exempt_line("Forfait", "1", 20_000).sent().build(&app).await;
    let payment = PaymentBuilder::new(&payer, invoice.id).build(&app).await;
    let path = format!("/api/payments/{}/status/", payment.id);

    let before = app.sandbox.check_count();
    let polls = join_all((0..12).map(|_| payer.get(&path))).await;
    assert!(polls.iter().all(|r| r.status == 200 && r.body["status"] == "pending"), "{polls:?}");
    assert_eq!(app.sandbox.check_count(), before + 1, "one check for twelve parallel polls");
}

async fn webhook(app: &TestApp, body: String) -> TestResponse {
    app.client()
        .request(Method::POST, "/api/payments/webhook/")
        .body(body, "application/x-www-form-urlencoded")
        .without_csrf()
        .send()
        .await
}

#[actix_web::test]
async fn an_oversize_notification_is_refused_unstored_and_old_journal_rows_are_deleted() {
    let app = TestApp::with_config(small_limits).await;
    let oversize = webhook(&app, format!("cpm_trans_id=X&cpm_custom={}", "a".repeat(1024))).await;
    let oversize = oversize.assert_error(413, "payload_too_large");
    assert_json_snapshot!("oversize_notification", oversize.snapshot());
    assert_eq!(app.count_rows("payment_notifications").await, 0, "nothing of it is stored");
    assert_eq!(webhook(&app, "cpm_trans_id=X&cpm_site_id=1".into()).await.status, 200);
    assert_eq!(webhook(&app, "cpm_trans_id=Y&cpm_site_id=1".into()).await.status, 200);
    assert_eq!(app.count_rows("payment_notifications").await, 2);

    // One row past the 180 days of retention, one within them.
    let oldest = "(SELECT min(id) FROM payment_notifications)";
    app.sql(format!("UPDATE payment_notifications SET created_at = now() - interval '181 days' WHERE id = {oldest}"))
        .await;
    let newest = "(SELECT max(id) FROM payment_notifications)";
    app.sql(format!("UPDATE payment_notifications SET created_at = now() - interval '179 days' WHERE id = {newest}"))
        .await;
    // What the worker's periodic clean-up runs.
    nourx_api::delete_expired_records(&app.db, &app.config).expect("clean-up");
    let left: Vec<String> = app
        .with_conn(|conn| payment_notifications::table.select(payment_notifications::body).load(conn).expect("journal"))
        .await;
    assert_eq!(left, vec!["cpm_trans_id=Y&cpm_site_id=1".to_owned()]);
}
