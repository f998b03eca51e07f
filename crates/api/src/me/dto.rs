use chrono::{DateTime, Utc};
use nourx_db::users::User;
use nourx_domain::{Locale, MemberRole, Role};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The logged-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    pub id: Uuid,
    #[schema(example = "awa@akwaba.demo")]
    pub email: String,
    /// Full name.
    #[schema(example = "Awa Koné")]
    pub name: String,
    #[schema(example = "+2250701020304")]
    pub phone: Option<String>,
    pub locale: Locale,
    pub role: Role,
    pub is_active: bool,
    pub last_login: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The clients this user is a member of (empty for NOURX staff).
    pub client_ids: Vec<Uuid>,
    /// The same clients with the user's role in each, so that the UI offers only what the role allows.
    pub memberships: Vec<MembershipDto>,
    pub two_factor: TwoFactorStatus,
}

/// Where the account stands with two-factor authentication.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct TwoFactorStatus {
    /// Two-factor authentication is on for this account.
    pub enabled: bool,
    /// This account must use it (NOURX staff where `NOURX_STAFF_2FA_REQUIRED` is on; off in
    /// development, so that the demo admin stays one password away).
    pub required: bool,
    /// A staff account that must enrol before anything else: until it does, only `/api/me/`,
    /// `/api/me/two-factor/…` and logout answer (403 `two_factor_enrolment_required` elsewhere).
    pub enrolment_required: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipDto {
    pub client_id: Uuid,
    pub role: MemberRole,
}

impl MeResponse {
    /// `memberships`: (client id, member role), oldest first.
    pub fn from_user(user: User, memberships: Vec<(Uuid, MemberRole)>, two_factor: TwoFactorStatus) -> MeResponse {
        let memberships: Vec<MembershipDto> =
            memberships.into_iter().map(|(client_id, role)| MembershipDto { client_id, role }).collect();
        let client_ids = memberships.iter().map(|m| m.client_id).collect();
        MeResponse {
            id: user.id,
            email: user.email,
            name: user.full_name,
            phone: user.phone,
            locale: user.locale,
            role: user.role,
            is_active: user.is_active,
            last_login: user.last_login,
            created_at: user.created_at,
            client_ids,
            memberships,
            two_factor,
        }
    }
}

/// Profile changes; absent fields stay as they are, `phone: null` clears the phone.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeRequest {
    #[schema(example = "Awa Koné")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, example = "+225 07 01 02 03 04")]
    pub phone: Option<Option<String>>,
    pub locale: Option<Locale>,
}

/// Distinguishes `"phone": null` (clear it) from no `phone` at all (keep it).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[schema(format = Password)]
    pub current_password: String,
    /// 12 to 128 characters, not a common password, not built from your name or email.
    #[schema(format = Password)]
    pub new_password: String,
}
