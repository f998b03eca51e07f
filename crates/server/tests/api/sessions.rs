//! "My sessions" (list, revoke one, revoke the others), staff session lifetimes, and what a
//! password change ends.

use insta::assert_json_snapshot;
use nourx_testkit::TestApp;
use serde_json::json;
use uuid::Uuid;

const ANDROID_CHROME: &str = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const MAC_FIREFOX: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0";

#[actix_web::test]
async fn a_user_lists_their_sessions_and_revokes_one_then_the_others() {
    let app = TestApp::with_config(|config| config.trusted_proxies = vec!["127.0.0.1".parse().expect("network")]).await;
    let user = app.client_user().await;
    let phone = app.client().with_header("User-Agent", ANDROID_CHROME).from_address("196.47.128.10");
    let credentials = json!({"email": user.email, "password": user.password});
    phone.post("/api/auth/login/", &credentials).await.assert_status(200);
    let laptop = app.client().with_header("User-Agent", MAC_FIREFOX);
    laptop.post("/api/auth/login/", &credentials).await.assert_status(200);
    let third = app.login(&user).await;
    // Someone else's sessions are not listed.
    let stranger_browser = app.client_owner().await;

    let list = phone.get("/api/me/sessions/").await.assert_status(200);
    let rows = list.results().to_vec();
    assert_eq!(rows.len(), 3, "{}", list.text);
    let mine = rows.iter().find(|r| r["current"] == true).expect("the current session");
    assert_eq!(mine["device"], "Chrome sur Android");
    assert_eq!(mine["browser"], "Chrome");
    assert_eq!(mine["os"], "Android");
    assert_eq!(mine["ip"], "196.47.128.10");
    assert!(mine["created_at"].is_string() && mine["last_seen_at"].is_string());
    assert_eq!(rows.iter().filter(|r| r["current"] == true).count(), 1);
    let english = phone.request(reqwest::Method::GET, "/api/me/sessions/").header("Accept-Language", "en").send().await;
    let laptop_row = english.body["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["browser"] == "Firefox")
        .expect("the laptop")
        .clone();
    assert_eq!(laptop_row["device"], "Firefox on macOS");

    // Revoke the laptop's: it is logged out, the others stay.
    let laptop_id = laptop_row["id"].as_str().expect("id").to_owned();
    phone.delete(&format!("/api/me/sessions/{laptop_id}/")).await.assert_status(204);
    assert_eq!(laptop.get("/api/me/").await.status, 401);
    assert_eq!(third.get("/api/me/").await.status, 200);
    assert_eq!(phone.delete(&format!("/api/me/sessions/{laptop_id}/")).await.status, 404, "already gone");
    // Another person's session, or an unknown id: 404, and it stays.
    let stranger_id =
        stranger_browser.get("/api/me/sessions/").await.body["results"][0]["id"].as_str().expect("id").to_owned();
    let foreign = phone.delete(&format!("/api/me/sessions/{stranger_id}/")).await.assert_error(404, "not_found");
    assert_eq!(foreign.body, phone.delete(&format!("/api/me/sessions/{}/", Uuid::new_v4())).await.body);
    assert_eq!(stranger_browser.get("/api/me/").await.status, 200);

    // Revoke the others: only this one stays.
    let others = phone.post_without_body("/api/me/sessions/revoke-others/").await.assert_status(200);
    assert_eq!(others.body["revoked"], 1);
    assert_eq!(third.get("/api/me/").await.status, 401);
    assert_eq!(phone.get("/api/me/").await.status, 200);
    assert_eq!(phone.get("/api/me/sessions/").await.body["results"].as_array().map(Vec::len), Some(1));
    assert_eq!(stranger_browser.get("/api/me/").await.status, 200);

    // Revoking one's own session is a logout.
    let own = phone.get("/api/me/sessions/").await.body["results"][0]["id"].as_str().expect("id").to_owned();
    assert_eq!(phone.delete(&format!("/api/me/sessions/{own}/")).await.status, 204);
    assert_eq!(phone.get("/api/me/").await.status, 401);
}

#[actix_web::test]
async fn an_idle_staff_session_ends_sooner_than_a_clients() {
    let app = TestApp::with_config(|config| config.staff_session_idle = chrono::Duration::seconds(2)).await;
    let client = app.client_owner().await;
    let staff = app.staff().await;
    staff.get("/api/me/").await.assert_status(200);
    actix_web::rt::time::sleep(std::time::Duration::from_millis(3000)).await;
    assert_eq!(staff.get("/api/me/").await.status, 401, "staff: idle too long");
    assert_eq!(client.get("/api/me/").await.status, 200, "clients keep their 7 days");
}

#[actix_web::test]
async fn a_staff_session_ends_at_its_absolute_lifetime_however_active() {
    let app = TestApp::with_config(|config| config.staff_session_max_age = chrono::Duration::seconds(4)).await;
    let client = app.client_owner().await;
    let admin = app.admin().await;
    let started = std::time::Instant::now();
    let staff = app.login(&admin).await;
    // Busy for a while (well within the 4 s, however slow the machine)...
    while started.elapsed() < std::time::Duration::from_millis(2500) {
        assert_eq!(staff.get("/api/me/").await.status, 200);
        actix_web::rt::time::sleep(std::time::Duration::from_millis(400)).await;
    }
    // ... and still ended at 4 s.
    actix_web::rt::time::sleep(std::time::Duration::from_millis(4500).saturating_sub(started.elapsed())).await;
    assert_eq!(staff.get("/api/me/").await.status, 401);
    assert_eq!(client.get("/api/me/").await.status, 200);
}

#[actix_web::test]
async fn a_client_session_does_not_become_a_staff_session_by_promotion() {
    let app = TestApp::new().await;
    let browser = app.client_owner().await;
    let user = &browser.user;
    let staff = app.staff().await;
    staff.patch(&format!("/api/admin/users/{}/", user.id), &json!({"role": "admin"})).await.assert_status(200);
    // Its client-lifetime session ends; a new login gets the staff lifetimes.
    assert_eq!(browser.get("/api/me/").await.status, 401);
    assert_eq!(app.login(user).await.get("/api/me/").await.body["role"], "admin");
}

#[actix_web::test]
async fn a_password_change_spends_outstanding_reset_links() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    app.client().post("/api/auth/password-reset/", &json!({"email": user.email})).await.assert_status(204);
    let token = app.last_email_to(&user.email, "password_reset").await.token();
    let browser = app.login(&user).await;
    let changed = browser
        .post(
            "/api/me/password/",
            &json!({"current_password": user.password, "new_password": "a brand new passphrase 2027"}),
        )
        .await;
    changed.assert_status(204);
    let reset = app
        .client()
        .post(
            "/api/auth/password-reset/confirm/",
            &json!({"token": token, "new_password": "yet another passphrase 2028"}),
        )
        .await;
    assert_json_snapshot!("spent_reset_link", reset.assert_field_error("token").snapshot());
    // The session of the change goes on, with its device recorded.
    let sessions = browser.get("/api/me/sessions/").await;
    assert_eq!(sessions.body["results"].as_array().map(Vec::len), Some(1), "{}", sessions.text);
    assert_eq!(sessions.body["results"][0]["current"], true);
}
