//! NOURX staff back-office: accounts, the audit log and the outgoing emails.

mod dto;
mod handlers;

pub use dto::*;
pub use handlers::*;
