//! NOURX's team: the two staff roles (admins manage the settings and the team, the `staff` role
//! everything else) and staff invitations, from the email to the first login.

use insta::{assert_json_snapshot, assert_snapshot};
use nourx_testkit::{Actor, TestApp, TestClient};
use serde_json::{Value, json};

const PASSWORD: &str = "mangues et ananas de Bingerville";

async fn invite(admin: &Actor, email: &str, role: &str, locale: &str) -> Value {
    let body = json!({"email": email, "full_name": "Aminata Traoré", "role": role, "locale": locale});
    admin.post("/api/admin/team/invitations/", &body).await.assert_status(201).body
}

async fn accept(client: &TestClient, token: &str) -> nourx_testkit::TestResponse {
    client.post("/api/auth/invitations/accept/", &json!({"token": token, "password": PASSWORD})).await
}

#[actix_web::test]
async fn a_staff_member_works_like_staff_but_not_on_settings_nor_the_team() {
    let app = TestApp::new().await;
    let member = app.staff_member().await;
    let admin = app.admin().await;
    let tenant = app.tenant().await;
    assert_eq!(member.get("/api/me/").await.body["role"], "staff");

    // What staff do: every client, billing, accounts of clients.
    let clients = member.get("/api/clients/").await.assert_status(200);
    assert!(clients.ids().contains(&tenant.id.to_string()), "{}", clients.text);
    let invoice = json!({"client_id": tenant.id, "items": [{"label": "Site", "quantity": 1, "unit_price": 150_000}]});
    member.post("/api/invoices/", &invoice).await.assert_status(201);
    member.get("/api/admin/team/").await.assert_status(200);
    let client_account = format!("/api/admin/users/{}/", tenant.owner.id);
    member.patch(&client_account, &json!({"is_active": false})).await.assert_status(200);

    // Not the settings, not the team.
    member.get("/api/admin/settings/payments/").await.assert_error(403, "permission_denied");
    let settings = member.patch("/api/admin/settings/payments/", &json!({"min_instalment": 500})).await;
    assert_json_snapshot!("staff_member_changes_settings", settings.assert_status(403).snapshot());
    let invitation = json!({"email": "x@nourx.ci", "full_name": "X", "role": "staff", "locale": "fr"});
    member.post("/api/admin/team/invitations/", &invitation).await.assert_error(403, "permission_denied");
    let admin_account = format!("/api/admin/users/{}/", admin.id);
    member.patch(&admin_account, &json!({"is_active": false})).await.assert_error(403, "permission_denied");
    member.patch(&admin_account, &json!({"role": "staff"})).await.assert_error(403, "permission_denied");
    let own = format!("/api/admin/users/{}/", member.id());
    member.patch(&own, &json!({"role": "admin"})).await.assert_error(403, "permission_denied");
    member.post(&format!("{admin_account}two-factor/reset/"), &json!({})).await.assert_error(403, "permission_denied");
    assert_eq!(member.get("/api/me/").await.body["role"], "staff", "nothing changed");

    // Clients and anonymous callers see no team.
    let owner = app.client_owner().await;
    owner.get("/api/admin/team/").await.assert_error(403, "permission_denied");
    assert_eq!(app.client().get("/api/admin/team/").await.status, 401);
}

#[actix_web::test]
async fn an_invited_staff_member_sets_a_password_is_logged_in_and_asked_to_enrol() {
    let app = TestApp::with_config(|config| config.staff_two_factor_required = true).await;
    let admin = app.staff().await;
    app.enrol_two_factor(&admin).await;

    let invitation = invite(&admin, " Aminata@NOURX.ci ", "staff", "fr").await;
    assert_eq!(invitation["email"], "aminata@nourx.ci");
    assert_eq!(invitation["status"], "pending");
    assert_eq!(invitation["invited_by"]["id"], admin.id().to_string());
    assert!(invitation.get("token").is_none() && invitation.get("token_hash").is_none(), "{invitation}");
    let email = app.last_email_to("aminata@nourx.ci", "staff_invitation").await;
    assert_snapshot!("staff_invitation_email_fr", email.redacted());
    invite(&admin, "kwame@nourx.ci", "admin", "en").await;
    assert_snapshot!(
        "staff_invitation_email_en",
        app.last_email_to("kwame@nourx.ci", "staff_invitation").await.redacted()
    );
    let team = admin.get("/api/admin/team/").await.assert_status(200);
    assert_eq!(team.body["invitations"].as_array().map(Vec::len), Some(2), "{}", team.text);

    // Accepting logs in as staff; the name is the invited one; 2FA comes first.
    let browser = app.client();
    let accepted = accept(&browser, &email.token()).await.assert_status(200);
    assert_eq!(accepted.body["role"], "staff");
    assert_eq!(accepted.body["name"], "Aminata Traoré");
    assert_eq!(accepted.body["two_factor"]["enrolment_required"], true);
    browser.get("/api/clients/").await.assert_error(403, "two_factor_enrolment_required");
    app.enrol_two_factor(&browser).await;
    browser.get("/api/clients/").await.assert_status(200);

    // The link worked once; the team shows the new member, not the invitation.
    accept(&app.client(), &email.token()).await.assert_field_error("token");
    let team = admin.get("/api/admin/team/").await.body;
    let members: Vec<&Value> = team["members"].as_array().into_iter().flatten().collect();
    let new = members.iter().find(|m| m["email"] == "aminata@nourx.ci").expect("the new member");
    assert_eq!(
        (&new["role"], &new["two_factor_enabled"], &new["is_active"]),
        (&json!("staff"), &json!(true), &json!(true))
    );
    assert_eq!(team["invitations"].as_array().map(Vec::len), Some(1));
    assert_eq!(app.count_where("audit_log", "action = 'accept_invitation' AND entity = 'staff_invitation'").await, 1);
}

#[actix_web::test]
async fn a_resend_replaces_the_link_and_a_revoked_invitation_stops_working() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let first = invite(&admin, "aya@nourx.ci", "staff", "fr").await;
    let id = first["id"].as_str().expect("id").to_owned();
    let old = app.last_email_to("aya@nourx.ci", "staff_invitation").await.token();

    let resent = admin.post(&format!("/api/admin/team/invitations/{id}/resend/"), &json!({})).await.assert_status(200);
    assert_eq!(resent.body["id"], first["id"], "the same invitation");
    let new = app.last_email_to("aya@nourx.ci", "staff_invitation").await.token();
    assert_ne!(old, new);
    let refused = accept(&app.client(), &old).await.assert_field_error("token");
    assert_json_snapshot!("staff_invitation_old_link", refused.snapshot());

    admin.delete(&format!("/api/admin/team/invitations/{id}/")).await.assert_status(204);
    accept(&app.client(), &new).await.assert_field_error("token");
    admin.delete(&format!("/api/admin/team/invitations/{id}/")).await.assert_error(409, "invitation_revoked");
    admin
        .post(&format!("/api/admin/team/invitations/{id}/resend/"), &json!({}))
        .await
        .assert_error(409, "invitation_revoked");
    assert_eq!(admin.get("/api/admin/team/").await.body["invitations"], json!([]));

    // A new invitation of the address revokes the open one.
    invite(&admin, "aya@nourx.ci", "staff", "fr").await;
    let superseded = app.last_email_to("aya@nourx.ci", "staff_invitation").await.token();
    invite(&admin, "aya@nourx.ci", "admin", "fr").await;
    accept(&app.client(), &superseded).await.assert_field_error("token");
    let latest = app.last_email_to("aya@nourx.ci", "staff_invitation").await.token();
    assert_eq!(accept(&app.client(), &latest).await.assert_status(200).body["role"], "admin");
}

#[actix_web::test]
async fn an_invitation_needs_a_free_address_a_name_and_a_staff_role() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let client = app.client_user().await;
    let body = json!({"email": client.email, "full_name": "Awa", "role": "staff", "locale": "fr"});
    let taken = admin.post("/api/admin/team/invitations/", &body).await.assert_error(409, "email_taken");
    assert_json_snapshot!("staff_invitation_email_taken", taken.snapshot());
    let bad = json!({"email": "pas-une-adresse", "full_name": " ", "role": "client", "locale": "fr"});
    let invalid = admin.post("/api/admin/team/invitations/", &bad).await.assert_status(400);
    assert_json_snapshot!("staff_invitation_invalid", invalid.snapshot());
    assert_eq!(app.count_where("staff_invitations", "true").await, 0);
    let missing = format!("/api/admin/team/invitations/{}/", uuid::Uuid::now_v7());
    assert_eq!(admin.delete(&missing).await.status, 404);
}

#[actix_web::test]
async fn admins_change_roles_but_never_demote_themselves() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let other = app.actor(app.admin().await).await;
    let member = app.staff_member().await;

    let demoted = admin.patch(&format!("/api/admin/users/{}/", other.id()), &json!({"role": "staff"})).await;
    assert_eq!(demoted.assert_status(200).body["role"], "staff");
    assert_eq!(other.get("/api/me/").await.body["role"], "staff", "the session goes on, as staff");
    other.get("/api/admin/settings/payments/").await.assert_error(403, "permission_denied");
    let promoted = admin.patch(&format!("/api/admin/users/{}/", member.id()), &json!({"role": "admin"})).await;
    assert_eq!(promoted.assert_status(200).body["role"], "admin");
    member.get("/api/admin/settings/payments/").await.assert_status(200);

    let own = format!("/api/admin/users/{}/", admin.id());
    let demote = admin.patch(&own, &json!({"role": "staff"})).await.assert_error(409, "cannot_demote_self");
    assert_json_snapshot!("admin_demotes_themself_to_staff", demote.snapshot());
    let english = admin.request(reqwest::Method::PATCH, &own).header("Accept-Language", "en");
    let english = english.json(&json!({"is_active": false})).send().await.assert_error(409, "cannot_deactivate_self");
    assert_eq!(english.body["detail"], "You cannot deactivate your own account.");
    let staff_account = format!("/api/admin/users/{}/", other.id());
    admin.patch(&staff_account, &json!({"is_active": false})).await.assert_status(200);
    assert_eq!(other.get("/api/me/").await.status, 401, "a deactivated member of staff is logged out");
}
