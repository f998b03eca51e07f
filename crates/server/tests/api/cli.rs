//! The `nourx` binary's data commands against a real database.

use std::process::{Command, Output};

use diesel::{Connection, PgConnection, RunQueryDsl};
use nourx_testkit::TestDatabase;

fn nourx(database: &TestDatabase, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nourx"));
    // The demo documents go to local storage under NOURX_DATA_DIR: a folder of this test's own.
    let data_dir = std::env::temp_dir().join(format!("nourx-cli-{}", uuid::Uuid::now_v7()));
    command
        .args(args)
        .env("DATABASE_URL", &database.url)
        .env("NOURX_DATA_DIR", &data_dir)
        .env("RUST_LOG", "warn")
        .env_remove("NOURX_ADMIN_PASSWORD");
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
    // The four demo logins, and the owners of the four clients of the year behind the demo.
    assert_eq!(count(&database, "SELECT count(*) AS n FROM users"), 8);
    assert_eq!(count(&database, "SELECT count(*) AS n FROM users WHERE role = 'admin'"), 1);
    assert_eq!(count(&database, "SELECT count(*) AS n FROM users WHERE role = 'staff'"), 1);
    assert_eq!(count(&database, "SELECT count(*) AS n FROM clients"), 6);
    // A year of monthly invoices for those four, paid through every operator, late at every age.
    assert_eq!(count(&database, "SELECT count(DISTINCT date_trunc('month', issue_date)) AS n FROM invoices"), 12);
    assert_eq!(
        count(&database, "SELECT count(DISTINCT payment_method) AS n FROM payments WHERE status = 'accepted'"),
        5
    );
    assert_eq!(
        count(
            &database,
            "SELECT count(DISTINCT width_bucket(current_date - due_date, ARRAY[1, 31, 61, 91])) AS n FROM invoices \
             WHERE status IN ('sent', 'partially_paid') AND due_date < current_date"
        ),
        4,
        "overdue invoices in each ageing bucket"
    );
    assert_eq!(count(&database, "SELECT count(*) AS n FROM payments WHERE status = 'flagged'"), 1);
    assert_eq!(count(&database, "SELECT count(*) AS n FROM jobs WHERE status = 'dead'"), 1);
    assert_eq!(count(&database, "SELECT count(*) AS n FROM outbox WHERE status = 'failed'"), 1);
    // The activity feed tells that year once (sent invoices, settled payments, opened tickets),
    // even though the seed ran twice.
    assert_eq!(
        count(
            &database,
            "SELECT count(*) AS n FROM (SELECT entity, entity_id, action FROM audit_log \
             WHERE action IN ('send', 'payment.settled', 'create', 'accept') GROUP BY 1, 2, 3 HAVING count(*) > 1) twice"
        ),
        0
    );
    assert_eq!(
        count(
            &database,
            "SELECT count(DISTINCT action) AS n FROM audit_log WHERE action IN ('send', 'payment.settled', 'create')"
        ),
        3
    );
    // Their invoice numbers follow issue dates, as in a real ledger.
    assert_eq!(
        count(
            &database,
            "SELECT count(*) AS n FROM (SELECT i.issue_date, lag(i.issue_date) OVER (ORDER BY i.number) AS before \
             FROM invoices i JOIN clients c ON c.id = i.client_id \
             WHERE c.name NOT IN ('Akwaba Digital', 'Baobab Foods')) i WHERE issue_date < before"
        ),
        0
    );
    // Documents on the demo projects, stored and ready, one of them internal.
    assert_eq!(count(&database, "SELECT count(*) AS n FROM documents WHERE status = 'ready'"), 8);
    assert_eq!(count(&database, "SELECT count(*) AS n FROM documents WHERE visibility = 'internal'"), 2);
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
    assert_eq!(count(&database, "SELECT count(*) AS n FROM users"), 8);
}

#[test]
fn serve_in_production_needs_the_public_address() {
    let database = TestDatabase::create().expect("database");
    let serve =
        nourx(&database, &["serve"], &[("NOURX_SECRET_KEY", &"k".repeat(64)), ("NOURX_API_ADDR", "127.0.0.1:0")]);
    assert!(!serve.status.success());
    assert!(String::from_utf8_lossy(&serve.stderr).contains("NOURX_PUBLIC_URL"));
}

/// `nourx check` as production would run it against `database_url`: a secret key and a public
/// URL, nothing from the environment about CinetPay, SMTP or S3 but `env`.
async fn nourx_check(database_url: &str, env: &[(&str, String)]) -> (bool, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nourx"));
    command
        .arg("check")
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .env("NOURX_ENV", "production")
        .env("NOURX_SECRET_KEY", "k".repeat(64))
        .env("NOURX_PUBLIC_URL", "https://portail.nourx.test");
    for name in [
        "CINETPAY_BASE_URL",
        "CINETPAY_CA_FILE",
        "CINETPAY_API_KEY",
        "CINETPAY_SITE_ID",
        "CINETPAY_SECRET_KEY",
        "SMTP_URL",
        "S3_BUCKET",
        "S3_ENDPOINT",
    ] {
        command.env_remove(name);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    // The sandbox answers from this process while the command runs.
    let output =
        actix_web::rt::task::spawn_blocking(move || command.output().expect("run nourx check")).await.expect("join");
    let (stdout, stderr) =
        (String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned());
    (output.status.success(), stdout, stderr)
}

/// The line of `what` in a `nourx check` report.
fn line<'a>(report: &'a str, what: &str) -> &'a str {
    let found = report.lines().find(|line| line.split_once(' ').is_some_and(|(_, rest)| rest.starts_with(what)));
    found.unwrap_or_else(|| panic!("no {what} line in:\n{report}"))
}

/// CINETPAY_* for `sandbox`, trusting `ca_file`.
fn cinetpay_env(sandbox: &nourx_cinetpay_sandbox::Sandbox, ca_file: &std::path::Path) -> Vec<(&'static str, String)> {
    let credentials = sandbox.credentials();
    vec![
        ("CINETPAY_BASE_URL", sandbox.base_url().to_owned()),
        ("CINETPAY_CA_FILE", ca_file.display().to_string()),
        ("CINETPAY_API_KEY", credentials.api_key),
        ("CINETPAY_SITE_ID", credentials.site_id),
        ("CINETPAY_SECRET_KEY", credentials.secret_key),
    ]
}

#[actix_web::test]
async fn check_passes_against_the_https_sandbox_and_s3() {
    let database = actix_web::web::block(TestDatabase::create).await.expect("join").expect("database");
    let sandbox = nourx_cinetpay_sandbox::Sandbox::start(nourx_cinetpay_sandbox::SandboxConfig::demo(), "127.0.0.1:0")
        .await
        .expect("sandbox");
    let mut env = cinetpay_env(&sandbox, sandbox.ca_file().expect("HTTPS"));
    let s3 = nourx_storage::conformance::S3TestServer::get();
    if let Some(s3) = s3 {
        env.extend([
            ("S3_BUCKET", s3.bucket.clone()),
            ("S3_ENDPOINT", s3.endpoint.clone()),
            ("S3_FORCE_PATH_STYLE", "true".to_owned()),
            ("AWS_ACCESS_KEY_ID", s3.access_key.clone()),
            ("AWS_SECRET_ACCESS_KEY", s3.secret_key.clone()),
        ]);
    }
    let checks_before = sandbox.check_count();
    let (ok, report, stderr) = nourx_check(&database.url, &env).await;
    assert!(ok, "{report}\n{stderr}");
    assert!(line(&report, "configuration").starts_with('✓'), "{report}");
    assert!(line(&report, "database").starts_with('✓') && report.contains("no pending migration"), "{report}");
    let cinetpay = line(&report, "CinetPay");
    assert!(cinetpay.starts_with('✓') && cinetpay.contains("over TLS"), "{cinetpay}");
    assert!(cinetpay.contains("credentials accepted"), "{cinetpay}");
    assert_eq!(sandbox.check_count(), checks_before + 1, "one harmless check");
    assert!(line(&report, "SMTP").starts_with('–'), "not configured, not checked: {report}");
    match s3 {
        Some(_) => assert!(line(&report, "S3").starts_with('✓') && report.contains("read back"), "{report}"),
        None => assert!(line(&report, "S3").starts_with('–'), "{report}"),
    }
    assert!(report.contains("every configured dependency answers"), "{report}");
    sandbox.stop().await;
}

#[actix_web::test]
async fn check_fails_on_another_authority_a_closed_port_wrong_keys_smtp_and_pending_migrations() {
    let database = actix_web::web::block(TestDatabase::create).await.expect("join").expect("database");
    let sandbox = nourx_cinetpay_sandbox::Sandbox::start(nourx_cinetpay_sandbox::SandboxConfig::demo(), "127.0.0.1:0")
        .await
        .expect("sandbox");
    let other = nourx_cinetpay_sandbox::Sandbox::start(nourx_cinetpay_sandbox::SandboxConfig::demo(), "127.0.0.1:0")
        .await
        .expect("another sandbox");
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();

    // A certificate from another authority than the one trusted.
    let (ok, report, stderr) =
        nourx_check(&database.url, &cinetpay_env(&sandbox, other.ca_file().expect("HTTPS"))).await;
    assert!(!ok, "{report}");
    assert!(stderr.contains("1 check(s) failed"), "{stderr}");
    assert!(line(&report, "database").starts_with('✓'), "{report}");
    let cinetpay = line(&report, "CinetPay");
    assert!(cinetpay.starts_with('✗') && cinetpay.contains("TLS certificate refused"), "{cinetpay}");

    // Nobody listening.
    let mut env = cinetpay_env(&sandbox, sandbox.ca_file().expect("HTTPS"));
    env[0].1 = format!("https://127.0.0.1:{closed}");
    let (ok, report, _) = nourx_check(&database.url, &env).await;
    assert!(!ok);
    let cinetpay = line(&report, "CinetPay");
    assert!(cinetpay.starts_with('✗') && cinetpay.contains("unreachable"), "{cinetpay}");

    // Reached, but the key is wrong; plain HTTP in production; an SMTP server that is not there.
    let mut env = cinetpay_env(&sandbox, sandbox.ca_file().expect("HTTPS"));
    env[2].1 = "not-the-key".to_owned();
    env.push(("SMTP_URL", format!("smtp://127.0.0.1:{closed}?tls=none")));
    let (ok, report, stderr) = nourx_check(&database.url, &env).await;
    assert!(!ok && stderr.contains("2 check(s) failed"), "{report}\n{stderr}");
    let cinetpay = line(&report, "CinetPay");
    assert!(cinetpay.starts_with('✗') && cinetpay.contains("credentials refused: 609"), "{cinetpay}");
    assert!(line(&report, "SMTP").starts_with('✗'), "{report}");
    let mut env = cinetpay_env(&sandbox, sandbox.ca_file().expect("HTTPS"));
    env[0].1 = sandbox.base_url().replacen("https://", "http://", 1);
    let (ok, report, _) = nourx_check(&database.url, &env).await;
    assert!(!ok && line(&report, "CinetPay").contains("over https only"), "{report}");

    // A migration not applied.
    let mut conn = PgConnection::establish(&database.url).expect("connect");
    diesel::sql_query(
        "DELETE FROM __diesel_schema_migrations WHERE version = (SELECT max(version) FROM __diesel_schema_migrations)",
    )
    .execute(&mut conn)
    .expect("forget a migration");
    let (ok, report, _) = nourx_check(&database.url, &cinetpay_env(&sandbox, sandbox.ca_file().expect("HTTPS"))).await;
    assert!(!ok, "{report}");
    let database_line = line(&report, "database");
    assert!(database_line.starts_with('✗') && database_line.contains("1 pending migration"), "{database_line}");
    assert!(line(&report, "CinetPay").starts_with('✓'), "{report}");
    other.stop().await;
    sandbox.stop().await;
}

#[test]
fn scale_data_holds_tickets_and_prospects_once() {
    let database = TestDatabase::create().expect("database");
    for run in 0..2 {
        let output = nourx(&database, &["seed", "--demo", "--scale", "3"], &[]);
        assert!(output.status.success(), "run {run}: {}", String::from_utf8_lossy(&output.stderr));
    }
    let scale = "client_id IN (SELECT id FROM clients WHERE name LIKE 'Échelle %')";
    assert_eq!(count(&database, &format!("SELECT count(*) AS n FROM tickets WHERE {scale}")), 300);
    assert_eq!(count(&database, "SELECT count(*) AS n FROM prospects WHERE email LIKE '%@echelle.demo'"), 30);
    assert_eq!(
        count(&database, &format!("SELECT count(DISTINCT status) AS n FROM tickets WHERE {scale}")),
        4,
        "every status"
    );
}
