//! Saved filters: each staff member's own named filters of a back-office list.

use actix_web::{HttpResponse, delete, get, post, web};
use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use nourx_db::audit;
use nourx_db::saved_filters::{self, NewSavedFilter, SavedFilter};
use nourx_domain::Message;
use nourx_domain::client::FilterScope;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::choice_of;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

#[derive(Debug, Serialize, ToSchema)]
pub struct SavedFilterDto {
    pub id: Uuid,
    pub scope: FilterScope,
    #[schema(example = "BTP actifs")]
    pub name: String,
    /// The list's query string.
    #[schema(example = "status=active&sector=btp")]
    pub query: String,
}

impl From<SavedFilter> for SavedFilterDto {
    fn from(filter: SavedFilter) -> SavedFilterDto {
        SavedFilterDto { id: filter.id, scope: filter.scope, name: filter.name, query: filter.query }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SavedFilterQuery {
    /// Only the filters of this list (`clients`).
    pub scope: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSavedFilterRequest {
    pub scope: FilterScope,
    /// 1 to 80 characters, unique (whatever the case) among the caller's filters of the scope.
    pub name: String,
    /// The list's query string, at most 1000 characters, without a leading `?`.
    pub query: String,
}

/// The caller's saved filters, by scope and name (NOURX staff).
#[utoipa::path(
    tag = "admin",
    params(SavedFilterQuery),
    responses(
        (status = 200, body = [SavedFilterDto]),
        (status = 400, description = "Unknown scope", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/saved-filters/")]
pub async fn list_saved_filters(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<SavedFilterQuery>,
) -> ApiResult<web::Json<Vec<SavedFilterDto>>> {
    let scope = choice_of("scope", query.scope.as_deref(), FilterScope::ALL, FilterScope::as_str)?;
    let user_id = staff.id();
    let filters =
        state.db.run(move |conn| saved_filters::of_user(conn, user_id, scope).map_err(ApiError::from)).await?;
    Ok(web::Json(filters.into_iter().map(SavedFilterDto::from).collect()))
}

fn name_taken() -> ApiError {
    ApiError::field(
        "name",
        Message::new("Vous avez déjà un filtre de ce nom.", "You already have a filter with this name."),
    )
}

/// Saves a filter for the caller (NOURX staff).
#[utoipa::path(
    tag = "admin",
    request_body = CreateSavedFilterRequest,
    responses(
        (status = 201, body = SavedFilterDto),
        (status = 400, description = "Invalid fields, or the name is taken", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/saved-filters/")]
pub async fn create_saved_filter(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<CreateSavedFilterRequest>,
) -> ApiResult<HttpResponse> {
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "name", &body.name, 80);
    let query = body.query.trim().trim_start_matches('?').to_owned();
    if query.chars().count() > 1000 {
        errors.add("query", Message::new("1000 caractères au maximum.", "At most 1000 characters."));
    }
    errors.into_result()?;
    let (user_id, scope, audit_context) = (staff.id(), body.scope, staff.audit());
    let filter = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let new = NewSavedFilter { id: Uuid::now_v7(), user_id, scope, name: &name, query: &query };
                let filter = new.insert(conn).map_err(|error| match error {
                    DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => name_taken(),
                    other => other.into(),
                })?;
                let values = audit::snapshot(&filter);
                audit::record(conn, &audit_context, "create", "saved_filter", Some(filter.id.to_string()), values)?;
                Ok::<_, ApiError>(filter)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(SavedFilterDto::from(filter)))
}

/// Deletes one of the caller's saved filters (NOURX staff; another's is a 404).
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such filter of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/admin/saved-filters/{id}/")]
pub async fn delete_saved_filter(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (user_id, id, audit_context) = (staff.id(), id.into_inner(), staff.audit());
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                if !saved_filters::delete(conn, user_id, id)? {
                    return Err(ApiError::NotFound);
                }
                audit::record(conn, &audit_context, "delete", "saved_filter", Some(id.to_string()), json!({}))?;
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
