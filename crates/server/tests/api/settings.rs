//! The back-office settings (`/admin/parametres`): the branding (admins only, validated, audited,
//! printed on every PDF and email, its public part readable by anyone), its logo through the
//! storage (checked, resized), the numbering of documents, and « Tester la connexion » against
//! the test kit's CinetPay sandbox.

use std::io::Cursor;

use diesel::prelude::*;
use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use insta::assert_json_snapshot;
use nourx_db::schema::invoices;
use nourx_testkit::{InvoiceBuilder, OfflinePaymentBuilder, QuoteBuilder, TestApp, TestClient, TestResponse};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::billing::{get_bytes, pdf_text};

const BRANDING: &str = "/api/admin/settings/branding/";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// A whole, valid branding named `name`.
fn branding(name: &str) -> Value {
    json!({
        "display_name": name,
        "legal_name": format!("{name} SAS"),
        "address_lines": ["Plateau, avenue Chardy", "", "Abidjan"],
        "rccm": "CI-ABJ-2024-B-777",
        "ncc": "2409876C",
        "email": "Compta@Lagune.ci",
        "phone": "+225 27 20 30 40 50",
        "website": "https://lagune.ci",
        "payment_instructions_fr": ["Virement : SGCI, IBAN CI93 0000 1111"],
        "payment_instructions_en": ["Bank transfer: SGCI, IBAN CI93 0000 1111"],
        "legal_footer": "SAS au capital de 5 000 000 FCFA",
        "primary_color": "#7C2D12",
    })
}

async fn settings_audits(app: &TestApp, action: &str) -> i64 {
    app.count_where("audit_log", format!("entity = 'settings' AND entity_id = 'branding' AND action = '{action}'"))
        .await
}

#[actix_web::test]
async fn the_branding_is_for_admins_validated_and_audited() {
    let app = TestApp::new().await;
    let admin = app.kit_staff().await;
    let staff = app.staff_member().await;
    staff.get(BRANDING).await.assert_error(403, "permission_denied");
    staff.put(BRANDING, &branding("Studio Lagune")).await.assert_error(403, "permission_denied");

    let defaults = admin.get(BRANDING).await.assert_status(200);
    assert_eq!((defaults.str("display_name"), defaults.str("primary_color")), ("NOURX", "#0b4f6c"));
    assert_eq!(defaults.body["logo"], Value::Null);

    let mut bad = branding("");
    bad["primary_color"] = json!("#ffd500");
    bad["email"] = json!("compta@");
    bad["website"] = json!("lagune ci");
    bad["phone"] = json!("12");
    bad["address_lines"] = json!(["1", "2", "3", "4", "5"]);
    bad["payment_instructions_en"] = json!(["x".repeat(201)]);
    let refused = admin.put(BRANDING, &bad).await.assert_status(400);
    assert_json_snapshot!("branding_invalid", refused.snapshot());
    assert_eq!(settings_audits(&app, "update").await, 0);

    let saved = admin.put(BRANDING, &branding("Studio Lagune")).await.assert_status(200);
    assert_eq!(saved.str("display_name"), "Studio Lagune");
    assert_eq!(saved.str("primary_color"), "#7c2d12");
    assert_eq!(saved.str("email"), "compta@lagune.ci");
    assert_eq!(saved.body["address_lines"], json!(["Plateau, avenue Chardy", "Abidjan"]));
    assert_ne!(saved.str("version"), defaults.str("version"));
    assert_eq!(settings_audits(&app, "update").await, 1);
    assert_eq!(admin.get(BRANDING).await.body, saved.body);

    // Blank optional fields are removed.
    let mut bare = branding("Studio Lagune");
    for field in ["rccm", "ncc", "email", "phone", "website", "legal_footer"] {
        bare[field] = json!("  ");
    }
    let bare = admin.put(BRANDING, &bare).await.assert_status(200);
    assert_eq!((&bare.body["rccm"], &bare.body["legal_footer"]), (&Value::Null, &Value::Null));
    assert_eq!(settings_audits(&app, "update").await, 2);
}

#[actix_web::test]
async fn anyone_reads_the_public_branding_with_cache_headers_and_nothing_else() {
    let app = TestApp::new().await;
    app.kit_staff().await.put(BRANDING, &branding("Studio Lagune")).await.assert_status(200);
    let anonymous = app.client();
    let public = anonymous.get("/api/branding/").await.assert_status(200);
    assert_eq!(public.body, json!({"name": "Studio Lagune", "primary_color": "#7c2d12", "logo": null}));
    assert_eq!(public.header("cache-control"), Some("public, max-age=60"));
    let etag = public.header("etag").expect("an ETag").to_owned();
    let again = anonymous.request(reqwest::Method::GET, "/api/branding/").header("If-None-Match", &etag).send().await;
    assert_eq!(again.status, 304);
    app.kit_staff().await.put(BRANDING, &branding("Studio Lagune 2")).await.assert_status(200);
    let changed = anonymous.request(reqwest::Method::GET, "/api/branding/").header("If-None-Match", &etag).send().await;
    assert_eq!((changed.status, changed.body["name"].as_str()), (200, Some("Studio Lagune 2")));
    anonymous.get("/api/branding/logo/not-a-version/").await.assert_status(404);
    anonymous.get("/api/branding/logo/0123456789abcdef/").await.assert_status(404);
}

#[actix_web::test]
async fn a_branding_change_prints_every_pdf_again_with_its_footer() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let sent = InvoiceBuilder::new(&tenant).line("Prestation", 1, 50_000).sent().build(&app).await;
    let id = sent.id;
    let path = format!("/api/invoices/{id}/pdf/");
    let (status, headers, before) = get_bytes(&app, &owner, &path, None).await;
    assert_eq!(status, 200);
    let etag = headers.get("etag").and_then(|v| v.to_str().ok()).expect("etag").to_owned();
    let pdf_key = move |conn: &mut PgConnection| -> Option<String> {
        invoices::table.find(id).select(invoices::pdf_key).first(conn).expect("row")
    };
    let old_key = app.with_conn(pdf_key).await.expect("stored");
    assert!(pdf_text(&before).contains("NOURX SARL"));

    app.kit_staff().await.put(BRANDING, &branding("Studio Lagune")).await.assert_status(200);
    // The old ETag no longer matches: the PDF is printed again, with the new branding.
    let (status, headers, after) = get_bytes(&app, &owner, &path, Some(&etag)).await;
    assert_eq!(status, 200);
    assert_ne!(headers.get("etag").and_then(|v| v.to_str().ok()), Some(etag.as_str()));
    let text = pdf_text(&after);
    for printed in
        ["Studio Lagune", "Studio Lagune SAS", "SAS au capital de 5 000 000 FCFA", "RCCM : CI-ABJ-2024-B-777"]
    {
        assert!(text.contains(printed), "{printed} not in {text}");
    }
    let new_key = app.with_conn(pdf_key).await.expect("stored");
    assert_ne!(new_key, old_key);
    assert_eq!(app.storage.get(&old_key).await.expect("storage"), None, "the outdated PDF is deleted");
    // Unchanged branding: the same file again.
    let (_, _, again) = get_bytes(&app, &owner, &path, None).await;
    assert!(again == after);
}

#[actix_web::test]
async fn emails_carry_the_branding_in_their_html() {
    let app = TestApp::new().await;
    app.kit_staff().await.put(BRANDING, &branding("Studio Lagune")).await.assert_status(200);
    let tenant = app.tenant().await;
    InvoiceBuilder::new(&tenant).line("Prestation", 1, 50_000).sent().build(&app).await;
    let emails = app.emails().await;
    let email = emails.iter().find(|e| e.template == "invoice_sent").expect("the invoice's email");
    let header = email.html.find("Studio Lagune").expect("the name heads the HTML");
    assert!(header < email.html.find("Bonjour").expect("the text"), "{}", email.html);
    assert!(email.html.contains("background-color:#7c2d12;"), "{}", email.html);
}

/// A presigned logo form, as the API gave it (fields in its order).
struct LogoForm {
    upload_id: String,
    url: String,
    fields: Vec<(String, String)>,
}

async fn presign_logo(client: &TestClient, content_type: &str, size: usize) -> TestResponse {
    client
        .post("/api/admin/settings/branding/logo/presign/", &json!({"content_type": content_type, "size": size}))
        .await
}

fn logo_form(response: TestResponse) -> LogoForm {
    let response = response.assert_status(201);
    let object = response.body["fields"].as_object().expect("fields");
    let start = response.text.find("\"fields\":").expect("fields");
    let mut fields: Vec<(usize, String, String)> = object
        .iter()
        .map(|(name, value)| {
            let at = response.text[start..].find(&format!("{}:", Value::String(name.clone()))).expect("field");
            (at, name.clone(), value.as_str().expect("a string").to_owned())
        })
        .collect();
    fields.sort();
    LogoForm {
        upload_id: response.str("upload_id").to_owned(),
        url: response.str("url").to_owned(),
        fields: fields.into_iter().map(|(_, name, value)| (name, value)).collect(),
    }
}

/// Sends `bytes` with the form, as a browser does (fields first, the file last).
async fn send_logo(app: &TestApp, client: &TestClient, form: &LogoForm, content_type: &str, bytes: &[u8]) {
    let boundary = format!("----NourxLogo{}", Uuid::new_v4().simple());
    let mut body = Vec::new();
    for (name, value) in &form.fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo\"\r\nContent-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let path = form.url.strip_prefix(&app.base_url).expect("the local storage's form");
    let sent = client
        .request(reqwest::Method::POST, path)
        .body(body, &format!("multipart/form-data; boundary={boundary}"))
        .send()
        .await;
    assert!((200..300).contains(&sent.status), "upload: {} {}", sent.status, sent.text);
}

/// Presigns, sends `bytes` as `content_type`, and asks for it to become the logo.
async fn try_logo(app: &TestApp, client: &TestClient, content_type: &str, bytes: &[u8]) -> (LogoForm, TestResponse) {
    let form = logo_form(presign_logo(client, content_type, bytes.len()).await);
    send_logo(app, client, &form, content_type, bytes).await;
    let set = client.put("/api/admin/settings/branding/logo/", &json!({"upload_id": form.upload_id})).await;
    (form, set)
}

fn encoded(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), format).expect("encodes");
    bytes
}

/// A wide logo with transparency, as designers export them.
fn wide_png() -> Vec<u8> {
    let image = RgbaImage::from_fn(1_200, 400, |x, y| Rgba([(x % 256) as u8, (y % 256) as u8, 120, 200]));
    encoded(DynamicImage::ImageRgba8(image), ImageFormat::Png)
}

#[actix_web::test]
async fn a_logo_goes_through_the_storage_checked_and_resized_for_pdfs_and_emails() {
    let app = TestApp::new().await;
    let admin = app.kit_staff().await;
    let staff = app.staff_member().await;
    presign_logo(&staff, "image/png", 1_000).await.assert_error(403, "permission_denied");

    let (form, set) = try_logo(&app, admin, "image/png", &wide_png()).await;
    let set = set.assert_status(200);
    assert_eq!((set.body["logo"]["width"].as_u64(), set.body["logo"]["height"].as_u64()), (Some(480), Some(160)));
    assert_eq!((settings_audits(&app, "presign_logo").await, settings_audits(&app, "set_logo").await), (1, 1));
    let upload_key = format!("branding/uploads/{}", form.upload_id);
    assert_eq!(app.storage.get(&upload_key).await.expect("storage"), None, "the upload is deleted once used");
    // Used once only.
    let again = admin.put("/api/admin/settings/branding/logo/", &json!({"upload_id": form.upload_id})).await;
    again.assert_field_error("upload_id");

    // Anyone fetches it, cached for good: its address changes with it.
    let url = set.body["logo"]["url"].as_str().expect("url").to_owned();
    let public = app.client().get("/api/branding/").await;
    assert_eq!(public.body["logo"]["url"].as_str(), Some(url.as_str()));
    let response = reqwest::get(format!("{}{url}", app.base_url)).await.expect("the logo");
    assert_eq!(
        response.headers().get("cache-control").and_then(|v| v.to_str().ok()),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(response.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("image/png"));
    let served = image::load_from_memory(&response.bytes().await.expect("bytes")).expect("a PNG");
    assert_eq!((served.width(), served.height()), (480, 160));

    // The PDFs print it (fitted in 800×320), and the emails show it by its absolute address.
    let tenant = app.tenant().await;
    let owner = app.owner(&tenant).await;
    let sent = InvoiceBuilder::new(&tenant).line("Prestation", 1, 50_000).sent().build(&app).await;
    let (status, _, pdf) = get_bytes(&app, &owner, &format!("/api/invoices/{}/pdf/", sent.id), None).await;
    assert_eq!(status, 200);
    assert!(pdf_has_image(&pdf), "the logo is in the PDF");
    let email = app.emails().await.into_iter().find(|e| e.template == "invoice_sent").expect("email");
    assert!(email.html.contains(&format!("src=\"{}{url}\"", app.config.public_web_url)), "{}", email.html);

    // A JPEG works as well; the logo can be removed.
    let photo = encoded(DynamicImage::ImageRgb8(RgbImage::from_pixel(300, 300, Rgb([11, 79, 108]))), ImageFormat::Jpeg);
    let (_, set) = try_logo(&app, admin, "image/jpeg", &photo).await;
    assert_eq!(set.assert_status(200).body["logo"]["width"].as_u64(), Some(160));
    let removed = admin.delete("/api/admin/settings/branding/logo/").await.assert_status(200);
    assert_eq!(removed.body["logo"], Value::Null);
    assert_eq!(settings_audits(&app, "delete_logo").await, 1);
}

/// Whether poppler finds an image in the PDF.
fn pdf_has_image(pdf: &[u8]) -> bool {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write");
    let output = std::process::Command::new("pdfimages").args(["-list", path.to_str().expect("path")]).output();
    output.is_ok_and(|output| String::from_utf8_lossy(&output.stdout).lines().count() > 2)
}

#[actix_web::test]
async fn a_logo_of_another_type_too_big_or_not_an_image_is_refused_and_deleted() {
    let app = TestApp::new().await;
    let admin = app.kit_staff().await;
    presign_logo(admin, "image/gif", 1_000).await.assert_field_error("content_type");
    presign_logo(admin, "image/svg+xml", 1_000).await.assert_field_error("content_type");
    presign_logo(admin, "image/png", 2 * 1024 * 1024 + 1).await.assert_field_error("size");
    presign_logo(admin, "image/png", 0).await.assert_field_error("size");

    // Announced as a PNG, but a PDF.
    let (form, set) = try_logo(&app, admin, "image/png", PDF).await;
    set.assert_error(400, "file_type_rejected");
    let upload_key = format!("branding/uploads/{}", form.upload_id);
    assert_eq!(app.storage.get(&upload_key).await.expect("storage"), None, "a refused file is deleted");

    // A PNG's signature over nothing readable.
    let mut broken = wide_png();
    broken.truncate(120);
    broken.extend_from_slice(&[0x55; 400]);
    let (_, set) = try_logo(&app, admin, "image/png", &broken).await;
    set.assert_error(400, "image_unreadable");

    // A small file announcing a huge image is refused before it is decoded.
    let huge = encoded(DynamicImage::ImageRgb8(RgbImage::new(6_000, 2)), ImageFormat::Png);
    let (_, set) = try_logo(&app, admin, "image/png", &huge).await;
    set.assert_error(400, "image_too_large");

    // Nothing uploaded with the form yet; then a form replaced by a newer one.
    let form = logo_form(presign_logo(admin, "image/png", 500).await);
    admin
        .put("/api/admin/settings/branding/logo/", &json!({"upload_id": form.upload_id}))
        .await
        .assert_error(400, "upload_missing");
    logo_form(presign_logo(admin, "image/png", 500).await);
    admin
        .put("/api/admin/settings/branding/logo/", &json!({"upload_id": form.upload_id}))
        .await
        .assert_field_error("upload_id");
    assert_eq!(admin.get(BRANDING).await.body["logo"], Value::Null);
    assert_eq!(settings_audits(&app, "set_logo").await, 0);
}

#[actix_web::test]
async fn the_sample_pdf_is_printed_with_the_saved_branding() {
    let app = TestApp::new().await;
    let admin = app.kit_staff().await;
    admin.put(BRANDING, &branding("Studio Lagune")).await.assert_status(200);
    let (status, headers, pdf) = get_bytes(&app, admin, "/api/admin/settings/branding/sample-pdf/?lang=en", None).await;
    assert_eq!(status, 200);
    assert_eq!(headers.get("content-type").and_then(|v| v.to_str().ok()), Some("application/pdf"));
    let text = pdf_text(&pdf);
    for printed in ["INVOICE", "Studio Lagune SAS", "SAS au capital de 5 000 000 FCFA", "Bank transfer: SGCI"] {
        assert!(text.contains(printed), "{printed} not in {text}");
    }
    admin.get("/api/admin/settings/branding/sample-pdf/?lang=de").await.assert_field_error("lang");
    app.staff_member().await.get("/api/admin/settings/branding/sample-pdf/").await.assert_status(403);
}

#[actix_web::test]
async fn numbering_prefixes_and_the_yearly_reset_apply_to_new_numbers() {
    let app = TestApp::new().await;
    let admin = app.kit_staff().await;
    let tenant = app.tenant().await;
    let year = chrono::Utc::now().format("%Y").to_string();
    let before = InvoiceBuilder::new(&tenant).line("Prestation", 1, 50_000).sent().build(&app).await;
    assert_eq!(before.str("number"), format!("NX-{year}-0001"));

    let settings = "/api/admin/settings/billing/";
    let defaults = admin.get(settings).await.assert_status(200);
    assert_eq!(
        defaults.body["numbering"],
        json!({"quote_prefix": "DV", "invoice_prefix": "NX", "credit_note_prefix": "AV", "receipt_prefix": "REC", "yearly_reset": true})
    );
    admin
        .patch(settings, &json!({"numbering": {"invoice_prefix": "F-A"}}))
        .await
        .assert_field_error("numbering.invoice_prefix");
    admin.patch(settings, &json!({"numbering": {"receipt_prefix": "dv"}})).await.assert_field_error("numbering");
    app.staff_member().await.patch(settings, &json!({"numbering": {"invoice_prefix": "FA"}})).await.assert_status(403);

    let changed = admin.patch(settings, &json!({"numbering": {"invoice_prefix": "fa", "yearly_reset": false}})).await;
    assert_eq!(changed.assert_status(200).body["numbering"]["invoice_prefix"], "FA");
    let running = InvoiceBuilder::new(&tenant).line("Prestation", 1, 50_000).sent().build(&app).await;
    assert_eq!(running.str("number"), "FA-0001");
    let quote = QuoteBuilder::new(&tenant).line("Prestation", 1, 50_000).sent().build(&app).await;
    assert_eq!(quote.str("number"), "DV-0001");
    let payment = OfflinePaymentBuilder::new(running.id).amount(10_000).build(&app).await;
    assert_eq!(payment.str("receipt_number"), "REC-0001");
    // Numbers given stay as they were.
    let first = admin.get(&format!("/api/invoices/{}/", before.id)).await;
    assert_eq!(first.str("number"), format!("NX-{year}-0001"));

    admin.patch(settings, &json!({"numbering": {"yearly_reset": true}})).await.assert_status(200);
    let yearly = InvoiceBuilder::new(&tenant).line("Prestation", 1, 50_000).sent().build(&app).await;
    assert_eq!(yearly.str("number"), format!("FA-{year}-0002"));
}

#[actix_web::test]
async fn the_connection_test_reports_on_the_sandbox_step_by_step() {
    let app = TestApp::new().await;
    let admin = app.kit_staff().await;
    let test = "/api/admin/settings/payments/test/";
    app.staff_member().await.post_without_body(test).await.assert_error(403, "permission_denied");

    let verdict = admin.post_without_body(test).await.assert_status(200);
    assert_eq!(verdict.body["ok"], true, "{}", verdict.text);
    assert_eq!(
        (verdict.str("tls"), verdict.str("reachability"), verdict.str("credentials")),
        ("passed", "passed", "passed")
    );
    assert!(verdict.str("base_url").starts_with("https://"));
    assert!(verdict.str("message_fr").starts_with("Connexion réussie"));

    let audits = app.count_rows("audit_log").await;
    admin.patch("/api/admin/settings/payments/", &json!({"cinetpay_api_key": "wrong-key"})).await.assert_status(200);
    let refused = admin.post_without_body(test).await.assert_status(200);
    assert_eq!((refused.body["ok"].as_bool(), refused.str("outcome")), (Some(false), "credentials_refused"));
    assert_eq!((refused.str("reachability"), refused.str("credentials")), ("passed", "failed"));
    assert_eq!(refused.str("code"), "609");
    // The test itself stores nothing: only the settings change is audited.
    assert_eq!(app.count_rows("audit_log").await, audits + 1);
}
