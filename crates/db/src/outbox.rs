//! Emails waiting to be delivered. Written in the transaction of the change that causes
//! them, so an email exists if and only if its change was committed.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use nourx_domain::Locale;
use nourx_domain::outbox::OutboxStatus;
use uuid::Uuid;

use crate::schema::outbox;
use crate::scope::PageRequest;

/// After this many failed attempts a message stops being retried and is `failed`
/// (still listed for admins, never deleted).
pub const MAX_ATTEMPTS: i32 = 10;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox, check_for_backend(diesel::pg::Pg))]
pub struct OutboxEmail {
    pub id: Uuid,
    pub to_email: String,
    pub template: String,
    pub locale: Locale,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = outbox)]
pub struct NewOutboxEmail<'a> {
    pub id: Uuid,
    pub to_email: &'a str,
    pub template: &'a str,
    pub locale: Locale,
    pub subject: &'a str,
    pub text_body: &'a str,
    pub html_body: &'a str,
}

pub fn enqueue(conn: &mut PgConnection, email: &NewOutboxEmail<'_>) -> QueryResult<()> {
    diesel::insert_into(outbox::table).values(email).execute(conn).map(|_| ())
}

/// Claims up to `limit` messages due for delivery; the row locks (SKIP LOCKED) keep two
/// deliverers from sending the same message. Call inside a transaction.
pub fn claim_due(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<OutboxEmail>> {
    outbox::table
        .filter(outbox::status.eq(OutboxStatus::Pending))
        .filter(outbox::next_attempt_at.le(diesel::dsl::now))
        .order(outbox::next_attempt_at.asc())
        .limit(limit)
        .for_update()
        .skip_locked()
        .select(OutboxEmail::as_select())
        .load(conn)
}

pub fn mark_sent(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(OutboxStatus::Sent),
            outbox::sent_at.eq(diesel::dsl::now),
            outbox::attempts.eq(outbox::attempts + 1),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Replaces the stored bodies once the message is delivered (their single-use links masked).
pub fn replace_bodies(conn: &mut PgConnection, id: Uuid, text_body: &str, html_body: &str) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((outbox::text_body.eq(text_body), outbox::html_body.eq(html_body)))
        .execute(conn)
        .map(|_| ())
}

/// No SMTP configured: the message is kept for the admin mail viewer.
pub fn mark_kept(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(outbox::table.find(id)).set(outbox::status.eq(OutboxStatus::Kept)).execute(conn).map(|_| ())
}

/// Records a failed attempt and schedules the next one with exponential back-off
/// (30 s, 1 min, 2 min, … capped at 6 h); gives up after `MAX_ATTEMPTS`.
pub fn mark_failed(conn: &mut PgConnection, email: &OutboxEmail, error: &str) -> QueryResult<()> {
    let attempts = email.attempts + 1;
    let delay = Duration::seconds((30_i64 << attempts.clamp(0, 20)).min(6 * 3600) / 2);
    let status = if attempts >= MAX_ATTEMPTS { OutboxStatus::Failed } else { OutboxStatus::Pending };
    let now = crate::clock::transaction_now(conn)?;
    diesel::update(outbox::table.find(email.id))
        .set((
            outbox::attempts.eq(attempts),
            outbox::last_error.eq(error),
            outbox::status.eq(status),
            outbox::next_attempt_at.eq(now + delay),
        ))
        .execute(conn)
        .map(|_| ())
}

#[derive(Debug, Default, Clone)]
pub struct OutboxFilter {
    pub to_email: Option<String>,
    pub status: Option<OutboxStatus>,
    pub template: Option<String>,
}

pub fn list(conn: &mut PgConnection, filter: &OutboxFilter, page: PageRequest) -> QueryResult<(i64, Vec<OutboxEmail>)> {
    let build = || {
        let mut query = outbox::table.into_boxed();
        if let Some(to) = &filter.to_email {
            query = query.filter(outbox::to_email.eq(to.to_lowercase()));
        }
        if let Some(status) = filter.status {
            query = query.filter(outbox::status.eq(status));
        }
        if let Some(template) = &filter.template {
            query = query.filter(outbox::template.eq(template.clone()));
        }
        query
    };
    let rows = build()
        .order(outbox::created_at.desc())
        .limit(page.limit)
        .offset(page.offset)
        .select(OutboxEmail::as_select())
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}
