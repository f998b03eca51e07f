use chrono::{DateTime, Utc};
use nourx_db::clients::{Client, ClientWithFigures, MemberRow};
use nourx_db::invitations::Invitation;
use nourx_domain::client::ClientSize;
use nourx_domain::invitation::InvitationStatus;
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
    /// NOURX staff only (absent for a client's people): segmentation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "BTP")]
    pub sector: Option<String>,
    /// NOURX staff only. Lowercase, at most 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// NOURX staff only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<ClientSize>,
    /// NOURX staff only: whether the client may pay an invoice in several instalments online.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial_payments_allowed: Option<bool>,
    /// Staff list only: still to be paid on its sent and partially paid invoices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outstanding: Option<i64>,
    /// Staff list only: the part of `outstanding` past its due date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<i64>,
    /// Staff list only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_count: Option<i64>,
    /// Staff list only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_count: Option<i64>,
}

impl ClientDto {
    /// What NOURX staff see of a client: also its segmentation and terms.
    pub fn for_staff(client: Client) -> ClientDto {
        let (sector, tags, size, partial) =
            (client.sector.clone(), client.tags.clone(), client.size, client.partial_payments_allowed);
        ClientDto { sector, tags: Some(tags), size, partial_payments_allowed: Some(partial), ..ClientDto::from(client) }
    }

    /// As the caller sees it: NOURX staff, or one of the client's people.
    pub fn seen_by(client: Client, staff: bool) -> ClientDto {
        if staff { ClientDto::for_staff(client) } else { ClientDto::from(client) }
    }
}

impl From<ClientWithFigures> for ClientDto {
    fn from(row: ClientWithFigures) -> ClientDto {
        ClientDto {
            outstanding: Some(row.outstanding),
            overdue: Some(row.overdue),
            member_count: Some(row.member_count),
            project_count: Some(row.project_count),
            ..ClientDto::for_staff(row.client)
        }
    }
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
            sector: None,
            tags: None,
            size: None,
            partial_payments_allowed: None,
            outstanding: None,
            overdue: None,
            member_count: None,
            project_count: None,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClientListQuery {
    /// active or archived.
    pub status: Option<String>,
    /// Part of the name or of the legal name (NOURX staff: also of the billing email or city,
    /// whatever the case and accents).
    pub q: Option<String>,
    /// The same as `q` (kept for older callers).
    pub search: Option<String>,
    /// NOURX staff only: the city, whatever the case and accents.
    pub city: Option<String>,
    /// NOURX staff only: ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// NOURX staff only: the sector, whatever the case and accents.
    pub sector: Option<String>,
    /// NOURX staff only: clients with this tag.
    pub tag: Option<String>,
    /// NOURX staff only: true for clients with an overdue balance, false for the others.
    pub has_overdue: Option<bool>,
    /// Clients: name, created_at, updated_at or city. NOURX staff: name, outstanding or
    /// created_at. `-` for descending. Default: name.
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
    /// fr or en: the language of the client's quotes, invoices and billing emails. Default: fr.
    pub language: Option<Locale>,
    /// Whether the client may pay an invoice in several instalments online. Default: false.
    pub partial_payments_allowed: Option<bool>,
    /// Free text, at most 80 characters.
    pub sector: Option<String>,
    /// At most 10, each at most 30 characters; stored lowercase.
    pub tags: Option<Vec<String>>,
    pub size: Option<ClientSize>,
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
    /// NOURX staff only. Free text, at most 80 characters; `null` clears.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub sector: Option<Option<String>>,
    /// NOURX staff only. At most 10, each at most 30 characters; stored lowercase.
    pub tags: Option<Vec<String>>,
    /// NOURX staff only; `null` clears.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<ClientSize>)]
    pub size: Option<Option<ClientSize>>,
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

/// Who sent an invitation.
#[derive(Debug, Serialize, ToSchema)]
pub struct InviterDto {
    pub id: Uuid,
    pub name: String,
}

/// An invitation of a client, whatever its state (the token is only ever in the email).
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientInvitationDto {
    pub id: Uuid,
    pub email: String,
    pub role: MemberRole,
    pub status: InvitationStatus,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub invited_by: Option<InviterDto>,
}

impl ClientInvitationDto {
    pub fn new(invitation: Invitation, inviter_name: Option<String>, now: DateTime<Utc>) -> ClientInvitationDto {
        let status = InvitationStatus::of(&crate::auth::invitation_state(&invitation), now);
        let invited_by = invitation.invited_by.zip(inviter_name).map(|(id, name)| InviterDto { id, name });
        ClientInvitationDto {
            id: invitation.id,
            email: invitation.email,
            role: invitation.role,
            status,
            expires_at: invitation.expires_at,
            created_at: invitation.created_at,
            accepted_at: invitation.accepted_at,
            revoked_at: invitation.revoked_at,
            invited_by,
        }
    }
}
