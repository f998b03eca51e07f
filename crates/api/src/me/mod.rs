//! The logged-in user's own account: profile, password, two-factor authentication, sessions.

mod dto;
mod handlers;
mod notification_preferences;
mod sessions;
mod two_factor;

pub use dto::{ChangePasswordRequest, MeResponse, MembershipDto, TwoFactorStatus, UpdateMeRequest};
pub use handlers::{change_password, get_me, update_me};
pub(crate) use handlers::{me_response, normalize_phone};
pub use notification_preferences::{
    NotificationPreferencesRequest, TopicPreferenceDto, TopicPreferenceRequest, get_notification_preferences,
    put_notification_preferences,
};
pub use sessions::{RevokedSessions, SessionDto, SessionList, list_sessions, revoke_other_sessions, revoke_session};
pub use two_factor::{
    RecoveryCodes, TwoFactorConfirmRequest, TwoFactorDetails, TwoFactorReauthRequest, TwoFactorSetup,
    confirm_two_factor, disable_two_factor, get_two_factor, regenerate_recovery_codes, setup_two_factor,
};
