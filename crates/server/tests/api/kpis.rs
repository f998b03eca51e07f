//! The back-office's figures (`/api/admin/kpis/`) against hand-built data with known answers.

use insta::assert_json_snapshot;
use nourx_testkit::{
    InvoiceBuilder, MilestoneBuilder, OfflinePaymentBuilder, PaymentBuilder, ProjectBuilder, TestApp, TicketBuilder,
};
use serde_json::{Value, json};

/// 1 × 100 000 HT at 18 %: every invoice below is 118 000 TTC.
const TTC: i64 = 118_000;

/// A period from mid-January to 10 March 2025: it cuts through three months.
const PERIOD: &str = "/api/admin/kpis/?period=custom&from=2025-01-15&to=2025-03-10";

#[actix_web::test]
async fn figures_over_a_period_that_cuts_through_months() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    app.sql(format!("UPDATE clients SET partial_payments_allowed = true WHERE id = '{}'", tenant.id)).await;
    let invoice = || InvoiceBuilder::new(&tenant);

    // Before the period, partly paid in it: 68 000 left, 49 days late on 10 March (31–60).
    let partly_paid = invoice().issued("2025-01-10", "2025-01-20").build(&app).await;
    PaymentBuilder::new(&owner, partly_paid.id).amount(50_000).settled_at("2025-02-01T10:00:00Z").build(&app).await;
    // First day of the period, unpaid: 30 days late (0–30).
    invoice().issued("2025-01-15", "2025-02-08").build(&app).await;
    // Last day of the period, unpaid, not due yet.
    invoice().issued("2025-03-10", "2025-04-09").build(&app).await;
    // Cancelled: nowhere.
    let cancelled = invoice().issued("2025-02-01", "2025-03-01").build(&app).await;
    let cancel = format!("/api/invoices/{}/cancel/", cancelled.id);
    app.kit_staff().await.post(&cancel, &json!({"reason": "Erreur"})).await.assert_status(200);
    // Older, unpaid: 91 days late (90+) and 90 days late (61–90).
    invoice().issued("2024-12-09", "2024-12-09").build(&app).await;
    invoice().issued("2024-12-10", "2024-12-10").build(&app).await;
    // After the period.
    invoice().issued("2025-03-11", "2025-04-10").build(&app).await;
    // Paid in full after the period's end (with Wave): still owed on 10 March, due that very day.
    let paid_later = invoice().issued("2025-02-10", "2025-03-10").build(&app).await;
    PaymentBuilder::new(&owner, paid_later.id).operator("WAVECI").settled_at("2025-03-20T09:00:00Z").build(&app).await;
    // A draft is never counted.
    InvoiceBuilder::new(&tenant).build(&app).await;

    let kpis = app.staff().await.get(PERIOD).await.assert_status(200).body;
    assert_eq!(kpis["period"], json!({"key": "custom", "from": "2025-01-15", "to": "2025-03-10"}));
    assert_eq!(kpis["currency"], "XOF");
    assert_eq!(kpis["invoiced"], 3 * TTC, "the 15 January, 10 February and 10 March invoices");
    assert_eq!(kpis["collected"], 50_000, "the instalment of 1 February only");
    let outstanding = 68_000 + 5 * TTC;
    assert_eq!(kpis["outstanding"], outstanding);
    assert_eq!(
        kpis["overdue"],
        json!({"total": 68_000 + 3 * TTC, "count": 4, "buckets": [
            {"key": "0_30", "amount": TTC, "count": 1},
            {"key": "31_60", "amount": 68_000, "count": 1},
            {"key": "61_90", "amount": TTC, "count": 1},
            {"key": "90_plus", "amount": TTC, "count": 1},
        ]})
    );
    // Invoiced from 11 December to 10 March: 10 January, 15 January, 10 February, 10 March.
    let dso = (outstanding as f64 / (4 * TTC) as f64 * 90.0 * 10.0).round() / 10.0;
    assert_eq!(kpis["dso_days"], dso);
    assert_eq!(
        kpis["payments_by_channel"],
        json!([{"key": "mobile_money", "amount": 50_000, "count": 1}, {"key": "card", "amount": 0, "count": 0}])
    );
    let operators = kpis["payments_by_operator"].as_array().expect("operators");
    let keys: Vec<&str> = operators.iter().filter_map(|o| o["key"].as_str()).collect();
    assert_eq!(keys, ["orange_money", "mtn", "moov", "wave", "card"]);
    assert_eq!(operators[0], json!({"key": "orange_money", "label": "Orange Money", "amount": 50_000, "count": 1}));
    assert_eq!(operators[3]["amount"], 0, "Wave's payment came after the period");

    let monthly = kpis["monthly"].as_array().expect("months");
    assert_eq!(monthly.len(), 12);
    assert_eq!(monthly[0]["month"], "2024-04");
    let month = |key: &str| monthly.iter().find(|m| m["month"] == key).cloned().unwrap_or(Value::Null);
    assert_eq!(month("2024-12"), json!({"month": "2024-12", "invoiced": 2 * TTC, "collected": 0}));
    assert_eq!(month("2025-01"), json!({"month": "2025-01", "invoiced": 2 * TTC, "collected": 0}));
    assert_eq!(month("2025-02"), json!({"month": "2025-02", "invoiced": TTC, "collected": 50_000}));
    assert_eq!(month("2025-03"), json!({"month": "2025-03", "invoiced": TTC, "collected": 0}), "up to the 10th");

    // A month later, the Wave payment is collected and the paid invoice no longer owed.
    let april = app.staff().await.get("/api/admin/kpis/?period=custom&from=2025-03-11&to=2025-04-30").await.body;
    assert_eq!(april["collected"], TTC);
    assert_eq!(april["payments_by_operator"][3]["amount"], TTC);
    assert_eq!(april["invoiced"], TTC, "the 11 March invoice");
    assert_eq!(april["outstanding"], 68_000 + 5 * TTC, "the paid one left, the 11 March one came");
    assert_eq!(totals_drift(&app).await, 0, "the summary the figures read agrees with the invoices");

    // Cash recorded by hand is its own channel and operator, never mobile money.
    let spare = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let cash = OfflinePaymentBuilder::new(spare.id).amount(10_000).method("cash").build(&app).await;
    app.sql(format!("UPDATE payments SET settled_at = '2025-04-02T10:00:00Z' WHERE id = '{}'", cash.id)).await;
    let april = app.staff().await.get("/api/admin/kpis/?period=custom&from=2025-03-11&to=2025-04-30").await.body;
    assert_eq!(april["payments_by_channel"][0], json!({"key": "mobile_money", "amount": TTC, "count": 1}));
    assert_eq!(april["payments_by_channel"][2], json!({"key": "cash", "amount": 10_000, "count": 1}));
    let operators = april["payments_by_operator"].as_array().expect("operators");
    assert_eq!(operators.last(), Some(&json!({"key": "cash", "label": "Espèces", "amount": 10_000, "count": 1})));
}

#[actix_web::test]
async fn support_and_work_figures() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let project = ProjectBuilder::new(&tenant).status("active").build(&app).await;
    let milestone = MilestoneBuilder::new(project.id).build(&app).await;
    app.sql(format!("UPDATE milestones SET due_date = '2025-01-01' WHERE id = '{}'", milestone.id)).await;
    let on_time = TicketBuilder::new(&tenant).build(&app).await;
    let late = TicketBuilder::new(&tenant).build(&app).await;
    // Normal priority: 8 hours to answer, 72 to resolve. One answered in 1 hour and resolved in
    // 10; the other answered in 3 hours and still open long after its resolution deadline.
    let opened = "2025-02-01T10:00:00Z";
    let set = |id, extra: &str| {
        format!(
            "UPDATE tickets SET created_at = '{opened}', first_response_due = timestamptz '{opened}' + interval '8 hours', \
             resolution_due = timestamptz '{opened}' + interval '72 hours', {extra} WHERE id = '{id}'"
        )
    };
    app.sql(set(
        on_time.id,
        "status = 'resolved', first_responded_at = timestamptz '2025-02-01T11:00:00Z', resolved_at = timestamptz '2025-02-01T20:00:00Z'",
    ))
    .await;
    app.sql(set(late.id, "status = 'open', first_responded_at = timestamptz '2025-02-01T13:00:00Z'")).await;

    let kpis = app.staff().await.get(PERIOD).await.assert_status(200).body;
    assert_eq!(kpis["open_tickets"], 1);
    assert_eq!(kpis["sla_compliance"], 0.5);
    assert_eq!(kpis["median_first_response_minutes"], 120);
    assert_eq!(kpis["active_projects"], 1);
    assert_eq!(kpis["late_milestones"], 1);
    assert_eq!(kpis["invoiced"], 0);
    assert_eq!(kpis["dso_days"], Value::Null, "nothing invoiced");

    let empty = app.staff().await.get("/api/admin/kpis/?period=custom&from=2024-01-01&to=2024-01-31").await.body;
    assert_eq!(
        (empty["sla_compliance"].clone(), empty["median_first_response_minutes"].clone()),
        (Value::Null, Value::Null)
    );
}

#[actix_web::test]
async fn periods_default_to_this_month_and_bad_ones_are_refused_on_their_field() {
    let app = TestApp::new().await;
    let staff = app.staff().await;
    let this_month = staff.get("/api/admin/kpis/").await.assert_status(200).body;
    assert_eq!(this_month["period"]["key"], "this_month");
    let from = this_month["period"]["from"].as_str().unwrap_or_default().to_owned();
    assert!(from.ends_with("-01"), "{from}");
    assert_eq!(this_month["monthly"][11]["month"].as_str(), Some(&from[..7]));
    for key in ["last_month", "quarter", "year"] {
        let body = staff.get(&format!("/api/admin/kpis/?period={key}")).await.assert_status(200).body;
        assert_eq!(body["period"]["key"], key);
    }

    let unknown = staff.get("/api/admin/kpis/?period=week").await.assert_field_error("period");
    assert_json_snapshot!("kpis_unknown_period", unknown.snapshot());
    staff.get("/api/admin/kpis/?period=custom&to=2025-01-01").await.assert_field_error("from");
    staff.get("/api/admin/kpis/?period=custom&from=2025-01-01").await.assert_field_error("to");
    let reversed = staff.get("/api/admin/kpis/?period=custom&from=2025-02-01&to=2025-01-31").await;
    assert_json_snapshot!("kpis_reversed_period", reversed.assert_field_error("to").snapshot());
    staff.get("/api/admin/kpis/?period=custom&from=2020-01-01&to=2025-01-01").await.assert_field_error("to");
    assert_eq!(staff.get("/api/admin/kpis/?period=custom&from=2025-13-01&to=2025-01-01").await.status, 400);

    let client = app.client_owner().await;
    client.get("/api/admin/kpis/").await.assert_error(403, "permission_denied");
    assert_eq!(app.client().get("/api/admin/kpis/").await.status, 401);
}

#[actix_web::test]
async fn alerts_most_urgent_first_for_staff_only() {
    let app = TestApp::new().await;
    app.leave_jobs_queued();
    let tenant = app.tenant().await;
    // 40 days late (critical), 5 days late (warning), not due yet (no alert).
    let very_late = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    app.sql(format!("UPDATE invoices SET due_date = current_date - 40 WHERE id = '{}'", very_late.id)).await;
    let late = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    app.sql(format!("UPDATE invoices SET due_date = current_date - 5 WHERE id = '{}'", late.id)).await;
    let on_time = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    app.sql(format!("UPDATE invoices SET due_date = current_date + 5 WHERE id = '{}'", on_time.id)).await;
    // A ticket past its first-response deadline, one with 1 hour left of 8, one just opened.
    let breached = TicketBuilder::new(&tenant).build(&app).await;
    app.age_ticket(breached.id, "9 hours").await;
    let at_risk = TicketBuilder::new(&tenant).build(&app).await;
    app.age_ticket(at_risk.id, "7 hours").await;
    TicketBuilder::new(&tenant).build(&app).await;
    // A dead job.
    app.sql(format!(
        "INSERT INTO jobs (id, kind, payload, status) VALUES ('{}', 'test.dead', '{{}}', 'dead')",
        uuid::Uuid::now_v7()
    ))
    .await;

    let staff = app.staff().await;
    let alerts = staff.get("/api/admin/alerts/").await.assert_status(200).body;
    let seen: Vec<(String, String)> = alerts["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|a| (a["kind"].as_str().unwrap_or("").to_owned(), a["severity"].as_str().unwrap_or("").to_owned()))
        .collect();
    let seen: Vec<(&str, &str)> = seen.iter().map(|(k, s)| (k.as_str(), s.as_str())).collect();
    assert_eq!(
        seen,
        [
            ("ticket_breached", "critical"),
            ("invoice_overdue", "critical"),
            ("job_dead", "critical"),
            ("invoice_overdue", "warning"),
            ("ticket_at_risk", "warning"),
        ],
        "{alerts}"
    );
    assert_eq!(alerts["count"], 5);
    let first_invoice = &alerts["results"][1];
    let number = very_late.str("number");
    assert_eq!(first_invoice["title"], format!("Facture {number} en retard de 40 jours"));
    assert_eq!(first_invoice["href"], format!("/admin/facturation/factures/{}", very_late.id));
    assert_eq!(first_invoice["client_id"], tenant.id.to_string());
    // Tickets are answered from their client's page until the support desk exists.
    assert_eq!(alerts["results"][0]["href"], format!("/admin/clients/{}#tickets", tenant.id));
    assert_eq!(alerts["results"][0]["entity_id"], breached.id.to_string());
    assert_eq!(alerts["results"][2]["href"], "/admin/journal/travaux?status=dead");

    let client = app.owner(&tenant).await;
    client.get("/api/admin/alerts/").await.assert_error(403, "permission_denied");
}

async fn totals_drift(app: &TestApp) -> i64 {
    app.with_conn(|conn| nourx_db::kpis::invoice_totals_drift(conn).expect("drift")).await
}

#[actix_web::test]
async fn the_billing_summary_follows_every_write_to_invoices() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let sent = InvoiceBuilder::new(&tenant).issued("2025-05-02", "2025-06-01").build(&app).await;
    let paid = InvoiceBuilder::new(&tenant).issued("2025-05-02", "2025-06-01").build(&app).await;
    PaymentBuilder::new(&owner, paid.id).build(&app).await;
    let draft = InvoiceBuilder::new(&tenant).build(&app).await;
    assert_eq!(totals_drift(&app).await, 0);

    // Raw SQL goes through the triggers too: a new due date, a bulk copy, a deletion.
    app.sql(format!("UPDATE invoices SET due_date = '2025-07-01' WHERE id = '{}'", sent.id)).await;
    app.sql(format!(
        "INSERT INTO invoices (id, client_id, status, title, currency, issue_date, due_date, notes, total_ht, total_tva, total_ttc, amount_paid, number) \
         SELECT gen_random_uuid(), client_id, 'sent', title, currency, issue_date, due_date, notes, total_ht, total_tva, total_ttc, 0, number || '-' || n \
         FROM invoices, generate_series(1, 3) n WHERE id = '{}'",
        paid.id
    ))
    .await;
    app.sql(format!("DELETE FROM invoices WHERE id = '{}'", draft.id)).await;
    app.sql(format!("UPDATE invoices SET status = 'cancelled' WHERE id = '{}'", sent.id)).await;
    assert_eq!(totals_drift(&app).await, 0);

    let kpis = app
        .staff()
        .await
        .get("/api/admin/kpis/?period=custom&from=2025-05-01&to=2025-05-31")
        .await
        .assert_status(200)
        .body;
    assert_eq!(kpis["invoiced"], 4 * TTC, "the paid invoice and its three copies; not the cancelled one");
    assert_eq!(kpis["outstanding"], 4 * TTC, "the three unpaid copies, and the one paid since May");
}
