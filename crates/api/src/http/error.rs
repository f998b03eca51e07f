//! The one error type of the API and its DRF-style bodies.
//!
//! Validation errors: `{"field": ["message"], "non_field_errors": [...]}`;
//! every other error: `{"detail": "message", "code": "machine_code"}`.
//! Bodies are rendered in French; the `localize` middleware swaps in the English
//! body (carried in the response extensions) when the client prefers English.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use nourx_db::DbError;
use nourx_domain::{Lang, Message};
use serde_json::{Value, json};

pub const NON_FIELD_ERRORS: &str = "non_field_errors";

/// Field name → messages, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(BTreeMap<String, Vec<Message>>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: Message) -> &mut Self {
        self.0.entry(field.into()).or_default().push(message);
        self
    }

    pub fn extend(&mut self, field: &str, messages: impl IntoIterator<Item = Message>) {
        for message in messages {
            self.add(field, message);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many messages, all fields together.
    pub fn len(&self) -> usize {
        self.0.values().map(Vec::len).sum()
    }

    /// `Ok(())` when nothing was added, else the validation error.
    pub fn into_result(self) -> Result<(), ApiError> {
        if self.is_empty() { Ok(()) } else { Err(ApiError::Validation(self)) }
    }

    fn render(&self, lang: Lang) -> Value {
        let map: serde_json::Map<String, Value> = self
            .0
            .iter()
            .map(|(field, messages)| {
                let texts = messages.iter().map(|m| Value::String(m.get(lang).to_owned())).collect();
                (field.clone(), Value::Array(texts))
            })
            .collect();
        Value::Object(map)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed")]
    Validation(FieldErrors),
    #[error("bad request: {code}")]
    BadRequest { code: &'static str, message: Message },
    #[error("not authenticated")]
    NotAuthenticated,
    #[error("permission denied")]
    PermissionDenied,
    /// 403 with its own code and message (two-factor enrolment required, staff network).
    #[error("forbidden: {code}")]
    Forbidden { code: &'static str, message: Message },
    #[error("CSRF check failed: {}", .0.en)]
    CsrfFailed(Message),
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed { allow: Vec<String> },
    #[error("conflict: {code}")]
    Conflict { code: &'static str, message: Message, extra: Value },
    /// 410: what the link pointed to is no longer there for it (an expired or revoked pay link).
    #[error("gone: {code}")]
    Gone { code: &'static str, message: Message },
    #[error("payload too large")]
    PayloadTooLarge { limit_bytes: usize },
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("throttled for {retry_after_seconds} s")]
    Throttled { retry_after_seconds: i64 },
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// 503 for an outside service (CinetPay) with its own code and message.
    #[error("upstream unavailable: {code}")]
    UpstreamUnavailable { code: &'static str, message: Message },
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn field(field: &str, message: Message) -> ApiError {
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        ApiError::Validation(errors)
    }

    /// 409 `invalid_transition` with the statuses that are allowed from the current one.
    pub fn invalid_transition(error: nourx_domain::TransitionError) -> ApiError {
        ApiError::Conflict {
            code: "invalid_transition",
            message: error.message(),
            extra: serde_json::json!({"from": error.from, "to": error.to, "allowed": error.allowed}),
        }
    }

    pub fn internal(error: impl Into<anyhow::Error>) -> ApiError {
        ApiError::Internal(error.into())
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "invalid",
            ApiError::BadRequest { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::Forbidden { code, .. }
            | ApiError::Gone { code, .. }
            | ApiError::UpstreamUnavailable { code, .. } => code,
            ApiError::NotAuthenticated => "not_authenticated",
            ApiError::PermissionDenied => "permission_denied",
            ApiError::CsrfFailed(_) => "csrf_failed",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::Throttled { .. } => "throttled",
            ApiError::Unavailable(_) => "service_unavailable",
            ApiError::Internal(_) => "server_error",
        }
    }

    pub fn detail(&self) -> Message {
        match self {
            ApiError::Validation(_) => Message::new("Données invalides.", "Invalid input."),
            ApiError::BadRequest { message, .. }
            | ApiError::Conflict { message, .. }
            | ApiError::Forbidden { message, .. }
            | ApiError::Gone { message, .. }
            | ApiError::UpstreamUnavailable { message, .. } => message.clone(),
            ApiError::CsrfFailed(message) => message.clone(),
            ApiError::NotAuthenticated => Message::new(
                "Vous devez être connecté pour accéder à cette ressource.",
                "Authentication credentials were not provided.",
            ),
            ApiError::PermissionDenied => Message::new(
                "Vous n'avez pas la permission d'effectuer cette action.",
                "You do not have permission to perform this action.",
            ),
            ApiError::NotFound => Message::new("Introuvable.", "Not found."),
            ApiError::MethodNotAllowed { .. } => {
                Message::new("Méthode non autorisée sur cette adresse.", "Method not allowed on this path.")
            }
            ApiError::PayloadTooLarge { limit_bytes } => Message::owned(
                format!("Le corps de la requête dépasse la limite de {} Kio.", limit_bytes / 1024),
                format!("The request body exceeds the {} KiB limit.", limit_bytes / 1024),
            ),
            ApiError::UnsupportedMediaType => Message::new(
                "Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).",
                "Unsupported media type: send JSON (Content-Type: application/json).",
            ),
            ApiError::Throttled { retry_after_seconds } => {
                // "12 min", "3 h", "2 j": daily limits wait hours, not 1 440 minutes.
                let (fr, en) = nourx_domain::limits::wait_text(*retry_after_seconds);
                Message::owned(
                    format!("Trop de tentatives. Réessayez dans {fr}."),
                    format!("Too many attempts. Try again in {en}."),
                )
            }
            ApiError::Unavailable(_) => Message::new(
                "Le service est momentanément indisponible. Réessayez dans un instant.",
                "The service is temporarily unavailable. Try again in a moment.",
            ),
            ApiError::Internal(_) => Message::new(
                "Une erreur interne est survenue. L'équipe NOURX a été prévenue.",
                "An internal error occurred. The NOURX team has been notified.",
            ),
        }
    }

    /// The JSON body in `lang`.
    pub fn body(&self, lang: Lang) -> Value {
        match self {
            ApiError::Validation(errors) => errors.render(lang),
            ApiError::Conflict { extra, .. } => {
                let mut body = json!({"detail": self.detail().get(lang), "code": self.code()});
                if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
                    body.extend(extra.clone());
                }
                body
            }
            _ => json!({"detail": self.detail().get(lang), "code": self.code()}),
        }
    }
}

/// The English body of an error response, for the `localize` middleware.
#[derive(Debug, Clone)]
pub struct EnglishBody(pub String);

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotAuthenticated => StatusCode::UNAUTHORIZED,
            ApiError::PermissionDenied | ApiError::CsrfFailed(_) | ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Gone { .. } => StatusCode::GONE,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) | ApiError::UpstreamUnavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(error = %format!("{cause:#}"), "internal error"),
            ApiError::Unavailable(cause) => tracing::warn!(%cause, "service unavailable"),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_LANGUAGE, "fr"));
        if let ApiError::Throttled { retry_after_seconds } = self {
            response.insert_header((header::RETRY_AFTER, retry_after_seconds.max(&1).to_string()));
        }
        if let ApiError::Unavailable(_) = self {
            response.insert_header((header::RETRY_AFTER, "1"));
        }
        if let ApiError::MethodNotAllowed { allow } = self
            && let Ok(value) = HeaderValue::from_str(&allow.join(", "))
        {
            response.insert_header((header::ALLOW, value));
        }
        let mut response = response.json(self.body(Lang::Fr));
        response.extensions_mut().insert(EnglishBody(self.body(Lang::En).to_string()));
        response
    }
}

impl From<DbError> for ApiError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::Unavailable(cause) => ApiError::Unavailable(cause),
            DbError::Query(diesel::result::Error::NotFound) => ApiError::NotFound,
            DbError::Query(other) => ApiError::Internal(other.into()),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        ApiError::from(DbError::Query(error))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
