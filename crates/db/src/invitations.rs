//! Invitations to join a client's space, and password-reset tokens: single-use,
//! expiring, stored as SHA-256 of the token sent by email.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use nourx_domain::MemberRole;
use uuid::Uuid;

use crate::schema::{invitations, password_reset_tokens};

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = invitations, check_for_backend(diesel::pg::Pg))]
pub struct Invitation {
    pub id: Uuid,
    pub client_id: Uuid,
    pub email: String,
    pub role: MemberRole,
    #[serde(skip)]
    pub token_hash: Vec<u8>,
    pub invited_by: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = invitations)]
pub struct NewInvitation<'a> {
    pub id: Uuid,
    pub client_id: Uuid,
    pub email: &'a str,
    pub role: MemberRole,
    pub token_hash: &'a [u8],
    pub invited_by: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
}

impl NewInvitation<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Invitation> {
        diesel::insert_into(invitations::table).values(self).returning(Invitation::as_returning()).get_result(conn)
    }
}

/// The invitation with `token_hash`, whatever its state: the acceptance decides what it may do.
pub fn find_by_token(conn: &mut PgConnection, token_hash: &[u8]) -> QueryResult<Option<Invitation>> {
    invitations::table
        .filter(invitations::token_hash.eq(token_hash))
        .select(Invitation::as_select())
        .first(conn)
        .optional()
}

/// The same, locked until the transaction ends: of two simultaneous acceptances of one token,
/// the second waits, then finds it accepted.
pub fn lock_by_token(conn: &mut PgConnection, token_hash: &[u8]) -> QueryResult<Option<Invitation>> {
    invitations::table
        .filter(invitations::token_hash.eq(token_hash))
        .for_update()
        .select(Invitation::as_select())
        .first(conn)
        .optional()
}

pub fn mark_accepted(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(invitations::table.find(id)).set(invitations::accepted_at.eq(Utc::now())).execute(conn).map(|_| ())
}

pub fn pending_for_client(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<Vec<Invitation>> {
    invitations::table
        .filter(invitations::client_id.eq(client_id))
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::revoked_at.is_null())
        .filter(invitations::expires_at.gt(Utc::now()))
        .order(invitations::created_at.desc())
        .select(Invitation::as_select())
        .load(conn)
}

pub fn insert_password_reset(
    conn: &mut PgConnection,
    token_hash: &[u8],
    user_id: Uuid,
    expires_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(password_reset_tokens::table)
        .values((
            password_reset_tokens::token_hash.eq(token_hash),
            password_reset_tokens::user_id.eq(user_id),
            password_reset_tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Uses the reset token: returns its user when the token is live, and spends it.
pub fn take_password_reset(conn: &mut PgConnection, token_hash: &[u8]) -> QueryResult<Option<Uuid>> {
    let user_id: Option<Uuid> = password_reset_tokens::table
        .filter(password_reset_tokens::token_hash.eq(token_hash))
        .filter(password_reset_tokens::used_at.is_null())
        .filter(password_reset_tokens::expires_at.gt(Utc::now()))
        .for_update()
        .select(password_reset_tokens::user_id)
        .first(conn)
        .optional()?;
    if let Some(user_id) = user_id {
        // Spending one token spends every other outstanding token of the user.
        diesel::update(password_reset_tokens::table.filter(password_reset_tokens::user_id.eq(user_id)))
            .filter(password_reset_tokens::used_at.is_null())
            .set(password_reset_tokens::used_at.eq(Utc::now()))
            .execute(conn)?;
    }
    Ok(user_id)
}

/// Ends the pending invitations of `email` to `client_id` (superseded by a new one): their links
/// stop working.
pub fn expire_pending(conn: &mut PgConnection, client_id: Uuid, email: &str) -> QueryResult<usize> {
    let now = Utc::now();
    diesel::update(
        invitations::table
            .filter(invitations::client_id.eq(client_id))
            .filter(invitations::email.eq(email))
            .filter(invitations::accepted_at.is_null())
            .filter(invitations::expires_at.gt(now)),
    )
    .set(invitations::expires_at.eq(now))
    .execute(conn)
}

/// The user of a live reset token, without spending it.
pub fn find_live_password_reset(conn: &mut PgConnection, token_hash: &[u8]) -> QueryResult<Option<Uuid>> {
    password_reset_tokens::table
        .filter(password_reset_tokens::token_hash.eq(token_hash))
        .filter(password_reset_tokens::used_at.is_null())
        .filter(password_reset_tokens::expires_at.gt(Utc::now()))
        .select(password_reset_tokens::user_id)
        .first(conn)
        .optional()
}

/// How many reset tokens `user_id` was sent since `since` (to cap the emails one address can be sent).
pub fn password_resets_since(conn: &mut PgConnection, user_id: Uuid, since: DateTime<Utc>) -> QueryResult<i64> {
    password_reset_tokens::table
        .filter(password_reset_tokens::user_id.eq(user_id))
        .filter(password_reset_tokens::created_at.gt(since))
        .count()
        .get_result(conn)
}

/// Every invitation of a client, whatever its state, newest first, with the inviter's name.
pub fn all_for_client(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<Vec<(Invitation, Option<String>)>> {
    use crate::schema::users;
    invitations::table
        .left_join(users::table)
        .filter(invitations::client_id.eq(client_id))
        .order((invitations::created_at.desc(), invitations::id.desc()))
        .select((Invitation::as_select(), users::full_name.nullable()))
        .load(conn)
}

/// One invitation of `client_id`, locked until the transaction ends.
pub fn lock_for_client(conn: &mut PgConnection, client_id: Uuid, id: Uuid) -> QueryResult<Option<Invitation>> {
    invitations::table
        .filter(invitations::client_id.eq(client_id))
        .filter(invitations::id.eq(id))
        .for_update()
        .select(Invitation::as_select())
        .first(conn)
        .optional()
}

/// Revokes the invitation: its link stops working.
pub fn revoke(conn: &mut PgConnection, id: Uuid, at: DateTime<Utc>) -> QueryResult<Invitation> {
    diesel::update(invitations::table.find(id))
        .set(invitations::revoked_at.eq(at))
        .returning(Invitation::as_returning())
        .get_result(conn)
}

/// Gives the invitation a new token and expiry (the old link stops working) and makes it pending again.
pub fn renew(
    conn: &mut PgConnection,
    id: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> QueryResult<Invitation> {
    diesel::update(invitations::table.find(id))
        .set((
            invitations::token_hash.eq(token_hash),
            invitations::expires_at.eq(expires_at),
            invitations::revoked_at.eq(None::<DateTime<Utc>>),
        ))
        .returning(Invitation::as_returning())
        .get_result(conn)
}
