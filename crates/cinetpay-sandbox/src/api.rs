//! `POST /v2/payment` and `POST /v2/payment/check`, with CinetPay's validation, codes and shapes
//! (CINETPAY.md §2, §4, §7). Codes are JSON strings; errors are HTTP 400 with
//! `{code, message, description, api_response_id}` (the real HTTP statuses are unconfirmed, §10.1).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde_json::{Map, Value, json};

use crate::state::{DATE_FORMAT, Inner, InsertError, Status, Transaction, api_response_id, random_hex};

const CURRENCIES: [&str; 5] = ["XOF", "XAF", "CDF", "GNF", "USD"];
/// Amounts in these currencies must be multiples of 5.
const MULTIPLE_OF_5: [&str; 4] = ["XOF", "XAF", "CDF", "GNF"];
const MINIMUM_AMOUNT: i64 = 100;
const CHANNELS: [&str; 4] = ["ALL", "MOBILE_MONEY", "CREDIT_CARD", "WALLET"];
const REQUIRED: [&str; 8] =
    ["apikey", "site_id", "transaction_id", "amount", "currency", "description", "notify_url", "return_url"];
/// Fields of the card option; sent without address and city they make CinetPay answer 624.
const CARD_FIELDS: [&str; 5] =
    ["customer_address", "customer_city", "customer_country", "customer_state", "customer_zip_code"];
/// 50 random bytes: CinetPay's tokens are ~100 lowercase hex digits.
const TOKEN_BYTES: usize = 50;

/// A refusal in CinetPay's shape.
pub(crate) struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: &'static str,
    description: String,
}

impl Refusal {
    fn new(code: &'static str, message: &'static str, description: impl Into<String>) -> Refusal {
        Refusal { status: StatusCode::BAD_REQUEST, code, message, description: description.into() }
    }

    fn missing(description: impl Into<String>) -> Refusal {
        Refusal::new("608", "MINIMUM_REQUIRED_FIELDS", description)
    }

    fn response(&self) -> HttpResponse {
        HttpResponse::build(self.status).json(json!({
            "code": self.code,
            "message": self.message,
            "description": self.description,
            "api_response_id": api_response_id(),
        }))
    }
}

/// Why a request did not even reach the API.
pub(crate) enum Blocked {
    /// The firewall in front of the API wants a User-Agent (error 1010).
    NoUserAgent,
    /// The API wants JSON: HTTP 403.
    NotJson,
    /// A body that is not usable.
    Refused(Refusal),
}

impl Blocked {
    fn response(self) -> HttpResponse {
        let text = |body: &'static str| HttpResponse::Forbidden().content_type("text/plain; charset=utf-8").body(body);
        match self {
            Blocked::NoUserAgent => text("error code: 1010"),
            Blocked::NotJson => text("403 Forbidden: send the request as JSON (Content-Type: application/json)"),
            Blocked::Refused(refusal) => refusal.response(),
        }
    }
}

/// The request's fields, from JSON or a form.
pub(crate) struct Fields(Map<String, Value>);

impl Fields {
    /// A field as trimmed text; missing, null and blank are `None`.
    fn text(&self, name: &str) -> Option<String> {
        let text = match self.0.get(name)? {
            Value::String(text) => text.trim().to_owned(),
            Value::Number(number) => number.to_string(),
            Value::Bool(flag) => flag.to_string(),
            Value::Null | Value::Array(_) | Value::Object(_) => return None,
        };
        Some(text).filter(|text| !text.is_empty())
    }

    fn flag(&self, name: &str) -> bool {
        match self.0.get(name) {
            Some(Value::Bool(flag)) => *flag,
            Some(Value::Number(number)) => number.as_i64() == Some(1),
            Some(Value::String(text)) => matches!(text.trim().to_ascii_lowercase().as_str(), "true" | "1"),
            _ => false,
        }
    }

    /// The amount if it is an integer (a JSON integer or a string of digits).
    fn integer(&self, name: &str) -> Option<i64> {
        match self.0.get(name)? {
            Value::Number(number) => number.as_i64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }
}

/// What CinetPay's front does before the API sees a request: the firewall wants a User-Agent
/// (error 1010), the API wants JSON (403 otherwise). Forms are accepted too: SDK-PY sends them.
pub(crate) fn read_fields(request: &HttpRequest, body: &[u8]) -> Result<Fields, Blocked> {
    let has_user_agent = request
        .headers()
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| !value.trim().is_empty());
    if !has_user_agent {
        return Err(Blocked::NoUserAgent);
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match content_type.as_str() {
        "application/json" => match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) => Ok(Fields(map)),
            _ => Err(Blocked::Refused(Refusal::missing("the request body is not a JSON object"))),
        },
        "application/x-www-form-urlencoded" => {
            let mut map = Map::new();
            for (name, value) in url::form_urlencoded::parse(body) {
                map.entry(name.into_owned()).or_insert(Value::String(value.into_owned()));
            }
            Ok(Fields(map))
        }
        _ => Err(Blocked::NotJson),
    }
}

fn unavailable() -> HttpResponse {
    HttpResponse::ServiceUnavailable()
        .content_type("text/html; charset=utf-8")
        .body("<!doctype html><html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>")
}

/// Checks the merchant's credentials: a wrong key is 609, a wrong site 613.
fn authenticate(inner: &Inner, fields: &Fields) -> Result<(), Refusal> {
    let (Some(api_key), Some(site_id)) = (fields.text("apikey"), fields.text("site_id")) else {
        let missing: Vec<_> = ["apikey", "site_id"].into_iter().filter(|name| fields.text(name).is_none()).collect();
        return Err(Refusal::missing(format!("missing required fields: {}", missing.join(", "))));
    };
    if api_key != inner.config.api_key {
        return Err(Refusal::new("609", "AUTH_NOT_FOUND", "apikey not found"));
    }
    if site_id != inner.config.site_id {
        return Err(Refusal::new("613", "ERROR_SITE_ID_NOTVALID", "site_id is not valid for this apikey"));
    }
    Ok(())
}

/// `POST /v2/payment`
pub(crate) async fn init_payment(request: HttpRequest, body: web::Bytes, inner: web::Data<Inner>) -> HttpResponse {
    let fields = match read_fields(&request, &body) {
        Ok(fields) => fields,
        Err(blocked) => return blocked.response(),
    };
    if inner.faults().init_unavailable {
        return unavailable();
    }
    let transaction = match validate_init(&inner, &fields) {
        Ok(transaction) => transaction,
        Err(refusal) => return refusal.response(),
    };
    let (transaction_id, payment_token) = (transaction.transaction_id.clone(), transaction.payment_token.clone());
    if let Err(InsertError::Duplicate) = inner.insert(transaction) {
        // The real code and message for a reused id are unconfirmed (CINETPAY.md §10.2): we pick a
        // clear 608 that names the cause.
        return Refusal::missing("transaction_id already used").response();
    }
    tracing::info!(payment.transaction_id = transaction_id, "cinetpay sandbox: payment created");
    HttpResponse::Ok().json(json!({
        "code": "201",
        "message": "CREATED",
        "description": "Transaction created with success",
        "data": {
            "payment_token": payment_token,
            "payment_url": format!("{}/payment/{payment_token}", inner.public_url),
        },
        "api_response_id": api_response_id(),
    }))
}

fn validate_init(inner: &Inner, fields: &Fields) -> Result<Transaction, Refusal> {
    let missing: Vec<_> = REQUIRED.into_iter().filter(|name| fields.text(name).is_none()).collect();
    if !missing.is_empty() {
        return Err(Refusal::missing(format!("missing required fields: {}", missing.join(", "))));
    }
    authenticate(inner, fields)?;
    let text = |name: &str| fields.text(name).unwrap_or_default();

    let transaction_id = text("transaction_id");
    if transaction_id.chars().count() > 255 || transaction_id.chars().any(char::is_control) {
        return Err(Refusal::missing("transaction_id must be at most 255 printable characters"));
    }
    let Some(amount) = fields.integer("amount") else {
        return Err(Refusal::missing(format!("amount must be an integer, got {}", text("amount"))));
    };
    let currency = text("currency");
    if !CURRENCIES.contains(&currency.as_str()) {
        return Err(Refusal::missing(format!("currency {currency} is not supported ({})", CURRENCIES.join(", "))));
    }
    if amount < MINIMUM_AMOUNT {
        return Err(Refusal::missing(format!("amount must be at least {MINIMUM_AMOUNT} {currency}")));
    }
    if MULTIPLE_OF_5.contains(&currency.as_str()) && amount % 5 != 0 {
        return Err(Refusal::missing(format!("amount must be a multiple of 5 in {currency}, got {amount}")));
    }
    for name in ["notify_url", "return_url"] {
        let valid =
            url::Url::parse(&text(name)).is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.has_host());
        if !valid {
            return Err(Refusal::missing(format!("{name} must be an http(s) URL")));
        }
    }
    let channels = fields.text("channels").unwrap_or_else(|| "ALL".to_owned());
    if !channels.split(',').all(|channel| CHANNELS.contains(&channel.trim())) {
        return Err(Refusal::missing(format!("channels must be among {}, got {channels}", CHANNELS.join(", "))));
    }
    let lang = fields.text("lang").map(|lang| lang.to_ascii_lowercase()).unwrap_or_else(|| "fr".to_owned());
    if !matches!(lang.as_str(), "fr" | "en") {
        return Err(Refusal::missing(format!("lang must be fr or en, got {lang}")));
    }
    let customer_phone_number = fields.text("customer_phone_number");
    let lock_phone_number = fields.flag("lock_phone_number");
    if lock_phone_number && !customer_phone_number.as_deref().is_some_and(valid_phone) {
        return Err(Refusal::new(
            "624",
            "An error occurred while processing the request",
            "lock_phone_number requires a valid customer_phone_number (e.g. +2250707070707)",
        ));
    }
    let card_fields = CARD_FIELDS.iter().any(|name| fields.text(name).is_some());
    if card_fields && (fields.text("customer_address").is_none() || fields.text("customer_city").is_none()) {
        return Err(Refusal::new(
            "624",
            "An error occurred while processing the request",
            "card payment fields require customer_address and customer_city",
        ));
    }

    Ok(Transaction {
        transaction_id,
        payment_token: random_hex(TOKEN_BYTES),
        amount,
        currency,
        description: text("description"),
        metadata: fields.text("metadata"),
        notify_url: text("notify_url"),
        return_url: text("return_url"),
        channels,
        lang,
        customer_phone_number,
        lock_phone_number,
        created_at: Utc::now(),
        signature: random_hex(16),
        status: Status::Waiting,
        operator: None,
        phone: None,
        operator_id: None,
        paid_at: None,
        notifications_sent: 0,
        checks_answered: 0,
    })
}

/// An optional `+`, then 8 to 15 digits (spaces ignored).
fn valid_phone(phone: &str) -> bool {
    let compact: String = phone.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact.strip_prefix('+').unwrap_or(&compact);
    (8..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

/// `POST /v2/payment/check`
pub(crate) async fn check_payment(request: HttpRequest, body: web::Bytes, inner: web::Data<Inner>) -> HttpResponse {
    inner.count_check();
    let fields = match read_fields(&request, &body) {
        Ok(fields) => fields,
        Err(blocked) => return blocked.response(),
    };
    if inner.take_failing_check() {
        return unavailable();
    }
    if let Err(refusal) = authenticate(&inner, &fields) {
        return refusal.response();
    }
    let transaction_id = fields.text("transaction_id");
    // The token's name differs between sources (CINETPAY.md §4.1): accept both.
    let token = fields.text("token").or_else(|| fields.text("payment_token"));
    if transaction_id.is_none() && token.is_none() {
        return Refusal::missing("transaction_id or token is required").response();
    }
    let Some(transaction) = inner.checked(transaction_id.as_deref(), token.as_deref()) else {
        // The real answer for an unknown transaction is unconfirmed (CINETPAY.md §4.4, §10.4): an
        // error without `data`, so that no client can read a status into it.
        return Refusal::new("627", "TRANSACTION_CANCEL", "transaction not found").response();
    };
    let faults = inner.faults();
    let (code, message) = match transaction.status {
        Status::Accepted => ("00", "SUCCES"),
        Status::Refused => ("627", "TRANSACTION_CANCEL"),
        Status::Waiting => ("662", "WAITING_CUSTOMER_PAYMENT"),
    };
    let payment_date = match transaction.paid_at {
        Some(paid_at) => paid_at.format(DATE_FORMAT).to_string(),
        None => " ".to_owned(),
    };
    HttpResponse::Ok().json(json!({
        "code": code,
        "message": message,
        "data": {
            "amount": transaction.amount.saturating_add(faults.check_amount_delta).to_string(),
            "currency": faults.check_currency.clone().unwrap_or_else(|| transaction.currency.clone()),
            "status": transaction.status.as_str(),
            "payment_method": transaction.operator,
            "description": transaction.description,
            "metadata": transaction.metadata,
            "operator_id": transaction.operator_id,
            "payment_date": payment_date,
            "fund_availability_date": transaction.fund_availability_date(),
        },
        "api_response_id": api_response_id(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert!(valid_phone("+2250707070707"));
        assert!(valid_phone("07 07 07 07 07"));
        assert!(!valid_phone("+225"));
        assert!(!valid_phone("07-07-07-07-07"));
    }
}
