//! The database a command works on: the server at DATABASE_URL, or an embedded cluster we own.

use anyhow::{Context, bail};
use diesel_migrations::MigrationHarness;
use nourx_db::embedded::{ClusterOptions, EmbeddedCluster};
use nourx_db::{Db, migrations};

use crate::banner::display_path;
use crate::config::Settings;

/// The database in use: the configured server, or an embedded cluster we own.
pub struct Database {
    pub db: Db,
    pub cluster: Option<EmbeddedCluster>,
    pub description: String,
}

impl Database {
    pub fn open(settings: &Settings) -> anyhow::Result<Database> {
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

    /// Applies the pending migrations; returns their names.
    pub fn migrate(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.db.get()?;
        migrations::run_pending(&mut conn)
    }

    /// `serve` and `worker` refuse to start on a database that is not fully migrated.
    pub fn refuse_pending_migrations(&self) -> anyhow::Result<()> {
        let mut conn = self.db.get()?;
        let pending = conn
            .has_pending_migration(migrations::MIGRATIONS)
            .map_err(|e| anyhow::anyhow!("checking migrations: {e}"))?;
        if pending {
            bail!("the database has pending migrations: run `nourx migrate` first");
        }
        Ok(())
    }

    /// Stops the embedded cluster, if this process started one.
    pub fn stop(&mut self) {
        if let Some(cluster) = self.cluster.as_mut() {
            tracing::info!("stopping the embedded PostgreSQL");
            cluster.stop();
        }
    }
}
