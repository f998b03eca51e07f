//! The OpenAPI document's fixed parts, and the 404/405 answers derived from it.

use actix_web::HttpRequest;
use utoipa::OpenApi;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Response};

use crate::http::error::ApiError;

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
        (name = "events", description = "Live events of the signed-in person (Server-Sent Events)"),
        (name = "storage", description = "Signed upload and download URLs of the local file storage (404 when files are on S3)"),
        (name = "branding", description = "The agency's public name, logo and colour (no session needed)"),
    ),
    components(schemas(crate::http::schemas::ErrorDetail, crate::http::schemas::ValidationErrors))
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
    for item in api.paths.paths.values_mut() {
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for operation in operations.into_iter().flatten() {
            document_common_errors(operation);
        }
    }
    api
}

const VALIDATION_ERRORS: &str = "ValidationErrors";
const ERROR_DETAIL: &str = "ErrorDetail";

/// The answers the shared machinery gives whatever the handler says, documented once here so
/// that every route (today's and tomorrow's) documents them:
/// - a JSON request body (the `Json` extractor): 400 as field errors or, for an empty, truncated
///   or malformed body, `{"detail", "code": "parse_error"}`; 413 over the size limit; 415 when
///   the body is not JSON;
/// - query parameters (`web::Query`, and the NUL check of every query string): 400 field errors;
/// - path parameters (`web::Path`): 404 when one does not parse;
/// - a documented 429 carries `Retry-After`.
fn document_common_errors(operation: &mut Operation) {
    let json_body = match &operation.request_body {
        Some(RefOr::T(body)) => body.content.keys().any(|media| is_json(media)),
        _ => false,
    };
    let parameters_in = |place: ParameterIn| {
        operation
            .parameters
            .iter()
            .flatten()
            .any(|parameter| matches!(parameter, RefOr::T(parameter) if parameter.parameter_in == place))
    };
    let (query, path) = (parameters_in(ParameterIn::Query), parameters_in(ParameterIn::Path));
    let responses = &mut operation.responses.responses;
    if json_body {
        add_error_schemas(
            responses,
            "400",
            "Invalid input: field errors, or `parse_error` for an empty, incomplete or malformed JSON body",
            &[VALIDATION_ERRORS, ERROR_DETAIL],
        );
        add_error_schemas(responses, "413", "The body exceeds the size limit (`payload_too_large`)", &[ERROR_DETAIL]);
        add_error_schemas(
            responses,
            "415",
            "The body is not JSON: `Content-Type` must be `application/json` (`unsupported_media_type`)",
            &[ERROR_DETAIL],
        );
    }
    if query {
        add_error_schemas(responses, "400", "Invalid query parameters", &[VALIDATION_ERRORS]);
    }
    if path {
        add_error_schemas(responses, "404", "Not found, or a path parameter that names nothing", &[ERROR_DETAIL]);
    }
    if let Some(RefOr::T(throttled)) = responses.get_mut("429") {
        throttled.headers.entry("Retry-After".to_owned()).or_insert_with(|| {
            HeaderBuilder::new()
                .schema(Some(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1))))
                .description(Some("Seconds to wait before trying again"))
                .build()
                .into()
        });
    }
}

fn is_json(media: &str) -> bool {
    media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"))
}

/// Makes `status` (added with `description` when absent) document each of `schemas` (components)
/// as its JSON body: one schema as a reference, several as a `oneOf`.
fn add_error_schemas(
    responses: &mut std::collections::BTreeMap<String, RefOr<Response>>,
    status: &str,
    description: &str,
    schemas: &[&str],
) {
    let response = responses.entry(status.to_owned()).or_insert_with(|| RefOr::T(Response::new(description)));
    let RefOr::T(response) = response else {
        return;
    };
    let content = response.content.entry("application/json".to_owned()).or_insert_with(|| RefOr::T(Content::default()));
    let RefOr::T(content) = content else {
        return;
    };
    let mut items: Vec<RefOr<Schema>> = match content.schema.take() {
        None => Vec::new(),
        Some(RefOr::T(Schema::OneOf(one_of))) => one_of.items,
        Some(other) => vec![other],
    };
    for name in schemas {
        let reference = RefOr::Ref(Ref::from_schema_name(*name));
        if !items.contains(&reference) {
            items.push(reference);
        }
    }
    content.schema = Some(if items.len() == 1 {
        items.remove(0)
    } else {
        let mut one_of = OneOfBuilder::new();
        for item in items {
            one_of = one_of.item(item);
        }
        RefOr::T(Schema::OneOf(one_of.build()))
    });
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

    /// The methods served on `path`. A fixed path (`/api/payments/init/`) also matches the
    /// templates beside it (`/api/payments/{id}/`), whose identifiers it can never be: when
    /// fixed routes match, they alone count.
    fn methods_for(&self, path: &str) -> Vec<String> {
        let literal = self.matching_methods(path, true);
        if literal.is_empty() { self.matching_methods(path, false) } else { literal }
    }

    fn matching_methods(&self, path: &str, literal_only: bool) -> Vec<String> {
        let segments: Vec<&str> = path.split('/').collect();
        let mut methods: Vec<String> = self
            .routes
            .iter()
            .filter(|(pattern, _)| {
                pattern.len() == segments.len()
                    && pattern.iter().zip(&segments).all(|(p, s)| match p.as_deref() {
                        Some(literal) => literal == *s,
                        None => !literal_only,
                    })
            })
            .flat_map(|(_, methods)| methods.iter().cloned())
            .collect();
        methods.dedup();
        methods
    }

    /// The error for a request whose route matched but whose path parameters do not parse
    /// (`GET /api/payments/init/` meets `GET /api/payments/{id}/`): 405 when the path is one
    /// of the fixed paths (served with other methods), 404 otherwise.
    pub fn unparsable_path(&self, req: &HttpRequest) -> ApiError {
        let mut allow = self.matching_methods(req.path(), true);
        if allow.is_empty() {
            return ApiError::NotFound;
        }
        allow.push("OPTIONS".into());
        ApiError::MethodNotAllowed { allow }
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
