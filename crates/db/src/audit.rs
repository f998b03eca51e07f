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

/// What an audit row is about: `"invoice"`, or `("invoice", client_id)` when the entity
/// belongs to a client (the activity feed filters by it).
#[derive(Debug, Clone, Copy)]
pub struct AuditEntity<'a> {
    pub name: &'a str,
    pub client_id: Option<Uuid>,
}

impl<'a> From<&'a str> for AuditEntity<'a> {
    fn from(name: &'a str) -> Self {
        AuditEntity { name, client_id: None }
    }
}

impl<'a> From<(&'a str, Uuid)> for AuditEntity<'a> {
    fn from((name, client_id): (&'a str, Uuid)) -> Self {
        AuditEntity { name, client_id: Some(client_id) }
    }
}

/// Appends an audit row. `diff` is `{"field": [before, after]}` for updates, the created
/// values for creations, `{}` when there is nothing to show.
pub fn record<'a>(
    conn: &mut PgConnection,
    context: &AuditContext,
    action: &str,
    entity: impl Into<AuditEntity<'a>>,
    entity_id: Option<String>,
    diff: serde_json::Value,
) -> QueryResult<()> {
    let entity = entity.into();
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::actor_id.eq(context.actor_id),
            audit_log::action.eq(action),
            audit_log::entity.eq(entity.name),
            audit_log::client_id.eq(entity.client_id),
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

/// The activity feed's filters; `entities` is the kind's entities (none: every entity).
#[derive(Debug, Default, Clone)]
pub struct ActivityFilter {
    pub client_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub entities: Option<Vec<String>>,
}

/// An audit row with the names the feed shows: its actor's, its client's and its entity's label
/// (an invoice or quote number, a client or project name, a ticket subject, a payment method).
#[derive(Debug, Clone, QueryableByName)]
pub struct ActivityRow {
    #[diesel(sql_type = diesel::sql_types::Int8)]
    pub id: i64,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub created_at: DateTime<Utc>,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub action: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub entity: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub entity_id: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Jsonb)]
    pub diff: serde_json::Value,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Uuid>)]
    pub actor_id: Option<Uuid>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub actor_name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Uuid>)]
    pub client_id: Option<Uuid>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub client_name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub entity_label: Option<String>,
}

const ACTIVITY_WHERE: &str = "WHERE ($1::uuid IS NULL OR a.client_id = $1) \
     AND ($2::uuid IS NULL OR a.actor_id = $2) \
     AND ($3::text[] IS NULL OR a.entity = ANY($3))";

/// The entity's label from its row, for the entities whose diff may not carry it (an accepted
/// quote's diff holds only its status). Casts only inside the branch of uuid-keyed entities.
const ENTITY_LABEL: &str = "CASE a.entity \
     WHEN 'invoice' THEN (SELECT t.number FROM invoices t WHERE t.id = a.entity_id::uuid) \
     WHEN 'quote' THEN (SELECT t.number FROM quotes t WHERE t.id = a.entity_id::uuid) \
     WHEN 'client' THEN (SELECT t.name FROM clients t WHERE t.id = a.entity_id::uuid) \
     WHEN 'project' THEN (SELECT t.name FROM projects t WHERE t.id = a.entity_id::uuid) \
     WHEN 'milestone' THEN (SELECT t.title FROM milestones t WHERE t.id = a.entity_id::uuid) \
     WHEN 'task' THEN (SELECT t.title FROM tasks t WHERE t.id = a.entity_id::uuid) \
     WHEN 'ticket' THEN (SELECT t.subject FROM tickets t WHERE t.id = a.entity_id::uuid) \
     WHEN 'payment' THEN (SELECT t.payment_method FROM payments t WHERE t.id = a.entity_id::uuid) \
     WHEN 'user' THEN (SELECT t.full_name FROM users t WHERE t.id = a.entity_id::uuid) \
     WHEN 'document' THEN (SELECT t.filename FROM documents t WHERE t.id = a.entity_id::uuid) \
     WHEN 'invitation' THEN (SELECT t.email FROM invitations t WHERE t.id = a.entity_id::uuid) \
     WHEN 'staff_invitation' THEN (SELECT t.email FROM staff_invitations t WHERE t.id = a.entity_id::uuid) \
     END";

/// The audit log newest first with the names to write it as sentences, in one query.
pub fn list_activity(
    conn: &mut PgConnection,
    filter: &ActivityFilter,
    page: PageRequest,
) -> QueryResult<(i64, Vec<ActivityRow>)> {
    use diesel::sql_types::{Array, Int8, Nullable, Text};
    let rows = diesel::sql_query(format!(
        "SELECT a.id, a.created_at, a.action, a.entity, a.entity_id, a.diff, a.actor_id, \
                u.full_name AS actor_name, a.client_id, c.name AS client_name, {ENTITY_LABEL} AS entity_label \
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN clients c ON c.id = a.client_id \
         {ACTIVITY_WHERE} ORDER BY a.id DESC LIMIT $4 OFFSET $5"
    ))
    .bind::<Nullable<diesel::sql_types::Uuid>, _>(filter.client_id)
    .bind::<Nullable<diesel::sql_types::Uuid>, _>(filter.actor_id)
    .bind::<Nullable<Array<Text>>, _>(filter.entities.clone())
    .bind::<Int8, _>(page.limit)
    .bind::<Int8, _>(page.offset)
    .load::<ActivityRow>(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || {
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = Int8)]
            count: i64,
        }
        diesel::sql_query(format!("SELECT count(*) AS count FROM audit_log a {ACTIVITY_WHERE}"))
            .bind::<Nullable<diesel::sql_types::Uuid>, _>(filter.client_id)
            .bind::<Nullable<diesel::sql_types::Uuid>, _>(filter.actor_id)
            .bind::<Nullable<Array<Text>>, _>(filter.entities.clone())
            .get_result::<Count>(conn)
            .map(|row| row.count)
    })?;
    Ok((count, rows))
}
