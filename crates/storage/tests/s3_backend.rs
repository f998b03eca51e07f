//! The backend suite against a real S3-compatible server (s3s-fs), over real HTTP.
//! The local backend runs the same suite through the API's routes: `crates/server/tests/api/storage.rs`,
//! and the copy suite in `local_backend.rs`.

use nourx_storage::conformance::{S3TestServer, run_backend_suite, run_copy_suite};
use nourx_storage::{S3Storage, Storage};

#[tokio::test]
async fn the_s3_backend_passes_the_backend_suite() {
    let Some(server) = S3TestServer::get() else { return };
    let storage = server.storage();
    assert_eq!(storage.backend_name(), "s3");
    run_backend_suite(&storage).await;
}

#[tokio::test]
async fn the_s3_backend_copies_objects_as_snapshots() {
    let Some(server) = S3TestServer::get() else { return };
    run_copy_suite(&server.storage()).await;
}

#[tokio::test]
async fn wrong_credentials_are_refused_by_the_server() {
    let Some(server) = S3TestServer::get() else { return };
    let mut config = server.config();
    config.secret_access_key = "not-the-secret".into();
    let storage = Storage::S3(S3Storage::new(config).expect("storage"));
    let error = storage.put("x/y.pdf", b"%PDF".to_vec(), "application/pdf").await.expect_err("refused");
    assert!(error.to_string().contains("PutObject"), "{error}");
    match &server.storage() {
        Storage::S3(s3) => s3.check_bucket().await.expect("the bucket answers"),
        Storage::Local(_) => unreachable!(),
    }
}
