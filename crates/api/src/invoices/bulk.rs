//! Bulk actions of the invoice list (NOURX staff): send several drafts, or remind the clients of
//! several unpaid invoices. Each invoice is its own transaction, so one refusal never undoes or
//! stops the others; the answer says, per invoice, what happened.

use actix_web::{post, web};
use diesel::Connection;
use nourx_db::invoices::Invoice;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::reminders::remind_by_hand;
use crate::AppState;
use crate::billing::send_draft;
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

const MAX_IDS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    /// Send drafts (numbered, emailed).
    Send,
    /// Remind the clients of unpaid invoices.
    Remind,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkInvoicesRequest {
    pub action: BulkAction,
    /// 1 to 100 invoices.
    pub ids: Vec<Uuid>,
}

/// What happened to one invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkResult {
    pub id: Uuid,
    pub ok: bool,
    /// Why not: the code of the refusal (`invalid_transition`, `not_unpaid`, `recently_reminded`,
    /// `not_found`…).
    pub code: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BulkInvoicesDto {
    pub results: Vec<BulkResult>,
}

/// Sends or reminds several invoices at once (NOURX staff), each on its own.
#[utoipa::path(
    tag = "invoices",
    request_body = BulkInvoicesRequest,
    responses(
        (status = 200, body = BulkInvoicesDto),
        (status = 400, description = "No invoice, or more than 100", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/invoices/bulk/")]
pub async fn bulk_invoices(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<BulkInvoicesRequest>,
) -> ApiResult<web::Json<BulkInvoicesDto>> {
    if body.ids.is_empty() || body.ids.len() > MAX_IDS {
        let message = nourx_domain::Message::new("Entre 1 et 100 factures.", "Between 1 and 100 invoices.");
        return Err(ApiError::field("ids", message));
    }
    let web_url = state.config.public_web_url.clone();
    let (caller, action, ids) = (staff.0, body.action, body.ids);
    let lang = nourx_domain::Lang::from(caller.current.user.locale);
    let results = state
        .db
        .run(move |conn| {
            let results = ids
                .into_iter()
                .map(|id| {
                    let done = conn.transaction(|conn| match action {
                        BulkAction::Send => send_draft::<Invoice>(conn, &caller, id, &web_url),
                        BulkAction::Remind => remind_by_hand(conn, &caller, id, &web_url).map(|_| ()),
                    });
                    match done {
                        Ok(()) => BulkResult { id, ok: true, code: None, detail: None },
                        Err(error) => BulkResult {
                            id,
                            ok: false,
                            code: Some(error.code().to_owned()),
                            detail: Some(error.detail().get(lang).to_owned()),
                        },
                    }
                })
                .collect();
            Ok::<_, ApiError>(results)
        })
        .await?;
    Ok(web::Json(BulkInvoicesDto { results }))
}
