//! Outgoing emails: rendered and written to the outbox in the transaction of the change that
//! causes them ([`enqueue`]), delivered later by [`deliver_due`] (every few seconds from `serve`).
//!
//! Delivery is at least once: a message is marked sent in the transaction that claimed it, so a
//! crash between the SMTP server's "250" and the commit sends it again on the next round, while
//! a failure is never lost: it is retried with back-off and stays listed for admins.

use diesel::Connection;
use nourx_db::email_templates;
use nourx_db::outbox::{self, NewOutboxEmail};
use nourx_db::{Db, PgConn};
use nourx_domain::Locale;
use nourx_domain::secrets::redact_tokens;
pub use nourx_mail::{MailError, RenderedEmail, SmtpSender, TemplateKey, TemplateSource};
use uuid::Uuid;

use crate::http::error::ApiError;

/// Messages handled per round; each round is one transaction holding their row locks.
const BATCH: i64 = 20;

/// Renders the template `key` in `locale` with `vars` (an admin's override when there is one) and
/// stores it for delivery to `to`. Call inside the transaction of the change the email announces.
pub fn enqueue(
    conn: &mut PgConn,
    to: &str,
    locale: Locale,
    key: TemplateKey,
    vars: &serde_json::Value,
) -> Result<(), ApiError> {
    let email = render(conn, key, locale, vars)?;
    store(conn, to, locale, key, &email)
}

/// The template `key` rendered in `locale`: an admin's override when there is one (see
/// `admin::email_templates`), else the built-in source.
///
/// An override was checked when it was saved; should it fail now anyway (a variable a later release
/// no longer passes), the email is not lost: the built-in source is sent and a warning logged.
pub fn render(
    conn: &mut PgConn,
    key: TemplateKey,
    locale: Locale,
    vars: &serde_json::Value,
) -> Result<RenderedEmail, ApiError> {
    if let Some(custom) = email_templates::find(conn, key.as_str(), locale)? {
        let source = TemplateSource { subject: custom.subject, body: custom.text_body, html: custom.html_body };
        match nourx_mail::render_in(&source, locale, vars) {
            Ok(email) => return Ok(email),
            Err(error) => tracing::warn!(
                email.template = %key,
                email.locale = locale.as_str(),
                %error,
                "the admins' version of this email template failed to render: the built-in one is sent instead"
            ),
        }
    }
    nourx_mail::render_default(key, locale, vars)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("rendering the {key} email: {e}")))
}

/// Stores an already rendered email for delivery to `to`, its HTML headed with the agency's
/// branding (name or logo, colour).
pub fn store(
    conn: &mut PgConn,
    to: &str,
    locale: Locale,
    key: TemplateKey,
    email: &RenderedEmail,
) -> Result<(), ApiError> {
    let html_body = nourx_mail::with_brand(&email.html_body, &crate::branding::Branding::load(conn)?.email_brand());
    outbox::enqueue(
        conn,
        &NewOutboxEmail {
            id: Uuid::now_v7(),
            to_email: &to.trim().to_lowercase(),
            template: key.as_str(),
            locale,
            subject: &email.subject,
            text_body: &email.text_body,
            html_body: &html_body,
        },
    )?;
    Ok(())
}

/// A delivered (or kept) email's single-use links are useless to anyone reading the outbox
/// afterwards (an admin, a backup): the stored bodies keep the text with the tokens masked.
fn forget_secrets(conn: &mut PgConn, email: &outbox::OutboxEmail) -> diesel::QueryResult<()> {
    let (text, html) = (redact_tokens(&email.text_body), redact_tokens(&email.html_body));
    if text == email.text_body && html == email.html_body {
        return Ok(());
    }
    outbox::replace_bodies(conn, email.id, &text, &html)
}

/// Delivers the messages that are due, one batch: each is sent through `sender` and marked sent,
/// or marked failed (retried later with back-off) when sending fails. Without a sender the
/// messages are marked kept: they stay readable in the admin mail viewer.
///
/// Blocking (SMTP and diesel): run it on the blocking pool. Returns how many messages were handled.
pub fn deliver_due(db: &Db, sender: Option<&SmtpSender>) -> anyhow::Result<usize> {
    let mut conn = db.get()?;
    conn.transaction(|conn| {
        let due = outbox::claim_due(conn, BATCH)?;
        for email in &due {
            let Some(sender) = sender else {
                outbox::mark_kept(conn, email.id)?;
                forget_secrets(conn, email)?;
                continue;
            };
            let rendered = RenderedEmail {
                subject: email.subject.clone(),
                text_body: email.text_body.clone(),
                html_body: email.html_body.clone(),
            };
            match sender.send(&email.to_email, &rendered) {
                Ok(()) => {
                    outbox::mark_sent(conn, email.id)?;
                    forget_secrets(conn, email)?;
                    tracing::info!(email.id = %email.id, email.template = %email.template, "email sent");
                }
                Err(error) => {
                    // Mail errors never carry SMTP credentials: safe to store and log.
                    let message = error.to_string();
                    outbox::mark_failed(conn, email, &message)?;
                    tracing::warn!(
                        email.id = %email.id,
                        email.attempts = email.attempts + 1,
                        permanent = error.is_permanent(),
                        error = %message,
                        "email delivery failed; will retry"
                    );
                }
            }
        }
        Ok::<_, anyhow::Error>(due.len())
    })
}
