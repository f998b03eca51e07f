//! The logged-in user's own account: profile and password.

mod dto;
mod handlers;

pub use dto::{ChangePasswordRequest, MeResponse, UpdateMeRequest};
pub(crate) use handlers::me_response;
pub use handlers::{change_password, get_me, update_me};
