//! Admins' overrides of the built-in email templates: one per template and language.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use nourx_domain::Locale;
use uuid::Uuid;

use crate::schema::email_templates;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = email_templates, check_for_backend(diesel::pg::Pg))]
pub struct EmailTemplate {
    pub template: String,
    pub locale: Locale,
    pub subject: String,
    pub text_body: String,
    pub html_body: Option<String>,
    pub updated_by: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = email_templates)]
pub struct NewEmailTemplate<'a> {
    pub template: &'a str,
    pub locale: Locale,
    pub subject: &'a str,
    pub text_body: &'a str,
    pub html_body: Option<&'a str>,
    pub updated_by: Option<Uuid>,
}

/// The override of `template` in `locale`, if an admin wrote one.
pub fn find(conn: &mut PgConnection, template: &str, locale: Locale) -> QueryResult<Option<EmailTemplate>> {
    email_templates::table.find((template, locale)).select(EmailTemplate::as_select()).first(conn).optional()
}

/// Every override, by template then language.
pub fn list(conn: &mut PgConnection) -> QueryResult<Vec<EmailTemplate>> {
    email_templates::table
        .order((email_templates::template.asc(), email_templates::locale.asc()))
        .select(EmailTemplate::as_select())
        .load(conn)
}

impl NewEmailTemplate<'_> {
    /// Writes the override, replacing the one of the same template and language.
    pub fn save(&self, conn: &mut PgConnection) -> QueryResult<EmailTemplate> {
        diesel::insert_into(email_templates::table)
            .values(self)
            .on_conflict((email_templates::template, email_templates::locale))
            .do_update()
            .set((
                email_templates::subject.eq(excluded(email_templates::subject)),
                email_templates::text_body.eq(excluded(email_templates::text_body)),
                email_templates::html_body.eq(excluded(email_templates::html_body)),
                email_templates::updated_by.eq(excluded(email_templates::updated_by)),
                email_templates::updated_at.eq(diesel::dsl::now),
            ))
            .returning(EmailTemplate::as_returning())
            .get_result(conn)
    }
}

/// Removes the override (the built-in source applies again); the removed row, if there was one.
pub fn delete(conn: &mut PgConnection, template: &str, locale: Locale) -> QueryResult<Option<EmailTemplate>> {
    diesel::delete(email_templates::table.find((template, locale)))
        .returning(EmailTemplate::as_returning())
        .get_result(conn)
        .optional()
}
