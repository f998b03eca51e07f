//! `nourx migrate`: applies the pending database migrations and lists them.

use crate::config::{Mode, Settings};
use crate::database::Database;

pub fn run() -> anyhow::Result<()> {
    let settings = Settings::from_env(Mode::Production)?;
    let database = Database::open(&settings)?;
    let applied = database.migrate()?;
    println!("{} migration(s) applied", applied.len());
    for name in applied {
        println!("  {name}");
    }
    Ok(())
}
