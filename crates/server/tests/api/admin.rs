//! The NOURX staff back-office (accounts, audit log, emails) and the outbox delivery, through
//! real HTTP on a real database.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use insta::assert_json_snapshot;
use nourx_api::services::mailer::SmtpSender;
use nourx_db::schema::outbox;
use nourx_testkit::{Actor, TestApp};
use serde_json::{Value, json};

#[actix_web::test]
async fn admin_endpoints_are_for_nourx_staff_only() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let anonymous = app.client();
    for path in ["/api/admin/users/", "/api/admin/audit-log/", "/api/admin/emails/"] {
        client.get(path).await.assert_error(403, "permission_denied");
        assert_eq!(anonymous.get(path).await.status, 401, "{path}");
    }
    let patch = client.patch(&format!("/api/admin/users/{}/", client.id()), &json!({"role": "admin"})).await;
    assert_json_snapshot!("client_promotes_themselves", patch.assert_status(403).snapshot());
    let me = client.get("/api/me/").await;
    assert_eq!(me.body["role"], "client", "nothing changed");
}

#[actix_web::test]
async fn the_user_list_filters_and_orders() {
    let app = TestApp::new().await;
    let admin_user = app.admin().await;
    let owner = app.client_user().await;
    let admin = app.login(&admin_user).await;

    let all = admin.get("/api/admin/users/?ordering=-created_at").await.assert_status(200);
    assert_eq!(all.body["count"], 2);
    assert_eq!(all.body["results"][0]["id"], owner.id.to_string());
    assert_eq!(all.body["results"][0]["client_ids"].as_array().map(Vec::len), Some(1));
    assert!(all.body["results"][0].get("password_hash").is_none());

    let admins = admin.get("/api/admin/users/?role=admin").await;
    assert_eq!(admins.body["count"], 1);
    assert_eq!(admins.body["results"][0]["email"], admin_user.email);
    let searched = admin.get(&format!("/api/admin/users/?search={}", &owner.email[..12])).await;
    assert_eq!(searched.body["count"], 1, "{}", searched.text);
    assert_eq!(searched.body["results"][0]["email"], owner.email);
    let inactive = admin.get("/api/admin/users/?is_active=false").await;
    assert_eq!(inactive.body["count"], 0);
    let unknown_role = admin.get("/api/admin/users/?role=root").await.assert_field_error("role");
    assert_json_snapshot!("unknown_user_role", unknown_role.snapshot());
    admin.get("/api/admin/users/?ordering=password_hash").await.assert_field_error("ordering");
}

#[actix_web::test]
async fn deactivating_a_user_ends_their_sessions_and_is_audited() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let victim = app.client_owner().await;
    let owner = &victim.user;
    victim.get("/api/me/").await.assert_status(200);

    let response = admin.patch(&format!("/api/admin/users/{}/", owner.id), &json!({"is_active": false})).await;
    let response = response.assert_status(200);
    assert_eq!(response.body["is_active"], false);
    assert_eq!(victim.get("/api/me/").await.status, 401);
    let login = app.client().post("/api/auth/login/", &json!({"email": owner.email, "password": owner.password})).await;
    assert_eq!(login.status, 400);

    let log = admin.get(&format!("/api/admin/audit-log/?entity=user&entity_id={}&action=deactivate", owner.id)).await;
    let log = log.assert_status(200);
    assert_eq!(log.body["count"], 1);
    assert_eq!(log.body["results"][0]["actor_email"], admin.user.email);
    assert_eq!(log.body["results"][0]["diff"], json!({"is_active": [true, false]}));

    admin.patch(&format!("/api/admin/users/{}/", owner.id), &json!({"is_active": true})).await.assert_status(200);
    assert_eq!(
        app.client().post("/api/auth/login/", &json!({"email": owner.email, "password": owner.password})).await.status,
        200
    );
}

#[actix_web::test]
async fn admins_can_neither_deactivate_nor_demote_themselves() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let path = format!("/api/admin/users/{}/", admin.id());

    let deactivate = admin.patch(&path, &json!({"is_active": false})).await.assert_error(409, "cannot_deactivate_self");
    assert_json_snapshot!("staff_deactivates_themselves", deactivate.snapshot());
    let demote = admin.patch(&path, &json!({"role": "client"})).await.assert_error(409, "cannot_demote_self");
    assert_json_snapshot!("staff_demotes_themselves", demote.snapshot());
    admin.patch(&path, &json!({"role": "staff"})).await.assert_error(409, "cannot_demote_self");
    assert_eq!(admin.get("/api/me/").await.body["role"], "admin");

    let other = app.admin().await;
    let demoted = admin.patch(&format!("/api/admin/users/{}/", other.id), &json!({"role": "client"})).await;
    let demoted = demoted.assert_status(200);
    assert_eq!(demoted.body["role"], "client");
    assert_eq!(admin.patch(&format!("/api/admin/users/{}/", uuid::Uuid::now_v7()), &json!({})).await.status, 404);
}

async fn audit_rows(admin: &Actor, query: &str) -> Value {
    admin.get(&format!("/api/admin/audit-log/?{query}")).await.assert_status(200).body
}

#[actix_web::test]
async fn login_and_logout_write_one_audit_row_each() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let session = app.client_owner().await;
    let user = &session.user;
    session.post_without_body("/api/auth/logout/").await.assert_status(204);

    let logins = audit_rows(&admin, &format!("actor={}&action=login", user.id)).await;
    assert_eq!(logins["count"], 1, "{logins}");
    assert_eq!(logins["results"][0]["entity"], "user");
    assert_eq!(logins["results"][0]["entity_id"], user.id.to_string());
    assert_eq!(logins["results"][0]["actor_email"], user.email);
    assert_eq!(logins["results"][0]["ip"], "127.0.0.1");
    let logouts = audit_rows(&admin, &format!("actor={}&action=logout", user.id)).await;
    assert_eq!(logouts["count"], 1, "{logouts}");
    assert_eq!(logouts["results"][0]["actor_id"], user.id.to_string());
    let everything = audit_rows(&admin, &format!("actor={}", user.id)).await;
    assert_eq!(everything["count"], 2);

    let failed =
        app.client().post("/api/auth/login/", &json!({"email": user.email, "password": "wrong password!"})).await;
    failed.assert_status(400);
    assert_eq!(audit_rows(&admin, &format!("actor={}", user.id)).await["count"], 2, "failures write no row");

    let future = audit_rows(&admin, &format!("actor={}&from=2999-01-01T00:00:00Z", user.id)).await;
    assert_eq!(future["count"], 0);
    let past = audit_rows(&admin, &format!("actor={}&to=2000-01-01T00:00:00%2B00:00", user.id)).await;
    assert_eq!(past["count"], 0);
    let yesterday = admin.get("/api/admin/audit-log/?from=yesterday").await.assert_status(400);
    assert_json_snapshot!("audit_log_from_yesterday", yesterday.snapshot());
    admin.get("/api/admin/audit-log/?actor=me").await.assert_status(400);
}

#[actix_web::test]
async fn a_password_change_is_audited() {
    let app = TestApp::new().await;
    let session = app.client_owner().await;
    let user = &session.user;
    let changed = session
        .post(
            "/api/me/password/",
            &json!({"current_password": user.password, "new_password": "mangue plantain soleil"}),
        )
        .await;
    changed.assert_status(204);
    let admin = app.staff().await;
    let rows = audit_rows(&admin, &format!("actor={}&action=password_change", user.id)).await;
    assert_eq!(rows["count"], 1, "{rows}");
}

/// An outbox row, created the way the product does: a password-reset request.
async fn queue_an_email(app: &TestApp) -> String {
    let user = app.client_user().await;
    app.client().post("/api/auth/password-reset/", &json!({"email": user.email})).await.assert_status(204);
    user.email
}

#[derive(Debug, Queryable)]
struct Row {
    status: String,
    attempts: i32,
    last_error: Option<String>,
    next_attempt_at: chrono::DateTime<chrono::Utc>,
    sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

async fn the_row(app: &TestApp) -> Row {
    app.with_conn(|conn| {
        outbox::table
            .select((outbox::status, outbox::attempts, outbox::last_error, outbox::next_attempt_at, outbox::sent_at))
            .first(conn)
            .expect("one outbox row")
    })
    .await
}

async fn deliver(app: &TestApp, sender: Option<SmtpSender>) -> usize {
    let db = app.db.clone();
    actix_web::web::block(move || nourx_api::services::mailer::deliver_due(&db, sender.as_ref()))
        .await
        .expect("join")
        .expect("delivery round")
}

#[actix_web::test]
async fn without_smtp_emails_are_kept_for_the_mail_viewer() {
    let app = TestApp::new().await;
    let to = queue_an_email(&app).await;
    assert_eq!(deliver(&app, None).await, 1);
    let row = the_row(&app).await;
    assert_eq!(row.status, "kept");
    assert_eq!(row.attempts, 0);
    assert_eq!(deliver(&app, None).await, 0, "handled once");

    let admin = app.staff().await;
    let emails = admin.get(&format!("/api/admin/emails/?to={to}&template=password_reset&status=kept")).await;
    let emails = emails.assert_status(200);
    assert_eq!(emails.body["count"], 1);
    let email = &emails.body["results"][0];
    assert_eq!(email["to"], to);
    assert!(email["subject"].as_str().unwrap_or("").contains("mot de passe"), "{email}");
    assert!(email["text_body"].as_str().unwrap_or("").contains("/mot-de-passe/reinitialiser?token="));
    assert!(email["html_body"].as_str().unwrap_or("").contains("<a href="));
    assert_eq!(admin.get("/api/admin/emails/?status=sent").await.body["count"], 0);
    let spam = admin.get("/api/admin/emails/?template=spam").await.assert_field_error("template");
    assert_json_snapshot!("unknown_email_template", spam.snapshot());
}

#[actix_web::test]
async fn a_failed_delivery_is_retried_later_not_lost() {
    let app = TestApp::new().await;
    queue_an_email(&app).await;
    // A port nobody listens on: the connection is refused.
    let port = TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let sender = SmtpSender::from_url(&format!("smtp://127.0.0.1:{port}?tls=none"), "NOURX <no-reply@nourx.demo>")
        .expect("sender")
        .with_timeout(Duration::from_secs(3));

    assert_eq!(deliver(&app, Some(sender.clone())).await, 1);
    let row = the_row(&app).await;
    assert_eq!(row.status, "pending");
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.as_deref().is_some_and(|e| !e.is_empty()), "{row:?}");
    assert!(row.next_attempt_at > chrono::Utc::now(), "retried later: {row:?}");
    assert!(row.sent_at.is_none());
    assert_eq!(deliver(&app, Some(sender)).await, 0, "not due before its back-off");
}

/// A minimal SMTP server for one connection: records what it is told and accepts the message.
pub(crate) fn fake_smtp_server() -> (u16, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    listener.set_nonblocking(true).expect("nonblocking");
    let handle = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => panic!("no SMTP connection: {e}"),
            }
        };
        stream.set_nonblocking(false).expect("blocking");
        stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
        stream.set_write_timeout(Some(Duration::from_secs(10))).expect("timeout");
        let mut writer = stream.try_clone().expect("clone");
        let mut reader = BufReader::new(stream);
        let mut transcript = String::new();
        writer.write_all(b"220 fake.smtp ESMTP\r\n").expect("greeting");
        let mut in_data = false;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => transcript.push_str(&line),
            }
            if in_data {
                if line == ".\r\n" {
                    in_data = false;
                    writer.write_all(b"250 2.0.0 queued\r\n").expect("write");
                }
                continue;
            }
            let command = line.to_ascii_uppercase();
            let reply: &[u8] = if command.starts_with("DATA") {
                in_data = true;
                b"354 end with <CRLF>.<CRLF>\r\n"
            } else if command.starts_with("QUIT") {
                writer.write_all(b"221 2.0.0 bye\r\n").expect("write");
                break;
            } else if command.starts_with("EHLO") || command.starts_with("HELO") {
                b"250 fake.smtp\r\n"
            } else {
                b"250 2.0.0 OK\r\n"
            };
            writer.write_all(reply).expect("write");
        }
        transcript
    });
    (port, handle)
}

#[actix_web::test]
async fn a_delivery_through_smtp_marks_the_email_sent() {
    let app = TestApp::new().await;
    let to = queue_an_email(&app).await;
    let (port, server) = fake_smtp_server();
    let sender = SmtpSender::from_url(&format!("smtp://127.0.0.1:{port}?tls=none"), "NOURX <no-reply@nourx.demo>")
        .expect("sender")
        .with_timeout(Duration::from_secs(10));

    assert_eq!(deliver(&app, Some(sender)).await, 1);
    let transcript = actix_web::web::block(move || server.join().expect("server thread")).await.expect("join");
    assert!(transcript.contains(&format!("RCPT TO:<{to}>")), "{transcript}");
    assert!(transcript.contains("MAIL FROM:<no-reply@nourx.demo>"), "{transcript}");
    assert!(transcript.contains("Auto-Submitted: auto-generated"), "{transcript}");

    let row = the_row(&app).await;
    assert_eq!(row.status, "sent", "{row:?}");
    assert_eq!(row.attempts, 1);
    assert!(row.sent_at.is_some());
    assert!(row.last_error.is_none());
}
