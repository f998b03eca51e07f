//! A prospect becomes a client: first the client its quotes are written for (status `prospect`,
//! no members), then, on conversion, an active client with the contact invited as its owner,
//! its quotes carried over and its history kept.

use actix_web::{post, web};
use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use nourx_db::clients::{self, ClientChanges, NewClient};
use nourx_db::prospects::{self, Prospect, ProspectChanges};
use nourx_db::{PgConn, audit};
use nourx_domain::MemberRole;
use nourx_domain::client::ClientStatus;
use nourx_domain::email::Email;
use nourx_domain::prospects::{ActivityKind, ConversionRefusal, StageKind, conversion_check};
use uuid::Uuid;

use super::dto::*;
use super::handlers::to_dto;
use crate::AppState;
use crate::clients::Invite;
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// The client of `prospect`, made now (status `prospect`) if it has none (the caller audits).
fn client_of(conn: &mut PgConn, prospect: &Prospect) -> Result<Uuid, ApiError> {
    if let Some(id) = prospect.client_id {
        return Ok(id);
    }
    let client = NewClient {
        id: Uuid::now_v7(),
        name: &prospect.company,
        legal_name: None,
        tax_id: None,
        address: None,
        city: prospect.city.as_deref(),
        country: "CI",
        phone: prospect.phone.as_deref(),
        billing_email: prospect.email.as_deref(),
        currency: "XOF",
    }
    .insert(conn)
    .map_err(|error| match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            refused(ConversionRefusal::CompanyNameTaken)
        }
        other => other.into(),
    })?;
    let segment = ClientChanges {
        status: Some(ClientStatus::Prospect),
        sector: Some(prospect.sector.clone()),
        tags: Some(prospect.tags.clone()),
        size: Some(prospect.size),
        ..ClientChanges::default()
    };
    let client = clients::update(conn, client.id, &segment)?;
    let link = ProspectChanges { client_id: Some(Some(client.id)), ..ProspectChanges::default() };
    prospects::update(conn, prospect.id, &link)?;
    Ok(client.id)
}

/// The client to write a prospect's quotes for, made once (NOURX staff): open the billing
/// editor with it. It has no members, so nobody sees it in the portal until the prospect converts.
#[utoipa::path(
    tag = "prospects",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = QuoteClientDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such prospect", body = ErrorDetail),
        (status = 409, description = "A client already has the prospect's company name (`client_name_taken`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/prospects/{id}/quote-client/")]
pub async fn prospect_quote_client(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<QuoteClientDto>> {
    let id = id.into_inner();
    let client_id = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let prospect = prospects::lock(conn, id)?.ok_or(ApiError::NotFound)?;
                let client_id = client_of(conn, &prospect)?;
                if prospect.client_id.is_none() {
                    let values = serde_json::json!({"client_id": client_id});
                    audit::record(
                        conn,
                        &staff.audit(),
                        "quote_client",
                        ("prospect", client_id),
                        Some(id.to_string()),
                        values,
                    )?;
                }
                Ok::<_, ApiError>(client_id)
            })
        })
        .await?;
    Ok(web::Json(QuoteClientDto { client_id }))
}

fn refused(refusal: ConversionRefusal) -> ApiError {
    match refusal {
        ConversionRefusal::NoEmail => ApiError::field("email", refusal.message()),
        _ => ApiError::Conflict { code: refusal.code(), message: refusal.message(), extra: serde_json::json!({}) },
    }
}

/// Makes a prospect a client (NOURX staff): the client (its quotes' one, or a new one) becomes
/// active with the prospect's details and segmentation, the contact is invited to the portal as
/// its owner, the prospect moves to the won stage (if it was not there) and is kept. Audited.
#[utoipa::path(
    tag = "prospects",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ConversionDto),
        (status = 400, description = "No contact email (`email`), or an address that cannot be invited", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such prospect", body = ErrorDetail),
        (status = 409, description = "Already a client (`prospect_converted`), lost (`prospect_lost`), or a client already has its company name (`client_name_taken`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/prospects/{id}/convert/")]
pub async fn convert_prospect(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ConversionDto>> {
    let id = id.into_inner();
    let state_for_invite = state.clone();
    let dto = state.db.run(move |conn| conn.transaction(|conn| convert(conn, &state_for_invite, &staff, id))).await?;
    Ok(web::Json(dto))
}

fn convert(conn: &mut PgConn, state: &AppState, staff: &Staff, id: Uuid) -> Result<ConversionDto, ApiError> {
    let prospect = prospects::lock(conn, id)?.ok_or(ApiError::NotFound)?;
    let stage = prospects::find_stage(conn, prospect.stage_id)?.ok_or(ApiError::NotFound)?;
    conversion_check(prospect.converted_at.is_some(), stage.kind, prospect.email.is_some()).map_err(refused)?;
    let email = Email::parse(prospect.email.as_deref().unwrap_or_default()).map_err(|m| ApiError::field("email", m))?;
    let client_id = client_of(conn, &prospect)?;
    clients::update(
        conn,
        client_id,
        &ClientChanges { status: Some(ClientStatus::Active), ..ClientChanges::default() },
    )?;
    let invitation = Invite::new(state, email.clone(), MemberRole::Owner).send_unaudited(conn, staff, client_id)?;
    let now = nourx_db::clock::transaction_now(conn)?;
    let mut changes = ProspectChanges {
        converted_at: Some(Some(now)),
        client_id: Some(Some(client_id)),
        ..ProspectChanges::default()
    };
    if stage.kind != StageKind::Won {
        let won = prospects::outcome_stage(conn, StageKind::Won)?.ok_or(ApiError::NotFound)?;
        changes.stage_id = Some(won.id);
        changes.stage_rank = Some(prospects::rank_at_end(conn, won.id, Some(id))?);
        changes.probability = Some(won.probability);
        changes.closed_at = Some(Some(now));
        changes.outcome_reason = Some(Some("Converti en client".into()));
    }
    let after = prospects::update(conn, id, &changes)?;
    prospects::add_activity(conn, id, ActivityKind::StageChange, "Converti en client", None, Some(staff.id()))?;
    // One row for the whole conversion, on the client's history: the prospect's changes, the
    // client made active and the invitation sent.
    let mut values = audit::changes(&prospect, &after);
    if let Some(values) = values.as_object_mut() {
        values.insert("invitation_id".into(), serde_json::json!(invitation.id));
    }
    audit::record(conn, &staff.audit(), "convert", ("prospect", client_id), Some(id.to_string()), values)?;
    Ok(ConversionDto { prospect: to_dto(conn, after)?, client_id, invited_email: email.into_inner() })
}
