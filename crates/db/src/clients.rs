//! Client companies and their members.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{client_members, clients};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
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
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
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
pub fn add_member(conn: &mut PgConnection, client_id: Uuid, user_id: Uuid, role: &str) -> QueryResult<()> {
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
