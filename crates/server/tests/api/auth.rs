//! Sessions, CSRF and login throttling, through real HTTP on a real database.

use insta::assert_json_snapshot;
use nourx_testkit::TestApp;
use reqwest::Method;
use serde_json::json;

#[actix_web::test]
async fn me_without_a_session_is_401() {
    let app = TestApp::new().await;
    app.client().get("/api/me/").await.assert_error(401, "not_authenticated");
}

#[actix_web::test]
async fn login_returns_the_user_and_me_answers() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let client = app.client();
    let response =
        client.post("/api/auth/login/", &json!({"email": user.email.to_uppercase(), "password": user.password})).await;
    let response = response.assert_status(200);
    assert_eq!(response.body["email"], user.email);
    assert_eq!(response.body["role"], "client");
    assert_eq!(response.body["client_ids"].as_array().map(Vec::len), Some(1));
    assert_eq!(response.body["memberships"][0]["role"], "owner");
    assert_eq!(response.body["memberships"][0]["client_id"], response.body["client_ids"][0]);
    let me = client.get("/api/me/").await.assert_status(200);
    assert_eq!(me.body["id"], user.id.to_string());
    assert_eq!(me.body["name"], user.name);
}

#[actix_web::test]
async fn username_is_accepted_for_email() {
    let app = TestApp::new().await;
    let user = app.admin().await;
    let response =
        app.client().post("/api/auth/login/", &json!({"username": user.email, "password": user.password})).await;
    let response = response.assert_status(200);
    assert_eq!(response.body["role"], "admin");
}

#[actix_web::test]
async fn unsafe_methods_need_the_csrf_header() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;

    let missing = client.request(Method::PATCH, "/api/me/").json(&json!({"name": "X"})).without_csrf().send().await;
    assert_json_snapshot!("csrf_header_missing", missing.assert_error(403, "csrf_failed").snapshot());

    let wrong = client
        .request(Method::PATCH, "/api/me/")
        .json(&json!({"name": "X"}))
        .without_csrf()
        .header("X-CSRFToken", "0123456789012345678901234567890123456789012")
        .send()
        .await;
    assert_json_snapshot!("csrf_token_wrong", wrong.assert_error(403, "csrf_failed").snapshot());

    let untrusted = client
        .request(Method::PATCH, "/api/me/")
        .json(&json!({"name": "X"}))
        .header("Origin", "https://evil.example")
        .send()
        .await;
    let untrusted = untrusted.assert_error(403, "csrf_failed");
    assert!(untrusted.body["detail"].as_str().unwrap_or("").contains("evil.example"));
    assert_json_snapshot!("csrf_origin_untrusted", untrusted.snapshot());

    let untrusted_referer = client
        .request(Method::PATCH, "/api/me/")
        .json(&json!({"name": "X"}))
        .header("Referer", "https://evil.example/page")
        .send()
        .await;
    assert_json_snapshot!("csrf_referer_untrusted", untrusted_referer.assert_error(403, "csrf_failed").snapshot());

    let trusted = client
        .request(Method::PATCH, "/api/me/")
        .json(&json!({"name": "Nom Changé"}))
        .header("Origin", "http://127.0.0.1:3000")
        .send()
        .await
        .assert_status(200);
    assert_eq!(trusted.body["name"], "Nom Changé");
}

#[actix_web::test]
async fn login_itself_needs_csrf() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let response = app
        .client()
        .request(Method::POST, "/api/auth/login/")
        .json(&json!({"email": user.email, "password": user.password}))
        .without_csrf()
        .send()
        .await;
    response.assert_error(403, "csrf_failed");
}

#[actix_web::test]
async fn login_rotates_the_session_id_and_the_csrf_token() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let user = &client.user;
    let first_session = client.cookie("sessionid").expect("session cookie");
    let first_csrf = client.cookie("csrftoken").expect("csrf cookie");

    client.post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await.assert_status(200);
    let second_session = client.cookie("sessionid").expect("session cookie");
    assert_ne!(first_session, second_session, "the session id must change at login");
    assert_ne!(first_csrf, client.cookie("csrftoken").expect("csrf cookie"), "the CSRF token must change at login");

    // The session the login replaced is gone server-side.
    let replay = app.client();
    replay.set_cookie("sessionid", &first_session);
    assert_eq!(replay.get("/api/me/").await.status, 401);
}

#[actix_web::test]
async fn session_cookie_is_http_only_and_lax() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let client = app.client();
    let response = client.post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    let cookies: Vec<&str> = response.headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).collect();
    let session = cookies.iter().find(|c| c.starts_with("sessionid=")).expect("sessionid set");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
    let csrf = cookies.iter().find(|c| c.starts_with("csrftoken=")).expect("csrftoken set");
    assert!(!csrf.contains("HttpOnly"), "the SPA must read the CSRF cookie: {csrf}");
}

#[actix_web::test]
async fn secure_cookies_outside_development() {
    let app = TestApp::with_config(|config| config.development = false).await;
    let user = app.client_user().await;
    let client = app.client();
    let csrf = client.get("/api/auth/csrf/").await;
    assert!(csrf.header("set-cookie").unwrap_or("").contains("Secure"));
    let response = client.post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    let session = response
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("sessionid="))
        .expect("sessionid set")
        .to_owned();
    assert!(session.contains("Secure"), "{session}");
}

#[actix_web::test]
async fn logout_revokes_the_server_side_session() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let old_cookie = client.cookie("sessionid").expect("session cookie");

    client.post("/api/auth/logout/", &json!({})).await.assert_status(204);
    assert_eq!(client.get("/api/me/").await.status, 401);

    let replay = app.client();
    replay.set_cookie("sessionid", &old_cookie);
    assert_eq!(replay.get("/api/me/").await.status, 401, "a kept cookie must not survive logout");
}

#[actix_web::test]
async fn password_change_revokes_the_other_sessions_only() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let laptop = app.login(&user).await;
    let phone = app.login(&user).await;

    let change = laptop
        .post(
            "/api/me/password/",
            &json!({"current_password": user.password, "new_password": "un nouveau mot de passe solide"}),
        )
        .await;
    change.assert_status(204);
    assert_eq!(phone.get("/api/me/").await.status, 401, "the other session must be revoked");
    assert_eq!(laptop.get("/api/me/").await.status, 200, "the session that changed the password stays");

    let old = app.client().post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    old.assert_status(400);
    let new = app
        .client()
        .post("/api/auth/login/", &json!({"email": user.email, "password": "un nouveau mot de passe solide"}))
        .await;
    new.assert_status(200);
}

#[actix_web::test]
async fn password_change_checks_the_current_password_and_the_rules() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let user = &client.user;

    let wrong = client
        .post(
            "/api/me/password/",
            &json!({"current_password": "not it at all", "new_password": "un nouveau mot de passe"}),
        )
        .await;
    assert_json_snapshot!("current_password_wrong", wrong.assert_field_error("current_password").snapshot());

    let weak = client
        .request(Method::POST, "/api/me/password/")
        .json(&json!({"current_password": user.password, "new_password": "court"}))
        .header("Accept-Language", "en")
        .send()
        .await
        .assert_field_error("new_password");
    assert!(weak.body["new_password"][0].as_str().unwrap_or("").contains("too short"), "{}", weak.text);
    assert_json_snapshot!("new_password_too_short_en", weak.snapshot());

    let common = client
        .post("/api/me/password/", &json!({"current_password": user.password, "new_password": "azertyuiop123"}))
        .await
        .assert_status(400);
    assert_eq!(common.body["new_password"][0], "Ce mot de passe est trop courant.");
}

#[actix_web::test]
async fn a_deactivated_users_session_is_401() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let user = &client.user;
    client.get("/api/me/").await.assert_status(200);
    app.deactivate(user.id).await;
    assert_eq!(client.get("/api/me/").await.status, 401);
    let again = app.client().post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    assert_eq!(again.status, 400, "a deactivated user cannot log in");
}

#[actix_web::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let unknown = app
        .client()
        .post("/api/auth/login/", &json!({"email": "nobody@nowhere.ci", "password": "whatever it is"}))
        .await;
    let wrong =
        app.client().post("/api/auth/login/", &json!({"email": user.email, "password": "whatever it is"})).await;
    let (unknown, wrong) = (unknown.assert_status(400), wrong.assert_status(400));
    assert_eq!(unknown.body, wrong.body);
    assert_eq!(wrong.body["non_field_errors"][0], "Adresse e-mail ou mot de passe incorrect.");
    assert_json_snapshot!("wrong_credentials", wrong.snapshot());
}

#[actix_web::test]
async fn the_sixth_wrong_password_in_the_window_is_throttled() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let client = app.client();
    for attempt in 1..=5 {
        let response =
            client.post("/api/auth/login/", &json!({"email": user.email, "password": "wrong password"})).await;
        assert_eq!(response.status, 400, "attempt {attempt}");
    }
    let sixth = client.post("/api/auth/login/", &json!({"email": user.email, "password": "wrong password"})).await;
    let sixth = sixth.assert_error(429, "throttled");
    let retry_after: i64 = sixth.header("retry-after").and_then(|v| v.parse().ok()).expect("Retry-After");
    assert!((800..=900).contains(&retry_after), "about 15 minutes, got {retry_after}");

    // Even the right password waits for the cool-off: the lock expires, it is never permanent.
    let right = client.post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    assert_eq!(right.status, 429);
    // Other accounts are not affected.
    let other = app.client_user().await;
    app.login(&other).await;
}

#[actix_web::test]
async fn the_cool_off_expires() {
    let app = TestApp::with_config(|config| {
        config.login_throttle.window = chrono::Duration::seconds(2);
        config.login_throttle.max_failures_per_account = 2;
    })
    .await;
    let user = app.client_user().await;
    let client = app.client();
    for _ in 0..2 {
        client.post("/api/auth/login/", &json!({"email": user.email, "password": "wrong password"})).await;
    }
    let blocked = client.post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    assert_eq!(blocked.status, 429);
    actix_web::rt::time::sleep(std::time::Duration::from_millis(2100)).await;
    let after = client.post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    after.assert_status(200);
}

#[actix_web::test]
async fn forwarded_for_is_believed_only_from_trusted_proxies() {
    // Per-IP limit of 2, per-account limit high: only the address can trigger the cool-off.
    let app = TestApp::with_config(|config| {
        config.login_throttle.max_failures_per_ip = 2;
        config.login_throttle.max_failures_per_account = 100;
    })
    .await;
    let client = app.client();
    for n in 0..2 {
        let response = client
            .request(Method::POST, "/api/auth/login/")
            .json(&json!({"email": format!("x{n}@test.ci"), "password": "wrong password"}))
            .header("X-Forwarded-For", &format!("198.51.100.{n}"))
            .send()
            .await;
        assert_eq!(response.status, 400);
    }
    // Spoofed headers from an untrusted peer are ignored: the peer address is what counts.
    let third = client
        .request(Method::POST, "/api/auth/login/")
        .json(&json!({"email": "x9@test.ci", "password": "wrong password"}))
        .header("X-Forwarded-For", "198.51.100.9")
        .send()
        .await;
    assert_eq!(third.status, 429);

    let behind_proxy = TestApp::with_config(|config| {
        config.login_throttle.max_failures_per_ip = 2;
        config.login_throttle.max_failures_per_account = 100;
        config.trusted_proxies = vec!["127.0.0.1".parse().expect("network")];
    })
    .await;
    let client = behind_proxy.client();
    for n in 0..3 {
        let response = client
            .request(Method::POST, "/api/auth/login/")
            .json(&json!({"email": format!("y{n}@test.ci"), "password": "wrong password"}))
            .header("X-Forwarded-For", &format!("198.51.100.{n}"))
            .send()
            .await;
        assert_eq!(response.status, 400, "distinct clients behind the proxy are counted apart");
    }
}

#[actix_web::test]
async fn an_idle_session_ends() {
    let app = TestApp::with_config(|config| config.session_idle = chrono::Duration::seconds(1)).await;
    let client = app.client_owner().await;
    client.get("/api/me/").await.assert_status(200);
    actix_web::rt::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(client.get("/api/me/").await.status, 401);
}

#[actix_web::test]
async fn a_session_ends_at_its_absolute_lifetime_however_active() {
    let app = TestApp::with_config(|config| config.session_max_age = chrono::Duration::seconds(2)).await;
    let client = app.client_owner().await;
    for _ in 0..3 {
        client.get("/api/me/").await.assert_status(200);
        actix_web::rt::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    actix_web::rt::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(client.get("/api/me/").await.status, 401);
}
