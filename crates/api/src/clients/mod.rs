//! Client companies and their members: read in the caller's scope; the profile and the members
//! managed by the client's owners and by NOURX staff; new clients and their status by NOURX staff.

mod dto;
mod handlers;
mod invitations;
mod lifecycle;
mod members;
mod statement;

pub use dto::*;
pub use handlers::*;
pub use invitations::*;
pub use lifecycle::*;
pub use members::*;
pub use statement::*;
