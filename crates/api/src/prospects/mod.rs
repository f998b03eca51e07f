//! The sales pipeline (NOURX staff): prospects, the stages they go through, their activities and
//! follow-ups, the CSV import, the website's contact form, and the conversion into a client.

pub mod activities;
mod convert;
mod dto;
mod handlers;
mod intake;
mod pipeline;

pub use activities::{create_activity, list_activities};
pub use convert::*;
pub use dto::*;
pub use handlers::*;
pub use intake::*;
pub use pipeline::*;
