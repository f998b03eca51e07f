//! The rest of the protocol over real HTTP: checkout page, notifications to a merchant server,
//! check answers per state, faults, the browser's return, and the test knobs.

mod common;

use std::time::{Duration, Instant};

use common::{FORMULA_ORDER, Merchant, check, create, http, independent_token, sandbox};
use nourx_cinetpay_sandbox::{Faults, Outcome, SandboxError};
use serde_json::{Value, json};

const SECRET: &str = "sandbox-secret-key";

#[actix_web::test]
async fn the_checkout_page_shows_the_amount_and_the_choices() {
    let sandbox = sandbox().await;
    let token = create(&sandbox, "T-page", "http://127.0.0.1:9").await;
    let response = http().get(format!("{}/payment/{token}", sandbox.base_url())).send().await.expect("page");
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers()["content-type"].to_str().expect("ascii").starts_with("text/html"));
    let page = response.text().await.expect("html");
    for expected in [
        "<html lang=\"fr\">",
        "name=\"viewport\"",
        "Environnement de test CinetPay (bac à sable)",
        "150\u{202f}000\u{a0}FCFA",
        "Facture F-2026-0042",
        "<button type=\"submit\" name=\"outcome\" value=\"accept\" class=\"pay\">Payer</button>",
        "name=\"outcome\" value=\"refuse\" class=\"refuse\">Refuser le paiement</button>",
        "name=\"outcome\" value=\"wait\" class=\"wait\">Laisser en attente</button>",
        "<input type=\"radio\" name=\"operator\" value=\"OM\" checked> Orange Money</label>",
        "value=\"MOMO\"> MTN MoMo",
        "value=\"FLOOZ\"> Moov Money",
        "value=\"WAVECI\"> Wave",
        "value=\"CARD\"> Carte bancaire",
        "<label class=\"field\" for=\"phone\">",
    ] {
        assert!(page.contains(expected), "the page lacks {expected:?}");
    }
    assert!(!page.contains("<script") && !page.contains("http://") && !page.contains("https://"), "self-contained");

    let missing = http().get(format!("{}/payment/{}", sandbox.base_url(), "0".repeat(100))).send().await.expect("page");
    assert_eq!(missing.status().as_u16(), 404);
    assert!(missing.text().await.expect("html").contains("Paiement introuvable"));
    sandbox.stop().await;
}

#[actix_web::test]
async fn an_accepted_payment_pings_then_posts_a_signed_form_in_formula_order() {
    let (sandbox, merchant) = (sandbox().await, Merchant::start().await);
    create(&sandbox, "T-accept", &merchant.url).await;
    sandbox.decide("T-accept", Outcome::Accept, "MOMO").await.expect("decided");

    let received = merchant.received();
    assert_eq!(received.len(), 2, "{received:?}");
    assert_eq!((received[0].method.as_str(), received[0].path.as_str()), ("GET", "/notify"));
    assert!(received[0].body.is_empty());
    let notification = &received[1];
    assert_eq!((notification.method.as_str(), notification.path.as_str()), ("POST", "/notify"));
    assert!(notification.content_type.starts_with("application/x-www-form-urlencoded"), "{notification:?}");
    let names: Vec<String> = notification.form().into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, FORMULA_ORDER);

    let field = |name: &str| notification.field(name).unwrap_or_else(|| panic!("{name} missing"));
    assert_eq!(field("cpm_site_id"), "105900");
    assert_eq!(field("cpm_trans_id"), "T-accept");
    assert_eq!(field("cpm_amount"), "150000");
    assert_eq!(field("cpm_currency"), "XOF");
    assert_eq!(field("payment_method"), "MOMO");
    assert_eq!(field("cpm_phone_prefixe"), "225");
    assert_eq!(field("cpm_language"), "fr");
    assert_eq!(field("cpm_version"), "V4");
    assert_eq!(field("cpm_payment_config"), "SINGLE");
    assert_eq!(field("cpm_page_action"), "PAYMENT");
    assert_eq!(field("cpm_custom"), "invoice-42");
    assert_eq!(field("cpm_designation"), "Facture F-2026-0042");
    assert_eq!(field("cpm_error_message"), "SUCCES");
    assert!(chrono::NaiveDateTime::parse_from_str(&field("cpm_trans_date"), "%Y-%m-%d %H:%M:%S").is_ok());
    assert!(!field("signature").is_empty() && !field("cel_phone_num").is_empty());

    // The token, recomputed independently of nourx-cinetpay, and verified by it.
    let x_token = notification.x_token.clone().expect("x-token");
    assert_eq!(x_token, independent_token(SECRET, notification));
    assert_eq!(x_token.len(), 64);
    assert!(x_token.chars().all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()), "lowercase hex");
    let pairs = notification.form();
    assert!(nourx_cinetpay::notification::verify(
        SECRET.as_bytes(),
        nourx_cinetpay::notification::lookup(&pairs),
        &x_token
    ));

    let snapshot = sandbox.transaction("T-accept").expect("known");
    assert_eq!((snapshot.status.as_str(), snapshot.notifications_sent), ("ACCEPTED", 1));
    assert_eq!(snapshot.payment_method.as_deref(), Some("MOMO"));
    merchant.stop().await;
    sandbox.stop().await;
}

#[actix_web::test]
async fn the_check_answers_per_state() {
    let (sandbox, merchant) = (sandbox().await, Merchant::start().await);
    let token = create(&sandbox, "T-check", &merchant.url).await;

    let (status, pending) = check(&sandbox, "T-check").await;
    assert_eq!(status, 200);
    assert_eq!(
        (pending["code"].as_str(), pending["message"].as_str()),
        (Some("662"), Some("WAITING_CUSTOMER_PAYMENT"))
    );
    assert_eq!(pending["data"]["status"], "WAITING_FOR_CUSTOMER");
    assert_eq!(pending["data"]["amount"], "150000", "amount is a string");

    sandbox.decide("T-check", Outcome::Accept, "OM").await.expect("decided");
    let (status, accepted) = check(&sandbox, "T-check").await;
    assert_eq!(status, 200);
    assert_eq!((accepted["code"].as_str(), accepted["message"].as_str()), (Some("00"), Some("SUCCES")));
    let data = &accepted["data"];
    assert_eq!((data["status"].as_str(), data["currency"].as_str()), (Some("ACCEPTED"), Some("XOF")));
    assert_eq!((data["amount"].as_str(), data["payment_method"].as_str()), (Some("150000"), Some("OM")));
    assert_eq!(
        (data["description"].as_str(), data["metadata"].as_str()),
        (Some("Facture F-2026-0042"), Some("invoice-42"))
    );
    let operator_id = data["operator_id"].as_str().expect("operator id");
    assert!(operator_id.starts_with("MP") && operator_id.split('.').count() == 3, "{operator_id}");
    for date in ["payment_date", "fund_availability_date"] {
        let value = data[date].as_str().expect("a date");
        assert!(chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M:%S").is_ok(), "{date}: {value}");
    }
    assert!(accepted["api_response_id"].is_string());

    // By token, too.
    let response = http()
        .post(format!("{}/v2/payment/check", sandbox.base_url()))
        .json(&json!({"apikey": "sandbox-api-key", "site_id": "105900", "token": token}))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.json::<Value>().await.expect("JSON")["code"], "00");

    sandbox.set_status("T-check", "REFUSED").expect("set");
    let (status, refused) = check(&sandbox, "T-check").await;
    assert_eq!(status, 200);
    assert_eq!((refused["code"].as_str(), refused["message"].as_str()), (Some("627"), Some("TRANSACTION_CANCEL")));
    assert_eq!(refused["data"]["status"], "REFUSED");
    assert_eq!(refused["data"]["operator_id"], Value::Null);
    assert_eq!(refused["data"]["payment_date"], " ");

    let (status, unknown) = check(&sandbox, "T-nobody").await;
    assert_eq!(status, 400);
    assert_eq!(unknown["code"], "627");
    assert!(unknown.get("data").is_none(), "{unknown}");

    let response = http()
        .post(format!("{}/v2/payment/check", sandbox.base_url()))
        .json(&json!({"apikey": "wrong", "site_id": "105900", "transaction_id": "T-check"}))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(response.json::<Value>().await.expect("JSON")["code"], "609");
    let response = http()
        .post(format!("{}/v2/payment/check", sandbox.base_url()))
        .form(&[("apikey", "sandbox-api-key"), ("site_id", "1"), ("transaction_id", "T-check")])
        .send()
        .await
        .expect("answer");
    assert_eq!(response.json::<Value>().await.expect("JSON")["code"], "613");

    assert_eq!(sandbox.check_count(), 7);
    assert_eq!(sandbox.transaction("T-check").expect("known").checks_answered, 4);
    assert!(matches!(sandbox.set_status("T-check", "PAID"), Err(SandboxError::InvalidStatus(_))));
    merchant.stop().await;
    sandbox.stop().await;
}

#[actix_web::test]
async fn refusing_and_waiting_notify_their_state() {
    let (sandbox, merchant) = (sandbox().await, Merchant::start().await);
    create(&sandbox, "T-refuse", &merchant.url).await;
    create(&sandbox, "T-wait", &merchant.url).await;

    sandbox.decide("T-wait", Outcome::Wait, "WAVECI").await.expect("waiting");
    assert_eq!(check(&sandbox, "T-wait").await.1["code"], "662");
    sandbox.decide("T-wait", Outcome::Accept, "WAVECI").await.expect("a waiting payment can still be accepted");
    sandbox.decide("T-refuse", Outcome::Refuse, "FLOOZ").await.expect("refused");

    let messages: Vec<(String, String)> = merchant
        .notifications()
        .iter()
        .map(|n| (n.field("cpm_trans_id").unwrap_or_default(), n.field("cpm_error_message").unwrap_or_default()))
        .collect();
    let expected = [("T-wait", "WAITING_CUSTOMER_PAYMENT"), ("T-wait", "SUCCES"), ("T-refuse", "TRANSACTION_CANCEL")];
    assert_eq!(messages, expected.map(|(id, message)| (id.to_owned(), message.to_owned())));

    let again = sandbox.decide("T-refuse", Outcome::Accept, "OM").await;
    assert!(matches!(again, Err(SandboxError::AlreadyFinal { .. })), "{again:?}");
    assert!(matches!(sandbox.decide("T-none", Outcome::Accept, "OM").await, Err(SandboxError::UnknownTransaction(_))));
    merchant.stop().await;
    sandbox.stop().await;
}

#[actix_web::test]
async fn the_checkout_form_notifies_then_sends_the_browser_back() {
    let (sandbox, merchant) = (sandbox().await, Merchant::start().await);
    let token = create(&sandbox, "T-form", &merchant.url).await;
    let page_url = format!("{}/payment/{token}", sandbox.base_url());
    let response = http()
        .post(&page_url)
        .form(&[("operator", "WAVECI"), ("phone", "+225 05 05 05 05 05"), ("outcome", "accept")])
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().await.expect("html");

    // Notified before the page came back.
    let notifications = merchant.notifications();
    assert_eq!(notifications.len(), 1);
    assert_eq!(notifications[0].field("payment_method").as_deref(), Some("WAVECI"));
    assert_eq!(notifications[0].field("cel_phone_num").as_deref(), Some("0505050505"));

    // The return: a form POSTing transaction_id and token to return_url, submitted by script,
    // with a button and a noscript hint for browsers without JavaScript.
    let action = format!("<form id=\"retour\" method=\"post\" action=\"{}/return\">", merchant.url);
    for expected in [
        action.as_str(),
        "<input type=\"hidden\" name=\"transaction_id\" value=\"T-form\">",
        &format!("<input type=\"hidden\" name=\"token\" value=\"{token}\">"),
        "Retour au site du marchand</button>",
        "<noscript>",
        "document.getElementById(\"retour\").submit()",
        "Paiement accepté",
    ] {
        assert!(page.contains(expected), "the return page lacks {expected:?}");
    }
    // What the browser then posts reaches the merchant as a form.
    http()
        .post(format!("{}/return", merchant.url))
        .form(&[("transaction_id", "T-form"), ("token", token.as_str())])
        .send()
        .await
        .expect("return");
    let back = merchant.received().into_iter().find(|r| r.path == "/return").expect("return received");
    assert_eq!(back.field("transaction_id").as_deref(), Some("T-form"));

    // A second visit: the payment is already final.
    let again = http().get(&page_url).send().await.expect("page");
    assert_eq!(again.status().as_u16(), 409);
    assert!(again.text().await.expect("html").contains("déjà été accepté"));
    let resubmitted = http().post(&page_url).form(&[("outcome", "refuse")]).send().await.expect("answer");
    assert_eq!(resubmitted.status().as_u16(), 409);
    assert_eq!(sandbox.transaction("T-form").expect("known").status, "ACCEPTED");

    let bad = http().post(&page_url).form(&[("outcome", "steal")]).send().await.expect("answer");
    assert_eq!(bad.status().as_u16(), 400);
    merchant.stop().await;
    sandbox.stop().await;
}

#[actix_web::test]
async fn wait_from_the_form_returns_too() {
    let (sandbox, merchant) = (sandbox().await, Merchant::start().await);
    let token = create(&sandbox, "T-form-wait", &merchant.url).await;
    let response = http()
        .post(format!("{}/payment/{token}", sandbox.base_url()))
        .form(&[("operator", "OM"), ("outcome", "wait")])
        .send()
        .await
        .expect("answer");
    let page = response.text().await.expect("html");
    assert!(page.contains("Paiement en attente") && page.contains("name=\"transaction_id\" value=\"T-form-wait\""));
    assert_eq!(merchant.notifications()[0].field("cpm_error_message").as_deref(), Some("WAITING_CUSTOMER_PAYMENT"));
    // Still payable.
    let page = http().get(format!("{}/payment/{token}", sandbox.base_url())).send().await.expect("page");
    assert_eq!(page.status().as_u16(), 200);
    merchant.stop().await;
    sandbox.stop().await;
}

#[actix_web::test]
async fn notification_faults_do_what_they_say() {
    let (sandbox, merchant) = (sandbox().await, Merchant::start().await);

    // Duplicates: identical POSTs.
    create(&sandbox, "T-dup", &merchant.url).await;
    sandbox.set_faults(Faults { duplicate_notifications: 2, ..Faults::default() });
    sandbox.decide("T-dup", Outcome::Accept, "OM").await.expect("decided");
    let posts = merchant.notifications();
    assert_eq!(posts.len(), 3);
    assert!(posts.iter().all(|post| post.body == posts[0].body && post.x_token == posts[0].x_token));
    assert_eq!(merchant.received().iter().filter(|r| r.method == "GET").count(), 1, "one ping");
    assert_eq!(sandbox.transaction("T-dup").expect("known").notifications_sent, 3);

    // Out of order: the final state, then a stale waiting one, both validly signed.
    create(&sandbox, "T-ooo", &merchant.url).await;
    sandbox.set_faults(Faults { out_of_order: true, ..Faults::default() });
    sandbox.decide("T-ooo", Outcome::Refuse, "OM").await.expect("decided");
    let posts: Vec<_> =
        merchant.notifications().into_iter().filter(|n| n.field("cpm_trans_id").as_deref() == Some("T-ooo")).collect();
    let messages: Vec<_> = posts.iter().map(|n| n.field("cpm_error_message").unwrap_or_default()).collect();
    assert_eq!(messages, ["TRANSACTION_CANCEL", "WAITING_CUSTOMER_PAYMENT"]);
    assert!(posts.iter().all(|n| n.x_token.as_deref() == Some(independent_token(SECRET, n).as_str())));

    // A wrong token.
    create(&sandbox, "T-forged", &merchant.url).await;
    sandbox.set_faults(Faults { wrong_token: true, ..Faults::default() });
    sandbox.decide("T-forged", Outcome::Accept, "OM").await.expect("decided");
    let forged = merchant.notifications().into_iter().last().expect("posted");
    assert_eq!(forged.field("cpm_trans_id").as_deref(), Some("T-forged"));
    assert_ne!(forged.x_token.as_deref(), Some(independent_token(SECRET, &forged).as_str()));

    // Lost: no ping, no POST; the state changed all the same.
    let before = merchant.received().len();
    create(&sandbox, "T-lost", &merchant.url).await;
    sandbox.set_faults(Faults { lose_notifications: true, ..Faults::default() });
    sandbox.decide("T-lost", Outcome::Accept, "OM").await.expect("decided");
    assert_eq!(merchant.received().len(), before);
    assert_eq!(sandbox.transaction("T-lost").expect("known").status, "ACCEPTED");
    assert_eq!(sandbox.transaction("T-lost").expect("known").notifications_sent, 0);

    // Delay: decide returns after the notification, which waited.
    create(&sandbox, "T-late", &merchant.url).await;
    sandbox.set_faults(Faults { notify_delay_ms: 300, ..Faults::default() });
    let started = Instant::now();
    sandbox.decide("T-late", Outcome::Accept, "OM").await.expect("decided");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(merchant.notifications().last().and_then(|n| n.field("cpm_trans_id")).as_deref(), Some("T-late"));

    // Notify again now, with the current state.
    sandbox.set_faults(Faults::default());
    sandbox.set_status("T-lost", "WAITING_FOR_CUSTOMER").expect("set");
    sandbox.notify("T-lost").await.expect("notified");
    let last = merchant.notifications().into_iter().last().expect("posted");
    assert_eq!(last.field("cpm_trans_id").as_deref(), Some("T-lost"));
    assert_eq!(last.field("cpm_error_message").as_deref(), Some("WAITING_CUSTOMER_PAYMENT"));
    assert!(sandbox.notify("T-none").await.is_err());
    merchant.stop().await;
    sandbox.stop().await;
}

#[actix_web::test]
async fn check_faults_do_what_they_say() {
    let (sandbox, merchant) = (sandbox().await, Merchant::start().await);
    create(&sandbox, "T-lie", &merchant.url).await;
    sandbox.decide("T-lie", Outcome::Accept, "OM").await.expect("decided");

    sandbox.set_faults(Faults { check_amount_delta: -5, check_currency: Some("XAF".to_owned()), ..Faults::default() });
    let (_, lie) = check(&sandbox, "T-lie").await;
    assert_eq!((lie["data"]["amount"].as_str(), lie["data"]["currency"].as_str()), (Some("149995"), Some("XAF")));

    sandbox.set_faults(Faults { failing_checks: 2, ..Faults::default() });
    for _ in 0..2 {
        let response = http()
            .post(format!("{}/v2/payment/check", sandbox.base_url()))
            .json(&json!({"apikey": "sandbox-api-key", "site_id": "105900", "transaction_id": "T-lie"}))
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status().as_u16(), 503);
        assert!(response.text().await.expect("text").starts_with("<!doctype html>"));
    }
    assert_eq!(sandbox.faults().failing_checks, 0, "counted down");
    let (status, honest) = check(&sandbox, "T-lie").await;
    assert_eq!((status, honest["data"]["amount"].as_str()), (200, Some("150000")));
    merchant.stop().await;
    sandbox.stop().await;
}

#[actix_web::test]
async fn the_knobs_work_over_http() {
    let (sandbox, merchant) = (sandbox().await, Merchant::start().await);
    let base = sandbox.base_url().to_owned();
    create(&sandbox, "T-knob", &merchant.url).await;

    let faults: Value =
        http().get(format!("{base}/_sandbox/faults")).send().await.expect("get").json().await.expect("json");
    assert_eq!(faults["duplicate_notifications"], 0);
    let response = http()
        .put(format!("{base}/_sandbox/faults"))
        .json(&json!({"duplicate_notifications": 1, "check_currency": "XAF"}))
        .send()
        .await
        .expect("put");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        sandbox.faults(),
        Faults { duplicate_notifications: 1, check_currency: Some("XAF".into()), ..Faults::default() }
    );
    sandbox.set_faults(Faults::default());

    let decided = http()
        .post(format!("{base}/_sandbox/transactions/T-knob/decide"))
        .json(&json!({"outcome": "wait", "operator": "MOMO"}))
        .send()
        .await
        .expect("decide");
    assert_eq!(decided.status().as_u16(), 200);
    let snapshot: Value = decided.json().await.expect("json");
    assert_eq!(
        (snapshot["status"].as_str(), snapshot["payment_method"].as_str()),
        (Some("WAITING_FOR_CUSTOMER"), Some("MOMO"))
    );
    assert_eq!(snapshot["notifications_sent"], 1);

    let set = http()
        .post(format!("{base}/_sandbox/transactions/T-knob/status"))
        .json(&json!({"status": "ACCEPTED"}))
        .send()
        .await
        .expect("status");
    assert_eq!(set.json::<Value>().await.expect("json")["status"], "ACCEPTED");
    let notified = http().post(format!("{base}/_sandbox/transactions/T-knob/notify")).send().await.expect("notify");
    assert_eq!(notified.json::<Value>().await.expect("json")["notifications_sent"], 2);
    assert_eq!(merchant.notifications().last().and_then(|n| n.field("cpm_error_message")).as_deref(), Some("SUCCES"));

    let read: Value = http()
        .get(format!("{base}/_sandbox/transactions/T-knob"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!((read["transaction_id"].as_str(), read["amount"].as_i64()), (Some("T-knob"), Some(150_000)));

    let again = http()
        .post(format!("{base}/_sandbox/transactions/T-knob/decide"))
        .json(&json!({"outcome": "refuse"}))
        .send()
        .await
        .expect("decide");
    assert_eq!(again.status().as_u16(), 409);
    let unknown = http().get(format!("{base}/_sandbox/transactions/T-none")).send().await.expect("get");
    assert_eq!(unknown.status().as_u16(), 404);
    let bad = http()
        .post(format!("{base}/_sandbox/transactions/T-knob/status"))
        .json(&json!({"status": "PAID"}))
        .send()
        .await
        .expect("status");
    assert_eq!(bad.status().as_u16(), 400);
    let malformed = http()
        .post(format!("{base}/_sandbox/transactions/T-knob/decide"))
        .json(&json!({"outcome": "maybe"}))
        .send()
        .await
        .expect("decide");
    assert_eq!(malformed.status().as_u16(), 400);
    assert!(malformed.json::<Value>().await.expect("json")["error"].is_string());
    merchant.stop().await;
    sandbox.stop().await;
}
