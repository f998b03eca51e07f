//! NOURX staff back-office: accounts, the audit log, the outgoing emails, the payment settings
//! and the job queue.

mod alerts;
mod dto;
mod handlers;
mod kpis;
mod payments;

pub use alerts::*;
pub use dto::*;
pub use handlers::*;
pub use kpis::*;
pub use payments::*;
