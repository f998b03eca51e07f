//! CinetPay Checkout v2, the merchant side (see `CINETPAY.md`).
//!
//! - [`Client::init_payment`]: `POST /v2/payment`, returns the hosted checkout's URL.
//! - [`Client::check_payment`]: `POST /v2/payment/check`, the only authoritative status.
//! - [`notification`]: the `x-token` HMAC of the notifications CinetPay posts to `notify_url`.
//! - [`Client::test_connection`]: TLS, reachability and credentials in one harmless call.
//! - [`checkout_url_allowed`]: the browser goes only to https on CinetPay's host.
//!
//! TLS is rustls (aws-lc-rs) with Mozilla's roots, plus the authorities of `CINETPAY_CA_FILE` when
//! set ([`read_ca_file`], [`Client::with_extra_ca`]); verification cannot be turned off.
//!
//! Requests are JSON with an explicit `User-Agent` (without it CinetPay's firewall answers error
//! 1010). Answers are parsed tolerantly: `code` and amounts may be strings or numbers and are kept
//! as strings (`"00"` is not `0`), unknown fields are ignored, the whole JSON is kept in `raw`.

mod checkout;
mod connection;
pub mod notification;
mod tls;

pub use checkout::{CheckoutUrlRefused, checkout_url_allowed};
pub use connection::{ConnectionTest, CredentialsVerdict, credentials_verdict};
pub use tls::read_ca_file;

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The merchant's credentials: `api_key` and `site_id` for API calls, `secret_key` for the
/// notifications' `x-token`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub api_key: String,
    pub site_id: String,
    pub secret_key: String,
}

impl std::fmt::Debug for Credentials {
    // Keys never reach a log line through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("api_key", &"***")
            .field("site_id", &self.site_id)
            .field("secret_key", &"***")
            .finish()
    }
}

/// What to ask `POST /v2/payment` for. `None` fields are left out of the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitRequest {
    /// Ours, unique per attempt: CinetPay refuses an id it has already seen.
    pub transaction_id: String,
    /// An integer; a multiple of 5 for XOF, XAF, CDF and GNF.
    pub amount: i64,
    pub currency: String,
    /// Shown on the checkout page; CinetPay advises against `# / $ _ &`.
    pub description: String,
    pub notify_url: String,
    pub return_url: String,
    /// `ALL`, `MOBILE_MONEY`, `CREDIT_CARD`, `WALLET` (or a comma-separated combination).
    pub channels: String,
    /// `fr` or `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Echoed back by the check (`data.metadata`) and the notification (`cpm_custom`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_surname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_phone_number: Option<String>,
}

/// A created payment: send the customer's browser to `payment_url`.
#[derive(Clone, Debug, PartialEq)]
pub struct InitCreated {
    pub payment_token: String,
    pub payment_url: String,
    pub api_response_id: Option<String>,
    /// The whole answer, for the journal.
    pub raw: Value,
}

/// An answer of `POST /v2/payment/check`, whatever it says. The payment is paid only when
/// `code == "00"` and `data.status == "ACCEPTED"` (and the amount and currency match).
#[derive(Clone, Debug, PartialEq)]
pub struct CheckResponse {
    pub http_status: u16,
    /// As sent, as a string: `"00"` (paid), `"627"` (cancelled), `"662"` (waiting), …
    pub code: String,
    pub message: String,
    pub description: Option<String>,
    /// Absent (or not an object) on errors such as an unknown transaction.
    pub data: Option<CheckData>,
    pub api_response_id: Option<String>,
    /// The whole answer, for the journal.
    pub raw: Value,
}

/// `data` of a check answer; every value as a string (numbers are converted), `None` when absent
/// or null. `payment_date` is `" "` (one space) on a refused payment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckData {
    pub amount: Option<String>,
    pub currency: Option<String>,
    /// `ACCEPTED`, `REFUSED`, `WAITING_FOR_CUSTOMER`, …
    pub status: Option<String>,
    pub payment_method: Option<String>,
    pub description: Option<String>,
    pub metadata: Option<String>,
    pub operator_id: Option<String>,
    pub payment_date: Option<String>,
    pub fund_availability_date: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// CinetPay answered with an error code (init): e.g. 608, 609, 613, 624, or HTTP 403/429.
    #[error("CinetPay refused the request (HTTP {http_status}, code {code} {message})")]
    Rejected { http_status: u16, code: String, message: String, description: Option<String> },
    /// Network error, timeout, 5xx, or a body that is not the expected JSON: try again later.
    #[error("CinetPay is unavailable: {0}")]
    Unavailable(String),
    /// Bad configuration (invalid base URL, unusable CA file).
    #[error("CinetPay client configuration: {0}")]
    Config(String),
    /// CinetPay created the payment but its `payment_url` is not https on CinetPay's host: the
    /// customer is not sent there.
    #[error("CinetPay's checkout URL {url:?} is refused: {reason}")]
    UntrustedCheckoutUrl { url: String, reason: CheckoutUrlRefused },
}

const USER_AGENT: &str = concat!("nourx/", env!("CARGO_PKG_VERSION"));
/// At most this long to open the connection (the total timeout may be longer).
const MAX_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Excerpt of a non-JSON body kept in an error message.
const BODY_EXCERPT: usize = 200;

/// A CinetPay Checkout v2 client; cheap to clone (one connection pool).
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
}

impl Client {
    /// base_url e.g. "https://api-checkout.cinetpay.com" or the sandbox's; no trailing slash needed.
    /// Trusts Mozilla's roots only.
    pub fn new(base_url: &str, timeout: Duration) -> Result<Client, Error> {
        Client::with_extra_ca(base_url, timeout, None)
    }

    /// Like [`Client::new`], also trusting the authorities of `extra_ca_pem` (the contents of
    /// `CINETPAY_CA_FILE`, see [`read_ca_file`]): the sandbox's test authority, for example.
    pub fn with_extra_ca(base_url: &str, timeout: Duration, extra_ca_pem: Option<&[u8]>) -> Result<Client, Error> {
        let parsed = url::Url::parse(base_url.trim())
            .map_err(|error| Error::Config(format!("invalid CinetPay base URL {base_url:?}: {error}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(Error::Config(format!("CinetPay base URL {base_url:?} must be an http(s) URL with a host")));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::Config(format!("CinetPay base URL {base_url:?} must not have a query or a fragment")));
        }
        if timeout.is_zero() {
            return Err(Error::Config("the CinetPay timeout must not be zero".into()));
        }
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls::client_config(extra_ca_pem)?)
            .user_agent(USER_AGENT)
            .connect_timeout(timeout.min(MAX_CONNECT_TIMEOUT))
            .timeout(timeout)
            // A payment API that redirects is misconfigured; never resend credentials elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| Error::Config(format!("HTTP client: {error}")))?;
        let base_url = parsed.as_str().trim_end_matches('/').to_owned();
        Ok(Client { http, base_url })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// POST {base}/v2/payment, JSON, explicit User-Agent ("nourx/<version>"), connect+total timeouts.
    pub async fn init_payment(&self, credentials: &Credentials, request: &InitRequest) -> Result<InitCreated, Error> {
        let body = InitBody { apikey: &credentials.api_key, site_id: &credentials.site_id, request };
        let (http_status, raw) = match self.post("/v2/payment", &body).await? {
            (http_status, Ok(raw)) => (http_status, raw),
            // The firewall's answers (403 error 1010, 429) are text or HTML, not JSON.
            (http_status @ (403 | 429), Err(body)) => return Err(rejected_without_code(http_status, &body)),
            (http_status, Err(body)) => {
                return Err(Error::Unavailable(format!("HTTP {http_status}, not a JSON object: {body}")));
            }
        };
        let Some(code) = raw.get("code").and_then(text) else {
            return Err(match http_status {
                403 | 429 => rejected_without_code(http_status, &raw.to_string()),
                _ => Error::Unavailable(format!("HTTP {http_status}: answer without a code: {}", excerpt(&raw))),
            });
        };
        if code != "201" {
            return Err(Error::Rejected {
                http_status,
                code,
                message: raw.get("message").and_then(text).unwrap_or_default(),
                description: raw.get("description").and_then(text),
            });
        }
        let data = raw.get("data");
        let payment_url = data.and_then(|data| data.get("payment_url")).and_then(text).filter(|url| !url.is_empty());
        let Some(payment_url) = payment_url else {
            // The payment may exist, but there is nowhere to send the customer: a broken answer.
            return Err(Error::Unavailable(format!("code 201 without data.payment_url: {}", excerpt(&raw))));
        };
        if let Err(reason) = checkout_url_allowed(&self.base_url, &payment_url) {
            return Err(Error::UntrustedCheckoutUrl { url: payment_url, reason });
        }
        let payment_token = data
            .and_then(|data| data.get("payment_token"))
            .and_then(text)
            .filter(|token| !token.is_empty())
            // The URL's last segment is the token in every known answer.
            .or_else(|| payment_url.rsplit('/').next().map(str::to_owned))
            .unwrap_or_default();
        Ok(InitCreated { payment_token, payment_url, api_response_id: raw.get("api_response_id").and_then(text), raw })
    }

    /// POST {base}/v2/payment/check with {apikey, site_id, transaction_id}.
    ///
    /// Any JSON answer with a `code` is `Ok`, whatever its HTTP status below 500: the caller
    /// decides from `code` and `data.status`.
    pub async fn check_payment(&self, credentials: &Credentials, transaction_id: &str) -> Result<CheckResponse, Error> {
        let body = CheckBody { apikey: &credentials.api_key, site_id: &credentials.site_id, transaction_id };
        let (http_status, raw) = match self.post("/v2/payment/check", &body).await? {
            (http_status, Ok(raw)) => (http_status, raw),
            (http_status, Err(body)) => {
                return Err(Error::Unavailable(format!("HTTP {http_status}, not a JSON object: {body}")));
            }
        };
        let Some(code) = raw.get("code").and_then(text) else {
            return Err(Error::Unavailable(format!("HTTP {http_status}: answer without a code: {}", excerpt(&raw))));
        };
        Ok(CheckResponse {
            http_status,
            code,
            message: raw.get("message").and_then(text).unwrap_or_default(),
            description: raw.get("description").and_then(text),
            data: raw.get("data").and_then(CheckData::from_json),
            api_response_id: raw.get("api_response_id").and_then(text),
            raw,
        })
    }

    /// POSTs `body` as JSON. Transport errors and 5xx are `Unavailable`; otherwise the HTTP status
    /// and the answer as a JSON object, or an excerpt of a body that is not one.
    async fn post(&self, path: &str, body: &impl Serialize) -> Result<(u16, Result<Value, String>), Error> {
        let url = format!("{}{path}", self.base_url);
        let response = self
            .http
            .post(&url)
            .header(reqwest::header::ACCEPT, "application/json")
            .json(body)
            .send()
            .await
            .map_err(|error| Error::Unavailable(transport_error(&error)))?;
        let http_status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|error| Error::Unavailable(transport_error(&error)))?;
        if http_status >= 500 {
            return Err(Error::Unavailable(format!("HTTP {http_status}: {}", text_excerpt(&bytes))));
        }
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(raw) if raw.is_object() => Ok((http_status, Ok(raw))),
            _ => Ok((http_status, Err(text_excerpt(&bytes)))),
        }
    }
}

#[derive(Serialize)]
struct InitBody<'a> {
    apikey: &'a str,
    site_id: &'a str,
    #[serde(flatten)]
    request: &'a InitRequest,
}

#[derive(Serialize)]
struct CheckBody<'a> {
    apikey: &'a str,
    site_id: &'a str,
    transaction_id: &'a str,
}

impl CheckData {
    fn from_json(data: &Value) -> Option<CheckData> {
        // PHP services send `[]` or null for "no data"; only an object carries fields.
        let data = data.as_object()?;
        let field = |name: &str| data.get(name).and_then(text);
        Some(CheckData {
            amount: field("amount"),
            currency: field("currency"),
            status: field("status"),
            payment_method: field("payment_method"),
            description: field("description"),
            metadata: field("metadata"),
            operator_id: field("operator_id"),
            payment_date: field("payment_date"),
            fund_availability_date: field("fund_availability_date"),
        })
    }
}

/// A scalar as a string: strings as they are, numbers and booleans written out; null, arrays and
/// objects are `None`.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// A refusal by the firewall in front of the API (no JSON `code`): the HTTP status stands for the
/// code, and 1010 (no User-Agent) is recognised in the body.
fn rejected_without_code(http_status: u16, body: &str) -> Error {
    let (code, message) = if body.contains("1010") {
        ("1010".to_owned(), "Forbidden (error code 1010)".to_owned())
    } else if http_status == 429 {
        ("429".to_owned(), "TOO_MANY_REQUEST".to_owned())
    } else {
        (http_status.to_string(), "Forbidden".to_owned())
    };
    Error::Rejected { http_status, code, message, description: Some(body.to_owned()).filter(|body| !body.is_empty()) }
}

fn transport_error(error: &reqwest::Error) -> String {
    // reqwest's messages name the URL (no credential: they travel in the body) and the kind.
    let kind = if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connection failed"
    } else {
        "transport error"
    };
    let mut causes = String::new();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        causes.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    // rustls's refusals ("invalid peer certificate: UnknownIssuer", "…: NotValidForName") say
    // what; say first that it is the certificate, and what to look at.
    if causes.contains("invalid peer certificate") {
        return format!(
            "TLS certificate refused (not signed by a trusted authority for this host; see CINETPAY_CA_FILE): {error}{causes}"
        );
    }
    format!("{kind}: {error}{causes}")
}

fn text_excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    match text.char_indices().nth(BODY_EXCERPT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

fn excerpt(value: &Value) -> String {
    text_excerpt(value.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_amounts_are_kept_as_strings() {
        assert_eq!(text(&serde_json::json!("00")).as_deref(), Some("00"));
        assert_eq!(text(&serde_json::json!(0)).as_deref(), Some("0"));
        assert_eq!(text(&serde_json::json!(150000)).as_deref(), Some("150000"));
        assert_eq!(text(&serde_json::json!(null)), None);
    }

    #[test]
    fn check_data_tolerates_numbers_nulls_and_unknown_fields() {
        let data = CheckData::from_json(&serde_json::json!({
            "amount": 100, "currency": "XOF", "status": "ACCEPTED", "metadata": null,
            "operator_id": "MP220915.2257.A76307", "payment_date": "2022-09-15 22:57:15", "surprise": [1, 2]
        }))
        .expect("an object");
        assert_eq!(data.amount.as_deref(), Some("100"));
        assert_eq!(data.metadata, None);
        assert_eq!(data.payment_method, None);
        assert_eq!(CheckData::from_json(&serde_json::json!([])), None);
    }

    #[test]
    fn credentials_debug_hides_the_keys() {
        let credentials = Credentials { api_key: "k-123".into(), site_id: "105900".into(), secret_key: "s-456".into() };
        let shown = format!("{credentials:?}");
        assert!(!shown.contains("k-123") && !shown.contains("s-456") && shown.contains("105900"));
    }

    #[test]
    fn base_urls_are_validated_and_normalised() {
        let client = Client::new("http://127.0.0.1:8010/", Duration::from_secs(5)).expect("valid");
        assert_eq!(client.base_url(), "http://127.0.0.1:8010");
        let client = Client::new("https://api-checkout.cinetpay.com", Duration::from_secs(5)).expect("valid");
        assert_eq!(client.base_url(), "https://api-checkout.cinetpay.com");
        assert!(matches!(Client::new("api-checkout.cinetpay.com", Duration::from_secs(5)), Err(Error::Config(_))));
        assert!(matches!(Client::new("ftp://example.com", Duration::from_secs(5)), Err(Error::Config(_))));
        assert!(matches!(Client::new("https://example.com", Duration::ZERO), Err(Error::Config(_))));
    }
}
