//! The work inside projects: milestones, kanban tasks and their comments.

mod comment;
mod dto;
mod handlers;
mod milestone;
mod task;

pub use dto::*;
pub use handlers::*;
