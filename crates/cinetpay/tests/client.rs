//! The client against the sandbox (the real protocol, over HTTPS through its test authority) and
//! against tiny servers answering what CinetPay, a proxy or a broken network might: numbers for
//! codes, 5xx, HTML, silence, a checkout URL elsewhere.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use nourx_cinetpay::{Client, ConnectionTest, Credentials, Error, InitRequest};
use nourx_cinetpay_sandbox::{Faults, Outcome, Sandbox, SandboxConfig};
use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(5);

fn request(transaction_id: &str) -> InitRequest {
    InitRequest {
        transaction_id: transaction_id.to_owned(),
        amount: 150_000,
        currency: "XOF".to_owned(),
        description: "Facture F-2026-0042".to_owned(),
        notify_url: "http://127.0.0.1:9/notify".to_owned(),
        return_url: "http://127.0.0.1:9/return".to_owned(),
        channels: "ALL".to_owned(),
        lang: Some("fr".to_owned()),
        metadata: Some("invoice-42".to_owned()),
        customer_id: None,
        customer_name: Some("Awa".to_owned()),
        customer_surname: None,
        customer_email: None,
        customer_phone_number: None,
    }
}

/// An HTTPS sandbox and a client trusting its authority through the PEM file it wrote, as the API
/// does with `CINETPAY_CA_FILE`.
async fn sandbox() -> (Sandbox, Client, Credentials) {
    let sandbox = Sandbox::start(SandboxConfig::demo(), "127.0.0.1:0").await.expect("sandbox");
    assert!(sandbox.base_url().starts_with("https://"), "{}", sandbox.base_url());
    let client = trusting(&sandbox, sandbox.ca_file().expect("a CA file"));
    let credentials = SandboxConfig::demo().credentials();
    (sandbox, client, credentials)
}

/// A client of `sandbox` trusting the authorities of `ca_file` besides the public roots.
fn trusting(sandbox: &Sandbox, ca_file: &std::path::Path) -> Client {
    let pem = nourx_cinetpay::read_ca_file(ca_file).expect("a valid CA file");
    Client::with_extra_ca(sandbox.base_url(), TIMEOUT, Some(&pem)).expect("client")
}

fn demo_credentials() -> Credentials {
    SandboxConfig::demo().credentials()
}

#[actix_web::test]
async fn a_payment_from_init_to_accepted() {
    let (sandbox, client, credentials) = sandbox().await;
    let created = client.init_payment(&credentials, &request("C-1")).await.expect("created");
    assert_eq!(created.payment_url, format!("{}/payment/{}", sandbox.base_url(), created.payment_token));
    assert_eq!(created.payment_token.len(), 100);
    assert!(created.api_response_id.is_some());
    assert_eq!(created.raw["code"], "201");

    let pending = client.check_payment(&credentials, "C-1").await.expect("answer");
    assert_eq!((pending.http_status, pending.code.as_str()), (200, "662"));
    let data = pending.data.expect("data");
    assert_eq!(data.status.as_deref(), Some("WAITING_FOR_CUSTOMER"));
    assert_eq!(data.metadata.as_deref(), Some("invoice-42"));

    sandbox.decide("C-1", Outcome::Accept, "OM").await.expect("decided");
    let accepted = client.check_payment(&credentials, "C-1").await.expect("answer");
    assert_eq!((accepted.code.as_str(), accepted.message.as_str()), ("00", "SUCCES"));
    let data = accepted.data.expect("data");
    assert_eq!((data.amount.as_deref(), data.currency.as_deref()), (Some("150000"), Some("XOF")));
    assert_eq!((data.status.as_deref(), data.payment_method.as_deref()), (Some("ACCEPTED"), Some("OM")));
    assert!(data.operator_id.is_some() && data.payment_date.is_some() && data.fund_availability_date.is_some());
    assert_eq!(data.description.as_deref(), Some("Facture F-2026-0042"));
    assert_eq!(accepted.raw["data"]["status"], "ACCEPTED");

    sandbox.set_status("C-1", "REFUSED").expect("set");
    let refused = client.check_payment(&credentials, "C-1").await.expect("answer");
    assert_eq!(refused.code, "627");
    let data = refused.data.expect("data");
    assert_eq!(
        (data.status.as_deref(), data.operator_id, data.payment_date.as_deref()),
        (Some("REFUSED"), None, Some(" "))
    );
    sandbox.stop().await;
}

#[actix_web::test]
async fn refusals_of_init_are_rejected_with_their_code() {
    let (sandbox, client, credentials) = sandbox().await;
    let wrong_key = Credentials { api_key: "nope".to_owned(), ..credentials.clone() };
    let wrong_site = Credentials { site_id: "1".to_owned(), ..credentials.clone() };
    let odd_amount = InitRequest { amount: 1002, ..request("C-odd") };
    let cases = [
        (client.init_payment(&wrong_key, &request("C-609")).await, "609"),
        (client.init_payment(&wrong_site, &request("C-613")).await, "613"),
        (client.init_payment(&credentials, &odd_amount).await, "608"),
    ];
    for (result, expected) in cases {
        match result {
            Err(Error::Rejected { http_status, code, message, description }) => {
                assert_eq!((http_status, code.as_str()), (400, expected));
                assert!(!message.is_empty() && description.is_some());
            }
            other => panic!("expected {expected}, got {other:?}"),
        }
    }

    client.init_payment(&credentials, &request("C-dup")).await.expect("first");
    match client.init_payment(&credentials, &request("C-dup")).await {
        Err(Error::Rejected { code, description, .. }) => {
            assert_eq!(code, "608");
            assert_eq!(description.as_deref(), Some("transaction_id already used"));
        }
        other => panic!("duplicate accepted: {other:?}"),
    }

    sandbox.set_faults(Faults { init_unavailable: true, ..Faults::default() });
    assert!(matches!(client.init_payment(&credentials, &request("C-503")).await, Err(Error::Unavailable(_))));
    sandbox.stop().await;
}

#[actix_web::test]
async fn checks_of_unknown_transactions_and_outages() {
    let (sandbox, client, credentials) = sandbox().await;
    let unknown = client.check_payment(&credentials, "C-nobody").await.expect("an answer");
    assert_eq!((unknown.http_status, unknown.code.as_str(), unknown.data), (400, "627", None));

    let wrong_key = Credentials { api_key: "nope".to_owned(), ..credentials.clone() };
    assert_eq!(client.check_payment(&wrong_key, "C-nobody").await.expect("an answer").code, "609");

    client.init_payment(&credentials, &request("C-2")).await.expect("created");
    sandbox.set_faults(Faults { failing_checks: 1, ..Faults::default() });
    match client.check_payment(&credentials, "C-2").await {
        Err(Error::Unavailable(reason)) => assert!(reason.contains("503"), "{reason}"),
        other => panic!("expected an outage, got {other:?}"),
    }
    assert_eq!(client.check_payment(&credentials, "C-2").await.expect("back").code, "662");
    assert_eq!(sandbox.check_count(), 4);
    sandbox.stop().await;
}

/// What a fake server saw of the last request.
#[derive(Clone, Default)]
struct Seen {
    user_agent: Option<String>,
    content_type: Option<String>,
    path: String,
    body: Option<Value>,
}

/// A server answering every request with `status`, `content_type` and `body` after `delay`;
/// `{https}` in `body` stands for `https://` and the server's own address (a checkout URL on
/// CinetPay's host).
async fn fake(
    status: u16,
    content_type: &'static str,
    body: &'static str,
    delay: Duration,
) -> (String, Arc<Mutex<Seen>>) {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let recorder = seen.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    let body = body.replace("{https}", &format!("https://{address}"));
    let handler = move |request: HttpRequest, bytes: web::Bytes| {
        let recorder = recorder.clone();
        let body = body.clone();
        async move {
            let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
            *recorder.lock().expect("lock") = Seen {
                user_agent: header("user-agent"),
                content_type: header("content-type"),
                path: request.path().to_owned(),
                body: serde_json::from_slice(&bytes).ok(),
            };
            actix_web::rt::time::sleep(delay).await;
            let status = actix_web::http::StatusCode::from_u16(status).expect("status");
            HttpResponse::build(status).content_type(content_type).body(body)
        }
    };
    let url = format!("http://{address}");
    let server = HttpServer::new(move || App::new().default_service(web::to(handler.clone())))
        .workers(1)
        .disable_signals()
        .shutdown_timeout(0)
        .listen(listener)
        .expect("listen")
        .run();
    actix_web::rt::spawn(server);
    (url, seen)
}

const JSON: &str = "application/json";

#[actix_web::test]
async fn requests_are_json_with_a_user_agent_and_no_nulls() {
    let (url, seen) = fake(
        200,
        JSON,
        r#"{"code":"201","message":"CREATED","data":{"payment_token":"abc","payment_url":"{https}/payment/abc"}}"#,
        Duration::ZERO,
    )
    .await;
    let client = Client::new(&format!("{url}/"), TIMEOUT).expect("client");
    client.init_payment(&demo_credentials(), &request("C-wire")).await.expect("created");
    let first = seen.lock().expect("lock").clone();
    assert_eq!(first.path, "/v2/payment");
    assert_eq!(first.user_agent.as_deref(), Some(concat!("nourx/", env!("CARGO_PKG_VERSION"))));
    assert_eq!(first.content_type.as_deref(), Some("application/json"));
    let body = first.body.expect("a JSON body");
    assert_eq!((body["apikey"].as_str(), body["site_id"].as_str()), (Some("sandbox-api-key"), Some("105900")));
    assert_eq!((body["amount"].as_i64(), body["customer_name"].as_str()), (Some(150_000), Some("Awa")));
    assert!(body.get("customer_email").is_none(), "None fields are left out: {body}");
    assert!(body.get("secret_key").is_none(), "the secret key never travels");

    // The same server answers the check (a 201 is still an answer with a code).
    client.check_payment(&demo_credentials(), "C-wire").await.expect("answer");
    let seen = seen.lock().expect("lock").clone();
    assert_eq!(seen.path, "/v2/payment/check");
    assert_eq!(seen.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        seen.body.expect("a JSON body"),
        json!({"apikey": "sandbox-api-key", "site_id": "105900", "transaction_id": "C-wire"})
    );
}

#[actix_web::test]
async fn codes_and_amounts_may_be_numbers() {
    let (url, _) = fake(
        200,
        JSON,
        r#"{"code":0,"message":"SUCCES","data":{"amount":100,"currency":"XOF","status":"ACCEPTED","metadata":null,"extra":{"x":1}},"api_response_id":1663323067.7677}"#,
        Duration::ZERO,
    )
    .await;
    let client = Client::new(&url, TIMEOUT).expect("client");
    let answer = client.check_payment(&demo_credentials(), "C-n").await.expect("answer");
    assert_eq!(answer.code, "0", "a number 0 is not the string \"00\"");
    assert_ne!(answer.code, "00");
    let data = answer.data.expect("data");
    assert_eq!((data.amount.as_deref(), data.metadata), (Some("100"), None));
    assert_eq!(answer.api_response_id.as_deref(), Some("1663323067.7677"));

    let (url, _) = fake(
        200,
        JSON,
        r#"{"code":201,"message":"CREATED","data":{"payment_token":"t0k","payment_url":"{https}/payment/t0k"}}"#,
        Duration::ZERO,
    )
    .await;
    let created = Client::new(&url, TIMEOUT)
        .expect("client")
        .init_payment(&demo_credentials(), &request("C-n"))
        .await
        .expect("201 as a number is still created");
    assert_eq!(created.payment_token, "t0k");

    let (url, _) = fake(200, JSON, r#"{"code":"00","message":"SUCCES","data":[]}"#, Duration::ZERO).await;
    let answer = Client::new(&url, TIMEOUT).expect("client").check_payment(&demo_credentials(), "C-n").await;
    assert_eq!(answer.expect("answer").data, None, "PHP's empty array is no data");
}

#[actix_web::test]
async fn server_errors_html_and_missing_codes_are_unavailable() {
    let cases: [(u16, &'static str, &'static str); 5] = [
        (500, JSON, r#"{"code":"00"}"#),
        (502, "text/html", "<html><body>Bad gateway</body></html>"),
        (200, "text/html", "<html><body>Maintenance</body></html>"),
        (200, JSON, r#"{"message":"no code"}"#),
        (404, "text/plain", "not found"),
    ];
    for (status, content_type, body) in cases {
        let (url, _) = fake(status, content_type, body, Duration::ZERO).await;
        let client = Client::new(&url, TIMEOUT).expect("client");
        let check = client.check_payment(&demo_credentials(), "C-x").await;
        assert!(matches!(check, Err(Error::Unavailable(_))), "check, HTTP {status} {body}: {check:?}");
        let init = client.init_payment(&demo_credentials(), &request("C-x")).await;
        assert!(matches!(init, Err(Error::Unavailable(_))), "init, HTTP {status} {body}: {init:?}");
    }
}

#[actix_web::test]
async fn a_created_answer_without_a_url_is_unavailable() {
    let (url, _) = fake(200, JSON, r#"{"code":"201","message":"CREATED","data":{}}"#, Duration::ZERO).await;
    let result = Client::new(&url, TIMEOUT).expect("client").init_payment(&demo_credentials(), &request("C-u")).await;
    assert!(matches!(result, Err(Error::Unavailable(_))), "{result:?}");
}

#[actix_web::test]
async fn firewall_refusals_of_init_are_rejected() {
    let (url, _) = fake(403, "text/plain", "error code: 1010", Duration::ZERO).await;
    match Client::new(&url, TIMEOUT).expect("client").init_payment(&demo_credentials(), &request("C-f")).await {
        Err(Error::Rejected { http_status: 403, code, .. }) => assert_eq!(code, "1010"),
        other => panic!("{other:?}"),
    }
    let (url, _) = fake(429, "text/html", "<html>Too many</html>", Duration::ZERO).await;
    match Client::new(&url, TIMEOUT).expect("client").init_payment(&demo_credentials(), &request("C-f")).await {
        Err(Error::Rejected { http_status: 429, code, .. }) => assert_eq!(code, "429"),
        other => panic!("{other:?}"),
    }
}

#[actix_web::test]
async fn timeouts_and_refused_connections_are_unavailable() {
    let (url, _) = fake(200, JSON, r#"{"code":"00"}"#, Duration::from_secs(3)).await;
    let client = Client::new(&url, Duration::from_millis(200)).expect("client");
    let started = std::time::Instant::now();
    match client.check_payment(&demo_credentials(), "C-t").await {
        Err(Error::Unavailable(reason)) => assert!(reason.contains("timeout"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2));

    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let client = Client::new(&format!("http://127.0.0.1:{port}"), TIMEOUT).expect("client");
    assert!(matches!(client.init_payment(&demo_credentials(), &request("C-t")).await, Err(Error::Unavailable(_))));
}

#[actix_web::test]
async fn a_checkout_url_off_cinetpays_host_or_not_https_is_refused() {
    for (body, reason) in [
        (
            r#"{"code":"201","data":{"payment_token":"t","payment_url":"https://evil.example/payment/t"}}"#,
            "evil.example",
        ),
        (r#"{"code":"201","data":{"payment_token":"t","payment_url":"http://127.0.0.1:9/payment/t"}}"#, "not https"),
        (r#"{"code":"201","data":{"payment_token":"t","payment_url":"javascript:alert(1)"}}"#, "not https"),
    ] {
        let (url, _) = fake(200, JSON, body, Duration::ZERO).await;
        let result =
            Client::new(&url, TIMEOUT).expect("client").init_payment(&demo_credentials(), &request("C-e")).await;
        match result {
            Err(error @ Error::UntrustedCheckoutUrl { .. }) => assert!(error.to_string().contains(reason), "{error}"),
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[actix_web::test]
async fn the_sandboxs_authority_is_needed_and_no_other_will_do() {
    let (sandbox, trusted, credentials) = sandbox().await;
    trusted.init_payment(&credentials, &request("C-tls")).await.expect("created over HTTPS");

    // The public roots alone: refused, and the error says it is the certificate.
    let untrusting = Client::new(sandbox.base_url(), TIMEOUT).expect("client");
    match untrusting.check_payment(&credentials, "C-tls").await {
        Err(Error::Unavailable(reason)) => {
            assert!(reason.starts_with("TLS certificate refused"), "{reason}");
            assert!(reason.contains("UnknownIssuer"), "{reason}");
        }
        other => panic!("an unknown authority was accepted: {other:?}"),
    }
    // Another sandbox's authority: another authority.
    let other = Sandbox::start(SandboxConfig::demo(), "127.0.0.1:0").await.expect("sandbox");
    let misled = trusting(&sandbox, other.ca_file().expect("a CA file"));
    match misled.init_payment(&credentials, &request("C-tls-2")).await {
        Err(Error::Unavailable(reason)) => assert!(reason.contains("UnknownIssuer"), "{reason}"),
        other => panic!("another authority was accepted: {other:?}"),
    }
    assert!(sandbox.transaction("C-tls-2").is_none(), "nothing reached the sandbox");
    other.stop().await;
    sandbox.stop().await;
}

#[actix_web::test]
async fn a_ca_file_must_exist_and_hold_certificates() {
    let dir = tempfile::tempdir().expect("dir");
    let missing = dir.path().join("missing.pem");
    assert!(
        matches!(nourx_cinetpay::read_ca_file(&missing), Err(Error::Config(message)) if message.contains("missing.pem"))
    );
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").expect("write");
    assert!(
        matches!(nourx_cinetpay::read_ca_file(&empty), Err(Error::Config(message)) if message.contains("no CERTIFICATE"))
    );
}

#[actix_web::test]
async fn the_connection_test_tells_accepted_refused_and_unreachable_apart() {
    let (sandbox, client, credentials) = sandbox().await;
    match client.test_connection(&credentials).await {
        ConnectionTest::Accepted { code, .. } => assert_eq!(code, "627"),
        other => panic!("{other:?}"),
    }
    let wrong_key = Credentials { api_key: "nope".to_owned(), ..credentials.clone() };
    let refused = client.test_connection(&wrong_key).await;
    assert!(matches!(&refused, ConnectionTest::CredentialsRefused { code, .. } if code == "609"), "{refused:?}");
    let wrong_site = Credentials { site_id: "1".to_owned(), ..credentials.clone() };
    let refused = client.test_connection(&wrong_site).await;
    assert!(matches!(&refused, ConnectionTest::CredentialsRefused { code, .. } if code == "613"), "{refused:?}");
    assert!(!refused.is_ok() && refused.describe().contains("613"));
    // Nothing was created by the probes.
    assert_eq!(sandbox.check_count(), 3);

    let untrusting = Client::new(sandbox.base_url(), TIMEOUT).expect("client");
    let unreachable = untrusting.test_connection(&credentials).await;
    assert!(
        matches!(&unreachable, ConnectionTest::Unreachable(reason) if reason.contains("certificate")),
        "{unreachable:?}"
    );
    sandbox.stop().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let closed = Client::new(&format!("https://127.0.0.1:{port}"), TIMEOUT).expect("client");
    assert!(matches!(closed.test_connection(&credentials).await, ConnectionTest::Unreachable(_)));

    let (url, _) = fake(400, JSON, r#"{"code":"608","message":"MINIMUM_REQUIRED_FIELDS"}"#, Duration::ZERO).await;
    let odd = Client::new(&url, TIMEOUT).expect("client").test_connection(&credentials).await;
    assert!(matches!(&odd, ConnectionTest::Unexpected { code, .. } if code == "608"), "{odd:?}");
}
