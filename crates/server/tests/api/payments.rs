//! Online payments end to end: the API, the CinetPay sandbox speaking the real protocol over
//! HTTPS through its test authority, as production talks to CinetPay (init, checkout decision,
//! signed notifications, check), the job queue and its worker, on a real database. Every fault
//! scenario asserts one settlement and a correct invoice balance.

use std::time::Duration;

use diesel::Connection;
use diesel::prelude::*;
use insta::{assert_json_snapshot, assert_snapshot};
use nourx_api::payments::{Trigger, recheck};
use nourx_cinetpay_sandbox::{Faults, Outcome, Sandbox, SandboxConfig};
use nourx_db::schema::{audit_log, invoices, payment_checks, payment_notifications, payments};
use nourx_testkit::{Actor, InvoiceBuilder, MemberRole, PaymentBuilder, Record, Tenant, TestApp, capture_logs};
use serde_json::{Value, json};
use uuid::Uuid;

fn test_worker(app: &TestApp) -> nourx_jobs::Worker {
    app.worker(nourx_jobs::WorkerConfig { lease: Duration::from_secs(60), ..Default::default() })
}

/// A sent invoice "Site vitrine" of `total` FCFA (one line, no VAT).
async fn sent_invoice(app: &TestApp, tenant: &Tenant, total: i64) -> Uuid {
    let invoice = InvoiceBuilder::new(tenant).title("Site vitrine").exempt_line("Forfait", "1", total);
    invoice.sent().build(app).await.id
}

/// A client's owner paying its invoices, and NOURX staff.
struct Setup {
    app: TestApp,
    admin: Actor,
    tenant: Tenant,
    payer: Actor,
}

async fn setup() -> Setup {
    setup_with(TestApp::new().await).await
}

async fn setup_with(app: TestApp) -> Setup {
    let admin = app.staff().await;
    let tenant = app.tenant().await;
    let payer = app.owner(&tenant).await;
    Setup { app, admin, tenant, payer }
}

/// A payment of the whole balance started by `payer` (pending on CinetPay's checkout page).
async fn start(app: &TestApp, payer: &Actor, invoice: Uuid) -> Record {
    PaymentBuilder::new(payer, invoice).build(app).await
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
    app.count_where("audit_log", format!("action = 'payment.settled' AND entity_id = '{payment}'")).await
}

/// (recipient, subject) of every receipt email.
async fn receipt_emails(app: &TestApp) -> Vec<(String, String)> {
    let emails = app.emails().await.into_iter().filter(|email| email.template == "payment_receipt");
    emails.map(|email| (email.to, email.subject)).collect()
}

#[actix_web::test]
async fn a_client_pays_an_invoice_through_the_checkout_page() {
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 150_000).await;

    let detail = payer.get(&format!("/api/invoices/{invoice}/")).await;
    assert_eq!(detail.body["online_payment"]["can_pay"], true, "{}", detail.text);
    assert_eq!(detail.body["online_payment"]["max_amount"], 150_000);

    let payment = start(&app, &payer, invoice).await;
    let payment_id = payment.id;
    assert_eq!(payment["status"], "pending");
    assert_eq!(payment["amount"], 150_000);
    let checkout = payment.str("checkout_url").to_owned();
    assert!(checkout.starts_with(&format!("{}/payment/", app.sandbox.public_url())), "{checkout}");
    assert!(checkout.starts_with("https://127.0.0.1:"), "{checkout}");
    // The hosted page really is there, over HTTPS, in French, with the amount.
    let page = app.sandbox.http_client().get(&checkout).send().await.expect("checkout page");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("150\u{202f}000") || html.contains("150 000"), "{html}");

    // The payer accepts with Orange Money: ping, then a signed notification reach our webhook.
    app.sandbox.decide(payment.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");
    let journal: Vec<String> = app
        .with_conn(|conn| {
            payment_notifications::table.select(payment_notifications::verdict).load(conn).expect("journal")
        })
        .await;
    assert!(journal.contains(&"ping".to_owned()) && journal.contains(&"valid".to_owned()), "{journal:?}");
    // The notification decided nothing by itself.
    assert_eq!(payment_status(&app, payment_id).await, "pending");

    assert_eq!(app.drain_jobs().await, 1, "one re-check job");
    assert_eq!(payment_status(&app, payment_id).await, "accepted");
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 150_000));
    assert_eq!(settlements(&app, payment_id).await, 1);

    let seen = payer.get(&format!("/api/payments/{payment_id}/")).await;
    assert_eq!(seen.body["status"], "accepted");
    assert_eq!(seen.body["method_label"], "Orange Money");
    assert!(seen.body["receipt_number"].as_str().is_some_and(|n| n.starts_with("REC-")), "{}", seen.text);
    assert_eq!(seen.body["checkout_url"], Value::Null);

    let emails = receipt_emails(&app).await;
    let owner = &payer.user;
    assert!(emails.iter().any(|(to, subject)| to == &owner.email && subject.contains("Paiement reçu")), "{emails:?}");
    assert_snapshot!("payment_receipt_email", app.last_email_to(&owner.email, "payment_receipt").await.redacted());
    let bell = payer.get("/api/notifications/").await;
    assert_eq!(bell.body["unread_count"], 1, "{}", bell.text);
    assert_eq!(bell.body["results"][0]["kind"], "payment.accepted");

    let receipt = payer.get(&format!("/api/payments/{payment_id}/receipt/")).await.assert_status(200);
    assert_eq!(receipt.header("content-type"), Some("application/pdf"));
    assert!(receipt.text.starts_with("%PDF"));

    // The invoice is paid: nothing left to pay online.
    let detail = payer.get(&format!("/api/invoices/{invoice}/")).await;
    assert_eq!(detail.body["online_payment"]["can_pay"], false);
    let paid = payer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await.assert_status(409);
    assert_json_snapshot!("pay_a_paid_invoice", paid.snapshot());
}

#[actix_web::test]
async fn the_same_notification_fifty_times_at_once_settles_once() {
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 100_000).await;
    let payment = start(&app, &payer, invoice).await;
    let payment_id = payment.id;
    app.sandbox.set_faults(Faults { duplicate_notifications: 49, ..Faults::default() });
    app.sandbox.decide(payment.str("transaction_id"), Outcome::Accept, "MOMO").await.expect("decide");
    let valid = app.count_where("payment_notifications", format!("verdict = 'valid' AND payment_id = '{payment_id}'"));
    assert_eq!(valid.await, 50, "every notification is journaled");

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
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 50_000).await;
    let payment = start(&app, &payer, invoice).await;
    let (payment_id, transaction) = (payment.id, payment.str("transaction_id"));
    // A stale WAITING notification arrives after the final one.
    app.sandbox.set_faults(Faults { out_of_order: true, ..Faults::default() });
    app.sandbox.decide(transaction, Outcome::Accept, "OM").await.expect("decide");
    app.drain_jobs().await;
    assert_eq!(payment_status(&app, payment_id).await, "accepted");

    for stale in ["REFUSED", "WAITING_FOR_CUSTOMER"] {
        app.sandbox.set_status(transaction, stale).expect("status");
        app.sandbox.notify(transaction).await.expect("notify");
        app.drain_jobs().await;
        assert_eq!(payment_status(&app, payment_id).await, "accepted", "after a {stale} notification");
    }
    assert_eq!(settlements(&app, payment_id).await, 1);
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 50_000));
}

#[actix_web::test]
async fn a_refusal_is_final_for_that_payment_and_the_client_may_try_again() {
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 20_000).await;
    let payment = start(&app, &payer, invoice).await;
    app.sandbox.decide(payment.str("transaction_id"), Outcome::Refuse, "OM").await.expect("decide");
    app.drain_jobs().await;
    assert_eq!(payment_status(&app, payment.id).await, "refused");
    assert_eq!(invoice_state(&app, invoice).await, ("sent".to_owned(), 0));
    // A refused payment does not block a new one.
    let again = start(&app, &payer, invoice).await;
    assert_ne!(again["id"], payment["id"]);
}

#[actix_web::test]
async fn a_forged_notification_is_journaled_answered_and_ignored() {
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 30_000).await;
    let payment = start(&app, &payer, invoice).await;
    let payment_id = payment.id;
    app.sandbox.set_faults(Faults { wrong_token: true, ..Faults::default() });
    app.sandbox.decide(payment.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");

    // A hand-made one too, without any token.
    let forged = app
        .client()
        .request(reqwest::Method::POST, "/api/payments/webhook/")
        .body(
            format!(
                "cpm_site_id=105900&cpm_trans_id={}&cpm_amount=30000&cpm_currency=XOF",
                payment.str("transaction_id")
            ),
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
    assert_eq!(app.drain_jobs().await, 0, "nothing queued");
    assert_eq!(payment_status(&app, payment_id).await, "pending");
    assert_eq!(invoice_state(&app, invoice).await, ("sent".to_owned(), 0));
}

#[actix_web::test]
async fn a_lost_notification_is_settled_by_the_reconciliation() {
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 75_000).await;
    let payment = start(&app, &payer, invoice).await;
    let payment_id = payment.id;
    app.sandbox.set_faults(Faults { lose_notifications: true, ..Faults::default() });
    app.sandbox.decide(payment.str("transaction_id"), Outcome::Accept, "WAVECI").await.expect("decide");
    assert_eq!(app.drain_jobs().await, 0);
    // Not due yet: the first check is a minute after the start.
    assert_eq!(nourx_api::payments::jobs::reconcile(&app.state.payments).await.expect("reconcile"), 0);
    app.sql(format!("UPDATE payments SET next_check_at = now() - interval '1 second' WHERE id = '{payment_id}'")).await;
    assert_eq!(nourx_api::payments::jobs::reconcile(&app.state.payments).await.expect("reconcile"), 1);
    assert_eq!(app.drain_jobs().await, 1);
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
        let Setup { app, admin, tenant, payer } = setup().await;
        let invoice = sent_invoice(&app, &tenant, 60_000).await;
        let payment = start(&app, &payer, invoice).await;
        let payment_id = payment.id;
        app.sandbox.set_faults(faults.clone());
        app.sandbox.decide(payment.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");
        app.drain_jobs().await;
        assert_eq!(payment_status(&app, payment_id).await, "flagged", "{faults:?}");
        assert_eq!(invoice_state(&app, invoice).await, ("sent".to_owned(), 0));
        assert_eq!(settlements(&app, payment_id).await, 0);
        let admin_bell = admin.get("/api/notifications/").await;
        assert_eq!(admin_bell.body["results"][0]["kind"], "payment.flagged", "{}", admin_bell.text);
        let seen = admin.get(&format!("/api/payments/{payment_id}/")).await;
        assert!(seen.body["flag_reason"].as_str().is_some_and(|r| !r.is_empty()), "{}", seen.text);
        // The client does not see the internal reason.
        assert_eq!(payer.get(&format!("/api/payments/{payment_id}/")).await.body["flag_reason"], Value::Null);
        let receipt = payer.get(&format!("/api/payments/{payment_id}/receipt/")).await.assert_status(409);
        assert_json_snapshot!("receipt_of_a_flagged_payment", receipt.snapshot());
    }
}

#[actix_web::test]
async fn a_failing_check_endpoint_is_retried_until_it_recovers() {
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 45_000).await;
    let payment = start(&app, &payer, invoice).await;
    let payment_id = payment.id;
    app.sandbox.set_faults(Faults { failing_checks: 2, ..Faults::default() });
    app.sandbox.decide(payment.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");
    for _ in 0..2 {
        assert_eq!(app.drain_jobs().await, 1);
        assert_eq!(payment_status(&app, payment_id).await, "pending");
        // The retry waits with back-off; make it due now.
        app.sql("UPDATE jobs SET run_at = now() WHERE status = 'queued'").await;
    }
    assert_eq!(app.drain_jobs().await, 1);
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
    let Setup { app, tenant, payer, .. } = setup_with(app).await;
    let invoice = sent_invoice(&app, &tenant, 10_000).await;
    let response = payer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await;
    let response = response.assert_error(503, "payment_provider_unavailable");
    assert!(response.body["detail"].as_str().is_some_and(|d| d.contains("indisponible")), "{}", response.text);
    assert_json_snapshot!("payment_provider_unavailable", response.snapshot());
    let statuses: Vec<String> =
        app.with_conn(|conn| payments::table.select(payments::status).load(conn).expect("payments")).await;
    assert_eq!(statuses, ["failed"]);
    // The sandbox up but refusing: same answer, and a failed start blocks nothing.
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 10_000).await;
    app.sandbox.set_faults(Faults { init_unavailable: true, ..Faults::default() });
    assert_eq!(payer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await.status, 503);
    app.sandbox.set_faults(Faults::default());
    start(&app, &payer, invoice).await;
}

#[actix_web::test]
async fn two_instalments_settle_the_invoice_and_bad_amounts_are_400() {
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 100_000).await;
    for (amount, field_error) in [(100_005, "dépasse"), (40_002, "multiple de 5"), (50, "minimum"), (0, "positif")] {
        let response = payer.post("/api/payments/init/", &json!({"invoice_id": invoice, "amount": amount})).await;
        let response = response.assert_field_error("amount");
        assert!(response.body["amount"][0].as_str().is_some_and(|m| m.contains(field_error)), "{}", response.text);
        assert_json_snapshot!(format!("instalment_of_{amount}"), response.snapshot());
    }
    let first = PaymentBuilder::new(&payer, invoice).amount(40_000).build(&app).await;
    app.sandbox.decide(first.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");
    app.drain_jobs().await;
    assert_eq!(invoice_state(&app, invoice).await, ("partially_paid".to_owned(), 40_000));
    let options = payer.get(&format!("/api/invoices/{invoice}/")).await.body["online_payment"].clone();
    assert_eq!(options["max_amount"], 60_000, "{options}");
    let second = start(&app, &payer, invoice).await;
    assert_eq!(second["amount"], 60_000);
    app.sandbox.decide(second.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");
    app.drain_jobs().await;
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 100_000));
    let listed = payer.get(&format!("/api/payments/?invoice={invoice}&status=accepted")).await;
    assert_eq!(listed.body["count"], 2, "{}", listed.text);
}

#[actix_web::test]
async fn without_instalments_only_the_whole_balance_is_accepted() {
    let Setup { app, admin, tenant, payer } = setup().await;
    let client_id = tenant.id;
    let invoice = sent_invoice(&app, &tenant, 100_000).await;
    let switched =
        admin.patch(&format!("/api/clients/{client_id}/"), &json!({"partial_payments_allowed": false})).await;
    switched.assert_status(200);
    let refused = payer.post("/api/payments/init/", &json!({"invoice_id": invoice, "amount": 40_000})).await;
    let refused = refused.assert_field_error("amount");
    assert!(refused.body["amount"][0].as_str().is_some_and(|m| m.contains("plusieurs fois")), "{}", refused.text);
    assert_json_snapshot!("instalments_not_allowed", refused.snapshot());
    let options = payer.get(&format!("/api/invoices/{invoice}/")).await.body["online_payment"].clone();
    assert_eq!(options["partial_allowed"], false);
    assert_eq!(options["min_amount"], 100_000);
    start(&app, &payer, invoice).await;
    // Only NOURX staff switch it.
    let by_owner = payer.patch(&format!("/api/clients/{client_id}/"), &json!({"partial_payments_allowed": true})).await;
    assert_eq!(by_owner.status, 403);
}

#[actix_web::test]
async fn concurrent_starts_and_late_acceptances_cannot_overpay() {
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 100_000).await;
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
    let first = answers.iter().find(|a| a.status == 201).expect("one start");

    // Twenty minutes later the first page is abandoned; a new payment of the whole balance starts.
    let first_id = first.id();
    app.sql(format!("UPDATE payments SET created_at = now() - interval '20 minutes' WHERE id = '{first_id}'")).await;
    let second = start(&app, &payer, invoice).await;
    assert_eq!(second["amount"], 100_000);
    app.sandbox.decide(second.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");
    app.drain_jobs().await;
    // …and then the first one is paid too: the money is flagged for an admin, never applied.
    app.sandbox.decide(first.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");
    app.drain_jobs().await;
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 100_000));
    assert_eq!(payment_status(&app, first_id).await, "flagged");
}

#[actix_web::test]
async fn the_status_endpoint_rechecks_at_most_every_few_seconds() {
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 25_000).await;
    let payment = start(&app, &payer, invoice).await;
    let payment_id = payment.id;
    let path = format!("/api/payments/{payment_id}/status/");
    let before = app.sandbox.check_count();
    assert_eq!(payer.get(&path).await.body["status"], "pending");
    assert_eq!(app.sandbox.check_count(), before + 1);
    assert_eq!(payer.get(&path).await.body["status"], "pending");
    assert_eq!(app.sandbox.check_count(), before + 1, "within the interval CinetPay is not asked again");

    app.sandbox.set_faults(Faults { lose_notifications: true, ..Faults::default() });
    app.sandbox.decide(payment.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");
    let older_check = "UPDATE payments SET last_checked_at = now() - interval '10 seconds' WHERE id = ";
    app.sql(format!("{older_check}'{payment_id}'")).await;
    let after = payer.get(&path).await;
    assert_eq!(after.body["status"], "accepted", "{}", after.text);
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 25_000));

    // CinetPay's return (a browser POST from its page) only redirects to the portal.
    let back = app
        .client()
        .request(reqwest::Method::POST, "/api/payments/return/")
        .body(
            format!("transaction_id={}&token=abc", payment.str("transaction_id")),
            "application/x-www-form-urlencoded",
        )
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
    let Setup { app, admin, tenant, payer } = setup().await;
    let client_id = tenant.id;
    let invoice = sent_invoice(&app, &tenant, 15_000).await;
    let viewer = app.viewer(&tenant).await;
    let refused = viewer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await.assert_status(403);
    assert_json_snapshot!("viewer_pays", refused.snapshot());
    let refused = admin.post("/api/payments/init/", &json!({"invoice_id": invoice})).await.assert_status(403);
    assert_json_snapshot!("staff_pays", refused.snapshot());
    let member = app.member(&tenant, MemberRole::Member).await;
    let payment = start(&app, &member, invoice).await;
    let payment_id = payment.id;

    let stranger = app.client_owner().await;
    assert_eq!(stranger.post("/api/payments/init/", &json!({"invoice_id": invoice})).await.status, 404);
    for path in ["", "status/", "receipt/"] {
        stranger.get(&format!("/api/payments/{payment_id}/{path}")).await.assert_status(404);
    }
    assert_eq!(stranger.get("/api/payments/").await.body["count"], 0);
    assert_eq!(payer.get("/api/payments/").await.body["count"], 1);
    assert_eq!(admin.get(&format!("/api/payments/?client={client_id}")).await.body["count"], 1);
    // Bad input: clear 400s.
    let bad = payer.post("/api/payments/init/", &json!({"invoice_id": "nope"})).await;
    assert_json_snapshot!("malformed_invoice_id", bad.assert_status(400).snapshot());
    let bad_channel = payer.post("/api/payments/init/", &json!({"invoice_id": invoice, "channel": "CASH"})).await;
    assert_json_snapshot!("unknown_channel", bad_channel.assert_status(400).snapshot());
    let bad_status = payer.get("/api/payments/?status=paid").await.assert_status(400);
    assert_json_snapshot!("unknown_payment_status", bad_status.snapshot());
    payer.get("/api/payments/?date_from=yesterday").await.assert_status(400);
}

#[actix_web::test]
async fn a_worker_killed_between_check_and_commit_is_finished_once_by_another() {
    let Setup { app, tenant, payer, .. } = setup().await;
    let invoice = sent_invoice(&app, &tenant, 100_000).await;
    let payment = start(&app, &payer, invoice).await;
    let payment_id = payment.id;

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
    app.sandbox.decide(payment.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");

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
    assert_eq!(app.drain_jobs().await, 1);
    assert_eq!(payment_status(&app, payment_id).await, "accepted");
    assert_eq!(invoice_state(&app, invoice).await, ("paid".to_owned(), 100_000));
    assert_eq!(settlements(&app, payment_id).await, 1);
    assert_eq!(receipt_emails(&app).await.len(), 1);
}

#[actix_web::test]
async fn admins_set_the_rules_and_credentials_and_secrets_never_come_back() {
    let Setup { app, admin, tenant, payer } = setup().await;
    let settings = admin.get("/api/admin/settings/payments/").await.assert_status(200);
    assert_eq!(settings.body["min_instalment"], 100);
    assert_eq!(settings.body["cinetpay_secret_key_set"], true);
    assert_eq!(settings.body["cinetpay_source"], "environment");
    assert_eq!(payer.get("/api/admin/settings/payments/").await.status, 403);

    let bad = admin.patch("/api/admin/settings/payments/", &json!({"min_instalment": 102})).await;
    assert_json_snapshot!("minimum_instalment_not_a_multiple_of_5", bad.assert_status(400).snapshot());
    let secret = "a-new-secret-from-the-back-office";
    let changed = admin
        .patch("/api/admin/settings/payments/", &json!({"min_instalment": 5_000, "cinetpay_secret_key": secret}))
        .await
        .assert_status(200);
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
    let invoice = sent_invoice(&app, &tenant, 100_000).await;
    let small = payer.post("/api/payments/init/", &json!({"invoice_id": invoice, "amount": 1_000})).await;
    small.assert_field_error("amount");
    // …and the stored secret to notifications: the sandbox still signs with the old one.
    let payment = PaymentBuilder::new(&payer, invoice).amount(10_000).build(&app).await;
    app.sandbox.decide(payment.str("transaction_id"), Outcome::Accept, "OM").await.expect("decide");
    assert_eq!(app.drain_jobs().await, 0, "a token signed with another secret is refused");
    // Back to the environment's secret.
    let reset = admin.patch("/api/admin/settings/payments/", &json!({"cinetpay_secret_key": ""})).await;
    assert_eq!(reset.body["cinetpay_source"], "environment", "{}", reset.text);

    // Dead jobs are listed for admins and can be retried.
    admin.get("/api/admin/jobs/?status=dead").await.assert_status(200);
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
    let Setup { app, tenant, payer, .. } = setup_with(app).await;
    let invoice = sent_invoice(&app, &tenant, 10_000).await;

    let response = payer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await;
    let response = response.assert_error(503, "payment_provider_unavailable");
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
    let Setup { app, tenant, payer, .. } = setup_with(app).await;
    let invoice = sent_invoice(&app, &tenant, 10_000).await;

    let response = payer.post("/api/payments/init/", &json!({"invoice_id": invoice})).await;
    let response = response.assert_error(503, "payment_provider_unavailable");
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
