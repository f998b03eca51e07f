use chrono::{DateTime, Utc};
use nourx_db::documents::Document;
use nourx_domain::documents::Visibility;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Who uploaded a document (`null` once their account is deleted).
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentUploader {
    pub id: Uuid,
    #[schema(example = "Awa Koné")]
    pub name: String,
}

/// A document that was uploaded and verified.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentDto {
    pub id: Uuid,
    /// `None` for a ticket's attachment without a project.
    pub project_id: Option<Uuid>,
    /// The ticket of an attachment.
    pub ticket_id: Option<Uuid>,
    pub client_id: Uuid,
    /// The sanitised name the file downloads under.
    #[schema(example = "Cahier des charges.pdf")]
    pub filename: String,
    /// Sniffed from the stored bytes, not taken from the browser.
    #[schema(example = "application/pdf")]
    pub content_type: String,
    /// In bytes.
    #[schema(example = 482_133)]
    pub size: i64,
    /// SHA-256 of the stored bytes, lowercase hexadecimal.
    #[schema(example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    pub sha256: Option<String>,
    pub visibility: Visibility,
    pub uploaded_by: Option<DocumentUploader>,
    pub created_at: DateTime<Utc>,
    /// When the upload was verified.
    pub completed_at: Option<DateTime<Utc>>,
    /// Whether the caller may delete it (NOURX staff, or the person who uploaded it).
    pub can_delete: bool,
}

impl DocumentDto {
    pub fn new(document: Document, uploader_name: Option<String>, can_delete: bool) -> DocumentDto {
        DocumentDto {
            sha256: document.sha256_hex(),
            id: document.id,
            project_id: document.project_id,
            ticket_id: document.ticket_id,
            client_id: document.client_id,
            content_type: document.content_type.unwrap_or(document.declared_type),
            size: document.size.unwrap_or(document.declared_size),
            visibility: document.visibility,
            uploaded_by: document.uploaded_by.zip(uploader_name).map(|(id, name)| DocumentUploader { id, name }),
            filename: document.filename,
            created_at: document.created_at,
            completed_at: document.completed_at,
            can_delete,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentListQuery {
    pub client: Option<Uuid>,
    pub project: Option<Uuid>,
    /// client or internal (internal documents are listed for NOURX staff only).
    pub visibility: Option<String>,
    /// Part of the file name.
    pub search: Option<String>,
    /// created_at, filename or size; `-` for descending. Default: -created_at.
    pub ordering: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PresignRequest {
    /// A project of the caller's client; the document belongs to that project's client. Either
    /// this or `ticket_id`.
    pub project_id: Option<Uuid>,
    /// A ticket the caller may write on: the file is an attachment for the caller's next message
    /// there (`attachment_ids`); `internal` ones for an internal note.
    pub ticket_id: Option<Uuid>,
    /// The file's name; sanitised (path, control and reserved characters removed, an extension
    /// matching the type added when missing).
    #[schema(example = "Cahier des charges.pdf")]
    pub filename: String,
    /// Exact size in bytes (1 byte to 50 MiB): the storage refuses a file of any other size.
    #[schema(example = 482_133)]
    pub size: i64,
    /// PDF, PNG, JPEG, GIF, WebP, Word/Excel/PowerPoint (97–2003 and OOXML), OpenDocument, ZIP,
    /// plain text or CSV. Checked again against the stored bytes at completion.
    #[schema(example = "application/pdf")]
    pub content_type: String,
    /// Default: client. `internal` is for NOURX staff only.
    #[serde(default)]
    pub visibility: Visibility,
}

/// The form fields of a presigned upload, serialized as a JSON object in the storage's order.
#[derive(Debug, Clone, Default)]
pub struct FormFields(pub Vec<(String, String)>);

impl Serialize for FormFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// Where and how the browser sends the file: a `multipart/form-data` POST to `url` with every
/// entry of `fields` as a form field, then the file as the last part, named `file`. Then
/// `POST /api/documents/{document_id}/complete/`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PresignResponse {
    /// The pending document; it is listed once completed.
    pub document_id: Uuid,
    /// The storage's upload address (S3, or this API's `/api/storage/upload/`).
    pub url: String,
    /// Form fields to send as they are, before the file (key, content type, policy, signature…).
    #[schema(value_type = std::collections::HashMap<String, String>, example = json!({"key": "documents/…", "Content-Type": "application/pdf", "policy": "…", "x-amz-signature": "…"}))]
    pub fields: FormFields,
    /// The form must be used before this instant (15 minutes).
    pub expires_at: DateTime<Utc>,
    /// The exact size the storage accepts, in bytes (the declared size).
    pub max_size: u64,
}

/// A short-lived link that downloads the file as an attachment under its name.
#[derive(Debug, Serialize, ToSchema)]
pub struct DownloadResponse {
    pub url: String,
    /// The link stops working at this instant (5 minutes).
    pub expires_at: DateTime<Utc>,
}
