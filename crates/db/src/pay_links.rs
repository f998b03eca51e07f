//! Pay links: found by the SHA-256 of their token, scoped to one invoice.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{pay_link_payments, pay_links, users};
use crate::scope::Scope;
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = pay_links, check_for_backend(diesel::pg::Pg))]
pub struct PayLink {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub client_id: Uuid,
    #[serde(skip)]
    pub token_hash: Vec<u8>,
    pub created_by: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<Uuid>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub use_count: i32,
    pub created_at: DateTime<Utc>,
}

/// A pay link with the name of who made it.
pub type PayLinkRow = (PayLink, Option<String>);

#[derive(Debug, Insertable)]
#[diesel(table_name = pay_links)]
pub struct NewPayLink<'a> {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub client_id: Uuid,
    pub token_hash: &'a [u8],
    pub created_by: Uuid,
    pub expires_at: DateTime<Utc>,
}

impl NewPayLink<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<PayLink> {
        diesel::insert_into(pay_links::table).values(self).returning(PayLink::as_returning()).get_result(conn)
    }
}

/// The link whose token hashes to `token_hash`, whatever its state (the caller decides).
pub fn by_token_hash(conn: &mut PgConnection, token_hash: &[u8]) -> QueryResult<Option<PayLink>> {
    pay_links::table.filter(pay_links::token_hash.eq(token_hash)).select(PayLink::as_select()).first(conn).optional()
}

/// Counts one use of the link (a visit, `nourx_domain::pay_link::Opening`).
pub fn touch(conn: &mut PgConnection, id: Uuid, now: DateTime<Utc>) -> QueryResult<usize> {
    diesel::update(pay_links::table.find(id))
        .set((pay_links::last_used_at.eq(now), pay_links::use_count.eq(pay_links::use_count + 1)))
        .execute(conn)
}

/// The links of an invoice visible in `scope`, newest first.
pub fn of_invoice(conn: &mut PgConnection, scope: &Scope, invoice_id: Uuid) -> QueryResult<Vec<PayLinkRow>> {
    scoped!(
        pay_links::table.left_join(users::table.on(users::id.nullable().eq(pay_links::created_by))).into_boxed(),
        scope,
        pay_links::client_id
    )
    .filter(pay_links::invoice_id.eq(invoice_id))
    .order((pay_links::created_at.desc(), pay_links::id.desc()))
    .select((PayLink::as_select(), users::full_name.nullable()))
    .load(conn)
}

/// One link visible in `scope`, locked until the end of the transaction.
pub fn lock(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<PayLink>> {
    let link: Option<PayLink> =
        pay_links::table.find(id).for_update().select(PayLink::as_select()).first(conn).optional()?;
    Ok(link.filter(|link| scope.client_ids().is_none_or(|ids| ids.contains(&link.client_id))))
}

pub fn revoke(conn: &mut PgConnection, id: Uuid, by: Uuid, now: DateTime<Utc>) -> QueryResult<PayLink> {
    diesel::update(pay_links::table.find(id))
        .set((pay_links::revoked_at.eq(now), pay_links::revoked_by.eq(by)))
        .returning(PayLink::as_returning())
        .get_result(conn)
}

/// Remembers that `payment_id` is being paid through the link: started from it, or resumed from it
/// (then it replaces the link it was started from, if any).
pub fn link_payment(conn: &mut PgConnection, payment_id: Uuid, pay_link_id: Uuid) -> QueryResult<usize> {
    diesel::insert_into(pay_link_payments::table)
        .values((pay_link_payments::payment_id.eq(payment_id), pay_link_payments::pay_link_id.eq(pay_link_id)))
        .on_conflict(pay_link_payments::payment_id)
        .do_update()
        .set(pay_link_payments::pay_link_id.eq(pay_link_id))
        .execute(conn)
}

/// Whether `payment_id` is being paid through a pay link (started or resumed from one).
pub fn is_link_payment(conn: &mut PgConnection, payment_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(pay_link_payments::table.find(payment_id))).get_result(conn)
}
