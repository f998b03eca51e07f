//! The work inside projects: kanban tasks and their comments.

mod comment;
mod dto;
mod handlers;
mod notices;
mod task;

pub use dto::*;
pub use handlers::*;
