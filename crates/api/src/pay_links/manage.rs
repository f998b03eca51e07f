//! Making, listing and revoking the pay links of an invoice: NOURX staff, and the client's people
//! who may pay it (the portal's "Partager").

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Duration, Utc};
use diesel::Connection;
use nourx_db::invoices;
use nourx_db::pay_links::{self, NewPayLink, PayLink, PayLinkRow};
use nourx_db::{PgConn, audit};
use nourx_domain::Action;
use nourx_domain::pay_link::{LinkState, validity_days};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::new_token;
use crate::AppState;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// A pay link (its address is only given once, when it is made).
#[derive(Debug, Serialize, ToSchema)]
pub struct PayLinkDto {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub state: LinkState,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// When the latest visit began.
    pub last_used_at: Option<DateTime<Utc>>,
    /// How many visits it had: a page load counts when it is the first from its address, or
    /// comes 30 minutes or more after the one that last counted from there (reloads and the way
    /// back from CinetPay are not new uses).
    pub use_count: i32,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The link to send: only in the answer that made it.
    #[schema(example = "https://app.nourx.ci/payer/3q2-7wEvbIqRvA6ZlX1kO4k7y5hV9Dq2n0nXgq4bq1o")]
    pub url: Option<String>,
}

impl PayLinkDto {
    fn new((link, created_by_name): PayLinkRow, now: DateTime<Utc>, url: Option<String>) -> PayLinkDto {
        PayLinkDto {
            state: LinkState::of(link.expires_at, link.revoked_at, now),
            id: link.id,
            invoice_id: link.invoice_id,
            expires_at: link.expires_at,
            revoked_at: link.revoked_at,
            last_used_at: link.last_used_at,
            use_count: link.use_count,
            created_by_name,
            created_at: link.created_at,
            url,
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePayLinkRequest {
    /// 1 to 90. Default: 30.
    pub expires_in_days: Option<u32>,
}

/// The invoice, if `caller` may share it for payment: 404 when they cannot see it, 403 when they
/// may not pay it (viewers) — NOURX staff may.
fn shareable(conn: &mut PgConn, caller: &Caller, invoice_id: Uuid) -> Result<invoices::Invoice, ApiError> {
    let (invoice, _, _) =
        invoices::find(conn, &caller.scope(), invoice_id, !caller.is_staff())?.ok_or(ApiError::NotFound)?;
    if !caller.is_staff() && !caller.can(invoice.client_id, Action::PayInvoice) {
        return Err(ApiError::PermissionDenied);
    }
    Ok(invoice)
}

/// Makes a pay link to an unpaid invoice (NOURX staff, and the client's people who may pay it).
/// The answer carries the link's address, shown this once.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    request_body = CreatePayLinkRequest,
    responses(
        (status = 201, body = PayLinkDto),
        (status = 400, description = "`expires_in_days` outside 1–90", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "A viewer, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such invoice, another client's, or a draft", body = ErrorDetail),
        (status = 409, description = "`not_payable`: nothing is left to pay", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/invoices/{id}/pay-links/")]
pub async fn create_pay_link(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<CreatePayLinkRequest>,
) -> ApiResult<HttpResponse> {
    let days = validity_days(body.expires_in_days).map_err(|message| ApiError::field("expires_in_days", message))?;
    let (id, web_url) = (id.into_inner(), state.config.public_web_url.clone());
    let dto = state.db.run(move |conn| conn.transaction(|conn| create(conn, &caller, id, days, &web_url))).await?;
    Ok(HttpResponse::Created().json(dto))
}

fn create(
    conn: &mut PgConn,
    caller: &Caller,
    invoice_id: Uuid,
    days: u32,
    web_url: &str,
) -> Result<PayLinkDto, ApiError> {
    let invoice = shareable(conn, caller, invoice_id)?;
    if invoice.balance_due() <= 0 {
        return Err(ApiError::Conflict {
            code: "not_payable",
            message: nourx_domain::Message::new(
                "Cette facture n'attend pas de paiement.",
                "This invoice is not awaiting payment.",
            ),
            extra: serde_json::Value::Null,
        });
    }
    let (token, hash) = new_token()?;
    let now = nourx_db::clock::transaction_now(conn)?;
    let new = NewPayLink {
        id: Uuid::now_v7(),
        invoice_id,
        client_id: invoice.client_id,
        token_hash: &hash,
        created_by: caller.id(),
        expires_at: now + Duration::days(i64::from(days)),
    };
    let link: PayLink = new.insert(conn)?;
    let values = serde_json::json!({"pay_link_id": link.id, "expires_at": link.expires_at});
    audit::record(
        conn,
        &caller.audit(),
        "pay_link.create",
        ("invoice", invoice.client_id),
        Some(invoice_id.to_string()),
        values,
    )?;
    let name = Some(caller.current.user.full_name.clone());
    Ok(PayLinkDto::new((link, name), now, Some(format!("{web_url}/payer/{token}"))))
}

/// The pay links of an invoice, newest first (without their addresses).
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Vec<PayLinkDto>),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "A viewer", body = ErrorDetail),
        (status = 404, description = "No such invoice, another client's, or a draft", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/invoices/{id}/pay-links/")]
pub async fn list_pay_links(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<PayLinkDto>>> {
    let id = id.into_inner();
    let rows = state
        .db
        .run(move |conn| {
            shareable(conn, &caller, id)?;
            Ok::<_, ApiError>(pay_links::of_invoice(conn, &caller.scope(), id)?)
        })
        .await?;
    let now = Utc::now();
    Ok(web::Json(rows.into_iter().map(|row| PayLinkDto::new(row, now, None)).collect()))
}

/// Disables a pay link at once (whoever may share the invoice); audited.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PayLinkDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "A viewer, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such link, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/pay-links/{id}/revoke/")]
pub async fn revoke_pay_link(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<PayLinkDto>> {
    let id = id.into_inner();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let link = pay_links::lock(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
                shareable(conn, &caller, link.invoice_id)?;
                let now = nourx_db::clock::transaction_now(conn)?;
                let revoked =
                    if link.revoked_at.is_some() { link } else { pay_links::revoke(conn, id, caller.id(), now)? };
                let values = serde_json::json!({"pay_link_id": id});
                audit::record(
                    conn,
                    &caller.audit(),
                    "pay_link.revoke",
                    ("invoice", revoked.client_id),
                    Some(revoked.invoice_id.to_string()),
                    values,
                )?;
                Ok::<_, ApiError>(PayLinkDto::new((revoked, None), now, None))
            })
        })
        .await?;
    Ok(web::Json(dto))
}
