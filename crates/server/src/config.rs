//! Configuration from environment variables (a `.env` file is read first when present).
//! Every variable is documented in `.env.example`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use nourx_api::http::config::{AbuseLimits, ApiConfig, IpNetwork, LoginThrottle};
use nourx_api::http::middleware::DocsAccess;
use nourx_domain::limits::RateLimit;
use nourx_storage::{LocalStorage, S3Config, S3Storage, Storage};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Development,
    Production,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub mode: Mode,
    pub data_dir: PathBuf,
    pub api_addr: SocketAddr,
    /// `None`: the embedded cluster under `data_dir/pg`.
    pub database_url: Option<String>,
    pub db_pool_size: u32,
    pub workers: Option<usize>,
    pub api: ApiConfig,
    pub storage: StorageSettings,
    /// `nourx up`: where to run the bundled CinetPay sandbox when `CINETPAY_BASE_URL` is not set.
    pub sandbox_addr: Option<String>,
    pub worker: WorkerSettings,
    /// Without SMTP: where emails are written as `.eml` files (`NOURX_MAIL_DIR`; `nourx up`
    /// defaults it to `$NOURX_DATA_DIR/mail`). `None` keeps them in the outbox only.
    pub mail_dir: Option<PathBuf>,
}

/// The job worker (`nourx worker`, and `nourx up` in-process).
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    pub concurrency: usize,
    pub lease: std::time::Duration,
}

impl WorkerSettings {
    pub fn config(&self) -> nourx_jobs::WorkerConfig {
        nourx_jobs::WorkerConfig { concurrency: self.concurrency, lease: self.lease, ..Default::default() }
    }
}

/// Where documents and generated PDFs live.
#[derive(Debug, Clone)]
pub enum StorageSettings {
    /// Files under `root` (`$NOURX_DATA_DIR/storage`), uploaded and downloaded through the API at
    /// `public_base_url` (`$NOURX_PUBLIC_URL/api/storage`: the web app forwards `/api/*`).
    Local { root: PathBuf, public_base_url: String },
    /// A bucket on S3 or an S3-compatible store (`S3_BUCKET` is set).
    S3(S3Config),
}

impl StorageSettings {
    fn from_env(data_dir: &Path, public_web_url: &str) -> anyhow::Result<StorageSettings> {
        let Some(bucket) = var("S3_BUCKET") else {
            let public_base_url = var("NOURX_STORAGE_PUBLIC_URL")
                .unwrap_or_else(|| format!("{public_web_url}/api/storage"))
                .trim_end_matches('/')
                .to_owned();
            return Ok(StorageSettings::Local { root: data_dir.join("storage"), public_base_url });
        };
        let (Some(access_key_id), Some(secret_access_key)) = (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY"))
        else {
            bail!("S3_BUCKET is set, so AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are required too");
        };
        Ok(StorageSettings::S3(S3Config {
            bucket,
            region: var("AWS_REGION").unwrap_or_else(|| "us-east-1".into()),
            endpoint: var("S3_ENDPOINT"),
            force_path_style: boolean("S3_FORCE_PATH_STYLE", false)?,
            access_key_id,
            secret_access_key,
            session_token: var("AWS_SESSION_TOKEN"),
        }))
    }

    /// The storage itself. Local links are signed with a key derived from the app's secret key.
    pub fn open(&self, secret_key: &[u8]) -> anyhow::Result<Storage> {
        Ok(match self {
            StorageSettings::Local { root, public_base_url } => Storage::Local(
                LocalStorage::new(root.clone(), public_base_url.clone(), LocalStorage::signing_key_from(secret_key))
                    .with_context(|| format!("local storage at {}", root.display()))?,
            ),
            StorageSettings::S3(config) => Storage::S3(S3Storage::new(config.clone()).context("S3 storage")?),
        })
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn list(name: &str) -> Option<Vec<String>> {
    var(name)
        .map(|v| v.split(',').map(|s| s.trim().trim_end_matches('/').to_owned()).filter(|s| !s.is_empty()).collect())
}

fn boolean(name: &str, default: bool) -> anyhow::Result<bool> {
    match var(name).map(|v| v.to_ascii_lowercase()).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => bail!("{name}={other:?}: expected true or false"),
    }
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
    match var(name) {
        Some(raw) => raw.parse().map_err(|_| anyhow::anyhow!("{name}={raw:?} is not a valid number")),
        None => Ok(default),
    }
}

impl Settings {
    /// Reads the environment. `default_mode` is development for `nourx up`, production otherwise.
    pub fn from_env(default_mode: Mode) -> anyhow::Result<Settings> {
        let mode = match var("NOURX_ENV").as_deref() {
            None => default_mode,
            Some("development" | "dev") => Mode::Development,
            Some("production" | "prod") => Mode::Production,
            Some(other) => bail!("NOURX_ENV={other:?}: expected `development` or `production`"),
        };
        let data_dir = PathBuf::from(var("NOURX_DATA_DIR").unwrap_or_else(|| ".data".into()));
        let api_addr: SocketAddr = var("NOURX_API_ADDR")
            .unwrap_or_else(|| "127.0.0.1:8000".into())
            .parse()
            .context("NOURX_API_ADDR must look like 127.0.0.1:8000")?;
        let secret_key = match (var("NOURX_SECRET_KEY"), mode) {
            (Some(key), _) if key.len() >= 64 => key.into_bytes(),
            (Some(_), _) => bail!("NOURX_SECRET_KEY must be at least 64 characters (try `openssl rand -base64 48`)"),
            (None, Mode::Development) => development_secret(&data_dir)?,
            // Only serving needs it (see `require_serving_secrets`): `migrate` and `create-admin` do not.
            (None, Mode::Production) => Vec::new(),
        };
        let mut api = ApiConfig::development(secret_key);
        api.development = mode == Mode::Development;
        if let Some(origins) = list("CSRF_TRUSTED_ORIGINS") {
            api.csrf_trusted_origins = origins;
        }
        if let Some(origins) = list("CORS_ALLOWED_ORIGINS") {
            if origins.iter().any(|o| o == "*") {
                bail!("CORS_ALLOWED_ORIGINS may not contain `*`: cookies are sent with credentials; list the origins");
            }
            api.cors_allowed_origins = origins;
        }
        if let Some(origins) = list("NOURX_LEAD_ALLOWED_ORIGINS") {
            api.lead_allowed_origins = origins;
        }
        if let Some(proxies) = list("NOURX_TRUSTED_PROXIES") {
            api.trusted_proxies = proxies
                .iter()
                .map(|p| p.parse::<IpNetwork>().map_err(anyhow::Error::msg))
                .collect::<anyhow::Result<_>>()
                .context("NOURX_TRUSTED_PROXIES")?;
        }
        if let Some(url) = var("NOURX_PUBLIC_URL") {
            api.public_web_url = url.trim_end_matches('/').to_owned();
        }
        // In production the browser origin is the public address, never the development defaults.
        if mode == Mode::Production {
            let origin = origin_of(&api.public_web_url).context("NOURX_PUBLIC_URL must be an http(s) URL")?;
            if list("CSRF_TRUSTED_ORIGINS").is_none() {
                api.csrf_trusted_origins = vec![origin.clone()];
            }
            if list("CORS_ALLOWED_ORIGINS").is_none() {
                api.cors_allowed_origins = vec![origin];
            }
        }
        api.smtp_url = var("SMTP_URL");
        if let Some(from) = var("NOURX_MAIL_FROM") {
            api.mail_from = from;
        }
        api.session_idle = chrono::Duration::seconds(number("NOURX_SESSION_IDLE_SECONDS", 7 * 24 * 3600)?);
        api.session_max_age = chrono::Duration::seconds(number("NOURX_SESSION_MAX_AGE_SECONDS", 30 * 24 * 3600)?);
        api.staff_session_idle = chrono::Duration::seconds(number("NOURX_STAFF_SESSION_IDLE_SECONDS", 2 * 3600)?);
        api.staff_session_max_age =
            chrono::Duration::seconds(number("NOURX_STAFF_SESSION_MAX_AGE_SECONDS", 12 * 3600)?);
        // On in production; off in development, so that `nourx up`'s demo admin stays one password away.
        api.staff_two_factor_required = boolean("NOURX_STAFF_2FA_REQUIRED", mode == Mode::Production)?;
        if let Some(networks) = list("NOURX_STAFF_ALLOWED_NETWORKS") {
            api.staff_allowed_networks = networks
                .iter()
                .map(|n| n.parse::<IpNetwork>().map_err(anyhow::Error::msg))
                .collect::<anyhow::Result<_>>()
                .context("NOURX_STAFF_ALLOWED_NETWORKS")?;
        }
        api.login_throttle = LoginThrottle {
            window: chrono::Duration::seconds(number("NOURX_LOGIN_WINDOW_SECONDS", 15 * 60)?),
            max_failures_per_account: number("NOURX_LOGIN_MAX_FAILURES_PER_ACCOUNT", 5)?,
            max_failures_per_ip: number("NOURX_LOGIN_MAX_FAILURES_PER_IP", 50)?,
            max_failures_global: number("NOURX_LOGIN_MAX_FAILURES_GLOBAL", 2000)?,
        };
        api.upload_max_bytes = number("NOURX_UPLOAD_MAX_MB", 50u64)?.saturating_mul(1024 * 1024);
        api.limits = abuse_limits()?;
        api.api_public_url = var("NOURX_API_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{api_addr}"))
            .trim_end_matches('/')
            .to_owned();
        let sandbox_addr = match var("CINETPAY_BASE_URL") {
            Some(url) => {
                let parsed = url::Url::parse(&url).context("CINETPAY_BASE_URL must be a URL")?;
                if !matches!(parsed.scheme(), "http" | "https") {
                    bail!("CINETPAY_BASE_URL must be an http(s) URL");
                }
                api.cinetpay.base_url = url.trim_end_matches('/').to_owned();
                None
            }
            // Development without CinetPay: `nourx up` runs the sandbox and points the API at it.
            None if mode == Mode::Development => {
                Some(var("CINETPAY_SANDBOX_ADDR").unwrap_or_else(|| "127.0.0.1:8010".into()))
            }
            None => None,
        };
        // Authorities trusted besides the public roots (a sandbox's test CA); checked at start.
        api.cinetpay.ca_file = var("CINETPAY_CA_FILE").map(PathBuf::from);
        api.cinetpay.api_key = var("CINETPAY_API_KEY");
        api.cinetpay.site_id = var("CINETPAY_SITE_ID");
        api.cinetpay.secret_key = var("CINETPAY_SECRET_KEY");
        api.cinetpay.timeout = std::time::Duration::from_secs(number("CINETPAY_TIMEOUT_SECONDS", 15u64)?.max(1));
        let worker = WorkerSettings {
            concurrency: number("NOURX_WORKER_CONCURRENCY", 4usize)?.max(1),
            lease: std::time::Duration::from_secs(number("NOURX_WORKER_LEASE_SECONDS", 300u64)?.max(1)),
        };
        api.docs_access = match var("NOURX_API_DOCS").as_deref() {
            None if mode == Mode::Production => DocsAccess::Staff,
            None | Some("public") => DocsAccess::Public,
            Some("staff") => DocsAccess::Staff,
            Some("off") => DocsAccess::Off,
            Some(other) => bail!("NOURX_API_DOCS={other:?}: expected public, staff or off"),
        };
        let storage = StorageSettings::from_env(&data_dir, &api.public_web_url)?;
        let mail_dir = var("NOURX_MAIL_DIR")
            .map(PathBuf::from)
            .or_else(|| (mode == Mode::Development).then(|| data_dir.join("mail")));
        Ok(Settings {
            mail_dir,
            mode,
            data_dir,
            api_addr,
            database_url: var("DATABASE_URL"),
            // Twice the cores: more connections than PostgreSQL can run at once only queue
            // inside it, and measured here (docs/benchmarks.md) they wreck the tail latency.
            db_pool_size: number(
                "NOURX_DB_POOL_SIZE",
                std::thread::available_parallelism().map(|n| 2 * n.get() as u32).unwrap_or(4).max(4),
            )?,
            workers: var("NOURX_WORKERS").map(|w| w.parse()).transpose().context("NOURX_WORKERS")?,
            api,
            storage,
            sandbox_addr,
            worker,
        })
    }
}

impl Settings {
    pub fn require_serving_secrets(&self) -> anyhow::Result<()> {
        if self.api.secret_key.len() < 64 {
            bail!("NOURX_SECRET_KEY is required in production (at least 64 random characters)");
        }
        if self.mode == Mode::Production && var("NOURX_PUBLIC_URL").is_none() {
            bail!("NOURX_PUBLIC_URL is required in production (the web app's address, e.g. https://portail.nourx.ci)");
        }
        Ok(())
    }
}

/// `https://portail.nourx.ci/x` → `https://portail.nourx.ci`.
fn origin_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok().filter(|u| matches!(u.scheme(), "http" | "https"))?;
    Some(parsed.origin().ascii_serialization())
}

/// The abuse limits (`NOURX_LIMIT_*`); a maximum of 0 turns a limit off.
fn abuse_limits() -> anyhow::Result<AbuseLimits> {
    let defaults = AbuseLimits::default();
    let max = |name: &str, default: RateLimit| -> anyhow::Result<RateLimit> {
        Ok(RateLimit { max: number(name, default.max)?, window: default.window })
    };
    Ok(AbuseLimits {
        password_resets_per_ip: max("NOURX_LIMIT_PASSWORD_RESETS_PER_IP_PER_HOUR", defaults.password_resets_per_ip)?,
        password_resets_global: max("NOURX_LIMIT_PASSWORD_RESETS_PER_HOUR", defaults.password_resets_global)?,
        invitations_per_client: max("NOURX_LIMIT_INVITATIONS_PER_CLIENT_PER_DAY", defaults.invitations_per_client)?,
        presigns_per_user: max("NOURX_LIMIT_UPLOADS_PER_USER_PER_HOUR", defaults.presigns_per_user)?,
        tickets_per_user: max("NOURX_LIMIT_TICKETS_PER_USER_PER_HOUR", defaults.tickets_per_user)?,
        leads_per_ip: max("NOURX_LIMIT_LEADS_PER_IP_PER_HOUR", defaults.leads_per_ip)?,
        pay_link_requests_per_ip: max(
            "NOURX_LIMIT_PAY_LINK_REQUESTS_PER_IP_PER_HOUR",
            defaults.pay_link_requests_per_ip,
        )?,
        pay_link_polls_per_ip: max("NOURX_LIMIT_PAY_LINK_POLLS_PER_IP_PER_HOUR", defaults.pay_link_polls_per_ip)?,
        storage_quota_bytes: number("NOURX_LIMIT_STORAGE_QUOTA_MB", defaults.storage_quota_bytes / (1024 * 1024))?
            .saturating_mul(1024 * 1024),
        webhook_max_body_bytes: number("NOURX_LIMIT_WEBHOOK_MAX_KB", defaults.webhook_max_body_bytes / 1024)?
            .max(1)
            .saturating_mul(1024),
        webhook_journal_retention: chrono::Duration::days(
            number("NOURX_LIMIT_WEBHOOK_JOURNAL_DAYS", defaults.webhook_journal_retention.num_days())?.max(1),
        ),
    })
}

/// In development, a random key kept in the data directory, so sessions survive restarts.
fn development_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join("secret-key");
    if let Ok(existing) = std::fs::read_to_string(&path)
        && existing.trim().len() >= 64
    {
        return Ok(existing.trim().as_bytes().to_vec());
    }
    std::fs::create_dir_all(data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
    let key = format!("{}{}", nourx_api::http::random::random_token(), nourx_api::http::random::random_token());
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .mode(0o600)
            .open(&path)
            .with_context(|| format!("writing {}", path.display()))?;
        file.write_all(key.as_bytes())?;
    }
    Ok(key.into_bytes())
}
