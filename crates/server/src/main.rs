//! `nourx`: one binary for every role of the NOURX back end. This file parses the command line
//! and hands each subcommand to its module under `cli/`.

mod banner;
mod cli;
mod config;
mod database;
mod demo_billing;
mod demo_content;
mod demo_documents;
mod demo_history;
mod demo_support;
mod logging;
mod sandbox;
mod scale;
mod seed;
mod server;
mod signals;
mod smtp;

use clap::{Parser, Subcommand};

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
    Seed(cli::seed::Args),
    /// Creates a NOURX staff account. The password is read from NOURX_ADMIN_PASSWORD, or prompted for.
    CreateAdmin(cli::create_admin::Args),
    /// Writes the OpenAPI document (default: openapi/openapi.json; `-` for standard output).
    Openapi(cli::openapi::Args),
}

fn main() {
    let _ = dotenvy::dotenv();
    logging::init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Up => cli::up::run(),
        Command::Serve => cli::serve::run(),
        Command::Worker => cli::worker::run(),
        Command::Migrate => cli::migrate::run(),
        Command::Check => cli::check::run(),
        Command::Seed(args) => cli::seed::run(args),
        Command::CreateAdmin(args) => cli::create_admin::run(args),
        Command::Openapi(args) => cli::openapi::run(args),
    };
    if let Err(error) = result {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}
