//! `nourx seed --demo [--scale N]`: the demo clients and logins, and optionally many more for benchmarks.

use anyhow::bail;

use crate::config::{Mode, Settings};
use crate::database::Database;
use crate::seed;

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if !args.demo {
        bail!("nothing to seed: pass --demo");
    }
    let settings = Settings::from_env(Mode::Development)?;
    if settings.mode == Mode::Production && !args.force_in_production {
        bail!(
            "NOURX_ENV=production: refusing to create the demo accounts, whose passwords are public \
             (pass --force-in-production to do it anyway)"
        );
    }
    let database = Database::open(&settings)?;
    database.migrate()?;
    let created = seed::seed_demo(&database.db)? + seed::seed_documents(&settings, &database.db)?;
    println!("demo data: {created} row(s) created");
    if let Some(clients) = args.scale {
        let started = std::time::Instant::now();
        let created = seed::seed_scale(&database.db, clients)?;
        println!("scale data: {created} client(s) created in {:.1} s", started.elapsed().as_secs_f64());
    }
    Ok(())
}
