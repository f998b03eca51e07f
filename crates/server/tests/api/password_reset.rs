//! Password reset by email, through real HTTP on a real database.

use diesel::prelude::*;
use nourx_db::schema::{audit_log, outbox, password_reset_tokens};
use nourx_testkit::TestApp;
use serde_json::json;

const NEW_PASSWORD: &str = "plantain braisé du dimanche";

async fn outbox_bodies(app: &TestApp, email: &str) -> Vec<String> {
    let email = email.to_owned();
    app.with_conn(move |conn| {
        outbox::table
            .filter(outbox::to_email.eq(email))
            .filter(outbox::template.eq("password_reset"))
            .order(outbox::created_at.desc())
            .select(outbox::text_body)
            .load(conn)
            .expect("outbox")
    })
    .await
}

/// The token of the newest reset email sent to `email`.
async fn reset_token(app: &TestApp, email: &str) -> String {
    let bodies = outbox_bodies(app, email).await;
    let body = bodies.first().expect("a reset email in the outbox");
    let link = "http://127.0.0.1:3000/mot-de-passe/reinitialiser?token=";
    let start = body.find(link).unwrap_or_else(|| panic!("no reset link in {body}")) + link.len();
    body[start..].split_whitespace().next().expect("token").to_owned()
}

#[actix_web::test]
async fn the_request_answers_204_for_known_and_unknown_addresses_and_only_mails_the_known_one() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.client();

    let unknown = browser.post("/api/auth/password-reset/", &json!({"email": "nobody@nowhere.ci"})).await;
    assert_eq!(unknown.status, 204, "{}", unknown.text);
    let known = browser.post("/api/auth/password-reset/", &json!({"email": user.email.to_uppercase()})).await;
    assert_eq!(known.status, 204, "{}", known.text);
    assert_eq!(known.text, unknown.text);

    assert!(outbox_bodies(&app, "nobody@nowhere.ci").await.is_empty());
    let bodies = outbox_bodies(&app, &user.email).await;
    assert_eq!(bodies.len(), 1);
    assert!(bodies[0].contains(&user.name), "{}", bodies[0]);
    assert!(bodies[0].contains("60 minutes"), "{}", bodies[0]);
    let total: i64 = app.with_conn(|conn| outbox::table.count().get_result(conn).expect("count")).await;
    assert_eq!(total, 1);

    let malformed = browser.post("/api/auth/password-reset/", &json!({"email": "not an email"})).await;
    assert_eq!(malformed.status, 400);
    assert!(malformed.body["email"].is_array());
}

#[actix_web::test]
async fn an_inactive_account_gets_no_email() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    app.deactivate(user.id).await;
    let response = app.client().post("/api/auth/password-reset/", &json!({"email": user.email})).await;
    assert_eq!(response.status, 204);
    assert!(outbox_bodies(&app, &user.email).await.is_empty());
}

#[actix_web::test]
async fn the_link_works_once_ends_every_session_and_the_new_password_logs_in() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let old_session = app.login(&user).await;
    assert_eq!(old_session.get("/api/me/").await.status, 200);

    let browser = app.client();
    assert_eq!(browser.post("/api/auth/password-reset/", &json!({"email": user.email})).await.status, 204);
    let token = reset_token(&app, &user.email).await;

    let weak =
        browser.post("/api/auth/password-reset/confirm/", &json!({"token": token, "new_password": "short"})).await;
    assert_eq!(weak.status, 400);
    assert!(weak.body["new_password"].is_array(), "{}", weak.text);
    assert_eq!(old_session.get("/api/me/").await.status, 200, "a refused password changes nothing");

    let confirmed =
        browser.post("/api/auth/password-reset/confirm/", &json!({"token": token, "new_password": NEW_PASSWORD})).await;
    assert_eq!(confirmed.status, 204, "{}", confirmed.text);

    assert_eq!(old_session.get("/api/me/").await.status, 401, "old sessions are revoked");

    let again = browser
        .post("/api/auth/password-reset/confirm/", &json!({"token": token, "new_password": "another long passphrase"}))
        .await;
    assert_eq!(again.status, 400);
    assert!(again.body["token"].is_array(), "{}", again.text);

    let old_password =
        app.client().post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    assert_eq!(old_password.status, 400);
    let new_password =
        app.client().post("/api/auth/login/", &json!({"email": user.email, "password": NEW_PASSWORD})).await;
    assert_eq!(new_password.status, 200, "{}", new_password.text);

    let user_id = user.id;
    let audited: Vec<Option<uuid::Uuid>> = app
        .with_conn(|conn| {
            audit_log::table
                .filter(audit_log::action.eq("password_reset"))
                .select(audit_log::actor_id)
                .load(conn)
                .expect("audit")
        })
        .await;
    assert_eq!(audited, vec![Some(user_id)]);
}

#[actix_web::test]
async fn an_expired_or_unknown_token_is_refused() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.client();
    assert_eq!(browser.post("/api/auth/password-reset/", &json!({"email": user.email})).await.status, 204);
    let token = reset_token(&app, &user.email).await;
    app.with_conn(|conn| {
        diesel::update(password_reset_tokens::table)
            .set(password_reset_tokens::expires_at.eq(chrono::Utc::now() - chrono::Duration::seconds(1)))
            .execute(conn)
            .expect("expire")
    })
    .await;

    let expired =
        browser.post("/api/auth/password-reset/confirm/", &json!({"token": token, "new_password": NEW_PASSWORD})).await;
    assert_eq!(expired.status, 400);
    assert!(expired.body["token"].is_array(), "{}", expired.text);

    let unknown = browser
        .post("/api/auth/password-reset/confirm/", &json!({"token": "x".repeat(43), "new_password": NEW_PASSWORD}))
        .await;
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.text, expired.text);

    let login = app.client().post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    assert_eq!(login.status, 200, "the password is unchanged");
}

#[actix_web::test]
async fn reset_emails_are_capped_per_hour_with_the_same_answer() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.client();
    for _ in 0..nourx_api::auth::MAX_RESETS_PER_HOUR + 2 {
        let response = browser.post("/api/auth/password-reset/", &json!({"email": user.email})).await;
        assert_eq!(response.status, 204);
    }
    let sent = outbox_bodies(&app, &user.email).await.len() as i64;
    assert_eq!(sent, nourx_api::auth::MAX_RESETS_PER_HOUR);
}
