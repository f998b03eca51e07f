//! A local CinetPay Checkout v2 emulator (CINETPAY.md §7 and "Decisions" 8).
//!
//! It speaks the real protocol towards the merchant's server and the customer's browser:
//!
//! | route | what |
//! |---|---|
//! | `POST /v2/payment` | initialisation, with CinetPay's validation and error codes (608, 609, 613, 624, 403) |
//! | `GET /payment/{token}` | the hosted checkout page (French, no JavaScript): operator, phone, Payer / Refuser / Attente |
//! | `POST /payment/{token}` | the page's form: records the outcome, notifies `notify_url`, sends the browser back to `return_url` |
//! | `POST /v2/payment/check` | the authoritative status (`00` accepted, `627` refused, `662` waiting) |
//! | `GET /merchant/transactions.csv` | the back-office's transaction statement (`?from=&to=` days), for reconciliation |
//! | `/_sandbox/…` | test knobs (JSON): faults, decide, set a status, notify again, read a transaction |
//!
//! A notification is a `GET` ping of `notify_url` then a form-urlencoded `POST` of the 16 fields in
//! the order of the `x-token` formula, with the `x-token` header. [`Faults`] make it late, repeated,
//! out of order, forged or lost, and make the check lie or fail. State lives in memory.
//!
//! It serves HTTPS by default ([`SandboxConfig::https`]), like CinetPay: a test certificate
//! authority is made at start-up and written to a PEM file ([`Sandbox::ca_file`]) for the
//! merchant's `CINETPAY_CA_FILE`; browsers trust the leaf by its SPKI hash
//! ([`Sandbox::leaf_spki_sha256`]).

mod api;
mod checkout;
mod knobs;
mod notifier;
mod state;
mod statement;
mod tls;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_web::{App, HttpServer, web};
use serde::{Deserialize, Serialize};

use state::Inner;

/// What the sandbox accepts and how it misbehaves.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    pub api_key: String,
    pub site_id: String,
    pub secret_key: String,
    /// URL the browser uses to reach the sandbox (payment_url = {public_url}/payment/{token}); default the bound address.
    pub public_url: Option<String>,
    pub faults: Faults,
    /// Serve HTTPS with a test authority made at start-up (the default); plain HTTP otherwise.
    pub https: bool,
    /// Where to write the test authority's certificate (PEM); default a file in a temporary
    /// directory removed with the sandbox.
    pub ca_file: Option<PathBuf>,
}

impl SandboxConfig {
    /// The demo merchant: api_key "sandbox-api-key", site_id "105900", secret_key "sandbox-secret-key"
    /// (printed by `nourx up`), no public URL, no fault, HTTPS.
    pub fn demo() -> SandboxConfig {
        SandboxConfig {
            api_key: "sandbox-api-key".to_owned(),
            site_id: "105900".to_owned(),
            secret_key: "sandbox-secret-key".to_owned(),
            public_url: None,
            faults: Faults::default(),
            https: true,
            ca_file: None,
        }
    }

    /// The credentials a merchant configures to talk to this sandbox.
    pub fn credentials(&self) -> nourx_cinetpay::Credentials {
        nourx_cinetpay::Credentials {
            api_key: self.api_key.clone(),
            site_id: self.site_id.clone(),
            secret_key: self.secret_key.clone(),
        }
    }
}

/// Misbehaviours, all off by default. Missing fields in JSON take their default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Wait this long before notifying.
    pub notify_delay_ms: u64,
    /// Extra identical POSTs, sent concurrently with the first (at most [`MAX_DUPLICATES`]).
    pub duplicate_notifications: u32,
    /// After the final notification, also deliver a stale WAITING_FOR_CUSTOMER one.
    pub out_of_order: bool,
    /// The x-token is computed with a wrong key.
    pub wrong_token: bool,
    /// No ping, no POST.
    pub lose_notifications: bool,
    /// The check answers amount + delta (mismatch).
    pub check_amount_delta: i64,
    /// The check answers this currency (mismatch).
    pub check_currency: Option<String>,
    /// The next N checks answer HTTP 503 with an HTML body (counts down).
    pub failing_checks: u32,
    /// `/v2/payment` answers HTTP 503.
    pub init_unavailable: bool,
}

/// Duplicated notifications beyond this many are not sent (a typo must not flood the merchant).
pub const MAX_DUPLICATES: u32 = 50;

/// What the customer does on the checkout page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// "Payer": the payment is accepted.
    Accept,
    /// "Refuser le paiement": the payment is refused (cancelled).
    Refuse,
    /// "Laisser en attente": the operator waits for the customer's confirmation.
    Wait,
}

/// The operators of the checkout page: code sent as `payment_method`, and the label shown.
pub const OPERATORS: [(&str, &str); 5] = [
    ("OM", "Orange Money"),
    ("MOMO", "MTN MoMo"),
    ("FLOOZ", "Moov Money"),
    ("WAVECI", "Wave"),
    ("CARD", "Carte bancaire"),
];

/// A transaction as the sandbox sees it (also `GET /_sandbox/transactions/{transaction_id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionSnapshot {
    pub transaction_id: String,
    pub payment_token: String,
    /// `ACCEPTED`, `REFUSED` or `WAITING_FOR_CUSTOMER` (also right after init).
    pub status: String,
    pub amount: i64,
    pub currency: String,
    pub description: String,
    pub metadata: Option<String>,
    pub channels: String,
    /// The checkout page's language asked at init (`fr` or `en`).
    pub lang: String,
    pub notify_url: String,
    pub return_url: String,
    /// The operator code chosen (`OM`, `MOMO`, `FLOOZ`, `WAVECI`, `CARD`), once decided.
    pub payment_method: Option<String>,
    pub operator_id: Option<String>,
    /// Notification POSTs attempted (duplicates and stale ones included; lost ones not).
    pub notifications_sent: u32,
    /// Check answers given about this transaction (not counting 503 faults).
    pub checks_answered: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("unknown transaction {0:?}")]
    UnknownTransaction(String),
    #[error("transaction {transaction_id:?} is already {status}")]
    AlreadyFinal { transaction_id: String, status: String },
    #[error("invalid status {0:?} (ACCEPTED, REFUSED or WAITING_FOR_CUSTOMER)")]
    InvalidStatus(String),
    #[error("invalid operator code {0:?} (letters and digits, e.g. OM, MOMO, FLOOZ, WAVECI, CARD)")]
    InvalidOperator(String),
}

/// How an HTTPS sandbox is trusted.
#[derive(Clone, Debug)]
pub struct TlsInfo {
    /// The test authority's certificate, PEM.
    pub ca_pem: String,
    /// Where that PEM was written: what the merchant sets as `CINETPAY_CA_FILE`.
    pub ca_file: PathBuf,
    /// SHA-256 of the leaf's SubjectPublicKeyInfo, base64 (Chromium's
    /// `--ignore-certificate-errors-spki-list`).
    pub leaf_spki_sha256: String,
}

/// A running sandbox.
pub struct Sandbox {
    inner: Arc<Inner>,
    base_url: String,
    server: actix_web::dev::ServerHandle,
    /// Holds the CA file when no path was configured.
    _ca_dir: Option<tempfile::TempDir>,
}

impl Sandbox {
    /// Binds `addr` (use "127.0.0.1:0" in tests) and serves on the current actix/tokio runtime
    /// (`actix_web::rt::spawn`, one worker, no signal handling). With `https`, makes the test
    /// authority and writes its certificate first.
    pub async fn start(config: SandboxConfig, addr: &str) -> std::io::Result<Sandbox> {
        let listener = std::net::TcpListener::bind(addr)?;
        let local = listener.local_addr()?;
        let scheme = if config.https { "https" } else { "http" };
        let base_url = format!("{scheme}://{local}");
        let public_url = match &config.public_url {
            Some(public_url) => checked_public_url(public_url)?,
            None => base_url.clone(),
        };
        let (tls, server_config, ca_dir) = if config.https {
            let public_host = url::Url::parse(&public_url).ok().and_then(|url| url.host_str().map(str::to_owned));
            let hosts: Vec<String> = [Some(local.ip().to_string()), public_host].into_iter().flatten().collect();
            let authority = tls::generate(&hosts).map_err(std::io::Error::other)?;
            let (ca_file, ca_dir) = write_ca(&authority.ca_pem, config.ca_file.as_deref())?;
            let info = TlsInfo { ca_pem: authority.ca_pem, ca_file, leaf_spki_sha256: authority.leaf_spki_sha256 };
            (Some(info), Some(authority.server_config), ca_dir)
        } else {
            (None, None, None)
        };
        let inner = Arc::new(Inner::new(config, public_url, tls).map_err(std::io::Error::other)?);
        let data = web::Data::from(inner.clone());
        let server = HttpServer::new(move || App::new().app_data(data.clone()).configure(routes))
            .workers(1)
            .disable_signals()
            .shutdown_timeout(1);
        let server = match server_config {
            Some(server_config) => server.listen_rustls_0_23(listener, server_config)?,
            None => server.listen(listener)?,
        }
        .run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Ok(Sandbox { inner, base_url, server: handle, _ca_dir: ca_dir })
    }

    /// `https://127.0.0.1:PORT` (`http://` without TLS): what the merchant configures as
    /// `CINETPAY_BASE_URL`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// How it is trusted; `None` over plain HTTP.
    pub fn tls(&self) -> Option<&TlsInfo> {
        self.inner.tls.as_ref()
    }

    /// The PEM file of the test authority: the merchant's `CINETPAY_CA_FILE`.
    pub fn ca_file(&self) -> Option<&Path> {
        self.tls().map(|tls| tls.ca_file.as_path())
    }

    /// The leaf's SPKI hash for Chromium's `--ignore-certificate-errors-spki-list`.
    pub fn leaf_spki_sha256(&self) -> Option<&str> {
        self.tls().map(|tls| tls.leaf_spki_sha256.as_str())
    }

    /// A client that trusts this sandbox's authority and nothing else (plain over HTTP), with a
    /// User-Agent and no redirects: for tests and tools talking to it directly.
    pub fn http_client(&self) -> reqwest::Client {
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("cinetpay-sandbox-client/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none());
        if let Some(tls) = self.tls() {
            let certificate = reqwest::Certificate::from_pem(tls.ca_pem.as_bytes()).expect("the sandbox's own PEM");
            builder = builder.tls_certs_only([certificate]);
        }
        builder.build().expect("an HTTP client trusting the sandbox")
    }

    /// Where the browser reaches the checkout pages (the configured public URL, or the base URL).
    pub fn public_url(&self) -> &str {
        &self.inner.public_url
    }

    /// The credentials this sandbox accepts.
    pub fn credentials(&self) -> nourx_cinetpay::Credentials {
        self.inner.config.credentials()
    }

    pub fn set_faults(&self, faults: Faults) {
        self.inner.set_faults(faults);
    }

    pub fn faults(&self) -> Faults {
        self.inner.faults()
    }

    /// What the checkout page's buttons do: record the outcome and the operator ("OM" Orange
    /// Money, "MOMO" MTN MoMo, "FLOOZ" Moov Money, "WAVECI" Wave, "CARD"), then notify (ping +
    /// POST) per the faults; returns when notifications were delivered (or lost).
    pub async fn decide(&self, transaction_id: &str, outcome: Outcome, operator: &str) -> Result<(), SandboxError> {
        self.inner.decide(transaction_id, outcome, operator, None).await
    }

    /// Changes the status the check endpoint reports without notifying (to simulate stale or
    /// out-of-order states in tests): `ACCEPTED`, `REFUSED` or `WAITING_FOR_CUSTOMER`.
    pub fn set_status(&self, transaction_id: &str, status: &str) -> Result<(), SandboxError> {
        self.inner.set_status(transaction_id, status)
    }

    /// Sends one notification now (ping + POST) with the transaction's current state; the
    /// notification faults apply.
    pub async fn notify(&self, transaction_id: &str) -> Result<(), SandboxError> {
        notifier::deliver(&self.inner, transaction_id).await
    }

    pub fn transaction(&self, transaction_id: &str) -> Option<TransactionSnapshot> {
        self.inner.snapshot(transaction_id)
    }

    /// Total `/v2/payment/check` calls answered (failures and refusals included).
    pub fn check_count(&self) -> u64 {
        self.inner.check_count()
    }

    /// Stops the server (gracefully, at most a second).
    pub async fn stop(&self) {
        self.server.stop(true).await;
    }
}

fn routes(config: &mut web::ServiceConfig) {
    config
        .route("/", web::get().to(checkout::index))
        .route("/v2/payment", web::post().to(api::init_payment))
        .route("/v2/payment/check", web::post().to(api::check_payment))
        .route("/payment/{token}", web::get().to(checkout::page))
        .route("/payment/{token}", web::post().to(checkout::submit))
        .route("/merchant/transactions.csv", web::get().to(statement::export))
        .service(knobs::scope());
}

/// Writes the authority's certificate to `path`, or to a new temporary directory kept with the
/// sandbox.
fn write_ca(pem: &str, path: Option<&Path>) -> std::io::Result<(PathBuf, Option<tempfile::TempDir>)> {
    let (path, dir) = match path {
        Some(path) => {
            if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            (path.to_path_buf(), None)
        }
        None => {
            let dir = tempfile::Builder::new().prefix("cinetpay-sandbox-").tempdir()?;
            (dir.path().join("ca.pem"), Some(dir))
        }
    };
    std::fs::write(&path, pem)
        .map_err(|error| std::io::Error::new(error.kind(), format!("writing {}: {error}", path.display())))?;
    Ok((path, dir))
}

fn checked_public_url(public_url: &str) -> std::io::Result<String> {
    match url::Url::parse(public_url) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => {
            Ok(url.as_str().trim_end_matches('/').to_owned())
        }
        _ => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("public URL {public_url:?} is not an http(s) URL"),
        )),
    }
}
