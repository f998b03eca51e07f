//! The support desk's settings: the calendar business hours are counted in, the public holidays,
//! and the SLA policies (one for everyone, and one per client if needed). Staff read them; admins
//! change them, audited. A changed policy applies to tickets opened after the change.

use std::time::Duration;

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::Connection;
use nourx_db::sla::{self, Holiday, SlaPolicyRow};
use nourx_db::{PgConn, Scope, audit};
use nourx_domain::sla::{Counting, SlaPolicy, SlaTargets, check_targets};
use nourx_domain::{Message, Priority, StaffAction};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::payments::settings::store;
use crate::tickets::clocks::{SUPPORT_CALENDAR_KEY, SupportCalendar, support_calendar, time_of_day};

/// The calendar business hours are counted in.
#[utoipa::path(
    tag = "admin",
    responses((status = 200, body = SupportCalendar), (status = 401, body = ErrorDetail), (status = 403, description = "Not NOURX staff", body = ErrorDetail)),
    security(("session_cookie" = []))
)]
#[get("/admin/support/calendar/")]
pub async fn get_support_calendar(_staff: Staff, state: web::Data<AppState>) -> ApiResult<web::Json<SupportCalendar>> {
    Ok(web::Json(state.db.run(support_calendar).await?))
}

/// Checks a calendar: a known time zone, seven days, `HH:MM` hours closing after they open, and at
/// least one open day.
fn check_calendar(calendar: &SupportCalendar) -> Result<(), ApiError> {
    let mut errors = FieldErrors::new();
    if calendar.time_zone.parse::<chrono_tz::Tz>().is_err() {
        errors.add(
            "time_zone",
            Message::new("Fuseau horaire inconnu (ex. Africa/Abidjan).", "Unknown time zone (e.g. Africa/Abidjan)."),
        );
    }
    if calendar.week.len() != 7 {
        errors.add("week", Message::new("Sept jours, du lundi au dimanche.", "Seven days, Monday to Sunday."));
    }
    for (index, hours) in calendar.week.iter().enumerate() {
        let Some(hours) = hours else { continue };
        let (open, close) = (time_of_day(&hours.open), time_of_day(&hours.close));
        let valid = match (open, close) {
            (Some(Some(open)), Some(Some(close))) => close > open,
            (Some(Some(_)), Some(None)) => true,
            _ => false,
        };
        if !valid {
            let message = Message::new(
                "Heures au format HH:MM, la fermeture après l'ouverture (24:00 pour minuit).",
                "Hours as HH:MM, closing after opening (24:00 for midnight).",
            );
            errors.add(format!("week[{index}]"), message);
        }
    }
    if calendar.week.iter().all(Option::is_none) {
        errors.add("week", Message::new("Au moins un jour ouvré.", "At least one open day."));
    }
    errors.into_result()
}

/// Changes the calendar (admins); audited. Deadlines already set are kept.
#[utoipa::path(
    tag = "admin",
    request_body = SupportCalendar,
    responses(
        (status = 200, body = SupportCalendar),
        (status = 400, description = "Unknown time zone, not seven days, bad hours, or no open day", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[put("/admin/support/calendar/")]
pub async fn put_support_calendar(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<SupportCalendar>,
) -> ApiResult<web::Json<SupportCalendar>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    check_calendar(&body)?;
    let saved = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = support_calendar(conn)?;
                store(conn, SUPPORT_CALENDAR_KEY, &body, staff.id())?;
                let diff = audit::changes(&before, &body);
                audit::record(conn, &staff.audit(), "update", "settings", Some(SUPPORT_CALENDAR_KEY.into()), diff)?;
                Ok::<_, ApiError>(body)
            })
        })
        .await?;
    Ok(web::Json(saved))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HolidayDto {
    #[schema(example = "2026-12-25")]
    pub day: NaiveDate,
    #[schema(example = "Noël")]
    pub name: String,
}

impl From<Holiday> for HolidayDto {
    fn from(holiday: Holiday) -> Self {
        HolidayDto { day: holiday.day, name: holiday.name }
    }
}

/// The public holidays from a year ago on, in order.
#[utoipa::path(
    tag = "admin",
    responses((status = 200, body = Vec<HolidayDto>), (status = 401, body = ErrorDetail), (status = 403, description = "Not NOURX staff", body = ErrorDetail)),
    security(("session_cookie" = []))
)]
#[get("/admin/support/holidays/")]
pub async fn list_holidays(_staff: Staff, state: web::Data<AppState>) -> ApiResult<web::Json<Vec<HolidayDto>>> {
    let since = Utc::now().date_naive() - chrono::Days::new(366);
    let holidays = state.db.run(move |conn| sla::holidays_from(conn, since).map_err(ApiError::from)).await?;
    Ok(web::Json(holidays.into_iter().map(HolidayDto::from).collect()))
}

/// Adds a public holiday, or renames the one of that day (admins); audited. Deadlines already
/// set are kept.
#[utoipa::path(
    tag = "admin",
    request_body = HolidayDto,
    responses(
        (status = 201, body = HolidayDto),
        (status = 400, description = "Blank or too long name, bad date", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/support/holidays/")]
pub async fn put_holiday(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<HolidayDto>,
) -> ApiResult<HttpResponse> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "name", &body.name, 120);
    errors.into_result()?;
    let holiday = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let holiday = sla::put_holiday(conn, body.day, &name, staff.id())?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "update",
                    "holiday",
                    Some(holiday.day.to_string()),
                    audit::snapshot(&holiday),
                )?;
                Ok::<_, ApiError>(holiday)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(HolidayDto::from(holiday)))
}

/// Removes a public holiday (admins); audited.
#[utoipa::path(
    tag = "admin",
    params(("day" = NaiveDate, Path, example = "2026-12-25")),
    responses(
        (status = 204),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No holiday that day, or not a date", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/admin/support/holidays/{day}/")]
pub async fn delete_holiday(
    staff: Staff,
    state: web::Data<AppState>,
    day: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| ApiError::NotFound)?;
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let removed = sla::delete_holiday(conn, day)?.ok_or(ApiError::NotFound)?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "delete",
                    "holiday",
                    Some(day.to_string()),
                    audit::snapshot(&removed),
                )?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The targets of one priority, in minutes.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaTargetsDto {
    #[schema(example = 240)]
    pub first_response_minutes: u32,
    #[schema(example = 1440)]
    pub resolution_minutes: u32,
}

impl From<SlaTargets> for SlaTargetsDto {
    fn from(targets: SlaTargets) -> Self {
        let minutes = |d: Duration| u32::try_from(d.as_secs() / 60).unwrap_or(u32::MAX);
        SlaTargetsDto {
            first_response_minutes: minutes(targets.first_response),
            resolution_minutes: minutes(targets.resolution),
        }
    }
}

impl From<SlaTargetsDto> for SlaTargets {
    fn from(dto: SlaTargetsDto) -> Self {
        let minutes = |m: u32| Duration::from_secs(u64::from(m) * 60);
        SlaTargets { first_response: minutes(dto.first_response_minutes), resolution: minutes(dto.resolution_minutes) }
    }
}

/// A policy as set (or asked).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaPolicyRequest {
    pub counting: Counting,
    /// Whether the clocks stop while a ticket waits for the client (`pending`).
    pub pause_while_waiting: bool,
    pub urgent: SlaTargetsDto,
    pub high: SlaTargetsDto,
    pub normal: SlaTargetsDto,
    pub low: SlaTargetsDto,
}

impl SlaPolicyRequest {
    /// The policy asked, or a 400 naming each bad target (`urgent.resolution_minutes`…).
    fn policy(&self) -> Result<SlaPolicy, ApiError> {
        let mut errors = FieldErrors::new();
        for (name, targets) in
            [("urgent", self.urgent), ("high", self.high), ("normal", self.normal), ("low", self.low)]
        {
            for (field, refusal) in check_targets(targets.first_response_minutes, targets.resolution_minutes) {
                errors.add(format!("{name}.{field}"), refusal.message());
            }
        }
        errors.into_result()?;
        Ok(SlaPolicy {
            urgent: self.urgent.into(),
            high: self.high.into(),
            normal: self.normal.into(),
            low: self.low.into(),
            counting: self.counting,
            pause_while_waiting: self.pause_while_waiting,
        })
    }
}

/// A policy in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlaPolicyDto {
    /// The version's id; `null` for the built-in default (calendar hours, no pause).
    pub id: Option<Uuid>,
    /// `null`: the policy of every client without its own.
    pub client_id: Option<Uuid>,
    #[schema(example = "Akwaba Digital")]
    pub client_name: Option<String>,
    pub counting: Counting,
    pub pause_while_waiting: bool,
    pub urgent: SlaTargetsDto,
    pub high: SlaTargetsDto,
    pub normal: SlaTargetsDto,
    pub low: SlaTargetsDto,
    /// When this version was set (`null` for the built-in default).
    pub set_at: Option<DateTime<Utc>>,
}

impl SlaPolicyDto {
    fn new(row: Option<&SlaPolicyRow>, client_name: Option<String>) -> Self {
        let policy = row.map(SlaPolicyRow::policy).unwrap_or_default();
        let targets = |p: Priority| SlaTargetsDto::from(policy.targets(p));
        SlaPolicyDto {
            id: row.map(|r| r.id),
            client_id: row.and_then(|r| r.client_id),
            client_name,
            counting: policy.counting,
            pause_while_waiting: policy.pause_while_waiting,
            urgent: targets(Priority::Urgent),
            high: targets(Priority::High),
            normal: targets(Priority::Normal),
            low: targets(Priority::Low),
            set_at: row.map(|r| r.created_at),
        }
    }
}

/// The policies in force: everyone's, and the clients' own.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlaPoliciesDto {
    pub default: SlaPolicyDto,
    pub clients: Vec<SlaPolicyDto>,
}

fn policies_dto(conn: &mut PgConn) -> Result<SlaPoliciesDto, ApiError> {
    let rows = sla::current(conn)?;
    let client_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.client_id).collect();
    let names = nourx_db::projects::client_names(conn, &client_ids)?;
    let default = SlaPolicyDto::new(rows.iter().find(|r| r.client_id.is_none()), None);
    let clients =
        rows.iter().filter_map(|r| r.client_id.map(|id| SlaPolicyDto::new(Some(r), names.get(&id).cloned()))).collect();
    Ok(SlaPoliciesDto { default, clients })
}

/// The SLA policies in force.
#[utoipa::path(
    tag = "admin",
    responses((status = 200, body = SlaPoliciesDto), (status = 401, body = ErrorDetail), (status = 403, description = "Not NOURX staff", body = ErrorDetail)),
    security(("session_cookie" = []))
)]
#[get("/admin/support/sla-policies/")]
pub async fn list_sla_policies(_staff: Staff, state: web::Data<AppState>) -> ApiResult<web::Json<SlaPoliciesDto>> {
    Ok(web::Json(state.db.run(policies_dto).await?))
}

/// Supersedes the policy of `client_id` (`None`: everyone's) with `policy` (`None`: back to
/// everyone's), audited.
fn set_policy(
    conn: &mut PgConn,
    staff: &Staff,
    client_id: Option<Uuid>,
    policy: Option<SlaPolicy>,
) -> Result<SlaPoliciesDto, ApiError> {
    if let Some(id) = client_id
        && nourx_db::clients::find(conn, &Scope::All, id)?.is_none()
    {
        return Err(ApiError::NotFound);
    }
    let before = sla::supersede(conn, client_id)?;
    if before.is_none() && policy.is_none() {
        return Err(ApiError::NotFound);
    }
    let after = policy.map(|p| sla::insert(conn, client_id, &p, staff.id())).transpose()?;
    let entity_id = client_id.map_or_else(|| "default".to_owned(), |id| id.to_string());
    let action = if after.is_some() { "update" } else { "delete" };
    audit::record(conn, &staff.audit(), action, "sla_policy", Some(entity_id), audit::changes(&before, &after))?;
    policies_dto(conn)
}

/// Sets the policy of every client without its own (admins); audited. Tickets already open keep
/// the targets they were opened with: the new policy applies to tickets opened from now on.
#[utoipa::path(
    tag = "admin",
    request_body = SlaPolicyRequest,
    responses(
        (status = 200, body = SlaPoliciesDto),
        (status = 400, description = "A target out of 1 minute–60 days, or a resolution shorter than the first response", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[put("/admin/support/sla-policies/default/")]
pub async fn put_default_sla_policy(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<SlaPolicyRequest>,
) -> ApiResult<web::Json<SlaPoliciesDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let policy = body.policy()?;
    let dto = state.db.run(move |conn| conn.transaction(|conn| set_policy(conn, &staff, None, Some(policy)))).await?;
    Ok(web::Json(dto))
}

/// Gives a client its own policy ("premium" targets), or changes it (admins); audited. Its tickets
/// already open keep their targets.
#[utoipa::path(
    tag = "admin",
    params(("client_id" = Uuid, Path)),
    request_body = SlaPolicyRequest,
    responses(
        (status = 200, body = SlaPoliciesDto),
        (status = 400, description = "A target out of 1 minute–60 days, or a resolution shorter than the first response", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[put("/admin/support/sla-policies/clients/{client_id}/")]
pub async fn put_client_sla_policy(
    staff: Staff,
    state: web::Data<AppState>,
    client_id: web::Path<Uuid>,
    Json(body): Json<SlaPolicyRequest>,
) -> ApiResult<web::Json<SlaPoliciesDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let (policy, client_id) = (body.policy()?, Some(client_id.into_inner()));
    let dto =
        state.db.run(move |conn| conn.transaction(|conn| set_policy(conn, &staff, client_id, Some(policy)))).await?;
    Ok(web::Json(dto))
}

/// Removes a client's own policy: its new tickets follow everyone's again (admins); audited.
#[utoipa::path(
    tag = "admin",
    params(("client_id" = Uuid, Path)),
    responses(
        (status = 200, body = SlaPoliciesDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such client, or it has no policy of its own", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/admin/support/sla-policies/clients/{client_id}/")]
pub async fn delete_client_sla_policy(
    staff: Staff,
    state: web::Data<AppState>,
    client_id: web::Path<Uuid>,
) -> ApiResult<web::Json<SlaPoliciesDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let client_id = Some(client_id.into_inner());
    let dto = state.db.run(move |conn| conn.transaction(|conn| set_policy(conn, &staff, client_id, None))).await?;
    Ok(web::Json(dto))
}
