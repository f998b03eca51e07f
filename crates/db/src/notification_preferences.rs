//! Each person's notification choices (rows only where they chose; the rest is the default).

use std::collections::HashMap;

use diesel::prelude::*;
use nourx_domain::notification_preferences::{EmailDelivery, Preference, Topic};
use uuid::Uuid;

use crate::schema::notification_preferences as prefs;

/// The choices `user_id` made.
pub fn of_person(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<HashMap<Topic, Preference>> {
    let rows: Vec<(Topic, bool, EmailDelivery)> = prefs::table
        .filter(prefs::user_id.eq(user_id))
        .select((prefs::topic, prefs::in_app, prefs::email))
        .load(conn)?;
    Ok(rows.into_iter().map(|(topic, in_app, email)| (topic, Preference { in_app, email })).collect())
}

/// The choices each of `people` made about `topic`.
pub fn about(conn: &mut PgConnection, people: &[Uuid], topic: Topic) -> QueryResult<HashMap<Uuid, Preference>> {
    let rows: Vec<(Uuid, bool, EmailDelivery)> = prefs::table
        .filter(prefs::user_id.eq_any(people))
        .filter(prefs::topic.eq(topic))
        .select((prefs::user_id, prefs::in_app, prefs::email))
        .load(conn)?;
    Ok(rows.into_iter().map(|(user, in_app, email)| (user, Preference { in_app, email })).collect())
}

/// Stores `user_id`'s choice for `topic`.
pub fn put(conn: &mut PgConnection, user_id: Uuid, topic: Topic, choice: Preference) -> QueryResult<()> {
    diesel::insert_into(prefs::table)
        .values((
            prefs::user_id.eq(user_id),
            prefs::topic.eq(topic),
            prefs::in_app.eq(choice.in_app),
            prefs::email.eq(choice.email),
        ))
        .on_conflict((prefs::user_id, prefs::topic))
        .do_update()
        .set((prefs::in_app.eq(choice.in_app), prefs::email.eq(choice.email), prefs::updated_at.eq(diesel::dsl::now)))
        .execute(conn)
        .map(|_| ())
}
