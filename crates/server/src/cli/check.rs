//! `nourx check`: reads the configuration as `serve` does and tries each outside dependency it
//! names, one line each (✓ or ✗, what, and why on failure). Any ✗ makes the command fail.

use std::time::Duration;

use anyhow::Context;
use nourx_api::payments::{PaymentService, cinetpay_client};
use nourx_cinetpay::{ConnectionTest, Credentials};
use nourx_storage::Storage;

use crate::config::{Mode, Settings};
use crate::database::Database;

/// One line of the report.
struct Line {
    ok: Option<bool>,
    what: String,
    detail: String,
}

impl Line {
    fn passed(what: impl Into<String>, detail: impl Into<String>) -> Line {
        Line { ok: Some(true), what: what.into(), detail: detail.into() }
    }

    fn failed(what: impl Into<String>, detail: impl Into<String>) -> Line {
        Line { ok: Some(false), what: what.into(), detail: detail.into() }
    }

    /// Not configured, so not checked (and not a failure).
    fn skipped(what: impl Into<String>, detail: impl Into<String>) -> Line {
        Line { ok: None, what: what.into(), detail: detail.into() }
    }

    fn print(&self) {
        let mark = match self.ok {
            Some(true) => "✓",
            Some(false) => "✗",
            None => "–",
        };
        println!("{mark} {:<13} {}", self.what, self.detail);
    }
}

/// Runs every check, prints one line each, and fails when one of them failed.
pub fn run() -> anyhow::Result<()> {
    let settings = match Settings::from_env(Mode::Production) {
        Ok(settings) => settings,
        Err(error) => {
            Line::failed("configuration", format!("{error:#}")).print();
            anyhow::bail!("the configuration cannot be read");
        }
    };
    let mut lines = Vec::new();
    let mode = if settings.mode == Mode::Production { "production" } else { "development" };
    lines.push(match settings.require_serving_secrets() {
        Ok(()) => Line::passed("configuration", format!("{mode} mode, read as `nourx serve` reads it")),
        Err(error) => Line::failed("configuration", format!("{error:#}")),
    });
    lines.last().into_iter().for_each(Line::print);

    let (database, line) = database(&settings);
    line.print();
    lines.push(line);

    let runtime = actix_web::rt::System::new();
    let remote = runtime.block_on(async {
        let mut remote = vec![cinetpay(&settings, database.as_ref()).await];
        remote.last().into_iter().for_each(Line::print);
        remote.push(smtp(&settings).await);
        remote.last().into_iter().for_each(Line::print);
        remote.push(storage(&settings).await);
        remote.last().into_iter().for_each(Line::print);
        remote
    });
    lines.extend(remote);
    if let Some(mut database) = database
        && let Some(cluster) = database.cluster.as_mut()
    {
        cluster.stop();
    }

    let failures = lines.iter().filter(|line| line.ok == Some(false)).count();
    if failures > 0 {
        anyhow::bail!("{failures} check(s) failed");
    }
    println!("every configured dependency answers");
    Ok(())
}

/// Reachable, and no migration pending.
fn database(settings: &Settings) -> (Option<Database>, Line) {
    let database = match Database::open(settings) {
        Ok(database) => database,
        Err(error) => return (None, Line::failed("database", format!("{error:#}"))),
    };
    let line = match pending_migrations(&database) {
        Ok(0) => Line::passed("database", format!("{}: reachable, no pending migration", database.description)),
        Ok(pending) => Line::failed(
            "database",
            format!("{}: {pending} pending migration(s): run `nourx migrate`", database.description),
        ),
        Err(error) => Line::failed("database", format!("{}: {error:#}", database.description)),
    };
    (Some(database), line)
}

fn pending_migrations(database: &Database) -> anyhow::Result<usize> {
    use diesel_migrations::MigrationHarness;
    let mut conn = database.db.get().context("connecting")?;
    let pending = conn
        .pending_migrations(nourx_db::migrations::MIGRATIONS)
        .map_err(|error| anyhow::anyhow!("reading the applied migrations: {error}"))?;
    Ok(pending.len())
}

/// Reached over TLS, and the credentials in force accepted by a harmless check.
async fn cinetpay(settings: &Settings, database: Option<&Database>) -> Line {
    let config = &settings.api.cinetpay;
    let what = "CinetPay";
    let base = &config.base_url;
    let ca = config.ca_file.as_ref().map(|file| format!(", CA file {}", file.display())).unwrap_or_default();
    if settings.mode == Mode::Production && !base.starts_with("https://") {
        return Line::failed(what, format!("{base}: production talks to CinetPay over https only"));
    }
    let test = match database {
        // The credentials the API uses: the admin settings', else the environment's.
        Some(database) => {
            PaymentService::new(database.db.clone(), std::sync::Arc::new(settings.api.clone())).test_connection().await
        }
        // Without the database, the environment's.
        None => match (cinetpay_client(config), &config.api_key, &config.site_id, &config.secret_key) {
            (Err(error), ..) => ConnectionTest::from(error),
            (Ok(client), Some(api_key), Some(site_id), secret_key) => {
                let credentials = Credentials {
                    api_key: api_key.clone(),
                    site_id: site_id.clone(),
                    secret_key: secret_key.clone().unwrap_or_default(),
                };
                client.test_connection(&credentials).await
            }
            (Ok(_), ..) => {
                ConnectionTest::Misconfigured("CINETPAY_API_KEY and CINETPAY_SITE_ID are not set".to_owned())
            }
        },
    };
    let transport = if base.starts_with("https://") { "over TLS" } else { "over plain HTTP" };
    match &test {
        ConnectionTest::Accepted { .. } => {
            Line::passed(what, format!("{base}{ca}: reached {transport}, {}", test.describe()))
        }
        _ => Line::failed(what, format!("{base}{ca}: {}", test.describe())),
    }
}

/// The SMTP handshake (TLS and login included) when SMTP_URL is set.
async fn smtp(settings: &Settings) -> Line {
    let Some(url) = settings.api.smtp_url.as_deref() else {
        return Line::skipped("SMTP", "SMTP_URL is not set: emails stay in the outbox (admin mail viewer)");
    };
    let sender = match nourx_api::services::mailer::SmtpSender::from_url(url, &settings.api.mail_from) {
        Ok(sender) => sender.with_timeout(Duration::from_secs(10)),
        Err(error) => return Line::failed("SMTP", format!("SMTP_URL or NOURX_MAIL_FROM: {error}")),
    };
    let server = redacted_smtp_url(url);
    match actix_web::web::block(move || sender.test_connection()).await {
        Ok(Ok(())) => Line::passed("SMTP", format!("{server}: handshake and login accepted")),
        Ok(Err(error)) => Line::failed("SMTP", format!("{server}: {error}")),
        Err(error) => Line::failed("SMTP", format!("{server}: {error}")),
    }
}

/// `smtp://user:secret@host:587` → `smtp://host:587`: the line may end up in a ticket.
fn redacted_smtp_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(parsed) => match (parsed.host_str(), parsed.port()) {
            (Some(host), Some(port)) => format!("{}://{host}:{port}", parsed.scheme()),
            (Some(host), None) => format!("{}://{host}", parsed.scheme()),
            (None, _) => "SMTP_URL".to_owned(),
        },
        Err(_) => "SMTP_URL".to_owned(),
    }
}

/// Write, read back and delete a small object, when S3_BUCKET is set.
async fn storage(settings: &Settings) -> Line {
    if !matches!(settings.storage, crate::config::StorageSettings::S3(_)) {
        return Line::skipped("S3", "S3_BUCKET is not set: files are stored on this machine");
    }
    let storage = match settings.storage.open(&settings.api.secret_key) {
        Ok(storage) => storage,
        Err(error) => return Line::failed("S3", format!("{error:#}")),
    };
    let described = storage.describe();
    match write_read_delete(&storage).await {
        Ok(()) => Line::passed("S3", format!("{described}: wrote, read back and deleted a test object")),
        Err(error) => Line::failed("S3", format!("{described}: {error:#}")),
    }
}

async fn write_read_delete(storage: &Storage) -> anyhow::Result<()> {
    let key = format!("nourx-check/{}.txt", uuid::Uuid::new_v4().simple());
    let body = format!("nourx check {}", chrono::Utc::now().to_rfc3339()).into_bytes();
    storage.put(&key, body.clone(), "text/plain").await.context("writing")?;
    let read = storage.get(&key).await.context("reading back");
    let deleted = storage.delete(&key).await.context("deleting");
    match read? {
        Some(read) if read == body => {}
        Some(_) => anyhow::bail!("the object read back differs from the one written"),
        None => anyhow::bail!("the object just written is not there"),
    }
    deleted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_passwords_never_reach_the_report() {
        assert_eq!(redacted_smtp_url("smtp://user:s3cret@smtp.example.com:587"), "smtp://smtp.example.com:587");
        assert_eq!(redacted_smtp_url("smtps://user:s3cret@smtp.example.com"), "smtps://smtp.example.com");
        assert_eq!(redacted_smtp_url("not a url :s3cret"), "SMTP_URL");
    }
}
