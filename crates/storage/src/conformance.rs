//! The backend test suite, run against both backends over real HTTP (feature `conformance`),
//! the server-side copy suite, and the S3-compatible server the S3 runs use.
//!
//! The server comes from `NOURX_TEST_S3_ENDPOINT`, `NOURX_TEST_S3_BUCKET`,
//! `NOURX_TEST_S3_ACCESS_KEY` and `NOURX_TEST_S3_SECRET_KEY` (`./x test` starts one s3s-fs for the
//! whole run); without them, each test process starts its own `s3s-fs` when one is on the `PATH`
//! (or in `~/.cargo/bin`). With neither, the S3 tests fail, unless `NOURX_TEST_SKIP_S3=1` (ignored
//! when `CI` is set), which makes them pass without running, for a machine without s3s-fs.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::Utc;

use crate::{PresignedUpload, S3Config, S3Storage, Storage, StorageError, UploadPolicy, attachment_disposition};

/// The s3s-fs version the tests are written against (newer ones need a newer Rust).
pub const S3S_FS_VERSION: &str = "0.14.1";

/// An S3-compatible server for tests, with one bucket.
#[derive(Debug, Clone)]
pub struct S3TestServer {
    pub endpoint: String,
    pub bucket: String,
    pub access_key: String,
    pub secret_key: String,
}

impl S3TestServer {
    /// The server of this test run; `None` only when `NOURX_TEST_SKIP_S3=1` and none is available.
    /// Panics with what to do when there is none.
    pub fn get() -> Option<&'static S3TestServer> {
        static SERVER: OnceLock<Option<S3TestServer>> = OnceLock::new();
        SERVER.get_or_init(find_or_start).as_ref()
    }

    pub fn config(&self) -> S3Config {
        S3Config {
            bucket: self.bucket.clone(),
            region: "us-east-1".into(),
            endpoint: Some(self.endpoint.clone()),
            force_path_style: true,
            access_key_id: self.access_key.clone(),
            secret_access_key: self.secret_key.clone(),
            session_token: None,
        }
    }

    pub fn storage(&self) -> Storage {
        Storage::S3(S3Storage::new(self.config()).expect("S3 test storage"))
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn find_or_start() -> Option<S3TestServer> {
    if let Some(endpoint) = env("NOURX_TEST_S3_ENDPOINT") {
        let required =
            |name: &str| env(name).unwrap_or_else(|| panic!("NOURX_TEST_S3_ENDPOINT is set but {name} is not"));
        return Some(S3TestServer {
            endpoint,
            bucket: required("NOURX_TEST_S3_BUCKET"),
            access_key: required("NOURX_TEST_S3_ACCESS_KEY"),
            secret_key: required("NOURX_TEST_S3_SECRET_KEY"),
        });
    }
    match s3s_fs_binary() {
        Some(binary) => Some(start_s3s_fs(binary)),
        // Never in CI: there the S3 tests must run.
        None if env("NOURX_TEST_SKIP_S3").as_deref() == Some("1") && env("CI").is_none() => {
            eprintln!("NOURX_TEST_SKIP_S3=1 and no s3s-fs: the S3 storage tests are skipped");
            None
        }
        None => panic!(
            "the S3 storage tests need an S3-compatible server: run them through `./x test`, or install \
             s3s-fs (`cargo install s3s-fs --version {S3S_FS_VERSION} --locked --features binary`), or set \
             NOURX_TEST_S3_ENDPOINT/_BUCKET/_ACCESS_KEY/_SECRET_KEY; NOURX_TEST_SKIP_S3=1 skips them"
        ),
    }
}

fn s3s_fs_binary() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(cargo_home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(cargo_home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|dir| dir.join("s3s-fs")).find(|path| path.is_file())
}

/// Starts s3s-fs on a free loopback port with random credentials and a temporary root holding
/// one bucket. It stops with this process: it is started by a thread that never ends, and the
/// kernel kills it when that thread goes (`PR_SET_PDEATHSIG`).
fn start_s3s_fs(binary: PathBuf) -> S3TestServer {
    let root = std::env::temp_dir().join(format!("nourx-test-s3-{}", std::process::id()));
    remove_stale_roots();
    let bucket = "nourx-test".to_owned();
    std::fs::create_dir_all(root.join(&bucket)).expect("s3s-fs root");
    let access_key = uuid::Uuid::new_v4().simple().to_string();
    let secret_key = uuid::Uuid::new_v4().simple().to_string();
    for _attempt in 0..5 {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let (sender, receiver) = std::sync::mpsc::channel();
        let args: Vec<std::ffi::OsString> = vec![
            "--host".into(),
            "127.0.0.1".into(),
            "--port".into(),
            port.to_string().into(),
            "--access-key".into(),
            access_key.clone().into(),
            "--secret-key".into(),
            secret_key.clone().into(),
            root.clone().into(),
        ];
        let program = binary.clone();
        std::thread::Builder::new()
            .name("nourx-test-s3s-fs".into())
            .spawn(move || {
                let mut command = std::process::Command::new(&program);
                command
                    .args(&args)
                    .stdin(std::process::Stdio::null())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null());
                stop_with_parent(&mut command);
                let child = command.spawn();
                let started = child.is_ok();
                let _ = sender.send(child.map_err(|e| e.to_string()));
                if started {
                    loop {
                        std::thread::park();
                    }
                }
            })
            .expect("spawn the s3s-fs thread");
        let mut child = match receiver.recv().expect("s3s-fs thread") {
            Ok(child) => child,
            Err(error) => panic!("could not start {}: {error}", binary.display()),
        };
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return S3TestServer { endpoint: format!("http://127.0.0.1:{port}"), bucket, access_key, secret_key };
            }
            if child.try_wait().ok().flatten().is_some() {
                break; // the port was taken in between: try another
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
    }
    panic!("s3s-fs ({}) did not start", binary.display());
}

#[allow(unsafe_code)]
fn stop_with_parent(command: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: prctl is async-signal-safe and only changes the child's own state.
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Roots of per-process servers whose process is gone.
fn remove_stale_roots() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) =
            name.to_str().and_then(|n| n.strip_prefix("nourx-test-s3-")).and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !PathBuf::from(format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

// ---- The suite --------------------------------------------------------------------------------

/// What came back from the storage over HTTP.
#[derive(Debug)]
pub struct HttpAnswer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

impl HttpAnswer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Posts a presigned form the way the web app does: every field in order, then the file.
pub async fn post_form(
    form: &PresignedUpload,
    fields: &[(String, String)],
    file: Vec<u8>,
    content_type: &str,
) -> HttpAnswer {
    let mut multipart = reqwest::multipart::Form::new();
    for (name, value) in fields {
        multipart = multipart.text(name.clone(), value.clone());
    }
    let part = reqwest::multipart::Part::bytes(file).file_name("document.pdf").mime_str(content_type).expect("mime");
    multipart = multipart.part("file", part);
    let response = http().post(&form.url).multipart(multipart).send().await.expect("POST the upload form");
    answer(response).await
}

pub async fn get(url: &str) -> HttpAnswer {
    answer(http().get(url).send().await.expect("GET")).await
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("HTTP client")
}

async fn answer(response: reqwest::Response) -> HttpAnswer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("response body").to_vec();
    HttpAnswer { status, headers, body }
}

/// The form's fields with one value replaced.
pub fn with_field(form: &PresignedUpload, name: &str, value: &str) -> Vec<(String, String)> {
    assert!(form.fields.iter().any(|(n, _)| n == name), "the form has no field {name}");
    form.fields.iter().map(|(n, v)| (n.clone(), if n == name { value.to_owned() } else { v.clone() })).collect()
}

fn field<'a>(form: &'a PresignedUpload, name: &str) -> &'a str {
    form.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no field {name}"))
}

fn signature_field(form: &PresignedUpload) -> &str {
    form.fields.iter().map(|(n, _)| n.as_str()).find(|n| n.ends_with("signature")).expect("a signature field")
}

/// A refusal by the storage: any 4xx from S3; from the local backend, exactly `local_status`
/// with a French `{"detail", "code"}` body.
fn assert_refused(storage: &Storage, answer: &HttpAnswer, local_status: u16, what: &str) {
    match storage {
        Storage::Local(_) => {
            assert_eq!(answer.status, local_status, "{what}: {}", answer.text());
            let body: serde_json::Value = serde_json::from_slice(&answer.body).expect("a JSON error body");
            assert!(body["detail"].is_string() && body["code"].is_string(), "{what}: {body}");
            assert_eq!(answer.header("content-language"), Some("fr"), "{what}");
        }
        Storage::S3(_) => {
            assert!(
                (400..500).contains(&answer.status),
                "{what}: expected a 4xx, got {}: {}",
                answer.status,
                answer.text()
            )
        }
    }
}

async fn assert_absent(storage: &Storage, key: &str, what: &str) {
    assert_eq!(storage.digest(key).await.expect("digest"), None, "{what}: {key} should not exist");
}

/// A PDF-looking body of `len` bytes.
fn document(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..len.saturating_sub(9)).map(|i| b'a' + (i % 26) as u8));
    bytes.truncate(len);
    bytes
}

/// Every behaviour both backends must share, over real HTTP. Takes about three seconds (it waits
/// for links to expire). Objects live under a fresh prefix, so runs can share a bucket.
pub async fn run_backend_suite(storage: &Storage) {
    let prefix = format!("conformance/{}", uuid::Uuid::new_v4().simple());
    let key = format!("{prefix}/documents/contrat.pdf");
    let policy = |key: &str, min_size: u64, max_size: u64, expires_in: u64| UploadPolicy {
        key: key.to_owned(),
        content_type: "application/pdf".into(),
        min_size,
        max_size,
        expires_in: Duration::from_secs(expires_in),
    };

    // Signed first, used after it expired (near the end).
    let expiring = storage.presign_upload(&policy(&format!("{prefix}/late.pdf"), 1, 2000, 1)).await.expect("presign");

    // An upload within its policy is stored, whole.
    let form = storage.presign_upload(&policy(&key, 1, 2000, 60)).await.expect("presign");
    let remaining = form.expires_at - Utc::now();
    assert!(remaining > chrono::Duration::seconds(55) && remaining <= chrono::Duration::seconds(60), "{remaining}");
    assert_eq!(form.fields.first().map(|(n, _)| n.as_str()), Some("key"));
    let content = document(1500);
    let uploaded = post_form(&form, &form.fields, content.clone(), "application/pdf").await;
    assert!((200..300).contains(&uploaded.status), "upload within policy: {} {}", uploaded.status, uploaded.text());
    let digest = storage.digest(&key).await.expect("digest").expect("the uploaded object");
    assert_eq!(digest.size, 1500);
    assert_eq!(digest.sha256.as_slice(), ring::digest::digest(&ring::digest::SHA256, &content).as_ref());
    assert_eq!(digest.head, content[..512]);

    // A copy is a snapshot: the form, still valid, puts another file of the same size over the
    // source, and the copy keeps the bytes it had (what `complete` relies on for documents).
    let verified = format!("{prefix}/verified/contrat.pdf");
    assert!(storage.copy(&key, &verified).await.expect("copy"), "the uploaded object is copied");
    let mut replaced = b"<html><script>alert(1)</script>".to_vec();
    replaced.resize(content.len(), b' ');
    let replayed = post_form(&form, &form.fields, replaced.clone(), "application/pdf").await;
    assert!((200..300).contains(&replayed.status), "the form is reusable: {} {}", replayed.status, replayed.text());
    assert_eq!(storage.get(&key).await.expect("get"), Some(replaced), "the source was replaced");
    let copied = storage.digest(&verified).await.expect("digest").expect("the copy");
    assert_eq!(copied, digest, "the copy kept the bytes it was made from");
    storage.delete(&verified).await.expect("delete the copy");
    assert!(storage.copy(&verified, &format!("{prefix}/again.pdf")).await.is_ok_and(|copied| !copied));
    let reupload = post_form(&form, &form.fields, content.clone(), "application/pdf").await;
    assert!((200..300).contains(&reupload.status), "{}", reupload.text());

    // Its download link works, as an attachment with the real name...
    let name = "Contrat signé n°2.pdf";
    let link = storage.presign_download(&key, name, "application/pdf", Duration::from_secs(2)).await.expect("link");
    let downloaded = get(&link.url).await;
    assert_eq!(downloaded.status, 200, "download: {}", downloaded.text());
    assert_eq!(downloaded.body, content);
    let disposition = attachment_disposition(name);
    match storage {
        Storage::Local(_) => {
            assert_eq!(downloaded.header("content-type"), Some("application/pdf"));
            assert_eq!(downloaded.header("content-disposition"), Some(disposition.as_str()));
            assert_eq!(downloaded.header("cache-control"), Some("private, no-store"));
            assert_eq!(downloaded.header("content-length"), Some("1500"));
        }
        // s3s-fs does not apply `response-*` overrides (S3 does): check that they are signed in.
        Storage::S3(_) => {
            let url = url::Url::parse(&link.url).expect("link URL");
            let params: Vec<(String, String)> = url.query_pairs().into_owned().collect();
            assert!(params.contains(&("response-content-disposition".into(), disposition.clone())), "{params:?}");
            assert!(params.contains(&("response-content-type".into(), "application/pdf".into())), "{params:?}");
        }
    }
    // ... not once its signature is touched ...
    let tampered_link = tamper_query_signature(&link.url);
    assert_refused(storage, &get(&tampered_link).await, 403, "download with a tampered signature");
    // ... and never for more than five minutes.
    let long = storage.presign_download(&key, name, "application/pdf", Duration::from_secs(3600)).await.expect("link");
    assert!(long.expires_at <= Utc::now() + chrono::Duration::seconds(301), "{}", long.expires_at);

    // The storage itself refuses what the policy does not allow.
    let small = storage.presign_upload(&policy(&format!("{prefix}/small.pdf"), 10, 100, 60)).await.expect("presign");
    let oversize = post_form(&small, &small.fields, document(101), "application/pdf").await;
    assert_refused(storage, &oversize, 413, "one byte over the maximum size");
    let undersize = post_form(&small, &small.fields, document(5), "application/pdf").await;
    assert_refused(storage, &undersize, 400, "under the minimum size");
    assert_absent(storage, &format!("{prefix}/small.pdf"), "refused sizes").await;
    let exact = post_form(&small, &small.fields, document(100), "application/pdf").await;
    assert!((200..300).contains(&exact.status), "exactly the maximum size: {}", exact.text());

    let other = storage.presign_upload(&policy(&format!("{prefix}/other.pdf"), 1, 2000, 60)).await.expect("presign");
    let other_key = format!("{prefix}/other.pdf");
    let wrong_type = with_field(&other, "Content-Type", "text/html");
    assert_refused(
        storage,
        &post_form(&other, &wrong_type, document(50), "text/html").await,
        403,
        "wrong content type",
    );
    let stolen_key = format!("{prefix}/stolen.pdf");
    let wrong_key = with_field(&other, "key", &stolen_key);
    assert_refused(storage, &post_form(&other, &wrong_key, document(50), "application/pdf").await, 403, "wrong key");
    assert_absent(storage, &stolen_key, "wrong key").await;
    let signature = signature_field(&other).to_owned();
    let tampered = with_field(&other, &signature, &flip_last_hex_digit(field(&other, &signature)));
    assert_refused(
        storage,
        &post_form(&other, &tampered, document(50), "application/pdf").await,
        403,
        "tampered signature",
    );
    let bigger_policy = BASE64.encode(
        String::from_utf8(BASE64.decode(field(&other, "policy")).expect("base64"))
            .expect("utf-8")
            .replace(",2000]", ",2000000]"),
    );
    assert_ne!(bigger_policy, field(&other, "policy"));
    let forged = with_field(&other, "policy", &bigger_policy);
    assert_refused(storage, &post_form(&other, &forged, document(50), "application/pdf").await, 403, "tampered policy");
    let mut extra = other.fields.clone();
    extra.insert(2, ("acl".into(), "public-read".into()));
    assert_refused(
        storage,
        &post_form(&other, &extra, document(50), "application/pdf").await,
        403,
        "a field outside the policy",
    );
    assert_absent(storage, &other_key, "refused forms").await;

    // Server-side writes and reads.
    let generated = format!("{prefix}/generated/facture.pdf");
    storage.put(&generated, document(700), "application/pdf").await.expect("put");
    assert_eq!(storage.get(&generated).await.expect("get"), Some(document(700)));
    storage.put(&generated, document(10), "application/pdf").await.expect("put replaces");
    assert_eq!(storage.digest(&generated).await.expect("digest").map(|d| d.size), Some(10));
    assert_eq!(storage.get(&format!("{prefix}/missing.pdf")).await.expect("get"), None);
    assert_absent(storage, &format!("{prefix}/missing.pdf"), "never written").await;

    // Keys are validated before anything is signed or touched.
    for bad in ["../escape.pdf", "a//b", "/abs", "name with space.pdf", ""] {
        let refused = storage.presign_upload(&policy(bad, 1, 10, 60)).await;
        assert!(matches!(refused, Err(StorageError::InvalidKey(_))), "{bad:?}: {refused:?}");
        assert!(matches!(storage.digest(bad).await, Err(StorageError::InvalidKey(_))), "{bad:?}");
    }

    // Expired forms and links are refused.
    let wait = (link.expires_at.max(expiring.expires_at) - Utc::now()).to_std().unwrap_or_default();
    tokio::time::sleep(wait + Duration::from_millis(1100)).await;
    let late = post_form(&expiring, &expiring.fields, document(50), "application/pdf").await;
    assert_refused(storage, &late, 403, "expired upload form");
    assert_absent(storage, &format!("{prefix}/late.pdf"), "expired upload form").await;
    assert_refused(storage, &get(&link.url).await, 403, "expired download link");

    // Delete removes, and deleting again is fine.
    storage.delete(&key).await.expect("delete");
    assert_absent(storage, &key, "deleted").await;
    storage.delete(&key).await.expect("delete is idempotent");
    let gone = storage.presign_download(&key, name, "application/pdf", Duration::from_secs(60)).await.expect("link");
    let gone = get(&gone.url).await;
    assert_refused(storage, &gone, 404, "download of a deleted object");
    for leftover in [generated, format!("{prefix}/small.pdf")] {
        storage.delete(&leftover).await.expect("clean up");
    }
}

/// [`Storage::copy`] with server-side writes only (no HTTP, so the local backend runs it without
/// the API). Objects live under a fresh prefix, so runs can share a bucket.
pub async fn run_copy_suite(storage: &Storage) {
    let prefix = format!("conformance/{}", uuid::Uuid::new_v4().simple());
    let source = format!("{prefix}/uploads/source");
    let target = format!("{prefix}/files/target.pdf");
    let sha256 = |bytes: &[u8]| ring::digest::digest(&ring::digest::SHA256, bytes).as_ref().to_vec();

    // The copy holds the source's bytes, and keeps them whatever happens to the source after.
    storage.put(&source, document(1200), "application/pdf").await.expect("put");
    assert!(storage.copy(&source, &target).await.expect("copy"));
    let copied = storage.digest(&target).await.expect("digest").expect("the copy exists");
    assert_eq!((copied.size, copied.sha256.to_vec()), (1200, sha256(&document(1200))));
    assert_eq!(storage.get(&source).await.expect("get"), Some(document(1200)), "the source is untouched");
    storage.put(&source, b"<html>other bytes</html>".to_vec(), "application/pdf").await.expect("replace");
    assert_eq!(storage.get(&target).await.expect("get"), Some(document(1200)), "a snapshot, not an alias");
    storage.delete(&source).await.expect("delete the source");
    assert_eq!(storage.get(&target).await.expect("get"), Some(document(1200)), "outlives its source");

    // A copy replaces whatever the target held.
    storage.put(&source, document(40), "application/pdf").await.expect("put");
    assert!(storage.copy(&source, &target).await.expect("copy over"));
    assert_eq!(storage.get(&target).await.expect("get"), Some(document(40)));

    // No source: `false`, and nothing written.
    let missing = format!("{prefix}/uploads/never-sent");
    let nowhere = format!("{prefix}/files/nowhere.pdf");
    assert!(!storage.copy(&missing, &nowhere).await.expect("copy of nothing"));
    assert_absent(storage, &nowhere, "copy of a missing object").await;

    // Keys are validated, and an object is not copied onto itself.
    for (from, to) in [("../escape", target.as_str()), (source.as_str(), "a//b"), (source.as_str(), "")] {
        let refused = storage.copy(from, to).await;
        assert!(matches!(refused, Err(StorageError::InvalidKey(_))), "{from:?} -> {to:?}: {refused:?}");
    }
    let onto_itself = storage.copy(&source, &source).await;
    assert!(matches!(onto_itself, Err(StorageError::InvalidRequest(_))), "{onto_itself:?}");
    assert_eq!(storage.get(&source).await.expect("get"), Some(document(40)), "left as it was");

    for key in [&source, &target] {
        storage.delete(key).await.expect("clean up");
    }
}

fn flip_last_hex_digit(value: &str) -> String {
    let mut chars: Vec<char> = value.chars().collect();
    if let Some(last) = chars.last_mut() {
        *last = if *last == '0' { '1' } else { '0' };
    }
    chars.into_iter().collect()
}

/// The link with the last digit of its signature parameter changed.
fn tamper_query_signature(link: &str) -> String {
    let mut url = url::Url::parse(link).expect("link URL");
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .map(|(n, v)| if n.to_ascii_lowercase().ends_with("signature") { (n, flip_last_hex_digit(&v)) } else { (n, v) })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    url.to_string()
}
