//! Authentication: CSRF cookie, login (with its two-factor step), logout, invitations, password reset.

mod handlers;
mod invitations;
mod reset;
mod staff_invitations;
pub mod two_factor;

pub use handlers::{csrf_token, login, logout};
pub(crate) use invitations::invitation_state;
pub use invitations::{AcceptInvitationRequest, accept_invitation};
pub use reset::{
    MAX_RESETS_PER_HOUR, PasswordResetConfirmRequest, PasswordResetRequest, RESET_VALIDITY_MINUTES,
    confirm_password_reset, request_password_reset,
};
pub use two_factor::{
    TwoFactorChallenge, TwoFactorLoginRequest, enrolment_required, login_two_factor, staff_network_refused,
};
