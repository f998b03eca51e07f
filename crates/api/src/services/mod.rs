//! What the API uses beyond HTTP: outgoing mail, password hashing, and the background worker.

pub mod mailer;
pub mod passwords;
pub mod worker;
