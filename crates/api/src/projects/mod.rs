//! Projects: list and read in the caller's scope; create and change as NOURX staff.

mod dto;
mod handlers;
mod project;

pub use dto::*;
pub use handlers::*;
