//! Pay links as their holders meet them (no account): the reader's language, where CinetPay's
//! return leads, what the per-address limit counts, and what counts as a use of the link. The
//! main journey (make, open, pay, receipt, revoke) is in `billing_desk`.

use nourx_domain::limits::RateLimit;
use nourx_testkit::{Actor, InvoiceBuilder, TestApp};
use serde_json::json;
use uuid::Uuid;

/// A new link to `invoice_id` made by `by`: (its id, its token).
async fn make_link(by: &Actor, invoice_id: Uuid) -> (Uuid, String) {
    let made = by.post(&format!("/api/invoices/{invoice_id}/pay-links/"), &json!({})).await.assert_status(201);
    let token = made.str("url").rsplit('/').next().expect("a token").to_owned();
    (made.id(), token)
}

#[actix_web::test]
async fn a_pay_link_answers_in_the_language_of_accept_language() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let invoice = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let (link, token) = make_link(&owner, invoice.id).await;
    let english = app.anonymous().await.http.with_header("Accept-Language", "en-GB,en;q=0.9,fr;q=0.5");

    // CinetPay's page and the payment's label in English…
    let started = english.post(&format!("/api/public/pay/{token}/init/"), &json!({})).await.assert_status(201);
    assert_eq!(started["status_label"], "Awaiting confirmation");
    let at_cinetpay = app.sandbox.transaction(started.str("transaction_id")).expect("initialised at CinetPay");
    assert_eq!(at_cinetpay.lang, "en");
    let polled = english.get(&format!("/api/public/pay/{token}/payments/{}/", started.id())).await.assert_status(200);
    assert_eq!(polled["status_label"], "Awaiting confirmation");
    // …French for everyone else (no header, or French first).
    let french = app.anonymous().await.http.with_header("Accept-Language", "fr-CI,en;q=0.8");
    let polled = french.get(&format!("/api/public/pay/{token}/payments/{}/", started.id())).await.assert_status(200);
    assert_eq!(polled["status_label"], "En attente de confirmation");

    // Errors follow the same rule as everywhere in the API.
    owner.post(&format!("/api/pay-links/{link}/revoke/"), &json!({})).await.assert_status(200);
    let gone = english.get(&format!("/api/public/pay/{token}/")).await.assert_error(410, "link_revoked");
    assert_eq!(gone.header("content-language"), Some("en"));
    assert!(gone.str("detail").starts_with("This payment link was disabled."), "{}", gone.text);
    let gone = french.get(&format!("/api/public/pay/{token}/")).await.assert_error(410, "link_revoked");
    assert!(gone.str("detail").starts_with("Ce lien de paiement a été désactivé."), "{}", gone.text);
}

/// Where CinetPay's return (the payer's browser, from CinetPay's page) sends `transaction_id`.
async fn return_location(app: &TestApp, transaction_id: &str) -> String {
    let back = app.client().get(&format!("/api/payments/return/?transaction_id={transaction_id}&token=abc")).await;
    assert_eq!(back.status, 303, "{}", back.text);
    back.header("location").expect("a Location").to_owned()
}

#[actix_web::test]
async fn a_payment_started_in_the_portal_and_resumed_through_a_link_comes_back_to_the_link_s_pages() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let invoice = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let web = app.config.public_web_url.clone();

    // Someone in the portal starts paying, and leaves CinetPay's page unfinished.
    let started = owner.post("/api/payments/init/", &json!({"invoice_id": invoice.id})).await.assert_status(201);
    let (payment_id, transaction) = (started.id(), started.str("transaction_id").to_owned());
    assert_eq!(return_location(&app, &transaction).await, format!("{web}/paiements/{payment_id}"));

    // The one who holds the link sees it in progress and resumes it: CinetPay's return now leads
    // to the link's pages, where a payer without an account can follow it.
    let (_, token) = make_link(&owner, invoice.id).await;
    let stranger = app.anonymous().await;
    let page = stranger.get(&format!("/api/public/pay/{token}/")).await.assert_status(200);
    assert_eq!(page.body["payment"]["open_payment"]["id"], payment_id.to_string());
    let resume = format!("/api/public/pay/{token}/payments/{payment_id}/resume/");
    let resumed = stranger.post(&resume, &json!({})).await.assert_status(200);
    assert_eq!(resumed.body["checkout_url"], started.body["checkout_url"]);
    assert_eq!(return_location(&app, &transaction).await, format!("{web}/payer/retour?paiement={payment_id}"));

    // Only the link's invoice's payments; once a payment is over, nothing changes.
    let other = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let elsewhere = owner.post("/api/payments/init/", &json!({"invoice_id": other.id})).await.assert_status(201);
    stranger
        .post(&format!("/api/public/pay/{token}/payments/{}/resume/", elsewhere.id()), &json!({}))
        .await
        .assert_status(404);
    let back = return_location(&app, elsewhere.str("transaction_id")).await;
    assert_eq!(back, format!("{web}/paiements/{}", elsewhere.id()));
    app.sandbox.decide(&transaction, nourx_cinetpay_sandbox::Outcome::Refuse, "OM").await.expect("refused");
    app.drain_jobs().await;
    let over = stranger.post(&resume, &json!({})).await.assert_status(200);
    assert_eq!((&over.body["status"], &over.body["checkout_url"]), (&json!("refused"), &serde_json::Value::Null));
}

#[actix_web::test]
async fn a_payer_waiting_for_the_confirmation_polls_apart_from_the_link_s_other_requests() {
    let app = TestApp::with_config(|config| {
        config.limits.pay_link_requests_per_ip = RateLimit::per_hour(3);
        config.limits.pay_link_polls_per_ip = RateLimit::per_hour(12);
    })
    .await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let invoice = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let (_, token) = make_link(&owner, invoice.id).await;
    let stranger = app.anonymous().await;

    // Opening the link and starting to pay count; the return page's polls of the payment do not…
    stranger.get(&format!("/api/public/pay/{token}/")).await.assert_status(200);
    let started = stranger.post(&format!("/api/public/pay/{token}/init/"), &json!({})).await.assert_status(201);
    let poll = format!("/api/public/pay/{token}/payments/{}/", started.id());
    for _ in 0..12 {
        stranger.get(&poll).await.assert_status(200);
    }
    stranger.get(&format!("/api/public/pay/{token}/")).await.assert_status(200);
    let refused = stranger.get(&format!("/api/public/pay/{token}/")).await.assert_error(429, "throttled");
    assert!(refused.header("retry-after").is_some());
    // …they have a budget of their own.
    stranger.get(&poll).await.assert_error(429, "throttled");
}

#[actix_web::test]
async fn reloading_a_link_is_one_use_and_another_address_or_half_an_hour_later_another() {
    // Requests say which address they come from with X-Forwarded-For.
    let app = TestApp::with_config(|config| config.trusted_proxies = vec!["127.0.0.1".parse().expect("proxy")]).await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let invoice = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let (_, token) = make_link(&owner, invoice.id).await;
    let links = format!("/api/invoices/{}/pay-links/", invoice.id);
    let page = format!("/api/public/pay/{token}/");
    let uses = || async { owner.get(&links).await.body[0].clone() };
    assert_eq!(uses().await["use_count"], 0);

    // A phone opens the link, reloads it, comes back from CinetPay: one use.
    let phone = app.anonymous().await.http.from_address("203.0.113.7");
    for _ in 0..3 {
        phone.get(&page).await.assert_status(200);
    }
    let first = uses().await;
    assert_eq!(first["use_count"], 1);
    assert!(first["last_used_at"].is_string());

    // Someone else: another use.
    app.anonymous().await.http.from_address("198.51.100.4").get(&page).await.assert_status(200);
    assert_eq!(uses().await["use_count"], 2);

    // The phone again, half an hour after its visit began: another one, now the last.
    let earlier = "UPDATE rate_limits SET window_start = window_start - interval '31 minutes', \
                   expires_at = expires_at - interval '31 minutes' WHERE bucket LIKE 'pay_link_visit:%:203.0.113.7'";
    assert_eq!(app.sql(earlier).await, 1);
    phone.get(&page).await.assert_status(200);
    phone.get(&page).await.assert_status(200);
    let later = uses().await;
    assert_eq!(later["use_count"], 3);
    assert!(later["last_used_at"].as_str() > first["last_used_at"].as_str(), "{later} after {first}");
}
