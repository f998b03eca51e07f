//! `nourx up`: development all-in-one (embedded PostgreSQL unless DATABASE_URL, migrations, demo
//! data, the API with the job worker and the CinetPay sandbox in-process).

use crate::config::{Mode, Settings};
use crate::database::Database;
use crate::seed;
use crate::server::{self, Companions};

pub fn run() -> anyhow::Result<()> {
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
        let created = seed::seed_demo(&database.db)? + seed::seed_documents(&settings, &database.db)?;
        tracing::info!(created, "demo data loaded");
    }
    drop(conn);
    server::run(settings, database, Companions::WorkerAndSandbox)
}
