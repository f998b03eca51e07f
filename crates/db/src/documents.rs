//! Documents stored on object storage: one row per file, `pending` from the presigned upload
//! until the uploader completes it, then `ready`. Internal documents are NOURX staff's only.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use nourx_domain::documents::{DocumentStatus, Visibility};
use uuid::Uuid;

use crate::schema::{documents, users};
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = documents, check_for_backend(diesel::pg::Pg))]
pub struct Document {
    pub id: Uuid,
    pub client_id: Uuid,
    /// The project of a project document; a ticket's attachment may have none.
    pub project_id: Option<Uuid>,
    pub uploaded_by: Option<Uuid>,
    pub filename: String,
    pub declared_type: String,
    pub declared_size: i64,
    pub content_type: Option<String>,
    pub size: Option<i64>,
    #[serde(serialize_with = "hex_digest")]
    pub sha256: Option<Vec<u8>>,
    pub storage_key: String,
    pub visibility: Visibility,
    pub status: DocumentStatus,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    /// The ticket of an attachment (not listed with the project's documents).
    pub ticket_id: Option<Uuid>,
    /// The message it was sent with; `None` until sent.
    pub ticket_message_id: Option<Uuid>,
}

impl Document {
    pub fn is_ready(&self) -> bool {
        self.status == DocumentStatus::Ready
    }

    /// The SHA-256 in lowercase hexadecimal, once known.
    pub fn sha256_hex(&self) -> Option<String> {
        self.sha256.as_deref().map(hex::encode)
    }
}

fn hex_digest<S: serde::Serializer>(digest: &Option<Vec<u8>>, serializer: S) -> Result<S::Ok, S::Error> {
    match digest {
        Some(bytes) => serializer.serialize_some(&hex::encode(bytes)),
        None => serializer.serialize_none(),
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = documents)]
pub struct NewDocument<'a> {
    pub id: Uuid,
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
    pub uploaded_by: Option<Uuid>,
    pub filename: &'a str,
    pub declared_type: &'a str,
    pub declared_size: i64,
    pub storage_key: &'a str,
    pub visibility: Visibility,
}

impl NewDocument<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Document> {
        diesel::insert_into(documents::table).values(self).returning(Document::as_returning()).get_result(conn)
    }
}

#[derive(Debug, Default, Clone)]
pub struct DocumentFilter {
    pub client_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    pub visibility: Option<Visibility>,
    /// Part of the file name.
    pub search: Option<String>,
}

pub const ORDERING_FIELDS: &[&str] = &["created_at", "filename", "size"];

/// Restricts `query` to the documents of `scope`'s clients, and to internal documents only of the
/// clients of `internal` (NOURX staff: `Scope::All`; client people: none).
macro_rules! visible {
    ($query:expr, $scope:expr, $internal:expr) => {{
        let query = scoped!($query, $scope, documents::client_id);
        match $internal.client_ids() {
            None => query,
            Some([]) => query.filter(documents::visibility.eq(Visibility::Client)),
            Some(ids) => {
                query.filter(documents::visibility.eq(Visibility::Client).or(documents::client_id.eq_any(ids.to_vec())))
            }
        }
    }};
}

/// A document of any status that the caller may see (client scope and internal visibility).
pub fn find(conn: &mut PgConnection, scope: &Scope, internal: &Scope, id: Uuid) -> QueryResult<Option<Document>> {
    visible!(documents::table.find(id).into_boxed(), scope, internal)
        .select(Document::as_select())
        .first(conn)
        .optional()
}

/// Locks a document already found in scope, until the end of the transaction; `None` when it was
/// deleted in the meantime.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Document>> {
    documents::table.find(id).for_update().select(Document::as_select()).first(conn).optional()
}

/// Records the verified content of a pending document, and the key of the verified object (no
/// longer the key its upload form targets), and makes it `ready`.
pub fn mark_ready(
    conn: &mut PgConnection,
    id: Uuid,
    storage_key: &str,
    content_type: &str,
    size: i64,
    sha256: &[u8],
) -> QueryResult<Document> {
    diesel::update(documents::table.find(id).filter(documents::status.eq(DocumentStatus::Pending)))
        .set((
            documents::status.eq(DocumentStatus::Ready),
            documents::storage_key.eq(storage_key),
            documents::content_type.eq(content_type),
            documents::size.eq(size),
            documents::sha256.eq(sha256),
            documents::completed_at.eq(diesel::dsl::now),
        ))
        .returning(Document::as_returning())
        .get_result(conn)
}

pub fn delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(documents::table.find(id)).execute(conn)
}

/// Ready documents the caller may see.
pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    internal: &Scope,
    filter: &DocumentFilter,
    ordering: &str,
    page: PageRequest,
) -> QueryResult<(i64, Vec<Document>)> {
    let build = || {
        let mut query = visible!(documents::table.into_boxed(), scope, internal)
            .filter(documents::status.eq(DocumentStatus::Ready))
            .filter(documents::ticket_id.is_null());
        if let Some(client) = filter.client_id {
            query = query.filter(documents::client_id.eq(client));
        }
        if let Some(project) = filter.project_id {
            query = query.filter(documents::project_id.eq(project));
        }
        if let Some(visibility) = filter.visibility {
            query = query.filter(documents::visibility.eq(visibility));
        }
        if let Some(search) = &filter.search {
            query = query.filter(documents::filename.ilike(crate::like_pattern(search)));
        }
        query
    };
    let query = match ordering {
        "created_at" => build().order(documents::created_at.asc()),
        "filename" => build().order(documents::filename.asc()),
        "-filename" => build().order(documents::filename.desc()),
        "size" => build().order(documents::size.asc()),
        "-size" => build().order(documents::size.desc()),
        _ => build().order(documents::created_at.desc()),
    };
    let rows = query
        .then_order_by(documents::id.asc())
        .limit(page.limit)
        .offset(page.offset)
        .select(Document::as_select())
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}

/// Attaches the ready attachments `ids` of ticket `ticket_id`, uploaded by `uploader` and not
/// sent yet, with `visibility`, to message `message_id`: returns how many were attached (the
/// caller refuses the message unless all were).
pub fn attach_to_message(
    conn: &mut PgConnection,
    ids: &[Uuid],
    ticket_id: Uuid,
    uploader: Uuid,
    visibility: Visibility,
    message_id: Uuid,
) -> QueryResult<usize> {
    diesel::update(
        documents::table
            .filter(documents::id.eq_any(ids))
            .filter(documents::ticket_id.eq(ticket_id))
            .filter(documents::uploaded_by.eq(uploader))
            .filter(documents::visibility.eq(visibility))
            .filter(documents::status.eq(DocumentStatus::Ready))
            .filter(documents::ticket_message_id.is_null()),
    )
    .set(documents::ticket_message_id.eq(message_id))
    .execute(conn)
}

/// The attachments of `message_ids`, oldest first (the messages are already scoped: an internal
/// note's attachments are internal documents).
pub fn of_messages(conn: &mut PgConnection, message_ids: &[Uuid]) -> QueryResult<Vec<Document>> {
    documents::table
        .filter(documents::ticket_message_id.eq_any(message_ids))
        .filter(documents::status.eq(DocumentStatus::Ready))
        .order((documents::created_at.asc(), documents::id.asc()))
        .select(Document::as_select())
        .load(conn)
}

/// Full names of uploaders by id.
pub fn uploader_names(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<HashMap<Uuid, String>> {
    let rows: Vec<(Uuid, String)> =
        users::table.filter(users::id.eq_any(ids)).select((users::id, users::full_name)).load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Up to `limit` pending documents created before `cutoff`, oldest first: `(id, storage key)`.
/// Uploads left behind before `cutoff`, oldest first: never completed, or a ticket's attachment
/// never sent with a message (its author gave up on the reply).
pub fn abandoned_before(
    conn: &mut PgConnection,
    cutoff: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<(Uuid, String)>> {
    documents::table
        .filter(abandoned())
        .filter(documents::created_at.lt(cutoff))
        .order(documents::created_at.asc())
        .limit(limit)
        .select((documents::id, documents::storage_key))
        .load(conn)
}

/// Deletes those of `ids` that are still abandoned (an attachment sent meanwhile stays).
pub fn delete_abandoned(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<usize> {
    diesel::delete(documents::table.filter(documents::id.eq_any(ids)).filter(abandoned())).execute(conn)
}

fn abandoned() -> Box<dyn BoxableExpression<documents::table, diesel::pg::Pg, SqlType = diesel::sql_types::Bool>> {
    Box::new(
        documents::status
            .eq(DocumentStatus::Pending)
            .or(documents::ticket_id.is_not_null().and(documents::ticket_message_id.is_null())),
    )
}

#[derive(QueryableByName)]
struct StoredBytes {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    bytes: i64,
}

/// What `client_id`'s documents take in the storage, for its quota: the verified size of ready
/// documents and the announced size of pending uploads (their bytes may be on their way).
/// NOURX's internal documents are not the client's and do not count.
pub fn stored_bytes(conn: &mut PgConnection, client_id: Uuid) -> QueryResult<i64> {
    diesel::sql_query(
        "SELECT COALESCE(SUM(COALESCE(size, declared_size)), 0)::bigint AS bytes FROM documents \
         WHERE client_id = $1 AND visibility <> $2",
    )
    .bind::<diesel::sql_types::Uuid, _>(client_id)
    .bind::<diesel::sql_types::Text, _>(Visibility::Internal)
    .get_result::<StoredBytes>(conn)
    .map(|row| row.bytes)
}
