//! Two-factor authentication (TOTP, recovery codes, trusted devices), staff enforcement and
//! reset, and the staff network allow-list, through the real HTTP API.

use diesel::prelude::*;
use nourx_db::schema::{audit_log, two_factor_trusted_devices};
use nourx_testkit::{TestApp, TestClient, TestUser, totp_code};
use reqwest::Method;
use serde_json::{Value, json};

async fn password_step(client: &TestClient, user: &TestUser) -> nourx_testkit::TestResponse {
    client.post("/api/auth/login/", &json!({"email": user.email, "password": user.password})).await
}

async fn code_step(client: &TestClient, code: &str) -> nourx_testkit::TestResponse {
    client.post("/api/auth/login/two-factor/", &json!({"otp": code})).await
}

#[actix_web::test]
async fn a_client_enrols_then_logs_in_in_two_steps_and_a_code_works_once() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.login(&user).await;
    let status = browser.get("/api/me/two-factor/").await;
    assert_eq!(status.body["enabled"], false, "{}", status.text);

    let setup = browser.request(Method::POST, "/api/me/two-factor/setup/").send().await;
    assert_eq!(setup.status, 200, "{}", setup.text);
    let uri = setup.body["otpauth_uri"].as_str().expect("uri");
    assert!(uri.starts_with("otpauth://totp/NOURX:") && uri.contains("issuer=NOURX"), "{uri}");
    assert!(setup.body["qr_svg"].as_str().is_some_and(|svg| svg.starts_with("<svg")), "{}", setup.text);
    let secret = nourx_domain::two_factor::secret_from_people(setup.body["secret"].as_str().expect("secret"))
        .expect("base32 secret");
    // Not on until confirmed: the login is still one step.
    assert_eq!(password_step(&app.client(), &user).await.status, 200);
    let wrong = browser.post("/api/me/two-factor/confirm/", &json!({"otp": "000000"})).await;
    let code = totp_code(&secret, 0);
    if code != "000000" {
        assert_eq!(wrong.status, 400, "{}", wrong.text);
        assert!(wrong.body["otp"].is_array(), "{}", wrong.text);
    }
    let confirm = browser.post("/api/me/two-factor/confirm/", &json!({"otp": code})).await;
    assert_eq!(confirm.status, 200, "{}", confirm.text);
    let codes = confirm.body["recovery_codes"].as_array().expect("codes");
    assert_eq!(codes.len(), 10);
    assert_eq!(browser.get("/api/me/").await.body["two_factor"]["enabled"], true);
    assert_eq!(browser.get("/api/me/two-factor/").await.body["recovery_codes_remaining"], 10);

    // The password step now answers 202 and a session that reaches nothing else.
    let other = app.client();
    let first = password_step(&other, &user).await;
    assert_eq!(first.status, 202, "{}", first.text);
    assert_eq!(first.body["two_factor_required"], true);
    assert_eq!(first.body["trust_device_allowed"], true);
    assert_eq!(other.get("/api/projects/").await.status, 401);
    assert_eq!(other.get("/api/me/").await.status, 401);
    assert_eq!(other.get("/api/me/sessions/").await.status, 401);
    // The code already used to confirm is refused (the same 30-second step).
    let replay = code_step(&other, &code).await;
    assert_eq!(replay.status, 400, "{}", replay.text);
    let next = totp_code(&secret, 1);
    let second = code_step(&other, &next).await;
    assert_eq!(second.status, 200, "{}", second.text);
    assert_eq!(second.body["email"], user.email);
    assert_eq!(other.get("/api/projects/").await.status, 200);

    // The same code in a new login: refused, and the login stays half-done.
    let third = app.client();
    assert_eq!(password_step(&third, &user).await.status, 202);
    let reused = code_step(&third, &next).await;
    assert_eq!(reused.status, 400, "{}", reused.text);
    assert_eq!(reused.body["otp"][0], "Ce code a déjà été utilisé. Attendez le suivant.");
    assert_eq!(third.get("/api/projects/").await.status, 401);
    // The login was audited with how the second factor was given.
    let factors: Vec<Value> = app
        .with_conn(|conn| {
            audit_log::table
                .filter(audit_log::action.eq("login"))
                .order(audit_log::id.asc())
                .select(audit_log::diff)
                .load(conn)
                .expect("audit")
        })
        .await;
    assert_eq!(factors.last(), Some(&json!({"two_factor": "totp"})));
}

#[actix_web::test]
async fn a_recovery_code_works_once_and_can_be_regenerated() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.login(&user).await;
    let enrolment = app.enrol_two_factor(&browser).await;
    let first = enrolment.recovery_codes[0].clone();

    // Typed in capitals without dashes: still the code.
    let typed = first.replace('-', "").to_uppercase();
    let client = app.login_with_code(&user, &typed).await;
    assert_eq!(client.get("/api/me/two-factor/").await.body["recovery_codes_remaining"], 9);
    let again = app.client();
    assert_eq!(password_step(&again, &user).await.status, 202);
    let reused = code_step(&again, &first).await;
    assert_eq!(reused.status, 400, "{}", reused.text);
    assert_eq!(reused.body["otp"][0], "Code incorrect.");

    // New codes need the password or a code; the old ones stop working.
    let missing = client.post("/api/me/two-factor/recovery-codes/", &json!({})).await;
    assert_eq!(missing.status, 400, "{}", missing.text);
    let wrong = client.post("/api/me/two-factor/recovery-codes/", &json!({"password": "not it at all"})).await;
    assert_eq!(wrong.status, 400, "{}", wrong.text);
    assert!(wrong.body["password"].is_array());
    let renewed = client.post("/api/me/two-factor/recovery-codes/", &json!({"password": user.password})).await;
    assert_eq!(renewed.status, 200, "{}", renewed.text);
    let new_codes = renewed.body["recovery_codes"].as_array().expect("codes");
    assert_eq!(new_codes.len(), 10);
    let old = app.client();
    assert_eq!(password_step(&old, &user).await.status, 202);
    assert_eq!(code_step(&old, &enrolment.recovery_codes[1]).await.status, 400, "an old code");
    let fresh = code_step(&old, new_codes[0].as_str().expect("code")).await;
    assert_eq!(fresh.status, 200, "{}", fresh.text);
}

#[actix_web::test]
async fn wrong_codes_are_throttled_like_passwords() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.login(&user).await;
    let enrolment = app.enrol_two_factor(&browser).await;
    let client = app.client();
    assert_eq!(password_step(&client, &user).await.status, 202);
    for attempt in 0..5 {
        let wrong = code_step(&client, "zzzz-zzzz-zzzz").await;
        assert_eq!(wrong.status, 400, "attempt {attempt}: {}", wrong.text);
    }
    let throttled = code_step(&client, &totp_code(&enrolment.secret, 1)).await;
    assert_eq!(throttled.status, 429, "{}", throttled.text);
    assert!(throttled.header("retry-after").is_some());
    // Starting again with the password does not reset the count.
    let again = app.client();
    assert_eq!(password_step(&again, &user).await.status, 429);
}

#[actix_web::test]
async fn the_code_step_needs_a_recent_password_step() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.login(&user).await;
    let enrolment = app.enrol_two_factor(&browser).await;
    let stranger = app.client();
    let alone = code_step(&stranger, &enrolment.recovery_codes[0]).await;
    assert_eq!(alone.status, 400, "{}", alone.text);
    assert!(alone.body["non_field_errors"].is_array(), "{}", alone.text);
    // A logged-in session of another account cannot finish someone's login either.
    let other = app.client_user().await;
    let other_browser = app.login(&other).await;
    assert_eq!(code_step(&other_browser, &enrolment.recovery_codes[0]).await.status, 400);
    // Nothing was spent.
    assert_eq!(browser.get("/api/me/two-factor/").await.body["recovery_codes_remaining"], 10);
}

#[actix_web::test]
async fn a_trusted_device_skips_the_code_until_the_password_changes() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.login(&user).await;
    let enrolment = app.enrol_two_factor(&browser).await;
    let phone = app.client();
    assert_eq!(password_step(&phone, &user).await.status, 202);
    let trusted = phone
        .post("/api/auth/login/two-factor/", &json!({"otp": enrolment.recovery_codes[0], "trust_device": true}))
        .await;
    assert_eq!(trusted.status, 200, "{}", trusted.text);
    let cookie = trusted
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("nourx_trusted_device="))
        .expect("a trusted-device cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("Path=/api/auth/"), "{cookie}");
    assert!(cookie.contains("Max-Age=2592000"), "{cookie}");

    assert_eq!(phone.post("/api/auth/logout/", &json!({})).await.status, 204);
    let again = password_step(&phone, &user).await;
    assert_eq!(again.status, 200, "trusted: no code: {}", again.text);
    // A forged cookie is not trusted.
    let forger = app.client();
    let genuine = phone.cookie("nourx_trusted_device").expect("cookie");
    let forged = format!("{}{}", &genuine[..genuine.len() - 1], if genuine.ends_with('x') { 'y' } else { 'x' });
    forger.set_cookie("nourx_trusted_device", &forged);
    assert_eq!(password_step(&forger, &user).await.status, 202);

    // A new password ends the trust.
    let changed = phone
        .post(
            "/api/me/password/",
            &json!({"current_password": user.password, "new_password": "a brand new passphrase 2027"}),
        )
        .await;
    assert_eq!(changed.status, 204, "{}", changed.text);
    let trusted_rows: i64 =
        app.with_conn(|conn| two_factor_trusted_devices::table.count().get_result(conn).expect("count")).await;
    assert_eq!(trusted_rows, 0);
    assert_eq!(phone.post("/api/auth/logout/", &json!({})).await.status, 204);
    let renewed = TestUser { password: "a brand new passphrase 2027".into(), ..user };
    assert_eq!(password_step(&phone, &renewed).await.status, 202);
}

#[actix_web::test]
async fn turning_it_off_needs_a_code_or_the_password_and_forgets_the_trusted_devices() {
    let app = TestApp::new().await;
    let user = app.client_user().await;
    let browser = app.login(&user).await;
    let enrolment = app.enrol_two_factor(&browser).await;
    let wrong = browser.post("/api/me/two-factor/disable/", &json!({"otp": "123-456"})).await;
    assert_eq!(wrong.status, 400, "{}", wrong.text);
    let off = browser.post("/api/me/two-factor/disable/", &json!({"otp": enrolment.recovery_codes[3]})).await;
    assert_eq!(off.status, 204, "{}", off.text);
    assert_eq!(browser.post("/api/me/two-factor/disable/", &json!({"password": user.password})).await.status, 409);
    assert_eq!(password_step(&app.client(), &user).await.status, 200, "one step again");
    let audited: i64 = app
        .with_conn(|conn| {
            audit_log::table
                .filter(audit_log::action.eq_any(["two_factor_enable", "two_factor_disable"]))
                .count()
                .get_result(conn)
                .expect("count")
        })
        .await;
    assert_eq!(audited, 2);
}

#[actix_web::test]
async fn staff_must_enrol_in_production_before_reaching_anything() {
    let app = TestApp::with_config(|config| config.staff_two_factor_required = true).await;
    let admin = app.admin().await;
    let staff = app.login(&admin).await;
    let me = staff.get("/api/me/").await;
    assert_eq!(me.status, 200, "{}", me.text);
    assert_eq!(me.body["two_factor"], json!({"enabled": false, "required": true, "enrolment_required": true}));
    for path in ["/api/projects/", "/api/admin/users/", "/api/me/sessions/", "/api/notifications/"] {
        let refused = staff.get(path).await;
        assert_eq!(refused.status, 403, "{path}: {}", refused.text);
        assert_eq!(refused.body["code"], "two_factor_enrolment_required", "{path}");
    }
    let (client_id, _) = app.client_with_owner().await;
    let write = staff.post("/api/projects/", &json!({"client_id": client_id, "name": "Projet"})).await;
    assert_eq!(write.status, 403, "{}", write.text);
    assert_eq!(write.body["code"], "two_factor_enrolment_required", "{}", write.text);
    // Clients are not concerned.
    let client_user = app.client_user().await;
    assert_eq!(app.login(&client_user).await.get("/api/projects/").await.status, 200);

    let enrolment = app.enrol_two_factor(&staff).await;
    assert_eq!(staff.get("/api/projects/").await.status, 200, "enrolled: everything again");
    // Staff may not turn it off, and are never offered to trust a device.
    let off = staff.post("/api/me/two-factor/disable/", &json!({"password": admin.password})).await;
    assert_eq!(off.status, 403, "{}", off.text);
    assert_eq!(off.body["code"], "two_factor_required");
    let next = app.client();
    let first = password_step(&next, &admin).await;
    assert_eq!(first.status, 202, "{}", first.text);
    assert_eq!(first.body["trust_device_allowed"], false);
    let second = next
        .post("/api/auth/login/two-factor/", &json!({"otp": totp_code(&enrolment.secret, 1), "trust_device": true}))
        .await;
    assert_eq!(second.status, 200, "{}", second.text);
    assert!(next.cookie("nourx_trusted_device").is_none(), "staff devices are never trusted");
}

#[actix_web::test]
async fn without_the_setting_staff_are_not_asked_to_enrol() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let staff = app.login(&admin).await;
    let me = staff.get("/api/me/").await;
    assert_eq!(me.body["two_factor"], json!({"enabled": false, "required": false, "enrolment_required": false}));
    assert_eq!(staff.get("/api/projects/").await.status, 200);
}

#[actix_web::test]
async fn staff_reset_another_staff_members_two_factor_audited_and_their_sessions_end() {
    let app = TestApp::with_config(|config| config.staff_two_factor_required = true).await;
    let lost = app.admin().await;
    let lost_browser = app.login(&lost).await;
    app.enrol_two_factor(&lost_browser).await;
    let helper = app.admin().await;
    let helper_browser = app.login(&helper).await;
    app.enrol_two_factor(&helper_browser).await;

    let own =
        helper_browser.request(Method::POST, &format!("/api/admin/users/{}/two-factor/reset/", helper.id)).send().await;
    assert_eq!(own.status, 400, "{}", own.text);
    // A client cannot.
    let client_user = app.client_user().await;
    let client_browser = app.login(&client_user).await;
    let refused =
        client_browser.request(Method::POST, &format!("/api/admin/users/{}/two-factor/reset/", lost.id)).send().await;
    assert_eq!(refused.status, 403);

    let reset =
        helper_browser.request(Method::POST, &format!("/api/admin/users/{}/two-factor/reset/", lost.id)).send().await;
    assert_eq!(reset.status, 204, "{}", reset.text);
    assert_eq!(lost_browser.get("/api/me/").await.status, 401, "their sessions ended");
    let (actor, diff): (Option<uuid::Uuid>, Value) = app
        .with_conn(|conn| {
            audit_log::table
                .filter(audit_log::action.eq("two_factor_reset"))
                .select((audit_log::actor_id, audit_log::diff))
                .first(conn)
                .expect("audit row")
        })
        .await;
    assert_eq!(actor, Some(helper.id));
    assert_eq!(diff["had_two_factor"], true);
    // At the next login: one password step, then enrolment again.
    let back = app.login(&lost).await;
    assert_eq!(back.get("/api/me/").await.body["two_factor"]["enrolment_required"], true);
}

#[actix_web::test]
async fn an_existing_account_with_two_factor_accepting_an_invitation_still_gives_a_code() {
    let app = TestApp::new().await;
    let (client_id, _owner) = app.client_with_owner().await;
    let user = app.client_user().await;
    let browser = app.login(&user).await;
    let enrolment = app.enrol_two_factor(&browser).await;
    let token = "an-invitation-token-for-this-test-only-0123";
    let email = user.email.clone();
    app.with_conn(move |conn| {
        nourx_db::invitations::NewInvitation {
            id: uuid::Uuid::now_v7(),
            client_id,
            email: &email,
            role: nourx_domain::MemberRole::Member,
            token_hash: &nourx_api::http::random::sha256(token.as_bytes()),
            invited_by: None,
            expires_at: chrono::Utc::now() + chrono::Duration::days(1),
        }
        .insert(conn)
        .expect("invitation")
    })
    .await;
    let accepting = app.client();
    let accepted =
        accepting.post("/api/auth/invitations/accept/", &json!({"token": token, "password": user.password})).await;
    assert_eq!(accepted.status, 202, "{}", accepted.text);
    assert_eq!(accepted.body["two_factor_required"], true);
    assert_eq!(accepting.get("/api/projects/").await.status, 401);
    let second = code_step(&accepting, &enrolment.recovery_codes[0]).await;
    assert_eq!(second.status, 200, "{}", second.text);
    assert_eq!(second.body["client_ids"].as_array().map(Vec::len), Some(2), "{}", second.text);
}

#[actix_web::test]
async fn staff_outside_the_allowed_networks_cannot_log_in_nor_use_a_session_clients_can() {
    let app = TestApp::with_config(|config| {
        config.trusted_proxies = vec!["127.0.0.1".parse().expect("network")];
        config.staff_allowed_networks = vec!["10.1.0.0/16".parse().expect("network")];
    })
    .await;
    let admin = app.admin().await;
    let outside = app.client().from_address("203.0.113.7");
    let refused = password_step(&outside, &admin).await;
    assert_eq!(refused.status, 403, "{}", refused.text);
    assert_eq!(refused.body["code"], "staff_network_not_allowed");
    assert!(outside.cookie("sessionid").is_none(), "no session for a refused login");
    // A wrong password from outside stays a wrong password (nothing tells it is a staff account).
    let wrong = outside.post("/api/auth/login/", &json!({"email": admin.email, "password": "nope nope nope"})).await;
    assert_eq!(wrong.status, 400);

    let inside = app.client().from_address("10.1.2.3");
    assert_eq!(password_step(&inside, &admin).await.status, 200);
    assert_eq!(inside.get("/api/projects/").await.status, 200);
    // The same session from elsewhere: refused.
    let moved = inside.from_address("198.51.100.4");
    let used = moved.get("/api/me/").await;
    assert_eq!(used.status, 403, "{}", used.text);
    assert_eq!(used.body["code"], "staff_network_not_allowed");
    assert_eq!(moved.get("/api/admin/users/").await.status, 403);

    // Clients are unaffected.
    let user = app.client_user().await;
    let client = app.client().from_address("203.0.113.7");
    assert_eq!(password_step(&client, &user).await.status, 200);
    assert_eq!(client.get("/api/projects/").await.status, 200);
}
