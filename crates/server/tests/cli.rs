//! The `nourx` binary's data commands against a real database.

use std::process::{Command, Output};

use diesel::{Connection, PgConnection, RunQueryDsl};
use nourx_testkit::TestDatabase;

fn nourx(database: &TestDatabase, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nourx"));
    command.args(args).env("DATABASE_URL", &database.url).env("RUST_LOG", "warn").env_remove("NOURX_ADMIN_PASSWORD");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run nourx")
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn count(database: &TestDatabase, sql: &str) -> i64 {
    let mut conn = PgConnection::establish(&database.url).expect("connect");
    diesel::sql_query(sql).get_result::<Count>(&mut conn).expect("count").n
}

#[test]
fn seed_demo_is_idempotent() {
    let database = TestDatabase::create().expect("database");
    for run in 0..2 {
        let output = nourx(&database, &["seed", "--demo"], &[]);
        assert!(output.status.success(), "run {run}: {}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(count(&database, "SELECT count(*) AS n FROM users"), 3);
    assert_eq!(count(&database, "SELECT count(*) AS n FROM users WHERE role = 'admin'"), 1);
    assert_eq!(count(&database, "SELECT count(*) AS n FROM clients"), 2);
    // Each demo client has projects with a kanban and tickets in several states.
    assert_eq!(count(&database, "SELECT count(*) AS n FROM projects"), 5);
    assert!(count(&database, "SELECT count(*) AS n FROM tasks") >= 25);
    assert_eq!(count(&database, "SELECT count(DISTINCT status) AS n FROM tickets"), 4);
    assert!(count(&database, "SELECT count(*) AS n FROM comments WHERE internal") >= 1);
    // The counters kept by triggers agree with the rows.
    assert_eq!(
        count(
            &database,
            "SELECT count(*) AS n FROM projects p WHERE \
               task_count <> (SELECT count(*) FROM tasks t WHERE t.project_id = p.id) \
               OR tasks_done <> (SELECT count(*) FROM tasks t WHERE t.project_id = p.id AND t.status = 'done') \
               OR milestone_count <> (SELECT count(*) FROM milestones m WHERE m.project_id = p.id) \
               OR milestones_done <> (SELECT count(*) FROM milestones m WHERE m.project_id = p.id AND m.status = 'done')"
        ),
        0
    );
    // Kanban columns are numbered 0..n-1.
    assert_eq!(
        count(
            &database,
            "SELECT count(*) AS n FROM (SELECT project_id, status, max(position) - count(*) + 1 AS gap \
             FROM tasks GROUP BY project_id, status) c WHERE gap <> 0"
        ),
        0
    );
    assert_eq!(
        count(
            &database,
            "SELECT count(*) AS n FROM client_members m JOIN users u ON u.id = m.user_id \
             JOIN clients c ON c.id = m.client_id \
             WHERE (u.email, c.name) IN (('awa@akwaba.demo', 'Akwaba Digital'), ('kofi@baobab.demo', 'Baobab Foods')) \
             AND m.role = 'owner'"
        ),
        2
    );
}

#[test]
fn create_admin_reads_the_password_from_the_environment_and_applies_the_rules() {
    let database = TestDatabase::create().expect("database");
    let weak = nourx(
        &database,
        &["create-admin", "--email", "Fatou@NOURX.ci", "--name", "Fatou Sow"],
        &[("NOURX_ADMIN_PASSWORD", "short")],
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("too short"));
    assert_eq!(count(&database, "SELECT count(*) AS n FROM users"), 0);

    let created = nourx(
        &database,
        &["create-admin", "--email", "Fatou@NOURX.ci", "--name", "Fatou Sow"],
        &[("NOURX_ADMIN_PASSWORD", "une longue phrase de passe")],
    );
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    assert_eq!(
        count(&database, "SELECT count(*) AS n FROM users WHERE email = 'fatou@nourx.ci' AND role = 'admin'"),
        1
    );

    let again = nourx(
        &database,
        &["create-admin", "--email", "fatou@nourx.ci", "--name", "Fatou Sow"],
        &[("NOURX_ADMIN_PASSWORD", "une longue phrase de passe")],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn serve_refuses_to_start_without_a_secret_key_in_production() {
    let database = TestDatabase::create().expect("database");
    let migrate = nourx(&database, &["migrate"], &[]);
    assert!(migrate.status.success(), "{}", String::from_utf8_lossy(&migrate.stderr));
    let serve = nourx(&database, &["serve"], &[("NOURX_API_ADDR", "127.0.0.1:0")]);
    assert!(!serve.status.success());
    assert!(String::from_utf8_lossy(&serve.stderr).contains("NOURX_SECRET_KEY"));
}

#[test]
fn serve_refuses_an_unmigrated_database() {
    let database = TestDatabase::create().expect("database");
    // The test database comes migrated; roll the newest migration back by hand.
    let mut conn = PgConnection::establish(&database.url).expect("connect");
    diesel::sql_query(
        "DELETE FROM __diesel_schema_migrations WHERE version = (SELECT max(version) FROM __diesel_schema_migrations)",
    )
    .execute(&mut conn)
    .expect("forget a migration");
    let serve =
        nourx(&database, &["serve"], &[("NOURX_SECRET_KEY", &"k".repeat(64)), ("NOURX_API_ADDR", "127.0.0.1:0")]);
    assert!(!serve.status.success());
    assert!(String::from_utf8_lossy(&serve.stderr).contains("pending migrations"));
}

#[test]
fn seed_demo_refuses_production_unless_forced() {
    let database = TestDatabase::create().expect("database");
    let refused = nourx(&database, &["seed", "--demo"], &[("NOURX_ENV", "production")]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force-in-production"));
    assert_eq!(count(&database, "SELECT count(*) AS n FROM users"), 0, "nothing was created");

    let forced = nourx(&database, &["seed", "--demo", "--force-in-production"], &[("NOURX_ENV", "production")]);
    assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
    assert_eq!(count(&database, "SELECT count(*) AS n FROM users"), 3);
}

#[test]
fn serve_in_production_needs_the_public_address() {
    let database = TestDatabase::create().expect("database");
    let serve =
        nourx(&database, &["serve"], &[("NOURX_SECRET_KEY", &"k".repeat(64)), ("NOURX_API_ADDR", "127.0.0.1:0")]);
    assert!(!serve.status.success());
    assert!(String::from_utf8_lossy(&serve.stderr).contains("NOURX_PUBLIC_URL"));
}
