//! NOURX staff: the payment settings (minimum instalment, CinetPay credentials, secrets
//! write-only) and the job queue's dead letters.

use actix_web::{HttpRequest, get, patch, post, web};
use chrono::{DateTime, Utc};
use diesel::Connection;
use nourx_db::audit;
use nourx_db::jobs::{self, Job, JobFilter, JobStatus, RequeueOutcome};
use nourx_domain::payments::{check_minimum_instalment, is_storable_credential};
use nourx_domain::{Message, StaffAction};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice_of};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::payments::{self, SettingsChanges};

/// The payment settings as NOURX staff see them: secrets are never shown, only whether set.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentSettingsDto {
    /// Smallest instalment of an online payment, in FCFA.
    #[schema(example = 100)]
    pub min_instalment: i64,
    /// CinetPay's address (`CINETPAY_BASE_URL`; the sandbox in development).
    pub cinetpay_base_url: String,
    /// The site id in force (the settings', else `CINETPAY_SITE_ID`).
    pub cinetpay_site_id: Option<String>,
    pub cinetpay_api_key_set: bool,
    pub cinetpay_secret_key_set: bool,
    /// Where each credential comes from: `settings` or `environment` (null when missing).
    pub cinetpay_source: Option<String>,
    /// The URL to declare as CinetPay's notification URL.
    pub notify_url: String,
}

/// Changes to the payment settings. A credential given as an empty string goes back to the
/// environment's value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePaymentSettingsRequest {
    /// 100 to 10 000 000, a multiple of 5.
    pub min_instalment: Option<i64>,
    pub cinetpay_site_id: Option<String>,
    /// Write-only.
    pub cinetpay_api_key: Option<String>,
    /// Write-only.
    pub cinetpay_secret_key: Option<String>,
}

fn settings_dto(conn: &mut nourx_db::PgConn, state: &AppState) -> Result<PaymentSettingsDto, ApiError> {
    let settings = payments::payment_settings(conn)?;
    let stored = payments::stored_credentials(conn)?;
    let env = &state.config.cinetpay;
    let set = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.trim().is_empty());
    let source = if set(&stored.api_key) || set(&stored.site_id) || set(&stored.secret_key) {
        Some("settings")
    } else if set(&env.api_key) || set(&env.site_id) || set(&env.secret_key) {
        Some("environment")
    } else {
        None
    };
    Ok(PaymentSettingsDto {
        min_instalment: settings.min_instalment,
        cinetpay_base_url: env.base_url.clone(),
        cinetpay_site_id: stored.site_id.clone().filter(|s| !s.trim().is_empty()).or_else(|| env.site_id.clone()),
        cinetpay_api_key_set: set(&stored.api_key) || set(&env.api_key),
        cinetpay_secret_key_set: set(&stored.secret_key) || set(&env.secret_key),
        cinetpay_source: source.map(str::to_owned),
        notify_url: format!("{}/api/payments/webhook/", state.config.api_public_url),
    })
}

/// The payment settings (admins).
#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, body = PaymentSettingsDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/settings/payments/")]
pub async fn get_payment_settings(
    staff: Staff,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<PaymentSettingsDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let inner = state.clone();
    Ok(web::Json(state.db.run(move |conn| settings_dto(conn, &inner)).await?))
}

impl UpdatePaymentSettingsRequest {
    /// The changes, once every value is acceptable (400 naming the fields otherwise).
    fn validate(self) -> Result<SettingsChanges, ApiError> {
        let mut errors = FieldErrors::new();
        if let Some(Err(message)) = self.min_instalment.map(check_minimum_instalment) {
            errors.add("min_instalment", message);
        }
        for (field, value) in [
            ("cinetpay_site_id", &self.cinetpay_site_id),
            ("cinetpay_api_key", &self.cinetpay_api_key),
            ("cinetpay_secret_key", &self.cinetpay_secret_key),
        ] {
            if value.as_deref().is_some_and(|v| !is_storable_credential(v)) {
                errors.add(field, Message::new("Valeur invalide.", "Invalid value."));
            }
        }
        errors.into_result()?;
        Ok(SettingsChanges {
            min_instalment: self.min_instalment,
            site_id: self.cinetpay_site_id,
            api_key: self.cinetpay_api_key,
            secret_key: self.cinetpay_secret_key,
        })
    }
}

/// Changes the payment settings (admins). Secrets are write-only; the audit log records that
/// they changed, never their value.
#[utoipa::path(
    tag = "admin",
    request_body = UpdatePaymentSettingsRequest,
    responses(
        (status = 200, body = PaymentSettingsDto),
        (status = 400, description = "Invalid value", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/admin/settings/payments/")]
pub async fn update_payment_settings(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<UpdatePaymentSettingsRequest>,
) -> ApiResult<web::Json<PaymentSettingsDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let changes = body.validate()?;
    let inner = state.clone();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                payments::save_settings(conn, &staff, changes)?;
                settings_dto(conn, &inner)
            })
        })
        .await?;
    Ok(web::Json(dto))
}

/// One background job.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobDto {
    pub id: Uuid,
    #[schema(example = "payment.recheck")]
    pub kind: String,
    pub payload: serde_json::Value,
    /// `dead`: gave up, an admin may retry it.
    pub status: JobStatus,
    pub attempts: i32,
    pub max_attempts: i32,
    pub run_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<Job> for JobDto {
    fn from(job: Job) -> Self {
        JobDto {
            id: job.id,
            kind: job.kind,
            payload: job.payload,
            status: job.status,
            attempts: job.attempts,
            max_attempts: job.max_attempts,
            run_at: job.run_at,
            last_error: job.last_error,
            created_at: job.created_at,
            finished_at: job.finished_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobQuery {
    /// `queued`, `running`, `done` or `dead`.
    pub status: Option<String>,
    pub kind: Option<String>,
}

/// Background jobs, newest first (NOURX staff): `?status=dead` lists the ones that gave up.
#[utoipa::path(
    tag = "admin",
    params(JobQuery, PageQuery),
    responses(
        (status = 200, body = Page<JobDto>),
        (status = 400, description = "Bad filter or page", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/jobs/")]
pub async fn list_jobs(
    _staff: Staff,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<JobQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<JobDto>>> {
    let request = page.request()?;
    let filter = JobFilter {
        status: choice_of("status", query.status.as_deref(), &JobStatus::ALL, JobStatus::as_str)?,
        kind: query.kind.clone().filter(|k| !k.trim().is_empty()),
    };
    let (count, rows) = state.db.run(move |conn| jobs::list(conn, &filter, request).map_err(ApiError::from)).await?;
    Ok(web::Json(Page::new(&req, request, count, rows.into_iter().map(JobDto::from).collect())))
}

/// Queues a dead job again, attempts reset (NOURX staff).
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = JobDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
        (status = 409, description = "`not_dead`: only a dead job is retried", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/jobs/{id}/retry/")]
pub async fn retry_job(staff: Staff, state: web::Data<AppState>, id: web::Path<Uuid>) -> ApiResult<web::Json<JobDto>> {
    let id = id.into_inner();
    let job = state.db.run(move |conn| conn.transaction(|conn| requeue(conn, &staff, id))).await?;
    Ok(web::Json(job.into()))
}

/// Queues the dead job `id` again and audits it; the job queued (itself, or the one already
/// queued with its key). Call inside a transaction.
fn requeue(conn: &mut nourx_db::PgConn, staff: &Staff, id: Uuid) -> Result<Job, ApiError> {
    let target = match jobs::requeue_dead(conn, id)? {
        RequeueOutcome::Requeued => id,
        RequeueOutcome::AlreadyQueued(queued) => queued,
        RequeueOutcome::NotFound => return Err(ApiError::NotFound),
        RequeueOutcome::NotDead => {
            return Err(ApiError::Conflict {
                code: "not_dead",
                message: Message::new(
                    "Seule une tâche abandonnée se relance.",
                    "Only a job that gave up can be retried.",
                ),
                extra: serde_json::Value::Null,
            });
        }
    };
    audit::record(conn, &staff.audit(), "job.retry", "job", Some(id.to_string()), serde_json::json!({}))?;
    Ok(jobs::find(conn, target)?)
}
