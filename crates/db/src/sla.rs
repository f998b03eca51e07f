//! SLA policies (versions: a change supersedes, never edits), public holidays, and each ticket's
//! clock history (pauses, resumptions, alerts sent once).

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_domain::sla::{Counting, SlaPolicy, SlaTargets};
use uuid::Uuid;

use crate::schema::{public_holidays, sla_policies, ticket_sla_events, tickets};

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = sla_policies, check_for_backend(diesel::pg::Pg))]
pub struct SlaPolicyRow {
    pub id: Uuid,
    /// `None`: the policy of every client without its own.
    pub client_id: Option<Uuid>,
    pub counting: String,
    pub pause_while_waiting: bool,
    pub urgent_first_response_min: i32,
    pub urgent_resolution_min: i32,
    pub high_first_response_min: i32,
    pub high_resolution_min: i32,
    pub normal_first_response_min: i32,
    pub normal_resolution_min: i32,
    pub low_first_response_min: i32,
    pub low_resolution_min: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub superseded_at: Option<DateTime<Utc>>,
}

fn minutes(value: i32) -> Duration {
    Duration::from_secs(u64::try_from(value).unwrap_or(0) * 60)
}

fn to_minutes(value: Duration) -> i32 {
    i32::try_from(value.as_secs() / 60).unwrap_or(i32::MAX)
}

impl SlaPolicyRow {
    pub fn policy(&self) -> SlaPolicy {
        let targets =
            |first, resolution| SlaTargets { first_response: minutes(first), resolution: minutes(resolution) };
        SlaPolicy {
            urgent: targets(self.urgent_first_response_min, self.urgent_resolution_min),
            high: targets(self.high_first_response_min, self.high_resolution_min),
            normal: targets(self.normal_first_response_min, self.normal_resolution_min),
            low: targets(self.low_first_response_min, self.low_resolution_min),
            counting: if self.counting == "business_hours" { Counting::BusinessHours } else { Counting::CalendarHours },
            pause_while_waiting: self.pause_while_waiting,
        }
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = sla_policies)]
struct NewSlaPolicy {
    id: Uuid,
    client_id: Option<Uuid>,
    counting: &'static str,
    pause_while_waiting: bool,
    urgent_first_response_min: i32,
    urgent_resolution_min: i32,
    high_first_response_min: i32,
    high_resolution_min: i32,
    normal_first_response_min: i32,
    normal_resolution_min: i32,
    low_first_response_min: i32,
    low_resolution_min: i32,
    created_by: Option<Uuid>,
}

/// The current policy for `client_id`: its own, else the one for everyone; `None`: the built-in
/// default.
pub fn current_for(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<Option<SlaPolicyRow>> {
    sla_policies::table
        .filter(sla_policies::superseded_at.is_null())
        .filter(sla_policies::client_id.eq(client_id).or(sla_policies::client_id.is_null()))
        // A client's own first (NULLs sort last ascending).
        .order(sla_policies::client_id.asc().nulls_last())
        .select(SlaPolicyRow::as_select())
        .first(conn)
        .optional()
}

/// The current policies: the one for everyone (if set) and each client's.
pub fn current(conn: &mut PgConnection) -> QueryResult<Vec<SlaPolicyRow>> {
    sla_policies::table
        .filter(sla_policies::superseded_at.is_null())
        .order((sla_policies::client_id.asc().nulls_first(), sla_policies::created_at.asc()))
        .select(SlaPolicyRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<SlaPolicyRow>> {
    sla_policies::table.find(id).select(SlaPolicyRow::as_select()).first(conn).optional()
}

/// Supersedes the current policy of `client_id` (`None`: everyone's), if any: returns it.
pub fn supersede(conn: &mut PgConnection, client_id: Option<Uuid>) -> QueryResult<Option<SlaPolicyRow>> {
    // Two concurrent changes: the second's insert breaks the unique current index and fails.
    let current = sla_policies::table.filter(sla_policies::superseded_at.is_null());
    let superseded = match client_id {
        Some(id) => diesel::update(current.filter(sla_policies::client_id.eq(id)))
            .set(sla_policies::superseded_at.eq(diesel::dsl::now))
            .returning(SlaPolicyRow::as_returning())
            .get_result(conn),
        None => diesel::update(current.filter(sla_policies::client_id.is_null()))
            .set(sla_policies::superseded_at.eq(diesel::dsl::now))
            .returning(SlaPolicyRow::as_returning())
            .get_result(conn),
    };
    superseded.optional()
}

/// Writes `policy` as the new current version for `client_id` (the caller superseded the old).
pub fn insert(
    conn: &mut PgConnection,
    client_id: Option<Uuid>,
    policy: &SlaPolicy,
    by: Uuid,
) -> QueryResult<SlaPolicyRow> {
    let row = NewSlaPolicy {
        id: Uuid::now_v7(),
        client_id,
        counting: match policy.counting {
            Counting::BusinessHours => "business_hours",
            Counting::CalendarHours => "calendar_hours",
        },
        pause_while_waiting: policy.pause_while_waiting,
        urgent_first_response_min: to_minutes(policy.urgent.first_response),
        urgent_resolution_min: to_minutes(policy.urgent.resolution),
        high_first_response_min: to_minutes(policy.high.first_response),
        high_resolution_min: to_minutes(policy.high.resolution),
        normal_first_response_min: to_minutes(policy.normal.first_response),
        normal_resolution_min: to_minutes(policy.normal.resolution),
        low_first_response_min: to_minutes(policy.low.first_response),
        low_resolution_min: to_minutes(policy.low.resolution),
        created_by: Some(by),
    };
    diesel::insert_into(sla_policies::table).values(&row).returning(SlaPolicyRow::as_returning()).get_result(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = public_holidays, check_for_backend(diesel::pg::Pg))]
pub struct Holiday {
    pub day: NaiveDate,
    pub name: String,
}

/// The holidays from `from` on, in order.
pub fn holidays_from(conn: &mut PgConnection, from: NaiveDate) -> QueryResult<Vec<Holiday>> {
    public_holidays::table
        .filter(public_holidays::day.ge(from))
        .order(public_holidays::day.asc())
        .select(Holiday::as_select())
        .load(conn)
}

/// Adds (or renames) the holiday of `day`.
pub fn put_holiday(conn: &mut PgConnection, day: NaiveDate, name: &str, by: Uuid) -> QueryResult<Holiday> {
    diesel::insert_into(public_holidays::table)
        .values((public_holidays::day.eq(day), public_holidays::name.eq(name), public_holidays::created_by.eq(by)))
        .on_conflict(public_holidays::day)
        .do_update()
        .set(public_holidays::name.eq(name))
        .returning(Holiday::as_returning())
        .get_result(conn)
}

pub fn delete_holiday(conn: &mut PgConnection, day: NaiveDate) -> QueryResult<Option<Holiday>> {
    diesel::delete(public_holidays::table.find(day)).returning(Holiday::as_returning()).get_result(conn).optional()
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = ticket_sla_events, check_for_backend(diesel::pg::Pg))]
pub struct SlaEvent {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub client_id: Uuid,
    pub kind: String,
    pub at: DateTime<Utc>,
}

/// Records `kind` on ticket `ticket_id`; an alert already recorded is not recorded again: returns
/// whether this call recorded it.
pub fn record(conn: &mut PgConnection, ticket_id: Uuid, client_id: Uuid, kind: &str) -> QueryResult<bool> {
    diesel::insert_into(ticket_sla_events::table)
        .values((
            ticket_sla_events::id.eq(Uuid::now_v7()),
            ticket_sla_events::ticket_id.eq(ticket_id),
            ticket_sla_events::client_id.eq(client_id),
            ticket_sla_events::kind.eq(kind),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|inserted| inserted == 1)
}

/// The clock history of a ticket (already checked to be in scope), oldest first.
pub fn events(conn: &mut PgConnection, ticket_id: Uuid) -> QueryResult<Vec<SlaEvent>> {
    ticket_sla_events::table
        .filter(ticket_sla_events::ticket_id.eq(ticket_id))
        .order((ticket_sla_events::at.asc(), ticket_sla_events::id.asc()))
        .select(SlaEvent::as_select())
        .load(conn)
}

/// The pause marks of a ticket, `(paused?, at)`, oldest first.
pub fn pause_marks(conn: &mut PgConnection, ticket_id: Uuid) -> QueryResult<Vec<(bool, DateTime<Utc>)>> {
    let rows: Vec<(String, DateTime<Utc>)> = ticket_sla_events::table
        .filter(ticket_sla_events::ticket_id.eq(ticket_id))
        .filter(ticket_sla_events::kind.eq_any(["paused", "resumed"]))
        .order((ticket_sla_events::at.asc(), ticket_sla_events::id.asc()))
        .select((ticket_sla_events::kind, ticket_sla_events::at))
        .load(conn)?;
    Ok(rows.into_iter().map(|(kind, at)| (kind == "paused", at)).collect())
}

/// Up to `limit` tickets whose running clocks passed a risk instant (candidates for an alert;
/// the domain decides which, and the unique alert events make each go out once).
pub fn alert_candidates(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<crate::tickets::Ticket>> {
    use diesel::dsl::now;
    let first_response_running = tickets::first_responded_at.is_null().and(tickets::first_response_risk_at.lt(now));
    let resolution_running = tickets::resolved_at.is_null().and(tickets::resolution_risk_at.lt(now));
    tickets::table
        .filter(tickets::status.eq_any(["open", "pending"]))
        .filter(tickets::paused_since.is_null())
        .filter(first_response_running.or(resolution_running))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            ticket_sla_events::table
                .filter(ticket_sla_events::ticket_id.eq(tickets::id))
                .filter(ticket_sla_events::kind.eq_any(["resolution_breached"])),
        )))
        .order(tickets::resolution_due.asc())
        .limit(limit)
        .select(crate::tickets::Ticket::as_select())
        .load(conn)
}

/// The policy versions `ids`.
pub fn policies(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<SlaPolicyRow>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    sla_policies::table.filter(sla_policies::id.eq_any(ids)).select(SlaPolicyRow::as_select()).load(conn)
}
