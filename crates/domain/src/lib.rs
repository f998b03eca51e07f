//! Pure business rules of NOURX: value types that parse instead of validate,
//! and the messages users see when a rule is broken (French first, English second).
//! Nothing here does I/O, so everything here is unit-tested directly.

pub mod activity;
pub mod billing;
pub mod branding;
pub mod business_hours;
pub mod canned;
pub mod client;
pub mod credit;
pub mod delivery;
pub mod device;
pub mod documents;
pub mod email;
pub mod events;
pub mod i18n;
pub mod invitation;
pub mod job;
pub mod kpis;
pub mod limits;
pub mod money;
pub mod notification_preferences;
pub mod outbox;
pub mod password;
pub mod pay_link;
pub mod payments;
pub mod policy;
pub mod progress;
pub mod prospects;
pub mod reconciliation;
pub mod recurring;
pub mod reminders;
pub mod secrets;
pub mod sla;
pub mod spreadsheet;
pub mod statement;
pub mod stored;
pub mod team;
pub mod throttle;
pub mod tickets;
pub mod two_factor;
pub mod user;
pub mod workflow;

pub use billing::{InvoiceStatus, QuoteStatus};
pub use client::ClientStatus;
pub use email::Email;
pub use i18n::{Lang, Message};
pub use password::{NewPassword, PasswordRules};
pub use policy::{Action, Actor, StaffAction, can, can_staff};
pub use progress::{project_progress, validate_manual_progress};
pub use sla::{SlaTargets, default_sla, is_breached};
pub use user::{Locale, Role};
pub use workflow::{
    MemberRole, MilestoneStatus, Priority, ProjectStatus, TaskStatus, TicketStatus, TransitionError, Workflow,
};
