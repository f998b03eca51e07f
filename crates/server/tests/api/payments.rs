//! Online payments end to end: the API, the CinetPay sandbox speaking the real protocol over
//! HTTPS through its test authority, as production talks to CinetPay (init, checkout decision,
//! signed notifications, check), the job queue and its worker, on a real database. Every fault
//! scenario asserts one settlement and a correct invoice balance.

use std::time::Duration;

use diesel::Connection;
use diesel::prelude::*;
use nourx_api::payments::{Trigger, recheck};
use nourx_cinetpay_sandbox::{Faults, Outcome, Sandbox, SandboxConfig};
use nourx_db::schema::{audit_log, invoices, jobs, outbox, payment_checks, payment_notifications, payments};
use nourx_testkit::{MemberRole, TestApp, TestClient, TestUser, capture_logs};
use serde_json::{Value, json};
use uuid::Uuid;

fn id_of(value: &Value) -> Uuid {
    value["id"].as_str().and_then(|id| Uuid::parse_str(id).ok()).unwrap_or_else(|| panic!("no id in {value}"))
}

fn test_worker(app: &TestApp) -> nourx_jobs::Worker {
    app.worker(nourx_jobs::WorkerConfig { lease: Duration::from_secs(60), ..Default::default() })
}

/// A sent invoice of `total` FCFA (one line, no VAT) for `client_id`.
async fn sent_invoice(admin: &TestClient, client_id: Uuid, total: i64) -> Uuid {
    let draft = admin
        .post(
            "/api/invoices/",
            &json!({"client_id": client_id, "title": "Site vitrine",
                    "items": [{"label": "Forfait", "quantity": "1", "unit_price": total, "tax_rate": "0"}]}),
        )
        .await;
    assert_eq!(draft.status, 201, "{}", draft.text);
    let id = id_of(&draft.body);
    let sent = admin.post(&format!("/api/invoices/{id}/send/"), &json!({})).await;
    assert_eq!(sent.status, 200, "{}", sent.text);
    id
}

struct Setup {
    app: TestApp,
    admin: TestClient,
    client_id: Uuid,
    owner: TestUser,
    payer: TestClient,
}

async fn setup() -> Setup {
    setup_with(TestApp::new().await).await
}

async fn setup_with(app: TestApp) -> Setup {
    let admin = app.login(&app.admin().await).await;
    let (client_id, owner) = app.client_with_owner().await;
    let payer = app.login(&owner).await;
    Setup { app, admin, client_id, owner, payer }
}

async fn init(payer: &TestClient, invoice: Uuid, amount: Option<i64>) -> Value {
    let response = payer.post("/api/payments/init/", &json!({"invoice_id": invoice, "amount": amount})).await;
    assert_eq!(response.status, 201, "{}", response.text);
    response.body
}

fn transaction_of(payment: &Value) -> String {
    payment["transaction_id"].as_str().unwrap_or_default().to_owned()
}

/// (status, amount_paid) of the invoice.
async fn invoice_state(app: &TestApp, id: Uuid) -> (String, i64) {
    app.with_conn(move |conn| {
        invoices::table.find(id).select((invoices::status, invoices::amount_paid)).first(conn).expect("invoice")
    })
    .await
}

async fn payment_status(app: &TestApp, id: Uuid) -> String {
    app.with_conn(move |conn| payments::table.find(id).select(payments::status).first(conn).expect("payment")).await
}

async fn settlements(app: &TestApp, payment: Uuid) -> i64 {
    app.with_conn(move |conn| {
        audit_log::table
            .filter(audit_log::action.eq("payment.settled"))
            .filter(audit_log::entity_id.eq(payment.to_string()))
            .count()
            .get_result(conn)
            .expect("count")
    })
    .await
}

async fn receipt_emails(app: &TestApp) -> Vec<(String, String)> {
    app.with_conn(|conn| {
        outbox::table
            .filter(outbox::template.eq("payment_receipt"))
            .select((outbox::to_email, outbox::subject))
            .load(conn)
            .expect("outbox")
    })
    .await
}

async fn drain(app: &TestApp) -> usize {
    test_worker(app).drain().await.expect("worker")
}

#[actix_web::test]
async fn a_client_pays_an_invoice_through_the_checkout_page() {
    let Setup { app, admin, client_id, owner, payer } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 150_000).await;

    let detail = payer.get(&format!("/api/invoices/{invoice}/")).await;
    assert_eq!(detail.body["online_payment"]["can_pay"], true, "{}", detail.text);
    assert_eq!(detail.body["online_payment"]["max_amount"], 150_000);

    let payment = init(&payer, invoice, None).await;
    let payment_id = id_of(&payment);
    assert_eq!(payment["status"], "pending");
    assert_eq!(payment["amount"], 150_000);
    let checkout = payment["checkout_url"].as_str().unwrap_or_default().to_owned();
    assert!(checkout.starts_with(&format!("{}/payment/", app.sandbox.public_url())), "{checkout}");
    assert!(checkout.starts_with("https://127.0.0.1:"), "{checkout}");
    // The hosted page really is there, over HTTPS, in French, with the amount.
    let page = app.sandbox.http_client().get(&checkout).send().await.expect("checkout page");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("150\u{202f}000") || html.contains("150 000"), "{html}");

    // The payer accepts with Orange Money: ping, then a signed notification reach our webhook.
    app.sandbox.decide(&transaction_of(&payment), Outcome::Accept, "OM").await.expect("decide");
    let journal: Vec<String> = app
        .with_conn(|conn| {
            payment_notifications::table.select(payment_notifications::verdict).load(conn).expect("journal")
        })
        .await;
    assert!(journal.contains(&"ping".to_owned()) && journal.contains(&"valid".to_owned()), "{journal:?}");
    // The notification decided nothing by itself.
    assert_eq!(payment_status(&app, payment_id).await, "pending");

    assert_eq!(drain(&app).await, 1, "one re-check job");
    assert_eq!(payment_status(&app, payment_id).await, "accepted");
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 150_000));
    assert_eq!(settlements(&app, payment_id).await, 1);

    let seen = payer.get(&format!("/api/payments/{payment_id}/")).await;
    assert_eq!(seen.body["status"], "accepted");
    assert_eq!(seen.body["method_label"], "Orange Money");
    assert!(seen.body["receipt_number"].as_str().is_some_and(|n| n.starts_with("REC-")), "{}", seen.text);
    assert_eq!(seen.body["checkout_url"], Value::Null);

    let emails = receipt_emails(&app).await;
    assert!(emails.iter().any(|(to, subject)| to == &owner.email && subject.contains("Paiement reçu")), "{emails:?}");
    let bell = payer.get("/api/notifications/").await;
    assert_eq!(bell.body["unread_count"], 1, "{}", bell.text);
    assert_eq!(bell.body["results"][0]["kind"], "payment.accepted");

    let receipt = payer.get(&format!("/api/payments/{payment_id}/receipt/")).await;
    assert_eq!(receipt.status, 200);
    assert_eq!(receipt.header("content-type"), Some("application/pdf"));
    assert!(receipt.text.starts_with("%PDF"));

    // The invoice is paid: nothing left to pay online.
    let detail = payer.get(&format!("/api/invoices/{invoice}/")).await;
    assert_eq!(detail.body["online_payment"]["can_pay"], false);
    assert_eq!(payer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await.status, 409);
}

#[actix_web::test]
async fn the_same_notification_fifty_times_at_once_settles_once() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 100_000).await;
    let payment = init(&payer, invoice, None).await;
    let payment_id = id_of(&payment);
    app.sandbox.set_faults(Faults { duplicate_notifications: 49, ..Faults::default() });
    app.sandbox.decide(&transaction_of(&payment), Outcome::Accept, "MOMO").await.expect("decide");
    let valid: i64 = app
        .with_conn(move |conn| {
            payment_notifications::table
                .filter(payment_notifications::verdict.eq("valid"))
                .filter(payment_notifications::payment_id.eq(payment_id))
                .count()
                .get_result(conn)
                .expect("count")
        })
        .await;
    assert_eq!(valid, 50, "every notification is journaled");

    // Two workers and a burst of direct re-checks and status polls, all at once.
    let (a, b) = (test_worker(&app), test_worker(&app));
    let rechecks = (0..20).map(|_| recheck(&app.state.payments, payment_id, Trigger::Notification));
    let status_path = format!("/api/payments/{payment_id}/status/");
    let polls = (0..10).map(|_| payer.get(&status_path));
    let (drained_a, drained_b, results, _) = tokio::join!(
        a.drain(),
        b.drain(),
        futures_util::future::join_all(rechecks),
        futures_util::future::join_all(polls)
    );
    drained_a.expect("worker a");
    drained_b.expect("worker b");
    assert!(
        results.iter().all(Result::is_ok),
        "{:?}",
        results.iter().filter_map(|r| r.as_ref().err()).collect::<Vec<_>>()
    );
    assert_eq!(settlements(&app, payment_id).await, 1);
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 100_000));
    let emails = receipt_emails(&app).await;
    assert_eq!(emails.len(), 1, "one receipt email: {emails:?}");
    let receipts: Vec<Option<String>> =
        app.with_conn(|conn| payments::table.select(payments::receipt_number).load(conn).expect("receipts")).await;
    assert_eq!(receipts.len(), 1);
}

#[actix_web::test]
async fn notifications_out_of_order_change_nothing_once_settled() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 50_000).await;
    let payment = init(&payer, invoice, None).await;
    let (payment_id, transaction) = (id_of(&payment), transaction_of(&payment));
    // A stale WAITING notification arrives after the final one.
    app.sandbox.set_faults(Faults { out_of_order: true, ..Faults::default() });
    app.sandbox.decide(&transaction, Outcome::Accept, "OM").await.expect("decide");
    drain(&app).await;
    assert_eq!(payment_status(&app, payment_id).await, "accepted");

    for stale in ["REFUSED", "WAITING_FOR_CUSTOMER"] {
        app.sandbox.set_status(&transaction, stale).expect("status");
        app.sandbox.notify(&transaction).await.expect("notify");
        drain(&app).await;
        assert_eq!(payment_status(&app, payment_id).await, "accepted", "after a {stale} notification");
    }
    assert_eq!(settlements(&app, payment_id).await, 1);
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 50_000));
}

#[actix_web::test]
async fn a_refusal_is_final_for_that_payment_and_the_client_may_try_again() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 20_000).await;
    let payment = init(&payer, invoice, None).await;
    app.sandbox.decide(&transaction_of(&payment), Outcome::Refuse, "OM").await.expect("decide");
    drain(&app).await;
    assert_eq!(payment_status(&app, id_of(&payment)).await, "refused");
    assert_eq!(invoice_state(&app, invoice).await, ("sent".to_owned(), 0));
    // A refused payment does not block a new one.
    let again = init(&payer, invoice, None).await;
    assert_ne!(again["id"], payment["id"]);
}

#[actix_web::test]
async fn a_forged_notification_is_journaled_answered_and_ignored() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 30_000).await;
    let payment = init(&payer, invoice, None).await;
    let payment_id = id_of(&payment);
    app.sandbox.set_faults(Faults { wrong_token: true, ..Faults::default() });
    app.sandbox.decide(&transaction_of(&payment), Outcome::Accept, "OM").await.expect("decide");

    // A hand-made one too, without any token.
    let forged = app
        .client()
        .request(reqwest::Method::POST, "/api/payments/webhook/")
        .body(
            format!("cpm_site_id=105900&cpm_trans_id={}&cpm_amount=30000&cpm_currency=XOF", transaction_of(&payment)),
            "application/x-www-form-urlencoded",
        )
        .without_csrf()
        .send()
        .await;
    assert_eq!(forged.status, 200, "a forger learns nothing");
    let garbage = app
        .client()
        .request(reqwest::Method::POST, "/api/payments/webhook/")
        .body("%%%", "application/x-www-form-urlencoded")
        .without_csrf()
        .send()
        .await;
    assert_eq!(garbage.status, 200);

    let verdicts: Vec<String> = app
        .with_conn(|conn| {
            payment_notifications::table
                .filter(payment_notifications::method.eq("POST"))
                .select(payment_notifications::verdict)
                .load(conn)
                .expect("journal")
        })
        .await;
    assert_eq!(verdicts.iter().filter(|v| *v == "bad_token").count(), 2, "{verdicts:?}");
    assert!(verdicts.contains(&"malformed".to_owned()), "{verdicts:?}");
    assert!(!verdicts.contains(&"valid".to_owned()));
    assert_eq!(drain(&app).await, 0, "nothing queued");
    assert_eq!(payment_status(&app, payment_id).await, "pending");
    assert_eq!(invoice_state(&app, invoice).await, ("sent".to_owned(), 0));
}

#[actix_web::test]
async fn a_lost_notification_is_settled_by_the_reconciliation() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 75_000).await;
    let payment = init(&payer, invoice, None).await;
    let payment_id = id_of(&payment);
    app.sandbox.set_faults(Faults { lose_notifications: true, ..Faults::default() });
    app.sandbox.decide(&transaction_of(&payment), Outcome::Accept, "WAVECI").await.expect("decide");
    assert_eq!(drain(&app).await, 0);
    // Not due yet: the first check is a minute after the start.
    assert_eq!(nourx_api::payments::jobs::reconcile(&app.state.payments).await.expect("reconcile"), 0);
    app.with_conn(move |conn| {
        diesel::update(payments::table.find(payment_id))
            .set(payments::next_check_at.eq(chrono::Utc::now() - chrono::Duration::seconds(1)))
            .execute(conn)
            .expect("due now")
    })
    .await;
    assert_eq!(nourx_api::payments::jobs::reconcile(&app.state.payments).await.expect("reconcile"), 1);
    assert_eq!(drain(&app).await, 1);
    assert_eq!(payment_status(&app, payment_id).await, "accepted");
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 75_000));
    assert_eq!(settlements(&app, payment_id).await, 1);
}

#[actix_web::test]
async fn an_amount_or_currency_mismatch_is_never_paid_and_is_flagged() {
    for faults in [
        Faults { check_amount_delta: -5, ..Faults::default() },
        Faults { check_currency: Some("XAF".into()), ..Faults::default() },
    ] {
        let Setup { app, admin, client_id, payer, .. } = setup().await;
        let invoice = sent_invoice(&admin, client_id, 60_000).await;
        let payment = init(&payer, invoice, None).await;
        let payment_id = id_of(&payment);
        app.sandbox.set_faults(faults.clone());
        app.sandbox.decide(&transaction_of(&payment), Outcome::Accept, "OM").await.expect("decide");
        drain(&app).await;
        assert_eq!(payment_status(&app, payment_id).await, "flagged", "{faults:?}");
        assert_eq!(invoice_state(&app, invoice).await, ("sent".to_owned(), 0));
        assert_eq!(settlements(&app, payment_id).await, 0);
        let admin_bell = admin.get("/api/notifications/").await;
        assert_eq!(admin_bell.body["results"][0]["kind"], "payment.flagged", "{}", admin_bell.text);
        let seen = admin.get(&format!("/api/payments/{payment_id}/")).await;
        assert!(seen.body["flag_reason"].as_str().is_some_and(|r| !r.is_empty()), "{}", seen.text);
        // The client does not see the internal reason.
        assert_eq!(payer.get(&format!("/api/payments/{payment_id}/")).await.body["flag_reason"], Value::Null);
        assert_eq!(payer.get(&format!("/api/payments/{payment_id}/receipt/")).await.status, 409);
    }
}

#[actix_web::test]
async fn a_failing_check_endpoint_is_retried_until_it_recovers() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 45_000).await;
    let payment = init(&payer, invoice, None).await;
    let payment_id = id_of(&payment);
    app.sandbox.set_faults(Faults { failing_checks: 2, ..Faults::default() });
    app.sandbox.decide(&transaction_of(&payment), Outcome::Accept, "OM").await.expect("decide");
    for _ in 0..2 {
        assert_eq!(drain(&app).await, 1);
        assert_eq!(payment_status(&app, payment_id).await, "pending");
        // The retry waits with back-off; make it due now.
        app.with_conn(|conn| {
            diesel::update(jobs::table.filter(jobs::status.eq("queued")))
                .set(jobs::run_at.eq(chrono::Utc::now()))
                .execute(conn)
                .expect("due")
        })
        .await;
    }
    assert_eq!(drain(&app).await, 1);
    assert_eq!(payment_status(&app, payment_id).await, "accepted");
    let outcomes: Vec<String> = app
        .with_conn(move |conn| {
            payment_checks::table
                .filter(payment_checks::payment_id.eq(payment_id))
                .order(payment_checks::id)
                .select(payment_checks::outcome)
                .load(conn)
                .expect("checks")
        })
        .await;
    assert_eq!(outcomes, ["unavailable", "unavailable", "settled"]);
    assert_eq!(settlements(&app, payment_id).await, 1);
}

#[actix_web::test]
async fn cinetpay_unreachable_at_init_is_a_clear_503_and_nothing_stays_pending() {
    let app = TestApp::with_config(|config| config.cinetpay.base_url = "http://127.0.0.1:9".into()).await;
    let Setup { app, admin, client_id, payer, .. } = setup_with(app).await;
    let invoice = sent_invoice(&admin, client_id, 10_000).await;
    let response = payer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await;
    assert_eq!(response.status, 503, "{}", response.text);
    assert_eq!(response.body["code"], "payment_provider_unavailable");
    assert!(response.body["detail"].as_str().is_some_and(|d| d.contains("indisponible")), "{}", response.text);
    let statuses: Vec<String> =
        app.with_conn(|conn| payments::table.select(payments::status).load(conn).expect("payments")).await;
    assert_eq!(statuses, ["failed"]);
    // The sandbox up but refusing: same answer, and a failed start blocks nothing.
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 10_000).await;
    app.sandbox.set_faults(Faults { init_unavailable: true, ..Faults::default() });
    assert_eq!(payer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await.status, 503);
    app.sandbox.set_faults(Faults::default());
    init(&payer, invoice, None).await;
}

#[actix_web::test]
async fn two_instalments_settle_the_invoice_and_bad_amounts_are_400() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 100_000).await;
    for (amount, field_error) in [(100_005, "dépasse"), (40_002, "multiple de 5"), (50, "minimum"), (0, "positif")] {
        let response = payer.post("/api/payments/init/", &json!({"invoice_id": invoice, "amount": amount})).await;
        assert_eq!(response.status, 400, "{amount}: {}", response.text);
        assert!(response.body["amount"][0].as_str().is_some_and(|m| m.contains(field_error)), "{}", response.text);
    }
    let first = init(&payer, invoice, Some(40_000)).await;
    app.sandbox.decide(&transaction_of(&first), Outcome::Accept, "OM").await.expect("decide");
    drain(&app).await;
    assert_eq!(invoice_state(&app, invoice).await, ("partially_paid".to_owned(), 40_000));
    let options = payer.get(&format!("/api/invoices/{invoice}/")).await.body["online_payment"].clone();
    assert_eq!(options["max_amount"], 60_000, "{options}");
    let second = init(&payer, invoice, None).await;
    assert_eq!(second["amount"], 60_000);
    app.sandbox.decide(&transaction_of(&second), Outcome::Accept, "OM").await.expect("decide");
    drain(&app).await;
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 100_000));
    let listed = payer.get(&format!("/api/payments/?invoice={invoice}&status=accepted")).await;
    assert_eq!(listed.body["count"], 2, "{}", listed.text);
}

#[actix_web::test]
async fn without_instalments_only_the_whole_balance_is_accepted() {
    let Setup { app: _app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 100_000).await;
    let switched =
        admin.patch(&format!("/api/clients/{client_id}/"), &json!({"partial_payments_allowed": false})).await;
    assert_eq!(switched.status, 200, "{}", switched.text);
    let refused = payer.post("/api/payments/init/", &json!({"invoice_id": invoice, "amount": 40_000})).await;
    assert_eq!(refused.status, 400);
    assert!(refused.body["amount"][0].as_str().is_some_and(|m| m.contains("plusieurs fois")), "{}", refused.text);
    let options = payer.get(&format!("/api/invoices/{invoice}/")).await.body["online_payment"].clone();
    assert_eq!(options["partial_allowed"], false);
    assert_eq!(options["min_amount"], 100_000);
    init(&payer, invoice, None).await;
    // Only NOURX staff switch it.
    let by_owner = payer.patch(&format!("/api/clients/{client_id}/"), &json!({"partial_payments_allowed": true})).await;
    assert_eq!(by_owner.status, 403);
}

#[actix_web::test]
async fn concurrent_starts_and_late_acceptances_cannot_overpay() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 100_000).await;
    let body = json!({"invoice_id": invoice, "amount": 60_000});
    let starts = (0..5).map(|_| payer.post("/api/payments/init/", &body));
    let answers = futures_util::future::join_all(starts).await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 4, "{statuses:?}");
    let conflict = answers.iter().find(|a| a.status == 409).map(|a| a.body.clone()).unwrap_or_default();
    assert_eq!(conflict["code"], "payment_in_progress");
    // (Its checkout URL is null while CinetPay has not answered the first start yet.)
    assert!(conflict["payment_id"].is_string() && conflict.get("checkout_url").is_some(), "{conflict}");
    let first = answers.iter().find(|a| a.status == 201).map(|a| a.body.clone()).unwrap_or_default();

    // Twenty minutes later the first page is abandoned; a new payment of the whole balance starts.
    let first_id = id_of(&first);
    app.with_conn(move |conn| {
        diesel::update(payments::table.find(first_id))
            .set(payments::created_at.eq(chrono::Utc::now() - chrono::Duration::minutes(20)))
            .execute(conn)
            .expect("older")
    })
    .await;
    let second = init(&payer, invoice, None).await;
    assert_eq!(second["amount"], 100_000);
    app.sandbox.decide(&transaction_of(&second), Outcome::Accept, "OM").await.expect("decide");
    drain(&app).await;
    // …and then the first one is paid too: the money is flagged for an admin, never applied.
    app.sandbox.decide(&transaction_of(&first), Outcome::Accept, "OM").await.expect("decide");
    drain(&app).await;
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 100_000));
    assert_eq!(payment_status(&app, first_id).await, "flagged");
}

#[actix_web::test]
async fn the_status_endpoint_rechecks_at_most_every_few_seconds() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 25_000).await;
    let payment = init(&payer, invoice, None).await;
    let payment_id = id_of(&payment);
    let path = format!("/api/payments/{payment_id}/status/");
    let before = app.sandbox.check_count();
    assert_eq!(payer.get(&path).await.body["status"], "pending");
    assert_eq!(app.sandbox.check_count(), before + 1);
    assert_eq!(payer.get(&path).await.body["status"], "pending");
    assert_eq!(app.sandbox.check_count(), before + 1, "within the interval CinetPay is not asked again");

    app.sandbox.set_faults(Faults { lose_notifications: true, ..Faults::default() });
    app.sandbox.decide(&transaction_of(&payment), Outcome::Accept, "OM").await.expect("decide");
    app.with_conn(move |conn| {
        diesel::update(payments::table.find(payment_id))
            .set(payments::last_checked_at.eq(chrono::Utc::now() - chrono::Duration::seconds(10)))
            .execute(conn)
            .expect("older check")
    })
    .await;
    let after = payer.get(&path).await;
    assert_eq!(after.body["status"], "accepted", "{}", after.text);
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 25_000));

    // CinetPay's return (a browser POST from its page) only redirects to the portal.
    let back = app
        .client()
        .request(reqwest::Method::POST, "/api/payments/return/")
        .body(format!("transaction_id={}&token=abc", transaction_of(&payment)), "application/x-www-form-urlencoded")
        .without_csrf()
        .send()
        .await;
    assert_eq!(back.status, 303);
    assert_eq!(back.header("location"), Some(format!("{}/paiements/{payment_id}", app.config.public_web_url).as_str()));
    let ping = app.client().get("/api/payments/webhook/").await;
    assert_eq!((ping.status, ping.text.as_str()), (200, "OK"));
}

#[actix_web::test]
async fn only_the_client_s_people_who_take_part_pay_and_others_see_nothing() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 15_000).await;
    let viewer = app.login(&app.member_of(client_id, MemberRole::Viewer).await).await;
    assert_eq!(viewer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await.status, 403);
    assert_eq!(admin.post("/api/payments/init/", &json!({"invoice_id": invoice})).await.status, 403);
    let member = app.login(&app.member_of(client_id, MemberRole::Member).await).await;
    let payment = init(&member, invoice, None).await;
    let payment_id = id_of(&payment);

    let (_, stranger) = app.client_with_owner().await;
    let stranger = app.login(&stranger).await;
    assert_eq!(stranger.post("/api/payments/init/", &json!({"invoice_id": invoice})).await.status, 404);
    for path in ["", "status/", "receipt/"] {
        let response = stranger.get(&format!("/api/payments/{payment_id}/{path}")).await;
        assert_eq!(response.status, 404, "{path}: {}", response.text);
    }
    assert_eq!(stranger.get("/api/payments/").await.body["count"], 0);
    assert_eq!(payer.get("/api/payments/").await.body["count"], 1);
    assert_eq!(admin.get(&format!("/api/payments/?client={client_id}")).await.body["count"], 1);
    // Bad input: clear 400s.
    let bad = payer.post("/api/payments/init/", &json!({"invoice_id": "nope"})).await;
    assert_eq!(bad.status, 400, "{}", bad.text);
    let bad_channel = payer.post("/api/payments/init/", &json!({"invoice_id": invoice, "channel": "CASH"})).await;
    assert_eq!(bad_channel.status, 400, "{}", bad_channel.text);
    assert_eq!(payer.get("/api/payments/?status=paid").await.status, 400);
    assert_eq!(payer.get("/api/payments/?date_from=yesterday").await.status, 400);
}

#[actix_web::test]
async fn a_worker_killed_between_check_and_commit_is_finished_once_by_another() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let invoice = sent_invoice(&admin, client_id, 100_000).await;
    let payment = init(&payer, invoice, None).await;
    let payment_id = id_of(&payment);

    // Hold the invoice row: the worker's settlement transaction, which locks it after CinetPay's
    // check has answered, will wait there.
    let url = app.database_url().to_owned();
    let (locked_tx, locked_rx) = std::sync::mpsc::channel::<()>();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let mut conn = PgConnection::establish(&url).expect("connection");
        conn.transaction(|conn| {
            diesel::sql_query(format!("SELECT 1 FROM invoices WHERE id = '{invoice}' FOR UPDATE")).execute(conn)?;
            let _ = locked_tx.send(());
            let _ = release_rx.recv();
            Ok::<_, diesel::result::Error>(())
        })
        .expect("holding transaction");
    });
    locked_rx.recv().expect("locked");
    app.sandbox.set_faults(Faults { lose_notifications: false, ..Faults::default() });
    app.sandbox.decide(&transaction_of(&payment), Outcome::Accept, "OM").await.expect("decide");

    let data_dir = tempfile::tempdir().expect("data dir");
    let credentials = app.sandbox.credentials();
    let checks_before = app.sandbox.check_count();
    let mut worker = std::process::Command::new(env!("CARGO_BIN_EXE_nourx"))
        .arg("worker")
        .env("DATABASE_URL", app.database_url())
        .env("NOURX_DATA_DIR", data_dir.path())
        .env("CINETPAY_BASE_URL", app.sandbox.base_url())
        .env("CINETPAY_CA_FILE", app.sandbox.ca_file().expect("HTTPS"))
        .env("CINETPAY_API_KEY", &credentials.api_key)
        .env("CINETPAY_SITE_ID", &credentials.site_id)
        .env("CINETPAY_SECRET_KEY", &credentials.secret_key)
        .env("NOURX_WORKER_LEASE_SECONDS", "2")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start nourx worker");
    // Its check is answered, then it waits on our lock, inside its settlement.
    let started = std::time::Instant::now();
    while app.sandbox.check_count() == checks_before {
        assert!(started.elapsed() < Duration::from_secs(30), "the worker never asked CinetPay");
        assert!(worker.try_wait().expect("worker state").is_none(), "the worker stopped by itself");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    worker.kill().expect("SIGKILL"); // std's kill is SIGKILL on Unix
    worker.wait().expect("reap");
    let _ = release_tx.send(());
    holder.join().expect("holder");

    assert_eq!(payment_status(&app, payment_id).await, "pending", "the killed settlement was rolled back");
    assert_eq!(invoice_state(&app, invoice).await, ("sent".to_owned(), 0));
    // Once its lease has run out, another worker takes the job over and settles, once.
    actix_web::rt::time::sleep(Duration::from_millis(2_500)).await;
    assert_eq!(drain(&app).await, 1);
    assert_eq!(payment_status(&app, payment_id).await, "accepted");
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 100_000));
    assert_eq!(settlements(&app, payment_id).await, 1);
    assert_eq!(receipt_emails(&app).await.len(), 1);
}

#[actix_web::test]
async fn admins_set_the_rules_and_credentials_and_secrets_never_come_back() {
    let Setup { app, admin, client_id, payer, .. } = setup().await;
    let settings = admin.get("/api/admin/settings/payments/").await;
    assert_eq!(settings.status, 200, "{}", settings.text);
    assert_eq!(settings.body["min_instalment"], 100);
    assert_eq!(settings.body["cinetpay_secret_key_set"], true);
    assert_eq!(settings.body["cinetpay_source"], "environment");
    assert_eq!(payer.get("/api/admin/settings/payments/").await.status, 403);

    let bad = admin.patch("/api/admin/settings/payments/", &json!({"min_instalment": 102})).await;
    assert_eq!(bad.status, 400, "{}", bad.text);
    let secret = "a-new-secret-from-the-back-office";
    let changed = admin
        .patch("/api/admin/settings/payments/", &json!({"min_instalment": 5_000, "cinetpay_secret_key": secret}))
        .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert!(!changed.text.contains(secret), "secrets are write-only");
    assert_eq!(changed.body["cinetpay_source"], "settings");
    let audit: Vec<serde_json::Value> = app
        .with_conn(|conn| {
            audit_log::table
                .filter(audit_log::action.eq("settings.payments.update"))
                .select(audit_log::diff)
                .load(conn)
                .expect("audit")
        })
        .await;
    assert!(!audit[0].to_string().contains(secret), "{audit:?}");

    // The new minimum applies to instalments…
    let invoice = sent_invoice(&admin, client_id, 100_000).await;
    let small = payer.post("/api/payments/init/", &json!({"invoice_id": invoice, "amount": 1_000})).await;
    assert_eq!(small.status, 400, "{}", small.text);
    // …and the stored secret to notifications: the sandbox still signs with the old one.
    let payment = init(&payer, invoice, Some(10_000)).await;
    app.sandbox.decide(&transaction_of(&payment), Outcome::Accept, "OM").await.expect("decide");
    assert_eq!(drain(&app).await, 0, "a token signed with another secret is refused");
    // Back to the environment's secret.
    let reset = admin.patch("/api/admin/settings/payments/", &json!({"cinetpay_secret_key": ""})).await;
    assert_eq!(reset.body["cinetpay_source"], "environment", "{}", reset.text);

    // Dead jobs are listed for admins and can be retried.
    let dead = admin.get("/api/admin/jobs/?status=dead").await;
    assert_eq!(dead.status, 200, "{}", dead.text);
    assert_eq!(payer.get("/api/admin/jobs/").await.status, 403);
}

/// The one payment row's status, CinetPay code and message.
async fn only_payment(app: &TestApp) -> (String, String, Option<String>) {
    let rows: Vec<(String, String, Option<String>)> = app
        .with_conn(|conn| {
            payments::table
                .select((payments::status, payments::transaction_id, payments::last_message))
                .load(conn)
                .expect("payments")
        })
        .await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows.into_iter().next().expect("one payment")
}

#[actix_web::test]
async fn a_cinetpay_certificate_from_another_authority_is_refused_and_logged() {
    let logs = capture_logs();
    // The API trusts another sandbox's authority, not the one its sandbox's certificate is from.
    let other = Sandbox::start(SandboxConfig::demo(), "127.0.0.1:0").await.expect("another sandbox");
    let other_authority = other.ca_file().expect("HTTPS").to_path_buf();
    let app = TestApp::with_config(|config| config.cinetpay.ca_file = Some(other_authority)).await;
    let Setup { app, admin, client_id, payer, .. } = setup_with(app).await;
    let invoice = sent_invoice(&admin, client_id, 10_000).await;

    let response = payer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await;
    assert_eq!(response.status, 503, "{}", response.text);
    assert_eq!(response.body["code"], "payment_provider_unavailable");
    assert!(!response.text.contains("certificate"), "the payer is not told the details: {}", response.text);

    let (status, transaction, message) = only_payment(&app).await;
    assert_eq!(status, "failed");
    let message = message.unwrap_or_default();
    assert!(message.contains("TLS certificate refused") && message.contains("UnknownIssuer"), "{message}");
    assert!(app.sandbox.transaction(&transaction).is_none(), "nothing reached the sandbox");
    let log = logs.text();
    let line = log.lines().find(|line| line.contains(&transaction) || line.contains("TLS certificate refused"));
    let line = line.unwrap_or_else(|| panic!("no log line about the refused certificate in:\n{log}"));
    assert!(line.contains("ERROR") && line.contains("certificate"), "{line}");
    other.stop().await;
}

#[actix_web::test]
async fn a_checkout_url_off_cinetpays_host_is_not_followed() {
    let logs = capture_logs();
    // A CinetPay (the sandbox) that answers checkout pages on another host.
    let elsewhere = SandboxConfig { public_url: Some("https://pay.evil.example".to_owned()), ..SandboxConfig::demo() };
    let cinetpay = Sandbox::start(elsewhere, "127.0.0.1:0").await.expect("sandbox");
    let (base_url, authority) = (cinetpay.base_url().to_owned(), cinetpay.ca_file().expect("HTTPS").to_path_buf());
    let app = TestApp::with_config(|config| {
        config.cinetpay.base_url = base_url;
        config.cinetpay.ca_file = Some(authority);
    })
    .await;
    let Setup { app, admin, client_id, payer, .. } = setup_with(app).await;
    let invoice = sent_invoice(&admin, client_id, 10_000).await;

    let response = payer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await;
    assert_eq!(response.status, 503, "{}", response.text);
    assert_eq!(response.body["code"], "payment_provider_unavailable");
    assert!(!response.text.contains("evil.example"), "{}", response.text);
    let (status, transaction, message) = only_payment(&app).await;
    assert_eq!(status, "failed");
    assert!(message.unwrap_or_default().contains("pay.evil.example"));
    // CinetPay did create it; the payer was simply not sent there.
    assert!(cinetpay.transaction(&transaction).is_some());
    let log = logs.text();
    assert!(
        log.lines()
            .any(|line| line.contains("ERROR") && line.contains("checkout URL") && line.contains("pay.evil.example")),
        "{log}"
    );
    cinetpay.stop().await;
}
