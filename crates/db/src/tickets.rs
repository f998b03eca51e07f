//! Support tickets and their messages, with SLA deadlines stored at creation.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use nourx_domain::sla::{Clock, ClockState, SlaDeadlines, SlaPlan, StoredClock, TicketClocks, stored_clock_state};
use nourx_domain::{Priority, Role, TicketStatus};
use uuid::Uuid;

use crate::schema::{ticket_messages, tickets, users};
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = tickets, check_for_backend(diesel::pg::Pg))]
pub struct Ticket {
    pub id: Uuid,
    pub number: i64,
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub assigned_to: Option<Uuid>,
    pub created_by: Uuid,
    pub first_response_due: DateTime<Utc>,
    pub resolution_due: DateTime<Utc>,
    pub first_responded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The policy the ticket was opened with; `None`: the built-in default.
    pub sla_policy_id: Option<Uuid>,
    pub first_response_risk_at: DateTime<Utc>,
    pub resolution_risk_at: DateTime<Utc>,
    /// Since when the clocks stand still (waiting for the client, under a pausing policy).
    pub paused_since: Option<DateTime<Utc>>,
}

impl Ticket {
    /// The state of one clock at `now`.
    pub fn clock_state(&self, clock: Clock, now: DateTime<Utc>) -> ClockState {
        let stored = match clock {
            Clock::FirstResponse => StoredClock {
                due: self.first_response_due,
                risk_at: self.first_response_risk_at,
                done_at: self.first_responded_at,
            },
            Clock::Resolution => {
                StoredClock { due: self.resolution_due, risk_at: self.resolution_risk_at, done_at: self.resolved_at }
            }
        };
        stored_clock_state(stored, self.status, self.paused_since.is_some(), now)
    }

    /// The ticket's SLA clocks, for the rules of `nourx_domain::sla`.
    pub fn clocks(&self) -> TicketClocks {
        TicketClocks {
            status: self.status,
            deadlines: SlaDeadlines {
                first_response_due: self.first_response_due,
                resolution_due: self.resolution_due,
            },
            first_responded_at: self.first_responded_at,
            resolved_at: self.resolved_at,
        }
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = tickets)]
pub struct NewTicket<'a> {
    pub id: Uuid,
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub subject: &'a str,
    pub priority: Priority,
    pub created_by: Uuid,
    pub sla_policy_id: Option<Uuid>,
    pub first_response_due: DateTime<Utc>,
    pub first_response_risk_at: DateTime<Utc>,
    pub resolution_due: DateTime<Utc>,
    pub resolution_risk_at: DateTime<Utc>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = tickets)]
pub struct TicketChanges {
    pub subject: Option<String>,
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    pub assigned_to: Option<Option<Uuid>>,
    pub project_id: Option<Option<Uuid>>,
    pub first_response_due: Option<DateTime<Utc>>,
    pub first_response_risk_at: Option<DateTime<Utc>>,
    pub resolution_due: Option<DateTime<Utc>>,
    pub resolution_risk_at: Option<DateTime<Utc>>,
    pub paused_since: Option<Option<DateTime<Utc>>>,
    pub first_responded_at: Option<Option<DateTime<Utc>>>,
    pub resolved_at: Option<Option<DateTime<Utc>>>,
    pub closed_at: Option<Option<DateTime<Utc>>>,
}

impl TicketChanges {
    /// Moves both clocks to `plan`.
    pub fn replan(&mut self, plan: SlaPlan) {
        self.first_response_due = Some(plan.first_response_due);
        self.first_response_risk_at = Some(plan.first_response_risk_at);
        self.resolution_due = Some(plan.resolution_due);
        self.resolution_risk_at = Some(plan.resolution_risk_at);
    }
}

#[derive(Debug, Default, Clone)]
pub struct TicketFilter {
    pub client_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    pub assigned_to: Option<Uuid>,
    pub breached: Option<bool>,
    /// Open, not paused, with less than a quarter of a target left and not yet breached.
    pub at_risk: Option<bool>,
    /// Without an assignee.
    pub unassigned: Option<bool>,
    pub search: Option<String>,
}

pub const ORDERING_FIELDS: &[&str] =
    &["created_at", "updated_at", "priority", "first_response_due", "resolution_due", "number", "time_left"];

/// SQL for the next deadline of a ticket whose clocks run (open or pending, not paused): the first
/// response until answered, then the resolution; NULL otherwise. Sorting by it puts the most
/// urgent first and the rest last.
const NEXT_DEADLINE_SQL: &str = "CASE WHEN tickets.status IN ('open', 'pending') AND tickets.paused_since IS NULL \
     THEN CASE WHEN tickets.first_responded_at IS NULL THEN LEAST(tickets.first_response_due, tickets.resolution_due) \
     ELSE tickets.resolution_due END END";

/// SQL for "at risk": a running clock past its risk instant but not its deadline
/// (`stored_clock_state`'s rule). Each side is the predicate of a partial index on running
/// clocks, so that the few tickets at risk are found without walking the inbox.
const AT_RISK_SQL: &str = "COALESCE((tickets.first_responded_at IS NULL AND tickets.status IN ('open', 'pending') \
     AND tickets.paused_since IS NULL AND tickets.first_response_risk_at < now() AND tickets.first_response_due >= now()) \
     OR (tickets.resolved_at IS NULL AND tickets.status IN ('open', 'pending') \
     AND tickets.paused_since IS NULL AND tickets.resolution_risk_at < now() AND tickets.resolution_due >= now()), false)";

/// SQL for "an SLA deadline was or is being missed", the same rule as `TicketClocks::is_breached`.
/// Never NULL (a comparison with a NULL timestamp is), so that `NOT` of it selects the others.
/// A paused clock is not breached while it waits.
const BREACHED_SQL: &str = "COALESCE(((tickets.first_responded_at IS NULL AND tickets.status IN ('open', 'pending') \
     AND tickets.paused_since IS NULL AND tickets.first_response_due < now()) \
     OR tickets.first_responded_at > tickets.first_response_due \
     OR (tickets.resolved_at IS NULL AND tickets.status IN ('open', 'pending') AND tickets.paused_since IS NULL \
     AND tickets.resolution_due < now()) \
     OR tickets.resolved_at > tickets.resolution_due), false)";

/// `COALESCE(<predicate>, false)` as `(<predicate>)`: the same rows for a positive filter.
fn unwrapped(sql: &'static str) -> &'static str {
    sql.strip_prefix("COALESCE(").and_then(|rest| rest.strip_suffix(", false)")).unwrap_or(sql)
}

impl NewTicket<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Ticket> {
        diesel::insert_into(tickets::table).values(self).returning(Ticket::as_returning()).get_result(conn)
    }
}

pub fn find(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<Ticket>> {
    scoped!(tickets::table.find(id).into_boxed(), scope, tickets::client_id)
        .select(Ticket::as_select())
        .first(conn)
        .optional()
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &TicketChanges) -> QueryResult<Ticket> {
    diesel::update(tickets::table.find(id))
        .set((changes, tickets::updated_at.eq(diesel::dsl::now)))
        .returning(Ticket::as_returning())
        .get_result(conn)
}

pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &TicketFilter,
    ordering: &str,
    page: PageRequest,
    known_count: Option<i64>,
) -> QueryResult<(i64, Vec<Ticket>)> {
    let build = || {
        let mut query = scoped!(tickets::table.into_boxed(), scope, tickets::client_id);
        if let Some(client) = filter.client_id {
            query = query.filter(tickets::client_id.eq(client));
        }
        if let Some(project) = filter.project_id {
            query = query.filter(tickets::project_id.eq(project));
        }
        if let Some(status) = filter.status {
            query = query.filter(tickets::status.eq(status));
        }
        if let Some(priority) = filter.priority {
            query = query.filter(tickets::priority.eq(priority));
        }
        if let Some(assignee) = filter.assigned_to {
            query = query.filter(tickets::assigned_to.eq(assignee));
        }
        match filter.breached {
            // Without the COALESCE (NULL selects nothing, as false does), so that indexes apply.
            Some(true) => query = query.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(unwrapped(BREACHED_SQL))),
            Some(false) => {
                query = query.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!("NOT {BREACHED_SQL}")))
            }
            None => {}
        }
        match filter.at_risk {
            Some(true) => query = query.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(unwrapped(AT_RISK_SQL))),
            Some(false) => {
                query = query.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!("NOT {AT_RISK_SQL}")))
            }
            None => {}
        }
        match filter.unassigned {
            Some(true) => query = query.filter(tickets::assigned_to.is_null()),
            Some(false) => query = query.filter(tickets::assigned_to.is_not_null()),
            None => {}
        }
        if let Some(search) = &filter.search {
            query = query.filter(tickets::subject.ilike(crate::like_pattern(search)));
        }
        query
    };
    // The few tickets at risk are found through the running clocks' indexes, then sorted: the
    // same order written so that the time-left index does not apply (walking it for 25 rows at
    // risk filtered out some 86 000 breached ones at scale: 53 ms against 2).
    let next_deadline_sql = match filter.at_risk {
        Some(true) => format!("({NEXT_DEADLINE_SQL}) + interval '0'"),
        _ => NEXT_DEADLINE_SQL.to_owned(),
    };
    let next_deadline =
        || diesel::dsl::sql::<diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>>(&next_deadline_sql);
    let priority_rank = diesel::dsl::sql::<diesel::sql_types::Integer>(
        "CASE tickets.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END",
    );
    let query = match ordering {
        "created_at" => build().order(tickets::created_at.asc()),
        "updated_at" => build().order(tickets::updated_at.asc()),
        "-updated_at" => build().order(tickets::updated_at.desc()),
        "priority" => build().order(priority_rank.asc()),
        "-priority" => build().order(priority_rank.desc()),
        "first_response_due" => build().order(tickets::first_response_due.asc()),
        "-first_response_due" => build().order(tickets::first_response_due.desc()),
        "resolution_due" => build().order(tickets::resolution_due.asc()),
        "-resolution_due" => build().order(tickets::resolution_due.desc()),
        "number" => build().order(tickets::number.asc()),
        "-number" => build().order(tickets::number.desc()),
        "time_left" => build().order(next_deadline().asc().nulls_last()),
        "-time_left" => build().order(next_deadline().desc().nulls_last()),
        _ => build().order(tickets::created_at.desc()),
    };
    let rows = query
        .then_order_by(tickets::id.asc())
        .limit(page.limit)
        .offset(page.offset)
        .select(Ticket::as_select())
        .load(conn)?;
    let count = match known_count {
        Some(count) => count,
        None => crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?,
    };
    Ok((count, rows))
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = ticket_messages, check_for_backend(diesel::pg::Pg))]
pub struct TicketMessage {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub client_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub internal: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = ticket_messages)]
pub struct NewTicketMessage<'a> {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub client_id: Uuid,
    pub author_id: Uuid,
    pub body: &'a str,
    pub internal: bool,
}

impl NewTicketMessage<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<TicketMessage> {
        diesel::insert_into(ticket_messages::table)
            .values(self)
            .returning(TicketMessage::as_returning())
            .get_result(conn)
    }
}

/// A message with its author's full name and role.
pub type MessageRow = (TicketMessage, String, Role);

/// Messages of a ticket (already checked to be in scope), oldest first, with the author's
/// name and role; internal notes only when `include_internal`.
pub fn messages(
    conn: &mut PgConnection,
    ticket_id: Uuid,
    include_internal: bool,
    page: PageRequest,
) -> QueryResult<(i64, Vec<MessageRow>)> {
    let build = || {
        let mut query = ticket_messages::table
            .inner_join(users::table)
            .filter(ticket_messages::ticket_id.eq(ticket_id))
            .into_boxed();
        if !include_internal {
            query = query.filter(ticket_messages::internal.eq(false));
        }
        query
    };
    let rows = build()
        .order((ticket_messages::created_at.asc(), ticket_messages::id.asc()))
        .limit(page.limit)
        .offset(page.offset)
        .select((TicketMessage::as_select(), users::full_name, users::role))
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}

/// `find`, locking the row until the end of the transaction (for read-modify-write).
pub fn find_for_update(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<Ticket>> {
    match scope.client_ids() {
        None => tickets::table.find(id).for_update().select(Ticket::as_select()).first(conn).optional(),
        Some(ids) => tickets::table
            .find(id)
            .filter(tickets::client_id.eq_any(ids.to_vec()))
            .for_update()
            .select(Ticket::as_select())
            .first(conn)
            .optional(),
    }
}

/// Whether `user_id` may be assigned tickets: an active NOURX staff member.
pub fn is_assignable(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        users::table.find(user_id).filter(users::is_active.eq(true)).filter(users::role.eq_any(Role::STAFF)),
    ))
    .get_result(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = crate::schema::ticket_ratings, check_for_backend(diesel::pg::Pg))]
pub struct TicketRating {
    pub ticket_id: Uuid,
    pub client_id: Uuid,
    pub score: i16,
    pub comment: String,
    pub rated_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Records (or changes) the rating of ticket `ticket` (already checked to be in scope).
pub fn rate(
    conn: &mut PgConnection,
    ticket: &Ticket,
    score: i16,
    comment: &str,
    by: Uuid,
) -> QueryResult<TicketRating> {
    use crate::schema::ticket_ratings as r;
    diesel::insert_into(r::table)
        .values((
            r::ticket_id.eq(ticket.id),
            r::client_id.eq(ticket.client_id),
            r::score.eq(score),
            r::comment.eq(comment),
            r::rated_by.eq(by),
        ))
        .on_conflict(r::ticket_id)
        .do_update()
        .set((r::score.eq(score), r::comment.eq(comment), r::rated_by.eq(by), r::updated_at.eq(diesel::dsl::now)))
        .returning(TicketRating::as_returning())
        .get_result(conn)
}

/// The ratings of `ticket_ids`.
pub fn ratings(conn: &mut PgConnection, ticket_ids: &[Uuid]) -> QueryResult<Vec<TicketRating>> {
    use crate::schema::ticket_ratings as r;
    r::table.filter(r::ticket_id.eq_any(ticket_ids)).select(TicketRating::as_select()).load(conn)
}
