//! System settings by key, each a JSON object (shape validated by the API).

use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::settings;

pub fn get(conn: &mut PgConnection, key: &str) -> QueryResult<Option<serde_json::Value>> {
    settings::table.find(key).select(settings::value).first(conn).optional()
}

pub fn put(conn: &mut PgConnection, key: &str, value: &serde_json::Value, by: Option<Uuid>) -> QueryResult<()> {
    diesel::insert_into(settings::table)
        .values((settings::key.eq(key), settings::value.eq(value), settings::updated_by.eq(by)))
        .on_conflict(settings::key)
        .do_update()
        .set((settings::value.eq(value), settings::updated_by.eq(by), settings::updated_at.eq(diesel::dsl::now)))
        .execute(conn)
        .map(|_| ())
}
