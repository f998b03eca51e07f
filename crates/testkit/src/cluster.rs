use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use diesel::{Connection, PgConnection, RunQueryDsl};
use nourx_db::embedded::{ClusterOptions, EmbeddedCluster};

/// The server the databases of this process are created on: a URL to its
/// maintenance database (`postgres`), from which the others are derived.
struct Server {
    admin_url: String,
}

impl Server {
    fn url_for(&self, database: &str) -> String {
        // The admin URL ends with `/postgres` or `/postgres?…`.
        match self.admin_url.split_once("/postgres") {
            Some((head, tail)) => format!("{head}/{database}{tail}"),
            None => panic!("NOURX_TEST_DATABASE_URL must name the `postgres` database: {}", self.admin_url),
        }
    }
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        if let Ok(url) = std::env::var("NOURX_TEST_DATABASE_URL") {
            return Server { admin_url: url };
        }
        // The cluster must outlive every test thread of this process: it is started by,
        // and owned by, a thread that never ends (PDEATHSIG stops it with the process).
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("nourx-test-postgres".into())
            .spawn(move || {
                remove_stale_clusters();
                let data_dir = std::env::temp_dir().join(format!("nourx-test-{}", std::process::id())).join("pg");
                let started =
                    EmbeddedCluster::start(&ClusterOptions { data_dir, durable: false, preferred_port: None });
                match started {
                    Ok(cluster) => {
                        let _ = sender.send(Ok(cluster.url("postgres")));
                        loop {
                            std::thread::park();
                        }
                    }
                    Err(error) => {
                        let _ = sender.send(Err(error.to_string()));
                    }
                }
            })
            .expect("spawn the cluster thread");
        match receiver.recv().expect("cluster thread") {
            Ok(admin_url) => Server { admin_url },
            Err(error) => panic!("could not start the test PostgreSQL cluster: {error}"),
        }
    })
}

/// Removes the directories of per-process clusters whose process is gone.
fn remove_stale_clusters() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix("nourx-test-")).and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !PathBuf::from(format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A database of its own for one test, cloned from the migrated template.
pub struct TestDatabase {
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    pub fn create() -> anyhow::Result<TestDatabase> {
        let server = server();
        let template = format!("nourx_template_{}", nourx_db::migrations::fingerprint());
        let mut admin = connect(&server.admin_url)?;
        ensure_template(server, &mut admin, &template)?;
        let name = format!("nourx_test_{}", uuid::Uuid::new_v4().simple());
        diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}")).execute(&mut admin)?;
        Ok(TestDatabase { url: server.url_for(&name), name })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = connect(&server().admin_url) {
            let _ =
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&mut admin);
        }
    }
}

fn connect(url: &str) -> anyhow::Result<PgConnection> {
    let mut last_error = None;
    for _ in 0..50 {
        match PgConnection::establish(url) {
            Ok(conn) => return Ok(conn),
            Err(error) => last_error = Some(error),
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(anyhow::anyhow!("connecting to {url}: {last_error:?}"))
}

/// Creates and migrates the template once per cluster, whichever process gets there first.
fn ensure_template(server: &Server, admin: &mut PgConnection, template: &str) -> anyhow::Result<()> {
    #[derive(diesel::QueryableByName)]
    struct Exists {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        exists: bool,
    }
    let exists = |admin: &mut PgConnection| -> anyhow::Result<bool> {
        let row: Exists = diesel::sql_query(format!(
            "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{template}') AS exists"
        ))
        .get_result(admin)?;
        Ok(row.exists)
    };
    if exists(admin)? {
        return Ok(());
    }
    diesel::sql_query("SELECT pg_advisory_lock(7263001)").execute(admin)?;
    let result = (|| -> anyhow::Result<()> {
        if exists(admin)? {
            return Ok(());
        }
        let building = format!("{template}_building");
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)")).execute(admin)?;
        diesel::sql_query(format!("CREATE DATABASE {building}")).execute(admin)?;
        {
            let mut conn = connect(&server.url_for(&building))?;
            nourx_db::migrations::run_pending(&mut conn)?;
        }
        diesel::sql_query(format!("ALTER DATABASE {building} RENAME TO {template}")).execute(admin)?;
        Ok(())
    })();
    diesel::sql_query("SELECT pg_advisory_unlock(7263001)").execute(admin)?;
    result
}
