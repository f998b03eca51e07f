//! The embedded cluster starts, stops, and starts again with its data kept.

use diesel::{Connection, PgConnection, RunQueryDsl};
use nourx_db::embedded::{ClusterOptions, EmbeddedCluster};

#[derive(diesel::QueryableByName)]
struct Note {
    #[diesel(sql_type = diesel::sql_types::Text)]
    body: String,
}

#[test]
fn start_stop_restart_keeps_the_data() {
    let root = tempfile::Builder::new().prefix("nourx-cluster-test-").tempdir_in("/tmp").expect("tempdir");
    // As root, PostgreSQL runs as `postgres`, which must be able to enter the directory.
    std::fs::set_permissions(root.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    let options = ClusterOptions { data_dir: root.path().join("pg"), durable: true, preferred_port: None };

    let mut cluster = EmbeddedCluster::start(&options).expect("first start (initdb)");
    assert!(root.path().join("pg/PG_VERSION").is_file());
    cluster.ensure_database("nourx").expect("create database");
    {
        let mut conn = PgConnection::establish(&cluster.url("nourx")).expect("connect");
        diesel::sql_query("CREATE TABLE notes (body text)").execute(&mut conn).expect("create table");
        diesel::sql_query("INSERT INTO notes VALUES ('kept across restarts')").execute(&mut conn).expect("insert");
    }
    let first_port = cluster.port;
    cluster.stop();
    assert!(!cluster.is_running());
    assert!(PgConnection::establish(&cluster.url("nourx")).is_err(), "stopped means stopped");
    assert!(!root.path().join("pg/postmaster.pid").exists(), "a clean shutdown removes the pid file");

    let mut restarted =
        EmbeddedCluster::start(&ClusterOptions { preferred_port: Some(first_port), ..options }).expect("second start");
    assert!(restarted.is_running());
    let mut conn = PgConnection::establish(&restarted.url("nourx")).expect("connect again");
    let notes: Vec<Note> = diesel::sql_query("SELECT body FROM notes").load(&mut conn).expect("select");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].body, "kept across restarts");
    drop(conn);
    restarted.stop();
}
