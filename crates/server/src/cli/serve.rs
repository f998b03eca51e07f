//! `nourx serve`: the API in production, on a database already migrated.

use crate::config::{Mode, Settings};
use crate::database::Database;
use crate::server::{self, Companions};

pub fn run() -> anyhow::Result<()> {
    let settings = Settings::from_env(Mode::Production)?;
    let database = Database::open(&settings)?;
    database.refuse_pending_migrations()?;
    server::run(settings, database, Companions::ApiOnly)
}
