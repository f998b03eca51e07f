//! `nourx`: one binary for every role of the NOURX back end.

mod check;
mod config;
mod demo_billing;
mod demo_content;
mod scale;
mod seed;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_web::{HttpServer, web};
use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use nourx_api::AppState;
use nourx_db::embedded::{ClusterOptions, EmbeddedCluster};
use nourx_db::{Db, migrations};

use crate::config::{Mode, Settings};

#[derive(Parser)]
#[command(name = "nourx", version, about = "NOURX client portal: API server and tools")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Development all-in-one: embedded PostgreSQL (unless DATABASE_URL), migrations, demo data, API.
    Up,
    /// Serves the API (production). Migrations must have been applied (`nourx migrate`).
    Serve,
    /// Runs background jobs (payment re-checks, emails, periodic tasks) until SIGINT/SIGTERM.
    /// Several may run at once, on other machines too (production: one or more replicas).
    Worker,
    /// Applies pending database migrations.
    Migrate,
    /// Reads the configuration as `serve` does and checks each outside dependency it names: the
    /// database and its migrations, CinetPay (TLS and credentials), SMTP, S3. One line each; fails
    /// when one of them fails.
    Check,
    /// Loads data into the database.
    Seed {
        /// The demo clients and logins printed by `nourx up` (idempotent).
        #[arg(long)]
        demo: bool,
        /// With --demo: also generate clients "Échelle 00001"… up to this many, each with 10 users
        /// (password demo-client-2026), 2 projects and 100 tasks, for benchmarks.
        #[arg(long, requires = "demo")]
        scale: Option<i32>,
        /// Loads the demo accounts (with their published passwords) even when NOURX_ENV=production.
        #[arg(long)]
        force_in_production: bool,
    },
    /// Creates a NOURX staff account. The password is read from NOURX_ADMIN_PASSWORD, or prompted for.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Writes the OpenAPI document (default: openapi/openapi.json; `-` for standard output).
    Openapi {
        #[arg(default_value = "openapi/openapi.json")]
        out: String,
        /// Fails when the file differs from the code instead of writing it.
        #[arg(long)]
        check: bool,
    },
}

fn main() {
    let _ = dotenvy::dotenv();
    init_logging();
    let cli = Cli::parse();
    if let Err(error) = run(cli.command) {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn,actix_web=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        builder.json().with_current_span(true).with_span_list(false).init();
    } else {
        builder.with_ansi(std::io::stderr().is_terminal()).init();
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Openapi { out, check } => write_openapi(&out, check),
        Command::Up => {
            let settings = Settings::from_env(Mode::Development)?;
            let database = Database::open(&settings)?;
            let applied = database.migrate()?;
            if !applied.is_empty() {
                tracing::info!(count = applied.len(), "migrations applied");
            }
            let mut conn = database.db.get()?;
            // A database of one's own (DATABASE_URL) gets the demo accounts only when this run
            // created its schema: never into a database that already held anything.
            let fresh = settings.database_url.is_none() || applied.len() == nourx_db::migrations::count();
            if fresh && nourx_db::users::User::count(&mut conn)? == 0 {
                let created = seed::seed_demo(&database.db)?;
                tracing::info!(created, "demo data loaded");
            }
            drop(conn);
            serve(settings, database, true)
        }
        Command::Serve => {
            let settings = Settings::from_env(Mode::Production)?;
            let database = Database::open(&settings)?;
            let mut conn = database.db.get()?;
            {
                use diesel_migrations_ext::HasPending;
                if conn.has_pending()? {
                    bail!("the database has pending migrations: run `nourx migrate` first");
                }
            }
            drop(conn);
            serve(settings, database, false)
        }
        Command::Worker => {
            let settings = Settings::from_env(Mode::Production)?;
            if settings.database_url.is_none() {
                bail!("`nourx worker` needs DATABASE_URL (the database of the API it works for)");
            }
            let database = Database::open(&settings)?;
            run_worker(settings, database)
        }
        Command::Check => check::run(),
        Command::Migrate => {
            let settings = Settings::from_env(Mode::Production)?;
            let database = Database::open(&settings)?;
            let applied = database.migrate()?;
            println!("{} migration(s) applied", applied.len());
            for name in applied {
                println!("  {name}");
            }
            Ok(())
        }
        Command::Seed { demo, scale, force_in_production } => {
            if !demo {
                bail!("nothing to seed: pass --demo");
            }
            let settings = Settings::from_env(Mode::Development)?;
            if settings.mode == Mode::Production && !force_in_production {
                bail!(
                    "NOURX_ENV=production: refusing to create the demo accounts, whose passwords are public \
                     (pass --force-in-production to do it anyway)"
                );
            }
            let database = Database::open(&settings)?;
            database.migrate()?;
            let created = seed::seed_demo(&database.db)?;
            println!("demo data: {created} row(s) created");
            if let Some(clients) = scale {
                let started = std::time::Instant::now();
                let created = seed::seed_scale(&database.db, clients)?;
                println!("scale data: {created} client(s) created in {:.1} s", started.elapsed().as_secs_f64());
            }
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let settings = Settings::from_env(Mode::Production)?;
            let database = Database::open(&settings)?;
            create_admin(&database.db, &email, &name)
        }
    }
}

/// Small extension so `serve` can refuse to start on an unmigrated database.
mod diesel_migrations_ext {
    use diesel_migrations::MigrationHarness;

    pub trait HasPending {
        fn has_pending(&mut self) -> anyhow::Result<bool>;
    }

    impl HasPending for nourx_db::PgConn {
        fn has_pending(&mut self) -> anyhow::Result<bool> {
            self.has_pending_migration(nourx_db::migrations::MIGRATIONS)
                .map_err(|e| anyhow::anyhow!("checking migrations: {e}"))
        }
    }
}

/// The database in use: the configured server, or an embedded cluster we own.
struct Database {
    db: Db,
    cluster: Option<EmbeddedCluster>,
    description: String,
}

impl Database {
    fn open(settings: &Settings) -> anyhow::Result<Database> {
        if let Some(url) = &settings.database_url {
            let db = Db::connect(url, settings.db_pool_size).context("connecting to DATABASE_URL")?;
            return Ok(Database { db, cluster: None, description: "PostgreSQL at DATABASE_URL".into() });
        }
        let data_dir = settings.data_dir.join("pg");
        let port_file = settings.data_dir.join("pg.port");
        let preferred_port = std::fs::read_to_string(&port_file).ok().and_then(|p| p.trim().parse().ok());
        let cluster =
            EmbeddedCluster::start(&ClusterOptions { data_dir: data_dir.clone(), durable: true, preferred_port })?;
        let _ = std::fs::write(&port_file, cluster.port.to_string());
        cluster.ensure_database("nourx")?;
        let db = Db::connect(&cluster.url("nourx"), settings.db_pool_size)?;
        let description = format!(
            "embedded PostgreSQL {} at {} (port {})",
            cluster.binaries.major_version,
            display_path(&cluster.data_dir),
            cluster.port
        );
        Ok(Database { db, cluster: Some(cluster), description })
    }

    fn migrate(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.db.get()?;
        migrations::run_pending(&mut conn)
    }
}

fn display_path(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

fn smtp_sender(settings: &Settings) -> anyhow::Result<Option<Arc<nourx_api::services::mailer::SmtpSender>>> {
    // Checked now, so that a wrong SMTP_URL stops the start rather than every email.
    match settings.api.smtp_url.as_deref() {
        Some(url) => Ok(Some(Arc::new(
            nourx_api::services::mailer::SmtpSender::from_url(url, &settings.api.mail_from)
                .context("SMTP_URL or NOURX_MAIL_FROM")?,
        ))),
        None => match &settings.mail_dir {
            Some(dir) => {
                tracing::info!(dir = %dir.display(), "SMTP_URL is not set: emails are written as .eml files");
                Ok(Some(Arc::new(
                    nourx_api::services::mailer::SmtpSender::to_directory(dir, &settings.api.mail_from)
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

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn stop_signal() {
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    let terminated = async {
        match terminate.as_mut() {
            Some(signal) => {
                signal.recv().await;
            }
            None => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminated => {}
    }
}

fn run_worker(settings: Settings, database: Database) -> anyhow::Result<()> {
    let mut conn = database.db.get()?;
    {
        use diesel_migrations_ext::HasPending;
        if conn.has_pending()? {
            bail!("the database has pending migrations: run `nourx migrate` first");
        }
    }
    drop(conn);
    nourx_api::payments::cinetpay_client(&settings.api.cinetpay).context("CINETPAY_BASE_URL or CINETPAY_CA_FILE")?;
    let storage = settings.storage.open(&settings.api.secret_key)?;
    let state = web::Data::new(AppState::new(database.db.clone(), Arc::new(settings.api.clone()), storage));
    let smtp = smtp_sender(&settings)?;
    let config = settings.worker.config();
    tracing::info!(worker = %config.worker_id, concurrency = config.concurrency, "NOURX worker started");
    actix_web::rt::System::new()
        .block_on(async move { nourx_api::services::worker::build(&state, smtp, config).run(stop_signal()).await })
}

/// The bundled CinetPay emulator of `nourx up`, over HTTPS like CinetPay, and the API pointed at
/// it (demo credentials unless CINETPAY_* say otherwise), trusting its test authority through the
/// PEM file it writes in the data directory (as CINETPAY_CA_FILE would).
async fn start_sandbox(settings: &mut Settings) -> anyhow::Result<Option<nourx_cinetpay_sandbox::Sandbox>> {
    let Some(addr) = settings.sandbox_addr.clone() else { return Ok(None) };
    let mut config = nourx_cinetpay_sandbox::SandboxConfig::demo();
    config.ca_file = Some(settings.data_dir.join("cinetpay-sandbox-ca.pem"));
    let cinetpay = &mut settings.api.cinetpay;
    config.api_key = cinetpay.api_key.get_or_insert(config.api_key.clone()).clone();
    config.site_id = cinetpay.site_id.get_or_insert(config.site_id.clone()).clone();
    config.secret_key = cinetpay.secret_key.get_or_insert(config.secret_key.clone()).clone();
    let sandbox = nourx_cinetpay_sandbox::Sandbox::start(config, &addr)
        .await
        .with_context(|| format!("starting the CinetPay sandbox on {addr} (CINETPAY_SANDBOX_ADDR)"))?;
    cinetpay.base_url = sandbox.base_url().to_owned();
    cinetpay.ca_file = sandbox.ca_file().map(Path::to_path_buf);
    Ok(Some(sandbox))
}

fn serve(mut settings: Settings, mut database: Database, development: bool) -> anyhow::Result<()> {
    settings.require_serving_secrets()?;
    nourx_api::services::passwords::warm_up();
    let api_doc = Arc::new(nourx_api::openapi());
    let route_table = Arc::new(nourx_api::http::openapi::RouteTable::from_openapi(&api_doc));
    let storage = settings.storage.open(&settings.api.secret_key)?;
    if settings.mode == Mode::Production && storage.backend_name() == "local" {
        tracing::warn!(
            "files are stored on this machine ({}): with several API replicas, set S3_BUCKET",
            storage.describe()
        );
    }
    let smtp = smtp_sender(&settings)?;
    let result = actix_web::rt::System::new().block_on(async {
        let sandbox = if development { start_sandbox(&mut settings).await? } else { None };
        // A wrong CINETPAY_BASE_URL or CINETPAY_CA_FILE stops the start, not every payment.
        nourx_api::payments::cinetpay_client(&settings.api.cinetpay)
            .context("CINETPAY_BASE_URL or CINETPAY_CA_FILE")?;
        let state = web::Data::new(AppState::new(database.db.clone(), Arc::new(settings.api.clone()), storage.clone()));
        let app_state = state.clone();
        let mut server =
            HttpServer::new(move || nourx_api::app(app_state.clone(), api_doc.clone(), route_table.clone()))
                .shutdown_timeout(10);
        if let Some(workers) = settings.workers {
            server = server.workers(workers);
        }
        let server =
            server.bind(settings.api_addr).with_context(|| format!("listening on {}", settings.api_addr))?.run();
        // `nourx up` runs the job worker in-process; production runs `nourx worker` replicas.
        let (stop_worker, worker_stopped) = tokio::sync::oneshot::channel::<()>();
        let worker = development.then(|| {
            let worker = nourx_api::services::worker::build(&state, smtp.clone(), settings.worker.config());
            actix_web::rt::spawn(async move {
                let shutdown = async {
                    let _ = worker_stopped.await;
                };
                if let Err(error) = worker.run(shutdown).await {
                    tracing::error!(error = %format!("{error:#}"), "the job worker stopped");
                }
            })
        });
        if !development {
            tracing::info!("jobs (payment re-checks, emails) run in `nourx worker`: start at least one");
        }
        if let nourx_storage::Storage::S3(s3) = &storage {
            // A wrong bucket or key shows at start-up rather than at the first upload.
            let s3 = s3.clone();
            actix_web::rt::spawn(async move {
                if let Err(error) = s3.check_bucket().await {
                    tracing::warn!(%error, "the S3 bucket does not answer");
                }
            });
        }
        if development {
            print_running_banner(&settings, &database.description, &storage, sandbox.as_ref());
        } else {
            tracing::info!(
                addr = %settings.api_addr,
                mode = ?settings.mode,
                database = %database.description,
                storage = %storage.describe(),
                "NOURX API listening"
            );
        }
        let served = server.await.context("running the HTTP server");
        let _ = stop_worker.send(());
        if let Some(worker) = worker {
            let _ = worker.await;
        }
        if let Some(sandbox) = sandbox {
            sandbox.stop().await;
        }
        served
    });
    if let Some(cluster) = database.cluster.as_mut() {
        tracing::info!("stopping the embedded PostgreSQL");
        cluster.stop();
    }
    result
}

fn print_running_banner(
    settings: &Settings,
    database: &str,
    storage: &nourx_storage::Storage,
    sandbox: Option<&nourx_cinetpay_sandbox::Sandbox>,
) {
    let api = format!("http://{}/api/", settings.api_addr);
    let docs = format!("http://{}/api/docs/", settings.api_addr);
    let mut lines = vec!["NOURX is running".to_owned(), format!("  API       {api:<34}docs: {docs}")];
    // `./x up` serves the web app beside the API and asks for it to be listed here.
    if let Ok(web) = std::env::var("NOURX_BANNER_WEB_URL") {
        lines.push(format!("  Web       {web}"));
    }
    lines.push(format!("  Database  {database}"));
    lines.push(format!("  Storage   {}", storage.describe()));
    if settings.api.smtp_url.is_none()
        && let Some(dir) = &settings.mail_dir
    {
        lines.push(format!("  Emails    {}/ (one .eml file per email)", display_path(dir)));
    }
    match sandbox {
        Some(sandbox) => {
            lines.push(format!(
                "  CinetPay  sandbox {}  (checkout pages {}/payment/…; site {})",
                sandbox.base_url(),
                sandbox.public_url(),
                sandbox.credentials().site_id
            ));
            if let Some(tls) = sandbox.tls() {
                lines.push(format!(
                    "            test CA {} (CINETPAY_CA_FILE); browsers: --ignore-certificate-errors-spki-list={}",
                    display_path(&tls.ca_file),
                    tls.leaf_spki_sha256
                ));
            }
        }
        None => lines.push(format!("  CinetPay  {}", settings.api.cinetpay.base_url)),
    }
    for (index, login) in seed::DEMO_LOGINS.iter().enumerate() {
        let label = if index == 0 { "  Logins    " } else { "            " };
        let credentials = format!("{:<16} / {}", login.email, login.password);
        let line = match login.client {
            Some(client) => format!("{label}{:<7} {credentials}   (client \"{client}\")", login.role),
            None => format!("{label}{:<7} {credentials}", login.role),
        };
        lines.push(line);
    }
    lines.push("Press Ctrl-C to stop.".to_owned());
    println!("{}", lines.join("\n"));
}

fn write_openapi(out: &str, check: bool) -> anyhow::Result<()> {
    let json = format!("{}\n", nourx_api::openapi().to_pretty_json()?);
    if out == "-" {
        print!("{json}");
        return Ok(());
    }
    let path = PathBuf::from(out);
    if check {
        let existing = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        if existing != json {
            bail!("{} is out of date: run `nourx openapi` (or `./x openapi`) and commit it", path.display());
        }
        println!("{} is up to date", path.display());
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, json).with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

fn create_admin(db: &Db, email: &str, name: &str) -> anyhow::Result<()> {
    use nourx_domain::{Email, NewPassword, PasswordRules};
    let email = Email::parse(email).map_err(|m| anyhow::anyhow!("{}", m.en))?;
    let name = name.trim();
    if name.is_empty() {
        bail!("--name may not be empty");
    }
    let mut conn = db.get()?;
    if nourx_db::users::User::find_by_email(&mut conn, email.as_str())?.is_some() {
        bail!("a user with the email {email} already exists");
    }
    let raw = match std::env::var("NOURX_ADMIN_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            let first = rpassword::prompt_password("Password: ")?;
            let second = rpassword::prompt_password("Password (again): ")?;
            if first != second {
                bail!("the two passwords differ");
            }
            first
        }
    };
    let rules = PasswordRules { email: Some(email.as_str()), full_name: Some(name) };
    let password = NewPassword::parse(&raw, rules).map_err(|problems| {
        anyhow::anyhow!("password refused: {}", problems.iter().map(|m| m.en.as_ref()).collect::<Vec<_>>().join(" "))
    })?;
    let hash = nourx_api::services::passwords::hash_blocking(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = nourx_db::users::NewUser {
        id: uuid::Uuid::now_v7(),
        email: email.as_str(),
        full_name: name,
        phone: None,
        locale: nourx_domain::Locale::Fr,
        role: nourx_domain::Role::Admin,
        password_hash: &hash,
        is_active: true,
    }
    .insert(&mut conn)?;
    println!("admin {} created ({})", user.email, user.id);
    Ok(())
}
