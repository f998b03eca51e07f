//! Quotes and invoices through real HTTP on a real database: drafts, totals computed by the
//! server, numbering without gaps under concurrency, sending with emails, client decisions,
//! cancellation, PDFs, and what clients may and may not see.

use diesel::prelude::*;
use insta::{assert_json_snapshot, assert_snapshot};
use nourx_db::schema::{invoices, quotes};
use nourx_testkit::{InvoiceBuilder, MemberRole, QuoteBuilder, Tenant, TestApp, TestClient};
use serde_json::{Value, json};
use uuid::Uuid;

fn items() -> Value {
    json!([
        {"label": "Développement du site vitrine", "quantity": "1", "unit_price": 1_500_000},
        {"label": "Rédaction des contenus", "description": "5 pages", "quantity": 2.5, "unit_price": 45_000, "tax_rate": "18"},
        {"label": "Formation (exonérée)", "quantity": "1,5", "unit_price": 333, "tax_rate": 0},
    ])
}

/// A draft invoice "Site vitrine" of the three lines above (1 903 250 TTC).
fn draft_invoice(tenant: &Tenant) -> InvoiceBuilder {
    InvoiceBuilder::new(tenant).title("Site vitrine").items(items())
}

/// A draft quote "Refonte" of the three lines above.
fn draft_quote(tenant: &Tenant) -> QuoteBuilder {
    QuoteBuilder::new(tenant).title("Refonte").items(items())
}

#[actix_web::test]
async fn totals_are_computed_by_the_server_and_drafts_stay_with_nourx() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let tenant = app.tenant().await;
    let client_id = tenant.id;
    let owner = app.owner(&tenant).await;

    let invoice = draft_invoice(&tenant).build(&app).await;
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

    let id = invoice.id;
    assert_eq!(owner.get(&format!("/api/invoices/{id}/")).await.status, 404, "clients never see drafts");
    assert_eq!(owner.get("/api/invoices/").await.body["count"], 0);
    assert_eq!(owner.get(&format!("/api/invoices/{id}/pdf/")).await.status, 404);
    assert_eq!(owner.post("/api/invoices/", &json!({"client_id": client_id, "items": []})).await.status, 403);

    // Totals sent by a client of the API are not fields at all.
    let forged = admin.post("/api/invoices/", &json!({"client_id": client_id, "items": items(), "total_ttc": 1})).await;
    assert_json_snapshot!("forged_total", forged.assert_field_error("total_ttc").snapshot());

    let edited = admin
        .patch(
            &format!("/api/invoices/{id}/"),
            &json!({"items": [{"label": "Forfait", "quantity": 1, "unit_price": 100_000}]}),
        )
        .await
        .assert_status(200);
    assert_eq!(edited.body["total_ttc"], 118_000);
    assert_eq!(edited.body["items"].as_array().map(Vec::len), Some(1));
}

#[actix_web::test]
async fn bad_items_get_one_message_per_field() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let client_id = app.tenant().await.id;
    let response = admin
        .post(
            "/api/invoices/",
            &json!({"client_id": client_id, "currency": "fcfa", "items": [
                {"label": "", "quantity": "0", "unit_price": 1000},
                {"label": "Ok", "quantity": "1.234", "unit_price": -5, "tax_rate": "120"},
                {"label": "Ok", "quantity": "abc", "unit_price": 10},
            ]}),
        )
        .await
        .assert_status(400);
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
    assert_json_snapshot!("bad_items", response.snapshot());
    let unknown = admin.post("/api/invoices/", &json!({"client_id": Uuid::now_v7(), "items": []})).await;
    unknown.assert_field_error("client_id");
    let huge = admin
        .post("/api/invoices/", &json!({"client_id": client_id, "items": [{"label": "x", "quantity": "1000000", "unit_price": 1_000_000_000_000_000i64}]}))
        .await;
    assert_json_snapshot!("huge_amount", huge.assert_status(400).snapshot());
    let not_a_date = admin.post("/api/invoices/", &json!({"client_id": client_id, "due_date": "31/12/2026"})).await;
    assert_json_snapshot!("not_a_date", not_a_date.assert_status(400).snapshot());
}

#[actix_web::test]
async fn sending_numbers_the_invoice_emails_the_client_and_freezes_it() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let id = draft_invoice(&tenant).build(&app).await.id;

    assert_eq!(owner.post(&format!("/api/invoices/{id}/send/"), &json!({})).await.status, 404);
    let sent = admin.post(&format!("/api/invoices/{id}/send/"), &json!({})).await.assert_status(200);
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(sent.body["number"], format!("NX-{year}-0001"));
    assert_eq!(sent.body["status"], "sent");
    assert_eq!(sent.body["balance_due"], 1_903_250);
    assert!(sent.body["issue_date"].is_string() && sent.body["due_date"].is_string(), "{}", sent.text);

    let again = admin.post(&format!("/api/invoices/{id}/send/"), &json!({})).await;
    assert_json_snapshot!("invoice_sent_twice", again.assert_error(409, "invalid_transition").snapshot());
    let edit = admin.patch(&format!("/api/invoices/{id}/"), &json!({"title": "Autre"})).await;
    assert_json_snapshot!("sent_invoice_edited", edit.assert_error(409, "not_editable").snapshot());

    let email = app.last_email_to(&owner.user.email, "invoice_sent").await;
    assert!(email.subject.contains(&format!("NX-{year}-0001")), "{}", email.subject);
    assert_snapshot!("invoice_sent_email", email.redacted());

    owner.get(&format!("/api/invoices/{id}/")).await.assert_status(200);
    let listed = owner.get("/api/invoices/?status=unpaid").await;
    assert_eq!(listed.body["count"], 1, "{}", listed.text);
    assert_eq!(owner.get(&format!("/api/invoices/?search=NX-{year}")).await.body["count"], 1);
    assert_eq!(owner.get("/api/invoices/?status=overdue").await.body["count"], 0);
    let unknown_status = owner.get("/api/invoices/?status=nope").await.assert_field_error("status");
    assert_json_snapshot!("unknown_invoice_status", unknown_status.snapshot());
    owner.get("/api/invoices/?ordering=password").await.assert_field_error("ordering");

    // Overdue is derived from the due date.
    app.sql(format!("UPDATE invoices SET due_date = '2026-01-02' WHERE id = '{id}'")).await;
    let overdue = owner.get("/api/invoices/?status=overdue").await;
    assert_eq!(overdue.body["count"], 1);
    assert_eq!(overdue.body["results"][0]["is_overdue"], true);
    let summary = owner.get("/api/invoices/summary/").await.assert_status(200);
    assert_eq!(summary.body["outstanding"][0], json!({"currency": "XOF", "amount": 1_903_250, "count": 1}));
    assert_eq!(summary.body["overdue"][0]["count"], 1);
    assert_eq!(summary.body["next_due"]["id"], id.to_string());
}

#[actix_web::test]
async fn fifty_concurrent_sends_get_fifty_consecutive_numbers() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let tenant = app.tenant().await;
    let mut ids = Vec::new();
    for _ in 0..50 {
        ids.push(draft_invoice(&tenant).build(&app).await.id);
    }
    // One of them fails mid-way (no line): its rolled-back number must be given to another.
    let empty = admin.post("/api/invoices/", &json!({"client_id": tenant.id})).await;
    ids.push(empty.assert_status(201).id());
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
    let refused: Vec<_> = responses.iter().filter(|r| r.status == 400).collect();
    assert_eq!(refused.len(), 1);
    assert_json_snapshot!("nothing_to_send", refused[0].snapshot());
    numbers.sort();
    let year = chrono::Utc::now().format("%Y").to_string();
    let expected: Vec<String> = (1..=50).map(|n| format!("NX-{year}-{n:04}")).collect();
    assert_eq!(numbers, expected);
}

#[actix_web::test]
async fn cancelling_needs_a_reason_and_no_payment() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let tenant = app.tenant().await;
    let paid_id = draft_invoice(&tenant).sent().build(&app).await.id;
    let free_id = draft_invoice(&tenant).sent().build(&app).await.id;
    let missing = admin.post(&format!("/api/invoices/{free_id}/cancel/"), &json!({"reason": "  "})).await;
    assert_json_snapshot!("cancel_without_reason", missing.assert_field_error("reason").snapshot());

    app.sql(format!("UPDATE invoices SET amount_paid = 1000, status = 'partially_paid' WHERE id = '{paid_id}'")).await;
    let refused = admin.post(&format!("/api/invoices/{paid_id}/cancel/"), &json!({"reason": "Erreur"})).await;
    assert_json_snapshot!("cancel_a_paid_invoice", refused.assert_error(409, "not_cancellable").snapshot());

    let cancelled = admin.post(&format!("/api/invoices/{free_id}/cancel/"), &json!({"reason": "Doublon"})).await;
    let cancelled = cancelled.assert_status(200);
    assert_eq!(cancelled.body["status"], "cancelled");
    assert_eq!(cancelled.body["cancel_reason"], "Doublon");
    assert_eq!(cancelled.body["balance_due"], 0);
}

#[actix_web::test]
async fn owners_accept_or_decline_sent_quotes_and_nourx_invoices_them() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let member = app.member(&tenant, MemberRole::Member).await;

    let id = draft_quote(&tenant).build(&app).await.id;
    assert_eq!(owner.post(&format!("/api/quotes/{id}/accept/"), &json!({})).await.status, 404, "a draft is invisible");
    let sent = admin.post(&format!("/api/quotes/{id}/send/"), &json!({})).await.assert_status(200);
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(sent.body["number"], format!("DV-{year}-0001"));
    let email = app.last_email_to(&owner.user.email, "quote_sent").await;
    assert_snapshot!("quote_sent_email", email.redacted());

    let seen = owner.get(&format!("/api/quotes/{id}/")).await;
    assert_eq!(seen.body["can_decide"], true);
    assert_eq!(member.get(&format!("/api/quotes/{id}/")).await.body["can_decide"], false);
    member.post(&format!("/api/quotes/{id}/accept/"), &json!({})).await.assert_status(403);
    let early = admin.post(&format!("/api/quotes/{id}/invoice/"), &json!({})).await;
    assert_json_snapshot!("invoice_an_unaccepted_quote", early.assert_error(409, "not_accepted").snapshot());

    let accepted = owner.post(&format!("/api/quotes/{id}/accept/"), &json!({})).await.assert_status(200);
    assert_eq!(accepted.body["status"], "accepted");
    assert_eq!(accepted.body["decided_by"]["id"], owner.id().to_string());
    assert!(accepted.body["decided_at"].is_string());
    let quote_id = id;
    let ip: Option<String> = app
        .with_conn(move |conn| quotes::table.find(quote_id).select(quotes::decided_ip).first(conn).expect("quote"))
        .await;
    assert_eq!(ip.as_deref(), Some("127.0.0.1"));
    let twice = owner.post(&format!("/api/quotes/{id}/decline/"), &json!({})).await;
    assert_json_snapshot!("quote_decided_twice", twice.assert_error(409, "invalid_transition").snapshot());

    let invoice = admin.post(&format!("/api/quotes/{id}/invoice/"), &json!({})).await.assert_status(201);
    assert_eq!(invoice.body["status"], "draft");
    assert_eq!(invoice.body["quote_id"], id.to_string());
    assert_eq!(invoice.body["total_ttc"], sent.body["total_ttc"]);
    assert_eq!(invoice.body["items"].as_array().map(Vec::len), Some(3));
    let again = admin.post(&format!("/api/quotes/{id}/invoice/"), &json!({})).await;
    assert_json_snapshot!("quote_invoiced_twice", again.assert_error(409, "already_invoiced").snapshot());
    assert_eq!(admin.get(&format!("/api/quotes/{id}/")).await.body["invoice_id"], invoice.body["id"]);

    // Declined with a reason; and an expired quote can no longer be accepted.
    let second = draft_quote(&tenant).sent().build(&app).await.id;
    let declined = owner.post(&format!("/api/quotes/{second}/decline/"), &json!({"reason": "Budget 2027"})).await;
    assert_eq!(declined.assert_status(200).body["decline_reason"], "Budget 2027");

    let third = draft_quote(&tenant).sent().build(&app).await.id;
    app.sql(format!("UPDATE quotes SET valid_until = '2026-01-01' WHERE id = '{third}'")).await;
    assert_eq!(owner.get(&format!("/api/quotes/{third}/")).await.body["status"], "expired");
    assert_eq!(owner.get("/api/quotes/?status=expired").await.body["count"], 1);
    assert_eq!(owner.get("/api/quotes/?status=sent").await.body["count"], 0);
    let late = owner.post(&format!("/api/quotes/{third}/accept/"), &json!({})).await.assert_status(409);
    assert_json_snapshot!("expired_quote_accepted", late.snapshot());
}

/// The raw bytes of a GET with the client's cookies (the test client keeps text only).
pub(crate) async fn get_bytes(
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

pub(crate) fn pdf_text(bytes: &[u8]) -> String {
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
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let stranger = app.client_owner().await;
    let sent = draft_invoice(&tenant).sent().build(&app).await;
    let (id, number, client_name) = (sent.id, sent.str("number"), sent.str("client_name"));

    let path = format!("/api/invoices/{id}/pdf/");
    let (status, headers, bytes) = get_bytes(&app, &owner, &path, None).await;
    assert_eq!(status, 200);
    assert_eq!(headers.get("content-type").and_then(|v| v.to_str().ok()), Some("application/pdf"));
    assert!(
        headers.get("content-disposition").and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains(number)),
        "{headers:?}"
    );
    let text = pdf_text(&bytes);
    assert!(text.contains(number), "{text}");
    assert!(text.contains(client_name), "{text}");
    let squeezed: String = text.chars().filter(|c| c.is_ascii_digit() || c.is_alphabetic()).collect();
    assert!(squeezed.contains("1903250"), "TTC 1 903 250 not in {text}");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("un million neuf cent trois mille deux cent cinquante francs CFA"), "{text}");

    let etag = headers.get("etag").and_then(|v| v.to_str().ok()).expect("etag").to_owned();
    let (status, _, _) = get_bytes(&app, &owner, &path, Some(&etag)).await;
    assert_eq!(status, 304);
    let stored: Option<String> =
        app.with_conn(move |conn| invoices::table.find(id).select(invoices::pdf_key).first(conn).expect("row")).await;
    assert!(stored.is_some_and(|key| key.starts_with(&format!("pdf/invoices/{id}/"))));
    let (status, _, english) = get_bytes(&app, &owner, &format!("{path}?lang=en"), None).await;
    assert_eq!(status, 200);
    assert!(pdf_text(&english).contains("INVOICE") || pdf_text(&english).contains("Invoice"));
    let german = owner.get(&format!("{path}?lang=de")).await.assert_status(400);
    assert_json_snapshot!("pdf_language", german.snapshot());
    assert_eq!(stranger.get(&path).await.status, 404);
    assert_eq!(app.client().get(&path).await.status, 401);
}

#[actix_web::test]
async fn staff_filter_invoices_by_issue_and_due_dates() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let tenant = app.tenant().await;
    let march =
        InvoiceBuilder::new(&tenant).line("Mars", 1, 1_000).issued("2026-03-10", "2026-04-09").build(&app).await;
    let may = InvoiceBuilder::new(&tenant).line("Mai", 1, 2_000).issued("2026-05-31", "2026-06-30").build(&app).await;
    InvoiceBuilder::new(&tenant).line("Brouillon", 1, 3_000).build(&app).await;

    // Both bounds are inclusive; a draft has no issue date and never matches a range.
    let spring = admin.get("/api/invoices/?issued_after=2026-03-10&issued_before=2026-05-31&ordering=issue_date").await;
    assert_eq!(spring.ids(), [march.id.to_string(), may.id.to_string()]);
    let april = admin.get("/api/invoices/?issued_after=2026-04-01&issued_before=2026-04-30").await;
    assert_eq!(april.body["count"], 0);
    let due_in_june = admin.get("/api/invoices/?due_after=2026-06-01&due_before=2026-06-30").await;
    assert_eq!(due_in_june.ids(), [may.id.to_string()]);
    admin.get("/api/invoices/?issued_after=31-05-2026").await.assert_status(400);
}
