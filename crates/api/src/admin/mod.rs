//! NOURX staff back-office: accounts, the audit log, the outgoing emails, the payment settings,
//! the job queue and the team.

mod activity;
mod alerts;
mod billing_settings;
mod canned_replies;
mod connection_test;
mod dto;
mod email_templates;
mod handlers;
mod kpis;
mod payments;
mod reconciliation;
mod recurring;
mod saved_filters;
mod search;
mod support;
mod team;
mod workload;

pub use activity::*;
pub use alerts::*;
pub use billing_settings::*;
pub use canned_replies::*;
pub use connection_test::*;
pub use dto::*;
pub use email_templates::*;
pub use handlers::*;
pub use kpis::*;
pub use payments::*;
pub use reconciliation::*;
pub use recurring::*;
pub use saved_filters::*;
pub use search::*;
pub use support::*;
pub use team::*;
pub use workload::*;
