//! NOURX object storage: one interface, two backends.
//!
//! - [`S3Storage`]: any S3-compatible store through `aws-sdk-s3`; browsers upload with a
//!   presigned POST (policy + SigV4, see [`post_policy`]) and download with a presigned GET.
//! - [`LocalStorage`]: files under a directory (the embedded default); the API itself serves the
//!   upload and download URLs, signed with HMAC-SHA256 and expiring, with the same request shapes
//!   as S3 (a multipart form whose fields come first and whose file part, named `file`, comes last).
//!
//! Keys are always chosen by the server (see [`validate_key`]); neither backend expands
//! `${filename}`.

mod disposition;
mod keys;
pub mod local;
pub mod post_policy;
pub mod s3;

#[cfg(feature = "conformance")]
pub mod conformance;

use std::time::Duration;

use chrono::{DateTime, Utc};

pub use disposition::attachment_disposition;
pub use keys::validate_key;
pub use local::{LocalDownload, LocalStorage, Refusal, StoredUpload, UploadTicket};
pub use s3::{S3Config, S3Storage};

/// Longest life of a download link, whatever the caller asks for.
pub const MAX_DOWNLOAD_EXPIRY: Duration = Duration::from_secs(5 * 60);
/// Longest life of an upload form.
pub const MAX_UPLOAD_EXPIRY: Duration = Duration::from_secs(60 * 60);
/// Bytes of the start of an object kept by [`Storage::digest`], for type sniffing.
pub const HEAD_BYTES: usize = 512;

/// What a browser may upload with one presigned form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadPolicy {
    /// The exact key the object will have.
    pub key: String,
    /// The exact `Content-Type` form field the browser must send (stored with the object on S3).
    pub content_type: String,
    /// Smallest accepted size in bytes.
    pub min_size: u64,
    /// Largest accepted size in bytes.
    pub max_size: u64,
    /// How long the form may be used (at least one second, at most [`MAX_UPLOAD_EXPIRY`]).
    pub expires_in: Duration,
}

/// A presigned upload: POST a `multipart/form-data` body to `url` with `fields`, in this order,
/// then the file as the last part, named `file`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresignedUpload {
    pub url: String,
    pub fields: Vec<(String, String)>,
    pub expires_at: DateTime<Utc>,
}

/// A presigned download: a plain GET of `url`, until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresignedDownload {
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// What the server learns of an uploaded object by reading it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectDigest {
    pub size: u64,
    pub sha256: [u8; 32],
    /// The first bytes (at most [`HEAD_BYTES`]), for type sniffing.
    pub head: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// Keys are `[A-Za-z0-9/_.-]`, without `..`, empty segments or surrounding slashes.
    #[error("invalid object key {0:?}")]
    InvalidKey(String),
    /// The caller asked for something the storage will not sign (bad content type, sizes, expiry).
    #[error("invalid storage request: {0}")]
    InvalidRequest(String),
    /// The local backend refused a signed request (bad or expired signature, policy violation,
    /// malformed form, too large, unknown object). Carries the HTTP answer to give.
    #[error("refused ({}): {}", .0.code, .0.detail_en)]
    Refused(Refusal),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("S3 {operation} failed: {message}")]
    S3 { operation: &'static str, message: String },
    #[error("storage configuration: {0}")]
    Config(String),
}

impl StorageError {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> StorageError {
        let context = context.into();
        move |source| StorageError::Io { context, source }
    }
}

/// The storage of the app: cheap to clone (each backend keeps its state behind an `Arc`).
#[derive(Clone, Debug)]
pub enum Storage {
    Local(LocalStorage),
    S3(S3Storage),
}

impl Storage {
    /// A form a browser can POST the file with, directly to the storage.
    pub async fn presign_upload(&self, policy: &UploadPolicy) -> Result<PresignedUpload, StorageError> {
        check_policy(policy)?;
        match self {
            Storage::Local(local) => local.presign_upload(policy),
            Storage::S3(s3) => s3.presign_upload(policy).await,
        }
    }

    /// Reads the object once, streaming: size, SHA-256 and first bytes. `None`: no such object.
    pub async fn digest(&self, key: &str) -> Result<Option<ObjectDigest>, StorageError> {
        validate_key(key)?;
        match self {
            Storage::Local(local) => local.digest(key).await,
            Storage::S3(s3) => s3.digest(key).await,
        }
    }

    /// A GET link that downloads the object as an attachment named `filename`, served as
    /// `content_type`. `expires_in` is capped at [`MAX_DOWNLOAD_EXPIRY`].
    pub async fn presign_download(
        &self,
        key: &str,
        filename: &str,
        content_type: &str,
        expires_in: Duration,
    ) -> Result<PresignedDownload, StorageError> {
        validate_key(key)?;
        check_content_type(content_type)?;
        let expires_in = expires_in.clamp(Duration::from_secs(1), MAX_DOWNLOAD_EXPIRY);
        let disposition = attachment_disposition(filename);
        match self {
            Storage::Local(local) => local.presign_download(key, &disposition, content_type, expires_in),
            Storage::S3(s3) => s3.presign_download(key, &disposition, content_type, expires_in).await,
        }
    }

    /// Removes the object; removing a missing object succeeds.
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        validate_key(key)?;
        match self {
            Storage::Local(local) => local.delete(key).await,
            Storage::S3(s3) => s3.delete(key).await,
        }
    }

    /// Copies the object `from` to `to` inside the storage (no bytes through the app on S3),
    /// replacing any object of key `to`. `Ok(false)`, with nothing written, when there is no
    /// object `from`.
    ///
    /// The copy is a snapshot of `from` at one instant: a later write to `from` (a presigned
    /// form used again) leaves `to` as it was. Copying an object onto itself is refused.
    pub async fn copy(&self, from: &str, to: &str) -> Result<bool, StorageError> {
        validate_key(from)?;
        validate_key(to)?;
        if from == to {
            return Err(StorageError::InvalidRequest(format!("cannot copy {from:?} onto itself")));
        }
        match self {
            Storage::Local(local) => local.copy(from, to).await,
            Storage::S3(s3) => s3.copy(from, to).await,
        }
    }

    /// Writes an object from the server (generated PDFs), replacing any object of that key.
    pub async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<(), StorageError> {
        validate_key(key)?;
        check_content_type(content_type)?;
        match self {
            Storage::Local(local) => local.put(key, bytes).await,
            Storage::S3(s3) => s3.put(key, bytes, content_type).await,
        }
    }

    /// The whole object, `None` when there is none. For small objects the server made itself.
    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        validate_key(key)?;
        match self {
            Storage::Local(local) => local.get(key).await,
            Storage::S3(s3) => s3.get(key).await,
        }
    }

    /// `"local"` or `"s3"`.
    pub fn backend_name(&self) -> &'static str {
        match self {
            Storage::Local(_) => "local",
            Storage::S3(_) => "s3",
        }
    }

    /// One line for logs and the start-up banner.
    pub fn describe(&self) -> String {
        match self {
            Storage::Local(local) => format!("local files at {}", local.root().display()),
            Storage::S3(s3) => s3.describe(),
        }
    }

    pub fn as_local(&self) -> Option<&LocalStorage> {
        match self {
            Storage::Local(local) => Some(local),
            Storage::S3(_) => None,
        }
    }
}

fn check_policy(policy: &UploadPolicy) -> Result<(), StorageError> {
    validate_key(&policy.key)?;
    check_content_type(&policy.content_type)?;
    if policy.min_size > policy.max_size {
        return Err(StorageError::InvalidRequest(format!(
            "min_size {} is larger than max_size {}",
            policy.min_size, policy.max_size
        )));
    }
    if policy.expires_in < Duration::from_secs(1) || policy.expires_in > MAX_UPLOAD_EXPIRY {
        return Err(StorageError::InvalidRequest(format!(
            "an upload form lives between 1 s and {} s, not {:?}",
            MAX_UPLOAD_EXPIRY.as_secs(),
            policy.expires_in
        )));
    }
    Ok(())
}

/// A media type such as `application/pdf` (parameters allowed): visible ASCII and spaces only, so
/// that it is safe in a header, a policy and a query string.
fn check_content_type(content_type: &str) -> Result<(), StorageError> {
    let valid = !content_type.is_empty()
        && content_type.len() <= 255
        && content_type.contains('/')
        && content_type.bytes().all(|b| b == b' ' || b.is_ascii_graphic());
    if valid { Ok(()) } else { Err(StorageError::InvalidRequest(format!("invalid content type {content_type:?}"))) }
}

/// Accumulates an [`ObjectDigest`] over the chunks of a stream.
pub(crate) struct DigestBuilder {
    size: u64,
    sha256: ring::digest::Context,
    head: Vec<u8>,
}

impl DigestBuilder {
    pub(crate) fn new() -> DigestBuilder {
        DigestBuilder { size: 0, sha256: ring::digest::Context::new(&ring::digest::SHA256), head: Vec::new() }
    }

    pub(crate) fn update(&mut self, chunk: &[u8]) {
        self.size += chunk.len() as u64;
        self.sha256.update(chunk);
        let room = HEAD_BYTES.saturating_sub(self.head.len());
        self.head.extend_from_slice(&chunk[..room.min(chunk.len())]);
    }

    pub(crate) fn finish(self) -> ObjectDigest {
        let mut sha256 = [0u8; 32];
        sha256.copy_from_slice(self.sha256.finish().as_ref());
        ObjectDigest { size: self.size, sha256, head: self.head }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_keeps_the_first_512_bytes_across_chunks() {
        let data: Vec<u8> = (0..2000u32).map(|i| (i % 251) as u8).collect();
        let mut builder = DigestBuilder::new();
        for chunk in data.chunks(300) {
            builder.update(chunk);
        }
        let digest = builder.finish();
        assert_eq!(digest.size, 2000);
        assert_eq!(digest.head, data[..512]);
        assert_eq!(digest.sha256.as_slice(), ring::digest::digest(&ring::digest::SHA256, &data).as_ref());
    }

    #[test]
    fn content_types_are_header_safe() {
        assert!(check_content_type("application/pdf").is_ok());
        assert!(check_content_type("text/plain; charset=utf-8").is_ok());
        assert!(check_content_type("").is_err());
        assert!(check_content_type("pdf").is_err());
        assert!(check_content_type("text/plain\r\nX-Evil: 1").is_err());
        assert!(check_content_type("image/pngé").is_err());
    }
}
