//! The database's clock: one time source for every row and every deadline computed beside them.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// The database's `now()`: inside a transaction, the instant it started, which is also the
/// `created_at`/`updated_at` default of the rows it writes.
pub fn transaction_now(conn: &mut PgConnection) -> QueryResult<DateTime<Utc>> {
    diesel::select(diesel::dsl::sql::<diesel::sql_types::Timestamptz>("now()")).get_result(conn)
}
