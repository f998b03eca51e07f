//! Password reset by email, through real HTTP on a real database.

use diesel::prelude::*;
use insta::{assert_json_snapshot, assert_snapshot};
use nourx_db::schema::audit_log;
use nourx_testkit::TestApp;
use serde_json::json;

const NEW_PASSWORD: &str = "plantain braisé du dimanche";

/// The token of the newest reset email sent to `email`, from its link to the web app.
async fn reset_token(app: &TestApp, email: &str) -> String {
    let email = app.last_email_to(email, "password_reset").await;
    assert!(email.text.contains("http://127.0.0.1:3000/mot-de-passe/reinitialiser?token="), "{}", email.text);
    email.token()
}

#[actix_web::test]
async fn the_request_answers_204_for_known_and_unknown_addresses_and_only_mails_the_known_one() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.client();

    let unknown = browser.post("/api/auth/password-reset/", &json!({"email": "nobody@nowhere.ci"})).await;
    let unknown = unknown.assert_status(204);
    let known = browser.post("/api/auth/password-reset/", &json!({"email": user.email.to_uppercase()})).await;
    assert_eq!(known.assert_status(204).text, unknown.text);

    assert!(app.emails_to("nobody@nowhere.ci", "password_reset").await.is_empty());
    let emails = app.emails_to(&user.email, "password_reset").await;
    assert_eq!(emails.len(), 1);
    assert!(emails[0].text.contains(&user.name), "{}", emails[0].text);
    assert!(emails[0].text.contains("60 minutes"), "{}", emails[0].text);
    assert_snapshot!("password_reset_email", emails[0].redacted());
    assert_eq!(app.count_rows("outbox").await, 1);

    let malformed = browser.post("/api/auth/password-reset/", &json!({"email": "not an email"})).await;
    assert_json_snapshot!("malformed_email", malformed.assert_field_error("email").snapshot());
}

#[actix_web::test]
async fn an_inactive_account_gets_no_email() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    app.deactivate(user.id).await;
    app.client().post("/api/auth/password-reset/", &json!({"email": user.email})).await.assert_status(204);
    assert!(app.emails_to(&user.email, "password_reset").await.is_empty());
}

#[actix_web::test]
async fn the_link_works_once_ends_every_session_and_the_new_password_logs_in() {
    let app = TestApp::new().await;
    let old_session = app.client_owner().await;
    let user = &old_session.user;
    old_session.get("/api/me/").await.assert_status(200);

    let browser = app.client();
    browser.post("/api/auth/password-reset/", &json!({"email": user.email})).await.assert_status(204);
    let token = reset_token(&app, &user.email).await;

    let weak =
        browser.post("/api/auth/password-reset/confirm/", &json!({"token": token, "new_password": "short"})).await;
    assert_json_snapshot!("weak_new_password", weak.assert_field_error("new_password").snapshot());
    assert_eq!(old_session.get("/api/me/").await.status, 200, "a refused password changes nothing");

    let confirmed =
        browser.post("/api/auth/password-reset/confirm/", &json!({"token": token, "new_password": NEW_PASSWORD})).await;
    confirmed.assert_status(204);

    assert_eq!(old_session.get("/api/me/").await.status, 401, "old sessions are revoked");

    let again = browser
        .post("/api/auth/password-reset/confirm/", &json!({"token": token, "new_password": "another long passphrase"}))
        .await;
    again.assert_field_error("token");

    let old_password =
        app.client().post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    old_password.assert_status(400);
    let new_password =
        app.client().post("/api/auth/login/", &json!({"email": user.email, "password": NEW_PASSWORD})).await;
    new_password.assert_status(200);

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
    browser.post("/api/auth/password-reset/", &json!({"email": user.email})).await.assert_status(204);
    let token = reset_token(&app, &user.email).await;
    app.sql("UPDATE password_reset_tokens SET expires_at = now() - interval '1 second'").await;

    let expired =
        browser.post("/api/auth/password-reset/confirm/", &json!({"token": token, "new_password": NEW_PASSWORD})).await;
    let expired = expired.assert_field_error("token");
    assert_json_snapshot!("expired_reset_link", expired.snapshot());

    let unknown = browser
        .post("/api/auth/password-reset/confirm/", &json!({"token": "x".repeat(43), "new_password": NEW_PASSWORD}))
        .await;
    assert_eq!(unknown.assert_status(400).text, expired.text);

    let login = app.client().post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await;
    // The password is unchanged.
    login.assert_status(200);
}

#[actix_web::test]
async fn reset_emails_are_capped_per_hour_with_the_same_answer() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.client();
    for _ in 0..nourx_api::auth::MAX_RESETS_PER_HOUR + 2 {
        browser.post("/api/auth/password-reset/", &json!({"email": user.email})).await.assert_status(204);
    }
    let sent = app.emails_to(&user.email, "password_reset").await.len() as i64;
    assert_eq!(sent, nourx_api::auth::MAX_RESETS_PER_HOUR);
}
