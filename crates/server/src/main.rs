//! `nourx`: one binary for every role of the NOURX back end.

mod config;
mod demo_billing;
mod demo_content;
mod scale;
mod seed;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

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
    /// Applies pending database migrations.
    Migrate,
    /// Loads data into the database.
    Seed {
        /// The demo clients and logins printed by `nourx up` (idempotent).
        #[arg(long)]
        demo: bool,
        /// With --demo: also generate clients "Échelle 00001"… up to this many, each with 10 users
        /// (password demo-client-2026), 2 projects and 100 tasks, for benchmarks.
        #[arg(long, requires = "demo")]
        scale: Option<i32>,
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
            if nourx_db::users::User::count(&mut conn)? == 0 {
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
        Command::Seed { demo, scale } => {
            if !demo {
                bail!("nothing to seed: pass --demo");
            }
            let settings = Settings::from_env(Mode::Development)?;
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

fn serve(settings: Settings, mut database: Database, print_banner: bool) -> anyhow::Result<()> {
    settings.require_serving_secrets()?;
    nourx_api::passwords::warm_up();
    let api_doc = Arc::new(nourx_api::openapi());
    let route_table = Arc::new(nourx_api::openapi::RouteTable::from_openapi(&api_doc));
    let storage = settings.storage.open(&settings.api.secret_key)?;
    if settings.mode == Mode::Production && storage.backend_name() == "local" {
        tracing::warn!(
            "files are stored on this machine ({}): with several API replicas, set S3_BUCKET",
            storage.describe()
        );
    }
    let state = web::Data::new(AppState::new(database.db.clone(), Arc::new(settings.api.clone()), storage.clone()));
    // Checked now, so that a wrong SMTP_URL stops the start rather than every email.
    let smtp_sender = match settings.api.smtp_url.as_deref() {
        Some(url) => Some(Arc::new(
            nourx_api::mailer::SmtpSender::from_url(url, &settings.api.mail_from)
                .context("SMTP_URL or NOURX_MAIL_FROM")?,
        )),
        None => {
            tracing::info!("SMTP_URL is not set: emails are kept in the outbox (admin mail viewer), not sent");
            None
        }
    };
    let result = actix_web::rt::System::new().block_on(async {
        let app_state = state.clone();
        let mut server =
            HttpServer::new(move || nourx_api::app(app_state.clone(), api_doc.clone(), route_table.clone()))
                .shutdown_timeout(10);
        if let Some(workers) = settings.workers {
            server = server.workers(workers);
        }
        let server =
            server.bind(settings.api_addr).with_context(|| format!("listening on {}", settings.api_addr))?.run();
        let mail_state = state.clone();
        actix_web::rt::spawn(async move {
            let mut interval = actix_web::rt::time::interval(Duration::from_secs(5));
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                interval.tick().await;
                let state = mail_state.clone();
                let sender = smtp_sender.clone();
                match web::block(move || nourx_api::mailer::deliver_due(&state.db, sender.as_deref())).await {
                    Ok(Ok(0)) => {}
                    Ok(Ok(handled)) => tracing::debug!(handled, "outbox delivery round"),
                    Ok(Err(error)) => tracing::warn!(error = %format!("{error:#}"), "outbox delivery failed"),
                    Err(error) => tracing::warn!(%error, "outbox delivery failed"),
                }
            }
        });
        let cleanup_state = state.clone();
        actix_web::rt::spawn(async move {
            let mut interval = actix_web::rt::time::interval(Duration::from_secs(600));
            loop {
                interval.tick().await;
                let state = cleanup_state.clone();
                match web::block(move || nourx_api::delete_expired_records(&state.db, &state.config)).await {
                    Ok(Ok((sessions, failures))) => tracing::debug!(sessions, failures, "expired records deleted"),
                    Ok(Err(error)) => tracing::warn!(error = %format!("{error:#}"), "cleaning expired records failed"),
                    Err(error) => tracing::warn!(%error, "cleaning expired records failed"),
                }
                // Uploads never completed within a day: their objects, then their rows.
                match nourx_api::documents::delete_abandoned_uploads(&cleanup_state.db, &cleanup_state.storage).await {
                    Ok(0) => {}
                    Ok(deleted) => tracing::info!(deleted, "abandoned uploads deleted"),
                    Err(error) => tracing::warn!(error = %format!("{error:#}"), "deleting abandoned uploads failed"),
                }
            }
        });
        if let nourx_storage::Storage::S3(s3) = &storage {
            // A wrong bucket or key shows at start-up rather than at the first upload.
            let s3 = s3.clone();
            actix_web::rt::spawn(async move {
                if let Err(error) = s3.check_bucket().await {
                    tracing::warn!(%error, "the S3 bucket does not answer");
                }
            });
        }
        if print_banner {
            print_running_banner(&settings, &database.description, &storage);
        } else {
            tracing::info!(
                addr = %settings.api_addr,
                mode = ?settings.mode,
                database = %database.description,
                storage = %storage.describe(),
                "NOURX API listening"
            );
        }
        server.await.context("running the HTTP server")
    });
    if let Some(cluster) = database.cluster.as_mut() {
        tracing::info!("stopping the embedded PostgreSQL");
        cluster.stop();
    }
    result
}

fn print_running_banner(settings: &Settings, database: &str, storage: &nourx_storage::Storage) {
    let api = format!("http://{}/api/", settings.api_addr);
    let docs = format!("http://{}/api/docs/", settings.api_addr);
    let mut lines = vec!["NOURX is running".to_owned(), format!("  API       {api:<34}docs: {docs}")];
    // `./x up` serves the web app beside the API and asks for it to be listed here.
    if let Ok(web) = std::env::var("NOURX_BANNER_WEB_URL") {
        lines.push(format!("  Web       {web}"));
    }
    lines.push(format!("  Database  {database}"));
    lines.push(format!("  Storage   {}", storage.describe()));
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
    let hash = nourx_api::passwords::hash_blocking(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = nourx_db::users::NewUser {
        id: uuid::Uuid::now_v7(),
        email: email.as_str(),
        full_name: name,
        phone: None,
        locale: "fr",
        role: "admin",
        password_hash: &hash,
        is_active: true,
    }
    .insert(&mut conn)?;
    println!("admin {} created ({})", user.email, user.id);
    Ok(())
}
