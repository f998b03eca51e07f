//! Where emails go: SMTP_URL, else .eml files in NOURX_MAIL_DIR, else nowhere (the outbox keeps them).

use std::sync::Arc;

use anyhow::Context;
use nourx_api::services::mailer::SmtpSender;

use crate::config::Settings;

/// The sender the job worker hands emails to; `None` keeps them in the outbox.
pub fn sender(settings: &Settings) -> anyhow::Result<Option<Arc<SmtpSender>>> {
    // Checked now, so that a wrong SMTP_URL stops the start rather than every email.
    match settings.api.smtp_url.as_deref() {
        Some(url) => Ok(Some(Arc::new(
            SmtpSender::from_url(url, &settings.api.mail_from).context("SMTP_URL or NOURX_MAIL_FROM")?,
        ))),
        None => match &settings.mail_dir {
            Some(dir) => {
                tracing::info!(dir = %dir.display(), "SMTP_URL is not set: emails are written as .eml files");
                Ok(Some(Arc::new(
                    SmtpSender::to_directory(dir, &settings.api.mail_from)
                        .context("NOURX_MAIL_DIR or NOURX_MAIL_FROM")?,
                )))
            }
            None => {
                tracing::info!("SMTP_URL is not set: emails are kept in the outbox (tokens masked), not sent");
                Ok(None)
            }
        },
    }
}
