//! Online payments through CinetPay: starting a payment, CinetPay's notifications, the re-checks
//! that alone settle a payment, receipts, and what the worker runs for them.
//!
//! The rules (who may pay, amounts, what a check answer means, the schedule) are in
//! `nourx_domain::payments`; the protocol in `nourx_cinetpay`; this module wires them to the
//! database and HTTP.

mod console;
pub mod dto;
mod handlers;
pub mod jobs;
mod offline;
pub(crate) mod receipt;
pub(crate) mod settings;
pub(crate) mod settle;
pub(crate) mod start;
mod webhook;

pub use console::*;
pub use handlers::*;
pub use nourx_domain::payments::Trigger;
pub use offline::*;
pub use receipt::payment_receipt;
pub use settings::{CINETPAY_SETTINGS_KEY, PAYMENT_SETTINGS_KEY, PaymentSettings, StoredCredentials};
pub(crate) use settings::{
    SettingsChanges, credentials, instalment_rules, payment_settings, save_settings, stored_credentials,
};
pub use settle::{RecheckError, recheck};
pub(crate) use start::{Payer, online_payment};
pub use webhook::{webhook_notify, webhook_ping};

use std::sync::Arc;

use nourx_cinetpay::{Client, ConnectionTest};
use nourx_db::Db;
use nourx_domain::Message;

use crate::ApiConfig;
use crate::http::config::CinetPayConfig;
use crate::http::error::ApiError;

/// What the API and the worker need to talk to CinetPay.
#[derive(Clone)]
pub struct PaymentService {
    pub db: Db,
    pub config: Arc<ApiConfig>,
    /// Why there is none when `CINETPAY_BASE_URL` or `CINETPAY_CA_FILE` is not usable (payments
    /// then answer 503).
    client: Result<Client, String>,
}

/// The CinetPay client of `config`: its base URL and timeout, the public roots, and the
/// authorities of `CINETPAY_CA_FILE` when set. `serve` builds it once at start to refuse a bad
/// configuration early.
pub fn cinetpay_client(config: &CinetPayConfig) -> Result<Client, nourx_cinetpay::Error> {
    let extra_ca = config.ca_file.as_deref().map(nourx_cinetpay::read_ca_file).transpose()?;
    Client::with_extra_ca(&config.base_url, config.timeout, extra_ca.as_deref())
}

impl PaymentService {
    pub fn new(db: Db, config: Arc<ApiConfig>) -> PaymentService {
        let client = cinetpay_client(&config.cinetpay).map_err(|error| {
            tracing::error!(%error, url = %config.cinetpay.base_url, "the CinetPay client is not usable: payments will answer 503");
            error.to_string()
        });
        PaymentService { db, config, client }
    }

    pub(crate) fn client(&self) -> Result<&Client, ApiError> {
        self.client.as_ref().map_err(|_| provider_unavailable())
    }

    /// "Tester la connexion": CinetPay reached over TLS with the credentials in force (the admin
    /// settings', else the environment's) and a harmless check of a transaction that does not
    /// exist. Also what `nourx check` runs.
    pub async fn test_connection(&self) -> ConnectionTest {
        let client = match &self.client {
            Ok(client) => client.clone(),
            Err(reason) => return ConnectionTest::Misconfigured(reason.clone()),
        };
        let config = self.config.clone();
        let found = self.db.run(move |conn| credentials(conn, &config)).await;
        match found {
            Ok(Some(credentials)) => client.test_connection(&credentials).await,
            Ok(None) => ConnectionTest::Misconfigured(
                "no credentials: set CINETPAY_API_KEY, CINETPAY_SITE_ID and CINETPAY_SECRET_KEY (or in the admin settings)"
                    .to_owned(),
            ),
            Err(error) => ConnectionTest::Misconfigured(format!("reading the stored credentials: {error}")),
        }
    }

    pub(crate) fn notify_url(&self) -> String {
        format!("{}/api/payments/webhook/", self.config.api_public_url)
    }

    pub(crate) fn return_url(&self) -> String {
        format!("{}/api/payments/return/", self.config.public_web_url)
    }
}

pub(crate) fn provider_unavailable() -> ApiError {
    ApiError::UpstreamUnavailable {
        code: "payment_provider_unavailable",
        message: Message::new(
            "Le service de paiement est momentanément indisponible. Réessayez dans quelques minutes : rien ne vous a été débité.",
            "The payment service is unavailable right now. Try again in a few minutes: nothing was charged.",
        ),
    }
}
