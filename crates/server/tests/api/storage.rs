//! Object storage through the real app: the backend suite (the same one the S3 backend passes
//! in `crates/storage/tests/s3_backend.rs`) against local files over the API's own routes, and
//! what those routes answer around it.

use std::time::Duration;

use insta::assert_json_snapshot;
use nourx_storage::conformance::{get, post_form, run_backend_suite};
use nourx_storage::{Storage, UploadPolicy};
use nourx_testkit::TestApp;

fn pdf_policy(key: &str, max_size: u64) -> UploadPolicy {
    UploadPolicy {
        key: key.into(),
        content_type: "application/pdf".into(),
        min_size: 1,
        max_size,
        expires_in: Duration::from_secs(60),
    }
}

#[actix_web::test]
async fn the_local_backend_passes_the_backend_suite_through_the_api() {
    let app = TestApp::new().await;
    assert_eq!(app.storage.backend_name(), "local");
    assert!(app.storage.as_local().is_some_and(|l| l.public_base_url() == format!("{}/api/storage", app.base_url)));
    run_backend_suite(&app.storage).await;
}

#[actix_web::test]
async fn large_files_stream_to_disk_and_back() {
    let app = TestApp::new().await;
    let content: Vec<u8> = (0..6 * 1024 * 1024u32).map(|i| (i % 253) as u8).collect();
    let form = app.storage.presign_upload(&pdf_policy("big/scan.pdf", 8 * 1024 * 1024)).await.expect("presign");
    let uploaded = post_form(&form, &form.fields, content.clone(), "application/pdf").await;
    assert_eq!(uploaded.status, 204, "{}", uploaded.text());
    assert_eq!(app.storage.digest("big/scan.pdf").await.expect("digest").map(|d| d.size), Some(content.len() as u64));
    let link = app
        .storage
        .presign_download("big/scan.pdf", "scan.pdf", "application/pdf", Duration::from_secs(60))
        .await
        .expect("link");
    let downloaded = get(&link.url).await;
    assert_eq!(downloaded.status, 200);
    assert!(downloaded.body == content, "the download differs from the upload");
}

#[actix_web::test]
async fn an_oversized_file_is_cut_off_without_being_stored() {
    let app = TestApp::new().await;
    let form = app.storage.presign_upload(&pdf_policy("big/too-big.pdf", 1024 * 1024)).await.expect("presign");
    let mut multipart = reqwest::multipart::Form::new();
    for (name, value) in &form.fields {
        multipart = multipart.text(name.clone(), value.clone());
    }
    let part = reqwest::multipart::Part::bytes(vec![b'x'; 4 * 1024 * 1024]).file_name("too-big.pdf");
    multipart = multipart.part("file", part);
    // The API answers 413 as soon as the limit is passed, without reading the rest: a client may
    // see that answer, or the connection closed under its upload. Either way nothing is stored.
    let sent = reqwest::Client::new().post(&form.url).multipart(multipart).send().await;
    if let Ok(response) = sent {
        assert_eq!(response.status().as_u16(), 413);
    }
    assert_eq!(app.storage.digest("big/too-big.pdf").await.expect("digest"), None);
    let tmp = app.storage.as_local().expect("local").root().join("tmp");
    assert_eq!(std::fs::read_dir(tmp).expect("tmp").count(), 0, "no temporary file left behind");
}

#[actix_web::test]
async fn refusals_are_drf_style_in_french_or_english() {
    let app = TestApp::new().await;
    let client = app.client();
    let unsigned = client.get("/api/storage/download/a/b.pdf").await.assert_error(403, "access_denied");
    assert_eq!(unsigned.body["detail"], "Ce lien de téléchargement n'est pas signé.");
    assert_json_snapshot!("unsigned_download", unsigned.snapshot());
    let english = client
        .request(reqwest::Method::GET, "/api/storage/download/a/b.pdf")
        .header("Accept-Language", "en")
        .send()
        .await
        .assert_status(403);
    assert_eq!(english.body["detail"], "This download link is not signed.");

    // Not a form at all, then a form without its file: 400, no session or CSRF token needed.
    let not_a_form = reqwest::Client::new()
        .post(format!("{}/api/storage/upload/", app.base_url))
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await
        .expect("POST");
    assert_eq!(not_a_form.status().as_u16(), 400);
    let body: serde_json::Value = not_a_form.json().await.expect("JSON");
    assert_eq!(body["code"], "malformed_post_request");
    assert_json_snapshot!("not_a_form", body);
    let form = app.storage.presign_upload(&pdf_policy("a/b.pdf", 10)).await.expect("presign");
    let mut no_file = reqwest::multipart::Form::new();
    for (name, value) in &form.fields {
        no_file = no_file.text(name.clone(), value.clone());
    }
    let response = reqwest::Client::new().post(&form.url).multipart(no_file).send().await.expect("POST");
    assert_eq!(response.status().as_u16(), 400);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body["detail"], "Le formulaire d'envoi ne contient pas de fichier (partie « file »).");
    assert_json_snapshot!("form_without_file", body);
    // The file before the fields: the policy is not there yet when the file comes.
    let file_first = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(b"%PDF".to_vec()));
    let file_first = form.fields.iter().fold(file_first, |f, (n, v)| f.text(n.clone(), v.clone()));
    let response = reqwest::Client::new().post(&form.url).multipart(file_first).send().await.expect("POST");
    assert_eq!(response.status().as_u16(), 400);
}

#[actix_web::test]
async fn the_trailing_slash_of_the_web_rewrite_is_ignored() {
    let app = TestApp::new().await;
    app.storage.put("docs/note.pdf", b"%PDF-1.7".to_vec(), "application/pdf").await.expect("put");
    let link = app
        .storage
        .presign_download("docs/note.pdf", "note.pdf", "application/pdf", Duration::from_secs(60))
        .await
        .expect("link");
    // What Next.js forwards for `/api/:path*`: the same path with a slash appended.
    let (path, query) = link.url.split_once('?').expect("query");
    let downloaded = get(&format!("{path}/?{query}")).await;
    assert_eq!(downloaded.status, 200, "{}", downloaded.text());
    assert_eq!(downloaded.body, b"%PDF-1.7");
}

#[actix_web::test]
async fn with_s3_the_local_routes_answer_404() {
    let Some(s3) = nourx_testkit::s3_storage() else { return };
    let app = TestApp::with_storage(s3).await;
    assert!(matches!(app.storage, Storage::S3(_)));
    let form = app.storage.presign_upload(&pdf_policy("x/y.pdf", 10)).await.expect("presign");
    assert!(!form.url.starts_with(&app.base_url), "uploads go to the bucket: {}", form.url);
    let client = app.client();
    let upload = reqwest::Client::new()
        .post(format!("{}/api/storage/upload/", app.base_url))
        .multipart(reqwest::multipart::Form::new().text("key", "x/y.pdf"))
        .send()
        .await
        .expect("POST");
    assert_eq!(upload.status().as_u16(), 404);
    client.get("/api/storage/download/x/y.pdf?X-Nourx-Expires=1").await.assert_error(404, "not_found");
}
