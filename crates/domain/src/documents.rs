//! Documents: which files may be uploaded, how big, under which name, and whether the bytes that
//! arrived are what the browser announced.
//!
//! The browser's word is never taken for the type: once the object is stored, its first bytes are
//! sniffed (magic numbers, with the `infer` crate) and must be an allowed type consistent with the
//! declared one. Office Open XML documents are ZIP archives whose first bytes rarely say more than
//! "ZIP", so a declared OOXML or OpenDocument type is accepted when the sniff says ZIP. Text has no
//! magic number: declared plain text or CSV is accepted when its head is UTF-8 without NUL bytes.

use std::time::Duration;

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use crate::i18n::Message;
use crate::policy::{Action, Actor, can};

/// The default upper bound of one file (50 MiB).
pub const DEFAULT_MAX_SIZE: u64 = 50 * 1024 * 1024;
/// How long a presigned upload stays valid.
pub const UPLOAD_URL_TTL: Duration = Duration::from_secs(15 * 60);
/// How long a download link stays valid.
pub const DOWNLOAD_URL_TTL: Duration = Duration::from_secs(5 * 60);
/// How long after the presign an upload may still be completed. Well before
/// [`ABANDONED_AFTER`], so that the clean-up never deletes the object of an upload being completed.
pub const COMPLETE_WINDOW: Duration = Duration::from_secs(12 * 3600);
/// Uploads never completed are deleted (object and row) this long after the presign.
pub const ABANDONED_AFTER: Duration = Duration::from_secs(24 * 3600);
/// The longest file name kept, in characters (the extension included).
pub const FILENAME_MAX: usize = 200;

/// Who sees a document.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// The client's people and NOURX staff.
    #[default]
    Client,
    /// NOURX staff only.
    Internal,
}

impl Visibility {
    pub const ALL: &'static [Self] = &[Self::Client, Self::Internal];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Client => "client",
            Visibility::Internal => "internal",
        }
    }

    pub fn parse(value: &str) -> Option<Visibility> {
        match value {
            "client" => Some(Visibility::Client),
            "internal" => Some(Visibility::Internal),
            _ => None,
        }
    }

    /// What reading a document of this visibility takes.
    pub fn read_action(self) -> Action {
        match self {
            Visibility::Client => Action::ReadClientData,
            Visibility::Internal => Action::ReadInternal,
        }
    }

    /// What uploading a document of this visibility takes: setting `internal` is NOURX's.
    pub fn upload_actions(self) -> &'static [Action] {
        match self {
            Visibility::Client => &[Action::UploadDocument],
            Visibility::Internal => &[Action::UploadDocument, Action::WriteInternal],
        }
    }
}

/// Where a document stands: `pending` from the upload form until its upload is completed and
/// verified, then `ready` (listed, downloadable).
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    Pending,
    Ready,
}

impl DocumentStatus {
    pub const ALL: &'static [Self] = &[Self::Pending, Self::Ready];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::Pending => "pending",
            DocumentStatus::Ready => "ready",
        }
    }

    pub fn parse(value: &str) -> Option<DocumentStatus> {
        match value {
            "pending" => Some(DocumentStatus::Pending),
            "ready" => Some(DocumentStatus::Ready),
            _ => None,
        }
    }
}

/// A document as the access rules see it, from one person's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentFacts {
    pub visibility: Visibility,
    pub status: DocumentStatus,
    /// Whether the person asking uploaded it.
    pub uploaded_by_actor: bool,
}

/// What a person wants to do with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentUse {
    /// See it, or download it: verified documents only.
    Read,
    /// Complete its upload.
    Complete,
    /// Delete it (or cancel one's own pending upload).
    Delete,
}

/// The answer to a [`DocumentUse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentAccess {
    Allowed,
    /// The person sees the document but may not do this (403).
    Forbidden,
    /// The person does not see the document at all (404, as for another client's).
    Hidden,
}

/// Whether `actor` may put a document of its client to `intended` use. Internal documents exist
/// only for those who may read internal notes, a pending upload only for its uploader and NOURX
/// staff; downloads and the listing see verified documents only.
pub fn document_access(actor: Actor, document: DocumentFacts, intended: DocumentUse) -> DocumentAccess {
    let DocumentFacts { visibility, status, uploaded_by_actor } = document;
    let sees = can(actor, visibility.read_action())
        && match status {
            DocumentStatus::Ready => true,
            DocumentStatus::Pending => can(actor, Action::SeePendingUpload { uploaded_by_actor }),
        };
    let (visible, action) = match intended {
        DocumentUse::Read => (sees && status == DocumentStatus::Ready, Action::ReadClientData),
        DocumentUse::Complete => (sees, Action::CompleteUpload { uploaded_by_actor }),
        DocumentUse::Delete => (sees, Action::DeleteDocument { uploaded_by_actor }),
    };
    match (visible, can(actor, action)) {
        (false, _) => DocumentAccess::Hidden,
        (true, false) => DocumentAccess::Forbidden,
        (true, true) => DocumentAccess::Allowed,
    }
}

/// How a type's content is recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// Its own magic number: the sniff must say exactly this type.
    Exact,
    /// An OLE2 compound file (Office 97–2003): the sniff says "OLE2", not which application.
    Ole2,
    /// A ZIP archive with a known layout (Office Open XML, OpenDocument).
    ZipBased,
    /// Any ZIP archive.
    Zip,
    /// No magic number: UTF-8 without NUL bytes.
    Text,
}

/// An allowed file type.
#[derive(Debug, PartialEq, Eq)]
pub struct FileType {
    /// The MIME type stored, pinned in the upload policy and sent back on download.
    pub mime: &'static str,
    /// Accepted file name extensions, the first one added when the name has none of them.
    pub extensions: &'static [&'static str],
    family: Family,
}

const fn file_type(mime: &'static str, extensions: &'static [&'static str], family: Family) -> FileType {
    FileType { mime, extensions, family }
}

const ZIP: &str = "application/zip";

/// The allow-list: PDF, images, office documents, ZIP archives and text.
pub const ALLOWED_TYPES: &[FileType] = &[
    file_type("application/pdf", &["pdf"], Family::Exact),
    file_type("image/png", &["png"], Family::Exact),
    file_type("image/jpeg", &["jpg", "jpeg"], Family::Exact),
    file_type("image/gif", &["gif"], Family::Exact),
    file_type("image/webp", &["webp"], Family::Exact),
    file_type("application/msword", &["doc"], Family::Ole2),
    file_type("application/vnd.ms-excel", &["xls"], Family::Ole2),
    file_type("application/vnd.ms-powerpoint", &["ppt"], Family::Ole2),
    file_type("application/vnd.openxmlformats-officedocument.wordprocessingml.document", &["docx"], Family::ZipBased),
    file_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &["xlsx"], Family::ZipBased),
    file_type("application/vnd.openxmlformats-officedocument.presentationml.presentation", &["pptx"], Family::ZipBased),
    file_type("application/vnd.oasis.opendocument.text", &["odt"], Family::ZipBased),
    file_type("application/vnd.oasis.opendocument.spreadsheet", &["ods"], Family::ZipBased),
    file_type("application/vnd.oasis.opendocument.presentation", &["odp"], Family::ZipBased),
    file_type(ZIP, &["zip"], Family::Zip),
    file_type("text/plain", &["txt"], Family::Text),
    file_type("text/csv", &["csv"], Family::Text),
];

/// Other names browsers give to allowed types.
const ALIASES: &[(&str, &str)] = &[
    ("application/x-zip-compressed", ZIP),
    ("application/x-zip", ZIP),
    ("image/jpg", "image/jpeg"),
    ("image/pjpeg", "image/jpeg"),
    ("application/csv", "text/csv"),
];

/// What `infer` answers for an OLE2 compound file, depending on its features and on how much of
/// the file it sees.
const OLE2_SNIFFS: &[&str] =
    &["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/x-ole-storage"];

/// What `infer` answers for a ZIP archive, depending on what its first entries reveal.
const ZIP_SNIFFS: &[&str] = &[
    ZIP,
    "application/epub+zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
];

/// The allowed type a browser's `Content-Type` names (case, parameters and aliases ignored).
pub fn allowed_type(declared: &str) -> Option<&'static FileType> {
    let essence = declared.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let essence = ALIASES.iter().find(|(alias, _)| *alias == essence).map_or(essence.as_str(), |(_, mime)| mime);
    ALLOWED_TYPES.iter().find(|t| t.mime == essence)
}

/// The upload limits in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadRules {
    pub max_size: u64,
}

impl Default for UploadRules {
    fn default() -> Self {
        UploadRules { max_size: DEFAULT_MAX_SIZE }
    }
}

/// `size` in a person's units: "50 Mo" / "50 MB".
fn megabytes(size: u64) -> (String, String) {
    let mb = size as f64 / (1024.0 * 1024.0);
    let text = if mb.fract() == 0.0 { format!("{mb:.0}") } else { format!("{mb:.1}") };
    (format!("{} Mo", text.replace('.', ",")), format!("{text} MB"))
}

impl UploadRules {
    /// The declared size, when it is within the limits.
    pub fn check_size(&self, size: i64) -> Result<u64, Message> {
        if size < 1 {
            return Err(Message::new("Le fichier est vide.", "The file is empty."));
        }
        let size = size as u64;
        if size > self.max_size {
            let (fr, en) = megabytes(self.max_size);
            return Err(Message::owned(
                format!("Le fichier dépasse la taille maximale de {fr}."),
                format!("The file exceeds the maximum size of {en}."),
            ));
        }
        Ok(size)
    }

    /// The allowed type a declared `Content-Type` names, or why it is refused.
    pub fn check_type(&self, declared: &str) -> Result<&'static FileType, Message> {
        allowed_type(declared).ok_or_else(|| {
            let shown: String = declared.trim().chars().take(100).collect();
            Message::owned(
                format!(
                    "Type de fichier non autorisé : « {shown} ». Types acceptés : PDF, images (PNG, JPEG, GIF, WebP), \
                     documents Office et OpenDocument, ZIP, texte (TXT, CSV)."
                ),
                format!(
                    "File type not allowed: \"{shown}\". Accepted: PDF, images (PNG, JPEG, GIF, WebP), Office and \
                     OpenDocument files, ZIP, text (TXT, CSV)."
                ),
            )
        })
    }
}

/// Characters that would spoof the extension shown (bidirectional overrides) or hide in a name.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A safe name to download the file under: the last path component, without control, invisible or
/// reserved characters, trimmed of spaces and dots, at most [`FILENAME_MAX`] characters, and ending
/// with an extension of `file_type` (added when missing or different: `rapport` → `rapport.pdf`).
pub fn sanitize_filename(raw: &str, file_type: &FileType) -> Result<String, Message> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let mut name = String::with_capacity(last.len());
    let mut space = false;
    for c in last.chars().filter(|c| !invisible(*c)) {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !name.is_empty() {
            name.push(' ');
        }
        space = false;
        name.push(if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') { '_' } else { c });
    }
    let name = name.trim_matches(|c: char| c == '.' || c == ' ');
    if name.is_empty() {
        return Err(Message::new(
            "Nom de fichier invalide : il doit contenir au moins un caractère visible.",
            "Invalid file name: it must contain at least one visible character.",
        ));
    }
    let (mut stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && file_type.extensions.contains(&ext.to_ascii_lowercase().as_str()) => {
            (stem.trim_end_matches([' ', '.']).to_owned(), ext.to_ascii_lowercase())
        }
        _ => (name.to_owned(), file_type.extensions[0].to_owned()),
    };
    // CON, NUL, COM1… are devices, not files, on Windows.
    let base = stem.split('.').next().unwrap_or("").trim().to_ascii_uppercase();
    let reserved = matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        stem.insert(0, '_');
    }
    let room = FILENAME_MAX - extension.chars().count() - 1;
    if stem.chars().count() > room {
        stem = stem.chars().take(room).collect::<String>().trim_end_matches([' ', '.']).to_owned();
    }
    Ok(format!("{stem}.{extension}"))
}

/// Why stored content was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentRejection {
    /// The bytes are of a type outside the allow-list.
    NotAllowed { sniffed: &'static str },
    /// The bytes are of no type recognisable from its first bytes (or the declared type is no
    /// longer allowed).
    Unrecognised { declared: &'static str },
    /// The bytes are of an allowed type, but not the one announced.
    Mismatch { declared: &'static str, sniffed: &'static str },
    /// Announced as text, but not UTF-8 text.
    NotText { declared: &'static str },
}

impl ContentRejection {
    pub fn message(&self) -> Message {
        match self {
            ContentRejection::NotAllowed { sniffed } => Message::owned(
                format!("Le contenu du fichier ({sniffed}) n'est pas d'un type autorisé. Le fichier a été supprimé."),
                format!("The file's content ({sniffed}) is not of an allowed type. The file was deleted."),
            ),
            ContentRejection::Unrecognised { declared } => Message::owned(
                format!(
                    "Le contenu du fichier ne correspond pas au type annoncé ({declared}) ni à aucun type reconnu. \
                     Le fichier a été supprimé."
                ),
                format!(
                    "The file's content matches neither the announced type ({declared}) nor any recognised type. \
                     The file was deleted."
                ),
            ),
            ContentRejection::Mismatch { declared, sniffed } => Message::owned(
                format!(
                    "Le contenu du fichier ({sniffed}) ne correspond pas au type annoncé ({declared}). Le fichier a été supprimé."
                ),
                format!(
                    "The file's content ({sniffed}) does not match the announced type ({declared}). The file was deleted."
                ),
            ),
            ContentRejection::NotText { declared } => Message::owned(
                format!("Le fichier annoncé comme {declared} n'est pas du texte UTF-8. Le fichier a été supprimé."),
                format!("The file announced as {declared} is not UTF-8 text. The file was deleted."),
            ),
        }
    }
}

/// The type `infer` recognises from the first bytes, if any.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    infer::get(head).map(|kind| kind.mime_type())
}

/// UTF-8 without NUL bytes. `truncated`: `head` is only the start of the file, so a multi-byte
/// character cut at its end is fine.
fn looks_like_text(head: &[u8], truncated: bool) -> bool {
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(error) => truncated && error.error_len().is_none(),
    }
}

/// The type to record for a stored file announced as `declared`, from its first bytes `head`
/// (the whole file when `size` is no larger), or why it is refused.
pub fn verify_content(declared: &FileType, head: &[u8], size: u64) -> Result<&'static str, ContentRejection> {
    let sniffed = sniff(head);
    let accepted = match (declared.family, sniffed) {
        (Family::Text, None) => {
            return if looks_like_text(head, (head.len() as u64) < size) {
                Ok(declared.mime)
            } else {
                Err(ContentRejection::NotText { declared: declared.mime })
            };
        }
        (Family::Exact, Some(sniffed)) => sniffed == declared.mime,
        (Family::Ole2, Some(sniffed)) => OLE2_SNIFFS.contains(&sniffed),
        (Family::ZipBased, Some(sniffed)) => sniffed == declared.mime || sniffed == ZIP,
        (Family::Zip, Some(sniffed)) => ZIP_SNIFFS.contains(&sniffed),
        _ => false,
    };
    match sniffed {
        _ if accepted => Ok(declared.mime),
        // Content of another kind we accept (a PNG announced as a PDF): say what it looked like.
        Some(sniffed)
            if ALLOWED_TYPES.iter().any(|t| t.mime == sniffed)
                || OLE2_SNIFFS.contains(&sniffed)
                || ZIP_SNIFFS.contains(&sniffed) =>
        {
            Err(ContentRejection::Mismatch { declared: declared.mime, sniffed })
        }
        Some(sniffed) => Err(ContentRejection::NotAllowed { sniffed }),
        None => Err(ContentRejection::Unrecognised { declared: declared.mime }),
    }
}

/// Why an upload is not completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadRefusal {
    /// It was completed already (a double click, or a second tab).
    AlreadyComplete,
    /// Too late: nothing arrived before the upload form expired, or the completion window passed.
    Expired,
    /// Nothing has arrived yet, and the upload form is still valid.
    Missing,
    /// The stored file is not of the announced size; it is deleted.
    SizeMismatch { received: u64, declared: u64 },
    /// The announced type left the allow-list since the form was issued; the file is deleted.
    TypeNoLongerAllowed(Message),
    /// The stored bytes are not of the announced type; the file is deleted.
    Content(ContentRejection),
}

impl UploadRefusal {
    /// The error code the API answers with.
    pub fn code(&self) -> &'static str {
        match self {
            UploadRefusal::AlreadyComplete => "already_completed",
            UploadRefusal::Expired => "upload_expired",
            UploadRefusal::Missing => "upload_missing",
            UploadRefusal::SizeMismatch { .. } => "upload_size_mismatch",
            UploadRefusal::TypeNoLongerAllowed(_) | UploadRefusal::Content(_) => "file_type_rejected",
        }
    }

    pub fn message(&self) -> Message {
        match self {
            UploadRefusal::AlreadyComplete => {
                Message::new("Cet envoi est déjà terminé.", "This upload is already complete.")
            }
            UploadRefusal::Expired => Message::new(
                "Cet envoi a expiré : recommencez l'envoi du fichier.",
                "This upload has expired: upload the file again.",
            ),
            UploadRefusal::Missing => Message::new(
                "Le fichier n'a pas encore été reçu : envoyez-le avec le formulaire fourni, puis confirmez l'envoi.",
                "The file has not been received yet: send it with the form provided, then complete the upload.",
            ),
            UploadRefusal::SizeMismatch { received, declared } => Message::owned(
                format!(
                    "Le fichier reçu fait {received} octets au lieu des {declared} annoncés. Le fichier a été supprimé."
                ),
                format!(
                    "The file received is {received} bytes instead of the {declared} announced. The file was deleted."
                ),
            ),
            UploadRefusal::TypeNoLongerAllowed(message) => message.clone(),
            UploadRefusal::Content(rejection) => rejection.message(),
        }
    }
}

/// `age` (time since the upload form was issued; negative with a clock behind) beyond `limit`.
fn older_than(age: TimeDelta, limit: Duration) -> bool {
    age.to_std().is_ok_and(|age| age > limit)
}

/// Whether a completion may start on a document of `status` whose form was issued `age` ago.
pub fn completion_start(status: DocumentStatus, age: TimeDelta) -> Result<(), UploadRefusal> {
    match status {
        DocumentStatus::Ready => Err(UploadRefusal::AlreadyComplete),
        DocumentStatus::Pending if older_than(age, COMPLETE_WINDOW) => Err(UploadRefusal::Expired),
        DocumentStatus::Pending => Ok(()),
    }
}

/// Why nothing could be read under the upload key of a document now of `status`: a concurrent
/// completion took it, or nothing arrived (and nothing can any more once the form expired).
pub fn nothing_received(status: DocumentStatus, age: TimeDelta) -> UploadRefusal {
    match status {
        DocumentStatus::Ready => UploadRefusal::AlreadyComplete,
        DocumentStatus::Pending if older_than(age, UPLOAD_URL_TTL) => UploadRefusal::Expired,
        DocumentStatus::Pending => UploadRefusal::Missing,
    }
}

/// What arrived in the storage: its size and its first bytes (all of them for a small file).
#[derive(Debug, Clone, Copy)]
pub struct Received<'a> {
    pub size: u64,
    pub head: &'a [u8],
}

/// The verdict on the file that arrived for an upload announced as `declared_type` of
/// `declared_size` bytes: the type to record, or why it is refused (and deleted).
pub fn judge_upload(
    rules: UploadRules,
    declared_type: &str,
    declared_size: i64,
    received: Received<'_>,
) -> Result<&'static str, UploadRefusal> {
    if i64::try_from(received.size).ok() != Some(declared_size) {
        return Err(UploadRefusal::SizeMismatch { received: received.size, declared: declared_size.max(0) as u64 });
    }
    let declared = rules.check_type(declared_type).map_err(UploadRefusal::TypeNoLongerAllowed)?;
    verify_content(declared, received.head, received.size).map_err(UploadRefusal::Content)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    const OLE2: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0";
    const EXE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0";

    fn t(mime: &str) -> &'static FileType {
        allowed_type(mime).unwrap_or_else(|| panic!("{mime} is allowed"))
    }

    /// The start of a ZIP archive whose first entry is `name` (what a .docx begins with).
    fn zip_head(name: &str) -> Vec<u8> {
        let mut head = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0".to_vec();
        head.extend_from_slice(&[0; 12]);
        head.extend_from_slice(&(name.len() as u16).to_le_bytes());
        head.extend_from_slice(&[0, 0]);
        head.extend_from_slice(name.as_bytes());
        head.extend_from_slice(&[0x55; 200]);
        head
    }

    #[test]
    fn declared_types_are_normalised_and_checked_against_the_allow_list() {
        let rules = UploadRules::default();
        assert_eq!(rules.check_type("application/pdf").map(|t| t.mime), Ok("application/pdf"));
        assert_eq!(rules.check_type(" Text/Plain; charset=UTF-8").map(|t| t.mime), Ok("text/plain"));
        assert_eq!(rules.check_type("application/x-zip-compressed").map(|t| t.mime), Ok(ZIP));
        assert_eq!(rules.check_type("image/jpg").map(|t| t.mime), Ok("image/jpeg"));
        for refused in ["text/html", "image/svg+xml", "application/x-msdownload", "application/octet-stream", ""] {
            assert!(rules.check_type(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn sizes_are_between_one_byte_and_the_limit() {
        let rules = UploadRules::default();
        assert_eq!(rules.check_size(1), Ok(1));
        assert_eq!(rules.check_size(50 * 1024 * 1024), Ok(DEFAULT_MAX_SIZE));
        assert!(rules.check_size(0).is_err());
        assert!(rules.check_size(-5).is_err());
        let too_big = rules.check_size(50 * 1024 * 1024 + 1).expect_err("too big");
        assert!(too_big.fr.contains("50 Mo") && too_big.en.contains("50 MB"), "{too_big:?}");
        let small = UploadRules { max_size: 1536 * 1024 };
        assert!(small.check_size(2 * 1024 * 1024).expect_err("too big").en.contains("1.5 MB"));
    }

    #[test]
    fn filenames_are_sanitised() {
        let pdf = t("application/pdf");
        let cases = [
            ("Devis 2026.pdf", "Devis 2026.pdf"),
            ("C:\\Users\\awa\\Bureau\\facture.PDF", "facture.pdf"),
            ("../../etc/passwd", "passwd.pdf"),
            ("  rapport   final .pdf ", "rapport final.pdf"),
            ("rapport", "rapport.pdf"),
            ("page.html", "page.html.pdf"),
            ("a<b>c:d\"e|f?g*h.pdf", "a_b_c_d_e_f_g_h.pdf"),
            ("bell\u{7}.pdf", "bell_.pdf"),
            ("facture\u{202E}fdp.exe", "facturefdp.exe.pdf"),
            (".hidden.pdf", "hidden.pdf"),
            ("con.pdf", "_con.pdf"),
            ("LPT1", "_LPT1.pdf"),
            ("Écrire à Abidjan.pdf", "Écrire à Abidjan.pdf"),
        ];
        for (raw, expected) in cases {
            assert_eq!(sanitize_filename(raw, pdf).as_deref(), Ok(expected), "{raw:?}");
        }
        assert_eq!(sanitize_filename("photo.JPEG", t("image/jpeg")).as_deref(), Ok("photo.jpeg"));
        assert_eq!(sanitize_filename("photo.png", t("image/jpeg")).as_deref(), Ok("photo.png.jpg"));
        for blank in ["", "   ", "...", "dir/", "\u{202E}"] {
            assert!(sanitize_filename(blank, pdf).is_err(), "{blank:?}");
        }
        let long = format!("{}.pdf", "é".repeat(500));
        let name = sanitize_filename(&long, pdf).expect("long name");
        assert_eq!(name.chars().count(), FILENAME_MAX);
        assert!(name.ends_with("é.pdf"));
    }

    #[test]
    fn content_of_the_declared_type_is_accepted() {
        assert_eq!(verify_content(t("application/pdf"), PDF, 10_000), Ok("application/pdf"));
        assert_eq!(verify_content(t("image/png"), PNG, 10_000), Ok("image/png"));
        assert_eq!(verify_content(t("application/vnd.ms-excel"), OLE2, 10_000), Ok("application/vnd.ms-excel"));
        assert_eq!(verify_content(t(ZIP), &zip_head("photos/1.jpg"), 10_000), Ok(ZIP));
    }

    #[test]
    fn office_open_xml_sniffed_as_zip_keeps_its_declared_type() {
        let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        let head = zip_head("[Content_Types].xml");
        assert_eq!(sniff(&head), Some(ZIP));
        assert_eq!(verify_content(t(docx), &head, 10_000), Ok(docx));
        // The first entry can give it away: still fine, and a .docx is also a ZIP.
        let head = zip_head("word/document.xml");
        assert_eq!(sniff(&head), Some(docx));
        assert_eq!(verify_content(t(docx), &head, 10_000), Ok(docx));
        assert_eq!(verify_content(t(ZIP), &head, 10_000), Ok(ZIP));
        // But not a spreadsheet announced as a text document.
        let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        let head = zip_head("xl/workbook.xml");
        assert_eq!(
            verify_content(t(docx), &head, 10_000),
            Err(ContentRejection::Mismatch { declared: docx, sniffed: xlsx })
        );
    }

    #[test]
    fn text_is_utf8_without_nul_bytes() {
        let csv = "nom;montant\nAkwaba;150 000\nBaobab;75 000 — payé\n".as_bytes();
        assert_eq!(verify_content(t("text/csv"), csv, csv.len() as u64), Ok("text/csv"));
        assert_eq!(verify_content(t("text/plain"), b"Bonjour", 7), Ok("text/plain"));
        // A multi-byte character cut by the end of the head: fine when the file goes on.
        let cut = &"Créé".as_bytes()[..3];
        assert_eq!(verify_content(t("text/plain"), cut, 100), Ok("text/plain"));
        assert_eq!(verify_content(t("text/plain"), cut, 3), Err(ContentRejection::NotText { declared: "text/plain" }));
        assert!(verify_content(t("text/plain"), b"a\0b", 3).is_err());
        assert!(verify_content(t("text/plain"), b"\xFF\xFEa\0", 4).is_err());
        // Markup is not plain text.
        assert_eq!(
            verify_content(t("text/plain"), b"<html><script>alert(1)</script>", 31),
            Err(ContentRejection::NotAllowed { sniffed: "text/html" })
        );
    }

    #[test]
    fn other_content_is_refused() {
        assert_eq!(
            verify_content(t("application/pdf"), PNG, 10_000),
            Err(ContentRejection::Mismatch { declared: "application/pdf", sniffed: "image/png" })
        );
        assert_eq!(
            verify_content(t("application/pdf"), EXE, 10_000),
            Err(ContentRejection::NotAllowed { sniffed: "application/vnd.microsoft.portable-executable" })
        );
        assert_eq!(
            verify_content(t("image/png"), b"just words", 10),
            Err(ContentRejection::Unrecognised { declared: "image/png" })
        );
        assert_eq!(
            verify_content(t("application/pdf"), b"Bonjour", 7),
            Err(ContentRejection::Unrecognised { declared: "application/pdf" })
        );
        assert!(verify_content(t("text/plain"), PDF, 10_000).is_err());
        let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        assert!(verify_content(t(docx), OLE2, 10_000).is_err());
        for rejection in [
            ContentRejection::NotAllowed { sniffed: "application/x-executable" },
            ContentRejection::Unrecognised { declared: "image/png" },
            ContentRejection::Mismatch { declared: "application/pdf", sniffed: "image/png" },
            ContentRejection::NotText { declared: "text/csv" },
        ] {
            let message = rejection.message();
            assert!(message.fr.contains("supprimé") && message.en.contains("deleted"), "{message:?}");
        }
    }

    #[test]
    fn visibility_round_trips() {
        for visibility in Visibility::ALL {
            assert_eq!(Visibility::parse(visibility.as_str()), Some(*visibility));
        }
        assert_eq!(Visibility::default(), Visibility::Client);
        assert_eq!(Visibility::parse("public"), None);
    }

    #[test]
    fn document_status_round_trips() {
        for status in DocumentStatus::ALL {
            assert_eq!(DocumentStatus::parse(status.as_str()), Some(*status));
        }
        assert_eq!(DocumentStatus::parse("Ready"), None);
    }

    #[test]
    fn internal_documents_take_nourx_permissions_to_read_and_to_upload() {
        use crate::workflow::MemberRole;
        assert_eq!(Visibility::Client.read_action(), Action::ReadClientData);
        assert_eq!(Visibility::Internal.read_action(), Action::ReadInternal);
        let may_upload =
            |actor, visibility: Visibility| visibility.upload_actions().iter().all(|action| can(actor, *action));
        for role in MemberRole::ALL {
            let member = Actor::Member(*role);
            assert_eq!(may_upload(member, Visibility::Client), *role != MemberRole::Viewer, "{role:?}");
            assert!(!may_upload(member, Visibility::Internal), "{role:?}");
        }
        assert!(may_upload(Actor::Admin, Visibility::Client) && may_upload(Actor::Admin, Visibility::Internal));
    }

    fn facts(visibility: Visibility, status: DocumentStatus, uploaded_by_actor: bool) -> DocumentFacts {
        DocumentFacts { visibility, status, uploaded_by_actor }
    }

    #[test]
    fn who_sees_reads_completes_and_deletes_a_document() {
        use crate::workflow::MemberRole::{Member, Owner, Viewer};
        use DocumentAccess::{Allowed as A, Forbidden as F, Hidden as H};
        use DocumentStatus::{Pending, Ready};
        use DocumentUse::{Complete, Delete, Read};
        use Visibility::{Client, Internal};
        let actors = [Actor::Admin, Actor::Member(Owner), Actor::Member(Member), Actor::Member(Viewer)];
        #[rustfmt::skip]
        let cases: [(DocumentFacts, DocumentUse, [DocumentAccess; 4]); 18] = [
            //                                              admin owner member viewer
            (facts(Client, Ready, false),    Read,     [A, A, A, A]),
            (facts(Client, Ready, true),     Read,     [A, A, A, A]),
            (facts(Client, Ready, false),    Delete,   [A, F, F, F]),
            (facts(Client, Ready, true),     Delete,   [A, A, A, F]),
            (facts(Client, Ready, true),     Complete, [A, A, A, F]),
            (facts(Client, Ready, false),    Complete, [A, F, F, F]),
            // A pending upload exists for its uploader and NOURX staff only, and is not read.
            (facts(Client, Pending, true),   Read,     [H, H, H, H]),
            (facts(Client, Pending, true),   Complete, [A, A, A, F]),
            (facts(Client, Pending, true),   Delete,   [A, A, A, F]),
            (facts(Client, Pending, false),  Complete, [A, H, H, H]),
            (facts(Client, Pending, false),  Delete,   [A, H, H, H]),
            (facts(Client, Pending, false),  Read,     [H, H, H, H]),
            // Internal documents do not exist for the client's people.
            (facts(Internal, Ready, false),  Read,     [A, H, H, H]),
            (facts(Internal, Ready, true),   Read,     [A, H, H, H]),
            (facts(Internal, Ready, false),  Delete,   [A, H, H, H]),
            (facts(Internal, Pending, true), Complete, [A, H, H, H]),
            (facts(Internal, Pending, true), Delete,   [A, H, H, H]),
            (facts(Internal, Ready, true),   Delete,   [A, H, H, H]),
        ];
        for (document, intended, row) in cases {
            for (actor, expected) in actors.into_iter().zip(row) {
                assert_eq!(document_access(actor, document, intended), expected, "{actor:?} {intended:?} {document:?}");
            }
        }
    }

    #[test]
    fn a_completion_starts_on_a_pending_upload_within_its_window() {
        let hours = TimeDelta::hours;
        assert_eq!(completion_start(DocumentStatus::Pending, TimeDelta::zero()), Ok(()));
        assert_eq!(completion_start(DocumentStatus::Pending, hours(12)), Ok(()));
        assert_eq!(completion_start(DocumentStatus::Pending, -hours(1)), Ok(()), "a clock behind is no expiry");
        assert_eq!(
            completion_start(DocumentStatus::Pending, hours(12) + TimeDelta::seconds(1)),
            Err(UploadRefusal::Expired)
        );
        assert_eq!(completion_start(DocumentStatus::Ready, TimeDelta::zero()), Err(UploadRefusal::AlreadyComplete));
        assert_eq!(completion_start(DocumentStatus::Ready, hours(30)), Err(UploadRefusal::AlreadyComplete));
    }

    #[test]
    fn nothing_received_is_missing_while_the_form_is_valid() {
        let minutes = TimeDelta::minutes;
        assert_eq!(nothing_received(DocumentStatus::Pending, minutes(1)), UploadRefusal::Missing);
        assert_eq!(nothing_received(DocumentStatus::Pending, minutes(15)), UploadRefusal::Missing);
        assert_eq!(nothing_received(DocumentStatus::Pending, minutes(16)), UploadRefusal::Expired);
        assert_eq!(nothing_received(DocumentStatus::Ready, minutes(1)), UploadRefusal::AlreadyComplete);
    }

    #[test]
    fn the_file_received_is_judged_on_its_size_then_its_content() {
        let rules = UploadRules::default();
        let pdf = Received { size: PDF.len() as u64, head: PDF };
        let size = PDF.len() as i64;
        assert_eq!(judge_upload(rules, "application/pdf", size, pdf), Ok("application/pdf"));
        assert_eq!(
            judge_upload(rules, "application/pdf", size + 1, pdf),
            Err(UploadRefusal::SizeMismatch { received: size as u64, declared: size as u64 + 1 })
        );
        assert_eq!(
            judge_upload(rules, "image/png", size, pdf),
            Err(UploadRefusal::Content(ContentRejection::Mismatch {
                declared: "image/png",
                sniffed: "application/pdf"
            }))
        );
        let refused = judge_upload(rules, "text/html", size, pdf).expect_err("no longer allowed");
        assert!(matches!(refused, UploadRefusal::TypeNoLongerAllowed(_)), "{refused:?}");
        assert_eq!(refused.code(), "file_type_rejected");
    }

    #[test]
    fn every_upload_refusal_has_its_code_and_says_what_happened() {
        let cases = [
            (UploadRefusal::AlreadyComplete, "already_completed", "déjà terminé"),
            (UploadRefusal::Expired, "upload_expired", "expiré"),
            (UploadRefusal::Missing, "upload_missing", "pas encore été reçu"),
            (
                UploadRefusal::SizeMismatch { received: 3, declared: 5 },
                "upload_size_mismatch",
                "3 octets au lieu des 5",
            ),
            (
                UploadRefusal::Content(ContentRejection::NotText { declared: "text/csv" }),
                "file_type_rejected",
                "supprimé",
            ),
        ];
        for (refusal, code, french) in cases {
            assert_eq!(refusal.code(), code);
            assert!(refusal.message().fr.contains(french), "{refusal:?}");
        }
    }
}

crate::stored_as_text!(Visibility, DocumentStatus);
