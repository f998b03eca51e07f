//! NOURX staff back-office: accounts, the audit log, the outgoing emails, the payment settings
//! and the job queue.

mod dto;
mod handlers;
mod kpis;
mod payments;

pub use dto::*;
pub use handlers::*;
pub use kpis::*;
pub use payments::*;
