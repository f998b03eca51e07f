//! NOURX staff back-office: accounts, the audit log, the outgoing emails, the payment settings,
//! the job queue and the team.

mod dto;
mod handlers;
mod payments;
mod saved_filters;
mod search;
mod team;

pub use dto::*;
pub use handlers::*;
pub use payments::*;
pub use saved_filters::*;
pub use search::*;
pub use team::*;
