//! `GET /api/admin/alerts/`: what needs a staff member's attention, most urgent first.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use nourx_db::alerts::{self, AlertRow};
use nourx_db::{PgConn, clock};
use nourx_domain::Lang;
use nourx_domain::kpis::{
    AlertKind, AlertTarget, MAX_ALERTS, PENDING_PAYMENT_MINUTES, alert_detail, alert_href, alert_order, alert_title,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;

#[derive(Debug, Serialize, ToSchema)]
pub struct AlertDto {
    /// invoice_overdue, ticket_breached, ticket_at_risk, payment_flagged, payment_pending,
    /// job_dead, email_failing or milestone_late.
    pub kind: String,
    /// critical or warning.
    pub severity: String,
    /// invoice, ticket, payment, job, email or milestone.
    pub entity: String,
    pub entity_id: String,
    /// In the caller's language: "Facture FA-2026-0012 en retard de 34 jours".
    pub title: String,
    /// "Client Awa SARL · 150 000 FCFA".
    pub detail: Option<String>,
    pub client_id: Option<Uuid>,
    /// Since when (the day after the due date, the missed deadline, the flag…).
    pub since: DateTime<Utc>,
    /// The back-office page that fixes it.
    pub href: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AlertList {
    pub count: usize,
    pub results: Vec<AlertDto>,
}

fn to_dto(row: AlertRow, kind: AlertKind, lang: Lang) -> AlertDto {
    let label = row.label.as_deref().unwrap_or_default();
    let amount = row.amount.zip(row.currency.as_deref());
    let (client_id, invoice_id) = (row.client_id.map(|id| id.to_string()), row.invoice_id.map(|id| id.to_string()));
    let target =
        AlertTarget { entity_id: &row.entity_id, client_id: client_id.as_deref(), invoice_id: invoice_id.as_deref() };
    AlertDto {
        kind: kind.as_str().into(),
        severity: kind.severity(row.days).as_str().into(),
        entity: kind.entity().into(),
        title: alert_title(kind, label, row.days).get(lang).into(),
        detail: alert_detail(row.client_name.as_deref(), amount, lang),
        href: alert_href(kind, target),
        entity_id: row.entity_id,
        client_id: row.client_id,
        since: row.since,
    }
}

fn read_alerts(conn: &mut PgConn, lang: Lang) -> Result<Vec<AlertDto>, ApiError> {
    let now = clock::transaction_now(conn)?;
    let rows = alerts::current(conn, now, now.date_naive(), PENDING_PAYMENT_MINUTES, 50)?;
    let mut alerts: Vec<(AlertKind, AlertRow)> =
        rows.into_iter().filter_map(|row| AlertKind::parse(&row.kind).map(|kind| (kind, row))).collect();
    alerts.sort_by_key(|(kind, row)| alert_order(*kind, kind.severity(row.days), row.since.timestamp()));
    Ok(alerts.into_iter().take(MAX_ALERTS).map(|(kind, row)| to_dto(row, kind, lang)).collect())
}

/// What needs attention now (NOURX staff), most urgent first, at most 50: overdue invoices,
/// tickets past or near their SLA, flagged payments and ones pending for over 30 minutes, dead
/// jobs, emails failing to send, milestones past due.
#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, body = AlertList),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/alerts/")]
pub async fn list_alerts(staff: Staff, state: web::Data<AppState>) -> ApiResult<web::Json<AlertList>> {
    let lang = Lang::from(staff.current.user.locale);
    let results = state.db.run(move |conn| read_alerts(conn, lang)).await?;
    Ok(web::Json(AlertList { count: results.len(), results }))
}
