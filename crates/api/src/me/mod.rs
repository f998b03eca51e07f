//! The logged-in user's own account: profile and password.

mod dto;
mod handlers;

pub use dto::{ChangePasswordRequest, MeResponse, MembershipDto, UpdateMeRequest};
pub use handlers::{change_password, get_me, update_me};
pub(crate) use handlers::{me_response, normalize_phone};
