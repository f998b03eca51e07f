//! The HTTP server of `nourx up` and `nourx serve`, and what `up` runs beside it.

use std::sync::Arc;

use actix_web::rt::task::JoinHandle;
use actix_web::{HttpServer, web};
use anyhow::Context;
use nourx_api::AppState;
use nourx_api::services::mailer::SmtpSender;
use nourx_storage::Storage;
use tokio::sync::oneshot;

use crate::config::{Mode, Settings};
use crate::database::Database;
use crate::{banner, sandbox, smtp};

/// What runs beside the API in this process.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Companions {
    /// `nourx up`: the job worker and the CinetPay sandbox, then the banner.
    WorkerAndSandbox,
    /// `nourx serve`: the API alone (jobs run in `nourx worker`).
    ApiOnly,
}

/// Serves the API until SIGINT/SIGTERM, then stops what it started (the embedded database last).
pub fn run(mut settings: Settings, mut database: Database, companions: Companions) -> anyhow::Result<()> {
    settings.require_serving_secrets()?;
    nourx_api::services::passwords::warm_up();
    let storage = settings.storage.open(&settings.api.secret_key)?;
    if settings.mode == Mode::Production && storage.backend_name() == "local" {
        tracing::warn!(
            storage = %storage.describe(),
            "files are stored on this machine: with several API replicas, set S3_BUCKET"
        );
    }
    let smtp = smtp::sender(&settings)?;
    let result = actix_web::rt::System::new().block_on(serve(&mut settings, &database, storage, smtp, companions));
    database.stop();
    result
}

async fn serve(
    settings: &mut Settings,
    database: &Database,
    storage: Storage,
    smtp: Option<Arc<SmtpSender>>,
    companions: Companions,
) -> anyhow::Result<()> {
    let development = companions == Companions::WorkerAndSandbox;
    let sandbox = if development { sandbox::start(settings).await? } else { None };
    // A wrong CINETPAY_BASE_URL or CINETPAY_CA_FILE stops the start, not every payment.
    nourx_api::payments::cinetpay_client(&settings.api.cinetpay).context("CINETPAY_BASE_URL or CINETPAY_CA_FILE")?;
    let state = web::Data::new(AppState::new(database.db.clone(), Arc::new(settings.api.clone()), storage.clone()));
    state.events.listen(database.db.clone());
    let events = state.events.clone();
    actix_web::rt::spawn(async move {
        crate::signals::stop_signal().await;
        events.close();
    });
    let server = http_server(settings, state.clone())?;
    // `nourx up` runs the job worker in-process; production runs `nourx worker` replicas.
    let worker = development.then(|| InProcessWorker::spawn(&state, smtp, settings));
    if !development {
        tracing::info!("jobs (payment re-checks, emails) run in `nourx worker`: start at least one");
    }
    check_bucket_in_background(&storage);
    if development {
        banner::print_running(settings, &database.description, &storage, sandbox.as_ref());
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
    if let Some(worker) = worker {
        worker.stop().await;
    }
    if let Some(sandbox) = sandbox {
        sandbox.stop().await;
    }
    served
}

/// The bound, running server (it stops on SIGINT/SIGTERM by itself).
fn http_server(settings: &Settings, state: web::Data<AppState>) -> anyhow::Result<actix_web::dev::Server> {
    let api_doc = Arc::new(nourx_api::openapi());
    let route_table = Arc::new(nourx_api::http::openapi::RouteTable::from_openapi(&api_doc));
    let mut server = HttpServer::new(move || nourx_api::app(state.clone(), api_doc.clone(), route_table.clone()))
        .shutdown_timeout(10);
    if let Some(workers) = settings.workers {
        server = server.workers(workers);
    }
    Ok(server.bind(settings.api_addr).with_context(|| format!("listening on {}", settings.api_addr))?.run())
}

/// A wrong bucket or key shows at start-up rather than at the first upload.
fn check_bucket_in_background(storage: &Storage) {
    if let Storage::S3(s3) = storage {
        let s3 = s3.clone();
        actix_web::rt::spawn(async move {
            if let Err(error) = s3.check_bucket().await {
                tracing::warn!(%error, "the S3 bucket does not answer");
            }
        });
    }
}

/// The job worker that `nourx up` runs inside the API process.
struct InProcessWorker {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl InProcessWorker {
    fn spawn(state: &web::Data<AppState>, smtp: Option<Arc<SmtpSender>>, settings: &Settings) -> InProcessWorker {
        let (stop, stopped) = oneshot::channel::<()>();
        let worker = nourx_api::services::worker::build(state, smtp, settings.worker.config());
        let task = actix_web::rt::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            if let Err(error) = worker.run(shutdown).await {
                tracing::error!(error = %format!("{error:#}"), "the job worker stopped");
            }
        });
        InProcessWorker { stop, task }
    }

    async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}
