//! Support tickets: clients open them and write to NOURX; NOURX staff triage, answer and resolve
//! them, with SLA deadlines set from the priority.

mod dto;
mod handlers;

pub use dto::*;
pub use handlers::*;
