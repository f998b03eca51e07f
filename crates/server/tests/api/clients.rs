//! Clients, members and invitations, through real HTTP on a real database.

use diesel::prelude::*;
use insta::{assert_json_snapshot, assert_snapshot};
use nourx_db::schema::audit_log;
use nourx_testkit::{Actor, InvoiceBuilder, MemberRole, ProjectBuilder, TestApp};
use serde_json::{Value, json};
use uuid::Uuid;

/// The token of the newest invitation email sent to `email` (from the link in the outbox).
async fn invitation_token(app: &TestApp, email: &str) -> String {
    app.last_email_to(email, "invitation").await.token()
}

async fn invite(client: &Actor, client_id: Uuid, email: &str, role: &str) -> Value {
    let path = format!("/api/clients/{client_id}/members/");
    client.post(&path, &json!({"email": email, "role": role})).await.assert_status(201).body
}

#[actix_web::test]
async fn the_client_list_is_scoped_to_the_callers_clients() {
    let app = TestApp::new().await;
    let (mine, theirs) = (app.tenant().await, app.tenant().await);
    let client = app.owner(&mine).await;

    let all = client.get("/api/clients/").await.assert_status(200);
    assert_eq!(all.body["count"], 1);
    assert_eq!(all.ids(), vec![mine.id.to_string()]);

    assert_eq!(client_name(&app, theirs.id).await, theirs.name);
    let searched = client.get(&format!("/api/clients/?search={}", theirs.name.replace(' ', "%20"))).await;
    let searched = searched.assert_status(200);
    assert_eq!(searched.body["count"], 0, "another client's name must find nothing: {}", searched.text);
    let own = client.get(&format!("/api/clients/?search={}", mine.name.replace(' ', "%20"))).await;
    assert_eq!(own.ids(), vec![mine.id.to_string()]);

    let admin = app.staff().await;
    let everything = admin.get("/api/clients/?ordering=-created_at").await;
    assert_eq!(everything.body["count"], 2);
    assert_eq!(everything.ids(), vec![theirs.id.to_string(), mine.id.to_string()]);
    let status = admin.get("/api/clients/?status=gone").await.assert_field_error("status");
    assert_json_snapshot!("unknown_client_status", status.snapshot());
    admin.get("/api/clients/?ordering=tax_id").await.assert_field_error("ordering");
}

async fn client_name(app: &TestApp, id: Uuid) -> String {
    use nourx_db::schema::clients;
    app.with_conn(move |conn| clients::table.find(id).select(clients::name).first(conn).expect("client")).await
}

#[actix_web::test]
async fn another_clients_client_is_a_404_like_a_missing_one() {
    let app = TestApp::new().await;
    let client = app.client_owner().await;
    let theirs = app.tenant().await.id;

    let missing = client.get(&format!("/api/clients/{}/", Uuid::now_v7())).await.assert_error(404, "not_found");
    let other = client.get(&format!("/api/clients/{theirs}/")).await.assert_status(404);
    assert_eq!(other.text, missing.text);

    let patch_missing = client.patch(&format!("/api/clients/{}/", Uuid::now_v7()), &json!({"name": "Pirate"})).await;
    let patch_other = client.patch(&format!("/api/clients/{theirs}/"), &json!({"name": "Pirate"})).await;
    assert_eq!(patch_other.assert_status(404).text, patch_missing.text);
    let members = format!("/api/clients/{theirs}/members/");
    assert_eq!(client.get(&members).await.text, missing.text);
    let invite = client.post(&members, &json!({"email": "x@pirate.ci", "role": "owner"})).await;
    invite.assert_status(404);
    assert!(!client_name(&app, theirs).await.contains("Pirate"));
}

#[actix_web::test]
async fn only_owners_and_admins_change_the_profile_and_only_admins_the_status() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let path = format!("/api/clients/{}/", tenant.id);

    for role in [MemberRole::Viewer, MemberRole::Member] {
        let response = app.member(&tenant, role).await.patch(&path, &json!({"name": "Renamed"})).await;
        response.assert_error(403, "permission_denied");
    }

    let owner_client = app.owner(&tenant).await;
    let renamed = owner_client
        .patch(&path, &json!({"name": "  Akwaba Digital  ", "city": "Bouaké", "country": "ci", "billing_email": "Compta@Akwaba.CI"}))
        .await
        .assert_status(200);
    assert_eq!(renamed.body["name"], "Akwaba Digital");
    assert_eq!(renamed.body["country"], "CI");
    assert_eq!(renamed.body["billing_email"], "compta@akwaba.ci");

    let archived = owner_client.patch(&path, &json!({"status": "archived"})).await.assert_status(403);
    assert_json_snapshot!("owner_archives", archived.snapshot());
    assert_eq!(owner_client.get(&path).await.body["status"], "active");
    // The invoices' currency is NOURX's to set.
    owner_client.patch(&path, &json!({"currency": "EUR"})).await.assert_status(403);
    assert_eq!(owner_client.get(&path).await.body["currency"], "XOF");

    let bad = owner_client.patch(&path, &json!({"currency": "francs", "billing_email": "nope"})).await;
    let bad = bad.assert_field_error("currency").assert_field_error("billing_email");
    assert_json_snapshot!("invalid_client_profile", bad.snapshot());

    let admin = app.staff().await;
    let by_admin = admin.patch(&path, &json!({"status": "archived"})).await.assert_status(200);
    assert_eq!(by_admin.body["status"], "archived");
    assert_eq!(by_admin.body["name"], "Akwaba Digital");
}

#[actix_web::test]
async fn admins_create_clients_with_defaults_and_unique_names() {
    let app = TestApp::new().await;
    let admin = app.staff().await;

    let created = admin.post("/api/clients/", &json!({"name": "Baobab Foods"})).await.assert_status(201);
    assert_eq!(created.body["country"], "CI");
    assert_eq!(created.body["currency"], "XOF");
    assert_eq!(created.body["status"], "active");

    let duplicate = admin.post("/api/clients/", &json!({"name": "BAOBAB foods"})).await.assert_field_error("name");
    assert_json_snapshot!("duplicate_client_name", duplicate.snapshot());

    let senegal = admin
        .post("/api/clients/", &json!({"name": "Teranga SA", "country": "sn", "currency": "xof", "status": "archived"}))
        .await
        .assert_status(201);
    assert_eq!(senegal.body["country"], "SN");
    assert_eq!(senegal.body["status"], "archived");

    let invalid = admin.post("/api/clients/", &json!({"name": " ", "country": "CIV", "currency": "X1"})).await;
    let invalid = invalid.assert_status(400);
    for field in ["name", "country", "currency"] {
        assert!(invalid.body[field].is_array(), "{field}: {}", invalid.text);
    }
    assert_json_snapshot!("invalid_new_client", invalid.snapshot());

    let refused = app.client_owner().await.post("/api/clients/", &json!({"name": "Mine"})).await;
    refused.assert_status(403);
}

#[actix_web::test]
async fn an_invitation_queues_an_email_with_the_accept_link_and_never_returns_the_token() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let (client_id, owner) = (tenant.id, &tenant.owner);
    let client = app.owner(&tenant).await;

    let invitation = invite(&client, client_id, " Kofi@Baobab.CI ", "member").await;
    assert_eq!(invitation["email"], "kofi@baobab.ci");
    assert_eq!(invitation["role"], "member");
    assert!(invitation.get("token").is_none() && invitation.get("token_hash").is_none(), "{invitation}");

    let email = app.last_email_to("kofi@baobab.ci", "invitation").await;
    assert_snapshot!("invitation_email", email.redacted());
    let token = email.token();
    assert_eq!(token.len(), 43);
    let serialized = invitation.to_string();
    assert!(!serialized.contains(&token));

    let members = client.get(&format!("/api/clients/{client_id}/members/")).await.assert_status(200);
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
    assert_json_snapshot!("stale_invitation", stale.assert_field_error("token").snapshot());
}

#[actix_web::test]
async fn members_and_viewers_cannot_invite_or_change_members() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let as_member = app.member(&tenant, MemberRole::Member).await;
    let as_viewer = app.viewer(&tenant).await;

    let members_path = format!("/api/clients/{}/members/", tenant.id);
    as_viewer.get(&members_path).await.assert_status(200);
    let refused = as_member.post(&members_path, &json!({"email": "new@x.ci", "role": "viewer"})).await;
    refused.assert_status(403);
    let promote = as_member.patch(&format!("{members_path}{}/", as_member.id()), &json!({"role": "owner"})).await;
    promote.assert_status(403);
    as_viewer.delete(&format!("{members_path}{}/", tenant.owner.id)).await.assert_status(403);

    let as_owner = app.owner(&tenant).await;
    let already = as_owner.post(&members_path, &json!({"email": as_member.user.email, "role": "viewer"})).await;
    assert_json_snapshot!("already_a_member", already.assert_field_error("email").snapshot());
    let bad_role = as_owner.post(&members_path, &json!({"email": "new@x.ci", "role": "king"})).await;
    assert_json_snapshot!("unknown_member_role", bad_role.assert_field_error("role").snapshot());
}

#[actix_web::test]
async fn accepting_an_invitation_creates_the_account_logs_in_and_works_once() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let client_id = tenant.id;
    invite(&app.owner(&tenant).await, client_id, "aya@akwaba.ci", "member").await;
    let token = invitation_token(&app, "aya@akwaba.ci").await;

    let browser = app.client();
    let weak = browser
        .post("/api/auth/invitations/accept/", &json!({"token": token, "name": "Aya Traoré", "password": "aya"}))
        .await;
    assert_json_snapshot!("weak_password", weak.assert_field_error("password").snapshot());

    let accepted = browser
        .post(
            "/api/auth/invitations/accept/",
            &json!({"token": token, "name": "Aya Traoré", "password": "attiéké poisson braisé"}),
        )
        .await
        .assert_status(200);
    assert_eq!(accepted.body["email"], "aya@akwaba.ci");
    assert_eq!(accepted.body["name"], "Aya Traoré");
    assert_eq!(accepted.body["role"], "client");

    let me = browser.get("/api/me/").await.assert_status(200);
    assert_eq!(me.body["client_ids"], json!([client_id.to_string()]));
    let members = browser.get(&format!("/api/clients/{client_id}/members/")).await.assert_status(200);
    assert_eq!(members.body["invitations"], json!([]));

    let again = app
        .client()
        .post(
            "/api/auth/invitations/accept/",
            &json!({"token": token, "name": "Aya Traoré", "password": "attiéké poisson braisé"}),
        )
        .await;
    again.assert_field_error("token");

    let login = app
        .client()
        .post("/api/auth/login/", &json!({"email": "aya@akwaba.ci", "password": "attiéké poisson braisé"}))
        .await;
    login.assert_status(200);
    assert_eq!(app.count_where("audit_log", "action = 'accept_invitation'").await, 1);
}

#[actix_web::test]
async fn an_existing_account_joins_with_its_own_password() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let client_id = tenant.id;
    let other = app.tenant().await;
    let (other_client, someone) = (other.id, &other.owner);
    invite(&app.owner(&tenant).await, client_id, &someone.email, "viewer").await;
    let token = invitation_token(&app, &someone.email).await;

    let browser = app.client();
    let wrong = browser
        .post("/api/auth/invitations/accept/", &json!({"token": token, "password": "not the password at all"}))
        .await;
    assert_json_snapshot!("wrong_password_of_an_existing_account", wrong.assert_field_error("password").snapshot());

    let joined = browser
        .post("/api/auth/invitations/accept/", &json!({"token": token, "name": "", "password": someone.password}))
        .await
        .assert_status(200);
    assert_eq!(joined.body["id"], someone.id.to_string());
    assert_eq!(joined.body["name"], someone.name);
    assert_eq!(joined.body["client_ids"], json!([other_client.to_string(), client_id.to_string()]));
}

#[actix_web::test]
async fn an_expired_invitation_is_refused() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    invite(&app.owner(&tenant).await, tenant.id, "late@akwaba.ci", "member").await;
    let token = invitation_token(&app, "late@akwaba.ci").await;
    app.sql("UPDATE invitations SET expires_at = now() - interval '1 minute'").await;

    let response = app
        .client()
        .post(
            "/api/auth/invitations/accept/",
            &json!({"token": token, "name": "En Retard", "password": "attiéké poisson braisé"}),
        )
        .await;
    assert_json_snapshot!("expired_invitation", response.assert_field_error("token").snapshot());
    assert_eq!(app.count_where("users", "email = 'late@akwaba.ci'").await, 0);
}

#[actix_web::test]
async fn the_last_owner_can_be_neither_removed_nor_demoted() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let (client_id, owner) = (tenant.id, &tenant.owner);
    let as_owner = app.owner(&tenant).await;
    let own_path = format!("/api/clients/{client_id}/members/{}/", owner.id);

    let demote = as_owner.patch(&own_path, &json!({"role": "member"})).await;
    assert_json_snapshot!("last_owner", demote.assert_error(409, "last_owner").snapshot());
    as_owner.delete(&own_path).await.assert_error(409, "last_owner");

    let admin = app.staff().await;
    assert_eq!(admin.delete(&own_path).await.status, 409, "not even NOURX staff");

    let as_second = app.member(&tenant, MemberRole::Member).await;
    let second_path = format!("/api/clients/{client_id}/members/{}/", as_second.id());
    let promoted = as_owner.patch(&second_path, &json!({"role": "owner"})).await.assert_status(200);
    assert_eq!(promoted.body["role"], "owner");

    let demoted = as_owner.patch(&own_path, &json!({"role": "viewer"})).await.assert_status(200);
    assert_eq!(demoted.body["role"], "viewer");
    // Now a viewer: no longer allowed to manage members.
    as_owner.delete(&second_path).await.assert_status(403);

    as_second.delete(&own_path).await.assert_status(204);
    as_second.delete(&second_path).await.assert_status(409);
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
    let tenant = app.tenant().await;
    let (client_id, owner, before) = (tenant.id, &tenant.owner, &tenant.name);
    let response =
        app.owner(&tenant).await.patch(&format!("/api/clients/{client_id}/"), &json!({"name": "Nouveau Nom"})).await;
    response.assert_status(200);

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

/// Sets the due date of an invoice `days` days back (what makes it overdue).
async fn due_days_ago(app: &TestApp, invoice_id: Uuid, days: i64) {
    app.sql(format!("UPDATE invoices SET due_date = current_date - {days} WHERE id = '{invoice_id}'")).await;
}

#[actix_web::test]
async fn staff_filter_the_client_list_and_order_it_by_outstanding() {
    let app = TestApp::new().await;
    let staff = app.staff().await;
    let elephant = staff
        .post(
            "/api/clients/",
            &json!({"name": "Société Éléphant", "city": "Bouaké", "billing_email": "compta@elephant.ci",
                    "sector": " BTP ", "tags": ["Export", "export", "VIP"], "size": "medium"}),
        )
        .await
        .assert_status(201);
    assert_eq!(elephant.body["sector"], "BTP");
    assert_eq!(elephant.body["tags"], json!(["export", "vip"]));
    assert_eq!(elephant.body["size"], "medium");
    let elephant_id = elephant.id();
    let (small, large) = (app.tenant().await, app.tenant().await);
    let invoice = |client: Uuid, amount: i64| InvoiceBuilder::new(&client).exempt_line("Prestation", 1, amount).sent();
    let overdue = invoice(large.id, 300_000).build(&app).await.id;
    due_days_ago(&app, overdue, 10).await;
    invoice(large.id, 200_000).build(&app).await;
    invoice(small.id, 50_000).build(&app).await;
    ProjectBuilder::new(&large).build(&app).await;

    let by_outstanding = staff.get("/api/clients/?ordering=-outstanding").await.assert_status(200);
    assert_eq!(by_outstanding.ids(), vec![large.id.to_string(), small.id.to_string(), elephant_id.to_string()]);
    let first = &by_outstanding.results()[0];
    assert_eq!((first["outstanding"].as_i64(), first["overdue"].as_i64()), (Some(500_000), Some(300_000)));
    assert_eq!((first["member_count"].as_i64(), first["project_count"].as_i64()), (Some(1), Some(1)));

    for filter in ["q=elephant", "q=COMPTA@", "q=bouake", "city=BOUAKE", "sector=btp", "tag=VIP", "country=ci&q=soci"] {
        let found = staff.get(&format!("/api/clients/?{filter}")).await.assert_status(200);
        assert_eq!(found.ids(), vec![elephant_id.to_string()], "{filter}");
    }
    let overdue_only = staff.get("/api/clients/?has_overdue=true").await;
    assert_eq!(overdue_only.ids(), vec![large.id.to_string()]);
    assert_eq!(staff.get("/api/clients/?has_overdue=false").await.body["count"], 2);
    let paged = staff.get("/api/clients/?ordering=outstanding&page_size=2&page=2").await.assert_status(200);
    assert_eq!((paged.body["count"].as_i64(), paged.ids()), (Some(3), vec![large.id.to_string()]));
    staff.get("/api/clients/?ordering=city").await.assert_field_error("ordering");
    staff.get("/api/clients/?country=CIV").await.assert_field_error("country");

    // A client's people see their client as before: no segmentation, no figures.
    let own = app.owner(&large).await.get("/api/clients/").await;
    let keys: Vec<&String> = own.results()[0].as_object().expect("a client").keys().collect();
    for staff_only in ["sector", "tags", "size", "outstanding", "overdue", "member_count", "project_count"] {
        assert!(!keys.iter().any(|key| *key == staff_only), "{staff_only} shown to a client: {keys:?}");
    }
}

#[actix_web::test]
async fn segmentation_is_set_by_staff_only_and_checked() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let path = format!("/api/clients/{}/", tenant.id);
    let owner = app.owner(&tenant).await;
    for field in [json!({"sector": "BTP"}), json!({"tags": ["vip"]}), json!({"size": "solo"})] {
        owner.patch(&path, &field).await.assert_error(403, "permission_denied");
    }
    let staff = app.staff().await;
    let eleven: Vec<String> = (0..11).map(|n| format!("t{n}")).collect();
    let refused = staff.patch(&path, &json!({"tags": eleven, "sector": "x".repeat(81)})).await.assert_status(400);
    assert!(refused.body["tags"].is_array() && refused.body["sector"].is_array(), "{}", refused.text);
    staff.patch(&path, &json!({"size": "huge"})).await.assert_status(400);
    let set = staff.patch(&path, &json!({"sector": "Agro", "tags": ["Cacao"], "size": "large"})).await;
    assert_eq!(set.assert_status(200).body["tags"], json!(["cacao"]));
    let cleared = staff.patch(&path, &json!({"sector": null, "size": null, "tags": []})).await.assert_status(200);
    let segmentation = (&cleared.body["sector"], &cleared.body["size"], &cleared.body["tags"]);
    assert_eq!(segmentation, (&Value::Null, &Value::Null, &json!([])));
    let seen = owner.get(&path).await.assert_status(200);
    assert!(seen.body.get("tags").is_none(), "{}", seen.text);
}

#[actix_web::test]
async fn an_archived_clients_people_are_refused_at_login_and_their_sessions_revoked() {
    let app = TestApp::new().await;
    let (tenant, other) = (app.tenant().await, app.tenant().await);
    let owner = app.owner(&tenant).await;
    owner.get("/api/me/").await.assert_status(200);
    // A member of another, active client too keeps their access.
    let both = app.member_of(tenant.id, MemberRole::Member).await;
    let (user, client) = (both.id, other.id);
    app.with_conn(move |conn| nourx_db::clients::add_member(conn, client, user, MemberRole::Viewer))
        .await
        .expect("membership");
    let deactivated = app.member_of(other.id, MemberRole::Member).await;
    app.deactivate(deactivated.id).await;

    let staff = app.staff().await;
    let archive = format!("/api/clients/{}/archive/", tenant.id);
    let archived = staff.post(&archive, &json!({})).await.assert_status(200);
    assert_eq!(archived.body["status"], "archived");
    assert_eq!(owner.get("/api/me/").await.status, 401, "the owner's session is revoked");
    let refused = app.try_login(&tenant.owner).await.assert_status(400);
    let like_deactivated = app.try_login(&deactivated).await.assert_status(400);
    assert_eq!(refused.body, like_deactivated.body, "answered like a deactivated account");
    app.try_login(&both).await.assert_status(200);
    assert_eq!(app.audit_actions("client", tenant.id).await.last().map(String::as_str), Some("archive"));
    assert_eq!(staff.get(&format!("/api/clients/{}/", tenant.id)).await.assert_status(200).body["status"], "archived");

    staff.post(&format!("/api/clients/{}/restore/", tenant.id), &json!({})).await.assert_status(200);
    app.try_login(&tenant.owner).await.assert_status(200);
    assert_eq!(app.audit_actions("client", tenant.id).await.last().map(String::as_str), Some("restore"));
    owner.post(&archive, &json!({})).await.assert_status(401);
    app.owner(&tenant).await.post(&archive, &json!({})).await.assert_error(403, "permission_denied");
    app.owner(&other).await.post(&archive, &json!({})).await.assert_error(404, "not_found");
}

#[actix_web::test]
async fn only_a_client_without_records_is_deleted() {
    let app = TestApp::new().await;
    let staff = app.staff().await;
    let (busy, empty) = (app.tenant().await, app.tenant().await);
    InvoiceBuilder::new(&busy).build(&app).await;
    ProjectBuilder::new(&busy).build(&app).await;
    let refused = staff.delete(&format!("/api/clients/{}/", busy.id)).await.assert_error(409, "client_has_records");
    assert_json_snapshot!("client_has_records", refused.snapshot());
    let owner = app.owner(&empty).await;
    owner.delete(&format!("/api/clients/{}/", empty.id)).await.assert_error(403, "permission_denied");
    owner.delete(&format!("/api/clients/{}/", busy.id)).await.assert_error(404, "not_found");
    staff.delete(&format!("/api/clients/{}/", empty.id)).await.assert_status(204);
    staff.get(&format!("/api/clients/{}/", empty.id)).await.assert_status(404);
    assert_eq!(app.audit_actions("client", empty.id).await.last().map(String::as_str), Some("delete"));
    assert_eq!(app.count_where("users", format!("id = '{}'", empty.owner.id)).await, 1, "its people's accounts stay");
}

#[actix_web::test]
async fn invitations_are_listed_resent_and_revoked_and_old_links_stop_working() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let invited = invite(&owner, tenant.id, "kofi@akwaba.ci", "member").await;
    let id = invited["id"].as_str().expect("id").to_owned();
    let first_token = invitation_token(&app, "kofi@akwaba.ci").await;
    let list_path = format!("/api/clients/{}/invitations/", tenant.id);
    let listed = owner.get(&list_path).await.assert_status(200);
    assert_eq!(listed.body[0]["status"], "pending");
    assert_eq!(listed.body[0]["invited_by"]["id"], owner.id().to_string());
    app.member(&tenant, MemberRole::Member).await.get(&list_path).await.assert_error(403, "permission_denied");

    let resent = owner.post(&format!("{list_path}{id}/resend/"), &json!({})).await.assert_status(200);
    assert_eq!(resent.body["status"], "pending");
    let second_token = invitation_token(&app, "kofi@akwaba.ci").await;
    assert_ne!(first_token, second_token);
    let accept = |token: String| json!({"token": token, "name": "Kofi", "password": "attiéké poisson braisé"});
    app.client().post("/api/auth/invitations/accept/", &accept(first_token)).await.assert_field_error("token");

    owner.delete(&format!("{list_path}{id}/")).await.assert_status(204);
    assert_eq!(owner.get(&list_path).await.body[0]["status"], "revoked");
    let revoked = app.client().post("/api/auth/invitations/accept/", &accept(second_token.clone())).await;
    let unknown = app.client().post("/api/auth/invitations/accept/", &accept("inconnu".repeat(6))).await;
    assert_eq!(revoked.assert_field_error("token").body, unknown.body, "a revoked link reads like an unknown one");
    let members = owner.get(&format!("/api/clients/{}/members/", tenant.id)).await;
    assert_eq!(members.body["invitations"], json!([]), "a revoked invitation is no longer pending");
    assert_eq!(app.audit_actions("invitation", &id).await, vec!["invite", "resend", "revoke"]);

    // Sent again by NOURX staff, it works again, once.
    app.staff().await.post(&format!("{list_path}{id}/resend/"), &json!({})).await.assert_status(200);
    let third_token = invitation_token(&app, "kofi@akwaba.ci").await;
    app.client().post("/api/auth/invitations/accept/", &accept(third_token)).await.assert_status(200);
    assert_eq!(owner.get(&list_path).await.body[0]["status"], "accepted");
    owner.delete(&format!("{list_path}{id}/")).await.assert_error(409, "invitation_accepted");
}
