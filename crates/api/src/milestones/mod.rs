//! Milestones of a project: planned by NOURX staff, submitted to the client, approved by the
//! client (billing them when they carry an amount) or sent back with a request for changes.

mod approval;
mod dto;
mod handlers;
mod milestone;

pub use dto::*;
pub use handlers::*;
