//! The audit log: one append-only row per write, in the transaction of the write.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{audit_log, users};
use crate::scope::PageRequest;

/// Who did it and from where; carried by every write.
#[derive(Debug, Clone, Default)]
pub struct AuditContext {
    pub actor_id: Option<Uuid>,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log, check_for_backend(diesel::pg::Pg))]
pub struct AuditRow {
    pub id: i64,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub diff: serde_json::Value,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Appends an audit row. `diff` is `{"field": [before, after]}` for updates, the created
/// values for creations, `{}` when there is nothing to show.
pub fn record(
    conn: &mut PgConnection,
    context: &AuditContext,
    action: &str,
    entity: &str,
    entity_id: Option<String>,
    diff: serde_json::Value,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::actor_id.eq(context.actor_id),
            audit_log::action.eq(action),
            audit_log::entity.eq(entity),
            audit_log::entity_id.eq(entity_id),
            audit_log::diff.eq(diff),
            audit_log::ip.eq(context.ip.as_deref()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A row as the JSON an audit entry stores (its values at creation, say).
pub fn snapshot(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// `{"field": [before, after]}` for the fields that differ between two versions of a row.
pub fn changes(before: &impl serde::Serialize, after: &impl serde::Serialize) -> serde_json::Value {
    diff(&snapshot(before), &snapshot(after))
}

/// `{"field": [before, after]}` for the fields that differ between two JSON objects.
pub fn diff(before: &serde_json::Value, after: &serde_json::Value) -> serde_json::Value {
    let mut changes = serde_json::Map::new();
    if let (Some(before), Some(after)) = (before.as_object(), after.as_object()) {
        for (key, new) in after {
            let old = before.get(key).unwrap_or(&serde_json::Value::Null);
            if old != new && key != "updated_at" {
                changes.insert(key.clone(), serde_json::json!([old, new]));
            }
        }
    }
    serde_json::Value::Object(changes)
}

#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub actor_id: Option<Uuid>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// An audit row and its actor's email.
pub type AuditRowWithActor = (AuditRow, Option<String>);

/// Newest first, with the actor's email when there is one.
pub fn list(
    conn: &mut PgConnection,
    filter: &AuditFilter,
    page: PageRequest,
) -> QueryResult<(i64, Vec<AuditRowWithActor>)> {
    let build = || {
        let mut query = audit_log::table.left_join(users::table).into_boxed();
        if let Some(actor) = filter.actor_id {
            query = query.filter(audit_log::actor_id.eq(actor));
        }
        if let Some(entity) = &filter.entity {
            query = query.filter(audit_log::entity.eq(entity.clone()));
        }
        if let Some(entity_id) = &filter.entity_id {
            query = query.filter(audit_log::entity_id.eq(entity_id.clone()));
        }
        if let Some(action) = &filter.action {
            query = query.filter(audit_log::action.eq(action.clone()));
        }
        if let Some(from) = filter.from {
            query = query.filter(audit_log::created_at.ge(from));
        }
        if let Some(to) = filter.to {
            query = query.filter(audit_log::created_at.lt(to));
        }
        query
    };
    let rows = build()
        .order(audit_log::id.desc())
        .limit(page.limit)
        .offset(page.offset)
        .select((AuditRow::as_select(), users::email.nullable()))
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}
