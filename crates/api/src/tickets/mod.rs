//! Support tickets: clients open them and write to NOURX; NOURX staff triage, answer and resolve
//! them, with SLA deadlines set from the priority.

mod change;
mod dto;
mod handlers;
mod open;
mod reply;

pub use dto::*;
pub use handlers::*;
