//! Liveness and readiness probes for load balancers and orchestrators.

use actix_web::{HttpResponse, get, web};
use diesel::RunQueryDsl;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    #[schema(example = "ok")]
    pub status: String,
    #[schema(example = "0.1.0")]
    pub version: String,
}

/// Liveness: the process answers. Never touches the database.
#[utoipa::path(tag = "ops", responses((status = 200, body = HealthResponse)))]
#[get("/health/")]
pub async fn health() -> web::Json<HealthResponse> {
    web::Json(HealthResponse { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadyResponse {
    #[schema(example = "ok")]
    pub status: String,
    #[schema(example = "ok")]
    pub database: String,
}

/// Readiness: the database answers. 503 while it does not.
#[utoipa::path(
    tag = "ops",
    responses(
        (status = 200, body = ReadyResponse),
        (status = 503, description = "The database is unreachable", body = ErrorDetail),
    )
)]
#[get("/ready/")]
pub async fn ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    state
        .db
        .run(|conn| diesel::sql_query("SELECT 1").execute(conn).map_err(|e| ApiError::Unavailable(e.to_string())))
        .await?;
    Ok(HttpResponse::Ok().json(ReadyResponse { status: "ok".into(), database: "ok".into() }))
}
