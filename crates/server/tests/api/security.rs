//! Go-live protections of the API itself: response headers, who reads the API documentation,
//! guesses counted before they are checked (parallel guesses cannot exceed a limit), the global
//! ceiling, and single-use links that no one reads back from the outbox.

use nourx_api::http::middleware::DocsAccess;
use nourx_api::services::mailer::SmtpSender;
use nourx_testkit::{TestApp, token_in};
use serde_json::json;

#[actix_web::test]
async fn every_response_forbids_sniffing_framing_and_caching() {
    let app = TestApp::new().await;
    let user = app.client_owner().await;
    for response in [user.get("/api/me/").await, app.client().get("/api/me/").await, user.get("/api/nowhere/").await] {
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(response.header("x-frame-options"), Some("DENY"));
        assert_eq!(response.header("content-security-policy"), Some("default-src 'none'; frame-ancestors 'none'"));
        assert_eq!(response.header("cache-control"), Some("no-store"));
        assert_eq!(response.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(response.header("strict-transport-security"), None, "no HSTS on development's plain http");
    }
    let docs = app.client().get("/api/docs/").await.assert_status(200);
    assert_eq!(docs.header("content-security-policy"), Some("frame-ancestors 'none'"), "Swagger UI runs its scripts");

    let production = TestApp::with_config(|config| config.development = false).await;
    let response = production.client().get("/api/health/").await;
    assert_eq!(response.header("strict-transport-security"), Some("max-age=63072000; includeSubDomains"));
}

#[actix_web::test]
async fn production_documentation_is_for_staff_or_nobody() {
    let app = TestApp::with_config(|config| config.docs_access = DocsAccess::Staff).await;
    let client = app.client_owner().await;
    let admin = app.staff().await;
    for path in ["/api/openapi.json", "/api/docs/"] {
        assert_eq!(app.client().get(path).await.status, 401, "{path}");
        assert_eq!(client.get(path).await.status, 403, "{path}");
        assert_eq!(admin.get(path).await.status, 200, "{path}");
    }
    let off = TestApp::with_config(|config| config.docs_access = DocsAccess::Off).await;
    let admin = off.staff().await;
    assert_eq!(admin.get("/api/openapi.json").await.status, 404);
    assert_eq!(admin.get("/api/docs/").await.status, 404);
}

#[actix_web::test]
async fn parallel_guesses_cannot_exceed_the_limit() {
    let app = TestApp::with_config(|config| config.login_throttle.max_failures_per_account = 5).await;
    let user = app.client_user().await;
    let guesses = (0..20).map(|n| {
        let client = app.client();
        let body = json!({"email": user.email, "password": format!("guess number {n}")});
        async move { client.post("/api/auth/login/", &body).await.status }
    });
    let statuses = futures_util::future::join_all(guesses).await;
    let checked = statuses.iter().filter(|s| **s == 400).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    // Never more than the limit. Under load a guess may also see a rival's attempt that is about
    // to be refused and forgotten, and refuse itself: parallel guessing can only lose guesses.
    assert!((1..=5).contains(&checked), "{statuses:?}");
    assert_eq!(checked + refused, 20, "{statuses:?}");
}

#[actix_web::test]
async fn the_global_ceiling_stops_a_campaign_spread_over_accounts_and_addresses() {
    let app = TestApp::with_config(|config| {
        config.login_throttle.max_failures_global = 3;
        config.trusted_proxies = vec!["127.0.0.1".parse().expect("network")];
    })
    .await;
    for n in 0..3 {
        let response = app
            .client()
            .request(reqwest::Method::POST, "/api/auth/login/")
            .json(&json!({"email": format!("victim{n}@akwaba.ci"), "password": "a guess"}))
            .header("X-Forwarded-For", &format!("203.0.113.{n}"))
            .send()
            .await;
        response.assert_status(400);
    }
    let fourth = app
        .client()
        .request(reqwest::Method::POST, "/api/auth/login/")
        .json(&json!({"email": "victim9@akwaba.ci", "password": "a guess"}))
        .header("X-Forwarded-For", "203.0.113.9")
        .send()
        .await
        .assert_error(429, "throttled");
    assert!(fourth.header("retry-after").is_some());
}

async fn request_reset(app: &TestApp) -> String {
    let user = app.client_user().await;
    app.client().post("/api/auth/password-reset/", &json!({"email": user.email})).await.assert_status(204);
    user.email
}

async fn deliver(app: &TestApp, sender: Option<SmtpSender>) {
    let db = app.db.clone();
    let handled = actix_web::web::block(move || nourx_api::services::mailer::deliver_due(&db, sender.as_ref()))
        .await
        .expect("join")
        .expect("delivery round");
    assert_eq!(handled, 1);
}

#[actix_web::test]
async fn a_reset_link_read_from_the_mail_viewer_does_not_work() {
    let app = TestApp::new().await;
    let to = request_reset(&app).await;
    deliver(&app, None).await;

    let admin = app.staff().await;
    let emails = admin.get(&format!("/api/admin/emails/?to={to}")).await;
    let email = &emails.body["results"][0];
    let (text, html) = (email["text_body"].as_str().expect("text"), email["html_body"].as_str().expect("html"));
    assert_eq!(token_in(text), "[masqué-redacted]", "{text}");
    assert!(html.contains("?token=[masqué-redacted]"), "{html}");
    let confirm = json!({"token": token_in(text), "new_password": "une phrase de passe toute neuve"});
    let refused = app.client().post("/api/auth/password-reset/confirm/", &confirm).await;
    refused.assert_field_error("token");

    // Nor from the database (or a backup of it): the stored bodies were masked once delivered.
    let stored = app.emails().await;
    assert!(
        stored.iter().all(|email| !email.text.contains("?token=") || email.text.contains("?token=[masqué-redacted]"))
    );
}

#[actix_web::test]
async fn development_mail_lands_whole_in_the_mail_directory_and_masked_in_the_outbox() {
    let app = TestApp::new().await;
    let to = request_reset(&app).await;
    let dir = tempfile::tempdir().expect("mail directory");
    deliver(&app, Some(SmtpSender::to_directory(dir.path(), "NOURX <no-reply@nourx.demo>").expect("sender"))).await;

    let files: Vec<_> = std::fs::read_dir(dir.path()).expect("read").map(|e| e.expect("entry").path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let eml = std::fs::read_to_string(&files[0]).expect("eml");
    assert!(eml.contains(&format!("To: {to}")), "{eml}");
    let stored = app.last_email_to(&to, "password_reset").await;
    assert_eq!(stored.status, "sent");
    assert_eq!(token_in(&stored.text), "[masqué-redacted]");
}
