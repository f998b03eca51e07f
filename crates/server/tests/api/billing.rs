//! Quotes and invoices through real HTTP on a real database: drafts, totals computed by the
//! server, numbering without gaps under concurrency, sending with emails, client decisions,
//! cancellation, PDFs, and what clients may and may not see.

use diesel::prelude::*;
use nourx_db::schema::{invoices, outbox, quotes};
use nourx_testkit::{MemberRole, TestApp, TestClient};
use serde_json::{Value, json};
use uuid::Uuid;

fn id_of(value: &Value) -> String {
    value["id"].as_str().unwrap_or_else(|| panic!("no id in {value}")).to_owned()
}

fn items() -> Value {
    json!([
        {"label": "Développement du site vitrine", "quantity": "1", "unit_price": 1_500_000},
        {"label": "Rédaction des contenus", "description": "5 pages", "quantity": 2.5, "unit_price": 45_000, "tax_rate": "18"},
        {"label": "Formation (exonérée)", "quantity": "1,5", "unit_price": 333, "tax_rate": 0},
    ])
}

async fn draft_invoice(admin: &TestClient, client_id: Uuid) -> Value {
    let response =
        admin.post("/api/invoices/", &json!({"client_id": client_id, "title": "Site vitrine", "items": items()})).await;
    assert_eq!(response.status, 201, "{}", response.text);
    response.body
}

async fn draft_quote(admin: &TestClient, client_id: Uuid) -> Value {
    let response =
        admin.post("/api/quotes/", &json!({"client_id": client_id, "title": "Refonte", "items": items()})).await;
    assert_eq!(response.status, 201, "{}", response.text);
    response.body
}

#[actix_web::test]
async fn totals_are_computed_by_the_server_and_drafts_stay_with_nourx() {
    let app = TestApp::new().await;
    let admin = app.login(&app.admin().await).await;
    let (client_id, owner) = app.client_with_owner().await;
    let owner = app.login(&owner).await;

    let invoice = draft_invoice(&admin, client_id).await;
    assert_eq!(invoice["status"], "draft");
    assert_eq!(invoice["number"], Value::Null);
    assert_eq!(invoice["currency"], "XOF");
    // 1 500 000 + 2,5 × 45 000 = 112 500 + 1,5 × 333 = 499,5 → 500
    assert_eq!(invoice["total_ht"], 1_613_000);
    // 18 % of 1 500 000 = 270 000; of 112 500 = 20 250; 0 % of 500
    assert_eq!(invoice["total_tva"], 290_250);
    assert_eq!(invoice["total_ttc"], 1_903_250);
    assert_eq!(invoice["items"][1]["quantity"], "2.50");
    assert_eq!(invoice["items"][1]["tax_rate"], "18.00");
    assert_eq!(invoice["items"][2]["total_ht"], 500);
    assert_eq!(invoice["balance_due"], 0, "a draft is not due");

    let id = id_of(&invoice);
    assert_eq!(owner.get(&format!("/api/invoices/{id}/")).await.status, 404, "clients never see drafts");
    assert_eq!(owner.get("/api/invoices/").await.body["count"], 0);
    assert_eq!(owner.get(&format!("/api/invoices/{id}/pdf/")).await.status, 404);
    assert_eq!(owner.post("/api/invoices/", &json!({"client_id": client_id, "items": []})).await.status, 403);

    // Totals sent by a client of the API are not fields at all.
    let forged = admin.post("/api/invoices/", &json!({"client_id": client_id, "items": items(), "total_ttc": 1})).await;
    assert_eq!(forged.status, 400, "{}", forged.text);

    let edited = admin
        .patch(
            &format!("/api/invoices/{id}/"),
            &json!({"items": [{"label": "Forfait", "quantity": 1, "unit_price": 100_000}]}),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.text);
    assert_eq!(edited.body["total_ttc"], 118_000);
    assert_eq!(edited.body["items"].as_array().map(Vec::len), Some(1));
}

#[actix_web::test]
async fn bad_items_get_one_message_per_field() {
    let app = TestApp::new().await;
    let admin = app.login(&app.admin().await).await;
    let (client_id, _) = app.client_with_owner().await;
    let response = admin
        .post(
            "/api/invoices/",
            &json!({"client_id": client_id, "currency": "fcfa", "items": [
                {"label": "", "quantity": "0", "unit_price": 1000},
                {"label": "Ok", "quantity": "1.234", "unit_price": -5, "tax_rate": "120"},
                {"label": "Ok", "quantity": "abc", "unit_price": 10},
            ]}),
        )
        .await;
    assert_eq!(response.status, 400, "{}", response.text);
    let body = &response.body;
    for field in [
        "currency",
        "items[0].label",
        "items[0].quantity",
        "items[1].quantity",
        "items[1].tax_rate",
        "items[2].quantity",
    ] {
        assert!(body[field].is_array(), "{field} missing in {body}");
    }
    let unknown = admin.post("/api/invoices/", &json!({"client_id": Uuid::now_v7(), "items": []})).await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.body["client_id"].is_array(), "{}", unknown.text);
    let huge = admin
        .post("/api/invoices/", &json!({"client_id": client_id, "items": [{"label": "x", "quantity": "1000000", "unit_price": 1_000_000_000_000_000i64}]}))
        .await;
    assert_eq!(huge.status, 400, "{}", huge.text);
    let not_a_date = admin.post("/api/invoices/", &json!({"client_id": client_id, "due_date": "31/12/2026"})).await;
    assert_eq!(not_a_date.status, 400, "{}", not_a_date.text);
}

#[actix_web::test]
async fn sending_numbers_the_invoice_emails_the_client_and_freezes_it() {
    let app = TestApp::new().await;
    let admin = app.login(&app.admin().await).await;
    let (client_id, owner_user) = app.client_with_owner().await;
    let owner = app.login(&owner_user).await;
    let id = id_of(&draft_invoice(&admin, client_id).await);

    assert_eq!(owner.post(&format!("/api/invoices/{id}/send/"), &json!({})).await.status, 404);
    let sent = admin.post(&format!("/api/invoices/{id}/send/"), &json!({})).await;
    assert_eq!(sent.status, 200, "{}", sent.text);
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(sent.body["number"], format!("NX-{year}-0001"));
    assert_eq!(sent.body["status"], "sent");
    assert_eq!(sent.body["balance_due"], 1_903_250);
    assert!(sent.body["issue_date"].is_string() && sent.body["due_date"].is_string(), "{}", sent.text);

    let again = admin.post(&format!("/api/invoices/{id}/send/"), &json!({})).await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["code"], "invalid_transition");
    let edit = admin.patch(&format!("/api/invoices/{id}/"), &json!({"title": "Autre"})).await;
    assert_eq!(edit.status, 409);
    assert_eq!(edit.body["code"], "not_editable");

    let email = owner_user.email.clone();
    let (subject, template): (String, String) = app
        .with_conn(move |conn| {
            outbox::table
                .filter(outbox::to_email.eq(email))
                .select((outbox::subject, outbox::template))
                .first(conn)
                .expect("an email to the owner")
        })
        .await;
    assert_eq!(template, "invoice_sent");
    assert!(subject.contains(&format!("NX-{year}-0001")), "{subject}");

    let seen = owner.get(&format!("/api/invoices/{id}/")).await;
    assert_eq!(seen.status, 200);
    let listed = owner.get("/api/invoices/?status=unpaid").await;
    assert_eq!(listed.body["count"], 1, "{}", listed.text);
    assert_eq!(owner.get(&format!("/api/invoices/?search=NX-{year}")).await.body["count"], 1);
    assert_eq!(owner.get("/api/invoices/?status=overdue").await.body["count"], 0);
    assert_eq!(owner.get("/api/invoices/?status=nope").await.status, 400);
    assert_eq!(owner.get("/api/invoices/?ordering=password").await.status, 400);

    // Overdue is derived from the due date.
    let invoice_id: Uuid = id.parse().expect("uuid");
    app.with_conn(move |conn| {
        diesel::update(invoices::table.find(invoice_id))
            .set(invoices::due_date.eq(chrono::NaiveDate::from_ymd_opt(2026, 1, 2)))
            .execute(conn)
            .expect("backdate")
    })
    .await;
    let overdue = owner.get("/api/invoices/?status=overdue").await;
    assert_eq!(overdue.body["count"], 1);
    assert_eq!(overdue.body["results"][0]["is_overdue"], true);
    let summary = owner.get("/api/invoices/summary/").await;
    assert_eq!(summary.status, 200, "{}", summary.text);
    assert_eq!(summary.body["outstanding"][0], json!({"currency": "XOF", "amount": 1_903_250, "count": 1}));
    assert_eq!(summary.body["overdue"][0]["count"], 1);
    assert_eq!(summary.body["next_due"]["id"], id.as_str());
}

#[actix_web::test]
async fn fifty_concurrent_sends_get_fifty_consecutive_numbers() {
    let app = TestApp::new().await;
    let admin = app.login(&app.admin().await).await;
    let (client_id, _) = app.client_with_owner().await;
    let mut ids = Vec::new();
    for _ in 0..50 {
        ids.push(id_of(&draft_invoice(&admin, client_id).await));
    }
    // One of them fails mid-way (no line): its rolled-back number must be given to another.
    let empty = admin.post("/api/invoices/", &json!({"client_id": client_id})).await;
    ids.push(id_of(&empty.body));
    let sends = ids.iter().map(|id| {
        let admin = admin.clone();
        let path = format!("/api/invoices/{id}/send/");
        async move { admin.post(&path, &json!({})).await }
    });
    let responses = futures_util::future::join_all(sends).await;
    let mut numbers: Vec<String> = responses
        .iter()
        .filter(|r| r.status == 200)
        .map(|r| r.body["number"].as_str().expect("number").to_owned())
        .collect();
    assert_eq!(responses.iter().filter(|r| r.status == 400).count(), 1);
    numbers.sort();
    let year = chrono::Utc::now().format("%Y").to_string();
    let expected: Vec<String> = (1..=50).map(|n| format!("NX-{year}-{n:04}")).collect();
    assert_eq!(numbers, expected);
}

#[actix_web::test]
async fn cancelling_needs_a_reason_and_no_payment() {
    let app = TestApp::new().await;
    let admin = app.login(&app.admin().await).await;
    let (client_id, _) = app.client_with_owner().await;
    let paid_id = id_of(&draft_invoice(&admin, client_id).await);
    let free_id = id_of(&draft_invoice(&admin, client_id).await);
    for id in [&paid_id, &free_id] {
        assert_eq!(admin.post(&format!("/api/invoices/{id}/send/"), &json!({})).await.status, 200);
    }
    let missing = admin.post(&format!("/api/invoices/{free_id}/cancel/"), &json!({"reason": "  "})).await;
    assert_eq!(missing.status, 400);
    assert!(missing.body["reason"].is_array());

    let paid: Uuid = paid_id.parse().expect("uuid");
    app.with_conn(move |conn| {
        diesel::update(invoices::table.find(paid))
            .set((invoices::amount_paid.eq(1000), invoices::status.eq("partially_paid")))
            .execute(conn)
            .expect("payment")
    })
    .await;
    let refused = admin.post(&format!("/api/invoices/{paid_id}/cancel/"), &json!({"reason": "Erreur"})).await;
    assert_eq!(refused.status, 409);
    assert_eq!(refused.body["code"], "not_cancellable");

    let cancelled = admin.post(&format!("/api/invoices/{free_id}/cancel/"), &json!({"reason": "Doublon"})).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text);
    assert_eq!(cancelled.body["status"], "cancelled");
    assert_eq!(cancelled.body["cancel_reason"], "Doublon");
    assert_eq!(cancelled.body["balance_due"], 0);
}

#[actix_web::test]
async fn owners_accept_or_decline_sent_quotes_and_nourx_invoices_them() {
    let app = TestApp::new().await;
    let admin = app.login(&app.admin().await).await;
    let (client_id, owner_user) = app.client_with_owner().await;
    let owner = app.login(&owner_user).await;
    let member = app.login(&app.member_of(client_id, MemberRole::Member).await).await;

    let quote = draft_quote(&admin, client_id).await;
    let id = id_of(&quote);
    assert_eq!(owner.post(&format!("/api/quotes/{id}/accept/"), &json!({})).await.status, 404, "a draft is invisible");
    let sent = admin.post(&format!("/api/quotes/{id}/send/"), &json!({})).await;
    assert_eq!(sent.status, 200, "{}", sent.text);
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(sent.body["number"], format!("DV-{year}-0001"));

    let seen = owner.get(&format!("/api/quotes/{id}/")).await;
    assert_eq!(seen.body["can_decide"], true);
    assert_eq!(member.get(&format!("/api/quotes/{id}/")).await.body["can_decide"], false);
    assert_eq!(member.post(&format!("/api/quotes/{id}/accept/"), &json!({})).await.status, 403);
    assert_eq!(admin.post(&format!("/api/quotes/{id}/invoice/"), &json!({})).await.body["code"], "not_accepted");

    let accepted = owner.post(&format!("/api/quotes/{id}/accept/"), &json!({})).await;
    assert_eq!(accepted.status, 200, "{}", accepted.text);
    assert_eq!(accepted.body["status"], "accepted");
    assert_eq!(accepted.body["decided_by"]["id"], owner_user.id.to_string());
    assert!(accepted.body["decided_at"].is_string());
    let quote_id: Uuid = id.parse().expect("uuid");
    let ip: Option<String> = app
        .with_conn(move |conn| quotes::table.find(quote_id).select(quotes::decided_ip).first(conn).expect("quote"))
        .await;
    assert_eq!(ip.as_deref(), Some("127.0.0.1"));
    let twice = owner.post(&format!("/api/quotes/{id}/decline/"), &json!({})).await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.body["code"], "invalid_transition");

    let invoice = admin.post(&format!("/api/quotes/{id}/invoice/"), &json!({})).await;
    assert_eq!(invoice.status, 201, "{}", invoice.text);
    assert_eq!(invoice.body["status"], "draft");
    assert_eq!(invoice.body["quote_id"], id.as_str());
    assert_eq!(invoice.body["total_ttc"], sent.body["total_ttc"]);
    assert_eq!(invoice.body["items"].as_array().map(Vec::len), Some(3));
    let again = admin.post(&format!("/api/quotes/{id}/invoice/"), &json!({})).await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["code"], "already_invoiced");
    assert_eq!(admin.get(&format!("/api/quotes/{id}/")).await.body["invoice_id"], invoice.body["id"]);

    // Declined with a reason; and an expired quote can no longer be accepted.
    let second = id_of(&draft_quote(&admin, client_id).await);
    admin.post(&format!("/api/quotes/{second}/send/"), &json!({})).await;
    let declined = owner.post(&format!("/api/quotes/{second}/decline/"), &json!({"reason": "Budget 2027"})).await;
    assert_eq!(declined.status, 200, "{}", declined.text);
    assert_eq!(declined.body["decline_reason"], "Budget 2027");

    let third = id_of(&draft_quote(&admin, client_id).await);
    admin.post(&format!("/api/quotes/{third}/send/"), &json!({})).await;
    let third_id: Uuid = third.parse().expect("uuid");
    app.with_conn(move |conn| {
        diesel::update(quotes::table.find(third_id))
            .set(quotes::valid_until.eq(chrono::NaiveDate::from_ymd_opt(2026, 1, 1)))
            .execute(conn)
            .expect("expire")
    })
    .await;
    assert_eq!(owner.get(&format!("/api/quotes/{third}/")).await.body["status"], "expired");
    assert_eq!(owner.get("/api/quotes/?status=expired").await.body["count"], 1);
    assert_eq!(owner.get("/api/quotes/?status=sent").await.body["count"], 0);
    let late = owner.post(&format!("/api/quotes/{third}/accept/"), &json!({})).await;
    assert_eq!(late.status, 409, "{}", late.text);
}

/// The raw bytes of a GET with the client's cookies (the test client keeps text only).
async fn get_bytes(
    app: &TestApp,
    client: &TestClient,
    path: &str,
    etag: Option<&str>,
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let session = client.cookie("sessionid").expect("logged in");
    let mut request =
        reqwest::Client::new().get(format!("{}{path}", app.base_url)).header("Cookie", format!("sessionid={session}"));
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    let response = request.send().await.expect("response");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.expect("body").to_vec())
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).expect("write");
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed: ./x test installs it");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[actix_web::test]
async fn invoice_pdfs_are_rendered_once_per_version_and_scoped() {
    let app = TestApp::new().await;
    let admin = app.login(&app.admin().await).await;
    let (client_id, owner) = app.client_with_owner().await;
    let owner = app.login(&owner).await;
    let (_, stranger) = app.client_with_owner().await;
    let stranger = app.login(&stranger).await;
    let id = id_of(&draft_invoice(&admin, client_id).await);
    let sent = admin.post(&format!("/api/invoices/{id}/send/"), &json!({})).await;
    let number = sent.body["number"].as_str().expect("number").to_owned();
    let client_name = sent.body["client_name"].as_str().expect("client").to_owned();

    let path = format!("/api/invoices/{id}/pdf/");
    let (status, headers, bytes) = get_bytes(&app, &owner, &path, None).await;
    assert_eq!(status, 200);
    assert_eq!(headers.get("content-type").and_then(|v| v.to_str().ok()), Some("application/pdf"));
    assert!(
        headers.get("content-disposition").and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains(&number)),
        "{headers:?}"
    );
    let text = pdf_text(&bytes);
    assert!(text.contains(&number), "{text}");
    assert!(text.contains(&client_name), "{text}");
    let squeezed: String = text.chars().filter(|c| c.is_ascii_digit() || c.is_alphabetic()).collect();
    assert!(squeezed.contains("1903250"), "TTC 1 903 250 not in {text}");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("un million neuf cent trois mille deux cent cinquante francs CFA"), "{text}");

    let etag = headers.get("etag").and_then(|v| v.to_str().ok()).expect("etag").to_owned();
    let (status, _, _) = get_bytes(&app, &owner, &path, Some(&etag)).await;
    assert_eq!(status, 304);
    let invoice_id: Uuid = id.parse().expect("uuid");
    let stored: Option<String> = app
        .with_conn(move |conn| invoices::table.find(invoice_id).select(invoices::pdf_key).first(conn).expect("row"))
        .await;
    assert!(stored.is_some_and(|key| key.starts_with(&format!("pdf/invoices/{id}/"))));
    let (status, _, english) = get_bytes(&app, &owner, &format!("{path}?lang=en"), None).await;
    assert_eq!(status, 200);
    assert!(pdf_text(&english).contains("INVOICE") || pdf_text(&english).contains("Invoice"));
    assert_eq!(owner.get(&format!("{path}?lang=de")).await.status, 400);
    assert_eq!(stranger.get(&path).await.status, 404);
    assert_eq!(app.client().get(&path).await.status, 401);
}
