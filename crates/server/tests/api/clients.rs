//! Clients, members and invitations, through real HTTP on a real database.

use diesel::prelude::*;
use nourx_db::schema::{audit_log, invitations, outbox};
use nourx_testkit::{MemberRole, TestApp, TestClient};
use serde_json::{Value, json};
use uuid::Uuid;

/// The token of the newest invitation email sent to `email` (from the link in the outbox).
async fn invitation_token(app: &TestApp, email: &str) -> String {
    let email = email.to_owned();
    let body: String = app
        .with_conn(move |conn| {
            outbox::table
                .filter(outbox::to_email.eq(email))
                .filter(outbox::template.eq("invitation"))
                .order(outbox::created_at.desc())
                .select(outbox::text_body)
                .first(conn)
                .expect("an invitation email in the outbox")
        })
        .await;
    let link = "http://127.0.0.1:3000/invitation/accepter?token=";
    let start = body.find(link).unwrap_or_else(|| panic!("no accept link in {body}")) + link.len();
    body[start..].split_whitespace().next().expect("token").to_owned()
}

async fn invite(client: &TestClient, client_id: Uuid, email: &str, role: &str) -> Value {
    let response =
        client.post(&format!("/api/clients/{client_id}/members/"), &json!({"email": email, "role": role})).await;
    assert_eq!(response.status, 201, "{}", response.text);
    response.body
}

fn ids(page: &Value) -> Vec<String> {
    page["results"].as_array().expect("results").iter().map(|c| c["id"].as_str().expect("id").to_owned()).collect()
}

#[actix_web::test]
async fn the_client_list_is_scoped_to_the_callers_clients() {
    let app = TestApp::new().await;
    let (mine, owner) = app.client_with_owner().await;
    let (theirs, _) = app.client_with_owner().await;
    let client = app.login(&owner).await;

    let all = client.get("/api/clients/").await;
    assert_eq!(all.status, 200, "{}", all.text);
    assert_eq!(all.body["count"], 1);
    assert_eq!(ids(&all.body), vec![mine.to_string()]);

    let their_name = client_name(&app, theirs).await;
    let searched = client.get(&format!("/api/clients/?search={}", their_name.replace(' ', "%20"))).await;
    assert_eq!(searched.status, 200);
    assert_eq!(searched.body["count"], 0, "another client's name must find nothing: {}", searched.text);
    let own_name = client_name(&app, mine).await;
    let own = client.get(&format!("/api/clients/?search={}", own_name.replace(' ', "%20"))).await;
    assert_eq!(ids(&own.body), vec![mine.to_string()]);

    let admin = app.login(&app.admin().await).await;
    let everything = admin.get("/api/clients/?ordering=-created_at").await;
    assert_eq!(everything.body["count"], 2);
    assert_eq!(ids(&everything.body), vec![theirs.to_string(), mine.to_string()]);
    assert_eq!(admin.get("/api/clients/?status=gone").await.status, 400);
    assert_eq!(admin.get("/api/clients/?ordering=tax_id").await.status, 400);
}

async fn client_name(app: &TestApp, id: Uuid) -> String {
    app.with_conn(move |conn| {
        nourx_db::clients::find(conn, &nourx_db::Scope::All, id).expect("query").expect("client").name
    })
    .await
}

#[actix_web::test]
async fn another_clients_client_is_a_404_like_a_missing_one() {
    let app = TestApp::new().await;
    let (_, owner) = app.client_with_owner().await;
    let (theirs, _) = app.client_with_owner().await;
    let client = app.login(&owner).await;

    let missing = client.get(&format!("/api/clients/{}/", Uuid::now_v7())).await;
    assert_eq!(missing.status, 404);
    let other = client.get(&format!("/api/clients/{theirs}/")).await;
    assert_eq!(other.status, 404);
    assert_eq!(other.text, missing.text);

    let patch_missing = client.patch(&format!("/api/clients/{}/", Uuid::now_v7()), &json!({"name": "Pirate"})).await;
    let patch_other = client.patch(&format!("/api/clients/{theirs}/"), &json!({"name": "Pirate"})).await;
    assert_eq!(patch_other.status, 404);
    assert_eq!(patch_other.text, patch_missing.text);
    let members = format!("/api/clients/{theirs}/members/");
    assert_eq!(client.get(&members).await.text, missing.text);
    let invite = client.post(&members, &json!({"email": "x@pirate.ci", "role": "owner"})).await;
    assert_eq!(invite.status, 404);
    assert!(!client_name(&app, theirs).await.contains("Pirate"));
}

#[actix_web::test]
async fn only_owners_and_admins_change_the_profile_and_only_admins_the_status() {
    let app = TestApp::new().await;
    let (client_id, owner) = app.client_with_owner().await;
    let path = format!("/api/clients/{client_id}/");

    for role in [MemberRole::Viewer, MemberRole::Member] {
        let user = app.member_of(client_id, role).await;
        let response = app.login(&user).await.patch(&path, &json!({"name": "Renamed"})).await;
        assert_eq!(response.status, 403, "{role:?}: {}", response.text);
        assert_eq!(response.body["code"], "permission_denied");
    }

    let owner_client = app.login(&owner).await;
    let renamed = owner_client
        .patch(&path, &json!({"name": "  Akwaba Digital  ", "city": "Bouaké", "country": "ci", "billing_email": "Compta@Akwaba.CI"}))
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.text);
    assert_eq!(renamed.body["name"], "Akwaba Digital");
    assert_eq!(renamed.body["country"], "CI");
    assert_eq!(renamed.body["billing_email"], "compta@akwaba.ci");

    let archived = owner_client.patch(&path, &json!({"status": "archived"})).await;
    assert_eq!(archived.status, 403, "{}", archived.text);
    assert_eq!(owner_client.get(&path).await.body["status"], "active");
    let recurrency = owner_client.patch(&path, &json!({"currency": "EUR"})).await;
    assert_eq!(recurrency.status, 403, "the invoices' currency is NOURX's to set: {}", recurrency.text);
    assert_eq!(owner_client.get(&path).await.body["currency"], "XOF");

    let bad = owner_client.patch(&path, &json!({"currency": "francs", "billing_email": "nope"})).await;
    assert_eq!(bad.status, 400);
    assert!(bad.body["currency"].is_array() && bad.body["billing_email"].is_array(), "{}", bad.text);

    let admin = app.login(&app.admin().await).await;
    let by_admin = admin.patch(&path, &json!({"status": "archived"})).await;
    assert_eq!(by_admin.status, 200, "{}", by_admin.text);
    assert_eq!(by_admin.body["status"], "archived");
    assert_eq!(by_admin.body["name"], "Akwaba Digital");
}

#[actix_web::test]
async fn admins_create_clients_with_defaults_and_unique_names() {
    let app = TestApp::new().await;
    let admin = app.login(&app.admin().await).await;

    let created = admin.post("/api/clients/", &json!({"name": "Baobab Foods"})).await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["country"], "CI");
    assert_eq!(created.body["currency"], "XOF");
    assert_eq!(created.body["status"], "active");

    let duplicate = admin.post("/api/clients/", &json!({"name": "BAOBAB foods"})).await;
    assert_eq!(duplicate.status, 400);
    assert!(duplicate.body["name"].is_array(), "{}", duplicate.text);

    let senegal = admin
        .post("/api/clients/", &json!({"name": "Teranga SA", "country": "sn", "currency": "xof", "status": "archived"}))
        .await;
    assert_eq!(senegal.status, 201, "{}", senegal.text);
    assert_eq!(senegal.body["country"], "SN");
    assert_eq!(senegal.body["status"], "archived");

    let invalid = admin.post("/api/clients/", &json!({"name": " ", "country": "CIV", "currency": "X1"})).await;
    assert_eq!(invalid.status, 400);
    for field in ["name", "country", "currency"] {
        assert!(invalid.body[field].is_array(), "{field}: {}", invalid.text);
    }

    let (_, owner) = app.client_with_owner().await;
    let refused = app.login(&owner).await.post("/api/clients/", &json!({"name": "Mine"})).await;
    assert_eq!(refused.status, 403);
}

#[actix_web::test]
async fn an_invitation_queues_an_email_with_the_accept_link_and_never_returns_the_token() {
    let app = TestApp::new().await;
    let (client_id, owner) = app.client_with_owner().await;
    let client = app.login(&owner).await;

    let invitation = invite(&client, client_id, " Kofi@Baobab.CI ", "member").await;
    assert_eq!(invitation["email"], "kofi@baobab.ci");
    assert_eq!(invitation["role"], "member");
    assert!(invitation.get("token").is_none() && invitation.get("token_hash").is_none(), "{invitation}");

    let token = invitation_token(&app, "kofi@baobab.ci").await;
    assert_eq!(token.len(), 43);
    let serialized = invitation.to_string();
    assert!(!serialized.contains(&token));

    let members = client.get(&format!("/api/clients/{client_id}/members/")).await;
    assert_eq!(members.status, 200, "{}", members.text);
    assert_eq!(members.body["members"][0]["email"], owner.email);
    assert_eq!(members.body["members"][0]["role"], "owner");
    assert_eq!(members.body["invitations"][0]["email"], "kofi@baobab.ci");
    assert!(!members.text.contains(&token));

    // Inviting again replaces the pending invitation: the first link stops working.
    invite(&client, client_id, "kofi@baobab.ci", "viewer").await;
    let members = client.get(&format!("/api/clients/{client_id}/members/")).await;
    assert_eq!(members.body["invitations"].as_array().map(Vec::len), Some(1));
    let stale = app
        .client()
        .post(
            "/api/auth/invitations/accept/",
            &json!({"token": token, "name": "Kofi Mensah", "password": "igname pilée au poisson"}),
        )
        .await;
    assert_eq!(stale.status, 400);
    assert!(stale.body["token"].is_array(), "{}", stale.text);
}

#[actix_web::test]
async fn members_and_viewers_cannot_invite_or_change_members() {
    let app = TestApp::new().await;
    let (client_id, owner) = app.client_with_owner().await;
    let member = app.member_of(client_id, MemberRole::Member).await;
    let viewer = app.member_of(client_id, MemberRole::Viewer).await;
    let as_member = app.login(&member).await;
    let as_viewer = app.login(&viewer).await;

    let members_path = format!("/api/clients/{client_id}/members/");
    assert_eq!(as_viewer.get(&members_path).await.status, 200);
    let refused = as_member.post(&members_path, &json!({"email": "new@x.ci", "role": "viewer"})).await;
    assert_eq!(refused.status, 403, "{}", refused.text);
    let promote = as_member.patch(&format!("{members_path}{}/", member.id), &json!({"role": "owner"})).await;
    assert_eq!(promote.status, 403);
    let remove = as_viewer.delete(&format!("{members_path}{}/", owner.id)).await;
    assert_eq!(remove.status, 403);

    let as_owner = app.login(&owner).await;
    let already = as_owner.post(&members_path, &json!({"email": member.email, "role": "viewer"})).await;
    assert_eq!(already.status, 400);
    assert!(already.body["email"].is_array(), "{}", already.text);
    let bad_role = as_owner.post(&members_path, &json!({"email": "new@x.ci", "role": "king"})).await;
    assert_eq!(bad_role.status, 400);
    assert!(bad_role.body["role"].is_array(), "{}", bad_role.text);
}

#[actix_web::test]
async fn accepting_an_invitation_creates_the_account_logs_in_and_works_once() {
    let app = TestApp::new().await;
    let (client_id, owner) = app.client_with_owner().await;
    invite(&app.login(&owner).await, client_id, "aya@akwaba.ci", "member").await;
    let token = invitation_token(&app, "aya@akwaba.ci").await;

    let browser = app.client();
    let weak = browser
        .post("/api/auth/invitations/accept/", &json!({"token": token, "name": "Aya Traoré", "password": "aya"}))
        .await;
    assert_eq!(weak.status, 400);
    assert!(weak.body["password"].is_array(), "{}", weak.text);

    let accepted = browser
        .post(
            "/api/auth/invitations/accept/",
            &json!({"token": token, "name": "Aya Traoré", "password": "attiéké poisson braisé"}),
        )
        .await;
    assert_eq!(accepted.status, 200, "{}", accepted.text);
    assert_eq!(accepted.body["email"], "aya@akwaba.ci");
    assert_eq!(accepted.body["name"], "Aya Traoré");
    assert_eq!(accepted.body["role"], "client");

    let me = browser.get("/api/me/").await;
    assert_eq!(me.status, 200, "{}", me.text);
    assert_eq!(me.body["client_ids"], json!([client_id.to_string()]));
    let members = browser.get(&format!("/api/clients/{client_id}/members/")).await;
    assert_eq!(members.status, 200);
    assert_eq!(members.body["invitations"], json!([]));

    let again = app
        .client()
        .post(
            "/api/auth/invitations/accept/",
            &json!({"token": token, "name": "Aya Traoré", "password": "attiéké poisson braisé"}),
        )
        .await;
    assert_eq!(again.status, 400);
    assert!(again.body["token"].is_array(), "{}", again.text);

    let login = app
        .client()
        .post("/api/auth/login/", &json!({"email": "aya@akwaba.ci", "password": "attiéké poisson braisé"}))
        .await;
    assert_eq!(login.status, 200, "{}", login.text);
    let audited: i64 = app
        .with_conn(|conn| {
            audit_log::table.filter(audit_log::action.eq("accept_invitation")).count().get_result(conn).expect("count")
        })
        .await;
    assert_eq!(audited, 1);
}

#[actix_web::test]
async fn an_existing_account_joins_with_its_own_password() {
    let app = TestApp::new().await;
    let (client_id, owner) = app.client_with_owner().await;
    let (other_client, someone) = app.client_with_owner().await;
    invite(&app.login(&owner).await, client_id, &someone.email, "viewer").await;
    let token = invitation_token(&app, &someone.email).await;

    let browser = app.client();
    let wrong = browser
        .post("/api/auth/invitations/accept/", &json!({"token": token, "password": "not the password at all"}))
        .await;
    assert_eq!(wrong.status, 400);
    assert!(wrong.body["password"].is_array(), "{}", wrong.text);

    let joined = browser
        .post("/api/auth/invitations/accept/", &json!({"token": token, "name": "", "password": someone.password}))
        .await;
    assert_eq!(joined.status, 200, "{}", joined.text);
    assert_eq!(joined.body["id"], someone.id.to_string());
    assert_eq!(joined.body["name"], someone.name);
    assert_eq!(joined.body["client_ids"], json!([other_client.to_string(), client_id.to_string()]));
}

#[actix_web::test]
async fn an_expired_invitation_is_refused() {
    let app = TestApp::new().await;
    let (client_id, owner) = app.client_with_owner().await;
    invite(&app.login(&owner).await, client_id, "late@akwaba.ci", "member").await;
    let token = invitation_token(&app, "late@akwaba.ci").await;
    app.with_conn(|conn| {
        diesel::update(invitations::table)
            .set(invitations::expires_at.eq(chrono::Utc::now() - chrono::Duration::minutes(1)))
            .execute(conn)
            .expect("expire")
    })
    .await;

    let response = app
        .client()
        .post(
            "/api/auth/invitations/accept/",
            &json!({"token": token, "name": "En Retard", "password": "attiéké poisson braisé"}),
        )
        .await;
    assert_eq!(response.status, 400);
    assert!(response.body["token"].is_array(), "{}", response.text);
    let users: i64 = app
        .with_conn(|conn| {
            nourx_db::schema::users::table
                .filter(nourx_db::schema::users::email.eq("late@akwaba.ci"))
                .count()
                .get_result(conn)
                .expect("count")
        })
        .await;
    assert_eq!(users, 0);
}

#[actix_web::test]
async fn the_last_owner_can_be_neither_removed_nor_demoted() {
    let app = TestApp::new().await;
    let (client_id, owner) = app.client_with_owner().await;
    let as_owner = app.login(&owner).await;
    let own_path = format!("/api/clients/{client_id}/members/{}/", owner.id);

    let demote = as_owner.patch(&own_path, &json!({"role": "member"})).await;
    assert_eq!(demote.status, 409, "{}", demote.text);
    assert_eq!(demote.body["code"], "last_owner");
    let remove = as_owner.delete(&own_path).await;
    assert_eq!(remove.status, 409);
    assert_eq!(remove.body["code"], "last_owner");

    let admin = app.login(&app.admin().await).await;
    assert_eq!(admin.delete(&own_path).await.status, 409, "not even NOURX staff");

    let second = app.member_of(client_id, MemberRole::Member).await;
    let second_path = format!("/api/clients/{client_id}/members/{}/", second.id);
    let promoted = as_owner.patch(&second_path, &json!({"role": "owner"})).await;
    assert_eq!(promoted.status, 200, "{}", promoted.text);
    assert_eq!(promoted.body["role"], "owner");

    let demoted = as_owner.patch(&own_path, &json!({"role": "viewer"})).await;
    assert_eq!(demoted.status, 200, "{}", demoted.text);
    assert_eq!(demoted.body["role"], "viewer");
    // Now a viewer: no longer allowed to manage members.
    assert_eq!(as_owner.delete(&second_path).await.status, 403);

    let as_second = app.login(&second).await;
    assert_eq!(as_second.delete(&own_path).await.status, 204);
    assert_eq!(as_second.delete(&format!("/api/clients/{client_id}/members/{}/", second.id)).await.status, 409);
    assert_eq!(as_owner.get(&format!("/api/clients/{client_id}/")).await.status, 404, "removed: out of scope");

    let actions: Vec<(String, serde_json::Value)> = app
        .with_conn(|conn| {
            audit_log::table
                .filter(audit_log::entity.eq("client_member"))
                .order(audit_log::id.asc())
                .select((audit_log::action, audit_log::diff))
                .load(conn)
                .expect("audit")
        })
        .await;
    let names: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(names, vec!["role_change", "role_change", "delete"]);
    assert_eq!(actions[0].1, json!({"role": ["member", "owner"]}));
    assert_eq!(actions[2].1["user_id"], owner.id.to_string());
}

#[actix_web::test]
async fn a_client_patch_writes_one_audit_row_with_the_actor_and_the_diff() {
    let app = TestApp::new().await;
    let (client_id, owner) = app.client_with_owner().await;
    let before = client_name(&app, client_id).await;
    let response =
        app.login(&owner).await.patch(&format!("/api/clients/{client_id}/"), &json!({"name": "Nouveau Nom"})).await;
    assert_eq!(response.status, 200, "{}", response.text);

    let rows: Vec<(Option<Uuid>, String, serde_json::Value)> = app
        .with_conn(move |conn| {
            audit_log::table
                .filter(audit_log::entity.eq("client"))
                .filter(audit_log::entity_id.eq(client_id.to_string()))
                .select((audit_log::actor_id, audit_log::action, audit_log::diff))
                .load(conn)
                .expect("audit")
        })
        .await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let (actor, action, diff) = &rows[0];
    assert_eq!(*actor, Some(owner.id));
    assert_eq!(action, "update");
    assert_eq!(*diff, json!({"name": [before, "Nouveau Nom"]}));
}
