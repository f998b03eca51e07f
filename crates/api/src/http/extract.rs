//! Extractors: a strict JSON body, the logged-in user, the client's address, the reader's language.

use std::net::IpAddr;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use nourx_db::users::User;
use nourx_domain::{Lang, MemberRole, Message};
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::http::error::{ApiError, FieldErrors, NON_FIELD_ERRORS};
use crate::http::session::UserSession;

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState is not registered")))
}

/// A JSON body, read with a size limit and deserialized strictly: a wrong content
/// type is a 415, an oversize body a 413, and every other problem a 400 naming the field.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = state(req).map(|s| s.config.max_json_body_bytes).unwrap_or(1024 * 1024);
        let content_type_ok = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
            })
            .unwrap_or(false);
        let declared_length = declared_length(req);
        let mut payload = payload.take();
        Box::pin(async move {
            if !content_type_ok {
                return Err(ApiError::UnsupportedMediaType);
            }
            let body = read_capped(declared_length, &mut payload, limit).await?;
            parse_json(&body).map(Json)
        })
    }
}

/// The body's `Content-Length`, when it says one.
pub fn declared_length(req: &HttpRequest) -> Option<u64> {
    req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok())
}

/// The request body, refused with a 413 as soon as it is known to exceed `limit` bytes (from
/// `declared_length`, or while it streams in): nothing of an oversize request is kept.
pub async fn read_capped<E>(
    declared_length: Option<u64>,
    payload: &mut (impl futures_util::Stream<Item = Result<web::Bytes, E>> + Unpin),
    limit: usize,
) -> Result<web::Bytes, ApiError> {
    if declared_length.is_some_and(|length| length > limit as u64) {
        return Err(ApiError::PayloadTooLarge { limit_bytes: limit });
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::BadRequest {
            code: "payload_error",
            message: Message::new("Le corps de la requête est incomplet.", "The request body is incomplete."),
        })?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge { limit_bytes: limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Deserializes `body`, turning serde's complaints into DRF-style field errors.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest {
            code: "parse_error",
            message: Message::new("Le corps de la requête est vide.", "The request body is empty."),
        });
    }
    refuse_nul_in_json(body)?;
    // Every request body is an object; serde would also accept a struct as an array.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{')
        && serde_json::from_slice::<serde_json::Value>(body).is_ok()
    {
        return Err(ApiError::field(
            NON_FIELD_ERRORS,
            Message::new("Données invalides : un objet JSON est attendu.", "Invalid data: a JSON object is expected."),
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);
    let value = value
        .map_err(|error| (error.path().to_string(), error.into_inner()))
        .and_then(|v| deserializer.end().map(|_| v).map_err(|e| (String::new(), e)));
    value.map_err(|(path, inner)| {
        if !inner.is_data() {
            return ApiError::BadRequest {
                code: "parse_error",
                message: Message::owned(
                    format!("JSON mal formé (ligne {}, colonne {}).", inner.line(), inner.column()),
                    format!("JSON parse error (line {}, column {}).", inner.line(), inner.column()),
                ),
            };
        }
        let (field, message) = describe_data_error(&path, &inner.to_string());
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        ApiError::Validation(errors)
    })
}

/// DRF's message for a string holding a NUL character, which PostgreSQL refuses in text.
pub fn nul_message() -> Message {
    Message::new("Les caractères nuls (U+0000) ne sont pas autorisés.", "Null characters are not allowed.")
}

/// A 400 naming every string of `body` (key or value) that holds a NUL character, as
/// `field`, `field.nested` or `items[2].name`. A JSON string can only carry one escaped
/// (`\u0000`, raw control characters are a parse error), so bodies without that escape are
/// not parsed twice.
fn refuse_nul_in_json(body: &[u8]) -> Result<(), ApiError> {
    if !body.windows(6).any(|window| window == b"\\u0000") {
        return Ok(());
    }
    // Malformed JSON is left to the real parse, which says where.
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Ok(());
    };
    let mut errors = FieldErrors::new();
    collect_nul_fields(&value, "", &mut errors);
    errors.into_result()
}

fn collect_nul_fields(value: &serde_json::Value, path: &str, errors: &mut FieldErrors) {
    let here = || if path.is_empty() { NON_FIELD_ERRORS.to_owned() } else { path.to_owned() };
    match value {
        serde_json::Value::String(text) if text.contains('\0') => {
            errors.add(here(), nul_message());
        }
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_nul_fields(item, &format!("{path}[{index}]"), errors);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                if key.contains('\0') {
                    // The key itself cannot be echoed as a field name: blame its object.
                    errors.add(here(), nul_message());
                    continue;
                }
                let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                collect_nul_fields(item, &child, errors);
            }
        }
        _ => {}
    }
}

/// Refuses NUL characters in the URL before any handler runs, for every route: in a query
/// parameter (name or value, once percent-decoded as `web::Query` decodes it) a 400 naming the
/// parameter; in the path a 404, as for any other path segment that names nothing.
pub async fn refuse_nul_in_url(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    let error =
        if req.path().contains("%00") { Some(ApiError::NotFound) } else { query_nul_errors(req.query_string()).err() };
    if let Some(error) = error {
        let (http_request, _) = req.into_parts();
        return Ok(actix_web::dev::ServiceResponse::from_err(error, http_request));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// A 400 naming each query parameter whose name or value holds a NUL character.
pub fn query_nul_errors(query: &str) -> Result<(), ApiError> {
    // Cheap test first: a NUL can only arrive percent-encoded.
    if !query.contains("%00") {
        return Ok(());
    }
    let mut errors = FieldErrors::new();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        if name.contains('\0') {
            errors.add(NON_FIELD_ERRORS, nul_message());
        } else if value.contains('\0') {
            errors.add(name.into_owned(), nul_message());
        }
    }
    errors.into_result()
}

/// The fields of an `application/x-www-form-urlencoded` body; a 400 naming each field whose
/// name or value holds a NUL character.
pub fn form_fields(body: &[u8]) -> Result<Vec<(String, String)>, ApiError> {
    let fields: Vec<(String, String)> =
        url::form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let mut errors = FieldErrors::new();
    for (name, value) in &fields {
        if name.contains('\0') {
            errors.add(NON_FIELD_ERRORS, nul_message());
        } else if value.contains('\0') {
            errors.add(name.clone(), nul_message());
        }
    }
    errors.into_result().map(|()| fields)
}

/// Maps serde's message (`missing field \`x\``, `unknown field \`y\``, `invalid type: …`)
/// to the field it concerns and a message for people.
fn describe_data_error(path: &str, serde_message: &str) -> (String, Message) {
    let serde_message = serde_message.split(" at line ").next().unwrap_or(serde_message);
    let quoted = serde_message.split('`').nth(1).unwrap_or("").to_owned();
    // serde_path_to_error's path stops at the parent for a missing field but
    // already includes the name of an unknown one.
    let join = |name: &str| {
        if path == "." || path.is_empty() {
            name.to_owned()
        } else if path == name || path.ends_with(&format!(".{name}")) {
            path.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    let at_root = path == "." || path.is_empty();
    if serde_message.starts_with("missing field") {
        return (join(&quoted), Message::new("Ce champ est obligatoire.", "This field is required."));
    }
    if serde_message.starts_with("unknown field") {
        return (join(&quoted), Message::new("Ce champ n'est pas accepté.", "This field is not allowed."));
    }
    let field = if at_root { NON_FIELD_ERRORS.to_owned() } else { path.to_owned() };
    if serde_message.starts_with("unknown variant") {
        let message = Message::owned(
            format!("« {quoted} » n'est pas un choix valide."),
            format!("\"{quoted}\" is not a valid choice."),
        );
        return (field, message);
    }
    if serde_message.starts_with("invalid type: null") {
        return (field, Message::new("Ce champ ne peut pas être nul.", "This field may not be null."));
    }
    if at_root && serde_message.starts_with("invalid type") {
        return (
            field,
            Message::new("Données invalides : un objet JSON est attendu.", "Invalid data: a JSON object is expected."),
        );
    }
    let expected = serde_message.rsplit("expected ").next().unwrap_or("");
    let (fr, en) = if expected.contains("string") {
        ("une chaîne de caractères", "a string")
    } else if expected.contains("bool") {
        ("un booléen (true ou false)", "a boolean (true or false)")
    } else if expected.contains("integer") || expected.starts_with('u') || expected.starts_with('i') {
        ("un nombre entier", "an integer")
    } else if expected.contains("sequence") {
        ("une liste", "a list")
    } else if expected.contains("UUID") {
        ("un identifiant UUID", "a UUID")
    } else if expected.contains("map") || expected.contains("struct") {
        ("un objet", "an object")
    } else {
        ("une autre valeur", "a different value")
    };
    (field, Message::owned(format!("Valeur invalide : {fr} est attendu(e)."), format!("Invalid value: expected {en}.")))
}

/// The logged-in, active user. A request without one is answered 401; a staff account outside
/// `NOURX_STAFF_ALLOWED_NETWORKS` 403 `staff_network_not_allowed`; a staff account that must enrol
/// in two-factor authentication first 403 `two_factor_enrolment_required` (see [`EnrollingUser`]).
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    /// (client id, member role) of every client the user belongs to, oldest first;
    /// loaded with the user, in the same round trip.
    pub memberships: Vec<(uuid::Uuid, MemberRole)>,
    /// A staff account that must enrol in two-factor authentication before anything else.
    pub two_factor_enrolment_required: bool,
}

impl CurrentUser {
    /// Whether the user is NOURX staff (role `admin` or `staff`).
    pub fn is_staff(&self) -> bool {
        self.user.role.is_staff()
    }
}

/// The session's user, whatever the two-factor enrolment says (the other checks apply).
fn load_current(req: &HttpRequest) -> LocalBoxFuture<'static, Result<CurrentUser, ApiError>> {
    let session = UserSession::of(req);
    let state = state(req);
    Box::pin(async move {
        let state = state?;
        let user_id = session.user_id().ok_or(ApiError::NotAuthenticated)?;
        let staff_required = state.config.staff_two_factor_required;
        let user = state
            .db
            .run(move |conn| {
                let user = User::find(conn, user_id)?;
                let memberships =
                    if user.is_active { nourx_db::clients::memberships_of(conn, user_id)? } else { Vec::new() };
                let enrolled = if staff_required && user.role.is_staff() {
                    nourx_db::two_factor::is_enabled(conn, user_id)?
                } else {
                    true
                };
                Ok::<_, ApiError>((user, memberships, enrolled))
            })
            .await;
        match user {
            Ok((user, memberships, enrolled)) if user.is_active => {
                let is_staff = user.role.is_staff();
                // A staff session opened before the account became staff has the client lifetimes.
                if is_staff && !session.is_staff() {
                    session.log_out();
                    return Err(ApiError::NotAuthenticated);
                }
                if is_staff && !state.config.staff_network_allows(session.ip()) {
                    return Err(crate::auth::staff_network_refused());
                }
                let two_factor_enrolment_required =
                    nourx_domain::two_factor::enrolment_required(is_staff, enrolled, staff_required);
                Ok(CurrentUser { user, memberships, two_factor_enrolment_required })
            }
            Ok(_) | Err(ApiError::NotFound) => {
                session.log_out();
                Err(ApiError::NotAuthenticated)
            }
            Err(other) => Err(other),
        }
    })
}

impl FromRequest for CurrentUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let current = load_current(req);
        Box::pin(async move {
            let current = current.await?;
            if current.two_factor_enrolment_required {
                return Err(crate::auth::enrolment_required());
            }
            Ok(current)
        })
    }
}

/// The logged-in user, also when a staff account still has to enrol in two-factor
/// authentication: for `/api/me/`, the enrolment endpoints and logout only.
#[derive(Debug, Clone)]
pub struct EnrollingUser(pub CurrentUser);

impl FromRequest for EnrollingUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let current = load_current(req);
        Box::pin(async move { current.await.map(EnrollingUser) })
    }
}

/// The client's address: the peer, or, when the peer is a trusted proxy, the
/// nearest address in `X-Forwarded-For` that is not itself a trusted proxy.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequest for ClientIp {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let peer = req.peer_addr().map(|addr| addr.ip());
        let proxies = state(req).map(|s| s.config.trusted_proxies.clone()).unwrap_or_default();
        let is_proxy = |ip: IpAddr| proxies.iter().any(|net| net.contains(ip));
        let ip = match peer {
            Some(peer) if is_proxy(peer) => {
                let forwarded: Vec<IpAddr> = req
                    .headers()
                    .get_all("x-forwarded-for")
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(','))
                    .filter_map(|part| part.trim().parse().ok())
                    .collect();
                forwarded.into_iter().rev().find(|ip| !is_proxy(*ip)).or(Some(peer))
            }
            other => other,
        };
        std::future::ready(Ok(ClientIp(ip)))
    }
}

/// The language of a caller without an account (a pay link's holder): `Accept-Language`, as the
/// error bodies' (`middleware::localize`), French unless English comes first.
#[derive(Debug, Clone, Copy)]
pub struct RequestLang(pub Lang);

impl FromRequest for RequestLang {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let header = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        std::future::ready(Ok(RequestLang(Lang::from_accept_language(header))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Login {
        email: String,
        remember: Option<bool>,
    }

    fn body(result: Result<Login, ApiError>) -> serde_json::Value {
        match result {
            Err(error) => error.body(nourx_domain::Lang::En),
            Ok(value) => panic!("expected an error, got {value:?}"),
        }
    }

    #[test]
    fn names_the_field_in_every_kind_of_mistake() {
        assert_eq!(body(parse_json(br#"{}"#)), serde_json::json!({"email": ["This field is required."]}));
        assert_eq!(
            body(parse_json(br#"{"email": "a@b.ci", "pwd": 1}"#)),
            serde_json::json!({"pwd": ["This field is not allowed."]})
        );
        assert_eq!(
            body(parse_json(br#"{"email": 12}"#)),
            serde_json::json!({"email": ["Invalid value: expected a string."]})
        );
        assert_eq!(
            body(parse_json(br#"{"email": "a@b.ci", "remember": "yes"}"#)),
            serde_json::json!({"remember": ["Invalid value: expected a boolean (true or false)."]})
        );
        assert_eq!(
            body(parse_json(br#"{"email": null}"#)),
            serde_json::json!({"email": ["This field may not be null."]})
        );
        assert_eq!(
            body(parse_json(br#"[1, 2]"#)),
            serde_json::json!({"non_field_errors": ["Invalid data: a JSON object is expected."]})
        );
    }

    #[test]
    fn malformed_json_is_a_parse_error() {
        let error = body(parse_json(br#"{"email": "#));
        assert_eq!(error["code"], "parse_error");
        let trailing = body(parse_json(br#"{"email": "a@b.ci"} x"#));
        assert_eq!(trailing["code"], "parse_error");
    }
}
