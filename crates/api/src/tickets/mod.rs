//! Support tickets: clients open them and write to NOURX; NOURX staff triage, answer and resolve
//! them, with SLA deadlines set from the priority.

pub mod alerts;
mod change;
pub(crate) mod clocks;
mod desk;
mod dto;
mod handlers;
mod open;
mod reply;

pub use desk::*;
pub use dto::*;
pub use handlers::*;
