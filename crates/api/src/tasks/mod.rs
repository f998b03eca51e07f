//! The work inside projects: milestones, kanban tasks and their comments.

mod dto;
mod handlers;

pub use dto::*;
pub use handlers::*;
