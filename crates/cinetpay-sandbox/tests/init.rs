//! `POST /v2/payment`: validation, error codes and the success shape, over real HTTP.

mod common;

use common::{http, init, init_body, sandbox, sandbox_with};
use nourx_cinetpay_sandbox::Faults;
use serde_json::{Value, json};

const MERCHANT: &str = "http://127.0.0.1:9";

/// `init_body` with `field` replaced (or removed when `value` is null).
fn with(transaction_id: &str, field: &str, value: Value) -> Value {
    let mut body = init_body(transaction_id, MERCHANT);
    match value {
        Value::Null => {
            body.as_object_mut().expect("object").remove(field);
        }
        value => body[field] = value,
    }
    body
}

fn assert_error(status: u16, body: &Value, code: &str, message: &str, description: &str) {
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["message"], message, "{body}");
    let actual = body["description"].as_str().expect("a description");
    assert!(actual.contains(description), "{actual:?} should mention {description:?}");
    assert!(body["api_response_id"].is_string(), "{body}");
    assert!(body.get("data").is_none(), "{body}");
}

#[actix_web::test]
async fn a_valid_request_creates_a_payment() {
    let sandbox = sandbox().await;
    let (status, body) = init(&sandbox, &init_body("INV-1", MERCHANT)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["code"], "201");
    assert_eq!(body["message"], "CREATED");
    assert_eq!(body["description"], "Transaction created with success");
    let token = body["data"]["payment_token"].as_str().expect("token");
    assert_eq!(token.len(), 100);
    assert!(token.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{token}");
    assert_eq!(body["data"]["payment_url"], format!("{}/payment/{token}", sandbox.base_url()));
    let response_id = body["api_response_id"].as_str().expect("id");
    let (seconds, digits) = response_id.split_once('.').expect("epoch.digits");
    assert!(seconds.parse::<u64>().is_ok() && digits.len() == 4 && digits.parse::<u16>().is_ok(), "{response_id}");

    let snapshot = sandbox.transaction("INV-1").expect("stored");
    assert_eq!(snapshot.status, "WAITING_FOR_CUSTOMER");
    assert_eq!((snapshot.amount, snapshot.currency.as_str()), (150_000, "XOF"));
    assert_eq!(snapshot.payment_token, token);
    assert_eq!(snapshot.notify_url, format!("{MERCHANT}/notify"));
    sandbox.stop().await;
}

#[actix_web::test]
async fn missing_or_invalid_fields_are_608() {
    let sandbox = sandbox().await;
    let cases = [
        ("amount", Value::Null, "amount"),
        ("notify_url", Value::Null, "notify_url"),
        ("description", json!("  "), "description"),
        ("amount", json!(150.5), "integer"),
        ("amount", json!("cent"), "integer"),
        ("amount", json!(1002), "multiple of 5"),
        ("amount", json!(95), "at least 100"),
        ("amount", json!(-500), "at least 100"),
        ("currency", json!("EUR"), "EUR"),
        ("return_url", json!("not a url"), "return_url"),
        ("channels", json!("BITCOIN"), "channels"),
        ("lang", json!("de"), "lang"),
    ];
    for (index, (field, value, description)) in cases.into_iter().enumerate() {
        let (status, body) = init(&sandbox, &with(&format!("T-608-{index}"), field, value)).await;
        assert_error(status, &body, "608", "MINIMUM_REQUIRED_FIELDS", description);
    }
    // Amounts may arrive as strings of digits, USD is not bound to multiples of 5.
    let (status, body) = init(&sandbox, &with("T-string-amount", "amount", json!("1000"))).await;
    assert_eq!(status, 200, "{body}");
    let mut usd = with("T-usd", "currency", json!("USD"));
    usd["amount"] = json!(101);
    let (status, body) = init(&sandbox, &usd).await;
    assert_eq!(status, 200, "{body}");
    sandbox.stop().await;
}

#[actix_web::test]
async fn wrong_credentials_are_609_and_613() {
    let sandbox = sandbox().await;
    let (status, body) = init(&sandbox, &with("T-609", "apikey", json!("someone-else"))).await;
    assert_error(status, &body, "609", "AUTH_NOT_FOUND", "apikey");
    let (status, body) = init(&sandbox, &with("T-613", "site_id", json!("999999"))).await;
    assert_error(status, &body, "613", "ERROR_SITE_ID_NOTVALID", "site_id");
    // A numeric site id is the same site.
    let (status, body) = init(&sandbox, &with("T-613-number", "site_id", json!(105900))).await;
    assert_eq!(status, 200, "{body}");
    assert!(sandbox.transaction("T-609").is_none() && sandbox.transaction("T-613").is_none());
    sandbox.stop().await;
}

#[actix_web::test]
async fn a_locked_phone_needs_a_valid_number_and_cards_an_address() {
    let sandbox = sandbox().await;
    let mut locked = with("T-624", "lock_phone_number", json!(true));
    let (status, body) = init(&sandbox, &locked).await;
    assert_error(status, &body, "624", "An error occurred while processing the request", "customer_phone_number");
    locked["customer_phone_number"] = json!("07-07");
    let (status, body) = init(&sandbox, &locked).await;
    assert_eq!(body["code"], "624", "{body}");
    assert_eq!(status, 400);
    locked["customer_phone_number"] = json!("+2250707070707");
    let (status, body) = init(&sandbox, &locked).await;
    assert_eq!(status, 200, "{body}");

    let card = with("T-624-card", "customer_country", json!("CI"));
    let (status, body) = init(&sandbox, &card).await;
    assert_error(status, &body, "624", "An error occurred while processing the request", "customer_address");
    sandbox.stop().await;
}

#[actix_web::test]
async fn a_transaction_id_is_used_once() {
    let sandbox = sandbox().await;
    let (status, first) = init(&sandbox, &init_body("T-dup", MERCHANT)).await;
    assert_eq!(status, 200, "{first}");
    let (status, body) = init(&sandbox, &init_body("T-dup", MERCHANT)).await;
    assert_error(status, &body, "608", "MINIMUM_REQUIRED_FIELDS", "transaction_id already used");
    // The first payment is untouched.
    assert_eq!(sandbox.transaction("T-dup").expect("kept").payment_token, first["data"]["payment_token"]);
    sandbox.stop().await;
}

#[actix_web::test]
async fn the_front_wants_a_user_agent_and_json() {
    let sandbox = sandbox().await;
    let url = format!("{}/v2/payment", sandbox.base_url());
    let body = init_body("T-403", MERCHANT);

    // reqwest sends no User-Agent unless told to.
    let authority = reqwest::Certificate::from_pem(sandbox.tls().expect("HTTPS").ca_pem.as_bytes()).expect("PEM");
    let anonymous = reqwest::Client::builder().tls_certs_only([authority]).build().expect("client");
    let response = anonymous.post(&url).json(&body).send().await.expect("answer");
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(response.text().await.expect("text"), "error code: 1010");

    let response =
        http().post(&url).header("content-type", "text/plain").body(body.to_string()).send().await.expect("answer");
    assert_eq!(response.status().as_u16(), 403);
    let response = http().post(&url).body(body.to_string()).send().await.expect("answer");
    assert_eq!(response.status().as_u16(), 403, "no content type");

    let response =
        http().post(&url).header("content-type", "application/json").body("{not json").send().await.expect("answer");
    assert_eq!(response.status().as_u16(), 400);
    let json: Value = response.json().await.expect("JSON");
    assert_eq!(json["code"], "608");
    assert!(sandbox.transaction("T-403").is_none());
    sandbox.stop().await;
}

#[actix_web::test]
async fn forms_are_accepted_like_json() {
    let sandbox = sandbox().await;
    let body = init_body("T-form", MERCHANT);
    let pairs: Vec<(String, String)> = body
        .as_object()
        .expect("object")
        .iter()
        .map(|(name, value)| (name.clone(), value.as_str().map_or_else(|| value.to_string(), str::to_owned)))
        .collect();
    let response = http().post(format!("{}/v2/payment", sandbox.base_url())).form(&pairs).send().await.expect("answer");
    assert_eq!(response.status().as_u16(), 200);
    let json: Value = response.json().await.expect("JSON");
    assert_eq!(json["code"], "201", "{json}");
    assert_eq!(sandbox.transaction("T-form").expect("stored").amount, 150_000);
    sandbox.stop().await;
}

#[actix_web::test]
async fn init_unavailable_answers_503() {
    let sandbox = sandbox().await;
    sandbox.set_faults(Faults { init_unavailable: true, ..Faults::default() });
    let response = http()
        .post(format!("{}/v2/payment", sandbox.base_url()))
        .json(&init_body("T-503", MERCHANT))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status().as_u16(), 503);
    assert!(response.text().await.expect("text").contains("<html"));
    assert!(sandbox.transaction("T-503").is_none());
    sandbox.set_faults(Faults::default());
    let (status, _) = init(&sandbox, &init_body("T-503", MERCHANT)).await;
    assert_eq!(status, 200);
    sandbox.stop().await;
}

#[actix_web::test]
async fn the_public_url_names_the_checkout_page() {
    let config = nourx_cinetpay_sandbox::SandboxConfig {
        public_url: Some("https://pay.example.test/cinetpay/".to_owned()),
        ..nourx_cinetpay_sandbox::SandboxConfig::demo()
    };
    let sandbox = sandbox_with(config).await;
    let (_, body) = init(&sandbox, &init_body("T-public", MERCHANT)).await;
    let token = body["data"]["payment_token"].as_str().expect("token");
    assert_eq!(body["data"]["payment_url"], format!("https://pay.example.test/cinetpay/payment/{token}"));
    sandbox.stop().await;

    let bad = nourx_cinetpay_sandbox::SandboxConfig {
        public_url: Some("pay.example.test".to_owned()),
        ..nourx_cinetpay_sandbox::SandboxConfig::demo()
    };
    assert!(nourx_cinetpay_sandbox::Sandbox::start(bad, "127.0.0.1:0").await.is_err());
}
