use chrono::{DateTime, Utc};
use nourx_db::clients::{Client, MemberRow};
use nourx_db::invitations::Invitation;
use nourx_domain::{ClientStatus, Locale, MemberRole};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::dto_util::present;

#[derive(Debug, Serialize, ToSchema)]
pub struct ClientDto {
    pub id: Uuid,
    #[schema(example = "Akwaba Digital")]
    pub name: String,
    #[schema(example = "Akwaba Digital SARL")]
    pub legal_name: Option<String>,
    /// NCC in Côte d'Ivoire, NINEA in Senegal, etc.
    pub tax_id: Option<String>,
    pub address: Option<String>,
    #[schema(example = "Abidjan")]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[schema(example = "CI")]
    pub country: String,
    pub phone: Option<String>,
    pub billing_email: Option<String>,
    /// ISO 4217.
    #[schema(example = "XOF")]
    pub currency: String,
    /// The language of the client's quotes, invoices and billing emails.
    pub language: Locale,
    pub status: ClientStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Client> for ClientDto {
    fn from(client: Client) -> ClientDto {
        ClientDto {
            id: client.id,
            name: client.name,
            legal_name: client.legal_name,
            tax_id: client.tax_id,
            address: client.address,
            city: client.city,
            // `char(n)` columns come back padded when shorter; ours never are, but trim anyway.
            country: client.country.trim().to_owned(),
            phone: client.phone,
            billing_email: client.billing_email,
            currency: client.currency.trim().to_owned(),
            language: client.language,
            status: client.status,
            created_at: client.created_at,
            updated_at: client.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClientListQuery {
    /// active or archived.
    pub status: Option<String>,
    /// Part of the name or of the legal name.
    pub search: Option<String>,
    /// name, created_at, updated_at or city; `-` for descending. Default: name.
    pub ordering: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateClientRequest {
    /// Unique, whatever the case.
    #[schema(example = "Akwaba Digital")]
    pub name: String,
    pub legal_name: Option<String>,
    pub tax_id: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2, e.g. CI, SN. Default: CI.
    pub country: Option<String>,
    pub phone: Option<String>,
    pub billing_email: Option<String>,
    /// ISO 4217, e.g. XOF. Default: XOF.
    pub currency: Option<String>,
    /// Default: active.
    pub status: Option<ClientStatus>,
}

/// Absent fields are kept; `null` clears the optional ones.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateClientRequest {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub legal_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub tax_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub city: Option<Option<String>>,
    pub country: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub billing_email: Option<Option<String>>,
    /// NOURX staff only (403 for a client's owner).
    pub currency: Option<String>,
    /// fr or en: the language of the client's quotes, invoices and billing emails.
    pub language: Option<Locale>,
    /// NOURX staff only (403 for a client's owner).
    pub status: Option<ClientStatus>,
    /// Whether the client may pay an invoice in several instalments online. NOURX staff only.
    pub partial_payments_allowed: Option<bool>,
}

/// A person of the client.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDto {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: MemberRole,
    pub is_active: bool,
    pub joined_at: DateTime<Utc>,
}

impl From<MemberRow> for MemberDto {
    fn from(row: MemberRow) -> MemberDto {
        MemberDto {
            user_id: row.user_id,
            email: row.email,
            name: row.full_name,
            role: row.role,
            is_active: row.is_active,
            joined_at: row.joined_at,
        }
    }
}

/// An invitation sent by email. The token is only ever in the email.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationDto {
    pub id: Uuid,
    pub client_id: Uuid,
    pub email: String,
    pub role: MemberRole,
    pub invited_by: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<Invitation> for InvitationDto {
    fn from(invitation: Invitation) -> InvitationDto {
        InvitationDto {
            id: invitation.id,
            client_id: invitation.client_id,
            email: invitation.email,
            role: invitation.role,
            invited_by: invitation.invited_by,
            expires_at: invitation.expires_at,
            accepted_at: invitation.accepted_at,
            created_at: invitation.created_at,
        }
    }
}

/// The members of a client and the invitations still waiting for an answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembersResponse {
    pub members: Vec<MemberDto>,
    /// Pending (neither accepted nor expired), newest first.
    pub invitations: Vec<InvitationDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteMemberRequest {
    #[schema(example = "kofi@akwaba.demo")]
    pub email: String,
    pub role: MemberRole,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberRequest {
    pub role: MemberRole,
}
