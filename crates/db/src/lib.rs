//! NOURX persistence: the diesel schema, one module of queries per aggregate,
//! the connection pool, embedded migrations, and the embedded PostgreSQL cluster.

pub mod clients;
pub mod clock;
pub mod embedded;
pub mod login_throttle;
pub mod migrations;
pub mod pool;
pub mod schema;
pub mod sessions;
pub mod users;

pub use pool::{Db, DbError, DbPool, PgConn};

pub mod alerts;
pub mod audit;
pub mod canned_replies;
pub mod comments;
pub mod credit_notes;
pub mod documents;
pub mod email_templates;
pub mod events;
pub mod invitations;
pub mod invoices;
pub mod jobs;
mod joins;
pub mod kpis;
pub mod line_items;
pub mod milestones;
pub mod notification_preferences;
pub mod notifications;
pub mod outbox;
pub mod pay_links;
pub mod payments;
pub mod projects;
pub mod prospects;
pub mod quotes;
pub mod rate_limits;
pub mod reconciliations;
pub mod recurring;
pub mod reminders;
pub mod saved_filters;
pub mod scope;
pub mod search;
pub mod sequences;
pub mod settings;
pub mod sla;
pub mod staff_invitations;
pub mod statements;
pub mod tasks;
pub mod tickets;
pub mod two_factor;

pub use scope::{PageRequest, Scope};

/// `%term%` for ILIKE, with the pattern characters of `term` escaped.
pub fn like_pattern(term: &str) -> String {
    format!("%{}%", like_escape(term))
}

/// `term` trimmed, with LIKE's pattern characters escaped.
pub fn like_escape(term: &str) -> String {
    term.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}
