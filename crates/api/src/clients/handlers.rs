//! Client companies: listed and read in the caller's scope, created by NOURX staff, their
//! profile changed by their owners (and their terms by NOURX staff).

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use nourx_db::PgConn;
use nourx_db::audit::{self, AuditContext};
use nourx_db::clients::{self, Client, ClientChanges, ClientFilter, NewClient, StaffClientFilter};
use nourx_domain::client::normalize_tags;
use nourx_domain::{Action, ClientStatus, Email, Message};
use uuid::Uuid;

use super::dto::*;
use crate::AppState;
use crate::http::caller::{Caller, Staff};
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice, ordering};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

fn too_long(max: usize) -> Message {
    Message::owned(
        format!("{max} caractères au maximum."),
        format!("Ensure this field has no more than {max} characters."),
    )
}

fn name_taken() -> ApiError {
    ApiError::field("name", Message::new("Un client porte déjà ce nom.", "A client with this name already exists."))
}

/// The unique index on `lower(name)` catches what the check before the write could not (a race).
fn unique_name(error: DieselError) -> ApiError {
    match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => name_taken(),
        other => other.into(),
    }
}

/// An optional text: trimmed, blank meaning none, at most `max` characters.
fn optional_text(errors: &mut FieldErrors, field: &str, value: Option<&str>, max: usize) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    if value.chars().count() > max {
        errors.add(field, too_long(max));
    }
    Some(value.to_owned())
}

/// `ci` → `CI`: `len` ASCII letters, upper-cased (ISO 3166-1 alpha-2, ISO 4217).
fn code(errors: &mut FieldErrors, field: &str, value: &str, len: usize, example: &str) -> String {
    let value = value.trim().to_ascii_uppercase();
    if value.len() != len || !value.chars().all(|c| c.is_ascii_uppercase()) {
        errors.add(
            field,
            Message::owned(
                format!("Code de {len} lettres attendu (ex. {example})."),
                format!("Expected a {len}-letter code (e.g. {example})."),
            ),
        );
    }
    value
}

fn billing_email(errors: &mut FieldErrors, value: Option<&str>) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    match Email::parse(value) {
        Ok(email) => Some(email.into_inner()),
        Err(message) => {
            errors.add("billing_email", message);
            None
        }
    }
}

fn phone(errors: &mut FieldErrors, value: Option<&str>) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    let normalized = crate::me::normalize_phone(value);
    if normalized.is_none() {
        errors.add(
            "phone",
            Message::new(
                "Numéro invalide : 8 à 15 chiffres, indicatif pays facultatif (ex. +225 27 20 30 40 50).",
                "Invalid number: 8 to 15 digits, optional country code (e.g. +225 27 20 30 40 50).",
            ),
        );
    }
    normalized
}

/// Tags as stored (lowercase, without duplicates); 400 on `tags` when too many or too long.
fn tags_of(errors: &mut FieldErrors, tags: &[String]) -> Vec<String> {
    normalize_tags(tags).unwrap_or_else(|message| {
        errors.add("tags", message);
        Vec::new()
    })
}

/// `Some(None)` clears, `Some(Some(v))` sets, `None` keeps; blank clears.
fn nullable(
    errors: &mut FieldErrors,
    value: Option<Option<String>>,
    check: impl FnOnce(&mut FieldErrors, Option<&str>) -> Option<String>,
) -> Option<Option<String>> {
    value.map(|inner| check(errors, inner.as_deref()))
}

/// Clients of the caller. NOURX staff get every client, filtered (`q`, `city`, `country`,
/// `sector`, `tag`, `has_overdue`) and with its figures (outstanding, overdue, members, projects).
#[utoipa::path(
    tag = "clients",
    params(ClientListQuery, PageQuery),
    responses(
        (status = 200, body = Page<ClientDto>),
        (status = 400, description = "Bad filter, ordering or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/clients/")]
pub async fn list_clients(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ClientListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ClientDto>>> {
    let request = page.request()?;
    let query = query.into_inner();
    let statuses: Vec<&str> = ClientStatus::ALL.iter().map(|status| status.as_str()).collect();
    let status = choice("status", query.status.as_deref(), &statuses)?.and_then(ClientStatus::parse);
    let search = query.q.clone().or(query.search.clone()).filter(|s| !s.trim().is_empty());
    let (count, results) = if caller.is_staff() {
        let order = ordering(query.ordering.as_deref(), clients::STAFF_ORDERING_FIELDS)?;
        let filter = staff_filter(query, status, search)?;
        let (count, rows) = state
            .db
            .run(move |conn| {
                clients::list_with_figures(conn, &filter, &order, request, today()).map_err(ApiError::from)
            })
            .await?;
        (count, rows.into_iter().map(ClientDto::from).collect())
    } else {
        let order = ordering(query.ordering.as_deref(), clients::ORDERING_FIELDS)?;
        let (filter, scope) = (ClientFilter { status, search }, caller.scope());
        let (count, rows) = state
            .db
            .run(move |conn| clients::list(conn, &scope, &filter, &order, request).map_err(ApiError::from))
            .await?;
        (count, rows.into_iter().map(ClientDto::from).collect())
    };
    Ok(web::Json(Page::new(&req, request, count, results)))
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The staff list's filters; 400 on a country that is not a 2-letter code.
fn staff_filter(
    query: ClientListQuery,
    status: Option<ClientStatus>,
    q: Option<String>,
) -> Result<StaffClientFilter, ApiError> {
    let given = |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let mut errors = FieldErrors::new();
    let country = given(query.country).map(|country| code(&mut errors, "country", &country, 2, "CI"));
    errors.into_result()?;
    Ok(StaffClientFilter {
        status,
        q: q.map(|q| q.trim().to_owned()),
        city: given(query.city),
        country,
        sector: given(query.sector),
        tag: given(query.tag).map(|tag| tag.to_lowercase()),
        has_overdue: query.has_overdue,
    })
}

/// One client.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ClientDto),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/clients/{id}/")]
pub async fn get_client(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ClientDto>> {
    let (id, scope) = (id.into_inner(), caller.scope());
    let client = state.db.run(move |conn| clients::find(conn, &scope, id)?.ok_or(ApiError::NotFound)).await?;
    Ok(web::Json(ClientDto::seen_by(client, caller.is_staff())))
}

/// Creates a client (NOURX staff). Its first owner is then invited through its members.
#[utoipa::path(
    tag = "clients",
    request_body = CreateClientRequest,
    responses(
        (status = 201, body = ClientDto),
        (status = 400, description = "Invalid fields, or the name is taken", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/clients/")]
pub async fn create_client(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<CreateClientRequest>,
) -> ApiResult<HttpResponse> {
    let fields = NewClientFields::check(body)?;
    let audit_context = staff.audit();
    let client = state.db.run(move |conn| conn.transaction(|conn| fields.insert(conn, &audit_context))).await?;
    Ok(HttpResponse::Created().json(ClientDto::for_staff(client)))
}

/// A new client's profile, checked.
struct NewClientFields {
    name: String,
    legal_name: Option<String>,
    tax_id: Option<String>,
    address: Option<String>,
    city: Option<String>,
    country: String,
    phone: Option<String>,
    billing_email: Option<String>,
    currency: String,
    /// Status, language, instalments and segmentation: set right after the insert.
    terms: ClientChanges,
}

impl NewClientFields {
    /// 400 naming every field that is wrong.
    fn check(body: CreateClientRequest) -> Result<NewClientFields, ApiError> {
        let mut errors = FieldErrors::new();
        let fields = NewClientFields {
            name: text(&mut errors, "name", &body.name, 200),
            legal_name: optional_text(&mut errors, "legal_name", body.legal_name.as_deref(), 200),
            tax_id: optional_text(&mut errors, "tax_id", body.tax_id.as_deref(), 50),
            address: optional_text(&mut errors, "address", body.address.as_deref(), 500),
            city: optional_text(&mut errors, "city", body.city.as_deref(), 100),
            country: code(&mut errors, "country", body.country.as_deref().unwrap_or("CI"), 2, "CI"),
            phone: phone(&mut errors, body.phone.as_deref()),
            billing_email: billing_email(&mut errors, body.billing_email.as_deref()),
            currency: code(&mut errors, "currency", body.currency.as_deref().unwrap_or("XOF"), 3, "XOF"),
            terms: ClientChanges {
                status: body.status,
                language: body.language,
                partial_payments_allowed: body.partial_payments_allowed,
                sector: body.sector.map(|sector| optional_text(&mut errors, "sector", Some(&sector), 80)),
                tags: body.tags.map(|tags| tags_of(&mut errors, &tags)),
                size: body.size.map(Some),
                ..Default::default()
            },
        };
        errors.into_result().map(|()| fields)
    }

    /// Inserts the client (400 when its name is taken, whatever the case) and audits it.
    fn insert(self, conn: &mut PgConn, audit_context: &AuditContext) -> Result<Client, ApiError> {
        if Client::find_by_name(conn, &self.name)?.is_some() {
            return Err(name_taken());
        }
        let mut client = NewClient {
            id: Uuid::now_v7(),
            name: &self.name,
            legal_name: self.legal_name.as_deref(),
            tax_id: self.tax_id.as_deref(),
            address: self.address.as_deref(),
            city: self.city.as_deref(),
            country: &self.country,
            phone: self.phone.as_deref(),
            billing_email: self.billing_email.as_deref(),
            currency: &self.currency,
        }
        .insert(conn)
        .map_err(unique_name)?;
        if !self.terms.is_empty() {
            client = clients::update(conn, client.id, &self.terms)?;
        }
        let values = audit::snapshot(&client);
        audit::record(conn, audit_context, "create", ("client", client.id), Some(client.id.to_string()), values)?;
        Ok(client)
    }
}

/// Changes a client's profile (its owners, or NOURX staff). Only NOURX staff may change `status`,
/// `currency` and `partial_payments_allowed`.
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path)),
    request_body = UpdateClientRequest,
    responses(
        (status = 200, body = ClientDto),
        (status = 400, description = "Invalid fields, or the name is taken", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an owner of the client (or `status`, `currency` or `partial_payments_allowed` without being NOURX staff), or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/clients/{id}/")]
pub async fn update_client(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<UpdateClientRequest>,
) -> ApiResult<web::Json<ClientDto>> {
    let changes = client_changes(body)?;
    let id = id.into_inner();
    let staff = caller.is_staff();
    let client = state.db.run(move |conn| conn.transaction(|conn| change_client(conn, &caller, id, &changes))).await?;
    Ok(web::Json(ClientDto::seen_by(client, staff)))
}

/// The checked changes of `PATCH /api/clients/{id}/`; 400 naming every field that is wrong.
fn client_changes(body: UpdateClientRequest) -> Result<ClientChanges, ApiError> {
    let mut errors = FieldErrors::new();
    let changes = ClientChanges {
        name: body.name.as_deref().map(|n| text(&mut errors, "name", n, 200)),
        legal_name: nullable(&mut errors, body.legal_name, |e, v| optional_text(e, "legal_name", v, 200)),
        tax_id: nullable(&mut errors, body.tax_id, |e, v| optional_text(e, "tax_id", v, 50)),
        address: nullable(&mut errors, body.address, |e, v| optional_text(e, "address", v, 500)),
        city: nullable(&mut errors, body.city, |e, v| optional_text(e, "city", v, 100)),
        country: body.country.as_deref().map(|c| code(&mut errors, "country", c, 2, "CI")),
        phone: nullable(&mut errors, body.phone, phone),
        billing_email: nullable(&mut errors, body.billing_email, billing_email),
        currency: body.currency.as_deref().map(|c| code(&mut errors, "currency", c, 3, "XOF")),
        status: body.status,
        language: body.language,
        partial_payments_allowed: body.partial_payments_allowed,
        sector: nullable(&mut errors, body.sector, |e, v| optional_text(e, "sector", v, 80)),
        tags: body.tags.map(|tags| tags_of(&mut errors, &tags)),
        size: body.size,
    };
    errors.into_result().map(|()| changes)
}

/// Applies `changes` to the client `id` in the caller's scope: its owners change its profile,
/// NOURX staff also its terms (status, currency, instalments). Audited.
fn change_client(conn: &mut PgConn, caller: &Caller, id: Uuid, changes: &ClientChanges) -> Result<Client, ApiError> {
    let before = clients::find(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    caller.require(before.id, Action::UpdateClientProfile)?;
    if changes.touches_terms() {
        caller.require(before.id, Action::SetClientTerms)?;
    }
    if let Some(name) = &changes.name
        && Client::find_by_name(conn, name)?.is_some_and(|other| other.id != id)
    {
        return Err(name_taken());
    }
    let after = clients::update(conn, id, changes).map_err(unique_name)?;
    if before.status != after.status {
        super::lifecycle::after_status_change(conn, &after)?;
    }
    let diff = audit::changes(&before, &after);
    let action = if before.status != after.status { "status_change" } else { "update" };
    audit::record(conn, &caller.audit(), action, ("client", id), Some(id.to_string()), diff)?;
    Ok(after)
}
