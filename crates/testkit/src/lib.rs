//! The NOURX test harness.
//!
//! - One PostgreSQL cluster per test run: the one named by `NOURX_TEST_DATABASE_URL`
//!   (the test command starts it once), or else one started for this process from
//!   the same embedded-cluster code as `nourx up`.
//! - A template database migrated once per cluster, and a fresh database per test
//!   cloned from it (`CREATE DATABASE … TEMPLATE …`), dropped when the test ends.
//! - `TestApp`: the real actix app on a loopback port, and `TestClient`s that keep
//!   cookies and send `X-CSRFToken` by themselves.

mod client;
mod cluster;
mod factories;

pub use client::{TestClient, TestRequest, TestResponse};
pub use cluster::TestDatabase;
pub use factories::TestUser;

use std::sync::Arc;

use actix_web::{HttpServer, web};
use nourx_api::{ApiConfig, AppState};
use nourx_db::Db;

/// A running API on a private database.
pub struct TestApp {
    pub db: Db,
    pub base_url: String,
    pub config: Arc<ApiConfig>,
    database: TestDatabase,
    server: actix_web::dev::ServerHandle,
}

impl TestApp {
    /// The app with the development settings.
    pub async fn new() -> TestApp {
        TestApp::with_config(|_| {}).await
    }

    /// The app with settings adjusted by `adjust`.
    pub async fn with_config(adjust: impl FnOnce(&mut ApiConfig)) -> TestApp {
        let database = web::block(TestDatabase::create).await.expect("join").expect("test database");
        let db = Db::connect(&database.url, 8).expect("pool");
        let mut config = ApiConfig::development(vec![7u8; 64]);
        adjust(&mut config);
        let config = Arc::new(config);
        let state = web::Data::new(AppState::new(db.clone(), config.clone()));
        let api_doc = Arc::new(nourx_api::openapi());
        let table = Arc::new(nourx_api::openapi::RouteTable::from_openapi(&api_doc));
        let server = HttpServer::new(move || nourx_api::app(state.clone(), api_doc.clone(), table.clone()))
            .workers(1)
            .disable_signals()
            .shutdown_timeout(1)
            .bind(("127.0.0.1", 0))
            .expect("bind a loopback port");
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        TestApp { db, base_url: format!("http://{addr}"), config, database, server: handle }
    }

    /// A new browser-like client with an empty cookie jar.
    pub fn client(&self) -> TestClient {
        TestClient::new(&self.base_url)
    }

    /// A client logged in as `user`.
    pub async fn login(&self, user: &TestUser) -> TestClient {
        let client = self.client();
        let response =
            client.post("/api/auth/login/", &serde_json::json!({"email": user.email, "password": user.password})).await;
        assert_eq!(response.status, 200, "login of {} failed: {}", user.email, response.body);
        client
    }

    /// The name of this test's database (for tests that inspect it).
    pub fn database_name(&self) -> &str {
        &self.database.name
    }

    /// Stops the server; the database is dropped with the app.
    pub async fn stop(&self) {
        self.server.stop(true).await;
    }
}
