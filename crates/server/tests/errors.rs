//! Bad input gets a clear 4xx with a DRF-style body, never a 500 or an HTML page.

use nourx_testkit::TestApp;
use reqwest::Method;
use serde_json::json;

async fn logged_in(app: &TestApp) -> nourx_testkit::TestClient {
    let user = app.client_user().await;
    app.login(&user).await
}

#[actix_web::test]
async fn malformed_json_is_400() {
    let app = TestApp::new().await;
    let client = logged_in(&app).await;
    let response = client.request(Method::PATCH, "/api/me/").body(r#"{"name": "Awa"#, "application/json").send().await;
    assert_eq!(response.status, 400);
    assert_eq!(response.body["code"], "parse_error");
    assert!(response.body["detail"].is_string());
}

#[actix_web::test]
async fn wrong_field_type_is_400_naming_the_field() {
    let app = TestApp::new().await;
    let client = logged_in(&app).await;
    let response = client.patch("/api/me/", &json!({"name": 42})).await;
    assert_eq!(response.status, 400);
    assert!(response.body["name"][0].as_str().unwrap_or("").contains("chaîne"), "{}", response.text);
    let locale = client.patch("/api/me/", &json!({"locale": "de"})).await;
    assert_eq!(locale.status, 400);
    assert!(locale.body["locale"].is_array(), "{}", locale.text);
}

#[actix_web::test]
async fn missing_field_is_400_naming_the_field() {
    let app = TestApp::new().await;
    let response = app.client().post("/api/auth/login/", &json!({"email": "awa@akwaba.demo"})).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.body, json!({"password": ["Ce champ est obligatoire."]}));
}

#[actix_web::test]
async fn unknown_field_is_400_naming_the_field() {
    let app = TestApp::new().await;
    let client = logged_in(&app).await;
    let response = client.patch("/api/me/", &json!({"name": "Awa", "is_admin": true})).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.body, json!({"is_admin": ["Ce champ n'est pas accepté."]}));
}

#[actix_web::test]
async fn two_megabyte_body_is_413() {
    let app = TestApp::new().await;
    let client = logged_in(&app).await;
    let huge = format!(r#"{{"name": "{}"}}"#, "a".repeat(2 * 1024 * 1024));
    let response = client.request(Method::PATCH, "/api/me/").body(huge, "application/json").send().await;
    assert_eq!(response.status, 413);
    assert_eq!(response.body["code"], "payload_too_large");
    // Nothing was changed by the refused request.
    let me = client.get("/api/me/").await;
    assert!(me.body["name"].as_str().unwrap_or("").starts_with("Test"));
}

#[actix_web::test]
async fn text_plain_body_is_415() {
    let app = TestApp::new().await;
    let client = logged_in(&app).await;
    let response = client.request(Method::PATCH, "/api/me/").body(r#"{"name": "Awa"}"#, "text/plain").send().await;
    assert_eq!(response.status, 415);
    assert_eq!(response.body["code"], "unsupported_media_type");
}

#[actix_web::test]
async fn unknown_api_path_is_404_json_and_wrong_method_is_405_json() {
    let app = TestApp::new().await;
    let client = app.client();
    let missing = client.get("/api/does-not-exist/").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body["code"], "not_found");
    assert_eq!(missing.header("content-type"), Some("application/json"));

    let wrong_method = client.delete("/api/me/").await;
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.body["code"], "method_not_allowed");
    assert!(wrong_method.header("allow").unwrap_or("").contains("PATCH"));
}

#[actix_web::test]
async fn errors_speak_english_when_asked() {
    let app = TestApp::new().await;
    let response =
        app.client().request(Method::GET, "/api/me/").header("Accept-Language", "en-GB,en;q=0.9").send().await;
    assert_eq!(response.status, 401);
    assert_eq!(response.body["detail"], "Authentication credentials were not provided.");
    assert_eq!(response.header("content-language"), Some("en"));
    let french = app.client().get("/api/me/").await;
    assert_eq!(french.header("content-language"), Some("fr"));
    assert!(french.body["detail"].as_str().unwrap_or("").contains("connecté"));
}

#[actix_web::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::new().await;
    let response = app.client().get("/api/health/").await;
    assert_eq!(response.header("x-request-id").map(str::len), Some(32));
    let echoed = app.client().request(Method::GET, "/api/nope/").header("X-Request-Id", "trace-abc-123").send().await;
    assert_eq!(echoed.header("x-request-id"), Some("trace-abc-123"));
    let refused =
        app.client().request(Method::GET, "/api/health/").header("X-Request-Id", "bad id with spaces").send().await;
    assert_ne!(refused.header("x-request-id"), Some("bad id with spaces"));
}

#[actix_web::test]
async fn profile_updates_validate_and_persist() {
    let app = TestApp::new().await;
    let client = logged_in(&app).await;
    let bad = client.patch("/api/me/", &json!({"name": "  ", "phone": "call me"})).await;
    assert_eq!(bad.status, 400);
    assert!(bad.body["name"].is_array() && bad.body["phone"].is_array(), "{}", bad.text);

    let ok = client.patch("/api/me/", &json!({"phone": "+225 07 08 09 10 11", "locale": "en"})).await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.body["phone"], "+2250708091011");
    assert_eq!(ok.body["locale"], "en");

    let cleared = client.patch("/api/me/", &json!({"phone": null})).await;
    assert_eq!(cleared.body["phone"], serde_json::Value::Null);
    assert_eq!(cleared.body["locale"], "en", "absent fields are kept");
}

#[actix_web::test]
async fn health_and_readiness() {
    let app = TestApp::new().await;
    let health = app.client().get("/api/health/").await;
    assert_eq!(health.status, 200);
    assert_eq!(health.body["status"], "ok");
    let ready = app.client().get("/api/ready/").await;
    assert_eq!(ready.status, 200);
    assert_eq!(ready.body["database"], "ok");
}

#[actix_web::test]
async fn cors_allows_only_the_configured_origins_with_credentials() {
    let app = TestApp::new().await;
    let allowed = app
        .client()
        .request(Method::OPTIONS, "/api/me/")
        .header("Origin", "http://localhost:3000")
        .header("Access-Control-Request-Method", "PATCH")
        .header("Access-Control-Request-Headers", "content-type,x-csrftoken")
        .send()
        .await;
    assert_eq!(allowed.status, 200);
    assert_eq!(allowed.header("access-control-allow-origin"), Some("http://localhost:3000"));
    assert_eq!(allowed.header("access-control-allow-credentials"), Some("true"));

    let other = app
        .client()
        .request(Method::OPTIONS, "/api/me/")
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "PATCH")
        .send()
        .await;
    assert_ne!(other.header("access-control-allow-origin"), Some("https://evil.example"));
    assert_ne!(other.header("access-control-allow-origin"), Some("*"));
}

#[actix_web::test]
async fn swagger_ui_and_the_document_are_served_offline() {
    let app = TestApp::new().await;
    let docs = app.client().get("/api/docs/").await;
    assert_eq!(docs.status, 200);
    assert!(docs.text.contains("swagger"), "Swagger UI page expected");
    let document = app.client().get("/api/openapi.json").await;
    assert_eq!(document.status, 200);
    assert!(document.body["paths"]["/api/auth/login/"]["post"].is_object());
}
