//! Reconciliation: CinetPay's transaction statement (downloaded from the sandbox's back-office
//! over HTTPS, as staff would) imported and compared line by line; bad files refused whole; the
//! money collected by operator and channel.

use nourx_testkit::{InvoiceBuilder, OfflinePaymentBuilder, PaymentBuilder, TestApp, TestResponse};
use serde_json::{Value, json};

/// CinetPay's statement as the sandbox's back-office exports it.
async fn statement_from_cinetpay(app: &TestApp) -> String {
    let url = format!("{}/merchant/transactions.csv", app.sandbox.base_url());
    let response = app.sandbox.http_client().get(url).send().await.expect("the sandbox's statement");
    assert_eq!(response.status(), 200);
    response.text().await.expect("UTF-8")
}

async fn import(staff: &nourx_testkit::Actor, name: &str, csv: impl Into<Vec<u8>>) -> TestResponse {
    let path = format!("/api/admin/reconciliations/?filename={name}");
    staff.http.request(reqwest::Method::POST, &path).body(csv, "text/csv").send().await
}

fn verdicts(lines: &Value) -> Vec<(String, String)> {
    lines["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|l| {
            (l["verdict"].as_str().unwrap_or("").to_owned(), l["transaction_id"].as_str().unwrap_or("").to_owned())
        })
        .collect()
}

#[actix_web::test]
async fn cinetpay_s_statement_is_compared_with_our_payments_line_by_line() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let staff = app.staff_member().await;
    let invoice = || InvoiceBuilder::new(&tenant).sent().build(&app);
    let paid = PaymentBuilder::new(&owner, invoice().await.id).settled().build(&app).await;
    let unlisted = PaymentBuilder::new(&owner, invoice().await.id).operator("MOMO").settled().build(&app).await;
    let refused = PaymentBuilder::new(&owner, invoice().await.id).refused().build(&app).await;
    let waiting = PaymentBuilder::new(&owner, invoice().await.id).build(&app).await;
    let by_card = PaymentBuilder::new(&owner, invoice().await.id).operator("CARD").settled().build(&app).await;
    // CinetPay took the waiting payment, but its notification never came.
    app.sandbox.set_status(waiting.str("transaction_id"), "ACCEPTED").expect("status");

    let statement = statement_from_cinetpay(&app).await;
    assert!(statement.starts_with("\u{feff}Date;ID transaction;Montant;Devise;Statut;Opérateur;Frais"), "{statement}");
    let tampered: String = statement
        .lines()
        .filter(|line| !line.contains(unlisted.str("transaction_id")))
        .map(|line| line.replace(";118000;XOF;ACCEPTED;CARD;", ";117000;XOF;ACCEPTED;CARD;"))
        .chain([format!("{} 10:00:00;NXP-INCONNU;5000;XOF;ACCEPTED;OM;150;;", chrono::Utc::now().format("%d/%m/%Y"))])
        .collect::<Vec<_>>()
        .join("\r\n");
    let imported = import(&staff, "releve-decembre.csv", tampered).await.assert_status(201);
    assert_eq!(imported.body["statement_lines"], 5);
    assert_eq!(
        imported.body["counts"],
        json!({"matched": 2, "amount_differs": 1, "status_differs": 1, "missing_in_nourx": 1, "missing_in_cinetpay": 1})
    );
    // Received per the statement: paid, waiting (accepted there), card (as tampered) and the unknown.
    assert_eq!(imported.body["statement_total"], 118_000 + 118_000 + 117_000 + 5_000);
    assert_eq!(imported.body["nourx_total"], 3 * 118_000);
    assert_eq!(imported.body["difference"], 118_000 + 117_000 + 5_000 - 2 * 118_000);
    assert_eq!(imported.body["imported_by"], staff.id().to_string());

    let id = imported.id();
    let problems =
        staff.get(&format!("/api/admin/reconciliations/{id}/lines/?verdict=problems")).await.assert_status(200);
    let tx = |record: &nourx_testkit::Record| record.str("transaction_id").to_owned();
    assert_eq!(
        verdicts(&problems.body),
        vec![
            ("status_differs".to_owned(), tx(&waiting)),
            ("amount_differs".to_owned(), tx(&by_card)),
            ("missing_in_nourx".to_owned(), "NXP-INCONNU".to_owned()),
            ("missing_in_cinetpay".to_owned(), tx(&unlisted)),
        ]
    );
    let amount_differs = &problems.body["results"][1];
    assert_eq!(
        (amount_differs["statement"]["amount"].as_i64(), amount_differs["payment"]["amount"].as_i64()),
        (Some(117_000), Some(118_000))
    );
    assert_eq!(amount_differs["payment"]["client_name"], tenant.name.as_str());
    assert!(amount_differs["payment"]["invoice_number"].as_str().is_some_and(|n| n.starts_with("NX-")));
    assert_eq!(problems.body["results"][0]["statement"]["status_kind"], "accepted");
    assert_eq!(problems.body["results"][2]["payment"], Value::Null);
    assert_eq!(problems.body["results"][3]["statement"], Value::Null);

    let all = staff.get(&format!("/api/admin/reconciliations/{id}/lines/")).await;
    assert_eq!(all.body["count"], 6);
    let matched = verdicts(&all.body).into_iter().filter(|(v, _)| v == "matched").map(|(_, t)| t).collect::<Vec<_>>();
    assert_eq!(matched, vec![tx(&paid), tx(&refused)], "matches come last, in the file's order");
    let history = staff.get("/api/admin/reconciliations/").await.assert_status(200);
    assert_eq!(
        (history.body["count"].as_i64(), history.body["results"][0]["file_name"].as_str()),
        (Some(1), Some("releve-decembre.csv"))
    );
    staff.get(&format!("/api/admin/reconciliations/{id}/lines/?verdict=maybe")).await.assert_field_error("verdict");
    owner.get(&format!("/api/admin/reconciliations/{id}/")).await.assert_status(403);
}

#[actix_web::test]
async fn a_statement_nourx_cannot_read_is_refused_whole_saying_why() {
    let app = TestApp::new().await;
    let staff = app.kit_staff().await;
    let no_status = import(staff, "export.csv", "ID transaction;Montant\nNXP-1;100\n").await;
    insta::assert_json_snapshot!("statement_missing_columns", no_status.assert_field_error("file").snapshot());
    let bad_lines = "ID transaction;Montant;Statut;Date\nNXP-1;cent;SUCCES;01/12/2026\nNXP-2;100;SUCCES;31/11/2026\n";
    let refused = import(staff, "export.csv", bad_lines).await;
    insta::assert_json_snapshot!("statement_bad_lines", refused.assert_field_error("file").snapshot());
    import(staff, "export.csv", "ID transaction;Montant;Statut\nNXP-1;100;SUCCES\n").await.assert_field_error("from");
    import(staff, "export.csv", "").await.assert_field_error("file");
    import(staff, "", "ID transaction;Montant;Statut\n").await.assert_field_error("filename");
    let too_large = vec![b'a'; 5 * 1024 * 1024 + 1];
    import(staff, "big.csv", too_large).await.assert_field_error("file");
    // Undated, with the period given: accepted.
    let path = "/api/admin/reconciliations/?filename=sans-dates.csv&from=2026-12-01&to=2026-12-31";
    let dated = staff
        .http
        .request(reqwest::Method::POST, path)
        .body("ID transaction;Montant;Statut\nNXP-1;100;SUCCES\n", "text/csv")
        .send()
        .await;
    assert_eq!(dated.assert_status(201).body["counts"]["missing_in_nourx"], 1);
    assert_eq!(staff.get("/api/admin/reconciliations/").await.body["count"], 1, "nothing kept of the refused files");
}

#[actix_web::test]
async fn the_money_collected_is_summed_by_operator_and_channel() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let staff = app.staff_member().await;
    let invoice = || InvoiceBuilder::new(&tenant).sent().build(&app);
    PaymentBuilder::new(&owner, invoice().await.id).amount(50_000).settled().build(&app).await;
    PaymentBuilder::new(&owner, invoice().await.id).amount(20_000).settled().build(&app).await;
    PaymentBuilder::new(&owner, invoice().await.id).operator("CARD").settled().build(&app).await;
    PaymentBuilder::new(&owner, invoice().await.id)
        .operator("WAVECI")
        .settled_at("2025-06-15T10:00:00Z")
        .build(&app)
        .await;
    PaymentBuilder::new(&owner, invoice().await.id).refused().build(&app).await;
    OfflinePaymentBuilder::new(invoice().await.id).amount(30_000).method("cash").build(&app).await;

    let report = staff.get("/api/admin/payments/collected/").await.assert_status(200);
    assert_eq!((report.body["count"].as_i64(), report.body["amount"].as_i64()), (Some(4), Some(218_000)));
    assert_eq!(
        report.body["channels"],
        json!([
            {"channel": "card", "count": 1, "amount": 118_000},
            {"channel": "mobile_money", "count": 2, "amount": 70_000},
            {"channel": "offline", "count": 1, "amount": 30_000},
        ])
    );
    assert_eq!(
        report.body["operators"][1],
        json!({"operator": "orange_money", "channel": "mobile_money", "count": 2, "amount": 70_000})
    );
    let june = staff.get("/api/admin/payments/collected/?from=2025-06-01&to=2025-06-30").await.assert_status(200);
    assert_eq!(
        june.body["operators"],
        json!([{"operator": "wave", "channel": "mobile_money", "count": 1, "amount": 118_000}])
    );
    staff.get("/api/admin/payments/collected/?from=2026-12-31&to=2026-01-01").await.assert_field_error("from");
    staff.get("/api/admin/payments/collected/?currency=francs").await.assert_field_error("currency");
    owner.get("/api/admin/payments/collected/").await.assert_status(403);
}
