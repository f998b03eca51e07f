//! Online payments through CinetPay: starting a payment, CinetPay's notifications, the re-checks
//! that alone settle a payment, receipts, and what the worker runs for them.
//!
//! The rules (amounts, what a check answer means, the schedule) are in
//! `nourx_domain::payments`; the protocol in `nourx_cinetpay`; this module wires them to the
//! database and HTTP.

pub mod dto;
mod handlers;
pub mod jobs;
mod receipt;
mod settle;
mod webhook;

pub(crate) use handlers::online_payment;
pub use handlers::*;
pub use receipt::payment_receipt;
pub use settle::{RecheckError, Trigger, recheck};
pub use webhook::{webhook_notify, webhook_ping};

use std::sync::Arc;

use nourx_cinetpay::{Client, ConnectionTest, Credentials};
use nourx_db::{Db, PgConn};
use nourx_domain::Message;
use nourx_domain::payments::{DEFAULT_MINIMUM_INSTALMENT, InstalmentRules};
use serde::{Deserialize, Serialize};

use crate::ApiConfig;
use crate::http::config::CinetPayConfig;
use crate::http::error::ApiError;

/// The `settings` row of CinetPay's credentials set by an admin (they win over the environment).
pub const CINETPAY_SETTINGS_KEY: &str = "cinetpay";
/// The `settings` row of the payment rules.
pub const PAYMENT_SETTINGS_KEY: &str = "payments";

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

/// Stored credentials: each one set here replaces the environment's.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredCredentials {
    #[serde(default)]
    pub api_key: Option<String>,
    #[serde(default)]
    pub site_id: Option<String>,
    #[serde(default)]
    pub secret_key: Option<String>,
}

/// The merchant credentials in force: the admin settings', else the environment's.
pub(crate) fn credentials(conn: &mut PgConn, config: &ApiConfig) -> Result<Option<Credentials>, ApiError> {
    let stored: StoredCredentials = nourx_db::settings::get(conn, CINETPAY_SETTINGS_KEY)?
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default();
    let pick = |stored: Option<String>, env: &Option<String>| {
        stored.filter(|s| !s.trim().is_empty()).or_else(|| env.clone()).filter(|s| !s.trim().is_empty())
    };
    let env = &config.cinetpay;
    Ok(
        match (
            pick(stored.api_key, &env.api_key),
            pick(stored.site_id, &env.site_id),
            pick(stored.secret_key, &env.secret_key),
        ) {
            (Some(api_key), Some(site_id), Some(secret_key)) => Some(Credentials { api_key, site_id, secret_key }),
            _ => None,
        },
    )
}

/// The payment rules set by an admin.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentSettings {
    /// Smallest instalment, in the invoice's currency.
    #[serde(default = "default_minimum")]
    pub min_instalment: i64,
}

fn default_minimum() -> i64 {
    DEFAULT_MINIMUM_INSTALMENT
}

impl Default for PaymentSettings {
    fn default() -> Self {
        PaymentSettings { min_instalment: DEFAULT_MINIMUM_INSTALMENT }
    }
}

pub(crate) fn payment_settings(conn: &mut PgConn) -> Result<PaymentSettings, ApiError> {
    Ok(nourx_db::settings::get(conn, PAYMENT_SETTINGS_KEY)?
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default())
}

pub(crate) fn instalment_rules(
    conn: &mut PgConn,
    client: &nourx_db::clients::Client,
) -> Result<InstalmentRules, ApiError> {
    let settings = payment_settings(conn)?;
    Ok(InstalmentRules { partial_allowed: client.partial_payments_allowed, minimum: settings.min_instalment })
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
