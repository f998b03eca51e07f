use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use serde_json::Value;
use uuid::Uuid;

/// A browser-like HTTP client: keeps cookies, fetches the CSRF cookie when it has
/// none, and sends `X-CSRFToken` on unsafe methods unless told not to.
#[derive(Clone)]
pub struct TestClient {
    base_url: String,
    http: reqwest::Client,
    cookies: Arc<Mutex<BTreeMap<String, String>>>,
    /// Sent with every request of this client (see [`TestClient::from_address`]).
    default_headers: Vec<(String, String)>,
}

/// What came back, with the body parsed as JSON when it is JSON (`Value::Null` when empty).
#[derive(Debug)]
pub struct TestResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
    /// The request it answers ("PATCH /api/me/"), for failure messages.
    pub request: String,
}

/// `response["field"]` is `response.body["field"]`.
impl std::ops::Index<&str> for TestResponse {
    type Output = Value;

    fn index(&self, field: &str) -> &Value {
        &self.body[field]
    }
}

impl TestResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Panics unless the status is `expected`, naming the request and printing the body.
    #[track_caller]
    pub fn assert_status(self, expected: u16) -> Self {
        assert_eq!(
            self.status, expected,
            "{} answered {}, expected {expected}: {}",
            self.request, self.status, self.text
        );
        self
    }

    /// Panics unless this is an error of `status` whose body's `code` is `code`.
    #[track_caller]
    pub fn assert_error(self, status: u16, code: &str) -> Self {
        let response = self.assert_status(status);
        assert_eq!(response.body["code"], code, "{}: {}", response.request, response.text);
        response
    }

    /// Panics unless this is a 400 naming `field` (a DRF-style list of messages under its name).
    #[track_caller]
    pub fn assert_field_error(self, field: &str) -> Self {
        let response = self.assert_status(400);
        assert!(response.body[field].is_array(), "{}: no error for {field} in {}", response.request, response.text);
        response
    }

    /// The `id` of the JSON object returned.
    #[track_caller]
    pub fn id(&self) -> Uuid {
        self.uuid("id")
    }

    /// The UUID in the top-level string field `field`.
    #[track_caller]
    pub fn uuid(&self, field: &str) -> Uuid {
        self.body[field]
            .as_str()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{}: no UUID {field} in {}", self.request, self.text))
    }

    /// The top-level string field `field`.
    #[track_caller]
    pub fn str(&self, field: &str) -> &str {
        self.body[field].as_str().unwrap_or_else(|| panic!("{}: no string {field} in {}", self.request, self.text))
    }

    /// The body read as `T`.
    #[track_caller]
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone())
            .unwrap_or_else(|e| panic!("{}: not the expected JSON ({e}): {}", self.request, self.text))
    }

    /// The rows of a paginated list.
    #[track_caller]
    pub fn results(&self) -> &[Value] {
        self.body["results"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: not a paginated list: {}", self.request, self.text))
    }

    /// The `id` of each row of a paginated list, in order (a 200 or a panic).
    #[track_caller]
    pub fn ids(&self) -> Vec<String> {
        assert_eq!(self.status, 200, "{}: {}", self.request, self.text);
        self.results()
            .iter()
            .map(|row| row["id"].as_str().unwrap_or_else(|| panic!("no id in {row}")).to_owned())
            .collect()
    }

    /// What an error snapshot records: the status and the body, with the ids, dates and times in
    /// its strings redacted (see [`crate::redact`]).
    pub fn snapshot(&self) -> Value {
        fn redacted(value: &Value) -> Value {
            match value {
                Value::String(text) => Value::String(crate::redact(text)),
                Value::Array(items) => Value::Array(items.iter().map(redacted).collect()),
                Value::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), redacted(v))).collect()),
                other => other.clone(),
            }
        }
        serde_json::json!({"status": self.status, "body": redacted(&self.body)})
    }
}

impl TestClient {
    pub fn new(base_url: &str) -> TestClient {
        TestClient {
            base_url: base_url.trim_end_matches('/').to_owned(),
            http: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client"),
            cookies: Arc::default(),
            default_headers: Vec::new(),
        }
    }

    /// The same browser (same cookie jar) appearing to come from `ip`: every request carries
    /// `X-Forwarded-For: ip`, which the API believes when the test's config trusts the loopback
    /// proxy (`config.trusted_proxies = vec!["127.0.0.1".parse()?]`).
    pub fn from_address(&self, ip: &str) -> TestClient {
        self.with_header("X-Forwarded-For", ip)
    }

    /// The same browser (same cookie jar) sending `name: value` with every request (a User-Agent…).
    pub fn with_header(&self, name: &str, value: &str) -> TestClient {
        let mut client = self.clone();
        client.default_headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        client.default_headers.push((name.to_owned(), value.to_owned()));
        client
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().expect("cookie jar").get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies.lock().expect("cookie jar").insert(name.to_owned(), value.to_owned());
    }

    pub fn remove_cookie(&self, name: &str) {
        self.cookies.lock().expect("cookie jar").remove(name);
    }

    pub fn request(&self, method: Method, path: &str) -> TestRequest {
        TestRequest { client: self.clone(), method, path: path.to_owned(), headers: Vec::new(), body: None, csrf: true }
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.request(Method::GET, path).send().await
    }

    pub async fn post(&self, path: &str, body: &Value) -> TestResponse {
        self.request(Method::POST, path).json(body).send().await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> TestResponse {
        self.request(Method::PATCH, path).json(body).send().await
    }

    pub async fn put(&self, path: &str, body: &Value) -> TestResponse {
        self.request(Method::PUT, path).json(body).send().await
    }

    pub async fn delete(&self, path: &str) -> TestResponse {
        self.request(Method::DELETE, path).send().await
    }

    /// A POST without a body (actions such as `/api/documents/{id}/complete/`).
    pub async fn post_without_body(&self, path: &str) -> TestResponse {
        self.request(Method::POST, path).send().await
    }

    /// This browser (same cookie jar) talking to another API process at `base_url`.
    pub fn at(&self, base_url: &str) -> TestClient {
        TestClient { base_url: base_url.trim_end_matches('/').to_owned(), ..self.clone() }
    }

    /// A GET with this browser's cookies and headers, its response left unread (streams).
    pub fn raw_get(&self, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.http.get(format!("{}{path}", self.base_url));
        for (name, value) in &self.default_headers {
            request = request.header(name.as_str(), value.as_str());
        }
        if let Some(cookies) = self.cookie_header() {
            request = request.header(reqwest::header::COOKIE, cookies);
        }
        request
    }

    /// What a single-page app does first: `GET /api/auth/csrf/`.
    pub async fn fetch_csrf_cookie(&self) {
        let mut request = self.http.get(format!("{}/api/auth/csrf/", self.base_url));
        for (name, value) in &self.default_headers {
            request = request.header(name.as_str(), value.as_str());
        }
        if let Some(cookies) = self.cookie_header() {
            request = request.header(reqwest::header::COOKIE, cookies);
        }
        let response = request.send().await.expect("the request reached the test server");
        assert_eq!(response.status().as_u16(), 200, "fetching the CSRF cookie");
        self.store_cookies(response.headers());
    }

    fn cookie_header(&self) -> Option<String> {
        let jar = self.cookies.lock().expect("cookie jar");
        if jar.is_empty() {
            return None;
        }
        Some(jar.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; "))
    }

    fn store_cookies(&self, headers: &HeaderMap) {
        let mut jar = self.cookies.lock().expect("cookie jar");
        for value in headers.get_all(reqwest::header::SET_COOKIE) {
            let Ok(text) = value.to_str() else { continue };
            let mut parts = text.split(';');
            let Some((name, value)) = parts.next().and_then(|p| p.trim().split_once('=')) else { continue };
            let expired = parts.any(|attribute| {
                let attribute = attribute.trim().to_ascii_lowercase();
                attribute == "max-age=0" || attribute.starts_with("expires=thu, 01 jan 1970")
            });
            if expired || value.is_empty() {
                jar.remove(name);
            } else {
                jar.insert(name.to_owned(), value.to_owned());
            }
        }
    }
}

pub struct TestRequest {
    client: TestClient,
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<(Vec<u8>, String)>,
    csrf: bool,
}

impl TestRequest {
    pub fn json(mut self, body: &Value) -> Self {
        self.body = Some((serde_json::to_vec(body).expect("json"), "application/json".into()));
        self
    }

    /// A raw body with the given content type.
    pub fn body(mut self, body: impl Into<Vec<u8>>, content_type: &str) -> Self {
        self.body = Some((body.into(), content_type.to_owned()));
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sends no `X-CSRFToken` header (the cookie, if any, is still sent).
    pub fn without_csrf(mut self) -> Self {
        self.csrf = false;
        self
    }

    pub async fn send(self) -> TestResponse {
        let unsafe_method = !matches!(self.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if unsafe_method && self.csrf && self.client.cookie("csrftoken").is_none() {
            self.client.fetch_csrf_cookie().await;
        }
        let url = format!("{}{}", self.client.base_url, self.path);
        let mut request = self.client.http.request(self.method.clone(), url);
        if let Some(cookies) = self.client.cookie_header() {
            request = request.header(reqwest::header::COOKIE, cookies);
        }
        if unsafe_method
            && self.csrf
            && let Some(token) = self.client.cookie("csrftoken")
        {
            request = request.header("X-CSRFToken", token);
        }
        for (name, value) in self.client.default_headers.iter().chain(&self.headers) {
            request = request.header(
                HeaderName::from_bytes(name.as_bytes()).expect("header name"),
                HeaderValue::from_str(value).expect("header value"),
            );
        }
        if let Some((body, content_type)) = self.body {
            request = request.header(reqwest::header::CONTENT_TYPE, content_type).body(body);
        }
        let response = request.send().await.expect("the request reached the test server");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        self.client.store_cookies(&headers);
        let text = response.text().await.expect("response body");
        let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::Null) };
        TestResponse { status, headers, body, text, request: format!("{} {}", self.method, self.path) }
    }
}
