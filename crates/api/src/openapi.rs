//! The OpenAPI document's fixed parts, and the 404/405 answers derived from it.

use actix_web::HttpRequest;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};

use crate::error::ApiError;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "NOURX API",
        description = "API of the NOURX client portal and admin back-office.\n\n\
            Conventions (Django REST Framework's): JSON with snake_case fields, UUID ids, RFC 3339 UTC times; \
            validation errors as `{\"field\": [\"message\"]}`, other errors as `{\"detail\": \"…\", \"code\": \"…\"}`, \
            in French unless `Accept-Language` prefers English.\n\n\
            Authentication: log in with `POST /api/auth/login/`; the `sessionid` cookie carries the session. \
            Unsafe methods need the `csrftoken` cookie (from `GET /api/auth/csrf/`) echoed in the `X-CSRFToken` header.",
        version = env!("CARGO_PKG_VERSION"),
    ),
    tags(
        (name = "auth", description = "CSRF cookie, login, logout"),
        (name = "me", description = "The logged-in user's own account"),
        (name = "ops", description = "Health and readiness probes"),
        (name = "projects", description = "Projects of the caller's clients"),
        (name = "clients", description = "Client companies, their members and invitations"),
        (name = "admin", description = "NOURX staff back-office: accounts, audit log, outgoing emails, payment settings, background jobs"),
        (name = "tickets", description = "Support tickets and their messages"),
        (name = "milestones", description = "Milestones of projects"),
        (name = "tasks", description = "Kanban tasks and their comments"),
        (name = "documents", description = "Project documents: presigned uploads, verification, download links"),
        (name = "payments", description = "Online payments through CinetPay: start, CinetPay's notifications and return, status, receipts"),
        (name = "notifications", description = "In-app notifications of the signed-in person"),
        (name = "storage", description = "Signed upload and download URLs of the local file storage (404 when files are on S3)"),
    ),
    components(schemas(crate::schemas::ErrorDetail, crate::schemas::ValidationErrors))
)]
struct BaseDoc;

pub fn base() -> utoipa::openapi::OpenApi {
    BaseDoc::openapi()
}

/// Adds the security schemes once every path is known.
pub fn finish(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "session_cookie",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            "sessionid",
            "Session cookie set by `POST /api/auth/login/` (HttpOnly).",
        ))),
    );
    components.add_security_scheme(
        "csrf_token",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "X-CSRFToken",
            "Required on POST, PUT, PATCH and DELETE: the value of the `csrftoken` cookie.",
        ))),
    );
    api
}

/// The documented paths and their methods, to tell "no such path" (404) from
/// "no such method on this path" (405) for requests no route matched.
#[derive(Debug, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<Option<String>>, Vec<String>)>,
}

impl RouteTable {
    pub fn from_openapi(api: &utoipa::openapi::OpenApi) -> RouteTable {
        let routes = api
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments =
                    path.split('/').map(|s| if s.starts_with('{') { None } else { Some(s.to_owned()) }).collect();
                let methods = [
                    ("GET", item.get.is_some()),
                    ("HEAD", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter(|(_, present)| *present)
                .map(|(method, _)| method.to_owned())
                .collect();
                (segments, methods)
            })
            .collect();
        RouteTable { routes }
    }

    /// Whether some documented route serves `method` on `path`.
    pub fn serves(&self, method: &str, path: &str) -> bool {
        self.methods_for(path).iter().any(|m| m == method)
    }

    fn methods_for(&self, path: &str) -> Vec<String> {
        let segments: Vec<&str> = path.split('/').collect();
        self.routes
            .iter()
            .filter(|(pattern, _)| {
                pattern.len() == segments.len()
                    && pattern.iter().zip(&segments).all(|(p, s)| p.as_deref().is_none_or(|literal| literal == *s))
            })
            .flat_map(|(_, methods)| methods.iter().cloned())
            .collect()
    }

    /// The error for a request that matched no route.
    pub fn unmatched(&self, req: &HttpRequest) -> ApiError {
        let mut allow = self.methods_for(req.path());
        if allow.is_empty() {
            return ApiError::NotFound;
        }
        allow.push("OPTIONS".into());
        allow.dedup();
        ApiError::MethodNotAllowed { allow }
    }
}
