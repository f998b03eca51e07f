//! Support tickets and their messages, through real HTTP on a real database: scoping, the
//! client/staff split, the workflow, SLA deadlines and the audit trail.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use insta::assert_json_snapshot;
use nourx_db::schema::audit_log;
use nourx_testkit::{MemberRole, ProjectBuilder, TestApp, TestClient, TestResponse, TicketBuilder};
use serde_json::{Value, json};
use uuid::Uuid;

fn time(value: &Value) -> DateTime<Utc> {
    value.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not a time: {value}"))
}

/// Opens a ticket with exactly `body` (the API fills in what it leaves out) and checks it was created.
async fn open(client: &TestClient, body: Value) -> Value {
    client.post("/api/tickets/", &body).await.assert_status(201).body
}

/// Audit rows about tickets and their messages (logins and the like are audited too).
async fn audit_count(app: &TestApp) -> i64 {
    app.count_where("audit_log", "entity IN ('ticket', 'ticket_message')").await
}

fn assert_sla(ticket: &Value, first_response_hours: i64, resolution_hours: i64) {
    let created = time(&ticket["created_at"]);
    assert_eq!(time(&ticket["first_response_due"]) - created, Duration::hours(first_response_hours), "{ticket}");
    assert_eq!(time(&ticket["resolution_due"]) - created, Duration::hours(resolution_hours), "{ticket}");
}

#[actix_web::test]
async fn owner_and_member_open_tickets_with_the_sla_of_their_priority() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let client_id = tenant.id;
    let owner = app.owner(&tenant).await;
    let member = app.member(&tenant, MemberRole::Member).await;

    // The owner belongs to one client: client_id may be left out; priority defaults to normal.
    let normal =
        open(&owner, json!({"subject": "  Le formulaire ne répond plus ", "message": "Depuis ce matin."})).await;
    assert_eq!(normal["client_id"], client_id.to_string());
    assert_eq!(normal["subject"], "Le formulaire ne répond plus");
    assert_eq!(normal["status"], "open");
    assert_eq!(normal["priority"], "normal");
    assert_eq!(normal["breached"], false);
    assert!(normal["number"].as_i64().is_some_and(|n| n >= 1001), "{normal}");
    assert!(normal["client_name"].as_str().is_some_and(|n| n.starts_with("Client ")), "{normal}");
    assert!(normal["first_responded_at"].is_null());
    assert_sla(&normal, 8, 72);

    let urgent = open(
        &member,
        json!({"client_id": client_id, "subject": "Site en panne", "priority": "urgent", "message": "Erreur 500."}),
    )
    .await;
    assert_eq!(urgent["priority"], "urgent");
    assert_sla(&urgent, 2, 8);
    let low = open(&member, json!({"subject": "Logo", "priority": "low", "message": "Plus grand ?"})).await;
    assert_sla(&low, 24, 120);
    let high = open(&member, json!({"subject": "Lent", "priority": "high", "message": "Très lent."})).await;
    assert_sla(&high, 4, 24);

    // The first message is stored with the ticket, from its author, public.
    let messages = owner.get(&format!("/api/tickets/{}/messages/", urgent["id"].as_str().expect("id"))).await;
    let messages = messages.assert_status(200);
    assert_eq!(messages.body["count"], 1);
    assert_eq!(messages.body["results"][0]["body"], "Erreur 500.");
    assert_eq!(messages.body["results"][0]["internal"], false);
    assert_eq!(messages.body["results"][0]["author_is_staff"], false);

    for ticket in [&normal, &urgent, &low, &high] {
        assert_eq!(app.audit_actions("ticket", ticket["id"].as_str().expect("id")).await, ["create"]);
    }
    assert_eq!(audit_count(&app).await, 4, "one audit row per ticket, none for its first message");
}

#[actix_web::test]
async fn ticket_fields_are_validated() {
    let app = TestApp::new().await;
    let owner = app.client_owner().await;
    let blank = owner.post("/api/tickets/", &json!({"subject": " ", "message": ""})).await;
    let blank = blank.assert_field_error("subject").assert_field_error("message");
    assert_json_snapshot!("blank_ticket", blank.snapshot());
    let long = owner.post("/api/tickets/", &json!({"subject": "Long", "message": "x".repeat(10_001)})).await;
    assert_json_snapshot!("message_too_long", long.assert_field_error("message").snapshot());
    let missing = owner.post("/api/tickets/", &json!({"subject": "Sans message"})).await;
    missing.assert_field_error("message");
    let unknown = owner.post("/api/tickets/", &json!({"subject": "S", "message": "M", "status": "closed"})).await;
    unknown.assert_field_error("status");
    let priority = owner.post("/api/tickets/", &json!({"subject": "S", "message": "M", "priority": "asap"})).await;
    assert_json_snapshot!("unknown_priority", priority.assert_field_error("priority").snapshot());
    assert_eq!(audit_count(&app).await, 0);
}

#[actix_web::test]
async fn a_viewer_cannot_open_a_ticket() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let viewer = app.viewer(&tenant).await;
    let response = viewer.post("/api/tickets/", &json!({"client_id": tenant.id, "subject": "S", "message": "M"})).await;
    assert_json_snapshot!("viewer_opens_a_ticket", response.assert_error(403, "permission_denied").snapshot());
    let implicit = viewer.post("/api/tickets/", &json!({"subject": "S", "message": "M"})).await;
    implicit.assert_status(403);
    assert_eq!(app.count_rows("tickets").await, 0);
    assert_eq!(audit_count(&app).await, 0);
}

#[actix_web::test]
async fn another_clients_space_or_project_is_400() {
    let app = TestApp::new().await;
    let (a, b) = (app.tenant().await, app.tenant().await);
    let (client_a, client_b) = (a.id, b.id);
    let admin = app.staff().await;
    let project_b = ProjectBuilder::new(&b).build(&app).await.id;
    let owner_a = app.owner(&a).await;

    let other_client =
        owner_a.post("/api/tickets/", &json!({"client_id": client_b, "subject": "S", "message": "M"})).await;
    let other_client = other_client.assert_field_error("client_id");
    assert_json_snapshot!("ticket_for_another_client", other_client.snapshot());
    let missing_client =
        owner_a.post("/api/tickets/", &json!({"client_id": Uuid::now_v7(), "subject": "S", "message": "M"})).await;
    let missing_client = missing_client.assert_status(400);
    assert_eq!(missing_client.body, other_client.body, "another client's space reads as a missing one");

    let other_project = owner_a
        .post("/api/tickets/", &json!({"client_id": client_a, "project_id": project_b, "subject": "S", "message": "M"}))
        .await;
    assert_json_snapshot!(
        "ticket_on_another_clients_project",
        other_project.assert_field_error("project_id").snapshot()
    );
    let no_project =
        owner_a.post("/api/tickets/", &json!({"project_id": Uuid::now_v7(), "subject": "S", "message": "M"})).await;
    no_project.assert_field_error("project_id");

    // Even NOURX staff cannot file a ticket of one client on another client's project.
    let mixed = admin
        .post("/api/tickets/", &json!({"client_id": client_a, "project_id": project_b, "subject": "S", "message": "M"}))
        .await;
    mixed.assert_field_error("project_id");
    // And must say which client.
    let no_client = admin.post("/api/tickets/", &json!({"subject": "S", "message": "M"})).await;
    assert_json_snapshot!("staff_ticket_without_client", no_client.assert_field_error("client_id").snapshot());

    let own_project = ProjectBuilder::new(&a).build(&app).await.id;
    let ok = open(&owner_a, json!({"project_id": own_project, "subject": "S", "message": "M"})).await;
    assert_eq!(ok["project_id"], own_project.to_string());
    let by_admin =
        open(&admin, json!({"client_id": client_b, "project_id": project_b, "subject": "S", "message": "M"})).await;
    assert_eq!(by_admin["client_id"], client_b.to_string());
}

#[actix_web::test]
async fn the_list_shows_only_the_callers_clients_whatever_the_filter() {
    let app = TestApp::new().await;
    let (a, b) = (app.tenant().await, app.tenant().await);
    let (client_a, client_b) = (a.id, b.id);
    let owner_a = app.owner(&a).await;
    let owner_b = app.owner(&b).await;
    let admin = app.staff().await;
    let ticket_a = TicketBuilder::new(&a).subject("Facture").message("M").by(&owner_a).build(&app).await;
    let ticket_b =
        TicketBuilder::new(&b).subject("Facture B").message("M").priority("high").by(&owner_b).build(&app).await;

    let own = owner_a.get("/api/tickets/").await.assert_status(200);
    assert_eq!(own.body["count"], 1);
    assert_eq!(own.body["results"][0]["id"], ticket_a["id"]);
    for query in [
        format!("?client={client_b}"),
        format!("?client={client_b}&status=open"),
        "?priority=high".to_owned(),
        "?search=Facture%20B".to_owned(),
        "?breached=false&priority=high".to_owned(),
    ] {
        let response = owner_a.get(&format!("/api/tickets/{query}")).await.assert_status(200);
        assert_eq!(response.body["count"], 0, "{query}: {}", response.text);
        assert_eq!(response.body["results"], json!([]), "{query}");
    }

    let all = admin.get("/api/tickets/?ordering=number").await;
    assert_eq!(all.body["count"], 2);
    assert_eq!(all.body["results"][0]["id"], ticket_a["id"]);
    let only_b = admin.get(&format!("/api/tickets/?client={client_b}")).await;
    assert_eq!(only_b.body["count"], 1);
    assert_eq!(only_b.body["results"][0]["id"], ticket_b["id"]);
    let high = admin.get("/api/tickets/?priority=high&status=open&search=facture").await;
    assert_eq!(high.body["count"], 1, "{}", high.text);
    assert_eq!(high.body["results"][0]["id"], ticket_b["id"]);
    let mine = owner_a.get(&format!("/api/tickets/?client={client_a}")).await;
    assert_eq!(mine.body["count"], 1);

    for (query, field) in [("?status=new", "status"), ("?priority=asap", "priority"), ("?ordering=subject", "ordering")]
    {
        let response = admin.get(&format!("/api/tickets/{query}")).await.assert_field_error(field);
        assert_json_snapshot!(format!("ticket_list_{field}"), response.snapshot());
    }
    let breached = admin.get("/api/tickets/?breached=maybe").await.assert_status(400);
    assert_json_snapshot!("ticket_list_breached", breached.snapshot());
}

#[actix_web::test]
async fn another_clients_ticket_is_a_404_like_a_missing_one() {
    let app = TestApp::new().await;
    let owner_a = app.client_owner().await;
    let b = app.tenant().await;
    let owner_b = app.owner(&b).await;
    let ticket_b = TicketBuilder::new(&b).subject("S").message("M").by(&owner_b).build(&app).await.id;
    let missing = Uuid::now_v7();
    let audit_before = audit_count(&app).await;

    let pairs: [(TestResponse, TestResponse); 4] = [
        (
            owner_a.get(&format!("/api/tickets/{ticket_b}/")).await,
            owner_a.get(&format!("/api/tickets/{missing}/")).await,
        ),
        (
            owner_a.patch(&format!("/api/tickets/{ticket_b}/"), &json!({"status": "closed"})).await,
            owner_a.patch(&format!("/api/tickets/{missing}/"), &json!({"status": "closed"})).await,
        ),
        (
            owner_a.get(&format!("/api/tickets/{ticket_b}/messages/")).await,
            owner_a.get(&format!("/api/tickets/{missing}/messages/")).await,
        ),
        (
            owner_a.post(&format!("/api/tickets/{ticket_b}/messages/"), &json!({"body": "Bonjour"})).await,
            owner_a.post(&format!("/api/tickets/{missing}/messages/"), &json!({"body": "Bonjour"})).await,
        ),
    ];
    for (other, absent) in pairs {
        let other = other.assert_error(404, "not_found");
        let absent = absent.assert_status(404);
        assert_eq!(other.body, absent.body);
    }
    assert_eq!(audit_count(&app).await, audit_before, "refused writes leave no audit row");
    let count = owner_b.get(&format!("/api/tickets/{ticket_b}/messages/")).await;
    assert_eq!(count.body["count"], 1, "no message was added");
}

#[actix_web::test]
async fn clients_may_not_triage() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let viewer = app.viewer(&tenant).await;
    let owner = app.owner(&tenant).await;
    let ticket = TicketBuilder::new(&tenant).subject("S").message("M").by(&owner).build(&app).await;
    let path = format!("/api/tickets/{}/", ticket.id);
    let audit_before = audit_count(&app).await;

    for body in [
        json!({"priority": "urgent"}),
        json!({"subject": "Autre"}),
        json!({"assigned_to": null}),
        json!({"status": "resolved"}),
        json!({"status": "pending"}),
        json!({"status": "closed"}),
    ] {
        owner.patch(&path, &body).await.assert_error(403, "permission_denied");
    }
    let unknown = owner.patch(&path, &json!({"number": 1})).await;
    assert_json_snapshot!("ticket_unknown_field", unknown.assert_field_error("number").snapshot());

    // The viewer can read the ticket but change nothing, not even on a resolved ticket.
    viewer.get(&path).await.assert_status(200);
    let admin = app.staff().await;
    admin.patch(&path, &json!({"status": "resolved"})).await.assert_status(200);
    viewer.patch(&path, &json!({"status": "open"})).await.assert_status(403);
    viewer.post(&format!("{path}messages/"), &json!({"body": "Merci"})).await.assert_status(403);

    assert_eq!(audit_count(&app).await, audit_before + 1, "only the admin's change was recorded");
    let after = owner.get(&path).await;
    assert_eq!(after.body["priority"], "normal");
    assert_eq!(after.body["status"], "resolved");
}

#[actix_web::test]
async fn admins_follow_the_ticket_workflow() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let admin = app.staff().await;
    let id = TicketBuilder::new(&tenant).subject("S").message("M").by(&owner).build(&app).await.id;
    let path = format!("/api/tickets/{id}/");

    let refused = admin.patch(&path, &json!({"status": "closed"})).await.assert_error(409, "invalid_transition");
    assert_eq!(refused.body["allowed"], json!(["pending", "resolved"]));
    assert_json_snapshot!("ticket_invalid_transition", refused.snapshot());

    let pending = admin.patch(&path, &json!({"status": "pending"})).await.assert_status(200);
    assert_eq!(pending.body["status"], "pending");
    let resolved = admin.patch(&path, &json!({"status": "resolved"})).await;
    assert_eq!(resolved.body["status"], "resolved");
    assert!(resolved.body["resolved_at"].is_string(), "{}", resolved.text);
    assert!(resolved.body["closed_at"].is_null());
    let closed = admin.patch(&path, &json!({"status": "closed"})).await;
    assert_eq!(closed.body["status"], "closed");
    assert!(closed.body["closed_at"].is_string(), "{}", closed.text);
    assert_eq!(closed.body["resolved_at"], resolved.body["resolved_at"]);

    let final_status = admin.patch(&path, &json!({"status": "open"})).await.assert_status(409);
    assert_eq!(final_status.body["allowed"], json!([]));

    assert_eq!(
        app.audit_actions("ticket", id).await,
        ["create", "status_change", "status_change", "status_change"],
        "refused transitions leave no audit row"
    );
}

#[actix_web::test]
async fn admins_triage_priority_assignee_and_project() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let other_client = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let admin = app.staff().await;
    let ticket = TicketBuilder::new(&tenant).subject("S").message("M").by(&owner).build(&app).await;
    let id = ticket.id;
    let path = format!("/api/tickets/{id}/");

    let urgent = admin.patch(&path, &json!({"priority": "urgent", "subject": "Site en panne"})).await;
    let urgent = urgent.assert_status(200);
    assert_eq!(urgent.body["priority"], "urgent");
    assert_eq!(urgent.body["subject"], "Site en panne");
    assert_eq!(urgent.body["created_at"], ticket["created_at"]);
    assert_sla(&urgent.body, 2, 8);

    let not_staff = admin.patch(&path, &json!({"assigned_to": owner.id()})).await;
    assert_json_snapshot!("assigned_to_a_client", not_staff.assert_field_error("assigned_to").snapshot());
    admin.patch(&path, &json!({"assigned_to": Uuid::now_v7()})).await.assert_field_error("assigned_to");
    let inactive = app.admin().await;
    app.deactivate(inactive.id).await;
    admin.patch(&path, &json!({"assigned_to": inactive.id})).await.assert_status(400);

    let assigned = admin.patch(&path, &json!({"assigned_to": admin.id()})).await.assert_status(200);
    assert_eq!(assigned.body["assigned_to"], admin.id().to_string());
    let mine = admin.get(&format!("/api/tickets/?assigned_to={}", admin.id())).await;
    assert_eq!(mine.body["count"], 1);
    let unassigned = admin.patch(&path, &json!({"assigned_to": null})).await;
    assert!(unassigned.body["assigned_to"].is_null(), "{}", unassigned.text);

    let foreign_project = ProjectBuilder::new(&other_client).build(&app).await.id;
    let wrong = admin.patch(&path, &json!({"project_id": foreign_project})).await;
    wrong.assert_field_error("project_id");
    let project = ProjectBuilder::new(&tenant).build(&app).await.id;
    let linked = admin.patch(&path, &json!({"project_id": project})).await;
    assert_eq!(linked.body["project_id"], project.to_string());
    let by_project = owner.get(&format!("/api/tickets/?project={project}")).await;
    assert_eq!(by_project.body["count"], 1);

    admin.patch(&path, &json!({"subject": " "})).await.assert_field_error("subject");

    assert_eq!(app.audit_actions("ticket", id).await, ["create", "update", "update", "update", "update"]);
    let diff = app
        .with_conn(move |conn| {
            audit_log::table
                .filter(audit_log::entity.eq("ticket"))
                .filter(audit_log::action.eq("update"))
                .order(audit_log::id.asc())
                .select(audit_log::diff)
                .first::<Value>(conn)
                .expect("diff")
        })
        .await;
    assert_eq!(diff["priority"], json!(["normal", "urgent"]));
    assert_eq!(diff["subject"], json!(["S", "Site en panne"]));
    assert!(diff.get("status").is_none(), "{diff}");
}

#[actix_web::test]
async fn a_client_reopens_or_closes_a_resolved_ticket() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let member = app.member(&tenant, MemberRole::Member).await;
    let owner = app.owner(&tenant).await;
    let admin = app.staff().await;
    let id = TicketBuilder::new(&tenant).subject("S").message("M").by(&owner).build(&app).await.id;
    let path = format!("/api/tickets/{id}/");

    admin.patch(&path, &json!({"status": "resolved"})).await.assert_status(200);
    let reopened = member.patch(&path, &json!({"status": "open"})).await.assert_status(200);
    assert_eq!(reopened.body["status"], "open");
    assert!(reopened.body["resolved_at"].is_null(), "reopening clears resolved_at: {}", reopened.text);

    // Once open again, the client cannot close it themselves.
    owner.patch(&path, &json!({"status": "closed"})).await.assert_status(403);

    admin.patch(&path, &json!({"status": "resolved"})).await.assert_status(200);
    let closed = owner.patch(&path, &json!({"status": "closed"})).await.assert_status(200);
    assert_eq!(closed.body["status"], "closed");
    assert!(closed.body["closed_at"].is_string());
    assert!(closed.body["resolved_at"].is_string());

    assert_eq!(
        app.audit_actions("ticket", id).await,
        ["create", "status_change", "status_change", "status_change", "status_change"]
    );
    // Nothing more can be said on a closed ticket, except between NOURX staff.
    let late = owner.post(&format!("{path}messages/"), &json!({"body": "Encore une chose"})).await;
    assert_json_snapshot!("ticket_closed", late.assert_error(409, "ticket_closed").snapshot());
    let note = admin.post(&format!("{path}messages/"), &json!({"body": "Archivé", "internal": true})).await;
    note.assert_status(201);
}

#[actix_web::test]
async fn internal_notes_are_invisible_to_clients() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let admin = app.staff().await;
    let id = TicketBuilder::new(&tenant).subject("S").message("Bonjour").by(&owner).build(&app).await.id;
    let path = format!("/api/tickets/{id}/messages/");

    let note = admin.post(&path, &json!({"body": "Client difficile, voir contrat", "internal": true})).await;
    let note = note.assert_status(201);
    assert_eq!(note.body["internal"], true);
    assert_eq!(note.body["author_is_staff"], true);
    assert_eq!(note.body["author_name"], admin.user.name);
    let reply = admin.post(&path, &json!({"body": "Nous regardons."})).await.assert_status(201);

    let seen_by_client = owner.get(&path).await.assert_status(200);
    assert_eq!(seen_by_client.body["count"], 2, "{}", seen_by_client.text);
    assert!(!seen_by_client.text.contains("Client difficile"), "{}", seen_by_client.text);
    let bodies: Vec<&str> = seen_by_client.results().iter().filter_map(|m| m["body"].as_str()).collect();
    assert_eq!(bodies, ["Bonjour", "Nous regardons."]);

    let seen_by_staff = admin.get(&path).await;
    assert_eq!(seen_by_staff.body["count"], 3);
    assert_eq!(seen_by_staff.body["results"][1]["internal"], true);

    let forbidden = owner.post(&path, &json!({"body": "Entre nous", "internal": true})).await;
    assert_json_snapshot!("client_internal_note", forbidden.assert_status(403).snapshot());
    assert_eq!(owner.get(&path).await.body["count"], 2);
    owner.post(&path, &json!({"body": "   "})).await.assert_field_error("body");

    let paged = admin.get(&format!("{path}?page_size=2&page=2")).await;
    assert_eq!(paged.body["count"], 3);
    assert_eq!(paged.body["results"].as_array().map(Vec::len), Some(1));
    assert!(paged.body["previous"].is_string());

    for message in [&note, &reply] {
        assert_eq!(app.audit_actions("ticket_message", message.id()).await, ["create"]);
    }
}

#[actix_web::test]
async fn the_first_public_admin_reply_stops_the_first_response_clock() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let admin = app.staff().await;
    let id = TicketBuilder::new(&tenant).subject("S").message("M").by(&owner).build(&app).await.id;
    let (path, messages) = (format!("/api/tickets/{id}/"), format!("/api/tickets/{id}/messages/"));

    owner.post(&messages, &json!({"body": "Des nouvelles ?"})).await.assert_status(201);
    admin.post(&messages, &json!({"body": "À voir", "internal": true})).await.assert_status(201);
    assert!(owner.get(&path).await.body["first_responded_at"].is_null(), "neither a client message nor a note counts");

    let reply = admin.post(&messages, &json!({"body": "Nous regardons."})).await.assert_status(201);
    let ticket = owner.get(&path).await.body;
    assert_eq!(ticket["first_responded_at"], reply.body["created_at"]);
    assert_eq!(ticket["status"], "open", "a public reply on an open ticket keeps it open");

    admin.post(&messages, &json!({"body": "Corrigé ?"})).await.assert_status(201);
    assert_eq!(owner.get(&path).await.body["first_responded_at"], reply.body["created_at"]);

    // A client message on a pending ticket hands it back to NOURX.
    assert_eq!(admin.patch(&path, &json!({"status": "pending"})).await.body["status"], "pending");
    owner.post(&messages, &json!({"body": "Voici l'accès."})).await.assert_status(201);
    assert_eq!(owner.get(&path).await.body["status"], "open");

    let message_audits = app.count_where("audit_log", "entity = 'ticket_message'").await;
    assert_eq!(message_audits, 5, "one audit row per message");
    assert_eq!(app.audit_actions("ticket", id).await, ["create", "status_change"]);
}

#[actix_web::test]
async fn the_breached_filter_finds_missed_deadlines() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let late = TicketBuilder::new(&tenant).subject("En retard").message("M").by(&owner).build(&app).await;
    let fresh = TicketBuilder::new(&tenant).subject("Récent").message("M").by(&owner).build(&app).await;
    let id = late.id;
    app.sql(format!("UPDATE tickets SET first_response_due = now() - interval '1 hour' WHERE id = '{id}'")).await;

    let breached = owner.get("/api/tickets/?breached=true").await.assert_status(200);
    assert_eq!(breached.body["count"], 1, "{}", breached.text);
    assert_eq!(breached.body["results"][0]["id"], late["id"]);
    assert_eq!(breached.body["results"][0]["breached"], true);
    let on_time = owner.get("/api/tickets/?breached=false").await;
    assert_eq!(on_time.body["count"], 1, "{}", on_time.text);
    assert_eq!(on_time.body["results"][0]["id"], fresh["id"]);
    assert_eq!(on_time.body["results"][0]["breached"], false);
    assert_eq!(owner.get("/api/tickets/").await.body["count"], 2);
    let soonest = owner.get("/api/tickets/?ordering=first_response_due").await;
    assert_eq!(soonest.body["results"][0]["id"], late["id"]);
}
