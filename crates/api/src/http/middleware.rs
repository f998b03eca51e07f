//! Cross-cutting request handling: request ids and logs, error localization, CSRF.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};
use nourx_domain::{Lang, Message};
use tracing::Instrument;

use crate::AppState;
use crate::http::csrf::{CSRF_COOKIE, CSRF_HEADER, tokens_match};
use crate::http::error::{ApiError, EnglishBody};

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the request being served, also in every log line of the request.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Gives every request an id (the caller's `X-Request-Id` when it is sane),
/// runs it inside a tracing span carrying that id, logs its outcome, and
/// echoes the id in the response.
pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let id = req
        .headers()
        .get(&X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.path());
    let started = Instant::now();
    // Holding a clone of the request here would break actix's routing (it needs the
    // request uniquely), so an error that escapes as `Err` is logged and passed on.
    let mut response = match next.call(req).instrument(span.clone()).await {
        Ok(response) => response.map_into_boxed_body(),
        Err(error) => {
            span.in_scope(|| tracing::error!(%error, "request failed before producing a response"));
            return Err(error);
        }
    };
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(X_REQUEST_ID, value);
    }
    let status = response.status().as_u16();
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        if status >= 500 {
            tracing::error!(status, elapsed_ms, "request failed");
        } else {
            tracing::info!(status, elapsed_ms, "request completed");
        }
    });
    Ok(response)
}

/// Serves error bodies in English to clients that prefer English (French otherwise).
pub async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let lang = Lang::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let response = next.call(req).await?.map_into_boxed_body();
    if lang != Lang::En {
        return Ok(response);
    }
    let english = response.response().extensions().get::<EnglishBody>().cloned();
    let Some(EnglishBody(english)) = english else {
        return Ok(response);
    };
    let mut response = response.map_body(|_, _| BoxBody::new(english));
    response.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static("en"));
    response.headers_mut().remove(header::CONTENT_LENGTH);
    Ok(response)
}

/// Django's CSRF protection for a single-page app: every method but GET, HEAD, OPTIONS and
/// TRACE must echo the `csrftoken` cookie in `X-CSRFToken`, and come from a trusted origin when
/// the browser says where it comes from. Checked whether a route matches or not: only the exact
/// exempt paths skip it, compared after the decoding the router does (`%61ccept` is `accept`).
pub async fn csrf(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if !is_safe_method(req.method())
        && let Some(state) = req.app_data::<web::Data<AppState>>()
        && !is_exempt(&state.config.csrf_exempt_paths, req.match_info().as_str())
        && let Err(error) = check_csrf(&req, state)
    {
        tracing::warn!(reason = %error, "CSRF check failed");
        let (http_request, _) = req.into_parts();
        return Ok(ServiceResponse::from_err(error, http_request));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Methods that change nothing, by definition; any other (including unknown or lower-case
/// spellings, which are other methods) is treated as unsafe.
fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}

/// `routed_path` is the path as the router sees it (percent-decoded but for reserved characters).
fn is_exempt(exempt_paths: &[String], routed_path: &str) -> bool {
    exempt_paths.iter().any(|p| p == routed_path)
}

fn check_csrf(req: &ServiceRequest, state: &AppState) -> Result<(), ApiError> {
    let own_origin = {
        let info = req.connection_info();
        format!("{}://{}", info.scheme(), info.host())
    };
    let trusted = |origin: &str| origin == own_origin || state.config.csrf_trusted_origins.iter().any(|t| t == origin);
    if let Some(origin) = req.headers().get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null");
        if !trusted(origin) {
            return Err(ApiError::CsrfFailed(Message::owned(
                format!("Échec de la vérification CSRF : l'origine {origin} n'est pas autorisée."),
                format!("CSRF Failed: Origin checking failed - {origin} does not match any trusted origins."),
            )));
        }
    } else if let Some(referer) = req.headers().get(header::REFERER) {
        let origin = referer.to_str().ok().and_then(origin_of).unwrap_or_default();
        if !trusted(&origin) {
            return Err(ApiError::CsrfFailed(Message::new(
                "Échec de la vérification CSRF : la page d'origine n'est pas autorisée.",
                "CSRF Failed: Referer checking failed - the referring page is not a trusted origin.",
            )));
        }
    }
    let Some(cookie) = req.cookie(CSRF_COOKIE) else {
        return Err(ApiError::CsrfFailed(Message::new(
            "Échec de la vérification CSRF : le cookie CSRF est absent. Rechargez la page.",
            "CSRF Failed: CSRF cookie not set. Reload the page.",
        )));
    };
    let header = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    if header.is_empty() || !tokens_match(header, cookie.value()) {
        return Err(ApiError::CsrfFailed(Message::new(
            "Échec de la vérification CSRF : jeton CSRF absent ou incorrect. Rechargez la page.",
            "CSRF Failed: CSRF token missing or incorrect. Reload the page.",
        )));
    }
    Ok(())
}

/// `https://host:port/path?q` → `https://host:port`.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.is_empty() {
        return None;
    }
    Some(format!("{scheme}://{authority}"))
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origin_of_a_referer() {
        assert_eq!(origin_of("http://127.0.0.1:3000/projets?x=1").as_deref(), Some("http://127.0.0.1:3000"));
        assert_eq!(origin_of("https://portail.nourx.ci").as_deref(), Some("https://portail.nourx.ci"));
        assert_eq!(origin_of("garbage"), None);
    }
}

/// Headers every API response carries: no sniffing, no framing, no referrer, nothing cached
/// that a session could have produced, and HSTS in production. A handler's own `Cache-Control`
/// or `Content-Security-Policy` is kept.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let production = req.app_data::<web::Data<AppState>>().is_some_and(|state| !state.config.development);
    let docs = req.path().starts_with("/api/docs");
    let mut response = next.call(req).await?.map_into_boxed_body();
    let headers = response.headers_mut();
    let set = |headers: &mut header::HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        // Swagger UI is a page with its own scripts; everything else is data, never a document.
        let policy = if docs { "frame-ancestors 'none'" } else { "default-src 'none'; frame-ancestors 'none'" };
        set(headers, header::CONTENT_SECURITY_POLICY, policy);
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    if production {
        set(headers, header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains");
    }
    Ok(response)
}

/// Who may read the API's own documentation (`/api/docs/`, `/api/openapi.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocsAccess {
    /// Anyone (development).
    Public,
    /// Logged-in NOURX staff only (production default).
    Staff,
    /// Nobody: 404.
    Off,
}

/// Guards the documentation routes according to [`DocsAccess`].
pub async fn docs_access(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let path = req.path();
    let is_docs = path.starts_with("/api/docs") || path == "/api/openapi.json";
    let access = req.app_data::<web::Data<AppState>>().map_or(DocsAccess::Public, |state| state.config.docs_access);
    if is_docs && access != DocsAccess::Public {
        let denied = match access {
            DocsAccess::Off => Some(ApiError::NotFound),
            _ => req.extract::<crate::http::caller::Staff>().await.err(),
        };
        if let Some(error) = denied {
            let (http_request, _) = req.into_parts();
            return Ok(ServiceResponse::from_err(error, http_request));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}
