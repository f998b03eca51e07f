//! The NOURX test harness.
//!
//! - One PostgreSQL cluster per test run: the one named by `NOURX_TEST_DATABASE_URL`
//!   (the test command starts it once), or else one started for this process from
//!   the same embedded-cluster code as `nourx up`.
//! - A template database migrated once per cluster, and a fresh database per test
//!   cloned from it (`CREATE DATABASE … TEMPLATE …`), dropped when the test ends.
//! - `TestApp`: the real actix app on a loopback port, and `TestClient`s that keep
//!   cookies and send `X-CSRFToken` by themselves; `TestResponse` asserts on what came back
//!   (`.assert_status(201)`, `.id()`), printing the body when it fails.
//! - People by role (`app.staff()` an admin, `app.staff_member()` of the `staff` role,
//!   `app.tenant()`, `app.member(&tenant, MemberRole::Owner)`) and records built through the API
//!   (`InvoiceBuilder::new(&tenant).sent().build(&app)`).
//! - The outbox's emails (`app.emails()`, redacted for snapshots) and the job queue: a test that
//!   leaves jobs queued fails when its app is dropped.
//! - Storage: local files in a temporary directory, served by the app itself;
//!   `TestApp::with_storage(s3_storage()?)` runs it on S3 (s3s-fs) instead.
//!
//! Snapshots (crates/server/tests/api/snapshots): `insta::assert_json_snapshot!("name",
//! response.snapshot())` for an error body, `insta::assert_snapshot!("name", email.redacted())`
//! for an email. A new or changed snapshot fails the test (and, outside CI, leaves a `.snap.new`
//! beside it); run the test with `INSTA_UPDATE=always` to write it, read the diff, commit it.

mod builders;
mod client;
mod cluster;
mod database;
mod emails;
mod events;
mod factories;
mod logs;
mod two_factor;

pub use builders::{
    BillingBuilder, BillingKind, ClientRef, DocumentBuilder, Invoice, InvoiceBuilder, MilestoneBuilder,
    OfflinePaymentBuilder, PaymentBuilder, ProjectBuilder, Quote, QuoteBuilder, Record, TaskBuilder, TicketBuilder,
};
pub use client::{TestClient, TestRequest, TestResponse};
pub use cluster::TestDatabase;
pub use emails::{SentEmail, redact, token_in};
pub use events::{ApiProcess, EventStream, SseEvent};
pub use factories::{Actor, TEST_PASSWORD, Tenant, TestUser};
pub use logs::{LogCapture, capture_logs};
pub use nourx_domain::workflow::MemberRole;
pub use two_factor::{Enrolment, totp_code};

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use actix_web::{HttpServer, web};
use nourx_api::{ApiConfig, AppState};
use nourx_cinetpay_sandbox::{Sandbox, SandboxConfig};
use nourx_db::Db;
use nourx_storage::{LocalStorage, Storage};

/// A running API on a private database.
pub struct TestApp {
    pub db: Db,
    pub base_url: String,
    pub config: Arc<ApiConfig>,
    /// The CinetPay emulator the app talks to over HTTPS (demo credentials, its test authority in
    /// `config.cinetpay.ca_file`), unless the test chose another address with [`TestApp::with_config`].
    pub sandbox: Arc<Sandbox>,
    pub state: web::Data<AppState>,
    /// Local files in a temporary directory served by the app itself, unless the test chose
    /// another storage ([`TestApp::with_storage`]).
    pub storage: Storage,
    database: TestDatabase,
    server: actix_web::dev::ServerHandle,
    _storage_dir: Option<tempfile::TempDir>,
    /// The staff member builders act as, logged in at first use.
    kit_staff: tokio::sync::OnceCell<Actor>,
    /// Numbers the people and clients the kit creates, in creation order.
    serial: AtomicU32,
    jobs_may_stay_queued: AtomicBool,
}

impl TestApp {
    /// The app with the development settings.
    pub async fn new() -> TestApp {
        TestApp::start(|_| {}, None).await
    }

    /// The app with settings adjusted by `adjust`.
    pub async fn with_config(adjust: impl FnOnce(&mut ApiConfig)) -> TestApp {
        TestApp::start(adjust, None).await
    }

    /// The app storing its files in `storage` (for example [`s3_storage`]) instead of local files.
    pub async fn with_storage(storage: Storage) -> TestApp {
        TestApp::start(|_| {}, Some(storage)).await
    }

    async fn start(adjust: impl FnOnce(&mut ApiConfig), storage: Option<Storage>) -> TestApp {
        let database = web::block(TestDatabase::create).await.expect("join").expect("test database");
        let db = Db::connect(&database.url, 8).expect("pool");
        // Bound first, so that local storage links and CinetPay's notification URL can name the
        // app's own address.
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let base_url = format!("http://{addr}");
        let sandbox = Arc::new(Sandbox::start(SandboxConfig::demo(), "127.0.0.1:0").await.expect("CinetPay sandbox"));
        let mut config = ApiConfig::development(vec![7u8; 64]);
        config.api_public_url = base_url.clone();
        let credentials = sandbox.credentials();
        // HTTPS, as CinetPay: the client trusts the sandbox's test authority through its PEM file,
        // as `CINETPAY_CA_FILE` does in `nourx up`.
        config.cinetpay.base_url = sandbox.base_url().to_owned();
        config.cinetpay.ca_file = sandbox.ca_file().map(std::path::Path::to_path_buf);
        config.cinetpay.api_key = Some(credentials.api_key);
        config.cinetpay.site_id = Some(credentials.site_id);
        config.cinetpay.secret_key = Some(credentials.secret_key);
        config.cinetpay.timeout = std::time::Duration::from_secs(5);
        adjust(&mut config);
        let config = Arc::new(config);
        let (storage, storage_dir) = match storage {
            Some(storage) => (storage, None),
            None => {
                let dir = tempfile::Builder::new().prefix("nourx-test-storage-").tempdir().expect("storage directory");
                let local = LocalStorage::new(
                    dir.path().to_path_buf(),
                    format!("{base_url}/api/storage"),
                    LocalStorage::signing_key_from(&config.secret_key),
                )
                .expect("local storage");
                (Storage::Local(local), Some(dir))
            }
        };
        let state = web::Data::new(AppState::new(db.clone(), config.clone(), storage.clone()));
        state.events.listen(db.clone());
        let app_state = state.clone();
        let api_doc = Arc::new(nourx_api::openapi());
        let table = Arc::new(nourx_api::http::openapi::RouteTable::from_openapi(&api_doc));
        let server = HttpServer::new(move || nourx_api::app(state.clone(), api_doc.clone(), table.clone()))
            .workers(1)
            .disable_signals()
            .shutdown_timeout(1)
            .listen(listener)
            .expect("listen on the loopback port")
            .run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        TestApp {
            db,
            base_url,
            config,
            sandbox,
            state: app_state,
            storage,
            database,
            server: handle,
            _storage_dir: storage_dir,
            kit_staff: tokio::sync::OnceCell::new(),
            serial: AtomicU32::new(0),
            jobs_may_stay_queued: AtomicBool::new(false),
        }
    }

    /// The NOURX staff member the record builders act as (created and logged in at first use;
    /// a test that counts staff accounts or audit rows builds its records before counting).
    pub async fn kit_staff(&self) -> &Actor {
        self.kit_staff.get_or_init(|| self.staff()).await
    }

    fn next_serial(&self) -> u32 {
        self.serial.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// A new browser-like client with an empty cookie jar.
    pub fn client(&self) -> TestClient {
        TestClient::new(&self.base_url)
    }

    /// What `POST /api/auth/login/` answers `user` with their password, in a new browser.
    pub async fn try_login(&self, user: &TestUser) -> TestResponse {
        let body = serde_json::json!({"email": user.email, "password": user.password});
        self.client().post("/api/auth/login/", &body).await
    }

    /// A client logged in as `user`.
    pub async fn login(&self, user: &TestUser) -> TestClient {
        let client = self.client();
        client
            .post("/api/auth/login/", &serde_json::json!({"email": user.email, "password": user.password}))
            .await
            .assert_status(200);
        client
    }

    /// The URL of this test's database (for processes a test starts, like `nourx worker`).
    pub fn database_url(&self) -> &str {
        &self.database.url
    }

    /// The name of this test's database (for tests that inspect it).
    pub fn database_name(&self) -> &str {
        &self.database.name
    }

    /// Stops the server; the database is dropped with the app.
    pub async fn stop(&self) {
        self.server.stop(true).await;
        self.sandbox.stop().await;
    }

    /// A job worker on this app's database, with every job and periodic task of `nourx worker`
    /// (call `drain()` to run what is due), without SMTP.
    pub fn worker(&self, config: nourx_jobs::WorkerConfig) -> nourx_jobs::Worker {
        nourx_api::services::worker::build(&self.state, None, config)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // A test already failing says why; a second panic would abort the process.
        if !std::thread::panicking() {
            self.check_no_job_left_queued();
        }
    }
}

/// The S3 storage of the test run (s3s-fs: the one `./x test` starts, or one started for this
/// process), for [`TestApp::with_storage`]. `None` only when `NOURX_TEST_SKIP_S3=1` and there is
/// no s3s-fs; panics with what to do otherwise.
pub fn s3_storage() -> Option<Storage> {
    nourx_storage::conformance::S3TestServer::get().map(|server| server.storage())
}
