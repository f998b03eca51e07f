//! The support desk through real HTTP on a real database: SLA policies (per client, business or
//! calendar hours, pauses while waiting), the inbox's filters and bulk changes, attachments,
//! canned replies, satisfaction ratings and the SLA alerts.

use chrono::{DateTime, Duration, Utc};
use insta::assert_json_snapshot;
use nourx_testkit::{Actor, DocumentBuilder, MemberRole, TestApp, TicketBuilder};
use serde_json::{Value, json};

fn time(value: &Value) -> DateTime<Utc> {
    value.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not a time: {value}"))
}

/// A policy counted `counting`, pausing or not, with every priority's targets `(first, resolution)`
/// in minutes.
fn policy(counting: &str, pause: bool, (first, resolution): (u32, u32)) -> Value {
    let targets = json!({"first_response_minutes": first, "resolution_minutes": resolution});
    json!({"counting": counting, "pause_while_waiting": pause, "urgent": targets, "high": targets,
        "normal": targets, "low": targets})
}

/// How long after its opening each clock of `ticket` runs out.
fn allowed(ticket: &Value) -> (Duration, Duration) {
    let created = time(&ticket["created_at"]);
    (time(&ticket["sla"]["first_response"]["due"]) - created, time(&ticket["sla"]["resolution"]["due"]) - created)
}

#[actix_web::test]
async fn a_client_policy_applies_to_its_new_tickets_and_a_change_leaves_open_tickets_alone() {
    let app = TestApp::new().await;
    let (premium, ordinary) = (app.tenant().await, app.tenant().await);
    let admin = app.staff().await;
    let before = TicketBuilder::new(&premium).build(&app).await;
    assert_eq!(allowed(&before.body), (Duration::hours(8), Duration::hours(72)), "the built-in default");
    assert_eq!(before.body["sla"]["counting"], "calendar_hours");

    let url = format!("/api/admin/support/sla-policies/clients/{}/", premium.id);
    let set = admin.put(&url, &policy("calendar_hours", false, (30, 240))).await.assert_status(200);
    assert_eq!(set.body["clients"][0]["client_name"], premium.name.as_str());
    assert_eq!(set.body["default"]["id"], Value::Null, "everyone else keeps the built-in default");

    let after = TicketBuilder::new(&premium).build(&app).await;
    assert_eq!(allowed(&after.body), (Duration::minutes(30), Duration::hours(4)));
    let other = TicketBuilder::new(&ordinary).build(&app).await;
    assert_eq!(allowed(&other.body), (Duration::hours(8), Duration::hours(72)));
    // The ticket opened before keeps its deadlines, even through a change of priority.
    let still = admin.get(&format!("/api/tickets/{}/", before.id)).await.assert_status(200);
    assert_eq!(allowed(&still.body), (Duration::hours(8), Duration::hours(72)));

    admin.delete(&url).await.assert_status(200);
    admin.delete(&url).await.assert_status(404);
    let back = TicketBuilder::new(&premium).build(&app).await;
    assert_eq!(allowed(&back.body), (Duration::hours(8), Duration::hours(72)));
    assert_eq!(app.audit_actions("sla_policy", premium.id).await, ["update", "delete"]);
}

#[actix_web::test]
async fn business_hours_count_only_the_open_hours_of_the_calendar() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let admin = app.staff().await;
    // Open every day 10:00–12:00 (Abidjan is UTC): 2 open hours a day, whatever today is.
    let day = json!({"open": "10:00", "close": "12:00"});
    let calendar = json!({"time_zone": "Africa/Abidjan", "week": [day, day, day, day, day, day, day]});
    admin.put("/api/admin/support/calendar/", &calendar).await.assert_status(200);
    admin
        .put("/api/admin/support/sla-policies/default/", &policy("business_hours", false, (240, 240)))
        .await
        .assert_status(200);

    let ticket = TicketBuilder::new(&tenant).build(&app).await;
    let due = time(&ticket.body["sla"]["first_response"]["due"]);
    assert_eq!(ticket.body["sla"]["counting"], "business_hours");
    // 4 open hours end at 12:00 on the second or third day (one or two days later).
    assert_eq!(due.format("%H:%M").to_string(), "12:00", "{due}");
    let days = (due.date_naive() - time(&ticket.body["created_at"]).date_naive()).num_days();
    assert!((1..=2).contains(&days), "{days} days");
}

#[actix_web::test]
async fn waiting_for_the_client_stops_the_clocks_and_the_reply_restarts_them_later() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let (admin, owner) = (app.staff().await, app.owner(&tenant).await);
    admin
        .put("/api/admin/support/sla-policies/default/", &policy("calendar_hours", true, (120, 600)))
        .await
        .assert_status(200);
    let ticket = TicketBuilder::new(&tenant).build(&app).await;
    let url = format!("/api/tickets/{}/", ticket.id);

    let waiting = admin.patch(&url, &json!({"status": "pending"})).await.assert_status(200);
    assert_eq!(waiting.body["sla"]["resolution"]["state"], "paused");
    assert!(!waiting.body["sla"]["paused_since"].is_null());
    // Two hours of waiting, then the client answers: the ticket is open again, its deadline 2 h later.
    app.age_ticket(ticket.id, "2 hours").await;
    let opened_due = time(&admin.get(&url).await.assert_status(200).body["sla"]["resolution"]["due"]);
    owner
        .post(&format!("/api/tickets/{}/messages/", ticket.id), &json!({"body": "Voici l'accès."}))
        .await
        .assert_status(201);
    let resumed = admin.get(&url).await.assert_status(200);
    assert_eq!(resumed.body["status"], "open");
    assert!(resumed.body["sla"]["paused_since"].is_null());
    assert_eq!(resumed.body["sla"]["resolution"]["state"], "on_track");
    let pushed = time(&resumed.body["sla"]["resolution"]["due"]) - opened_due;
    assert!((Duration::minutes(119)..=Duration::minutes(121)).contains(&pushed), "pushed by {pushed}");
    let events = admin.get(&format!("/api/admin/tickets/{}/sla-events/", ticket.id)).await.assert_status(200);
    let kinds: Vec<&str> =
        events.body.as_array().expect("events").iter().map(|e| e["kind"].as_str().expect("kind")).collect();
    assert_eq!(kinds, ["started", "paused", "resumed"]);
    owner.get(&format!("/api/admin/tickets/{}/sla-events/", ticket.id)).await.assert_status(403);
}

#[actix_web::test]
async fn the_inbox_filters_at_risk_and_unassigned_and_sorts_by_time_left() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let admin = app.staff().await;
    let fresh = TicketBuilder::new(&tenant).subject("Neuf").build(&app).await;
    let at_risk = TicketBuilder::new(&tenant).subject("À risque").build(&app).await;
    app.age_ticket(at_risk.id, "7 hours").await;
    let late = TicketBuilder::new(&tenant).subject("En retard").build(&app).await;
    app.age_ticket(late.id, "9 hours").await;
    admin
        .patch(&format!("/api/tickets/{}/", fresh.id), &json!({"assigned_to": admin.user.id}))
        .await
        .assert_status(200);

    let ids = |page: &Value| -> Vec<String> {
        page["results"].as_array().expect("results").iter().map(|t| t["id"].as_str().expect("id").to_owned()).collect()
    };
    let client = format!("client={}", tenant.id);
    let risky = admin.get(&format!("/api/tickets/?{client}&at_risk=true")).await.assert_status(200);
    assert_eq!(ids(&risky.body), [at_risk.id.to_string()]);
    assert_eq!(risky.body["results"][0]["sla"]["first_response"]["state"], "at_risk");
    let breached = admin.get(&format!("/api/tickets/?{client}&breached=true")).await.assert_status(200);
    assert_eq!(ids(&breached.body), [late.id.to_string()]);
    let unassigned = admin.get(&format!("/api/tickets/?{client}&unassigned=true&ordering=time_left")).await;
    assert_eq!(ids(&unassigned.assert_status(200).body), [late.id.to_string(), at_risk.id.to_string()]);
    let by_time_left = admin.get(&format!("/api/tickets/?{client}&ordering=time_left")).await.assert_status(200);
    assert_eq!(ids(&by_time_left.body), [late.id.to_string(), at_risk.id.to_string(), fresh.id.to_string()]);
    assert_eq!(by_time_left.body["results"][2]["assignee_name"], admin.user.name.as_str());
}

#[actix_web::test]
async fn bulk_changes_apply_to_all_or_none() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let admin = app.staff().await;
    let open = TicketBuilder::new(&tenant).build(&app).await;
    let closed = TicketBuilder::new(&tenant).resolved().build(&app).await;
    admin.patch(&format!("/api/tickets/{}/", closed.id), &json!({"status": "closed"})).await.assert_status(200);

    let refused =
        admin.post("/api/admin/tickets/bulk/", &json!({"ids": [open.id, closed.id], "status": "pending"})).await;
    let refused = refused.assert_status(409);
    assert_eq!(refused.body["code"], "invalid_transition");
    assert!(
        refused.body["detail"].as_str().is_some_and(|d| d.contains(&closed.body["number"].to_string())),
        "{}",
        refused.body
    );
    let unchanged = admin.get(&format!("/api/tickets/{}/", open.id)).await.assert_status(200);
    assert_eq!(unchanged.body["status"], "open", "nothing changed");

    let done = admin
        .post(
            "/api/admin/tickets/bulk/",
            &json!({"ids": [open.id], "assigned_to": admin.user.id, "priority": "urgent"}),
        )
        .await;
    let done = done.assert_status(200);
    assert_eq!(done.body["results"][0]["priority"], "urgent");
    assert_eq!(done.body["results"][0]["assignee_name"], admin.user.name.as_str());
    let empty = admin.post("/api/admin/tickets/bulk/", &json!({"ids": []})).await;
    assert_json_snapshot!("bulk_tickets_invalid", empty.assert_status(400).snapshot());
}

/// Sends a message with attachments; returns the response.
async fn reply(
    actor: &Actor,
    ticket: uuid::Uuid,
    body: &str,
    internal: bool,
    files: &[uuid::Uuid],
) -> nourx_testkit::TestResponse {
    let message = json!({"body": body, "internal": internal, "attachment_ids": files});
    actor.post(&format!("/api/tickets/{ticket}/messages/"), &message).await
}

#[actix_web::test]
async fn attachments_go_with_their_message_and_internal_ones_stay_with_staff() {
    let app = TestApp::new().await;
    let (tenant, other) = (app.tenant().await, app.tenant().await);
    let (admin, owner, stranger) = (app.staff().await, app.owner(&tenant).await, app.owner(&other).await);
    let ticket = TicketBuilder::new(&tenant).build(&app).await;

    let capture = DocumentBuilder::for_ticket(ticket.id).filename("erreur.txt").by(&owner).build(&app).await;
    let sent = reply(&owner, ticket.id, "Voici la capture.", false, &[capture.id]).await.assert_status(201);
    assert_eq!(sent.body["attachments"][0]["filename"], "erreur.txt");
    // Sent once: not again, and it stays in the thread.
    reply(&owner, ticket.id, "Encore", false, &[capture.id]).await.assert_status(400);
    owner.delete(&format!("/api/documents/{}/", capture.id)).await.assert_error(409, "attachment_sent");

    let note_file = DocumentBuilder::for_ticket(ticket.id).internal().by(&admin).build(&app).await;
    // An internal file does not go out with a public reply.
    let leaked = reply(&admin, ticket.id, "Réponse", false, &[note_file.id]).await;
    assert_json_snapshot!("attachment_refused", leaked.assert_status(400).snapshot());
    reply(&admin, ticket.id, "Note", true, &[note_file.id]).await.assert_status(201);

    let thread = owner.get(&format!("/api/tickets/{}/messages/", ticket.id)).await.assert_status(200);
    assert_eq!(thread.body["count"], 2, "the client does not see the note");
    owner.get(&format!("/api/documents/{}/", note_file.id)).await.assert_status(404);
    let link = owner.get(&format!("/api/documents/{}/download/", capture.id)).await.assert_status(200);
    assert!(link.body["url"].as_str().is_some_and(|url| url.contains("erreur.txt")), "{}", link.body);
    stranger.get(&format!("/api/documents/{}/", capture.id)).await.assert_status(404);
    // Another client's ticket takes no upload, a viewer uploads nothing, a client nothing internal.
    let presign = |ticket: uuid::Uuid, visibility: &str| json!({"ticket_id": ticket, "filename": "a.txt", "size": 3, "content_type": "text/plain", "visibility": visibility});
    stranger.post("/api/uploads/presign/", &presign(ticket.id, "client")).await.assert_status(400);
    owner.post("/api/uploads/presign/", &presign(ticket.id, "internal")).await.assert_status(403);
    let viewer = app.member(&tenant, MemberRole::Viewer).await;
    viewer.post("/api/uploads/presign/", &presign(ticket.id, "client")).await.assert_status(403);
    // Ticket files are not listed with the project's documents.
    let listed = owner.get("/api/documents/").await.assert_status(200);
    assert_eq!(listed.body["count"], 0);

    // A file attached to a reply never sent is cleaned up after a day; sent ones stay.
    let given_up = DocumentBuilder::for_ticket(ticket.id).by(&owner).build(&app).await;
    app.sql("UPDATE documents SET created_at = now() - interval '2 days'").await;
    let deleted = nourx_api::documents::delete_abandoned_uploads(&app.db, &app.storage).await.expect("clean-up");
    assert_eq!(deleted, 1);
    owner.get(&format!("/api/documents/{}/", given_up.id)).await.assert_status(404);
    owner.get(&format!("/api/documents/{}/", capture.id)).await.assert_status(200);
}

#[actix_web::test]
async fn canned_replies_check_their_variables_and_fill_them_in_the_client_s_language() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.staff_member().await;
    let bad = json!({"title": "Accueil", "body_fr": "Bonjour {{prenom}}", "body_en": "Hello {{contact_name"});
    let refused = staff.post("/api/admin/canned-replies/", &bad).await;
    assert_json_snapshot!("canned_reply_invalid", refused.assert_status(400).snapshot());
    let good = json!({"title": "Accueil", "body_fr": "Bonjour {{contact_name}}, ticket {{ticket_number}} ({{client_name}}). {{agent_name}}",
        "body_en": "Hello {{contact_name}}"});
    let reply = staff.post("/api/admin/canned-replies/", &good).await.assert_status(201);
    staff.post("/api/admin/canned-replies/", &good).await.assert_status(400);

    let owner = app.owner(&tenant).await;
    let ticket = TicketBuilder::new(&tenant).by(&owner).build(&app).await;
    let url = format!("/api/admin/canned-replies/{}/render/?ticket={}", reply.id(), ticket.id);
    let rendered = staff.get(&url).await.assert_status(200);
    assert_eq!(rendered.body["language"], "fr");
    let expected = format!(
        "Bonjour {}, ticket {} ({}). {}",
        tenant.owner.name, ticket.body["number"], tenant.name, staff.user.name
    );
    assert_eq!(rendered.body["body"], expected);
    let english = staff.get(&format!("{url}&language=en")).await.assert_status(200);
    assert_eq!(english.body["body"], format!("Hello {}", tenant.owner.name));
    owner.get("/api/admin/canned-replies/").await.assert_status(403);
}

#[actix_web::test]
async fn the_client_rates_a_resolved_ticket_and_the_kpis_average_the_ratings() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let (admin, owner) = (app.staff().await, app.owner(&tenant).await);
    let ticket = TicketBuilder::new(&tenant).by(&owner).build(&app).await;
    let rating = format!("/api/tickets/{}/rating/", ticket.id);
    let early = owner.put(&rating, &json!({"score": 5})).await.assert_status(409);
    assert_eq!(early.body["code"], "ticket_not_resolved");

    admin.patch(&format!("/api/tickets/{}/", ticket.id), &json!({"status": "resolved"})).await.assert_status(200);
    let email = app.last_email_to(&tenant.owner.email, "ticket_resolved").await;
    assert!(email.text.contains(&format!("/support/{}?noter=1", ticket.id)), "{}", email.text);
    let bad = owner.put(&rating, &json!({"score": 6})).await.assert_status(400);
    assert_eq!(bad.body["score"][0], "Une note de 1 à 5.");
    owner.put(&rating, &json!({"score": 3, "comment": "Lent"})).await.assert_status(200);
    let changed = owner.put(&rating, &json!({"score": 4, "comment": "  Merci  "})).await.assert_status(200);
    assert_eq!(changed.body["comment"], "Merci");
    admin.put(&rating, &json!({"score": 1})).await.assert_status(403);
    let read = owner.get(&format!("/api/tickets/{}/", ticket.id)).await.assert_status(200);
    assert_eq!(read.body["rating"]["score"], 4);

    let second = TicketBuilder::new(&tenant).resolved().build(&app).await;
    owner.put(&format!("/api/tickets/{}/rating/", second.id), &json!({"score": 5})).await.assert_status(200);
    let kpis = admin.get("/api/admin/kpis/").await.assert_status(200);
    assert_eq!(kpis.body["ratings"], 2);
    assert_eq!(kpis.body["satisfaction_average"], 4.5);
}

#[actix_web::test]
async fn alerts_go_to_the_assignee_or_every_staff_member_once_per_threshold() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let admin = app.staff().await;
    let colleague = app.staff_member().await;
    let assigned = TicketBuilder::new(&tenant).subject("Assigné").field("priority", "normal").build(&app).await;
    admin
        .patch(&format!("/api/tickets/{}/", assigned.id), &json!({"assigned_to": colleague.user.id}))
        .await
        .assert_status(200);
    app.age_ticket(assigned.id, "7 hours").await;
    let nobody = TicketBuilder::new(&tenant).subject("Personne").build(&app).await;
    app.age_ticket(nobody.id, "9 hours").await;

    let run = || {
        let db = app.db.clone();
        async move {
            tokio::task::spawn_blocking(move || nourx_api::tickets::alerts::run_sla_alerts(&db, "https://portail.test"))
                .await
                .expect("joined")
                .expect("ran")
        }
    };
    assert_eq!(run().await, 2, "at risk for the assigned one, breached for the other");
    assert_eq!(run().await, 0, "once per threshold");
    let subjects = |emails: Vec<nourx_testkit::SentEmail>| -> Vec<String> {
        let mut subjects: Vec<String> = emails.into_iter().map(|e| e.subject).collect();
        subjects.sort();
        subjects
    };
    let (n_assigned, n_nobody) = (&assigned.body["number"], &nobody.body["number"]);
    // The assignee hears of their ticket; everyone hears of the unassigned one.
    assert_eq!(
        subjects(app.emails_to(&colleague.user.email, "sla_alert").await),
        [format!("Délai bientôt dépassé : ticket {n_assigned}"), format!("Délai dépassé : ticket {n_nobody}")]
    );
    let to_admin = app.emails_to(&admin.user.email, "sla_alert").await;
    assert_eq!(subjects(to_admin.clone()), [format!("Délai dépassé : ticket {n_nobody}")]);
    insta::assert_snapshot!("sla_alert_email", to_admin[0].redacted());
    let bell = admin.get("/api/notifications/").await.assert_status(200);
    assert_eq!(bell.body["results"][0]["kind"], "ticket.sla_breached");

    // Hours later the assigned one is breached too: one more alert.
    app.age_ticket(assigned.id, "2 hours").await;
    assert_eq!(run().await, 1);
}

#[actix_web::test]
async fn the_calendar_and_holidays_are_checked_and_set_by_admins() {
    let app = TestApp::new().await;
    let (admin, staff) = (app.staff().await, app.staff_member().await);
    let read = staff.get("/api/admin/support/calendar/").await.assert_status(200);
    assert_eq!(read.body["time_zone"], "Africa/Abidjan");
    let bad = json!({"time_zone": "Mars/Olympus", "week": [{"open": "18:00", "close": "08:00"}, null, null]});
    let refused = admin.put("/api/admin/support/calendar/", &bad).await;
    assert_json_snapshot!("support_calendar_invalid", refused.assert_status(400).snapshot());
    staff.put("/api/admin/support/calendar/", &read.body).await.assert_status(403);

    let noel = json!({"day": "2026-12-25", "name": "Noël"});
    admin.post("/api/admin/support/holidays/", &noel).await.assert_status(201);
    admin.post("/api/admin/support/holidays/", &json!({"day": "2026-12-25", "name": " "})).await.assert_status(400);
    let listed = staff.get("/api/admin/support/holidays/").await.assert_status(200);
    assert_eq!(listed.body, json!([noel]));
    admin.delete("/api/admin/support/holidays/2026-12-25/").await.assert_status(204);
    admin.delete("/api/admin/support/holidays/2026-12-25/").await.assert_status(404);
    admin.delete("/api/admin/support/holidays/noel/").await.assert_status(404);
    let invalid =
        admin.put("/api/admin/support/sla-policies/default/", &policy("business_hours", true, (120, 60))).await;
    assert_json_snapshot!("sla_policy_invalid", invalid.assert_status(400).snapshot());
}
