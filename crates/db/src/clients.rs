//! Client companies and their members.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use nourx_domain::{ClientStatus, Locale, MemberRole};
use uuid::Uuid;

use crate::schema::{client_members, clients, users};
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = clients, check_for_backend(diesel::pg::Pg))]
pub struct Client {
    pub id: Uuid,
    pub name: String,
    pub legal_name: Option<String>,
    pub tax_id: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub country: String,
    pub phone: Option<String>,
    pub billing_email: Option<String>,
    pub currency: String,
    pub status: ClientStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The language of the client's quotes, invoices and billing emails.
    pub language: Locale,
    /// Whether the client may pay an invoice in several instalments online.
    pub partial_payments_allowed: bool,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = clients)]
pub struct NewClient<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub legal_name: Option<&'a str>,
    pub tax_id: Option<&'a str>,
    pub address: Option<&'a str>,
    pub city: Option<&'a str>,
    pub country: &'a str,
    pub phone: Option<&'a str>,
    pub billing_email: Option<&'a str>,
    pub currency: &'a str,
}

impl NewClient<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Client> {
        diesel::insert_into(clients::table).values(self).returning(Client::as_returning()).get_result(conn)
    }
}

impl Client {
    pub fn find_by_name(conn: &mut PgConnection, name: &str) -> QueryResult<Option<Client>> {
        clients::table
            .filter(
                diesel::dsl::sql::<diesel::sql_types::Bool>("lower(name) = lower(")
                    .bind::<diesel::sql_types::Text, _>(name)
                    .sql(")"),
            )
            .select(Client::as_select())
            .first(conn)
            .optional()
    }
}

/// Adds `user_id` to `client_id` with `role`; an existing membership is left as it is.
pub fn add_member(conn: &mut PgConnection, client_id: Uuid, user_id: Uuid, role: MemberRole) -> QueryResult<()> {
    diesel::insert_into(client_members::table)
        .values((
            client_members::client_id.eq(client_id),
            client_members::user_id.eq(user_id),
            client_members::role.eq(role),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|_| ())
}

/// The ids of the clients `user_id` belongs to, oldest membership first.
pub fn client_ids_of(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<Uuid>> {
    client_members::table
        .filter(client_members::user_id.eq(user_id))
        .order(client_members::created_at.asc())
        .select(client_members::client_id)
        .load(conn)
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = clients)]
pub struct ClientChanges {
    pub name: Option<String>,
    pub legal_name: Option<Option<String>>,
    pub tax_id: Option<Option<String>>,
    pub address: Option<Option<String>>,
    pub city: Option<Option<String>>,
    pub country: Option<String>,
    pub phone: Option<Option<String>>,
    pub billing_email: Option<Option<String>>,
    pub currency: Option<String>,
    pub status: Option<ClientStatus>,
    pub language: Option<Locale>,
    pub partial_payments_allowed: Option<bool>,
}

#[derive(Debug, Default, Clone)]
pub struct ClientFilter {
    pub status: Option<ClientStatus>,
    pub search: Option<String>,
}

pub const ORDERING_FIELDS: &[&str] = &["name", "created_at", "updated_at", "city"];

pub fn find(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<Client>> {
    scoped!(clients::table.find(id).into_boxed(), scope, clients::id).select(Client::as_select()).first(conn).optional()
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &ClientChanges) -> QueryResult<Client> {
    diesel::update(clients::table.find(id))
        .set((changes, clients::updated_at.eq(diesel::dsl::now)))
        .returning(Client::as_returning())
        .get_result(conn)
}

pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &ClientFilter,
    ordering: &str,
    page: PageRequest,
) -> QueryResult<(i64, Vec<Client>)> {
    let build = || {
        let mut query = scoped!(clients::table.into_boxed(), scope, clients::id);
        if let Some(status) = &filter.status {
            query = query.filter(clients::status.eq(*status));
        }
        if let Some(search) = &filter.search {
            let pattern = crate::like_pattern(search);
            query = query.filter(clients::name.ilike(pattern.clone()).or(clients::legal_name.ilike(pattern)));
        }
        query
    };
    let query = match ordering {
        "-name" => build().order(clients::name.desc()),
        "created_at" => build().order(clients::created_at.asc()),
        "-created_at" => build().order(clients::created_at.desc()),
        "updated_at" => build().order(clients::updated_at.asc()),
        "-updated_at" => build().order(clients::updated_at.desc()),
        "city" => build().order(clients::city.asc().nulls_last()),
        "-city" => build().order(clients::city.desc().nulls_last()),
        _ => build().order(clients::name.asc()),
    };
    let rows = query
        .then_order_by(clients::id.asc())
        .limit(page.limit)
        .offset(page.offset)
        .select(Client::as_select())
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}

/// A user's memberships: (client id, member role).
pub fn memberships_of(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<(Uuid, MemberRole)>> {
    client_members::table
        .filter(client_members::user_id.eq(user_id))
        .order(client_members::created_at.asc())
        .select((client_members::client_id, client_members::role))
        .load(conn)
}

#[derive(Debug, Clone, Queryable, serde::Serialize)]
pub struct MemberRow {
    pub user_id: Uuid,
    pub email: String,
    pub full_name: String,
    pub role: MemberRole,
    pub is_active: bool,
    pub joined_at: DateTime<Utc>,
}

pub fn members(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<Vec<MemberRow>> {
    client_members::table
        .inner_join(users::table)
        .filter(client_members::client_id.eq(client_id))
        .order((client_members::created_at.asc(), users::email.asc()))
        .select((
            users::id,
            users::email,
            users::full_name,
            client_members::role,
            users::is_active,
            client_members::created_at,
        ))
        .load(conn)
}

pub fn member_role(conn: &mut PgConnection, client_id: Uuid, user_id: Uuid) -> QueryResult<Option<MemberRole>> {
    client_members::table.find((client_id, user_id)).select(client_members::role).first(conn).optional()
}

/// Locks the client's membership rows, so that "never remove the last owner" holds under concurrency.
pub fn owners_for_update(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<Vec<Uuid>> {
    client_members::table
        .filter(client_members::client_id.eq(client_id))
        .filter(client_members::role.eq(MemberRole::Owner))
        .for_update()
        .select(client_members::user_id)
        .load(conn)
}

pub fn set_member_role(
    conn: &mut PgConnection,
    client_id: Uuid,
    user_id: Uuid,
    role: MemberRole,
) -> QueryResult<usize> {
    diesel::update(client_members::table.find((client_id, user_id))).set(client_members::role.eq(role)).execute(conn)
}

pub fn remove_member(conn: &mut PgConnection, client_id: Uuid, user_id: Uuid) -> QueryResult<usize> {
    diesel::delete(client_members::table.find((client_id, user_id))).execute(conn)
}

/// One member of a client, with their account.
pub fn member(conn: &mut PgConnection, client_id: Uuid, user_id: Uuid) -> QueryResult<Option<MemberRow>> {
    client_members::table
        .inner_join(users::table)
        .filter(client_members::client_id.eq(client_id))
        .filter(client_members::user_id.eq(user_id))
        .select((
            users::id,
            users::email,
            users::full_name,
            client_members::role,
            users::is_active,
            client_members::created_at,
        ))
        .first(conn)
        .optional()
}

/// The client ids of each of `user_ids` (users without a membership are absent), oldest first.
pub fn client_ids_of_users(
    conn: &mut PgConnection,
    user_ids: &[Uuid],
) -> QueryResult<std::collections::HashMap<Uuid, Vec<Uuid>>> {
    let rows: Vec<(Uuid, Uuid)> = client_members::table
        .filter(client_members::user_id.eq_any(user_ids))
        .order((client_members::user_id.asc(), client_members::created_at.asc()))
        .select((client_members::user_id, client_members::client_id))
        .load(conn)?;
    let mut map: std::collections::HashMap<Uuid, Vec<Uuid>> = std::collections::HashMap::new();
    for (user_id, client_id) in rows {
        map.entry(user_id).or_default().push(client_id);
    }
    Ok(map)
}

/// Where a client's quotes and invoices are emailed: its billing address (in the client's
/// language) and its owners (each in their own), without duplicates.
pub fn billing_contacts(conn: &mut PgConnection, client: &Client) -> QueryResult<Vec<(String, Locale)>> {
    let owners: Vec<(String, Locale)> = client_members::table
        .inner_join(users::table)
        .filter(client_members::client_id.eq(client.id))
        .filter(client_members::role.eq(MemberRole::Owner))
        .filter(users::is_active.eq(true))
        .select((users::email, users::locale))
        .load(conn)?;
    let mut contacts: Vec<(String, Locale)> = Vec::new();
    if let Some(email) = client.billing_email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        contacts.push((email.to_lowercase(), client.language));
    }
    for (email, locale) in owners {
        if !contacts.iter().any(|(known, _)| known.eq_ignore_ascii_case(&email)) {
            contacts.push((email, locale));
        }
    }
    Ok(contacts)
}

/// The active people of a client with their language, for in-app notifications.
pub fn active_member_locales(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<Vec<(Uuid, Locale)>> {
    client_members::table
        .inner_join(users::table)
        .filter(client_members::client_id.eq(client_id))
        .filter(users::is_active.eq(true))
        .select((users::id, users::locale))
        .load(conn)
}
