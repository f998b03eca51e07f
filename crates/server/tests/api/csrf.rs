//! CSRF on every unsafe request, however the path or the method is spelled: the check runs
//! whether a route matches or not, and only the exact exempt paths skip it, compared after the
//! percent-decoding the router does.

use nourx_testkit::{Actor, QuoteBuilder, TestApp, TestClient};
use reqwest::Method;
use serde_json::{Value, json};

const EVIL: &str = "http://evil.example";

/// A quote sent to the owner's client, ready to be accepted.
async fn sent_quote(app: &TestApp) -> (uuid::Uuid, Actor) {
    let tenant = app.tenant().await;
    let quote = QuoteBuilder::new(&tenant).title("Refonte").line("Site", "1", 100_000).sent().build(app).await;
    (quote.id, app.owner(&tenant).await)
}

async fn forged(client: &TestClient, method: &[u8], path: &str, body: Option<&Value>) -> (u16, Value) {
    let method = Method::from_bytes(method).expect("method");
    let mut request = client.request(method, path).without_csrf().header("Origin", EVIL);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await;
    (response.status, response.body)
}

#[actix_web::test]
async fn a_body_less_post_is_checked_however_its_path_is_spelled() {
    let app = TestApp::new().await;
    let (id, owner) = sent_quote(&app).await;
    let spellings = [
        format!("/api/quotes/{id}/%61ccept/"),
        format!("/api/quotes/{id}/%61%63%63%65%70%74/"),
        format!("/api/quotes/{id}%2Faccept/"),
        format!("/api/quotes//{id}/accept/"),
        format!("/api//quotes/{id}/accept/"),
        format!("/api/quotes/{id}/accept"),
        format!("/api/quotes/{id}/accept//"),
        format!("/api/quotes/{id}/accept/"),
    ];
    for path in &spellings {
        for method in [&b"POST"[..], b"post", b"Post"] {
            let (status, body) = forged(&owner, method, path, None).await;
            assert_eq!(status, 403, "{} {path}: {body}", String::from_utf8_lossy(method));
            assert_eq!(body["code"], "csrf_failed", "{path}");
        }
    }
    let quote = owner.get(&format!("/api/quotes/{id}/")).await;
    assert_eq!(quote.body["status"], "sent", "no spelling accepted the quote");

    // The same request with the token goes through.
    let accepted = owner.post(&format!("/api/quotes/{id}/%61ccept/"), &json!({})).await.assert_status(200);
    assert_eq!(accepted.body["status"], "accepted");
}

#[actix_web::test]
async fn a_json_write_is_checked_however_its_path_is_spelled() {
    let app = TestApp::new().await;
    let user = app.client_owner().await;
    let change = json!({"name": "Pirate"});
    for path in ["/api/%6De/", "/api/m%65/", "/api//me/", "/api/me", "/api/me//", "/api%2Fme/", "/api/me/"] {
        for method in [&b"PATCH"[..], b"patch", b"PUT", b"DELETE"] {
            let (status, body) = forged(&user, method, path, Some(&change)).await;
            assert_eq!(status, 403, "{} {path}: {body}", String::from_utf8_lossy(method));
            assert_eq!(body["code"], "csrf_failed");
        }
    }
    assert_ne!(user.get("/api/me/").await.body["name"], "Pirate");
}

#[actix_web::test]
async fn unknown_paths_and_methods_are_checked_too() {
    let app = TestApp::new().await;
    let user = app.client_owner().await;
    for (method, path) in [(&b"POST"[..], "/api/no-such-route/"), (b"PURGE", "/api/me/"), (b"POST", "/elsewhere")] {
        let (status, body) = forged(&user, method, path, None).await;
        assert_eq!(status, 403, "{path}: {body}");
    }
    // Safe methods never are, and a token makes an unknown route the 404 it is.
    assert_eq!(user.get("/api/no-such-route/").await.status, 404);
    assert_eq!(user.post("/api/no-such-route/", &json!({})).await.status, 404);
}

#[actix_web::test]
async fn only_the_exact_exempt_paths_skip_the_check() {
    let app = TestApp::new().await;
    let anonymous = app.client();
    // The webhook is exempt under any spelling the router reads as the webhook…
    for path in ["/api/payments/webhook/", "/api/payments/%77ebhook/"] {
        let response = anonymous
            .request(Method::POST, path)
            .without_csrf()
            .header("Origin", EVIL)
            .body("cpm_trans_id=unknown", "application/x-www-form-urlencoded")
            .send()
            .await;
        assert_ne!(response.body["code"], "csrf_failed", "{path}: {}", response.text);
    }
    // …and only those: a neighbour or another spelling is checked.
    for path in
        ["/api/payments/webhook", "/api/payments//webhook/", "/api/payments/webhook/x/", "/api/payments%2Fwebhook/"]
    {
        let (status, body) = forged(&anonymous, b"POST", path, None).await;
        assert_eq!((status, body["code"].as_str()), (403, Some("csrf_failed")), "{path}");
    }
}
