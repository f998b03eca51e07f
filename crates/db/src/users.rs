//! Users: the people who log in, NOURX staff and client staff alike.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::users;

/// Marks an account that has no usable password (invited, not yet accepted).
pub const UNUSABLE_PASSWORD: &str = "!";

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub phone: Option<String>,
    pub locale: String,
    pub role: String,
    pub password_hash: String,
    pub is_active: bool,
    pub last_login: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub full_name: &'a str,
    pub phone: Option<&'a str>,
    pub locale: &'a str,
    pub role: &'a str,
    pub password_hash: &'a str,
    pub is_active: bool,
}

/// The profile fields a user may change about themselves; `None` leaves a field as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct ProfileChanges {
    pub full_name: Option<String>,
    pub phone: Option<Option<String>>,
    pub locale: Option<String>,
}

impl NewUser<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<User> {
        diesel::insert_into(users::table).values(self).returning(User::as_returning()).get_result(conn)
    }
}

impl User {
    pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<User> {
        users::table.find(id).select(User::as_select()).first(conn)
    }

    /// Looks a user up by email, case-insensitively (emails are stored lower-cased).
    pub fn find_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Option<User>> {
        users::table
            .filter(users::email.eq(email.trim().to_lowercase()))
            .select(User::as_select())
            .first(conn)
            .optional()
    }

    pub fn count(conn: &mut PgConnection) -> QueryResult<i64> {
        users::table.count().get_result(conn)
    }

    pub fn update_profile(conn: &mut PgConnection, id: Uuid, changes: &ProfileChanges) -> QueryResult<User> {
        diesel::update(users::table.find(id))
            .set((changes, users::updated_at.eq(diesel::dsl::now)))
            .returning(User::as_returning())
            .get_result(conn)
    }

    pub fn set_password_hash(conn: &mut PgConnection, id: Uuid, password_hash: &str) -> QueryResult<()> {
        diesel::update(users::table.find(id))
            .set((users::password_hash.eq(password_hash), users::updated_at.eq(diesel::dsl::now)))
            .execute(conn)
            .map(|_| ())
    }

    pub fn set_active(conn: &mut PgConnection, id: Uuid, active: bool) -> QueryResult<User> {
        diesel::update(users::table.find(id))
            .set((users::is_active.eq(active), users::updated_at.eq(diesel::dsl::now)))
            .returning(User::as_returning())
            .get_result(conn)
    }

    /// Deactivates the account and revokes every session it has, in one transaction.
    pub fn deactivate(conn: &mut PgConnection, id: Uuid) -> QueryResult<User> {
        conn.transaction(|conn| {
            let user = User::set_active(conn, id, false)?;
            crate::sessions::delete_for_user(conn, id, None)?;
            Ok(user)
        })
    }

    pub fn touch_last_login(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
        diesel::update(users::table.find(id)).set(users::last_login.eq(diesel::dsl::now)).execute(conn).map(|_| ())
    }
}
