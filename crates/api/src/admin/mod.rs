//! NOURX staff back-office: accounts, the audit log, the outgoing emails, the payment settings
//! and the job queue.

mod dto;
mod handlers;
mod payments;
mod saved_filters;
mod search;

pub use dto::*;
pub use handlers::*;
pub use payments::*;
pub use saved_filters::*;
pub use search::*;
