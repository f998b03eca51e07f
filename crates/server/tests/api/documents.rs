//! Documents through real HTTP on a real database and the local storage backend: presign, the
//! browser's multipart upload to the returned URL, completion (size, sniffed type, SHA-256),
//! listing, download links, deletion, visibility, scoping, and the clean-up of abandoned uploads.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use insta::assert_json_snapshot;
use nourx_db::schema::documents;
use nourx_testkit::{MemberRole, ProjectBuilder, Tenant, TestApp, TestClient, TestResponse};
use serde_json::{Value, json};
use uuid::Uuid;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const EXE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0\xb8\0\0\0\0\0\0\0@\0\0\0";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn time(value: &Value) -> DateTime<Utc> {
    value.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not a time: {value}"))
}

/// The start of a .docx: a ZIP archive whose first entry is `[Content_Types].xml`.
fn docx_bytes() -> Vec<u8> {
    let name = b"[Content_Types].xml";
    let mut bytes = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0".to_vec();
    bytes.extend_from_slice(&[0; 12]);
    bytes.extend_from_slice(&(name.len() as u16).to_le_bytes());
    bytes.extend_from_slice(&[0, 0]);
    bytes.extend_from_slice(name);
    bytes.extend_from_slice(&[0x42; 900]);
    bytes
}

/// The form fields of a presign response, in the order the API gave them.
#[derive(Debug, Default)]
struct Fields(Vec<(String, String)>);

/// A presign response.
#[derive(Debug)]
struct Presigned {
    document_id: String,
    url: String,
    fields: Fields,
    expires_at: DateTime<Utc>,
    max_size: u64,
}

impl Presigned {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn presigned(response: TestResponse) -> Presigned {
    let response = response.assert_status(201);
    let body = &response.body;
    let object = body["fields"].as_object().unwrap_or_else(|| panic!("no fields in {body}"));
    // `Value` sorts keys: take the API's order from the text, as a browser's JSON.parse keeps it.
    let start = response.text.find("\"fields\":").expect("fields");
    let mut fields: Vec<(usize, String, String)> = object
        .iter()
        .map(|(name, value)| {
            let token = format!("{}:", Value::String(name.clone()));
            let at = response.text[start..].find(&token).unwrap_or_else(|| panic!("{token} in {}", response.text));
            (at, name.clone(), value.as_str().unwrap_or_else(|| panic!("{name} is not a string")).to_owned())
        })
        .collect();
    fields.sort();
    Presigned {
        document_id: body["document_id"].as_str().expect("document_id").to_owned(),
        url: body["url"].as_str().expect("url").to_owned(),
        fields: Fields(fields.into_iter().map(|(_, name, value)| (name, value)).collect()),
        expires_at: time(&body["expires_at"]),
        max_size: body["max_size"].as_u64().expect("max_size"),
    }
}

async fn presign(client: &TestClient, project: &str, filename: &str, content_type: &str, size: usize) -> Presigned {
    let body = json!({"project_id": project, "filename": filename, "size": size, "content_type": content_type});
    presigned(client.post("/api/uploads/presign/", &body).await)
}

/// What a browser sends: every field in order, then the file as the last part, named `file`.
fn multipart(fields: &Fields, filename: &str, content_type: &str, bytes: &[u8]) -> (Vec<u8>, String) {
    let boundary = format!("----NourxFormBoundary{}", Uuid::new_v4().simple());
    let mut body = Vec::new();
    for (name, value) in &fields.0 {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n\
             Content-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary={boundary}"))
}

/// POSTs `bytes` to the presigned URL (the API's own local-storage route) from `client`'s browser.
async fn send_file(app: &TestApp, client: &TestClient, upload: &Presigned, bytes: &[u8]) -> TestResponse {
    let path = upload.url.strip_prefix(&app.base_url).unwrap_or_else(|| panic!("{} is not ours", upload.url));
    let content_type = upload.field("Content-Type").unwrap_or("application/octet-stream").to_owned();
    let (body, form_type) = multipart(&upload.fields, "fichier", &content_type, bytes);
    client.request(reqwest::Method::POST, path).body(body, &form_type).send().await
}

async fn complete(client: &TestClient, document_id: &str) -> TestResponse {
    client.post_without_body(&format!("/api/documents/{document_id}/complete/")).await
}

/// Presign, upload and complete: the ready document.
async fn upload(
    app: &TestApp,
    client: &TestClient,
    project: &str,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
) -> TestResponse {
    let upload = presign(client, project, filename, content_type, bytes.len()).await;
    let sent = send_file(app, client, &upload, bytes).await;
    assert!((200..300).contains(&sent.status), "upload: {} {}", sent.status, sent.text);
    complete(client, &upload.document_id).await.assert_status(200)
}

/// A project "Site vitrine" of the tenant (its id, as the API writes it).
async fn project_of(app: &TestApp, tenant: &Tenant) -> String {
    ProjectBuilder::new(tenant).build(app).await.id.to_string()
}

/// (status, headers, bytes) of a plain GET, as a browser following a download link.
async fn fetch(url: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let response = reqwest::get(url).await.expect("the download link answers");
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    (status, headers, response.bytes().await.expect("body").to_vec())
}

async fn document_rows(app: &TestApp, id: &str) -> i64 {
    app.count_where("documents", format!("id = '{id}'")).await
}

/// SHA-256 in hex, computed by PostgreSQL.
async fn sha256_hex(app: &TestApp, bytes: &[u8]) -> String {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        hex: String,
    }
    let bytes = bytes.to_vec();
    app.with_conn(move |conn| {
        diesel::sql_query("SELECT encode(sha256($1), 'hex') AS hex")
            .bind::<diesel::sql_types::Bytea, _>(bytes)
            .get_result::<Row>(conn)
            .expect("sha256")
            .hex
    })
    .await
}

#[actix_web::test]
async fn presign_upload_complete_list_and_download() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let client_id = tenant.id;
    let colleague = app.member(&tenant, MemberRole::Member).await;
    let admin = app.staff().await;
    let project = project_of(&app, &tenant).await;
    let owner_client = app.owner(&tenant).await;
    let owner = &owner_client.user;

    let body = json!({
        "project_id": project,
        "filename": "C:\\fakepath\\Cahier des charges",
        "size": PDF.len(),
        "content_type": "application/pdf",
    });
    let response = owner_client.post("/api/uploads/presign/", &body).await;
    let upload = presigned(response);
    assert_eq!(upload.max_size, PDF.len() as u64);
    let lifetime = upload.expires_at - Utc::now();
    assert!(lifetime > Duration::minutes(14) && lifetime <= Duration::minutes(15), "{lifetime}");
    // The policy pins the server's key (no text of the uploader's) and the type.
    assert_eq!(upload.field("key"), Some(format!("documents/{client_id}/{}", upload.document_id).as_str()));
    assert_eq!(upload.field("Content-Type"), Some("application/pdf"));
    assert!(upload.url.starts_with(&app.base_url), "{}", upload.url);
    // Pending: not listed yet, even to its uploader.
    assert_eq!(owner_client.get("/api/documents/").await.ids(), Vec::<String>::new());

    let sent = send_file(&app, &owner_client, &upload, PDF).await;
    assert!((200..300).contains(&sent.status), "{} {}", sent.status, sent.text);
    let done = complete(&owner_client, &upload.document_id).await.assert_status(200);
    let document = done.body;
    assert_eq!(document["id"], upload.document_id);
    assert_eq!(document["project_id"], project);
    assert_eq!(document["client_id"], client_id.to_string());
    assert_eq!(document["filename"], "Cahier des charges.pdf");
    assert_eq!(document["content_type"], "application/pdf");
    assert_eq!(document["size"], PDF.len());
    assert_eq!(document["sha256"], sha256_hex(&app, PDF).await);
    assert_eq!(document["visibility"], "client");
    assert_eq!(document["uploaded_by"], json!({"id": owner.id, "name": owner.name}));
    assert_eq!(document["can_delete"], true);
    assert!(time(&document["completed_at"]) >= time(&document["created_at"]));

    // Listed for the client's people and staff; only the uploader (and staff) may delete it.
    let listed = owner_client.get(&format!("/api/documents/?project={project}")).await;
    assert_eq!(listed.ids(), [upload.document_id.as_str()]);
    assert_eq!(listed.body["count"], 1);
    let seen_by_colleague = colleague.get("/api/documents/").await;
    assert_eq!(seen_by_colleague.ids(), [upload.document_id.as_str()]);
    assert_eq!(seen_by_colleague.body["results"][0]["can_delete"], false);
    let seen_by_staff = admin.get(&format!("/api/documents/?client={client_id}")).await;
    assert_eq!(seen_by_staff.body["results"][0]["can_delete"], true);
    let one = colleague.get(&format!("/api/documents/{}/", upload.document_id)).await.assert_status(200);
    assert_eq!(one.body["sha256"], document["sha256"]);

    // The download link: short-lived, and it serves the bytes as an attachment under the name.
    let link = colleague.get(&format!("/api/documents/{}/download/", upload.document_id)).await.assert_status(200);
    let lifetime = time(&link.body["expires_at"]) - Utc::now();
    assert!(lifetime > Duration::seconds(0) && lifetime <= Duration::minutes(5), "{lifetime}");
    let (status, headers, bytes) = fetch(link.body["url"].as_str().expect("url")).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PDF);
    let disposition = headers.get("content-disposition").and_then(|v| v.to_str().ok()).expect("disposition");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(disposition.contains("Cahier des charges.pdf") || disposition.contains("Cahier%20des%20charges.pdf"));
    assert_eq!(headers.get("content-type").and_then(|v| v.to_str().ok()), Some("application/pdf"));

    assert_eq!(app.audit_actions("document", &upload.document_id).await, ["presign", "upload"]);
    // Completing twice is a conflict, not a second audit row.
    let again = complete(&owner_client, &upload.document_id).await.assert_error(409, "already_completed");
    assert_json_snapshot!("already_completed", again.snapshot());
    assert_eq!(app.audit_actions("document", &upload.document_id).await, ["presign", "upload"]);
}

#[actix_web::test]
async fn office_documents_images_zip_and_text_are_accepted_by_content() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let project = project_of(&app, &tenant).await;
    let owner = app.owner(&tenant).await;

    // A .docx sniffs as a ZIP from its first bytes: the declared Office type is kept.
    let docx = upload(&app, &owner, &project, "Contrat.docx", DOCX, &docx_bytes()).await;
    assert_eq!(docx["content_type"], DOCX);
    assert_eq!(docx["filename"], "Contrat.docx");
    let zip = upload(&app, &owner, &project, "archive.zip", "application/x-zip-compressed", &docx_bytes()).await;
    assert_eq!(zip["content_type"], "application/zip");
    let png = upload(&app, &owner, &project, "logo.PNG", "image/png", PNG).await;
    assert_eq!((png["content_type"].as_str(), png["filename"].as_str()), (Some("image/png"), Some("logo.png")));
    let csv = "client;montant\nAkwaba;150 000\nBaobab;75 000 — réglé\n".as_bytes();
    let csv = upload(&app, &owner, &project, "export.csv", "text/csv; charset=utf-8", csv).await;
    assert_eq!(csv["content_type"], "text/csv");
    let text = upload(&app, &owner, &project, "notes", "text/plain", b"Bonjour NOURX").await;
    assert_eq!(text["filename"], "notes.txt");
    assert_eq!(owner.get("/api/documents/?page_size=100").await.ids().len(), 5);
}

#[actix_web::test]
async fn presign_refuses_bad_input_with_field_errors() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let project = project_of(&app, &tenant).await;
    let other_project = project_of(&app, &app.tenant().await).await;
    let owner = app.owner(&tenant).await;
    let ok = json!({"project_id": project, "filename": "a.pdf", "size": 10, "content_type": "application/pdf"});
    let with = |key: &str, value: Value| {
        let mut body = ok.clone();
        body[key] = value;
        body
    };

    let cases = [
        (with("content_type", json!("text/html")), "content_type"),
        (with("content_type", json!("image/svg+xml")), "content_type"),
        (with("content_type", json!("application/x-msdownload")), "content_type"),
        (with("size", json!(50 * 1024 * 1024 + 1)), "size"),
        (with("size", json!(0)), "size"),
        (with("size", json!(-1)), "size"),
        (with("size", json!("12")), "size"),
        (with("filename", json!("   ")), "filename"),
        (with("filename", json!("../..")), "filename"),
        (with("visibility", json!("public")), "visibility"),
        (with("project_id", json!(other_project)), "project_id"),
        (with("project_id", json!(Uuid::now_v7())), "project_id"),
        (with("project_id", json!("pas-un-uuid")), "project_id"),
        (with("owner", json!("moi")), "owner"),
    ];
    for (n, (body, field)) in cases.into_iter().enumerate() {
        let response = owner.post("/api/uploads/presign/", &body).await.assert_field_error(field);
        assert_json_snapshot!(format!("presign_refused_{n:02}_{field}"), response.snapshot());
    }
    let mut missing = ok.clone();
    missing.as_object_mut().expect("object").remove("size");
    owner.post("/api/uploads/presign/", &missing).await.assert_field_error("size");

    let too_big = owner.post("/api/uploads/presign/", &with("size", json!(60 * 1024 * 1024))).await;
    assert!(too_big.body["size"][0].as_str().is_some_and(|m| m.contains("50 Mo")), "{}", too_big.text);
    let in_english = owner
        .request(reqwest::Method::POST, "/api/uploads/presign/")
        .header("Accept-Language", "en")
        .json(&with("content_type", json!("text/html")))
        .send()
        .await;
    assert!(in_english.body["content_type"][0].as_str().is_some_and(|m| m.starts_with("File type not allowed")));
    assert_json_snapshot!("presign_refused_in_english", in_english.snapshot());
    // Several problems at once.
    let many = owner
        .post("/api/uploads/presign/", &json!({"project_id": project, "filename": "", "size": 0, "content_type": "x"}))
        .await
        .assert_status(400);
    for field in ["filename", "size", "content_type"] {
        assert!(many.body[field].is_array(), "{field}: {}", many.text);
    }
    assert_eq!(app.count_rows("documents").await, 0);
}

#[actix_web::test]
async fn viewers_cannot_upload_and_clients_cannot_upload_internal_documents() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let viewer = app.viewer(&tenant).await;
    let admin = app.staff().await;
    let project = project_of(&app, &tenant).await;
    let owner = app.owner(&tenant).await;
    let body = json!({"project_id": project, "filename": "a.pdf", "size": 10, "content_type": "application/pdf"});

    let refused = viewer.post("/api/uploads/presign/", &body).await.assert_error(403, "permission_denied");
    assert_json_snapshot!("viewer_presigns", refused.snapshot());
    let mut internal = body.clone();
    internal["visibility"] = json!("internal");
    owner.post("/api/uploads/presign/", &internal).await.assert_status(403);
    assert_eq!(app.count_rows("documents").await, 0);
    presigned(admin.post("/api/uploads/presign/", &internal).await);
    presigned(owner.post("/api/uploads/presign/", &body).await);
}

#[actix_web::test]
async fn the_storage_refuses_a_file_of_another_size_and_completion_says_nothing_arrived() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let project = project_of(&app, &tenant).await;
    let owner = app.owner(&tenant).await;

    let upload = presign(&owner, &project, "devis.pdf", "application/pdf", PDF.len()).await;
    // Before anything is sent: a clear 400, and the upload can still go on.
    let early = complete(&owner, &upload.document_id).await.assert_error(400, "upload_missing");
    assert_json_snapshot!("upload_missing", early.snapshot());
    assert!(early.body["detail"].as_str().is_some_and(|d| d.contains("pas encore été reçu")), "{}", early.text);

    let mut longer = PDF.to_vec();
    longer.extend_from_slice(b"% one more line\n");
    let refused = send_file(&app, &owner, &upload, &longer).await;
    assert!((400..500).contains(&refused.status), "a longer file: {} {}", refused.status, refused.text);
    let refused = send_file(&app, &owner, &upload, &PDF[..PDF.len() - 1]).await;
    assert!((400..500).contains(&refused.status), "a shorter file: {} {}", refused.status, refused.text);
    let nothing = complete(&owner, &upload.document_id).await;
    assert_eq!(nothing.body["code"], "upload_missing", "{}", nothing.text);

    let sent = send_file(&app, &owner, &upload, PDF).await;
    assert!((200..300).contains(&sent.status), "{} {}", sent.status, sent.text);
    assert_eq!(complete(&owner, &upload.document_id).await.status, 200);
}

#[actix_web::test]
async fn content_that_is_not_the_declared_type_is_refused_and_deleted() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let project = project_of(&app, &tenant).await;
    let owner = app.owner(&tenant).await;

    let cases: [(&str, &str, &[u8], &str); 5] = [
        ("facture.pdf", "application/pdf", PNG, "image/png"),
        ("facture.pdf", "application/pdf", EXE, "portable-executable"),
        ("photo.png", "image/png", b"not an image at all", "image/png"),
        ("notes.txt", "text/plain", b"\0\0\0binary\0", "UTF-8"),
        ("page.txt", "text/plain", b"<html><body><script>alert(1)</script></body></html>", "text/html"),
    ];
    for (n, (filename, content_type, bytes, mentioned)) in cases.into_iter().enumerate() {
        let upload = presign(&owner, &project, filename, content_type, bytes.len()).await;
        let sent = send_file(&app, &owner, &upload, bytes).await;
        assert!((200..300).contains(&sent.status), "{} {}", sent.status, sent.text);
        let refused = complete(&owner, &upload.document_id).await.assert_error(400, "file_type_rejected");
        assert_json_snapshot!(format!("file_type_rejected_{n}"), refused.snapshot());
        let detail = refused.body["detail"].as_str().unwrap_or("");
        assert!(detail.contains(mentioned) && detail.contains("supprimé"), "{filename}: {detail}");
        // The document and its object are gone.
        assert_eq!(document_rows(&app, &upload.document_id).await, 0, "{filename}");
        let key = upload.field("key").expect("key").to_owned();
        assert_eq!(app.storage.digest(&key).await.expect("storage"), None, "{filename}: object deleted");
        assert_eq!(complete(&owner, &upload.document_id).await.status, 404);
    }
    // A spreadsheet announced as a text document.
    let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let upload = presign(&owner, &project, "budget.xlsx", xlsx, PDF.len()).await;
    send_file(&app, &owner, &upload, PDF).await;
    let refused = complete(&owner, &upload.document_id).await;
    assert_eq!(refused.body["code"], "file_type_rejected", "{}", refused.text);
    assert_eq!(owner.get("/api/documents/").await.ids(), Vec::<String>::new());
}

#[actix_web::test]
async fn internal_documents_are_invisible_to_clients() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let client_id = tenant.id;
    let admin = app.staff().await;
    let project = project_of(&app, &tenant).await;
    let owner = app.owner(&tenant).await;

    let shared = upload(&app, &owner, &project, "brief.pdf", "application/pdf", PDF).await;
    let body = json!({
        "project_id": project, "filename": "marge.pdf", "size": PDF.len(),
        "content_type": "application/pdf", "visibility": "internal",
    });
    let internal = presigned(admin.post("/api/uploads/presign/", &body).await);
    send_file(&app, &admin, &internal, PDF).await;
    let done = complete(&admin, &internal.document_id).await.assert_status(200);
    assert_eq!(done.body["visibility"], "internal");
    let internal_id = internal.document_id;

    assert_eq!(owner.get("/api/documents/").await.ids(), [shared.str("id")]);
    assert_eq!(owner.get("/api/documents/?visibility=internal").await.ids(), Vec::<String>::new());
    let missing = owner.get(&format!("/api/documents/{}/", Uuid::now_v7())).await;
    for path in [format!("/api/documents/{internal_id}/"), format!("/api/documents/{internal_id}/download/")] {
        let response = owner.get(&path).await;
        assert_eq!(response.status, 404, "{path}: {}", response.text);
        assert_eq!(response.body, missing.body);
    }
    assert_eq!(owner.delete(&format!("/api/documents/{internal_id}/")).await.status, 404);
    assert_eq!(complete(&owner, &internal_id).await.status, 404);

    let staff_view = admin.get(&format!("/api/documents/?client={client_id}&visibility=internal")).await;
    assert_eq!(staff_view.ids(), [internal_id.as_str()]);
    assert_eq!(admin.get(&format!("/api/documents/?project={project}")).await.ids().len(), 2);
    assert_eq!(admin.get(&format!("/api/documents/{internal_id}/download/")).await.status, 200);
}

#[actix_web::test]
async fn another_clients_documents_are_404_on_every_route() {
    let app = TestApp::new().await;
    let a = app.tenant().await;
    let client_a = a.id;
    let project_a = project_of(&app, &a).await;
    let owner_a = app.owner(&a).await;
    let owner_b = app.client_owner().await;

    let ready = upload(&app, &owner_a, &project_a, "a.pdf", "application/pdf", PDF).await.str("id").to_owned();
    let pending = presign(&owner_a, &project_a, "b.pdf", "application/pdf", PDF.len()).await.document_id;
    for id in [&ready, &pending] {
        let missing = Uuid::now_v7();
        for (method, path) in [
            ("GET", format!("/api/documents/{id}/")),
            ("GET", format!("/api/documents/{id}/download/")),
            ("POST", format!("/api/documents/{id}/complete/")),
            ("DELETE", format!("/api/documents/{id}/")),
        ] {
            let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
            let response = owner_b.request(method.clone(), &path).send().await;
            let reference = owner_b.request(method, &path.replace(id.as_str(), &missing.to_string())).send().await;
            assert_eq!(response.status, 404, "{path}: {}", response.text);
            assert_eq!(response.body, reference.body, "{path}");
        }
    }
    for filter in ["", &format!("?client={client_a}"), &format!("?project={project_a}"), "?search=a"] {
        assert_eq!(owner_b.get(&format!("/api/documents/{filter}")).await.ids(), Vec::<String>::new(), "{filter}");
    }
    // Nor can B upload into A's project.
    let body = json!({"project_id": project_a, "filename": "x.pdf", "size": 10, "content_type": "application/pdf"});
    owner_b.post("/api/uploads/presign/", &body).await.assert_field_error("project_id");
    assert_eq!(document_rows(&app, &ready).await + document_rows(&app, &pending).await, 2);
}

#[actix_web::test]
async fn the_uploader_and_staff_delete_documents_other_members_cannot() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let uploader = app.member(&tenant, MemberRole::Member).await;
    let other = app.member(&tenant, MemberRole::Member).await;
    let viewer = app.viewer(&tenant).await;
    let admin = app.staff().await;
    let owner = app.owner(&tenant).await;
    let project = project_of(&app, &tenant).await;

    let first = upload(&app, &uploader, &project, "un.pdf", "application/pdf", PDF).await.str("id").to_owned();
    let second = upload(&app, &uploader, &project, "deux.pdf", "application/pdf", PDF).await.str("id").to_owned();
    for client in [&other, &owner, &viewer] {
        client.delete(&format!("/api/documents/{first}/")).await.assert_status(403);
    }
    let link = uploader.get(&format!("/api/documents/{first}/download/")).await;
    let url = link.body["url"].as_str().expect("url").to_owned();
    assert_eq!(fetch(&url).await.0, 200);

    uploader.delete(&format!("/api/documents/{first}/")).await.assert_status(204);
    assert_eq!(document_rows(&app, &first).await, 0);
    assert_eq!(fetch(&url).await.0, 404, "the object is gone with the document");
    assert_eq!(uploader.get(&format!("/api/documents/{first}/")).await.status, 404);
    assert_eq!(uploader.delete(&format!("/api/documents/{first}/")).await.status, 404);
    assert_eq!(app.audit_actions("document", &first).await, ["presign", "upload", "delete"]);

    assert_eq!(admin.delete(&format!("/api/documents/{second}/")).await.status, 204);
    assert_eq!(owner.get("/api/documents/").await.ids(), Vec::<String>::new());

    // A pending upload is its uploader's alone: others cannot see, complete or cancel it.
    let pending = presign(&uploader, &project, "trois.pdf", "application/pdf", PDF.len()).await;
    send_file(&app, &uploader, &pending, PDF).await;
    let path = format!("/api/documents/{}/", pending.document_id);
    assert_eq!(other.delete(&path).await.status, 404);
    assert_eq!(complete(&other, &pending.document_id).await.status, 404);
    assert_eq!(complete(&owner, &pending.document_id).await.status, 404);
    assert_eq!(uploader.get(&path).await.status, 404, "not shown before completion");
    assert_eq!(uploader.delete(&path).await.status, 204, "the uploader cancels it");
    let key = pending.field("key").expect("key").to_owned();
    assert_eq!(app.storage.digest(&key).await.expect("storage"), None);
}

#[actix_web::test]
async fn the_list_filters_searches_orders_and_pages() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let project = project_of(&app, &tenant).await;
    let other_project = project_of(&app, &tenant).await;
    let owner = app.owner(&tenant).await;

    let small = upload(&app, &owner, &project, "bilan.txt", "text/plain", b"court").await.str("id").to_owned();
    let large = upload(&app, &owner, &project, "annexe.pdf", "application/pdf", PDF).await.str("id").to_owned();
    let elsewhere = upload(&app, &owner, &other_project, "zero-plus.txt", "text/plain", b"un peu plus long")
        .await
        .str("id")
        .to_owned();

    assert_eq!(owner.get("/api/documents/").await.ids(), [elsewhere.as_str(), large.as_str(), small.as_str()]);
    assert_eq!(owner.get(&format!("/api/documents/?project={project}")).await.ids(), [large.as_str(), small.as_str()]);
    assert_eq!(owner.get("/api/documents/?search=BIL").await.ids(), [small.as_str()]);
    assert_eq!(owner.get("/api/documents/?search=%25").await.ids(), Vec::<String>::new());
    assert_eq!(
        owner.get("/api/documents/?ordering=filename").await.ids(),
        [large.as_str(), small.as_str(), elsewhere.as_str()]
    );
    assert_eq!(
        owner.get("/api/documents/?ordering=-size").await.ids(),
        [large.as_str(), elsewhere.as_str(), small.as_str()]
    );
    let page = owner.get("/api/documents/?page_size=2&ordering=created_at").await;
    assert_eq!(page.ids(), [small.as_str(), large.as_str()]);
    assert_eq!(page.body["count"], 3);
    assert!(page.body["next"].as_str().is_some_and(|n| n.contains("page=2")), "{}", page.text);
    assert_eq!(owner.get("/api/documents/?page_size=2&page=2&ordering=created_at").await.ids(), [elsewhere]);

    for bad in ["?ordering=storage_key", "?visibility=public", "?project=nope", "?page_size=500"] {
        let response = owner.get(&format!("/api/documents/{bad}")).await;
        assert_eq!(response.status, 400, "{bad}: {}", response.text);
    }
}

#[actix_web::test]
async fn uploads_never_completed_are_cleaned_up_after_a_day() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let project = project_of(&app, &tenant).await;
    let owner = app.owner(&tenant).await;

    let sent = presign(&owner, &project, "envoye.pdf", "application/pdf", PDF.len()).await;
    send_file(&app, &owner, &sent, PDF).await;
    let never_sent = presign(&owner, &project, "jamais.pdf", "application/pdf", PDF.len()).await;
    let recent = presign(&owner, &project, "recent.pdf", "application/pdf", PDF.len()).await;
    let late = presign(&owner, &project, "tardif.pdf", "application/pdf", PDF.len()).await;
    send_file(&app, &owner, &late, PDF).await;
    let ready = upload(&app, &owner, &project, "fini.pdf", "application/pdf", PDF).await.str("id").to_owned();

    let age = |id: &str, minutes: i64| {
        app.sql(format!("UPDATE documents SET created_at = now() - interval '{minutes} minutes' WHERE id = '{id}'"))
    };
    age(&sent.document_id, 25 * 60).await;
    age(&never_sent.document_id, 30 * 60).await;
    age(&late.document_id, 13 * 60).await;
    age(&ready, 48 * 60).await;

    // Too late to complete after half a day, even with the file there.
    let too_late = complete(&owner, &late.document_id).await.assert_error(400, "upload_expired");
    assert_json_snapshot!("upload_expired", too_late.snapshot());
    // Nothing sent and the form expired (15 minutes): nothing can arrive any more.
    age(&recent.document_id, 20).await;
    let expired = complete(&owner, &recent.document_id).await;
    assert_eq!(expired.body["code"], "upload_expired", "{}", expired.text);

    let deleted = nourx_api::documents::delete_abandoned_uploads(&app.db, &app.storage).await.expect("clean-up");
    assert_eq!(deleted, 2);
    assert_eq!(document_rows(&app, &sent.document_id).await, 0);
    assert_eq!(document_rows(&app, &never_sent.document_id).await, 0);
    let key = sent.field("key").expect("key").to_owned();
    assert_eq!(app.storage.digest(&key).await.expect("storage"), None, "the object went first");
    for kept in [&recent.document_id, &late.document_id, &ready] {
        assert_eq!(document_rows(&app, kept).await, 1, "{kept}");
    }
    assert_eq!(nourx_api::documents::delete_abandoned_uploads(&app.db, &app.storage).await.expect("again"), 0);
    assert_eq!(owner.get("/api/documents/").await.ids(), [ready]);
}

async fn storage_key(app: &TestApp, id: &str) -> String {
    let id: Uuid = id.parse().expect("uuid");
    app.with_conn(move |conn| {
        documents::table.find(id).select(documents::storage_key).get_result::<String>(conn).expect("storage key")
    })
    .await
}

/// `bytes` POSTed straight to the storage with the presigned form, as a browser would (the local
/// route needs no session; on S3 this is the bucket).
async fn replay_form(upload: &Presigned, bytes: &[u8]) -> u16 {
    let form = nourx_storage::PresignedUpload {
        url: upload.url.clone(),
        fields: upload.fields.0.clone(),
        expires_at: upload.expires_at,
    };
    let content_type = upload.field("Content-Type").expect("Content-Type").to_owned();
    nourx_storage::conformance::post_form(&form, &form.fields, bytes.to_vec(), &content_type).await.status
}

/// The presigned form outlives `complete` (15 minutes): the uploader POSTs another file of the
/// same size with it. The document must keep serving the verified bytes, under the recorded
/// SHA-256, and deleting the document must leave nothing behind under either key.
async fn a_replayed_upload_form_cannot_replace_a_completed_document(app: &TestApp) {
    let tenant = app.tenant().await;
    let client_id = tenant.id;
    let project = project_of(app, &tenant).await;
    let owner = app.owner(&tenant).await;

    let upload = presign(&owner, &project, "contrat.pdf", "application/pdf", PDF.len()).await;
    assert!((200..300).contains(&replay_form(&upload, PDF).await), "the first upload");
    let done = complete(&owner, &upload.document_id).await.assert_status(200);
    let sha256 = sha256_hex(app, PDF).await;
    assert_eq!(done.body["sha256"], sha256);
    // The verified copy is recorded under a key no form targets, and the upload is gone.
    let key = upload.field("key").expect("key").to_owned();
    let recorded = storage_key(app, &upload.document_id).await;
    assert!(recorded.starts_with(&format!("files/{client_id}/{}-", upload.document_id)), "{recorded}");
    assert_eq!(app.storage.digest(&key).await.expect("storage"), None, "the upload was deleted");

    // Same size, other content: an HTML page where a PDF was verified.
    let mut html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script>".to_vec();
    html.resize(PDF.len(), b' ');
    assert_eq!(html.len(), PDF.len());
    let status = replay_form(&upload, &html).await;
    assert!((200..300).contains(&status), "the form is still valid: {status}");

    let link = owner.get(&format!("/api/documents/{}/download/", upload.document_id)).await.assert_status(200);
    let (status, _, bytes) = fetch(link.body["url"].as_str().expect("url")).await;
    assert_eq!(status, 200);
    assert!(bytes == PDF, "the download is not the verified file: {}", String::from_utf8_lossy(&bytes));
    assert_eq!(sha256_hex(app, &bytes).await, sha256);
    let again = owner.get(&format!("/api/documents/{}/", upload.document_id)).await;
    assert_eq!(again.body["sha256"], sha256);
    // Completing again changes nothing either.
    complete(&owner, &upload.document_id).await.assert_status(409);
    let (_, _, bytes) = fetch(link.body["url"].as_str().expect("url")).await;
    assert!(bytes == PDF, "the download changed after a second completion");

    // Deleting the document removes the verified file and what the replay left under the form's key.
    owner.delete(&format!("/api/documents/{}/", upload.document_id)).await.assert_status(204);
    assert_eq!(fetch(link.body["url"].as_str().expect("url")).await.0 / 100, 4, "the file is gone");
    assert_eq!(app.storage.digest(&recorded).await.expect("storage"), None, "the verified file is gone");
    assert_eq!(app.storage.digest(&key).await.expect("storage"), None, "the replayed upload is gone");
}

#[actix_web::test]
async fn a_replayed_upload_form_cannot_replace_a_completed_document_on_local_files() {
    let app = TestApp::new().await;
    a_replayed_upload_form_cannot_replace_a_completed_document(&app).await;
}

#[actix_web::test]
async fn a_double_click_on_complete_records_one_verified_copy() {
    let app = TestApp::new().await;
    let tenant = app.tenant().await;
    let client_id = tenant.id;
    let project = project_of(&app, &tenant).await;
    let owner = app.owner(&tenant).await;

    for _ in 0..3 {
        let upload = presign(&owner, &project, "double.pdf", "application/pdf", PDF.len()).await;
        assert!((200..300).contains(&replay_form(&upload, PDF).await));
        let (first, second) =
            futures_util::future::join(complete(&owner, &upload.document_id), complete(&owner, &upload.document_id))
                .await;
        let mut statuses = [first.status, second.status];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "{} / {}", first.text, second.text);
        assert_eq!(app.audit_actions("document", &upload.document_id).await, ["presign", "upload"]);
        let link = owner.get(&format!("/api/documents/{}/download/", upload.document_id)).await;
        assert_eq!(fetch(link.body["url"].as_str().expect("url")).await.2, PDF);
    }
    // The losing completion deleted its copy: one object per document, the recorded one.
    let files = app.storage.as_local().expect("local").root().join(format!("objects/files/{client_id}"));
    let mut stored: Vec<String> = std::fs::read_dir(files)
        .expect("files")
        .map(|entry| format!("files/{client_id}/{}", entry.expect("entry").file_name().to_string_lossy()))
        .collect();
    stored.sort();
    let mut recorded: Vec<String> =
        app.with_conn(|conn| documents::table.select(documents::storage_key).load::<String>(conn).expect("keys")).await;
    recorded.sort();
    assert_eq!(stored, recorded);
}

#[actix_web::test]
async fn a_replayed_upload_form_cannot_replace_a_completed_document_on_s3() {
    let Some(s3) = nourx_testkit::s3_storage() else { return };
    let app = TestApp::with_storage(s3).await;
    a_replayed_upload_form_cannot_replace_a_completed_document(&app).await;
}

#[actix_web::test]
async fn the_size_limit_is_a_setting() {
    let app = TestApp::with_config(|config| config.upload_max_bytes = 2 * 1024 * 1024).await;
    let admin = app.staff().await;
    let project = project_of(&app, &app.tenant().await).await;
    let body = |size: u64| json!({"project_id": project, "filename": "plan.pdf", "size": size, "content_type": "application/pdf"});
    let refused = admin.post("/api/uploads/presign/", &body(3 * 1024 * 1024)).await.assert_status(400);
    assert!(refused.text.contains("2 Mo"), "{}", refused.text);
    assert_json_snapshot!("file_over_the_configured_limit", refused.snapshot());
    let accepted = admin.post("/api/uploads/presign/", &body(2 * 1024 * 1024)).await.assert_status(201);
    assert_eq!(accepted.body["max_size"], 2 * 1024 * 1024);
}
