//! Pay links as their holders meet them (no account): the reader's language, where CinetPay's
//! return leads, what the per-address limit counts, and what counts as a use of the link. The
//! main journey (make, open, pay, receipt, revoke) is in `billing_desk`.

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
