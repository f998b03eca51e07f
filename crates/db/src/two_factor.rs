//! Two-factor authentication: each account's TOTP secret, its single-use recovery codes,
//! and the devices a client chose to trust for 30 days.
//!
//! The code checks themselves are in the API; this module makes each use atomic (a TOTP
//! step and a recovery code are accepted once, even by two requests at the same time).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{two_factor_recovery_codes, two_factor_secrets, two_factor_trusted_devices};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = two_factor_secrets, check_for_backend(diesel::pg::Pg))]
pub struct TwoFactorSecret {
    pub user_id: Uuid,
    pub secret: Vec<u8>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub last_used_step: i64,
    pub created_at: DateTime<Utc>,
}

impl TwoFactorSecret {
    pub fn is_confirmed(&self) -> bool {
        self.confirmed_at.is_some()
    }
}

pub fn find(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Option<TwoFactorSecret>> {
    two_factor_secrets::table.find(user_id).select(TwoFactorSecret::as_select()).first(conn).optional()
}

/// Whether the account has confirmed two-factor authentication.
pub fn is_enabled(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        two_factor_secrets::table.find(user_id).filter(two_factor_secrets::confirmed_at.is_not_null()),
    ))
    .get_result(conn)
}

/// Stores a new, unconfirmed secret (replacing an earlier unconfirmed one). False when the
/// account already has a confirmed secret, which is left alone.
pub fn begin_setup(conn: &mut PgConnection, user_id: Uuid, secret: &[u8]) -> QueryResult<bool> {
    conn.transaction(|conn| {
        let confirmed: Option<Option<DateTime<Utc>>> = two_factor_secrets::table
            .find(user_id)
            .select(two_factor_secrets::confirmed_at)
            .for_update()
            .first(conn)
            .optional()?;
        if matches!(confirmed, Some(Some(_))) {
            return Ok(false);
        }
        diesel::insert_into(two_factor_secrets::table)
            .values((
                two_factor_secrets::user_id.eq(user_id),
                two_factor_secrets::secret.eq(secret),
                two_factor_secrets::created_at.eq(Utc::now()),
            ))
            .on_conflict(two_factor_secrets::user_id)
            .do_update()
            .set((
                two_factor_secrets::secret.eq(secret),
                two_factor_secrets::last_used_step.eq(0),
                two_factor_secrets::created_at.eq(Utc::now()),
            ))
            .execute(conn)?;
        Ok(true)
    })
}

/// Confirms the pending secret with the step of a first valid code and stores the recovery
/// codes. False when there was nothing to confirm (already confirmed, or no setup).
pub fn confirm(
    conn: &mut PgConnection,
    user_id: Uuid,
    step: i64,
    recovery_code_hashes: &[Vec<u8>],
) -> QueryResult<bool> {
    conn.transaction(|conn| {
        let confirmed = diesel::update(
            two_factor_secrets::table
                .find(user_id)
                .filter(two_factor_secrets::confirmed_at.is_null())
                .filter(two_factor_secrets::last_used_step.lt(step)),
        )
        .set((two_factor_secrets::confirmed_at.eq(Utc::now()), two_factor_secrets::last_used_step.eq(step)))
        .execute(conn)?;
        if confirmed != 1 {
            return Ok(false);
        }
        replace_recovery_codes(conn, user_id, recovery_code_hashes)?;
        Ok(true)
    })
}

/// Spends the TOTP step `step` of a confirmed secret: true the first time, false for a step
/// already used (or older than the last one used): a code works once.
pub fn use_step(conn: &mut PgConnection, user_id: Uuid, step: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        two_factor_secrets::table
            .find(user_id)
            .filter(two_factor_secrets::confirmed_at.is_not_null())
            .filter(two_factor_secrets::last_used_step.lt(step)),
    )
    .set(two_factor_secrets::last_used_step.eq(step))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Replaces every recovery code of the account (used or not) by these.
pub fn replace_recovery_codes(conn: &mut PgConnection, user_id: Uuid, code_hashes: &[Vec<u8>]) -> QueryResult<()> {
    diesel::delete(two_factor_recovery_codes::table.filter(two_factor_recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    let rows: Vec<_> = code_hashes
        .iter()
        .map(|hash| (two_factor_recovery_codes::user_id.eq(user_id), two_factor_recovery_codes::code_hash.eq(hash)))
        .collect();
    diesel::insert_into(two_factor_recovery_codes::table).values(rows).execute(conn).map(|_| ())
}

/// Spends a recovery code: true the first time it is used, false otherwise.
pub fn use_recovery_code(conn: &mut PgConnection, user_id: Uuid, code_hash: &[u8]) -> QueryResult<bool> {
    let updated = diesel::update(
        two_factor_recovery_codes::table
            .find((user_id, code_hash))
            .filter(two_factor_recovery_codes::used_at.is_null()),
    )
    .set(two_factor_recovery_codes::used_at.eq(Utc::now()))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn remaining_recovery_codes(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<i64> {
    two_factor_recovery_codes::table
        .filter(two_factor_recovery_codes::user_id.eq(user_id))
        .filter(two_factor_recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// Removes the account's secret, recovery codes and trusted devices. True when it had a secret.
pub fn disable(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<bool> {
    conn.transaction(|conn| {
        forget_trusted_devices(conn, user_id)?;
        diesel::delete(two_factor_recovery_codes::table.filter(two_factor_recovery_codes::user_id.eq(user_id)))
            .execute(conn)?;
        let deleted = diesel::delete(two_factor_secrets::table.find(user_id)).execute(conn)?;
        Ok(deleted == 1)
    })
}

pub fn trust_device(
    conn: &mut PgConnection,
    token_hash: &[u8],
    user_id: Uuid,
    password_fingerprint: &[u8],
    expires_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(two_factor_trusted_devices::table)
        .values((
            two_factor_trusted_devices::token_hash.eq(token_hash),
            two_factor_trusted_devices::user_id.eq(user_id),
            two_factor_trusted_devices::password_fingerprint.eq(password_fingerprint),
            two_factor_trusted_devices::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Whether the token names a live trusted device of `user_id`, set while the password was the
/// one `password_fingerprint` comes from.
pub fn is_trusted(
    conn: &mut PgConnection,
    token_hash: &[u8],
    user_id: Uuid,
    password_fingerprint: &[u8],
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        two_factor_trusted_devices::table
            .find(token_hash)
            .filter(two_factor_trusted_devices::user_id.eq(user_id))
            .filter(two_factor_trusted_devices::password_fingerprint.eq(password_fingerprint))
            .filter(two_factor_trusted_devices::expires_at.gt(Utc::now())),
    ))
    .get_result(conn)
}

pub fn forget_trusted_devices(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<usize> {
    diesel::delete(two_factor_trusted_devices::table.filter(two_factor_trusted_devices::user_id.eq(user_id)))
        .execute(conn)
}

/// Forgets trusted devices past their 30 days.
pub fn delete_expired_trusted_devices(conn: &mut PgConnection) -> QueryResult<usize> {
    diesel::delete(two_factor_trusted_devices::table.filter(two_factor_trusted_devices::expires_at.le(Utc::now())))
        .execute(conn)
}
