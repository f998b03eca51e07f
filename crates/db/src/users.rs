//! Users: the people who log in, NOURX staff and client staff alike.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use nourx_domain::{Locale, Role};
use uuid::Uuid;

use crate::schema::users;
use crate::scope::PageRequest;

/// Marks an account that has no usable password (invited, not yet accepted).
pub const UNUSABLE_PASSWORD: &str = "!";

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub phone: Option<String>,
    pub locale: Locale,
    pub role: Role,
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
    pub locale: Locale,
    pub role: Role,
    pub password_hash: &'a str,
    pub is_active: bool,
}

/// The profile fields a user may change about themselves; `None` leaves a field as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct ProfileChanges {
    pub full_name: Option<String>,
    pub phone: Option<Option<String>>,
    pub locale: Option<Locale>,
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

    /// Spends every outstanding password-reset link of the account (after a password change,
    /// a link asked for earlier must not set another password). Returns how many were spent.
    pub fn spend_password_resets(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
        use crate::schema::password_reset_tokens;
        diesel::update(
            password_reset_tokens::table
                .filter(password_reset_tokens::user_id.eq(id))
                .filter(password_reset_tokens::used_at.is_null()),
        )
        .set(password_reset_tokens::used_at.eq(diesel::dsl::now))
        .execute(conn)
    }

    pub fn touch_last_login(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
        diesel::update(users::table.find(id)).set(users::last_login.eq(diesel::dsl::now)).execute(conn).map(|_| ())
    }
}

#[derive(Debug, Default, Clone)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub is_active: Option<bool>,
    pub search: Option<String>,
}

pub const ORDERING_FIELDS: &[&str] = &["email", "full_name", "created_at", "last_login"];

pub fn list(
    conn: &mut PgConnection,
    filter: &UserFilter,
    ordering: &str,
    page: PageRequest,
) -> QueryResult<(i64, Vec<User>)> {
    let build = || {
        let mut query = users::table.into_boxed();
        if let Some(role) = &filter.role {
            query = query.filter(users::role.eq(*role));
        }
        if let Some(active) = filter.is_active {
            query = query.filter(users::is_active.eq(active));
        }
        if let Some(search) = &filter.search {
            let pattern = crate::like_pattern(search);
            query = query.filter(users::email.ilike(pattern.clone()).or(users::full_name.ilike(pattern)));
        }
        query
    };
    let query = match ordering {
        "-email" => build().order(users::email.desc()),
        "full_name" => build().order(users::full_name.asc()),
        "-full_name" => build().order(users::full_name.desc()),
        "created_at" => build().order(users::created_at.asc()),
        "-created_at" => build().order(users::created_at.desc()),
        "last_login" => build().order(users::last_login.asc().nulls_first()),
        "-last_login" => build().order(users::last_login.desc().nulls_last()),
        _ => build().order(users::email.asc()),
    };
    let rows = query
        .then_order_by(users::id.asc())
        .limit(page.limit)
        .offset(page.offset)
        .select(User::as_select())
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}

impl User {
    pub fn set_role(conn: &mut PgConnection, id: Uuid, role: Role) -> QueryResult<User> {
        diesel::update(users::table.find(id))
            .set((users::role.eq(role), users::updated_at.eq(diesel::dsl::now)))
            .returning(User::as_returning())
            .get_result(conn)
    }
}

/// Full names by id, for list views.
pub fn names(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<std::collections::HashMap<Uuid, String>> {
    let rows: Vec<(Uuid, String)> =
        users::table.filter(users::id.eq_any(ids)).select((users::id, users::full_name)).load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Whether `user_id` is active NOURX staff, or an active member of `client_id`: who a task may be assigned to.
pub fn can_be_assigned(conn: &mut PgConnection, user_id: Uuid, client_id: Uuid) -> QueryResult<bool> {
    use crate::schema::client_members;
    let user: Option<(Role, bool)> =
        users::table.find(user_id).select((users::role, users::is_active)).first(conn).optional()?;
    match user {
        Some((role, true)) if role.is_staff() => Ok(true),
        Some((_, true)) => {
            diesel::select(diesel::dsl::exists(client_members::table.find((client_id, user_id)))).get_result(conn)
        }
        _ => Ok(false),
    }
}

/// Active NOURX staff: id, email and language (who hears about payments needing a look).
pub fn active_staff(conn: &mut PgConnection) -> QueryResult<Vec<(Uuid, String, Locale)>> {
    users::table
        .filter(users::role.eq_any(Role::STAFF))
        .filter(users::is_active.eq(true))
        .select((users::id, users::email, users::locale))
        .load(conn)
}

/// Whether an active admin other than `user_id` exists, with the active admins locked until the
/// transaction ends: of two admins demoting each other at once, the second waits, then sees the
/// first's change (so the team always keeps an admin).
pub fn other_active_admins_locked(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<bool> {
    let admins: Vec<Uuid> = users::table
        .filter(users::role.eq(Role::Admin))
        .filter(users::is_active.eq(true))
        .order(users::id)
        .for_update()
        .select(users::id)
        .load(conn)?;
    Ok(admins.iter().any(|id| *id != user_id))
}

/// NOURX staff accounts (both roles, active or not), by name, with whether each has two-factor
/// authentication on.
pub fn staff_members(conn: &mut PgConnection) -> QueryResult<Vec<(User, bool)>> {
    use crate::schema::two_factor_secrets;
    let enabled = diesel::dsl::exists(
        two_factor_secrets::table
            .filter(two_factor_secrets::user_id.eq(users::id))
            .filter(two_factor_secrets::confirmed_at.is_not_null()),
    );
    users::table
        .filter(users::role.eq_any(Role::STAFF))
        .order((users::full_name, users::email))
        .select((User::as_select(), enabled))
        .load(conn)
}

/// Someone to tell about an event: where to write and in which language.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Recipient {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub locale: Locale,
    pub role: Role,
}

/// The active users among `ids`, as recipients.
pub fn recipients(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<Recipient>> {
    users::table
        .filter(users::id.eq_any(ids))
        .filter(users::is_active.eq(true))
        .order(users::id)
        .select((users::id, users::email, users::full_name, users::locale, users::role))
        .load(conn)
}

/// The active owners and members of a client (not its viewers): who approves its milestones.
pub fn client_participants(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<Vec<Recipient>> {
    use crate::schema::client_members;
    client_members::table
        .inner_join(users::table)
        .filter(client_members::client_id.eq(client_id))
        .filter(client_members::role.ne(nourx_domain::MemberRole::Viewer))
        .filter(users::is_active.eq(true))
        .order(users::id)
        .select((users::id, users::email, users::full_name, users::locale, users::role))
        .load(conn)
}
