//! The billing desk: discounts priced by the one rule, duplicates, credit notes (gapless, never a
//! negative balance), payments recorded by hand and voided, and the payments console.

use futures_util::future::join_all;
use nourx_testkit::{InvoiceBuilder, OfflinePaymentBuilder, PaymentBuilder, QuoteBuilder, TestApp};
use serde_json::{Value, json};

use super::billing::{get_bytes, pdf_text};

/// The issue's example: three lines, two TVA rates, a line discount and 5 % on the total.
fn three_lines() -> Value {
    json!([
        {"label": "Site vitrine", "quantity": 1, "unit_price": 850_000},
        {"label": "Rédaction", "quantity": 3, "unit_price": 45_000, "discount": "10"},
        {"label": "Formation (exonérée)", "quantity": 12, "unit_price": 15_000, "tax_rate": "0"},
    ])
}

#[actix_web::test]
async fn the_editor_s_live_totals_are_what_the_invoice_stores_and_prints() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.kit_staff().await;
    let priced =
        staff.post("/api/billing/price/", &json!({"items": three_lines(), "discount": "5"})).await.assert_status(200);
    assert_eq!(priced.body["subtotal_ht"], 1_151_500);
    assert_eq!(priced.body["discount_total"], 57_575);
    assert_eq!(priced.body["total_ttc"], 1_260_052);
    assert_eq!(priced.body["tax_breakdown"][0], json!({"rate": "18.00", "base": 922_925, "tva": 166_127}));

    let invoice = InvoiceBuilder::new(&tenant).items(three_lines()).discount("5").sent().build(&app).await;
    for field in ["total_ht", "total_tva", "total_ttc", "subtotal_ht", "discount_total", "tax_breakdown"] {
        assert_eq!(invoice.body[field], priced.body[field], "{field}");
    }
    assert_eq!(invoice.body["items"][1]["discount"], "10.00");
    assert!(invoice.body["payment_terms"].as_str().is_some_and(|t| !t.is_empty()), "the settings' terms");
    let (status, _, bytes) = get_bytes(&app, &staff.http, &format!("/api/invoices/{}/pdf/", invoice.id), None).await;
    assert_eq!(status, 200);
    let text = pdf_text(&bytes);
    for printed in ["Sous-total HT", "Remise 5", "Remise 10", "1 260 052", "922 925"] {
        assert!(text.replace('\u{202f}', " ").contains(printed), "{printed} missing from:\n{text}");
    }

    let bad = staff
        .post(
            "/api/billing/price/",
            &json!({"items": [{"label": "L", "quantity": 1, "unit_price": 1, "discount": "120"}]}),
        )
        .await;
    insta::assert_json_snapshot!("price_bad_discount", bad.assert_field_error("items[0].discount").snapshot());
}

#[actix_web::test]
async fn a_new_discount_prices_the_stored_lines_again_and_a_duplicate_is_a_fresh_draft() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.kit_staff().await;
    let quote = QuoteBuilder::new(&tenant).title("Refonte").items(three_lines()).build(&app).await;
    let discounted =
        staff.patch(&format!("/api/quotes/{}/", quote.id), &json!({"discount": 5})).await.assert_status(200);
    assert_eq!(discounted.body["total_ttc"], 1_260_052);
    assert_eq!(discounted.body["items"].as_array().map(Vec::len), Some(3));

    let sent = InvoiceBuilder::new(&tenant).title("Hébergement").line("Serveur", 1, 60_000).sent().build(&app).await;
    let copy = staff.post(&format!("/api/invoices/{}/duplicate/", sent.id), &json!({})).await.assert_status(201);
    assert_eq!(copy.body["status"], "draft");
    assert_eq!(copy.body["number"], Value::Null);
    assert_eq!(copy.body["due_date"], Value::Null);
    assert_eq!(copy.body["title"], "Hébergement");
    assert_eq!(copy.body["total_ttc"], sent.body["total_ttc"]);
}

#[actix_web::test]
async fn credit_notes_lower_the_balance_and_refund_what_was_paid_beyond_it() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.kit_staff().await;
    let owner = app.owner(&tenant).await;
    // 100 000 HT + 18 % = 118 000.
    let invoice = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let path = format!("/api/invoices/{}/credit-notes/", invoice.id);
    let partial =
        staff.post(&path, &json!({"amount": 59_000, "reason": "Remise commerciale"})).await.assert_status(201);
    assert!(partial.str("number").starts_with("AV-"), "{}", partial.text);
    assert_eq!((partial.body["total_ht"].clone(), partial.body["total_tva"].clone()), (json!(50_000), json!(9_000)));
    let after = owner.get(&format!("/api/invoices/{}/", invoice.id)).await;
    assert_eq!(after.body["balance_due"], 59_000);
    assert_eq!(after.body["credited_amount"], 59_000);
    // The client sees the note and its PDF.
    assert_eq!(owner.get(&path).await.body[0]["number"], partial.body["number"]);
    let (status, _, bytes) = get_bytes(&app, &owner.http, partial.str("pdf_url"), None).await;
    assert_eq!(status, 200);
    assert!(pdf_text(&bytes).contains("AVOIR"));

    // Paid in full, then credited 18 000: that goes back to the client, and must say how.
    let paid = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    OfflinePaymentBuilder::new(paid.id).build(&app).await;
    let paid_path = format!("/api/invoices/{}/credit-notes/", paid.id);
    let how = staff.post(&paid_path, &json!({"amount": 18_000, "reason": "Erreur de TVA"})).await;
    insta::assert_json_snapshot!(
        "credit_note_refund_needs_a_method",
        how.assert_field_error("refund_method").snapshot()
    );
    let refund = json!({"amount": 18_000, "reason": "Erreur de TVA", "refund_method": "mobile_money", "refund_reference": "MP2612"});
    let note = staff.post(&paid_path, &refund).await.assert_status(201);
    assert_eq!(note.body["refund_amount"], 18_000);
    let paid_after = staff.get(&format!("/api/invoices/{}/", paid.id)).await;
    assert_eq!((paid_after.str("status"), paid_after.body["amount_paid"].as_i64()), ("paid", Some(100_000)));

    // The rest credited: nothing kept, the invoice is closed and takes no payment.
    let rest = json!({"reason": "Annulation", "refund_method": "mobile_money"});
    staff.post(&paid_path, &rest).await.assert_status(201);
    let closed = staff.get(&format!("/api/invoices/{}/", paid.id)).await;
    assert_eq!((closed.str("status"), closed.body["balance_due"].as_i64()), ("credited", Some(0)));
    let again = staff.post(&paid_path, &json!({"reason": "Encore"})).await;
    insta::assert_json_snapshot!("credit_note_fully_credited", again.assert_error(409, "fully_credited").snapshot());
    let pay = json!({"invoice_id": paid.id, "amount": 1_000, "method": "cash", "received_on": "2026-01-05"});
    staff.post("/api/payments/offline/", &pay).await.assert_error(409, "not_payable");

    let draft = InvoiceBuilder::new(&tenant).build(&app).await;
    let on_draft = staff.post(&format!("/api/invoices/{}/credit-notes/", draft.id), &json!({"reason": "X"})).await;
    on_draft.assert_error(409, "draft_not_creditable");
}

#[actix_web::test]
async fn credit_notes_made_at_once_take_consecutive_numbers() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.kit_staff().await;
    let mut invoices = Vec::new();
    for _ in 0..6 {
        invoices.push(InvoiceBuilder::new(&tenant).sent().build(&app).await.id);
    }
    let bodies: Vec<(String, Value)> = invoices
        .iter()
        .map(|id| (format!("/api/invoices/{id}/credit-notes/"), json!({"amount": 1_000, "reason": "Geste"})))
        .collect();
    let answers = join_all(bodies.iter().map(|(path, body)| staff.post(path, body))).await;
    let mut numbers: Vec<String> = answers.into_iter().map(|a| a.assert_status(201).str("number").to_owned()).collect();
    numbers.sort();
    let year = chrono::Utc::now().format("%Y");
    let expected: Vec<String> = (1..=6).map(|n| format!("AV-{year}-{n:04}")).collect();
    assert_eq!(numbers, expected);
}

/// The PDF's text without any white space (the extraction spaces columns, and may drop U+202F).
fn squashed_pdf_text(bytes: &[u8]) -> String {
    pdf_text(bytes).chars().filter(|c| !c.is_whitespace()).collect()
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[actix_web::test]
async fn a_credit_note_prints_each_rate_s_share_and_the_next_transfer_s_receipt_counts_it() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.kit_staff().await;
    // 971 500 HT at 18 % (TVA 174 870) and 180 000 HT exempt: 1 326 370 TTC.
    let invoice = InvoiceBuilder::new(&tenant).items(three_lines()).sent().build(&app).await;
    let number = invoice.str("number").to_owned();
    let note = staff
        .post(&format!("/api/invoices/{}/credit-notes/", invoice.id), &json!({"amount": 100_000, "reason": "Geste"}))
        .await
        .assert_status(201);
    assert_eq!((note.body["total_ht"].as_i64(), note.body["total_tva"].as_i64()), (Some(86_816), Some(13_184)));
    let (status, _, bytes) = get_bytes(&app, &staff.http, note.str("pdf_url"), None).await;
    assert_eq!(status, 200);
    // One line per rate, each with its own TVA: 13 184 is 18 % of 73 245; the exempt line has none.
    let text = squashed_pdf_text(&bytes);
    for printed in [
        format!("Avoir sur la facture {number} (TVA 18 %)"),
        format!("Avoir sur la facture {number} (TVA 0 %)"),
        "73 245 FCFA".to_owned(),
        "13 571 FCFA".to_owned(),
        "13 184 FCFA".to_owned(),
        "DÉTAIL DE LA TVA".to_owned(),
    ] {
        assert!(text.contains(&squash(&printed)), "{printed} missing from:\n{}", pdf_text(&bytes));
    }

    // A transfer after it: its receipt counts the credit note, so that it adds up to the balance.
    let transfer =
        OfflinePaymentBuilder::new(invoice.id).amount(200_000).field("reference", "VIR-9001").build(&app).await;
    let receipt = format!("/api/payments/{}/receipt/", transfer.id);
    let (status, _, bytes) = get_bytes(&app, &staff.http, &receipt, None).await;
    assert_eq!(status, 200);
    let text = squashed_pdf_text(&bytes);
    let today = chrono::Utc::now().date_naive().format("%d/%m/%Y").to_string();
    for printed in [
        "Total de la facture (TTC) 1 326 370 FCFA".to_owned(),
        "Avoirs 100 000 FCFA".to_owned(),
        "Ce paiement 200 000 FCFA".to_owned(),
        "Solde restant 1 026 370 FCFA".to_owned(),
        "Référence VIR-9001".to_owned(),
        format!("Reçu le {today}"),
        "Paiement reçu par NOURX".to_owned(),
    ] {
        assert!(text.contains(&squash(&printed)), "{printed} missing from:\n{}", pdf_text(&bytes));
    }
    for online in ["CinetPay", "HORS-", "Référenceopérateur"] {
        assert!(!text.contains(online), "{online} on a receipt of a transfer:\n{}", pdf_text(&bytes));
    }
}

#[actix_web::test]
async fn a_payment_recorded_by_hand_is_receipted_and_only_admins_void_it() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let admin = app.kit_staff().await;
    let staff = app.staff_member().await;
    let invoice = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let transfer = OfflinePaymentBuilder::new(invoice.id)
        .amount(50_000)
        .field("reference", "VIR-7781")
        .by(&staff)
        .build(&app)
        .await;
    assert_eq!(transfer.body["status"], "accepted");
    assert_eq!(transfer.body["source"], "offline");
    assert_eq!(transfer.body["method_label"], "Virement bancaire");
    assert_eq!(transfer.body["offline"]["reference"], "VIR-7781");
    assert!(transfer.str("receipt_number").starts_with("REC-"));
    let receipt = app.last_email_to(&tenant.owner.email, "payment_receipt").await;
    assert!(receipt.text.contains("50"), "{}", receipt.text);
    let half = staff.get(&format!("/api/invoices/{}/", invoice.id)).await;
    assert_eq!((half.str("status"), half.body["balance_due"].as_i64()), ("partially_paid", Some(68_000)));
    let too_much = json!({"invoice_id": invoice.id, "amount": 68_005, "method": "cash", "received_on": "2026-01-05"});
    staff.post("/api/payments/offline/", &too_much).await.assert_field_error("amount");
    let future = json!({"invoice_id": invoice.id, "amount": 5, "method": "cash", "received_on": "2999-01-01"});
    staff.post("/api/payments/offline/", &future).await.assert_field_error("received_on");

    // A proof: a PNG is kept, text is refused.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let proof = format!("/api/payments/{}/proof/?filename=bordereau.png", transfer.id);
    let put = |body: &'static [u8]| {
        staff.http.request(reqwest::Method::PUT, &proof).body(body, "application/octet-stream").send()
    };
    put(b"not an image").await.assert_field_error("file");
    let with_proof = put(png).await.assert_status(200);
    assert_eq!(with_proof.body["offline"]["proof_filename"], "bordereau.png");
    let (status, _, bytes) = get_bytes(&app, &staff.http, &format!("/api/payments/{}/proof/", transfer.id), None).await;
    assert_eq!((status, bytes.as_slice()), (200, png.as_slice()));

    let void = format!("/api/payments/{}/void/", transfer.id);
    staff.post(&void, &json!({"reason": "Chèque rejeté"})).await.assert_status(403);
    let voided = admin.post(&void, &json!({"reason": "Chèque rejeté"})).await.assert_status(200);
    assert_eq!((voided.str("status"), voided.str("void_reason")), ("voided", "Chèque rejeté"));
    let back = staff.get(&format!("/api/invoices/{}/", invoice.id)).await;
    assert_eq!((back.str("status"), back.body["balance_due"].as_i64()), ("sent", Some(118_000)));
    let twice = admin.post(&void, &json!({"reason": "Encore"})).await;
    insta::assert_json_snapshot!("payment_not_voidable", twice.assert_error(409, "not_voidable").snapshot());
}

#[actix_web::test]
async fn the_console_filters_journals_and_resolves_payments() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let admin = app.kit_staff().await;
    let owner = app.owner(&tenant).await;
    let invoice = InvoiceBuilder::new(&tenant).line("Prestation", 1, 200_000).sent().build(&app).await;
    let online = PaymentBuilder::new(&owner, invoice.id).amount(50_000).settled().build(&app).await;
    let offline = OfflinePaymentBuilder::new(invoice.id).amount(20_000).method("cash").build(&app).await;

    let by_source = admin.get(&format!("/api/payments/?source=offline&client={}", tenant.id)).await;
    assert_eq!(by_source.ids(), [offline.id.to_string()]);
    let by_method = admin.get(&format!("/api/payments/?method=OM&client={}", tenant.id)).await;
    assert_eq!(by_method.ids(), [online.id.to_string()]);
    let by_amount = admin.get(&format!("/api/payments/?amount_min=30000&client={}", tenant.id)).await;
    assert_eq!(by_amount.ids(), [online.id.to_string()]);
    admin.get("/api/payments/?source=cheque").await.assert_field_error("source");

    let journal = admin.get(&format!("/api/payments/{}/journal/", online.id)).await.assert_status(200);
    assert_eq!(journal.body["notifications"][0]["verdict"], "valid");
    assert_eq!(journal.body["checks"][0]["outcome"], "settled");
    admin.post(&format!("/api/payments/{}/recheck/", online.id), &json!({})).await.assert_error(409, "not_open");

    // Flagged money applied to another invoice of the same client, with its receipt.
    let other = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let flagged = PaymentBuilder::new(&owner, other.id).amount(10_000).flagged("amount mismatch").build(&app).await;
    let resolve = format!("/api/payments/{}/resolve/", flagged.id);
    let target = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let body =
        json!({"action": "apply_to_invoice", "invoice_id": target.id, "reason": "Le client s'est trompé de facture"});
    let applied = admin.post(&resolve, &body).await.assert_status(200);
    assert_eq!((applied.str("status"), applied.str("invoice_id")), ("accepted", target.id.to_string().as_str()));
    assert!(applied.str("receipt_number").starts_with("REC-"));
    assert_eq!(admin.get(&format!("/api/invoices/{}/", target.id)).await.body["amount_paid"], 10_000);
    admin.post(&resolve, &body).await.assert_error(409, "not_flagged");
}

#[actix_web::test]
async fn billing_settings_set_the_editor_s_rates_and_the_due_date() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let admin = app.kit_staff().await;
    let staff = app.staff_member().await;
    let settings = staff.get("/api/admin/settings/billing/").await.assert_status(200);
    assert_eq!(settings.body["default_tax_rate"], "18.00");
    staff.patch("/api/admin/settings/billing/", &json!({"default_due_days": 15})).await.assert_status(403);
    let bad =
        admin.patch("/api/admin/settings/billing/", &json!({"default_tax_rate": "7", "default_due_days": 400})).await;
    insta::assert_json_snapshot!("billing_settings_invalid", bad.assert_status(400).snapshot());
    admin.patch("/api/admin/settings/billing/", &json!({"default_due_days": 15})).await.assert_status(200);
    let sent = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let issued = chrono::NaiveDate::parse_from_str(sent.str("issue_date"), "%Y-%m-%d").expect("date");
    assert_eq!(sent.str("due_date"), (issued + chrono::Duration::days(15)).to_string());
}

/// Two workers running the reminder schedule at once.
async fn run_schedule_twice_at_once(app: &TestApp) -> usize {
    let runs = (0..2).map(|_| {
        let db = app.db.clone();
        tokio::task::spawn_blocking(move || nourx_api::invoices::run_schedule(&db, "https://portail.test"))
    });
    join_all(runs).await.into_iter().map(|run| run.expect("joined").expect("ran")).sum()
}

#[actix_web::test]
async fn each_reminder_step_is_sent_once_even_by_two_workers_and_stops_once_paid() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let today = chrono::Utc::now().date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    // Due 8 days ago: the step of 7 days after is due (the earlier ones are never sent late).
    let late = InvoiceBuilder::new(&tenant).issued(&day(-38), &day(-8)).build(&app).await;
    // Due in 2 days: the step of 3 days before.
    let soon = InvoiceBuilder::new(&tenant).issued(&day(-28), &day(2)).build(&app).await;
    // Due in 10 days: nothing yet.
    InvoiceBuilder::new(&tenant).issued(&day(-20), &day(10)).build(&app).await;

    assert_eq!(run_schedule_twice_at_once(&app).await, 2);
    assert_eq!(run_schedule_twice_at_once(&app).await, 0);
    let steps = |id: uuid::Uuid| app.count_where("invoice_reminders", format!("invoice_id = '{id}'"));
    assert_eq!((steps(late.id).await, steps(soon.id).await), (1, 1));
    let reminded = owner.get(&format!("/api/invoices/{}/reminders/", late.id)).await.assert_status(200);
    assert_eq!(reminded.body[0]["step"], 7);
    let email = app.last_email_to(&tenant.owner.email, "invoice_reminder").await;
    insta::assert_snapshot!("invoice_reminder_due_soon_email", email.redacted());
    assert_eq!(owner.get("/api/notifications/").await.results()[0]["kind"], "invoice.reminder");

    // Paid: the schedule stops, and so does "Relancer".
    OfflinePaymentBuilder::new(soon.id).build(&app).await;
    app.sql(format!("UPDATE invoices SET due_date = '{}' WHERE id = '{}'", day(-2), soon.id)).await;
    assert_eq!(run_schedule_twice_at_once(&app).await, 0);
    let staff = app.kit_staff().await;
    staff.post(&format!("/api/invoices/{}/remind/", soon.id), &json!({})).await.assert_error(409, "not_unpaid");
}

#[actix_web::test]
async fn staff_remind_by_hand_at_most_once_an_hour() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.staff_member().await;
    let invoice = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let path = format!("/api/invoices/{}/remind/", invoice.id);
    let reminder = staff.post(&path, &json!({})).await.assert_status(201);
    assert_eq!(reminder.body["step"], Value::Null);
    assert_eq!(reminder.body["recipients"], 1);
    assert!(reminder.body["sent_by_name"].is_string());
    let again = staff.post(&path, &json!({})).await;
    insta::assert_json_snapshot!("reminder_too_soon", again.assert_error(409, "recently_reminded").snapshot());
}

#[actix_web::test]
async fn the_accountant_s_export_is_french_csv_one_line_per_invoice_or_per_item() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.kit_staff().await;
    let invoice =
        InvoiceBuilder::new(&tenant).title("Site; vitrine").items(three_lines()).discount("5").sent().build(&app).await;
    InvoiceBuilder::new(&tenant).field("currency", "EUR").line("Conseil", "1.5", 12_345).sent().build(&app).await;
    let client = format!("client={}", tenant.id);

    let (status, headers, bytes) =
        get_bytes(&app, &staff.http, &format!("/api/admin/invoices/export/?{client}"), None).await;
    assert_eq!(status, 200);
    assert!(headers["content-type"].to_str().is_ok_and(|t| t.starts_with("text/csv")));
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()), "a byte-order mark for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("Numéro;Date d'émission;Échéance;Client"), "{}", lines[0]);
    // Newest first: the euro invoice, 1,5 × 123,45 € = 185,18 € HT (TVA 18 %: 33,33 €).
    assert!(lines[1].contains(";EUR;185,18;0,00;185,18;33,33;218,51;"), "{}", lines[1]);
    let number = invoice.str("number");
    assert!(lines[2].starts_with(&format!("{number};")), "{}", lines[2]);
    assert!(lines[2].contains("\"Site; vitrine\""), "quoted: {}", lines[2]);
    assert!(lines[2].contains(";1151500;57575;1093925;166127;1260052;0;0;1260052"), "{}", lines[2]);

    let lines_url = format!("/api/admin/invoices/export/?{client}&layout=lines");
    let (_, _, bytes) = get_bytes(&app, &staff.http, &lines_url, None).await;
    let items = String::from_utf8_lossy(&bytes).lines().count();
    assert_eq!(items, 1 + 3 + 1, "a header, then one line per item");
    staff.get("/api/admin/invoices/export/?layout=pdf").await.assert_field_error("layout");

    let totals = staff.get(&format!("/api/admin/invoices/totals/?{client}&status=unpaid")).await.assert_status(200);
    assert_eq!(
        totals.body[1],
        json!({"currency": "XOF", "count": 1, "total_ttc": 1_260_052, "balance_due": 1_260_052})
    );
    let above = staff.get(&format!("/api/invoices/?{client}&amount_min=1000000")).await;
    assert_eq!(above.ids(), [invoice.id.to_string()]);
}

#[actix_web::test]
async fn the_statement_shows_it_all_and_only_to_the_client_s_people() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let other = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let staff = app.kit_staff().await;
    let today = chrono::Utc::now().date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    // Before the period: an invoice of 118 000 half paid (the opening balance is 59 000).
    let older = InvoiceBuilder::new(&tenant).issued(&day(-60), &day(-30)).build(&app).await;
    OfflinePaymentBuilder::new(older.id).amount(59_000).build(&app).await;
    app.sql(format!("UPDATE payments SET settled_at = now() - interval '50 days' WHERE invoice_id = '{}'", older.id))
        .await;
    // In the period: an invoice of 236 000, a credit note of 36 000, a payment of 100 000.
    let recent = InvoiceBuilder::new(&tenant).line("Prestation", 2, 100_000).sent().build(&app).await;
    staff
        .post(&format!("/api/invoices/{}/credit-notes/", recent.id), &json!({"amount": 36_000, "reason": "Geste"}))
        .await
        .assert_status(201);
    OfflinePaymentBuilder::new(recent.id).amount(100_000).build(&app).await;

    let url = format!("/api/clients/{}/statement/?from={}&to={}", tenant.id, day(-10), day(0));
    let statement = owner.get(&url).await.assert_status(200);
    assert_eq!(statement.body["opening_balance"], 59_000);
    let kinds: Vec<&str> =
        statement.body["lines"].as_array().expect("lines").iter().map(|l| l["kind"].as_str().unwrap_or("")).collect();
    assert_eq!(kinds, ["invoice", "credit_note", "payment"]);
    assert_eq!(statement.body["total_debit"], 236_000);
    assert_eq!(statement.body["total_credit"], 136_000);
    assert_eq!(statement.body["closing_balance"], 159_000);
    let pdf_url = statement.str("pdf_url").to_owned();
    let (status, _, bytes) = get_bytes(&app, &owner.http, &pdf_url, None).await;
    assert_eq!(status, 200);
    let text = pdf_text(&bytes).replace(['\u{202f}', '\u{a0}'], " ");
    assert!(text.contains("RELEVÉ DE COMPTE") && text.contains("159 000"), "{text}");

    let stranger = app.owner(&other).await;
    stranger.get(&url).await.assert_status(404);
    let backwards = format!("/api/clients/{}/statement/?from={}&to={}", tenant.id, day(0), day(-10));
    owner.get(&backwards).await.assert_field_error("from");
}

#[actix_web::test]
async fn bulk_actions_go_invoice_by_invoice_and_say_what_failed() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.kit_staff().await;
    let drafts = [InvoiceBuilder::new(&tenant).build(&app).await.id, InvoiceBuilder::new(&tenant).build(&app).await.id];
    let sent = InvoiceBuilder::new(&tenant).sent().build(&app).await.id;
    let body = json!({"action": "send", "ids": [drafts[0], sent, drafts[1]]});
    let answer = staff.post("/api/invoices/bulk/", &body).await.assert_status(200);
    let outcome: Vec<(bool, Value)> = answer.body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| (r["ok"].as_bool().unwrap_or(false), r["code"].clone()))
        .collect();
    assert_eq!(outcome, [(true, Value::Null), (false, json!("invalid_transition")), (true, Value::Null)]);
    let remind = json!({"action": "remind", "ids": [drafts[0], drafts[0], uuid::Uuid::now_v7()]});
    let reminded = staff.post("/api/invoices/bulk/", &remind).await.assert_status(200);
    let codes: Vec<&Value> = reminded.body["results"].as_array().expect("results").iter().map(|r| &r["code"]).collect();
    assert_eq!(codes, [&Value::Null, &json!("recently_reminded"), &json!("not_found")]);
    staff.post("/api/invoices/bulk/", &json!({"action": "send", "ids": []})).await.assert_field_error("ids");
}

#[actix_web::test]
async fn a_pay_link_opens_one_invoice_without_an_account_and_pays_it() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let viewer = app.member(&tenant, nourx_testkit::MemberRole::Viewer).await;
    let invoice = InvoiceBuilder::new(&tenant).title("Hébergement 2027").sent().build(&app).await;
    let links = format!("/api/invoices/{}/pay-links/", invoice.id);
    viewer.post(&links, &json!({})).await.assert_status(403);
    owner.post(&links, &json!({"expires_in_days": 120})).await.assert_field_error("expires_in_days");
    // The portal's "Partager": the owner makes a link to send by WhatsApp.
    let made = owner.post(&links, &json!({"expires_in_days": 7})).await.assert_status(201);
    let url = made.str("url").to_owned();
    let token = url.rsplit('/').next().expect("a token").to_owned();
    assert_eq!(token.len(), 43, "{url}");
    assert_eq!(owner.get(&links).await.body[0]["url"], Value::Null, "shown once");

    let stranger = app.anonymous().await;
    let page = stranger.get(&format!("/api/public/pay/{token}/")).await.assert_status(200);
    assert_eq!(page.body["title"], "Hébergement 2027");
    assert_eq!(page.body["payment"]["can_pay"], true);
    let (status, _, _) = get_bytes(&app, &owner.http, page.str("pdf_url"), None).await;
    assert_eq!(status, 200);

    let started =
        stranger.post(&format!("/api/public/pay/{token}/init/"), &json!({"amount": 59_000})).await.assert_status(201);
    assert!(started.body["checkout_url"].is_string());
    app.sandbox
        .decide(started.str("transaction_id"), nourx_cinetpay_sandbox::Outcome::Accept, "WAVECI")
        .await
        .expect("paid");
    assert_eq!(app.drain_jobs().await, 1);
    let paid = stranger.get(&format!("/api/public/pay/{token}/payments/{}/", started.id())).await.assert_status(200);
    assert_eq!(paid.body["status"], "accepted");
    let receipt = paid.str("receipt_url").to_owned();
    let (status, _, bytes) = get_bytes(&app, &owner.http, &receipt, None).await;
    assert_eq!(status, 200);
    assert!(pdf_text(&bytes).contains("59"), "the receipt");
    assert_eq!(owner.get(&format!("/api/invoices/{}/", invoice.id)).await.body["balance_due"], 59_000);
    // Only that invoice: another id through the link is not there.
    let other = InvoiceBuilder::new(&tenant).sent().build(&app).await;
    let elsewhere = stranger.get(&format!("/api/public/pay/{token}/payments/{}/", other.id)).await;
    elsewhere.assert_status(404);

    // Revoked: 410; a token that is not one: 404; expired: 410.
    owner.post(&format!("/api/pay-links/{}/revoke/", made.id()), &json!({})).await.assert_status(200);
    let gone = stranger.get(&format!("/api/public/pay/{token}/")).await;
    insta::assert_json_snapshot!("pay_link_revoked", gone.assert_error(410, "link_revoked").snapshot());
    stranger.get(&format!("/api/public/pay/{}/", "x".repeat(43))).await.assert_status(404);
    let fresh = app.kit_staff().await.post(&links, &json!({})).await.assert_status(201);
    let fresh_token = fresh.str("url").rsplit('/').next().expect("token").to_owned();
    app.sql(format!("UPDATE pay_links SET expires_at = now() - interval '1 minute' WHERE id = '{}'", fresh.id())).await;
    stranger.get(&format!("/api/public/pay/{fresh_token}/")).await.assert_error(410, "link_expired");
}

/// Two workers issuing the recurring invoices at once.
async fn issue_recurring_twice_at_once(app: &TestApp) -> usize {
    let runs = (0..2).map(|_| {
        let db = app.db.clone();
        tokio::task::spawn_blocking(move || nourx_api::admin::issue_due(&db, "https://portail.test"))
    });
    join_all(runs).await.into_iter().map(|run| run.expect("joined").expect("ran")).sum()
}

#[actix_web::test]
async fn a_recurring_template_issues_one_invoice_per_period_whatever_the_workers_and_restarts() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.kit_staff().await;
    let today = chrono::Utc::now().date_naive();
    let body = json!({
        "client_id": tenant.id, "title": "Maintenance mensuelle", "rhythm": "monthly", "start_date": today.to_string(),
        "items": [{"label": "Maintenance", "quantity": 1, "unit_price": 75_000}], "due_days": 10,
    });
    let past = json!({"client_id": tenant.id, "rhythm": "monthly", "start_date": "2020-01-01", "items": []});
    let refused = staff.post("/api/admin/recurring-invoices/", &past).await;
    insta::assert_json_snapshot!("recurring_invalid", refused.assert_status(400).snapshot());
    let template = staff.post("/api/admin/recurring-invoices/", &body).await.assert_status(201);
    assert_eq!(template.body["total_ttc"], 88_500);
    assert_eq!(template.body["next_date"], today.to_string());

    assert_eq!(issue_recurring_twice_at_once(&app).await, 1);
    assert_eq!(issue_recurring_twice_at_once(&app).await, 0);
    let after = staff.get(&format!("/api/admin/recurring-invoices/{}/", template.id())).await;
    let invoice_id = after.str("last_invoice_id").to_owned();
    let invoice = staff.get(&format!("/api/invoices/{invoice_id}/")).await;
    assert_eq!((invoice.str("status"), invoice.body["total_ttc"].as_i64()), ("sent", Some(88_500)));
    assert_eq!(invoice.str("due_date"), (today + chrono::Duration::days(10)).to_string());
    app.last_email_to(&tenant.owner.email, "invoice_sent").await;
    let next = today.checked_add_months(chrono::Months::new(1)).expect("a month later");
    assert_eq!(after.body["next_date"], next.to_string());

    // A worker restarting on stale state (the period it already issued): nothing more.
    app.sql(format!(
        "UPDATE recurring_invoices SET next_date = '{today}', periods_done = 0 WHERE id = '{}'",
        template.id()
    ))
    .await;
    assert_eq!(issue_recurring_twice_at_once(&app).await, 0);
    assert_eq!(
        app.count_where("invoices", format!("client_id = '{}' AND title = 'Maintenance mensuelle'", tenant.id)).await,
        1
    );

    // Paused, nothing goes out; stopped, it never resumes.
    let status = format!("/api/admin/recurring-invoices/{}/status/", template.id());
    staff.post(&status, &json!({"status": "paused"})).await.assert_status(200);
    app.sql(format!(
        "UPDATE recurring_invoices SET next_date = '{today}', periods_done = 5 WHERE id = '{}'",
        template.id()
    ))
    .await;
    assert_eq!(issue_recurring_twice_at_once(&app).await, 0);
    staff.post(&status, &json!({"status": "stopped"})).await.assert_status(200);
    staff.post(&status, &json!({"status": "active"})).await.assert_error(409, "invalid_status");
}

#[actix_web::test]
async fn a_deposit_then_the_balance_invoice_add_up_to_the_quote() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let staff = app.kit_staff().await;
    let quote = QuoteBuilder::new(&tenant).items(three_lines()).discount("5").accepted().build(&app).await;
    let deposit_path = format!("/api/quotes/{}/deposit-invoice/", quote.id);
    staff.post(&deposit_path, &json!({"percent": 100})).await.assert_field_error("percent");
    let deposit = staff.post(&deposit_path, &json!({"percent": "30"})).await.assert_status(201);
    assert_eq!(deposit.body["deposit_percent"], "30.00");
    assert_eq!(deposit.body["items"].as_array().map(Vec::len), Some(2), "one line per TVA rate");
    let again = staff.post(&deposit_path, &json!({"percent": 20})).await;
    again.assert_error(409, "deposit_exists");
    let deposit = staff.post(&format!("/api/invoices/{}/send/", deposit.id()), &json!({})).await.assert_status(200);
    let (_, _, bytes) = get_bytes(&app, &staff.http, deposit.str("pdf_url"), None).await;
    assert!(pdf_text(&bytes).contains("Facture d'acompte"));

    let balance = staff.post(&format!("/api/quotes/{}/invoice/", quote.id), &json!({})).await.assert_status(201);
    // The balance invoice names its quote under its heading.
    let (_, _, bytes) = get_bytes(&app, &staff.http, balance.str("pdf_url"), None).await;
    assert!(squashed_pdf_text(&bytes).contains(&format!("Devis{}", quote.str("number"))), "{}", pdf_text(&bytes));
    let lines = balance.body["items"].as_array().expect("lines");
    assert_eq!(lines.len(), 3 + 2, "the quote's lines, then the deposit deducted per rate");
    assert!(lines[3]["unit_price"].as_i64().is_some_and(|p| p < 0), "{}", balance.text);
    for field in ["total_ht", "total_tva", "total_ttc"] {
        let sum = deposit.body[field].as_i64().unwrap_or(0) + balance.body[field].as_i64().unwrap_or(0);
        assert_eq!(Some(sum), quote.body[field].as_i64(), "{field}: deposit + balance = quote");
    }
    staff.post(&format!("/api/quotes/{}/invoice/", quote.id), &json!({})).await.assert_error(409, "already_invoiced");
}
