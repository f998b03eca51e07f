//! The email templates admins edit (issue 18): a broken wording is refused with its line and reason
//! when saved, a saved one is what the next email of its kind says, a test reaches the admin's own
//! mailbox through the outbox and SMTP, a reset brings the built-in wording back, and an override
//! that fails anyway when an email is sent gives way to the built-in wording instead of losing it.

use std::time::Duration;

use insta::assert_json_snapshot;
use nourx_api::services::mailer::SmtpSender;
use nourx_testkit::{Actor, InvoiceBuilder, TestApp, capture_logs};
use serde_json::{Value, json};

use crate::admin::fake_smtp_server;

const INVOICE_FR: &str = "/api/admin/email-templates/invoice_sent/fr/";

/// The French invoice email, reworded.
fn reworded() -> Value {
    json!({
        "subject": "Votre facture {{ number }} est disponible",
        "text": "Bonjour,\n\nLa facture {{ number }} de {{ client_name }} est prête : {{ total }}, à régler avant le {{ due_date }}.\n\nPayez-la en ligne : {{ invoice_url }}\n\nMerci de votre confiance,\nL'équipe NOURX",
    })
}

/// How many audit rows name an email template.
async fn template_audit_rows(admin: &Actor) -> i64 {
    let rows = admin.get("/api/admin/audit-log/?entity=email_template").await.assert_status(200);
    rows.body["count"].as_i64().unwrap_or_default()
}

async fn send_an_invoice(app: &TestApp) -> String {
    let tenant = app.tenant().await;
    InvoiceBuilder::new(&tenant).title("Site vitrine").sent().build(app).await;
    tenant.owner.email
}

#[actix_web::test]
async fn a_broken_template_is_refused_with_its_line_and_reason_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let mut broken = reworded();
    broken["text"] = json!(
        "Bonjour,\n\nLa facture {{ number }} est prête.\nMontant : {{ montant }}\n\nÀ régler avant le {{ due_date }}."
    );
    broken["subject"] = json!("Facture {{ number");
    let refused = admin.put(INVOICE_FR, &broken).await.assert_field_error("text");
    assert_json_snapshot!("broken_email_template", refused.snapshot());
    let english =
        admin.request(reqwest::Method::PUT, INVOICE_FR).header("Accept-Language", "en").json(&broken).send().await;
    assert_eq!(english.body["text"][0], "Line 4: unknown variable “montant”.", "{}", english.text);

    // The preview refuses it the same way; nothing was saved, nothing audited.
    let preview = admin.post(&format!("{INVOICE_FR}preview/"), &broken).await.assert_status(400);
    assert_eq!(preview.body, refused.body);
    let template = admin.get(INVOICE_FR).await.assert_status(200);
    assert_eq!(template.body["customised"], false);
    assert_eq!(template.body["current"], template.body["default"]);
    assert_eq!(template_audit_rows(&admin).await, 0);

    // Blank fields, and an HTML part carrying a script.
    let blank = admin.put(INVOICE_FR, &json!({"subject": " ", "text": ""})).await.assert_status(400);
    assert!(blank.body["subject"].is_array() && blank.body["text"].is_array(), "{}", blank.text);
    let mut scripted = reworded();
    scripted["html"] = json!("<p>{{ number }}</p>\n<script>alert(1)</script>");
    let scripted = admin.put(INVOICE_FR, &scripted).await.assert_field_error("html");
    assert_eq!(scripted.body["html"][0], "Ligne 2 : « <script> » n'est pas permis dans un e-mail.");
}

#[actix_web::test]
async fn a_saved_template_is_what_the_next_email_says_until_it_is_reset() {
    let app = TestApp::new().await;
    let admin = app.staff().await;

    let saved = admin.put(INVOICE_FR, &reworded()).await.assert_status(200);
    assert_eq!(saved.body["customised"], true);
    assert_eq!(saved.body["current"]["subject"], "Votre facture {{ number }} est disponible");
    assert_eq!(saved.body["updated_by"], admin.user.name.as_str());
    assert!(saved.body["default"]["text"].as_str().unwrap_or("").contains("Montant TTC"), "{}", saved.text);
    let list = admin.get("/api/admin/email-templates/").await.assert_status(200);
    let invoice = list.body["results"].as_array().and_then(|r| r.iter().find(|t| t["key"] == "invoice_sent")).cloned();
    let invoice = invoice.unwrap_or_default();
    assert_eq!(invoice["customised"], json!(["fr"]));
    assert_eq!(invoice["group"], "billing");
    assert_eq!(invoice["label"], json!({"fr": "Facture envoyée", "en": "Invoice sent"}));
    assert!(invoice["variables"].as_array().is_some_and(|v| v.iter().any(|v| v["name"] == "total")));

    let to = send_an_invoice(&app).await;
    let email = app.last_email_to(&to, "invoice_sent").await;
    assert!(email.subject.starts_with("Votre facture NX-"), "{}", email.subject);
    assert!(email.text.contains("est prête : 118\u{202F}000\u{A0}FCFA, à régler avant le "), "{}", email.text);
    assert!(email.text.contains("Merci de votre confiance,"), "{}", email.text);
    assert!(email.html.contains("Merci de votre confiance,"), "the HTML is derived from the new text");

    // The English email is untouched.
    let english = admin.get("/api/admin/email-templates/invoice_sent/en/").await.assert_status(200);
    assert_eq!(english.body["customised"], false);

    admin.delete(INVOICE_FR).await.assert_status(204);
    let to = send_an_invoice(&app).await;
    let email = app.last_email_to(&to, "invoice_sent").await;
    assert!(email.subject.starts_with("Facture NX-"), "{}", email.subject);
    assert!(email.text.contains("Montant TTC"), "{}", email.text);
    assert_eq!(admin.get(INVOICE_FR).await.body["customised"], false);

    // One audit row per write: the save and the reset; a reset with nothing to reset writes nothing.
    admin.delete(INVOICE_FR).await.assert_status(204);
    let rows = admin.get("/api/admin/audit-log/?entity=email_template").await.assert_status(200);
    let actions: Vec<&str> = rows.results().iter().filter_map(|r| r["action"].as_str()).collect();
    assert_eq!(actions, ["reset", "update"], "{}", rows.text);
    assert_eq!(rows.results()[1]["entity_id"], "invoice_sent/fr");
}

#[actix_web::test]
async fn the_preview_renders_an_unsaved_wording_with_sample_data() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let preview = admin.post(&format!("{INVOICE_FR}preview/"), &reworded()).await.assert_status(200);
    assert_eq!(preview.body["subject"], "Votre facture NX-2026-0042 est disponible");
    let text = preview.body["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("de Akwaba Digital est prête : 150\u{202F}000\u{A0}FCFA, à régler avant le 23/11/2026."),
        "{text}"
    );
    let html = preview.body["html"].as_str().unwrap_or_default();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"), "{html}");
    assert!(html.contains("<a href=\"https://app.nourx.ci/factures/"), "{html}");

    // An HTML part of one's own: values escaped, in the same frame.
    let mut with_html = reworded();
    with_html["html"] =
        json!("<h1>Facture {{ number }}</h1>\n<p><a href=\"{{ invoice_url }}\">Payer {{ total }}</a></p>");
    let preview = admin.post(&format!("{INVOICE_FR}preview/"), &with_html).await.assert_status(200);
    let html = preview.body["html"].as_str().unwrap_or_default();
    assert!(html.contains("<h1>Facture NX-2026-0042</h1>"), "{html}");
    assert!(html.contains("<title>Votre facture NX-2026-0042 est disponible</title>"), "{html}");
    assert_eq!(template_audit_rows(&admin).await, 0, "a preview stores nothing");

    admin.post("/api/admin/email-templates/nope/fr/preview/", &reworded()).await.assert_status(404);
    admin.get("/api/admin/email-templates/invoice_sent/de/").await.assert_status(404);
}

#[actix_web::test]
async fn a_test_reaches_the_admin_s_own_mailbox_through_the_outbox_and_smtp() {
    let app = TestApp::new().await;
    let admin = app.staff().await;
    let mut posted = reworded();
    posted["text"] = json!("Hello {{ client_name }}, invoice {{ number }} is ready.\n\n{{ invoice_url }}");
    let queued = admin.post(&format!("{INVOICE_FR}test/"), &json!({"source": posted})).await.assert_status(202);
    assert_eq!(queued.body["to"], admin.user.email.as_str());
    let email = app.last_email_to(&admin.user.email, "invoice_sent").await;
    assert_eq!(email.subject, "[Test] Votre facture NX-2026-0042 est disponible");
    assert!(email.text.starts_with("Hello Akwaba Digital, invoice NX-2026-0042 is ready."), "{}", email.text);
    assert_eq!(email.locale, "fr");

    let (port, server) = fake_smtp_server();
    let sender = SmtpSender::from_url(&format!("smtp://127.0.0.1:{port}?tls=none"), "NOURX <no-reply@nourx.demo>")
        .expect("sender")
        .with_timeout(Duration::from_secs(10));
    let db = app.db.clone();
    let delivered = actix_web::web::block(move || nourx_api::services::mailer::deliver_due(&db, Some(&sender)))
        .await
        .expect("join")
        .expect("delivery round");
    assert_eq!(delivered, 1);
    let transcript = actix_web::web::block(move || server.join().expect("server thread")).await.expect("join");
    assert!(transcript.contains(&format!("RCPT TO:<{}>", admin.user.email)), "{transcript}");
    assert!(transcript.contains("Hello Akwaba Digital, invoice NX-2026-0042 is ready."), "{transcript}");

    // Without a posted wording, the one in use (the built-in one here); nothing was saved.
    admin.post(&format!("{INVOICE_FR}test/"), &json!({})).await.assert_status(202);
    let email = app.last_email_to(&admin.user.email, "invoice_sent").await;
    assert_eq!(email.subject, "[Test] Facture NX-2026-0042 : Refonte du site vitrine");
    assert_eq!(admin.get(INVOICE_FR).await.body["customised"], false);
    let rows = admin.get("/api/admin/audit-log/?entity=email_template&action=send_test").await;
    assert_eq!(rows.body["count"], 2, "{}", rows.text);

    // A broken posted wording is refused, and nothing is queued.
    let mut broken = reworded();
    broken["text"] = json!("{{ montant }}");
    admin.post(&format!("{INVOICE_FR}test/"), &json!({"source": broken})).await.assert_field_error("text");
    assert_eq!(app.emails_to(&admin.user.email, "invoice_sent").await.len(), 2);
}

#[actix_web::test]
async fn an_override_failing_when_sent_gives_way_to_the_built_in_wording() {
    let logs = capture_logs();
    let app = TestApp::new().await;
    // Saved before a release stopped passing `montant` (the check would refuse it today).
    app.sql(
        "INSERT INTO email_templates (template, locale, subject, text_body) \
         VALUES ('invoice_sent', 'fr', 'Facture {{ number }}', 'Montant : {{ montant }}')"
            .to_owned(),
    )
    .await;
    let to = send_an_invoice(&app).await;
    let email = app.last_email_to(&to, "invoice_sent").await;
    assert!(email.text.contains("Montant TTC"), "the built-in wording: {}", email.text);
    let logged = logs.text();
    assert!(
        logged.contains("WARN") && logged.contains("the built-in one is sent instead") && logged.contains("montant"),
        "{logged}"
    );
}

#[actix_web::test]
async fn staff_who_are_not_admins_may_neither_read_nor_change_the_templates() {
    let app = TestApp::new().await;
    let staff = app.staff_member().await;
    staff.get("/api/admin/email-templates/").await.assert_status(403);
    staff.get(INVOICE_FR).await.assert_status(403);
    staff.put(INVOICE_FR, &reworded()).await.assert_status(403);
    staff.delete(INVOICE_FR).await.assert_status(403);
    staff.post(&format!("{INVOICE_FR}preview/"), &reworded()).await.assert_status(403);
    staff.post(&format!("{INVOICE_FR}test/"), &json!({})).await.assert_status(403);
    assert!(app.emails().await.is_empty());
}
