//! Shared by the sandbox's tests: a sandbox (HTTPS, as CinetPay), an HTTP client trusting the
//! sandboxes' test authorities only, and a "merchant" server that records what it receives
//! (notification pings and POSTs, return POSTs).

#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use nourx_cinetpay_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};

/// The test authorities of the sandboxes this process started: [`http`] trusts them, and only them.
static AUTHORITIES: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub async fn sandbox() -> Sandbox {
    let sandbox = sandbox_with(SandboxConfig::demo()).await;
    assert!(sandbox.base_url().starts_with("https://127.0.0.1:"), "the demo sandbox serves HTTPS");
    sandbox
}

/// A sandbox with `config`, whose authority (if any) [`http`] trusts from now on.
pub async fn sandbox_with(config: SandboxConfig) -> Sandbox {
    let sandbox = Sandbox::start(config, "127.0.0.1:0").await.expect("sandbox starts");
    if let Some(tls) = sandbox.tls() {
        AUTHORITIES.lock().expect("lock").push(tls.ca_pem.clone());
    }
    sandbox
}

/// A client trusting the test authorities of the sandboxes started by [`sandbox`] (and no public
/// root), as a merchant with `CINETPAY_CA_FILE` would.
pub fn http() -> reqwest::Client {
    let certificates = AUTHORITIES
        .lock()
        .expect("lock")
        .iter()
        .map(|pem| reqwest::Certificate::from_pem(pem.as_bytes()).expect("PEM"))
        .collect::<Vec<_>>();
    reqwest::Client::builder()
        .user_agent("sandbox-tests")
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_only(certificates)
        .build()
        .expect("client")
}

/// A valid init body (demo credentials) for `transaction_id`, notifying `merchant`.
pub fn init_body(transaction_id: &str, merchant: &str) -> Value {
    json!({
        "apikey": "sandbox-api-key",
        "site_id": "105900",
        "transaction_id": transaction_id,
        "amount": 150000,
        "currency": "XOF",
        "description": "Facture F-2026-0042",
        "notify_url": format!("{merchant}/notify"),
        "return_url": format!("{merchant}/return"),
        "channels": "ALL",
        "lang": "fr",
        "metadata": "invoice-42",
    })
}

/// The HTTP status and JSON body of `POST /v2/payment` with `body`.
pub async fn init(sandbox: &Sandbox, body: &Value) -> (u16, Value) {
    let response =
        http().post(format!("{}/v2/payment", sandbox.base_url())).json(body).send().await.expect("init answers");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON"))
}

/// A created transaction's payment token.
pub async fn create(sandbox: &Sandbox, transaction_id: &str, merchant: &str) -> String {
    let (status, body) = init(sandbox, &init_body(transaction_id, merchant)).await;
    assert_eq!(status, 200, "{body}");
    body["data"]["payment_token"].as_str().expect("a token").to_owned()
}

/// `POST /v2/payment/check` for `transaction_id` with the demo credentials.
pub async fn check(sandbox: &Sandbox, transaction_id: &str) -> (u16, Value) {
    let response = http()
        .post(format!("{}/v2/payment/check", sandbox.base_url()))
        .json(&json!({"apikey": "sandbox-api-key", "site_id": "105900", "transaction_id": transaction_id}))
        .send()
        .await
        .expect("check answers");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON"))
}

/// One request the merchant received.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub content_type: String,
    pub x_token: Option<String>,
    pub body: String,
}

impl Received {
    /// The form pairs in the order they were sent.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.body.as_bytes()).into_owned().collect()
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.form().into_iter().find(|(field, _)| field == name).map(|(_, value)| value)
    }
}

/// A merchant server answering 200 to everything and recording it.
pub struct Merchant {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    server: actix_web::dev::ServerHandle,
}

impl Merchant {
    pub async fn start() -> Merchant {
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = web::Data::new(received.clone());
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let server = HttpServer::new(move || App::new().app_data(log.clone()).default_service(web::to(record)))
            .workers(1)
            .disable_signals()
            .shutdown_timeout(1)
            .listen(listener)
            .expect("listen")
            .run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Merchant { url, received, server: handle }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }

    /// The notification POSTs received.
    pub fn notifications(&self) -> Vec<Received> {
        self.received().into_iter().filter(|r| r.path == "/notify" && r.method == "POST").collect()
    }

    pub async fn stop(&self) {
        self.server.stop(true).await;
    }
}

async fn record(request: HttpRequest, body: web::Bytes, log: web::Data<Arc<Mutex<Vec<Received>>>>) -> HttpResponse {
    let header = |name: &str| request.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
    log.lock().expect("lock").push(Received {
        method: request.method().to_string(),
        path: request.path().to_owned(),
        content_type: header("content-type").unwrap_or_default(),
        x_token: header("x-token"),
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    HttpResponse::Ok().body("OK")
}

/// The x-token recomputed without `nourx_cinetpay`: ring's HMAC over a hand-written
/// concatenation of the 16 fields, in the order of CINETPAY.md §3.3.
pub fn independent_token(secret: &str, notification: &Received) -> String {
    let field = |name: &str| notification.field(name).unwrap_or_default();
    let message = field("cpm_site_id")
        + &field("cpm_trans_id")
        + &field("cpm_trans_date")
        + &field("cpm_amount")
        + &field("cpm_currency")
        + &field("signature")
        + &field("payment_method")
        + &field("cel_phone_num")
        + &field("cpm_phone_prefixe")
        + &field("cpm_language")
        + &field("cpm_version")
        + &field("cpm_payment_config")
        + &field("cpm_page_action")
        + &field("cpm_custom")
        + &field("cpm_designation")
        + &field("cpm_error_message");
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    hex::encode(ring::hmac::sign(&key, message.as_bytes()))
}

/// The 16 field names in the formula's order, written out here rather than taken from the crate.
pub const FORMULA_ORDER: [&str; 16] = [
    "cpm_site_id",
    "cpm_trans_id",
    "cpm_trans_date",
    "cpm_amount",
    "cpm_currency",
    "signature",
    "payment_method",
    "cel_phone_num",
    "cpm_phone_prefixe",
    "cpm_language",
    "cpm_version",
    "cpm_payment_config",
    "cpm_page_action",
    "cpm_custom",
    "cpm_designation",
    "cpm_error_message",
];
