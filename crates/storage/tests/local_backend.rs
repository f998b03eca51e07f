//! The server-side suites against the local backend, without the API (its HTTP routes and the
//! backend suite over them are in `crates/server/tests/api/storage.rs`).

use nourx_storage::conformance::run_copy_suite;
use nourx_storage::{LocalStorage, Storage};

#[tokio::test]
async fn the_local_backend_copies_objects_as_snapshots() {
    let dir = tempfile::tempdir().expect("tempdir");
    let local = LocalStorage::new(dir.path().to_path_buf(), "http://127.0.0.1:1/api/storage".into(), vec![3u8; 32])
        .expect("local storage");
    let storage = Storage::Local(local);
    run_copy_suite(&storage).await;
    let leftovers = std::fs::read_dir(dir.path().join("tmp")).expect("tmp").count();
    assert_eq!(leftovers, 0, "no temporary file left behind");
}
