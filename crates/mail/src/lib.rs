//! The emails NOURX sends (invitations, password resets, ticket notices) and their SMTP delivery.
//!
//! The flow is an outbox: the caller renders an email with [`render_default`] (or [`render`] for an
//! admin's override) and stores the [`RenderedEmail`] in the same database transaction as the change
//! that caused it, so an email exists exactly when the change committed. A delivery loop later hands
//! each stored email to [`SmtpSender::send`]; [`MailError::is_permanent`] tells it whether a retry can
//! help. This crate never touches the database.
//!
//! # Why minijinja
//!
//! Template sources are data (the built-in ones live in `templates/*.txt`, one file per template and
//! language, subject on the first line), because admins will be able to override them. They are
//! therefore rendered by [`minijinja`] rather than by hand-written `{{ name }}` substitution:
//!
//! - it has no required dependencies and a small, well-maintained surface;
//! - its strict undefined behaviour, backed by a check of the template's free variables before
//!   rendering, turns a missing variable into an error instead of an email with a hole in it;
//! - a broken override is reported as a syntax error with a line number, and
//!   [`check_source`] checks an override before it is saved: it parses, uses only the variables its
//!   template documents, and renders with the template's [`sample_vars`]; each problem comes with
//!   its part, its line and its reason in French and English;
//! - overrides may use conditionals and filters if an admin ever needs them; it has no file access
//!   (no `include`, no macros: those features are off), and a fuel limit stops a runaway loop.
//!
//! Sources are plain text. The HTML body is derived from the rendered text (paragraphs, clickable
//! `http(s)` links) and *everything* in it is escaped at that single point, so neither a variable
//! value nor an override can inject markup, and the text body keeps values verbatim. minijinja's own
//! auto-escaping is therefore switched off for the subject and the text: escaping at render time would
//! double-escape the HTML and corrupt the text body. An override may also bring its own HTML
//! ([`TemplateSource::html`]): that part alone is rendered with minijinja's HTML escaping of every
//! value, without the `safe` filter, and [`check_source`] refuses scripts, event handlers and
//! `{% autoescape %}` in it; it goes inside the same frame as the derived HTML.
//!
//! # Why lettre
//!
//! [`SmtpSender`] uses `lettre`'s blocking SMTP transport with rustls (ring provider, Mozilla roots
//! compiled in so a slim container without `ca-certificates` still verifies certificates) and no
//! OpenSSL. It opens one connection per email: volumes are small and a delivery loop has no
//! long-lived connection to babysit.

mod catalog;
mod check;
mod error;
mod html;
mod smtp;
mod template;

pub use catalog::{TemplateGroup, sample_vars};
pub use check::{Reason, SourcePart, SourceProblem, check_source};
pub use error::MailError;
pub use html::{EmailBrand, with_brand};
pub use nourx_domain::Locale;
pub use smtp::{DEFAULT_TIMEOUT, SmtpSender};
pub use template::{
    RenderedEmail, TemplateKey, TemplateSource, default_source, render, render_default, render_in, validate_source,
};
