//! Client companies and their members.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use nourx_domain::client::{ClientRecords, ClientSize};
use nourx_domain::{ClientStatus, Locale, MemberRole};
use uuid::Uuid;

use crate::schema::{client_members, clients, invoices, payments, projects, quotes, tickets, users};
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Identifiable, serde::Serialize)]
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
    /// Segmentation (NOURX staff's): free text, e.g. "BTP".
    pub sector: Option<String>,
    /// Lowercase, at most 10.
    pub tags: Vec<String>,
    pub size: Option<ClientSize>,
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
    pub sector: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
    pub size: Option<Option<ClientSize>>,
}

impl ClientChanges {
    /// Whether the changes touch NOURX's terms or segmentation (status, currency, instalments,
    /// sector, tags, size), which only NOURX staff set.
    pub fn touches_terms(&self) -> bool {
        self.status.is_some()
            || self.currency.is_some()
            || self.partial_payments_allowed.is_some()
            || self.sector.is_some()
            || self.tags.is_some()
            || self.size.is_some()
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        !self.touches_terms()
            && self.name.is_none()
            && self.legal_name.is_none()
            && self.tax_id.is_none()
            && self.address.is_none()
            && self.city.is_none()
            && self.country.is_none()
            && self.phone.is_none()
            && self.billing_email.is_none()
            && self.language.is_none()
    }
}

#[derive(Debug, Default, Clone)]
pub struct ClientFilter {
    pub status: Option<ClientStatus>,
    pub search: Option<String>,
}

pub const ORDERING_FIELDS: &[&str] = &["name", "created_at", "updated_at", "city"];

/// What NOURX staff filter the client list by (every field optional).
#[derive(Debug, Default, Clone)]
pub struct StaffClientFilter {
    pub status: Option<ClientStatus>,
    /// Part of the name, legal name, billing email or city, whatever the case and accents.
    pub q: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2, upper-case.
    pub country: Option<String>,
    pub sector: Option<String>,
    pub tag: Option<String>,
    pub has_overdue: Option<bool>,
}

pub const STAFF_ORDERING_FIELDS: &[&str] = &["name", "outstanding", "created_at"];

/// A client as NOURX staff list it: with what it owes and how much it has, computed in one query.
#[derive(Debug, Clone, QueryableByName)]
pub struct ClientWithFigures {
    #[diesel(embed)]
    pub client: Client,
    /// Still to be paid on its sent and partially paid invoices.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub outstanding: i64,
    /// The part of `outstanding` past its due date.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub overdue: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub member_count: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub project_count: i64,
}

/// Every client matching `filter` with its figures, `ordering` one of [`STAFF_ORDERING_FIELDS`]
/// (`-` for descending), and the count of all matches. `today` decides what is overdue.
pub fn list_with_figures(
    conn: &mut PgConnection,
    filter: &StaffClientFilter,
    ordering: &str,
    page: PageRequest,
    today: chrono::NaiveDate,
) -> QueryResult<(i64, Vec<ClientWithFigures>)> {
    use diesel::sql_types::{BigInt, Bool, Date, Nullable, Text};
    let order = match ordering {
        "-name" => "c.name DESC",
        "outstanding" => "outstanding ASC",
        "-outstanding" => "outstanding DESC",
        "created_at" => "c.created_at ASC",
        "-created_at" => "c.created_at DESC",
        _ => "c.name ASC",
    };
    // $1 today, $2 status, $3 q pattern, $4 city, $5 country, $6 sector, $7 tag, $8 has_overdue.
    let base = "FROM clients c \
        LEFT JOIN LATERAL (SELECT COALESCE(SUM(i.total_ttc - i.credited_amount - i.amount_paid), 0)::int8 AS outstanding, \
               COALESCE(SUM(i.total_ttc - i.credited_amount - i.amount_paid) FILTER (WHERE i.due_date < $1), 0)::int8 AS overdue \
             FROM invoices i WHERE i.client_id = c.id AND i.status IN ('sent', 'partially_paid')) owed ON true \
        WHERE (($2::text IS NULL AND c.status <> 'prospect') OR c.status = $2) \
          AND ($3::text IS NULL OR nourx_fold(c.name) LIKE nourx_fold($3) OR nourx_fold(c.legal_name) LIKE nourx_fold($3) \
               OR nourx_fold(c.billing_email) LIKE nourx_fold($3) OR nourx_fold(c.city) LIKE nourx_fold($3)) \
          AND ($4::text IS NULL OR nourx_fold(c.city) = nourx_fold($4)) \
          AND ($5::text IS NULL OR c.country = $5) \
          AND ($6::text IS NULL OR nourx_fold(c.sector) = nourx_fold($6)) \
          AND ($7::text IS NULL OR c.tags @> ARRAY[lower($7)]) \
          AND ($8::bool IS NULL OR (owed.overdue > 0) = $8)";
    let select = format!(
        "SELECT c.*, owed.outstanding, owed.overdue, \
                (SELECT count(*) FROM client_members m WHERE m.client_id = c.id) AS member_count, \
                (SELECT count(*) FROM projects p WHERE p.client_id = c.id) AS project_count \
         {base} ORDER BY {order}, c.id LIMIT $9 OFFSET $10"
    );
    macro_rules! bind_filter {
        ($query:expr) => {
            $query
                .bind::<Date, _>(today)
                .bind::<Nullable<Text>, _>(filter.status.map(ClientStatus::as_str))
                .bind::<Nullable<Text>, _>(filter.q.as_deref().map(crate::like_pattern))
                .bind::<Nullable<Text>, _>(filter.city.as_deref())
                .bind::<Nullable<Text>, _>(filter.country.as_deref())
                .bind::<Nullable<Text>, _>(filter.sector.as_deref())
                .bind::<Nullable<Text>, _>(filter.tag.as_deref())
                .bind::<Nullable<Bool>, _>(filter.has_overdue)
        };
    }
    let rows: Vec<ClientWithFigures> = bind_filter!(diesel::sql_query(select))
        .bind::<BigInt, _>(page.limit)
        .bind::<BigInt, _>(page.offset)
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || {
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = BigInt)]
            count: i64,
        }
        let query = bind_filter!(diesel::sql_query(format!("SELECT count(*) AS count {base}")));
        query.get_result::<Count>(conn).map(|row| row.count)
    })?;
    Ok((count, rows))
}

/// The client, locked until the transaction ends (so that no record is added while it is deleted).
pub fn find_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Client>> {
    clients::table.find(id).for_update().select(Client::as_select()).first(conn).optional()
}

/// What the client has that deleting it would erase.
pub fn records(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<ClientRecords> {
    Ok(ClientRecords {
        invoices: invoices::table.filter(invoices::client_id.eq(client_id)).count().get_result(conn)?,
        quotes: quotes::table.filter(quotes::client_id.eq(client_id)).count().get_result(conn)?,
        payments: payments::table.filter(payments::client_id.eq(client_id)).count().get_result(conn)?,
        projects: projects::table.filter(projects::client_id.eq(client_id)).count().get_result(conn)?,
        tickets: tickets::table.filter(tickets::client_id.eq(client_id)).count().get_result(conn)?,
    })
}

/// Deletes the client with its memberships and invitations (the caller checked it has no records).
pub fn delete(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<usize> {
    use crate::schema::invitations;
    diesel::delete(invitations::table.filter(invitations::client_id.eq(client_id))).execute(conn)?;
    diesel::delete(client_members::table.filter(client_members::client_id.eq(client_id))).execute(conn)?;
    diesel::delete(clients::table.find(client_id)).execute(conn)
}

/// The members of `client_id` none of whose clients is active any more (after it was archived):
/// those who may no longer log in.
pub fn members_without_active_client(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<Vec<Uuid>> {
    let (other, other_client) = diesel::alias!(client_members as other, clients as other_client);
    client_members::table
        .filter(client_members::client_id.eq(client_id))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            other
                .inner_join(other_client.on(other_client.field(clients::id).eq(other.field(client_members::client_id))))
                .filter(other.field(client_members::user_id).eq(client_members::user_id))
                .filter(other_client.field(clients::status).eq(ClientStatus::Active)),
        )))
        .select(client_members::user_id)
        .load(conn)
}

/// The status of every client `user_id` belongs to.
pub fn statuses_of_member(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<ClientStatus>> {
    client_members::table
        .inner_join(clients::table)
        .filter(client_members::user_id.eq(user_id))
        .select(clients::status)
        .load(conn)
}

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
        // A prospect's client is listed only when asked for: it is not a client yet.
        query = match &filter.status {
            Some(status) => query.filter(clients::status.eq(*status)),
            None => query.filter(clients::status.ne(ClientStatus::Prospect)),
        };
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
