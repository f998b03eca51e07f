//! Invitations to join NOURX's staff: single-use, expiring, revocable, stored as SHA-256 of the
//! token sent by email. A resend gives the same invitation a new token and expiry.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use nourx_domain::team::StaffInvitationState;
use nourx_domain::{Locale, Role};
use uuid::Uuid;

use crate::clock::transaction_now;
use crate::schema::staff_invitations;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = staff_invitations, check_for_backend(diesel::pg::Pg))]
pub struct StaffInvitation {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub locale: Locale,
    #[serde(skip)]
    pub token_hash: Vec<u8>,
    pub invited_by: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl StaffInvitation {
    /// What the domain's rules read of it.
    pub fn state(&self) -> StaffInvitationState {
        StaffInvitationState {
            expires_at: self.expires_at,
            accepted: self.accepted_at.is_some(),
            revoked: self.revoked_at.is_some(),
        }
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = staff_invitations)]
pub struct NewStaffInvitation<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub locale: Locale,
    pub token_hash: &'a [u8],
    pub invited_by: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
}

impl NewStaffInvitation<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<StaffInvitation> {
        diesel::insert_into(staff_invitations::table)
            .values(self)
            .returning(StaffInvitation::as_returning())
            .get_result(conn)
    }
}

/// The invitation with `token_hash`, whatever its state: the acceptance decides what it may do.
pub fn find_by_token(conn: &mut PgConnection, token_hash: &[u8]) -> QueryResult<Option<StaffInvitation>> {
    staff_invitations::table
        .filter(staff_invitations::token_hash.eq(token_hash))
        .select(StaffInvitation::as_select())
        .first(conn)
        .optional()
}

/// The same, locked until the transaction ends (of two simultaneous acceptances, the second
/// waits, then finds it accepted).
pub fn lock_by_token(conn: &mut PgConnection, token_hash: &[u8]) -> QueryResult<Option<StaffInvitation>> {
    staff_invitations::table
        .filter(staff_invitations::token_hash.eq(token_hash))
        .for_update()
        .select(StaffInvitation::as_select())
        .first(conn)
        .optional()
}

/// The invitation `id`, locked until the transaction ends.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<StaffInvitation>> {
    staff_invitations::table.find(id).for_update().select(StaffInvitation::as_select()).first(conn).optional()
}

/// Invitations neither accepted nor revoked (expired ones included: they may be resent), newest first.
pub fn open(conn: &mut PgConnection) -> QueryResult<Vec<StaffInvitation>> {
    staff_invitations::table
        .filter(staff_invitations::accepted_at.is_null())
        .filter(staff_invitations::revoked_at.is_null())
        .order(staff_invitations::created_at.desc())
        .select(StaffInvitation::as_select())
        .load(conn)
}

/// Revokes the open invitations of `email` (superseded by a new one): their links stop working.
pub fn revoke_open_for(conn: &mut PgConnection, email: &str) -> QueryResult<usize> {
    let now = transaction_now(conn)?;
    diesel::update(
        staff_invitations::table
            .filter(staff_invitations::email.eq(email))
            .filter(staff_invitations::accepted_at.is_null())
            .filter(staff_invitations::revoked_at.is_null()),
    )
    .set((staff_invitations::revoked_at.eq(now), staff_invitations::updated_at.eq(now)))
    .execute(conn)
}

/// A new token and expiry for the invitation: the previous link stops working.
pub fn renew(
    conn: &mut PgConnection,
    id: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> QueryResult<StaffInvitation> {
    let now = transaction_now(conn)?;
    diesel::update(staff_invitations::table.find(id))
        .set((
            staff_invitations::token_hash.eq(token_hash),
            staff_invitations::expires_at.eq(expires_at),
            staff_invitations::updated_at.eq(now),
        ))
        .returning(StaffInvitation::as_returning())
        .get_result(conn)
}

pub fn revoke(conn: &mut PgConnection, id: Uuid) -> QueryResult<StaffInvitation> {
    let now = transaction_now(conn)?;
    diesel::update(staff_invitations::table.find(id))
        .set((staff_invitations::revoked_at.eq(now), staff_invitations::updated_at.eq(now)))
        .returning(StaffInvitation::as_returning())
        .get_result(conn)
}

pub fn mark_accepted(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    let now = transaction_now(conn)?;
    diesel::update(staff_invitations::table.find(id))
        .set((staff_invitations::accepted_at.eq(now), staff_invitations::updated_at.eq(now)))
        .execute(conn)
        .map(|_| ())
}
