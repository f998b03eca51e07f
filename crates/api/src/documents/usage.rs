//! A client's storage quota (`NOURX_LIMIT_STORAGE_QUOTA_MB`): checked when an upload form is
//! asked for, and shown in the portal.

use actix_web::{get, web};
use nourx_db::{documents, rate_limits};
use nourx_domain::Action;
use nourx_domain::documents::Visibility;
use nourx_domain::limits::StorageQuota;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;

/// How much of its storage quota a client's documents take.
#[derive(Debug, Serialize, ToSchema)]
pub struct StorageUsageDto {
    pub client_id: Uuid,
    /// Bytes of the client's documents: the verified size of each, the announced size of uploads
    /// in progress. NOURX's internal documents do not count.
    #[schema(example = 482_133_000)]
    pub used_bytes: i64,
    /// The quota in bytes; `null`: no quota.
    #[schema(example = 2_147_483_648_i64)]
    pub quota_bytes: Option<i64>,
}

/// Makes room for a new file of `size` bytes in `client_id`'s quota, or refuses it (409
/// `storage_quota_exceeded`). Call it in the transaction that records the pending document: the
/// lock it takes makes parallel uploads of one client wait for each other, so together they
/// cannot pass the quota.
pub(super) fn reserve(
    conn: &mut diesel::PgConnection,
    quota: u64,
    client_id: Uuid,
    visibility: Visibility,
    size: u64,
) -> ApiResult<()> {
    if quota == 0 || visibility == Visibility::Internal {
        return Ok(());
    }
    rate_limits::lock(conn, &format!("storage_quota:{client_id}"))?;
    let used = documents::stored_bytes(conn, client_id)?.max(0) as u64;
    StorageQuota { quota }.check(used, size).map_err(|message| ApiError::Conflict {
        code: "storage_quota_exceeded",
        message,
        extra: serde_json::json!({"quota_bytes": quota, "used_bytes": used}),
    })
}

/// What the client's documents take in the storage, and its quota (client people and NOURX staff).
#[utoipa::path(
    tag = "documents",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = StorageUsageDto),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/clients/{id}/storage/")]
pub async fn storage_usage(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<StorageUsageDto>> {
    let (client_id, scope) = (id.into_inner(), caller.scope());
    let used_bytes = state
        .db
        .run(move |conn| {
            nourx_db::clients::find(conn, &scope, client_id)?.ok_or(ApiError::NotFound)?;
            caller.require(client_id, Action::ReadClientData)?;
            Ok::<_, ApiError>(documents::stored_bytes(conn, client_id)?)
        })
        .await?;
    let quota = state.config.limits.storage_quota_bytes;
    let quota_bytes = (quota > 0).then(|| i64::try_from(quota).unwrap_or(i64::MAX));
    Ok(web::Json(StorageUsageDto { client_id, used_bytes, quota_bytes }))
}
