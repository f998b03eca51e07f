//! Test knobs over HTTP (JSON), the same as [`crate::Sandbox`]'s methods:
//!
//! - `GET /_sandbox/health` → `{"status": "ok"}`
//! - `GET /_sandbox/tls/spki` → the leaf's SPKI SHA-256, base64, as text (404 over plain HTTP): for
//!   Chromium's `--ignore-certificate-errors-spki-list`
//! - `GET /_sandbox/tls/ca.pem` → the test authority's certificate (404 over plain HTTP)
//! - `GET /_sandbox/faults`, `PUT /_sandbox/faults` (a [`crate::Faults`]; missing fields take their default)
//! - `GET /_sandbox/transactions/{transaction_id}` → a [`crate::TransactionSnapshot`]
//! - `POST /_sandbox/transactions/{transaction_id}/decide` `{"outcome": "accept"|"refuse"|"wait", "operator": "OM", "phone": "0707070707"}`
//! - `POST /_sandbox/transactions/{transaction_id}/status` `{"status": "ACCEPTED"|"REFUSED"|"WAITING_FOR_CUSTOMER"}`
//! - `POST /_sandbox/transactions/{transaction_id}/notify`
//!
//! Transaction routes answer the snapshot after the change; errors are `{"error": "…"}` with 400,
//! 404 (unknown transaction) or 409 (already final).

use actix_web::{HttpResponse, error, web};
use serde::Deserialize;
use serde_json::json;

use crate::state::Inner;
use crate::{Faults, Outcome, SandboxError};

pub(crate) fn scope() -> actix_web::Scope {
    let json_errors = web::JsonConfig::default().error_handler(|cause, _request| {
        let response = HttpResponse::BadRequest().json(json!({"error": cause.to_string()}));
        error::InternalError::from_response(cause, response).into()
    });
    web::scope("/_sandbox")
        .app_data(json_errors)
        .route("/health", web::get().to(health))
        .route("/tls/spki", web::get().to(tls_spki))
        .route("/tls/ca.pem", web::get().to(tls_ca))
        .route("/faults", web::get().to(get_faults))
        .route("/faults", web::put().to(put_faults))
        .route("/transactions/{transaction_id}", web::get().to(get_transaction))
        .route("/transactions/{transaction_id}/decide", web::post().to(decide))
        .route("/transactions/{transaction_id}/status", web::post().to(set_status))
        .route("/transactions/{transaction_id}/notify", web::post().to(notify))
}

async fn health() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}

async fn tls_spki(inner: web::Data<Inner>) -> HttpResponse {
    match &inner.tls {
        Some(tls) => HttpResponse::Ok().content_type("text/plain").body(format!("{}\n", tls.leaf_spki_sha256)),
        None => HttpResponse::NotFound().json(json!({"error": "this sandbox serves plain HTTP"})),
    }
}

async fn tls_ca(inner: web::Data<Inner>) -> HttpResponse {
    match &inner.tls {
        Some(tls) => HttpResponse::Ok().content_type("application/x-pem-file").body(tls.ca_pem.clone()),
        None => HttpResponse::NotFound().json(json!({"error": "this sandbox serves plain HTTP"})),
    }
}

async fn get_faults(inner: web::Data<Inner>) -> HttpResponse {
    HttpResponse::Ok().json(inner.faults())
}

async fn put_faults(faults: web::Json<Faults>, inner: web::Data<Inner>) -> HttpResponse {
    inner.set_faults(faults.into_inner());
    HttpResponse::Ok().json(inner.faults())
}

async fn get_transaction(transaction_id: web::Path<String>, inner: web::Data<Inner>) -> HttpResponse {
    snapshot(&inner, &transaction_id)
}

#[derive(Deserialize)]
struct Decision {
    outcome: Outcome,
    #[serde(default = "default_operator")]
    operator: String,
    #[serde(default)]
    phone: Option<String>,
}

fn default_operator() -> String {
    "OM".to_owned()
}

async fn decide(
    transaction_id: web::Path<String>,
    decision: web::Json<Decision>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let Decision { outcome, operator, phone } = decision.into_inner();
    match inner.decide(&transaction_id, outcome, &operator, phone.as_deref()).await {
        Ok(()) => snapshot(&inner, &transaction_id),
        Err(error) => failure(&error),
    }
}

#[derive(Deserialize)]
struct NewStatus {
    status: String,
}

async fn set_status(
    transaction_id: web::Path<String>,
    status: web::Json<NewStatus>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    match inner.set_status(&transaction_id, &status.status) {
        Ok(()) => snapshot(&inner, &transaction_id),
        Err(error) => failure(&error),
    }
}

async fn notify(transaction_id: web::Path<String>, inner: web::Data<Inner>) -> HttpResponse {
    match crate::notifier::deliver(&inner, &transaction_id).await {
        Ok(()) => snapshot(&inner, &transaction_id),
        Err(error) => failure(&error),
    }
}

fn snapshot(inner: &Inner, transaction_id: &str) -> HttpResponse {
    match inner.snapshot(transaction_id) {
        Some(snapshot) => HttpResponse::Ok().json(snapshot),
        None => failure(&SandboxError::UnknownTransaction(transaction_id.to_owned())),
    }
}

fn failure(error: &SandboxError) -> HttpResponse {
    let mut response = match error {
        SandboxError::UnknownTransaction(_) => HttpResponse::NotFound(),
        SandboxError::AlreadyFinal { .. } => HttpResponse::Conflict(),
        SandboxError::InvalidStatus(_) | SandboxError::InvalidOperator(_) => HttpResponse::BadRequest(),
    };
    response.json(json!({"error": error.to_string()}))
}
