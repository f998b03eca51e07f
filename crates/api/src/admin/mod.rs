//! NOURX staff back-office: accounts, the audit log, the outgoing emails, the payment settings,
//! the job queue and the team.

mod dto;
mod handlers;
mod payments;
mod team;

pub use dto::*;
pub use handlers::*;
pub use payments::*;
pub use team::*;
