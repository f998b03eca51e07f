//! The local-files backend: objects under `<root>/objects/<key>`, written through
//! `<root>/tmp/` and renamed into place, so a reader never sees half a file.
//!
//! The API serves its URLs (`POST <base>/upload/`, `GET <base>/download/<key>`), and this module
//! checks them the way S3 does:
//!
//! - **Upload**: the same multipart form as S3's presigned POST: fields `key`, `Content-Type`,
//!   `policy` (the base64 JSON policy, same conditions as on S3 with bucket `local`) and
//!   `x-nourx-signature` (hex HMAC-SHA256 of the base64 policy), then the `file` part, last.
//!   Field names are case-insensitive, as on S3.
//! - **Download**: a GET with `response-content-type`, `response-content-disposition`,
//!   `X-Nourx-Expires` (Unix seconds) and `X-Nourx-Signature` (hex HMAC-SHA256 of the key and
//!   those values) in the query.
//!
//! Refusals carry S3's statuses: 403 for a bad or expired signature and for a policy violation,
//! 400 for a malformed form or a file under the minimum size, **413** (`entity_too_large`) for a
//! file over the maximum (S3 says 400 `EntityTooLarge`; 413 is the HTTP status meant for it), and
//! 404 for a validly signed download of a missing object.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};
use ring::hmac;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::post_policy::{Condition, PolicyDocument};
use crate::{
    DigestBuilder, ObjectDigest, PresignedDownload, PresignedUpload, StorageError, UploadPolicy, validate_key,
};

/// The bucket name local policies pin (there is one bucket: the directory).
pub const LOCAL_BUCKET: &str = "local";
/// Form field carrying the upload signature.
pub const SIGNATURE_FIELD: &str = "x-nourx-signature";
/// Query parameters of a download link.
pub const EXPIRES_PARAM: &str = "X-Nourx-Expires";
pub const SIGNATURE_PARAM: &str = "X-Nourx-Signature";
pub const CONTENT_TYPE_PARAM: &str = "response-content-type";
pub const DISPOSITION_PARAM: &str = "response-content-disposition";

/// Text fields of an upload form are small; anything bigger is not ours.
pub const MAX_FORM_FIELD_BYTES: usize = 16 * 1024;
pub const MAX_FORM_FIELDS: usize = 32;

/// Files under a directory, with upload and download links served by the API.
#[derive(Clone)]
pub struct LocalStorage(Arc<Inner>);

struct Inner {
    root: PathBuf,
    objects: PathBuf,
    tmp: PathBuf,
    public_base_url: String,
    key: hmac::Key,
}

impl std::fmt::Debug for LocalStorage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalStorage")
            .field("root", &self.0.root)
            .field("public_base_url", &self.0.public_base_url)
            .finish_non_exhaustive()
    }
}

/// Why the local backend refused a signed request, as the HTTP answer to give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    /// A stable snake_case code (S3's error code, in snake case).
    pub code: &'static str,
    pub detail_fr: String,
    pub detail_en: String,
}

impl Refusal {
    fn error(status: u16, code: &'static str, fr: impl Into<String>, en: impl Into<String>) -> StorageError {
        StorageError::Refused(Refusal { status, code, detail_fr: fr.into(), detail_en: en.into() })
    }

    /// 400 `malformed_post_request`: the upload is not a form we can read.
    pub fn malformed(fr: impl Into<String>, en: impl Into<String>) -> StorageError {
        Refusal::error(400, "malformed_post_request", fr, en)
    }

    fn signature_mismatch() -> StorageError {
        Refusal::error(
            403,
            "signature_does_not_match",
            "La signature de la requête est invalide.",
            "The request signature is invalid.",
        )
    }

    fn expired() -> StorageError {
        Refusal::error(403, "request_expired", "Ce lien a expiré.", "This link has expired.")
    }

    fn policy_violation(field: &str) -> StorageError {
        Refusal::error(
            403,
            "policy_violation",
            format!("Le champ « {field} » ne respecte pas la politique d'envoi signée."),
            format!("The field \"{field}\" does not satisfy the signed upload policy."),
        )
    }
}

/// An upload form whose signature, expiry and fields were checked; the file comes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadTicket {
    pub key: String,
    pub content_type: String,
    pub min_size: u64,
    pub max_size: u64,
}

/// An accepted upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUpload {
    pub key: String,
    pub size: u64,
}

/// A checked download: the open file and the headers to serve it with.
#[derive(Debug)]
pub struct LocalDownload {
    pub file: tokio::fs::File,
    pub size: u64,
    pub content_type: String,
    pub content_disposition: String,
}

impl LocalDownload {
    /// The file's content in chunks of up to 64 KiB, never all of it in memory.
    pub fn chunks(self) -> impl Stream<Item = Result<Vec<u8>, std::io::Error>> + 'static {
        futures_util::stream::unfold(Some(self.file), |file| async move {
            let mut file = file?;
            let mut buffer = vec![0u8; 64 * 1024];
            match file.read(&mut buffer).await {
                Ok(0) => None,
                Ok(read) => {
                    buffer.truncate(read);
                    Some((Ok(buffer), Some(file)))
                }
                // An error ends the stream after being reported.
                Err(error) => Some((Err(error), None)),
            }
        })
    }
}

impl LocalStorage {
    /// Objects live under `root`; links start with `public_base_url` (for example
    /// `http://127.0.0.1:3000/api/storage`); `secret` signs them (see [`Self::signing_key_from`]).
    pub fn new(root: PathBuf, public_base_url: String, secret: Vec<u8>) -> Result<LocalStorage, StorageError> {
        if secret.len() < 32 {
            return Err(StorageError::Config("the local storage signing key must be at least 32 bytes".into()));
        }
        let objects = root.join("objects");
        let tmp = root.join("tmp");
        for dir in [&objects, &tmp] {
            std::fs::create_dir_all(dir).map_err(StorageError::io(format!("creating {}", dir.display())))?;
        }
        remove_stale_parts(&tmp);
        Ok(LocalStorage(Arc::new(Inner {
            root,
            objects,
            tmp,
            public_base_url: public_base_url.trim_end_matches('/').to_owned(),
            key: hmac::Key::new(hmac::HMAC_SHA256, &secret),
        })))
    }

    /// The signing key of local links, derived from the app's secret key (HKDF-SHA256 with its own
    /// label, so that it signs nothing else the secret signs, such as session cookies).
    pub fn signing_key_from(app_secret: &[u8]) -> Vec<u8> {
        struct Len32;
        impl ring::hkdf::KeyType for Len32 {
            fn len(&self) -> usize {
                32
            }
        }
        let prk = ring::hkdf::Salt::new(ring::hkdf::HKDF_SHA256, b"nourx").extract(app_secret);
        let mut key = vec![0u8; 32];
        // Expanding 32 bytes from SHA-256 cannot fail (the limit is 255 × 32).
        if let Ok(okm) = prk.expand(&[b"nourx local storage links v1"], Len32) {
            let _ = okm.fill(&mut key);
        }
        key
    }

    pub fn root(&self) -> &Path {
        &self.0.root
    }

    pub fn public_base_url(&self) -> &str {
        &self.0.public_base_url
    }

    fn object_path(&self, key: &str) -> PathBuf {
        self.0.objects.join(key)
    }

    pub(crate) fn presign_upload(&self, policy: &UploadPolicy) -> Result<PresignedUpload, StorageError> {
        let expires_at = Utc::now() + policy.expires_in;
        let encoded = PolicyDocument::for_upload(LOCAL_BUCKET, policy, expires_at).to_base64();
        let signature = hex::encode(hmac::sign(&self.0.key, encoded.as_bytes()).as_ref());
        Ok(PresignedUpload {
            url: format!("{}/upload/", self.0.public_base_url),
            fields: vec![
                ("key".to_owned(), policy.key.clone()),
                ("Content-Type".to_owned(), policy.content_type.clone()),
                ("policy".to_owned(), encoded),
                (SIGNATURE_FIELD.to_owned(), signature),
            ],
            expires_at,
        })
    }

    /// Checks the text fields of an upload form (everything before the file): signature,
    /// expiry, and every policy condition but the size, which [`Self::store_upload`] checks.
    pub fn verify_upload_form(&self, fields: &[(String, String)]) -> Result<UploadTicket, StorageError> {
        let mut form = BTreeMap::new();
        for (name, value) in fields {
            if form.insert(name.to_ascii_lowercase(), value.as_str()).is_some() {
                return Err(Refusal::malformed(
                    format!("Le champ « {name} » est présent plusieurs fois."),
                    format!("The field \"{name}\" appears more than once."),
                ));
            }
        }
        let (Some(policy), Some(signature)) = (form.get("policy"), form.get(SIGNATURE_FIELD)) else {
            return Err(Refusal::malformed(
                format!("Le formulaire doit contenir les champs « policy » et « {SIGNATURE_FIELD} » avant le fichier."),
                format!("The form must hold the \"policy\" and \"{SIGNATURE_FIELD}\" fields before the file."),
            ));
        };
        let signature = hex::decode(signature).ok().ok_or_else(Refusal::signature_mismatch)?;
        hmac::verify(&self.0.key, policy.as_bytes(), &signature).map_err(|_| Refusal::signature_mismatch())?;
        let document = PolicyDocument::from_base64(policy)
            .map_err(|error| Refusal::malformed("La politique d'envoi est illisible.", error))?;
        if Utc::now() >= document.expiration {
            return Err(Refusal::expired());
        }
        let mut sizes = None;
        for condition in &document.conditions {
            match condition {
                Condition::Eq { field, value } => {
                    let name = field.to_ascii_lowercase();
                    let actual = if name == "bucket" { Some(LOCAL_BUCKET) } else { form.get(&name).copied() };
                    if actual != Some(value.as_str()) {
                        return Err(Refusal::policy_violation(field));
                    }
                }
                Condition::ContentLengthRange { min, max } => sizes = Some((*min, *max)),
            }
        }
        // As on S3, a field the policy does not mention is refused.
        for name in form.keys() {
            let exempt = matches!(name.as_str(), "policy" | SIGNATURE_FIELD | "file") || name.starts_with("x-ignore-");
            let covered = document
                .conditions
                .iter()
                .any(|c| matches!(c, Condition::Eq { field, .. } if field.eq_ignore_ascii_case(name)));
            if !exempt && !covered {
                return Err(Refusal::policy_violation(name));
            }
        }
        // Our policies always pin these; a signed policy without them is not one of ours.
        let (Some(key), Some(content_type), Some((min_size, max_size))) =
            (form.get("key"), form.get("content-type"), sizes)
        else {
            return Err(Refusal::malformed(
                "La politique d'envoi ne fixe pas la clé, le type et la taille.",
                "The upload policy does not pin the key, type and size.",
            ));
        };
        validate_key(key)?;
        Ok(UploadTicket { key: (*key).to_owned(), content_type: (*content_type).to_owned(), min_size, max_size })
    }

    /// Streams the file part to a temporary file, refusing it as soon as it exceeds the maximum
    /// size, then moves it into place.
    pub async fn store_upload<S, B, E>(&self, ticket: &UploadTicket, file: S) -> Result<StoredUpload, StorageError>
    where
        S: Stream<Item = Result<B, E>>,
        B: AsRef<[u8]>,
        E: std::fmt::Display,
    {
        validate_key(&ticket.key)?;
        let mut file = std::pin::pin!(file);
        let temp = TempFile::create(&self.0.tmp).await?;
        let mut out = tokio::fs::File::create(&temp.path).await.map_err(StorageError::io("creating an upload file"))?;
        let mut size = 0u64;
        while let Some(chunk) = file.next().await {
            let chunk = chunk.map_err(|error| {
                Refusal::malformed(
                    "L'envoi du fichier a été interrompu.",
                    format!("The file upload broke off: {error}"),
                )
            })?;
            let chunk = chunk.as_ref();
            size += chunk.len() as u64;
            if size > ticket.max_size {
                return Err(Refusal::error(
                    413,
                    "entity_too_large",
                    format!("Le fichier dépasse la taille maximale autorisée ({} octets).", ticket.max_size),
                    format!("The file exceeds the maximum allowed size ({} bytes).", ticket.max_size),
                ));
            }
            out.write_all(chunk).await.map_err(StorageError::io("writing an upload"))?;
        }
        if size < ticket.min_size {
            return Err(Refusal::error(
                400,
                "entity_too_small",
                format!("Le fichier est plus petit que la taille minimale ({} octets).", ticket.min_size),
                format!("The file is smaller than the minimum size ({} bytes).", ticket.min_size),
            ));
        }
        out.sync_all().await.map_err(StorageError::io("writing an upload"))?;
        drop(out);
        temp.persist(&self.object_path(&ticket.key)).await?;
        Ok(StoredUpload { key: ticket.key.clone(), size })
    }

    /// [`Self::verify_upload_form`] then [`Self::store_upload`].
    pub async fn accept_upload<S, B, E>(
        &self,
        fields: &[(String, String)],
        file: S,
    ) -> Result<StoredUpload, StorageError>
    where
        S: Stream<Item = Result<B, E>>,
        B: AsRef<[u8]>,
        E: std::fmt::Display,
    {
        let ticket = self.verify_upload_form(fields)?;
        self.store_upload(&ticket, file).await
    }

    fn download_string_to_sign(key: &str, expires: i64, content_type: &str, disposition: &str) -> String {
        format!("nourx-storage-download-v1\n{key}\n{expires}\n{content_type}\n{disposition}")
    }

    pub(crate) fn presign_download(
        &self,
        key: &str,
        disposition: &str,
        content_type: &str,
        expires_in: Duration,
    ) -> Result<PresignedDownload, StorageError> {
        let expires_at = Utc::now() + expires_in;
        let expires = expires_at.timestamp();
        let to_sign = Self::download_string_to_sign(key, expires, content_type, disposition);
        let signature = hex::encode(hmac::sign(&self.0.key, to_sign.as_bytes()).as_ref());
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair(CONTENT_TYPE_PARAM, content_type)
            .append_pair(DISPOSITION_PARAM, disposition)
            .append_pair(EXPIRES_PARAM, &expires.to_string())
            .append_pair(SIGNATURE_PARAM, &signature)
            .finish();
        let expires_at = DateTime::from_timestamp(expires, 0).unwrap_or(expires_at);
        Ok(PresignedDownload { url: format!("{}/download/{key}?{query}", self.0.public_base_url), expires_at })
    }

    /// Checks a download link (`query` is the raw query string) and opens the object.
    pub async fn resolve_download(&self, key: &str, query: &str) -> Result<LocalDownload, StorageError> {
        let mut params = BTreeMap::new();
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            if params.insert(name.into_owned(), value.into_owned()).is_some() {
                return Err(Refusal::signature_mismatch());
            }
        }
        let param = |name: &str| params.get(name).map(String::as_str);
        let (Some(content_type), Some(disposition), Some(expires), Some(signature)) =
            (param(CONTENT_TYPE_PARAM), param(DISPOSITION_PARAM), param(EXPIRES_PARAM), param(SIGNATURE_PARAM))
        else {
            return Err(Refusal::error(
                403,
                "access_denied",
                "Ce lien de téléchargement n'est pas signé.",
                "This download link is not signed.",
            ));
        };
        let expires: i64 = expires.parse().map_err(|_| Refusal::signature_mismatch())?;
        let signature = hex::decode(signature).ok().ok_or_else(Refusal::signature_mismatch)?;
        let to_sign = Self::download_string_to_sign(key, expires, content_type, disposition);
        hmac::verify(&self.0.key, to_sign.as_bytes(), &signature).map_err(|_| Refusal::signature_mismatch())?;
        if Utc::now().timestamp() > expires {
            return Err(Refusal::expired());
        }
        validate_key(key)?;
        let file = match tokio::fs::File::open(self.object_path(key)).await {
            Ok(file) => file,
            Err(error) if is_missing(&error) => {
                return Err(Refusal::error(
                    404,
                    "no_such_key",
                    "Ce fichier n'existe plus.",
                    "This file no longer exists.",
                ));
            }
            Err(error) => return Err(StorageError::io(format!("opening {key}"))(error)),
        };
        let size = file.metadata().await.map_err(StorageError::io(format!("reading {key}")))?.len();
        Ok(LocalDownload {
            file,
            size,
            content_type: content_type.to_owned(),
            content_disposition: disposition.to_owned(),
        })
    }

    pub(crate) async fn digest(&self, key: &str) -> Result<Option<ObjectDigest>, StorageError> {
        let mut file = match tokio::fs::File::open(self.object_path(key)).await {
            Ok(file) => file,
            Err(error) if is_missing(&error) => return Ok(None),
            Err(error) => return Err(StorageError::io(format!("opening {key}"))(error)),
        };
        let mut digest = DigestBuilder::new();
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let read = file.read(&mut buffer).await.map_err(StorageError::io(format!("reading {key}")))?;
            if read == 0 {
                break;
            }
            digest.update(&buffer[..read]);
        }
        Ok(Some(digest.finish()))
    }

    pub(crate) async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), StorageError> {
        let temp = TempFile::create(&self.0.tmp).await?;
        let mut out = tokio::fs::File::create(&temp.path).await.map_err(StorageError::io(format!("writing {key}")))?;
        out.write_all(&bytes).await.map_err(StorageError::io(format!("writing {key}")))?;
        out.sync_all().await.map_err(StorageError::io(format!("writing {key}")))?;
        drop(out);
        temp.persist(&self.object_path(key)).await
    }

    /// A hard link under `tmp/` renamed into place: instant, whatever the size, and a true
    /// snapshot because this backend never writes a file in place (uploads and `put` write a new
    /// file and rename it over the key; `delete` unlinks). On a file system without hard links,
    /// the bytes are copied instead.
    pub(crate) async fn copy(&self, from: &str, to: &str) -> Result<bool, StorageError> {
        let source = self.object_path(from);
        let temp = TempFile::create(&self.0.tmp).await?;
        match tokio::fs::hard_link(&source, &temp.path).await {
            Ok(()) => {}
            Err(error) if is_missing(&error) => return Ok(false),
            Err(_) => match copy_file(&source, &temp.path).await {
                Ok(()) => {}
                Err(error) if is_missing(&error) => return Ok(false),
                Err(error) => return Err(StorageError::io(format!("copying {from} to {to}"))(error)),
            },
        }
        temp.persist(&self.object_path(to)).await?;
        Ok(true)
    }

    pub(crate) async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        match tokio::fs::read(self.object_path(key)).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if is_missing(&error) => Ok(None),
            Err(error) => Err(StorageError::io(format!("reading {key}"))(error)),
        }
    }

    pub(crate) async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match tokio::fs::remove_file(self.object_path(key)).await {
            Ok(()) => Ok(()),
            Err(error) if is_missing(&error) => Ok(()),
            Err(error) => Err(StorageError::io(format!("deleting {key}"))(error)),
        }
    }
}

/// Not found, or a path through something that is not a directory (key `a/b` when `a` is a file).
fn is_missing(error: &std::io::Error) -> bool {
    matches!(error.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory)
}

/// Copies the bytes of `source` to the new file `target`, durably. An open file keeps its
/// content when a new file is renamed over its path, so the copy is of one version.
async fn copy_file(source: &Path, target: &Path) -> std::io::Result<()> {
    let mut input = tokio::fs::File::open(source).await?;
    let mut output = tokio::fs::File::create(target).await?;
    tokio::io::copy(&mut input, &mut output).await?;
    output.sync_all().await
}

/// A file under `tmp/`, removed when dropped unless persisted.
struct TempFile {
    path: PathBuf,
    persisted: bool,
}

impl TempFile {
    async fn create(tmp: &Path) -> Result<TempFile, StorageError> {
        // The directory may have been removed under a running app (a wiped data directory).
        tokio::fs::create_dir_all(tmp).await.map_err(StorageError::io(format!("creating {}", tmp.display())))?;
        Ok(TempFile { path: tmp.join(format!("{}.part", uuid::Uuid::new_v4().simple())), persisted: false })
    }

    async fn persist(mut self, target: &Path) -> Result<(), StorageError> {
        if let Some(parent) = target.parent() {
            tokio::fs::create_dir_all(parent)
                .await
                .map_err(StorageError::io(format!("creating {}", parent.display())))?;
        }
        tokio::fs::rename(&self.path, target)
            .await
            .map_err(StorageError::io(format!("moving to {}", target.display())))?;
        self.persisted = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.persisted {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Temporary files left by a crash, a day old or more.
fn remove_stale_parts(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else { return };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(24 * 3600));
        if stale && entry.path().extension().is_some_and(|e| e == "part") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storage(dir: &Path) -> LocalStorage {
        LocalStorage::new(dir.to_path_buf(), "http://127.0.0.1:3000/api/storage/".into(), vec![9u8; 32])
            .expect("local storage")
    }

    fn policy(key: &str) -> UploadPolicy {
        UploadPolicy {
            key: key.into(),
            content_type: "application/pdf".into(),
            min_size: 1,
            max_size: 10,
            expires_in: Duration::from_secs(60),
        }
    }

    fn chunks(data: &[&'static [u8]]) -> impl Stream<Item = Result<&'static [u8], std::convert::Infallible>> {
        futures_util::stream::iter(data.iter().copied().map(Ok).collect::<Vec<_>>())
    }

    fn refusal(result: Result<impl std::fmt::Debug, StorageError>) -> (u16, &'static str) {
        match result {
            Err(StorageError::Refused(refusal)) => (refusal.status, refusal.code),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn upload_forms_look_like_s3_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        let form = storage(dir.path()).presign_upload(&policy("a/b.pdf")).expect("presign");
        assert_eq!(form.url, "http://127.0.0.1:3000/api/storage/upload/");
        let names: Vec<&str> = form.fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["key", "Content-Type", "policy", "x-nourx-signature"]);
        let document = PolicyDocument::from_base64(&form.fields[2].1).expect("policy");
        assert_eq!(document.conditions[0], Condition::eq("bucket", "local"));
        assert_eq!(document.conditions[3], Condition::ContentLengthRange { min: 1, max: 10 });
    }

    #[tokio::test]
    async fn a_form_is_checked_field_by_field_and_the_file_by_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let local = storage(dir.path());
        let form = local.presign_upload(&policy("a/b.pdf")).expect("presign").fields;
        let with = |name: &str, value: &str| -> Vec<(String, String)> {
            form.iter().map(|(n, v)| (n.clone(), if n == name { value.to_owned() } else { v.clone() })).collect()
        };

        let stored = local.accept_upload(&form, chunks(&[b"%PDF", b"-1.7"])).await.expect("accepted");
        assert_eq!(stored, StoredUpload { key: "a/b.pdf".into(), size: 8 });
        assert_eq!(local.get("a/b.pdf").await.expect("get").as_deref(), Some(&b"%PDF-1.7"[..]));

        // Field names are case-insensitive, as on S3.
        let upper: Vec<_> = form.iter().map(|(n, v)| (n.to_ascii_uppercase(), v.clone())).collect();
        assert!(local.verify_upload_form(&upper).is_ok());

        assert_eq!(refusal(local.verify_upload_form(&with("key", "a/c.pdf"))), (403, "policy_violation"));
        assert_eq!(refusal(local.verify_upload_form(&with("Content-Type", "text/html"))), (403, "policy_violation"));
        let tampered = with("x-nourx-signature", &"0".repeat(64));
        assert_eq!(refusal(local.verify_upload_form(&tampered)), (403, "signature_does_not_match"));
        assert_eq!(
            refusal(local.verify_upload_form(&with("x-nourx-signature", "zz"))),
            (403, "signature_does_not_match")
        );
        let mut extra = form.clone();
        extra.push(("acl".into(), "public-read".into()));
        assert_eq!(refusal(local.verify_upload_form(&extra)), (403, "policy_violation"));
        let mut ignored = form.clone();
        ignored.push(("x-ignore-me".into(), "1".into()));
        assert!(local.verify_upload_form(&ignored).is_ok());
        let mut twice = form.clone();
        twice.push(("key".into(), "a/b.pdf".into()));
        assert_eq!(refusal(local.verify_upload_form(&twice)), (400, "malformed_post_request"));
        assert_eq!(refusal(local.verify_upload_form(&form[..2])), (400, "malformed_post_request"));

        let too_big = local.accept_upload(&form, chunks(&[b"0123456", b"789", b"X"])).await;
        assert_eq!(refusal(too_big), (413, "entity_too_large"));
        let empty = local.accept_upload(&form, chunks(&[])).await;
        assert_eq!(refusal(empty), (400, "entity_too_small"));
        // Refused uploads leave nothing behind, and the earlier object is untouched.
        assert_eq!(std::fs::read_dir(dir.path().join("tmp")).expect("tmp").count(), 0);
        assert_eq!(local.get("a/b.pdf").await.expect("get").as_deref(), Some(&b"%PDF-1.7"[..]));

        let other = LocalStorage::new(dir.path().into(), "http://x".into(), vec![8u8; 32]).expect("other key");
        assert_eq!(refusal(other.verify_upload_form(&form)), (403, "signature_does_not_match"));
    }

    #[tokio::test]
    async fn download_links_are_signed_and_expire() {
        let dir = tempfile::tempdir().expect("tempdir");
        let local = storage(dir.path());
        local.put("f/x.pdf", b"%PDF".to_vec()).await.expect("put");
        let link = local
            .presign_download("f/x.pdf", "attachment; filename=\"x.pdf\"", "application/pdf", Duration::from_secs(60))
            .expect("presign");
        let (path, query) = link.url.split_once('?').expect("query");
        assert_eq!(path, "http://127.0.0.1:3000/api/storage/download/f/x.pdf");
        let download = local.resolve_download("f/x.pdf", query).await.expect("valid link");
        assert_eq!((download.size, download.content_type.as_str()), (4, "application/pdf"));

        assert_eq!(refusal(local.resolve_download("f/y.pdf", query).await), (403, "signature_does_not_match"));
        let other_type = query.replace("application%2Fpdf", "text%2Fhtml");
        assert_eq!(refusal(local.resolve_download("f/x.pdf", &other_type).await), (403, "signature_does_not_match"));
        assert_eq!(refusal(local.resolve_download("f/x.pdf", "").await), (403, "access_denied"));

        let past =
            local.presign_download("f/x.pdf", "attachment", "application/pdf", Duration::ZERO).expect("presign").url;
        let past_query = past.split_once('?').expect("query").1.to_owned();
        let expires: i64 = url::form_urlencoded::parse(past_query.as_bytes())
            .find(|(n, _)| n == EXPIRES_PARAM)
            .and_then(|(_, v)| v.parse().ok())
            .expect("expires");
        // Re-sign an already expired link by hand to check the expiry without sleeping.
        let to_sign = LocalStorage::download_string_to_sign("f/x.pdf", expires - 10, "application/pdf", "attachment");
        let signature = hex::encode(hmac::sign(&local.0.key, to_sign.as_bytes()).as_ref());
        let expired = format!(
            "response-content-type=application%2Fpdf&response-content-disposition=attachment&X-Nourx-Expires={}&X-Nourx-Signature={signature}",
            expires - 10
        );
        assert_eq!(refusal(local.resolve_download("f/x.pdf", &expired).await), (403, "request_expired"));

        local.delete("f/x.pdf").await.expect("delete");
        local.delete("f/x.pdf").await.expect("delete is idempotent");
        assert_eq!(refusal(local.resolve_download("f/x.pdf", query).await), (404, "no_such_key"));
    }

    #[tokio::test]
    async fn a_copy_keeps_its_bytes_when_a_form_uploads_over_its_source() {
        let dir = tempfile::tempdir().expect("tempdir");
        let local = storage(dir.path());
        let form = local.presign_upload(&policy("up/doc")).expect("presign").fields;
        local.accept_upload(&form, chunks(&[b"%PDF-1.7"])).await.expect("upload");
        assert!(local.copy("up/doc", "files/doc").await.expect("copy"));
        local.accept_upload(&form, chunks(&[b"<html>!!"])).await.expect("the same form again");
        assert_eq!(local.get("up/doc").await.expect("get").as_deref(), Some(&b"<html>!!"[..]));
        assert_eq!(local.get("files/doc").await.expect("get").as_deref(), Some(&b"%PDF-1.7"[..]));
        local.delete("up/doc").await.expect("delete");
        assert_eq!(local.get("files/doc").await.expect("get").as_deref(), Some(&b"%PDF-1.7"[..]));
        assert!(!local.copy("up/doc", "files/other").await.expect("no source"));
        assert_eq!(local.get("files/other").await.expect("get"), None);
        assert_eq!(std::fs::read_dir(dir.path().join("tmp")).expect("tmp").count(), 0);
    }

    #[tokio::test]
    async fn the_byte_copy_fallback_copies_one_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (source, target) = (dir.path().join("source"), dir.path().join("target"));
        std::fs::write(&source, b"%PDF-1.7").expect("write");
        copy_file(&source, &target).await.expect("copy");
        std::fs::write(dir.path().join("new"), b"replaced").expect("write");
        std::fs::rename(dir.path().join("new"), &source).expect("rename over the source");
        assert_eq!(std::fs::read(&target).expect("read"), b"%PDF-1.7");
        let missing = copy_file(&dir.path().join("missing"), &dir.path().join("other")).await;
        assert!(missing.is_err_and(|e| is_missing(&e)));
    }

    #[test]
    fn the_link_key_depends_on_the_app_secret_only() {
        let a = LocalStorage::signing_key_from(&[1u8; 64]);
        assert_eq!(a.len(), 32);
        assert_eq!(a, LocalStorage::signing_key_from(&[1u8; 64]));
        assert_ne!(a, LocalStorage::signing_key_from(&[2u8; 64]));
        assert_ne!(a, vec![0u8; 32]);
    }
}
