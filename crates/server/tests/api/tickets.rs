//! Support tickets and their messages, through real HTTP on a real database: scoping, the
//! client/staff split, the workflow, SLA deadlines and the audit trail.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use nourx_db::schema::{audit_log, tickets};
use nourx_testkit::{MemberRole, TestApp, TestClient, TestResponse};
use serde_json::{Value, json};
use uuid::Uuid;

fn time(value: &Value) -> DateTime<Utc> {
    value.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not a time: {value}"))
}

/// Opens a ticket and checks it was created.
async fn open(client: &TestClient, body: Value) -> Value {
    let response = client.post("/api/tickets/", &body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    response.body
}

fn id_of(ticket: &Value) -> String {
    ticket["id"].as_str().expect("id").to_owned()
}

/// The audit actions recorded for one entity, oldest first.
async fn audit_actions(app: &TestApp, entity: &'static str, entity_id: &str) -> Vec<String> {
    let entity_id = entity_id.to_owned();
    app.with_conn(move |conn| {
        audit_log::table
            .filter(audit_log::entity.eq(entity))
            .filter(audit_log::entity_id.eq(entity_id))
            .order(audit_log::id.asc())
            .select(audit_log::action)
            .load::<String>(conn)
            .expect("audit rows")
    })
    .await
}

/// Audit rows about tickets and their messages (logins and the like are audited too).
async fn audit_count(app: &TestApp) -> i64 {
    app.with_conn(|conn| {
        audit_log::table
            .filter(audit_log::entity.eq_any(["ticket", "ticket_message"]))
            .count()
            .get_result::<i64>(conn)
            .expect("count")
    })
    .await
}

/// A project of `client_id`, created by an admin over HTTP.
async fn project_of(admin: &TestClient, client_id: Uuid) -> String {
    let response = admin.post("/api/projects/", &json!({"client_id": client_id, "name": "Site vitrine"})).await;
    assert_eq!(response.status, 201, "{}", response.text);
    id_of(&response.body)
}

fn assert_sla(ticket: &Value, first_response_hours: i64, resolution_hours: i64) {
    let created = time(&ticket["created_at"]);
    assert_eq!(time(&ticket["first_response_due"]) - created, Duration::hours(first_response_hours), "{ticket}");
    assert_eq!(time(&ticket["resolution_due"]) - created, Duration::hours(resolution_hours), "{ticket}");
}

#[actix_web::test]
async fn owner_and_member_open_tickets_with_the_sla_of_their_priority() {
    let app = TestApp::new().await;
    let (client_id, owner) = app.client_with_owner().await;
    let member = app.member_of(client_id, MemberRole::Member).await;
    let owner = app.login(&owner).await;
    let member = app.login(&member).await;

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
    let messages = owner.get(&format!("/api/tickets/{}/messages/", id_of(&urgent))).await;
    assert_eq!(messages.status, 200, "{}", messages.text);
    assert_eq!(messages.body["count"], 1);
    assert_eq!(messages.body["results"][0]["body"], "Erreur 500.");
    assert_eq!(messages.body["results"][0]["internal"], false);
    assert_eq!(messages.body["results"][0]["author_is_staff"], false);

    for ticket in [&normal, &urgent, &low, &high] {
        assert_eq!(audit_actions(&app, "ticket", &id_of(ticket)).await, ["create"]);
    }
    assert_eq!(audit_count(&app).await, 4, "one audit row per ticket, none for its first message");
}

#[actix_web::test]
async fn ticket_fields_are_validated() {
    let app = TestApp::new().await;
    let (_, owner) = app.client_with_owner().await;
    let owner = app.login(&owner).await;
    let blank = owner.post("/api/tickets/", &json!({"subject": " ", "message": ""})).await;
    assert_eq!(blank.status, 400);
    assert!(blank.body["subject"].is_array() && blank.body["message"].is_array(), "{}", blank.text);
    let long = owner.post("/api/tickets/", &json!({"subject": "Long", "message": "x".repeat(10_001)})).await;
    assert_eq!(long.status, 400);
    assert!(long.body["message"].is_array(), "{}", long.text);
    let missing = owner.post("/api/tickets/", &json!({"subject": "Sans message"})).await;
    assert_eq!(missing.status, 400);
    assert!(missing.body["message"].is_array(), "{}", missing.text);
    let unknown = owner.post("/api/tickets/", &json!({"subject": "S", "message": "M", "status": "closed"})).await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.body["status"].is_array(), "{}", unknown.text);
    let priority = owner.post("/api/tickets/", &json!({"subject": "S", "message": "M", "priority": "asap"})).await;
    assert_eq!(priority.status, 400);
    assert!(priority.body["priority"].is_array(), "{}", priority.text);
    assert_eq!(audit_count(&app).await, 0);
}

#[actix_web::test]
async fn a_viewer_cannot_open_a_ticket() {
    let app = TestApp::new().await;
    let (client_id, _) = app.client_with_owner().await;
    let viewer = app.member_of(client_id, MemberRole::Viewer).await;
    let viewer = app.login(&viewer).await;
    let response = viewer.post("/api/tickets/", &json!({"client_id": client_id, "subject": "S", "message": "M"})).await;
    assert_eq!(response.status, 403, "{}", response.text);
    assert_eq!(response.body["code"], "permission_denied");
    let implicit = viewer.post("/api/tickets/", &json!({"subject": "S", "message": "M"})).await;
    assert_eq!(implicit.status, 403, "{}", implicit.text);
    let count = app.with_conn(|conn| tickets::table.count().get_result::<i64>(conn).expect("count")).await;
    assert_eq!(count, 0);
    assert_eq!(audit_count(&app).await, 0);
}

#[actix_web::test]
async fn another_clients_space_or_project_is_400() {
    let app = TestApp::new().await;
    let (client_a, owner_a) = app.client_with_owner().await;
    let (client_b, _) = app.client_with_owner().await;
    let admin = app.login(&app.admin().await).await;
    let project_b = project_of(&admin, client_b).await;
    let owner_a = app.login(&owner_a).await;

    let other_client =
        owner_a.post("/api/tickets/", &json!({"client_id": client_b, "subject": "S", "message": "M"})).await;
    assert_eq!(other_client.status, 400, "{}", other_client.text);
    assert!(other_client.body["client_id"].is_array(), "{}", other_client.text);
    let missing_client =
        owner_a.post("/api/tickets/", &json!({"client_id": Uuid::now_v7(), "subject": "S", "message": "M"})).await;
    assert_eq!(missing_client.status, 400);
    assert_eq!(missing_client.body, other_client.body, "another client's space reads as a missing one");

    let other_project = owner_a
        .post("/api/tickets/", &json!({"client_id": client_a, "project_id": project_b, "subject": "S", "message": "M"}))
        .await;
    assert_eq!(other_project.status, 400, "{}", other_project.text);
    assert!(other_project.body["project_id"].is_array(), "{}", other_project.text);
    let no_project =
        owner_a.post("/api/tickets/", &json!({"project_id": Uuid::now_v7(), "subject": "S", "message": "M"})).await;
    assert_eq!(no_project.status, 400);
    assert!(no_project.body["project_id"].is_array(), "{}", no_project.text);

    // Even NOURX staff cannot file a ticket of one client on another client's project.
    let mixed = admin
        .post("/api/tickets/", &json!({"client_id": client_a, "project_id": project_b, "subject": "S", "message": "M"}))
        .await;
    assert_eq!(mixed.status, 400);
    assert!(mixed.body["project_id"].is_array(), "{}", mixed.text);
    // And must say which client.
    let no_client = admin.post("/api/tickets/", &json!({"subject": "S", "message": "M"})).await;
    assert_eq!(no_client.status, 400);
    assert!(no_client.body["client_id"].is_array(), "{}", no_client.text);

    let own_project = project_of(&admin, client_a).await;
    let ok = open(&owner_a, json!({"project_id": own_project, "subject": "S", "message": "M"})).await;
    assert_eq!(ok["project_id"], own_project);
    let by_admin =
        open(&admin, json!({"client_id": client_b, "project_id": project_b, "subject": "S", "message": "M"})).await;
    assert_eq!(by_admin["client_id"], client_b.to_string());
}

#[actix_web::test]
async fn the_list_shows_only_the_callers_clients_whatever_the_filter() {
    let app = TestApp::new().await;
    let (client_a, owner_a) = app.client_with_owner().await;
    let (client_b, owner_b) = app.client_with_owner().await;
    let owner_a = app.login(&owner_a).await;
    let owner_b = app.login(&owner_b).await;
    let admin = app.login(&app.admin().await).await;
    let ticket_a = open(&owner_a, json!({"subject": "Facture", "message": "M"})).await;
    let ticket_b = open(&owner_b, json!({"subject": "Facture B", "priority": "high", "message": "M"})).await;

    let own = owner_a.get("/api/tickets/").await;
    assert_eq!(own.status, 200, "{}", own.text);
    assert_eq!(own.body["count"], 1);
    assert_eq!(own.body["results"][0]["id"], ticket_a["id"]);
    for query in [
        format!("?client={client_b}"),
        format!("?client={client_b}&status=open"),
        "?priority=high".to_owned(),
        "?search=Facture%20B".to_owned(),
        "?breached=false&priority=high".to_owned(),
    ] {
        let response = owner_a.get(&format!("/api/tickets/{query}")).await;
        assert_eq!(response.status, 200, "{query}: {}", response.text);
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
        let response = admin.get(&format!("/api/tickets/{query}")).await;
        assert_eq!(response.status, 400, "{query}");
        assert!(response.body[field].is_array(), "{query}: {}", response.text);
    }
    assert_eq!(admin.get("/api/tickets/?breached=maybe").await.status, 400);
}

#[actix_web::test]
async fn another_clients_ticket_is_a_404_like_a_missing_one() {
    let app = TestApp::new().await;
    let (_, owner_a) = app.client_with_owner().await;
    let (_, owner_b) = app.client_with_owner().await;
    let owner_a = app.login(&owner_a).await;
    let owner_b = app.login(&owner_b).await;
    let ticket_b = id_of(&open(&owner_b, json!({"subject": "S", "message": "M"})).await);
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
        assert_eq!(other.status, 404, "{}", other.text);
        assert_eq!(absent.status, 404, "{}", absent.text);
        assert_eq!(other.body, absent.body);
        assert_eq!(other.body["code"], "not_found");
    }
    assert_eq!(audit_count(&app).await, audit_before, "refused writes leave no audit row");
    let count = owner_b.get(&format!("/api/tickets/{ticket_b}/messages/")).await;
    assert_eq!(count.body["count"], 1, "no message was added");
}

#[actix_web::test]
async fn clients_may_not_triage() {
    let app = TestApp::new().await;
    let (client_id, owner) = app.client_with_owner().await;
    let viewer = app.member_of(client_id, MemberRole::Viewer).await;
    let owner = app.login(&owner).await;
    let viewer = app.login(&viewer).await;
    let ticket = open(&owner, json!({"subject": "S", "message": "M"})).await;
    let path = format!("/api/tickets/{}/", id_of(&ticket));
    let audit_before = audit_count(&app).await;

    for body in [
        json!({"priority": "urgent"}),
        json!({"subject": "Autre"}),
        json!({"assigned_to": null}),
        json!({"status": "resolved"}),
        json!({"status": "pending"}),
        json!({"status": "closed"}),
    ] {
        let response = owner.patch(&path, &body).await;
        assert_eq!(response.status, 403, "{body}: {}", response.text);
        assert_eq!(response.body["code"], "permission_denied");
    }
    let unknown = owner.patch(&path, &json!({"number": 1})).await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.body["number"].is_array(), "{}", unknown.text);

    // The viewer can read the ticket but change nothing, not even on a resolved ticket.
    assert_eq!(viewer.get(&path).await.status, 200);
    let admin = app.login(&app.admin().await).await;
    assert_eq!(admin.patch(&path, &json!({"status": "resolved"})).await.status, 200);
    let reopen = viewer.patch(&path, &json!({"status": "open"})).await;
    assert_eq!(reopen.status, 403, "{}", reopen.text);
    let message = viewer.post(&format!("{path}messages/"), &json!({"body": "Merci"})).await;
    assert_eq!(message.status, 403, "{}", message.text);

    assert_eq!(audit_count(&app).await, audit_before + 1, "only the admin's change was recorded");
    let after = owner.get(&path).await;
    assert_eq!(after.body["priority"], "normal");
    assert_eq!(after.body["status"], "resolved");
}

#[actix_web::test]
async fn admins_follow_the_ticket_workflow() {
    let app = TestApp::new().await;
    let (_, owner) = app.client_with_owner().await;
    let owner = app.login(&owner).await;
    let admin_user = app.admin().await;
    let admin = app.login(&admin_user).await;
    let ticket = open(&owner, json!({"subject": "S", "message": "M"})).await;
    let id = id_of(&ticket);
    let path = format!("/api/tickets/{id}/");

    let refused = admin.patch(&path, &json!({"status": "closed"})).await;
    assert_eq!(refused.status, 409, "{}", refused.text);
    assert_eq!(refused.body["code"], "invalid_transition");
    assert_eq!(refused.body["allowed"], json!(["pending", "resolved"]));

    let pending = admin.patch(&path, &json!({"status": "pending"})).await;
    assert_eq!(pending.status, 200, "{}", pending.text);
    assert_eq!(pending.body["status"], "pending");
    let resolved = admin.patch(&path, &json!({"status": "resolved"})).await;
    assert_eq!(resolved.body["status"], "resolved");
    assert!(resolved.body["resolved_at"].is_string(), "{}", resolved.text);
    assert!(resolved.body["closed_at"].is_null());
    let closed = admin.patch(&path, &json!({"status": "closed"})).await;
    assert_eq!(closed.body["status"], "closed");
    assert!(closed.body["closed_at"].is_string(), "{}", closed.text);
    assert_eq!(closed.body["resolved_at"], resolved.body["resolved_at"]);

    let final_status = admin.patch(&path, &json!({"status": "open"})).await;
    assert_eq!(final_status.status, 409);
    assert_eq!(final_status.body["allowed"], json!([]));

    assert_eq!(
        audit_actions(&app, "ticket", &id).await,
        ["create", "status_change", "status_change", "status_change"],
        "refused transitions leave no audit row"
    );
}

#[actix_web::test]
async fn admins_triage_priority_assignee_and_project() {
    let app = TestApp::new().await;
    let (client_id, owner_user) = app.client_with_owner().await;
    let (other_client, _) = app.client_with_owner().await;
    let owner = app.login(&owner_user).await;
    let admin_user = app.admin().await;
    let admin = app.login(&admin_user).await;
    let ticket = open(&owner, json!({"subject": "S", "message": "M"})).await;
    let id = id_of(&ticket);
    let path = format!("/api/tickets/{id}/");

    let urgent = admin.patch(&path, &json!({"priority": "urgent", "subject": "Site en panne"})).await;
    assert_eq!(urgent.status, 200, "{}", urgent.text);
    assert_eq!(urgent.body["priority"], "urgent");
    assert_eq!(urgent.body["subject"], "Site en panne");
    assert_eq!(urgent.body["created_at"], ticket["created_at"]);
    assert_sla(&urgent.body, 2, 8);

    let not_staff = admin.patch(&path, &json!({"assigned_to": owner_user.id})).await;
    assert_eq!(not_staff.status, 400);
    assert!(not_staff.body["assigned_to"].is_array(), "{}", not_staff.text);
    let nobody = admin.patch(&path, &json!({"assigned_to": Uuid::now_v7()})).await;
    assert_eq!(nobody.status, 400);
    assert!(nobody.body["assigned_to"].is_array(), "{}", nobody.text);
    let inactive = app.admin().await;
    app.deactivate(inactive.id).await;
    let gone = admin.patch(&path, &json!({"assigned_to": inactive.id})).await;
    assert_eq!(gone.status, 400, "{}", gone.text);

    let assigned = admin.patch(&path, &json!({"assigned_to": admin_user.id})).await;
    assert_eq!(assigned.status, 200, "{}", assigned.text);
    assert_eq!(assigned.body["assigned_to"], admin_user.id.to_string());
    let mine = admin.get(&format!("/api/tickets/?assigned_to={}", admin_user.id)).await;
    assert_eq!(mine.body["count"], 1);
    let unassigned = admin.patch(&path, &json!({"assigned_to": null})).await;
    assert!(unassigned.body["assigned_to"].is_null(), "{}", unassigned.text);

    let foreign_project = project_of(&admin, other_client).await;
    let wrong = admin.patch(&path, &json!({"project_id": foreign_project})).await;
    assert_eq!(wrong.status, 400);
    assert!(wrong.body["project_id"].is_array(), "{}", wrong.text);
    let project = project_of(&admin, client_id).await;
    let linked = admin.patch(&path, &json!({"project_id": project})).await;
    assert_eq!(linked.body["project_id"], project);
    let by_project = owner.get(&format!("/api/tickets/?project={project}")).await;
    assert_eq!(by_project.body["count"], 1);

    let blank = admin.patch(&path, &json!({"subject": " "})).await;
    assert_eq!(blank.status, 400);
    assert!(blank.body["subject"].is_array(), "{}", blank.text);

    assert_eq!(audit_actions(&app, "ticket", &id).await, ["create", "update", "update", "update", "update"]);
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
    let (client_id, owner) = app.client_with_owner().await;
    let member = app.member_of(client_id, MemberRole::Member).await;
    let owner = app.login(&owner).await;
    let member = app.login(&member).await;
    let admin = app.login(&app.admin().await).await;
    let id = id_of(&open(&owner, json!({"subject": "S", "message": "M"})).await);
    let path = format!("/api/tickets/{id}/");

    assert_eq!(admin.patch(&path, &json!({"status": "resolved"})).await.status, 200);
    let reopened = member.patch(&path, &json!({"status": "open"})).await;
    assert_eq!(reopened.status, 200, "{}", reopened.text);
    assert_eq!(reopened.body["status"], "open");
    assert!(reopened.body["resolved_at"].is_null(), "reopening clears resolved_at: {}", reopened.text);

    // Once open again, the client cannot close it themselves.
    assert_eq!(owner.patch(&path, &json!({"status": "closed"})).await.status, 403);

    assert_eq!(admin.patch(&path, &json!({"status": "resolved"})).await.status, 200);
    let closed = owner.patch(&path, &json!({"status": "closed"})).await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    assert_eq!(closed.body["status"], "closed");
    assert!(closed.body["closed_at"].is_string());
    assert!(closed.body["resolved_at"].is_string());

    assert_eq!(
        audit_actions(&app, "ticket", &id).await,
        ["create", "status_change", "status_change", "status_change", "status_change"]
    );
    // Nothing more can be said on a closed ticket, except between NOURX staff.
    let late = owner.post(&format!("{path}messages/"), &json!({"body": "Encore une chose"})).await;
    assert_eq!(late.status, 409, "{}", late.text);
    assert_eq!(late.body["code"], "ticket_closed");
    let note = admin.post(&format!("{path}messages/"), &json!({"body": "Archivé", "internal": true})).await;
    assert_eq!(note.status, 201, "{}", note.text);
}

#[actix_web::test]
async fn internal_notes_are_invisible_to_clients() {
    let app = TestApp::new().await;
    let (_, owner) = app.client_with_owner().await;
    let owner = app.login(&owner).await;
    let admin_user = app.admin().await;
    let admin = app.login(&admin_user).await;
    let id = id_of(&open(&owner, json!({"subject": "S", "message": "Bonjour"})).await);
    let path = format!("/api/tickets/{id}/messages/");

    let note = admin.post(&path, &json!({"body": "Client difficile, voir contrat", "internal": true})).await;
    assert_eq!(note.status, 201, "{}", note.text);
    assert_eq!(note.body["internal"], true);
    assert_eq!(note.body["author_is_staff"], true);
    assert_eq!(note.body["author_name"], admin_user.name);
    let reply = admin.post(&path, &json!({"body": "Nous regardons."})).await;
    assert_eq!(reply.status, 201, "{}", reply.text);

    let seen_by_client = owner.get(&path).await;
    assert_eq!(seen_by_client.status, 200);
    assert_eq!(seen_by_client.body["count"], 2, "{}", seen_by_client.text);
    assert!(!seen_by_client.text.contains("Client difficile"), "{}", seen_by_client.text);
    let bodies: Vec<&str> =
        seen_by_client.body["results"].as_array().expect("results").iter().filter_map(|m| m["body"].as_str()).collect();
    assert_eq!(bodies, ["Bonjour", "Nous regardons."]);

    let seen_by_staff = admin.get(&path).await;
    assert_eq!(seen_by_staff.body["count"], 3);
    assert_eq!(seen_by_staff.body["results"][1]["internal"], true);

    let forbidden = owner.post(&path, &json!({"body": "Entre nous", "internal": true})).await;
    assert_eq!(forbidden.status, 403, "{}", forbidden.text);
    assert_eq!(owner.get(&path).await.body["count"], 2);
    let empty = owner.post(&path, &json!({"body": "   "})).await;
    assert_eq!(empty.status, 400);
    assert!(empty.body["body"].is_array(), "{}", empty.text);

    let paged = admin.get(&format!("{path}?page_size=2&page=2")).await;
    assert_eq!(paged.body["count"], 3);
    assert_eq!(paged.body["results"].as_array().map(Vec::len), Some(1));
    assert!(paged.body["previous"].is_string());

    for message in [&note.body, &reply.body] {
        assert_eq!(audit_actions(&app, "ticket_message", message["id"].as_str().expect("id")).await, ["create"]);
    }
}

#[actix_web::test]
async fn the_first_public_admin_reply_stops_the_first_response_clock() {
    let app = TestApp::new().await;
    let (_, owner) = app.client_with_owner().await;
    let owner = app.login(&owner).await;
    let admin = app.login(&app.admin().await).await;
    let id = id_of(&open(&owner, json!({"subject": "S", "message": "M"})).await);
    let (path, messages) = (format!("/api/tickets/{id}/"), format!("/api/tickets/{id}/messages/"));

    assert_eq!(owner.post(&messages, &json!({"body": "Des nouvelles ?"})).await.status, 201);
    assert_eq!(admin.post(&messages, &json!({"body": "À voir", "internal": true})).await.status, 201);
    assert!(owner.get(&path).await.body["first_responded_at"].is_null(), "neither a client message nor a note counts");

    let reply = admin.post(&messages, &json!({"body": "Nous regardons."})).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let ticket = owner.get(&path).await.body;
    assert_eq!(ticket["first_responded_at"], reply.body["created_at"]);
    assert_eq!(ticket["status"], "open", "a public reply on an open ticket keeps it open");

    let second = admin.post(&messages, &json!({"body": "Corrigé ?"})).await;
    assert_eq!(second.status, 201);
    assert_eq!(owner.get(&path).await.body["first_responded_at"], reply.body["created_at"]);

    // A client message on a pending ticket hands it back to NOURX.
    assert_eq!(admin.patch(&path, &json!({"status": "pending"})).await.body["status"], "pending");
    let answer = owner.post(&messages, &json!({"body": "Voici l'accès."})).await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    assert_eq!(owner.get(&path).await.body["status"], "open");

    let message_audits = app
        .with_conn(|conn| {
            audit_log::table
                .filter(audit_log::entity.eq("ticket_message"))
                .count()
                .get_result::<i64>(conn)
                .expect("count")
        })
        .await;
    assert_eq!(message_audits, 5, "one audit row per message");
    assert_eq!(audit_actions(&app, "ticket", &id).await, ["create", "status_change"]);
}

#[actix_web::test]
async fn the_breached_filter_finds_missed_deadlines() {
    let app = TestApp::new().await;
    let (_, owner) = app.client_with_owner().await;
    let owner = app.login(&owner).await;
    let late = open(&owner, json!({"subject": "En retard", "message": "M"})).await;
    let fresh = open(&owner, json!({"subject": "Récent", "message": "M"})).await;
    let late_id: Uuid = id_of(&late).parse().expect("uuid");
    app.with_conn(move |conn| {
        diesel::update(tickets::table.find(late_id))
            .set(tickets::first_response_due.eq(Utc::now() - Duration::hours(1)))
            .execute(conn)
            .expect("move the deadline")
    })
    .await;

    let breached = owner.get("/api/tickets/?breached=true").await;
    assert_eq!(breached.status, 200, "{}", breached.text);
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
