//! Bad input gets a clear 4xx with a DRF-style body, never a 500 or an HTML page.

use insta::assert_json_snapshot;
use nourx_testkit::{QuoteBuilder, TestApp};
use reqwest::Method;
use serde_json::json;

#[actix_web::test]
async fn malformed_json_is_400() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let response = client.request(Method::PATCH, "/api/me/").body(r#"{"name": "Awa"#, "application/json").send().await;
    let response = response.assert_error(400, "parse_error");
    assert!(response.body["detail"].is_string());
    assert_json_snapshot!("malformed_json", response.snapshot());
}

#[actix_web::test]
async fn wrong_field_type_is_400_naming_the_field() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let response = client.patch("/api/me/", &json!({"name": 42})).await.assert_field_error("name");
    assert!(response.body["name"][0].as_str().unwrap_or("").contains("chaîne"), "{}", response.text);
    assert_json_snapshot!("wrong_field_type", response.snapshot());
    let locale = client.patch("/api/me/", &json!({"locale": "de"})).await.assert_field_error("locale");
    assert_json_snapshot!("unknown_locale", locale.snapshot());
}

#[actix_web::test]
async fn missing_field_is_400_naming_the_field() {
    let app = TestApp::new().await;
    let response = app.client().post("/api/auth/login/", &json!({"email": "awa@akwaba.demo"})).await.assert_status(400);
    assert_eq!(response.body, json!({"password": ["Ce champ est obligatoire."]}));
}

#[actix_web::test]
async fn unknown_field_is_400_naming_the_field() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let response = client.patch("/api/me/", &json!({"name": "Awa", "is_admin": true})).await.assert_status(400);
    assert_eq!(response.body, json!({"is_admin": ["Ce champ n'est pas accepté."]}));
}

#[actix_web::test]
async fn two_megabyte_body_is_413() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let huge = format!(r#"{{"name": "{}"}}"#, "a".repeat(2 * 1024 * 1024));
    let response = client.request(Method::PATCH, "/api/me/").body(huge, "application/json").send().await;
    assert_json_snapshot!("payload_too_large", response.assert_error(413, "payload_too_large").snapshot());
    // Nothing was changed by the refused request.
    let me = client.get("/api/me/").await;
    assert!(me.body["name"].as_str().unwrap_or("").starts_with("Test"));
}

#[actix_web::test]
async fn text_plain_body_is_415() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let response = client.request(Method::PATCH, "/api/me/").body(r#"{"name": "Awa"}"#, "text/plain").send().await;
    assert_json_snapshot!("unsupported_media_type", response.assert_error(415, "unsupported_media_type").snapshot());
}

#[actix_web::test]
async fn unknown_api_path_is_404_json_and_wrong_method_is_405_json() {
    let app = TestApp::new().await;
    let client = app.client();
    let missing = client.get("/api/does-not-exist/").await.assert_error(404, "not_found");
    assert_eq!(missing.header("content-type"), Some("application/json"));
    assert_json_snapshot!("not_found", missing.snapshot());

    let wrong_method = client.delete("/api/me/").await.assert_error(405, "method_not_allowed");
    assert!(wrong_method.header("allow").unwrap_or("").contains("PATCH"));
    assert_json_snapshot!("method_not_allowed", wrong_method.snapshot());
}

#[actix_web::test]
async fn a_fixed_path_answers_405_with_its_own_methods_even_beside_an_id_route() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    // `GET /api/payments/{id}/` exists, but "init" can never be an id.
    let get = client.get("/api/payments/init/").await.assert_status(405);
    assert_eq!(get.header("allow"), Some("POST, OPTIONS"));
    let patch = client.request(Method::PATCH, "/api/invoices/summary/").send().await.assert_status(405);
    assert_eq!(patch.header("allow"), Some("GET, HEAD, OPTIONS"));
    let options = client.request(Method::OPTIONS, "/api/payments/init/").send().await;
    assert_eq!((options.status, options.header("allow")), (405, Some("POST, OPTIONS")));
    // A malformed id is still a 404.
    assert_eq!(client.get("/api/payments/not-a-uuid/").await.status, 404);
}

#[actix_web::test]
async fn the_last_possible_page_is_empty_not_an_overflow() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let last = client.get(&format!("/api/notifications/?page={}", i64::MAX)).await.assert_status(200);
    assert_eq!(last.body["results"], json!([]));
    assert_eq!(last.body["next"], serde_json::Value::Null);
}

#[actix_web::test]
async fn errors_speak_english_when_asked() {
    let app = TestApp::new().await;
    let response =
        app.client().request(Method::GET, "/api/me/").header("Accept-Language", "en-GB,en;q=0.9").send().await;
    let response = response.assert_status(401);
    assert_eq!(response.body["detail"], "Authentication credentials were not provided.");
    assert_eq!(response.header("content-language"), Some("en"));
    assert_json_snapshot!("not_authenticated_en", response.snapshot());
    let french = app.client().get("/api/me/").await;
    assert_eq!(french.header("content-language"), Some("fr"));
    assert!(french.body["detail"].as_str().unwrap_or("").contains("connecté"));
    assert_json_snapshot!("not_authenticated_fr", french.snapshot());
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
    let client = app.client_owner().await;
    let bad = client.patch("/api/me/", &json!({"name": "  ", "phone": "call me"})).await;
    let bad = bad.assert_field_error("name").assert_field_error("phone");
    assert_json_snapshot!("invalid_profile", bad.snapshot());

    let ok =
        client.patch("/api/me/", &json!({"phone": "+225 07 08 09 10 11", "locale": "en"})).await.assert_status(200);
    assert_eq!(ok.body["phone"], "+2250708091011");
    assert_eq!(ok.body["locale"], "en");

    let cleared = client.patch("/api/me/", &json!({"phone": null})).await;
    assert_eq!(cleared.body["phone"], serde_json::Value::Null);
    assert_eq!(cleared.body["locale"], "en", "absent fields are kept");
}

#[actix_web::test]
async fn health_and_readiness() {
    let app = TestApp::new().await;
    let health = app.client().get("/api/health/").await.assert_status(200);
    assert_eq!(health.body["status"], "ok");
    let ready = app.client().get("/api/ready/").await.assert_status(200);
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
        .await
        .assert_status(200);
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
    let docs = app.client().get("/api/docs/").await.assert_status(200);
    assert!(docs.text.contains("swagger"), "Swagger UI page expected");
    let document = app.client().get("/api/openapi.json").await.assert_status(200);
    assert!(document.body["paths"]["/api/auth/login/"]["post"].is_object());
}

// ---- NUL characters: PostgreSQL refuses them in text, so they never get past the extractors ----

const NUL_FR: &str = "Les caractères nuls (U+0000) ne sont pas autorisés.";

#[actix_web::test]
async fn nul_in_a_query_parameter_is_400_naming_the_parameter() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    for path in [
        "/api/documents/?search=a%00b",
        "/api/milestones/?search=%00",
        "/api/quotes/?search=x%00",
        "/api/tasks/?search=%00&page=1",
        "/api/tickets/?search=%00",
    ] {
        let response = client.get(path).await.assert_status(400);
        assert_eq!(response.body, json!({"search": [NUL_FR]}), "{path}");
    }
    // Before any session is looked at, in English when asked, one entry per parameter.
    let english = app
        .client()
        .request(Method::GET, "/api/payments/return/?transaction_id=T%00&token=%00")
        .header("Accept-Language", "en")
        .send()
        .await
        .assert_status(400);
    assert_eq!(
        english.body,
        json!({"token": ["Null characters are not allowed."], "transaction_id": ["Null characters are not allowed."]})
    );
    // A NUL in a parameter's name has no field to name.
    let name = client.get("/api/tickets/?sea%00rch=x").await;
    assert_eq!(name.body, json!({"non_field_errors": [NUL_FR]}));
    // `%2500` is a percent sign followed by "00", not a NUL.
    client.get("/api/tickets/?search=%2500").await.assert_status(200);
}

#[actix_web::test]
async fn nul_in_a_path_segment_is_404() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    for path in ["/api/storage/download/a%00b", "/api/tickets/%00/", "/api/nowhere%00/"] {
        client.get(path).await.assert_error(404, "not_found");
    }
}

#[actix_web::test]
async fn nul_in_a_json_field_is_400_naming_the_field_and_stores_nothing() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let ticket = client.post("/api/tickets/", &json!({"subject": "Bonjour\u{0}", "message": "Un\u{0}deux"})).await;
    let ticket = ticket.assert_status(400);
    assert_eq!(ticket.body, json!({"message": [NUL_FR], "subject": [NUL_FR]}));
    assert_eq!(app.count_rows("tickets").await, 0);

    let ticket = client.post("/api/tickets/", &json!({"subject": "Bonjour", "message": "Premier"})).await;
    let messages = format!("/api/tickets/{}/messages/", ticket.assert_status(201).id());
    let reply = client.post(&messages, &json!({"body": "\u{0}"})).await.assert_status(400);
    assert_eq!(reply.body, json!({"body": [NUL_FR]}));
    assert_eq!(app.count_rows("ticket_messages").await, 1, "only the first message");

    // An escaped backslash followed by `u0000` is plain text.
    client.post(&messages, &json!({"body": "C:\\u0000"})).await.assert_status(201);
}

#[actix_web::test]
async fn nul_in_a_nested_json_field_or_a_key_is_400_naming_its_path() {
    let app = TestApp::new().await;
    let client_id = app.tenant().await.id;
    let admin = app.staff().await;
    let item = |label: &str| json!({"label": label, "quantity": "1", "unit_price": 1000});
    let quote = admin
        .post(
            "/api/quotes/",
            &json!({"client_id": client_id, "title": "Site", "items": [item("Maquette"), item("Dév\u{0}")]}),
        )
        .await
        .assert_status(400);
    assert_eq!(quote.body, json!({"items[1].label": [NUL_FR]}));
    let key = admin.post("/api/quotes/", &json!({"client_id": client_id, "items": [{"lab\u{0}el": "x"}]})).await;
    assert_eq!(key.body, json!({"items[0]": [NUL_FR]}), "{}", key.text);
    assert_eq!(app.count_rows("quotes").await, 0);
    assert_eq!(app.count_rows("line_items").await, 0);
    // The same items without the NUL make a quote: the refusals above were about it alone.
    QuoteBuilder::new(&client_id).items(json!([item("Maquette"), item("Dév")])).build(&app).await;
}

#[actix_web::test]
async fn nul_in_a_form_body_is_refused_or_journaled_harmlessly() {
    let app = TestApp::new().await;
    let form = |path: &str, body: &str| {
        app.client()
            .request(Method::POST, path)
            .body(body.to_owned(), "application/x-www-form-urlencoded")
            .without_csrf()
            .send()
    };
    let back = form("/api/payments/return/", "transaction_id=abc%00&token=t").await.assert_status(400);
    assert_eq!(back.body, json!({"transaction_id": [NUL_FR]}));

    // The webhook answers 200 to everything it journals, so that a forger learns nothing; the
    // journal keeps the NUL as U+FFFD.
    form("/api/payments/webhook/", "cpm_site_id=105900&cpm_trans_id=T%00X&raw=\0").await.assert_status(200);
    let (body, transaction): (String, Option<String>) = app
        .with_conn(|conn| {
            use diesel::prelude::*;
            use nourx_db::schema::payment_notifications as journal;
            journal::table
                .filter(journal::method.eq("POST"))
                .select((journal::body, journal::transaction_id))
                .first(conn)
                .expect("journaled")
        })
        .await;
    assert_eq!(transaction.as_deref(), Some("T\u{fffd}X"));
    assert!(body.ends_with("raw=\u{fffd}"), "{body}");
}

#[actix_web::test]
async fn a_long_transaction_id_in_a_notification_is_cut_on_a_character_boundary() {
    let app = TestApp::new().await;
    // 99 ASCII letters then a two-byte character across the 100th byte.
    let transaction = format!("{}é", "a".repeat(99));
    let notify = app
        .client()
        .request(Method::POST, "/api/payments/webhook/")
        .body(format!("cpm_trans_id={transaction}"), "application/x-www-form-urlencoded")
        .without_csrf()
        .send()
        .await;
    notify.assert_status(200);
}

#[actix_web::test]
async fn nul_in_a_header_is_refused_by_the_http_parser() {
    use std::io::{Read, Write};
    let app = TestApp::new().await;
    let address = app.base_url.trim_start_matches("http://").to_owned();
    let answer = actix_web::web::block(move || {
        let mut stream = std::net::TcpStream::connect(address).expect("connect");
        stream
            .write_all(b"GET /api/health/ HTTP/1.1\r\nHost: x\r\nUser-Agent: a\0b\r\nConnection: close\r\n\r\n")
            .expect("write");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    })
    .await
    .expect("join");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
}
