//! The SLA clocks of tickets: the support calendar (settings `support_calendar` and the public
//! holidays), the policy a ticket follows, and what opening, waiting, resuming and a new priority
//! do to its deadlines.

use chrono::{DateTime, Days, NaiveTime, Utc};
use nourx_db::sla;
use nourx_db::tickets::{Ticket, TicketChanges};
use nourx_domain::business_hours::{DayHours, Schedule};
use nourx_domain::sla::{PauseMove, SlaPlan, SlaPolicy, pause_move, pauses_from, plan};
use nourx_domain::{Priority, TicketStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::http::error::ApiError;
use crate::payments::settings::stored;

pub const SUPPORT_CALENDAR_KEY: &str = "support_calendar";

/// The hours of one open day, local time, `HH:MM` (`24:00`: until midnight).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenHours {
    #[schema(example = "08:00")]
    pub open: String,
    #[schema(example = "18:00")]
    pub close: String,
}

/// When the support desk works, for SLA policies counted in business hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SupportCalendar {
    /// An IANA time zone.
    #[schema(example = "Africa/Abidjan")]
    pub time_zone: String,
    /// Seven days, Monday first; `null`: closed.
    pub week: Vec<Option<OpenHours>>,
}

impl Default for SupportCalendar {
    /// Monday to Friday 08:00–18:00 and Saturday 09:00–13:00 in Abidjan.
    fn default() -> Self {
        let hours = |open: &str, close: &str| Some(OpenHours { open: open.into(), close: close.into() });
        let weekday = hours("08:00", "18:00");
        SupportCalendar {
            time_zone: "Africa/Abidjan".into(),
            week: vec![
                weekday.clone(),
                weekday.clone(),
                weekday.clone(),
                weekday.clone(),
                weekday,
                hours("09:00", "13:00"),
                None,
            ],
        }
    }
}

/// `HH:MM` as a time of day; `24:00` is `Some(None)` (midnight at the end of the day).
pub(crate) fn time_of_day(text: &str) -> Option<Option<NaiveTime>> {
    if text == "24:00" {
        return Some(None);
    }
    NaiveTime::parse_from_str(text, "%H:%M").ok().map(Some)
}

impl SupportCalendar {
    /// The weekly hours as the domain counts them (days that do not read are closed: the API
    /// checks them on save).
    fn week(&self) -> [Option<DayHours>; 7] {
        let mut week = [None; 7];
        for (day, hours) in week.iter_mut().zip(&self.week) {
            *day = hours.as_ref().and_then(|hours| {
                let open = time_of_day(&hours.open)??;
                Some(DayHours { open, close: time_of_day(&hours.close)? })
            });
        }
        week
    }

    pub(crate) fn zone(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::Africa::Abidjan)
    }
}

pub(crate) fn support_calendar(conn: &mut nourx_db::PgConn) -> Result<SupportCalendar, ApiError> {
    stored(conn, SUPPORT_CALENDAR_KEY)
}

/// The schedule and time zone business hours are counted in.
pub(crate) struct SupportClock {
    pub schedule: Schedule,
    pub zone: chrono_tz::Tz,
}

/// The support calendar with the holidays of the last year and those to come.
pub(crate) fn support_clock(conn: &mut nourx_db::PgConn) -> Result<SupportClock, ApiError> {
    let calendar = support_calendar(conn)?;
    let since = Utc::now().date_naive().checked_sub_days(Days::new(400)).unwrap_or_default();
    let holidays = sla::holidays_from(conn, since)?.into_iter().map(|h| h.day).collect();
    Ok(SupportClock { schedule: Schedule { week: calendar.week(), holidays }, zone: calendar.zone() })
}

/// The policy a new ticket of `client_id` follows: its version's id (`None`: the built-in default).
pub(crate) fn policy_for_client(
    conn: &mut nourx_db::PgConn,
    client_id: Uuid,
) -> Result<(Option<Uuid>, SlaPolicy), ApiError> {
    Ok(match sla::current_for(conn, client_id)? {
        Some(row) => (Some(row.id), row.policy()),
        None => (None, SlaPolicy::default()),
    })
}

/// The policy `ticket` was opened with.
pub(crate) fn policy_of(conn: &mut nourx_db::PgConn, ticket: &Ticket) -> Result<SlaPolicy, ApiError> {
    Ok(match ticket.sla_policy_id {
        Some(id) => sla::find(conn, id)?.map(|row| row.policy()).unwrap_or_default(),
        None => SlaPolicy::default(),
    })
}

/// The plan of `ticket` at `priority` under its policy, its finished pauses counted.
pub(crate) fn replan(conn: &mut nourx_db::PgConn, ticket: &Ticket, priority: Priority) -> Result<SlaPlan, ApiError> {
    let policy = policy_of(conn, ticket)?;
    let clock = support_clock(conn)?;
    let pauses = pauses_from(&sla::pause_marks(conn, ticket.id)?);
    Ok(plan(&policy, (&clock.schedule, &clock.zone), ticket.created_at, priority, &pauses))
}

/// The plan of a new ticket of `client_id` at `priority` opened at `opened_at`, and its policy.
pub(crate) fn opening_plan(
    conn: &mut nourx_db::PgConn,
    client_id: Uuid,
    priority: Priority,
    opened_at: DateTime<Utc>,
) -> Result<(Option<Uuid>, SlaPlan), ApiError> {
    let (policy_id, policy) = policy_for_client(conn, client_id)?;
    let clock = support_clock(conn)?;
    Ok((policy_id, plan(&policy, (&clock.schedule, &clock.zone), opened_at, priority, &[])))
}

/// Stops or restarts the clocks of `ticket` as it goes to `to` at `now`: records the pause or the
/// resumption (and the resolution or reopening) and adds the moved deadlines to `changes`.
pub(crate) fn on_status_change(
    conn: &mut nourx_db::PgConn,
    ticket: &Ticket,
    to: TicketStatus,
    now: DateTime<Utc>,
    changes: &mut TicketChanges,
) -> Result<(), ApiError> {
    let policy = policy_of(conn, ticket)?;
    match pause_move(policy.pause_while_waiting, ticket.paused_since.is_some(), to) {
        PauseMove::Pause => {
            sla::record(conn, ticket.id, ticket.client_id, "paused")?;
            changes.paused_since = Some(Some(now));
        }
        PauseMove::Resume => {
            sla::record(conn, ticket.id, ticket.client_id, "resumed")?;
            changes.paused_since = Some(None);
            changes.replan(replan(conn, ticket, changes.priority.unwrap_or(ticket.priority))?);
        }
        PauseMove::Keep => {}
    }
    match to {
        TicketStatus::Resolved => {
            sla::record(conn, ticket.id, ticket.client_id, "resolved")?;
        }
        TicketStatus::Open if ticket.status == TicketStatus::Resolved => {
            sla::record(conn, ticket.id, ticket.client_id, "reopened")?;
        }
        _ => {}
    }
    Ok(())
}
