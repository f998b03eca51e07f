//! What the API uses beyond HTTP: outgoing mail, password hashing, PDFs, and the background worker.

pub mod mailer;
pub mod passwords;
pub mod pdf;
pub mod worker;
