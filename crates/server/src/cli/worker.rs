//! `nourx worker`: runs background jobs until SIGINT/SIGTERM (one or more replicas in production).

use std::sync::Arc;

use actix_web::web;
use anyhow::{Context, bail};
use nourx_api::AppState;

use crate::config::{Mode, Settings};
use crate::database::Database;
use crate::{signals, smtp};

pub fn run() -> anyhow::Result<()> {
    let settings = Settings::from_env(Mode::Production)?;
    if settings.database_url.is_none() {
        bail!("`nourx worker` needs DATABASE_URL (the database of the API it works for)");
    }
    let database = Database::open(&settings)?;
    database.refuse_pending_migrations()?;
    nourx_api::payments::cinetpay_client(&settings.api.cinetpay).context("CINETPAY_BASE_URL or CINETPAY_CA_FILE")?;
    let storage = settings.storage.open(&settings.api.secret_key)?;
    let state = web::Data::new(AppState::new(database.db.clone(), Arc::new(settings.api.clone()), storage));
    let smtp = smtp::sender(&settings)?;
    let config = settings.worker.config();
    tracing::info!(worker.id = %config.worker_id, worker.concurrency = config.concurrency, "NOURX worker started");
    actix_web::rt::System::new().block_on(async move {
        nourx_api::services::worker::build(&state, smtp, config).run(signals::stop_signal()).await
    })
}
