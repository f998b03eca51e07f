//! Abuse limits for handlers, one line each, shared by every replica through PostgreSQL
//! (`nourx_db::rate_limits`; the decision is `nourx_domain::limits`).
//!
//! Call [`check`] (or [`check_unless_staff`]) after validating the request and before doing the
//! work: every request that gets that far is counted, in its own statement (the window's row is
//! locked for microseconds, never for a whole transaction, so a flood cannot pin the pool's
//! connections), and parallel requests each get their own count, so no more than the limit of
//! them pass. Over the limit: `ApiError::Throttled`, a 429 with `Retry-After` and a French/English
//! message.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use nourx_db::{Db, rate_limits};
use nourx_domain::limits::{Decision, RateLimit};
use uuid::Uuid;

use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};

/// What is counted.
#[derive(Debug, Clone, Copy)]
pub enum Bucket {
    /// Password-reset requests from one address (`None`: the peer address is unknown).
    PasswordResetFrom(Option<IpAddr>),
    /// Every password-reset request.
    PasswordResetAll,
    /// Invitations into one client.
    InvitationsTo(Uuid),
    /// Upload forms asked by one person.
    PresignsBy(Uuid),
    /// Tickets opened by one person.
    TicketsBy(Uuid),
    /// A CinetPay status check of one payment from `GET /api/payments/{id}/status/`, by the pollers
    /// that saw the same `last_checked_at` (`None`: never checked). Once the winner's check lands,
    /// `last_checked_at` moves on and pollers see a fresh state; if it fails, the claim holds the
    /// others off for the interval.
    PaymentStatus(Uuid, Option<DateTime<Utc>>),
    /// Requests to the pay-link routes from one address (but for the status polls).
    PayLinksFrom(Option<IpAddr>),
    /// Leads from the website's contact form from one address.
    LeadsFrom(Option<IpAddr>),
    /// Status polls of pay-link payments from one address.
    PayLinkPollsFrom(Option<IpAddr>),
    /// Not a limit: the visit to one pay link from one address that last counted as a use (its
    /// window starts when it counted; `nourx_domain::pay_link::Opening`).
    PayLinkVisit(Uuid, Option<IpAddr>),
}

impl Bucket {
    pub fn key(&self) -> String {
        match self {
            Bucket::PasswordResetFrom(Some(ip)) => format!("password_reset:ip:{ip}"),
            Bucket::PasswordResetFrom(None) => "password_reset:ip:unknown".into(),
            Bucket::PasswordResetAll => "password_reset:all".into(),
            Bucket::InvitationsTo(client) => format!("invitations:client:{client}"),
            Bucket::PresignsBy(user) => format!("presigns:user:{user}"),
            Bucket::TicketsBy(user) => format!("tickets:user:{user}"),
            Bucket::PaymentStatus(payment, Some(seen)) => {
                format!("payment_status:{payment}:{}", seen.timestamp_micros())
            }
            Bucket::PaymentStatus(payment, None) => format!("payment_status:{payment}:never"),
            Bucket::PayLinksFrom(Some(ip)) => format!("pay_links:ip:{ip}"),
            Bucket::PayLinksFrom(None) => "pay_links:ip:unknown".into(),
            Bucket::LeadsFrom(Some(ip)) => format!("leads:ip:{ip}"),
            Bucket::LeadsFrom(None) => "leads:ip:unknown".into(),
            Bucket::PayLinkPollsFrom(Some(ip)) => format!("pay_link_polls:ip:{ip}"),
            Bucket::PayLinkPollsFrom(None) => "pay_link_polls:ip:unknown".into(),
            Bucket::PayLinkVisit(link, Some(ip)) => format!("pay_link_visit:{link}:{ip}"),
            Bucket::PayLinkVisit(link, None) => format!("pay_link_visit:{link}:unknown"),
        }
    }
}

/// Counts this request in `bucket`; 429 when it goes over `limit`.
pub async fn check(db: &Db, limit: RateLimit, bucket: Bucket) -> ApiResult<()> {
    if limit.is_off() {
        return Ok(());
    }
    let now = Utc::now();
    let (start, end) = limit.window_at(now);
    let key = bucket.key();
    let count = db.run(move |conn| rate_limits::hit(conn, &key, start, end).map_err(ApiError::from)).await?;
    decide(limit, bucket, count, end, now)
}

/// [`check`] on the caller's connection, for a limit that may only be counted once the caller is
/// authorized (a client's invitations: nobody else may spend them). Inside a transaction the
/// window's row stays locked until it ends, so only requests of that bucket queue, and a request
/// that fails afterwards (a refused one included) gives its count back.
pub fn hit(conn: &mut diesel::PgConnection, limit: RateLimit, bucket: Bucket) -> ApiResult<()> {
    if limit.is_off() {
        return Ok(());
    }
    let now = Utc::now();
    let (start, end) = limit.window_at(now);
    let count = rate_limits::hit(conn, &bucket.key(), start, end)?;
    decide(limit, bucket, count, end, now)
}

fn decide(limit: RateLimit, bucket: Bucket, count: i64, end: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<()> {
    match limit.decide(count, end, now) {
        Decision::Allowed => Ok(()),
        Decision::RetryAfter(retry_after_seconds) => {
            tracing::info!(bucket = %bucket.key(), count, retry_after_seconds, "rate limit reached");
            Err(ApiError::Throttled { retry_after_seconds })
        }
    }
}

/// [`check`] for client people; NOURX staff are not counted.
pub async fn check_unless_staff(db: &Db, caller: &Caller, limit: RateLimit, bucket: Bucket) -> ApiResult<()> {
    if caller.is_staff() { Ok(()) } else { check(db, limit, bucket).await }
}

/// `true` for the one caller that may do what `bucket` names now, at most once per `interval`
/// (parallel callers included); `false` while an earlier claim runs.
pub async fn claim(db: &Db, bucket: Bucket, interval: chrono::Duration) -> ApiResult<bool> {
    let seconds = interval.num_milliseconds() as f64 / 1000.0;
    if seconds <= 0.0 {
        return Ok(true);
    }
    db.run(move |conn| rate_limits::claim(conn, &bucket.key(), seconds).map_err(ApiError::from)).await
}

/// The periodic clean-up's part: finished windows and claims, and the webhook journal's rows past
/// their retention (`NOURX_LIMIT_WEBHOOK_JOURNAL_DAYS`). Returns (limit rows, journal rows).
pub fn delete_expired(conn: &mut diesel::PgConnection, config: &crate::ApiConfig) -> anyhow::Result<(usize, usize)> {
    let windows = rate_limits::delete_expired(conn)?;
    let cutoff = Utc::now() - config.limits.webhook_journal_retention;
    let journal = nourx_db::payments::delete_notifications_before(conn, cutoff)?;
    if journal > 0 {
        tracing::info!(journal, %cutoff, "webhook journal rows past their retention deleted");
    }
    Ok((windows, journal))
}
