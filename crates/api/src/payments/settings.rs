//! What NOURX staff set for payments, stored in `settings`: the payment rules and CinetPay's
//! credentials (which win over the environment's).

use nourx_cinetpay::Credentials;
use nourx_db::PgConn;
use nourx_db::audit;
use nourx_domain::payments::{DEFAULT_MINIMUM_INSTALMENT, InstalmentRules};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ApiConfig;
use crate::http::caller::Caller;
use crate::http::error::ApiError;

/// The `settings` row of CinetPay's credentials set by an admin (they win over the environment).
pub const CINETPAY_SETTINGS_KEY: &str = "cinetpay";
/// The `settings` row of the payment rules.
pub const PAYMENT_SETTINGS_KEY: &str = "payments";

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

/// The `settings` row `key`, or the default when no admin has set it yet. A row that does not
/// read as `T` is an error, never taken for the default.
pub(crate) fn stored<T: DeserializeOwned + Default>(conn: &mut PgConn, key: &str) -> Result<T, ApiError> {
    match nourx_db::settings::get(conn, key)? {
        Some(value) => serde_json::from_value(value)
            .map_err(|error| ApiError::internal(anyhow::anyhow!("the {key} settings are unreadable: {error}"))),
        None => Ok(T::default()),
    }
}

pub(crate) fn store<T: Serialize>(conn: &mut PgConn, key: &str, value: &T, by: Uuid) -> Result<(), ApiError> {
    let value = serde_json::to_value(value).map_err(ApiError::internal)?;
    Ok(nourx_db::settings::put(conn, key, &value, Some(by))?)
}

pub(crate) fn payment_settings(conn: &mut PgConn) -> Result<PaymentSettings, ApiError> {
    stored(conn, PAYMENT_SETTINGS_KEY)
}

pub(crate) fn stored_credentials(conn: &mut PgConn) -> Result<StoredCredentials, ApiError> {
    stored(conn, CINETPAY_SETTINGS_KEY)
}

/// The merchant credentials in force: the admin settings', else the environment's.
pub(crate) fn credentials(conn: &mut PgConn, config: &ApiConfig) -> Result<Option<Credentials>, ApiError> {
    let stored = stored_credentials(conn)?;
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

pub(crate) fn instalment_rules(
    conn: &mut PgConn,
    client: &nourx_db::clients::Client,
) -> Result<InstalmentRules, ApiError> {
    let settings = payment_settings(conn)?;
    Ok(InstalmentRules { partial_allowed: client.partial_payments_allowed, minimum: settings.min_instalment })
}

/// Changes to the payment settings, already validated. A credential given as an empty string
/// goes back to the environment's value.
#[derive(Debug, Default)]
pub(crate) struct SettingsChanges {
    pub min_instalment: Option<i64>,
    pub site_id: Option<String>,
    pub api_key: Option<String>,
    pub secret_key: Option<String>,
}

/// Saves `changes` and audits them (`settings.payments.update`): the old and new minimum and site
/// id, and only that a secret changed, never its value. Call inside a transaction.
pub(crate) fn save_settings(conn: &mut PgConn, staff: &Caller, changes: SettingsChanges) -> Result<(), ApiError> {
    let admin = staff.id();
    let mut diff = serde_json::Map::new();
    if let Some(min) = changes.min_instalment {
        let mut settings = payment_settings(conn)?;
        diff.insert("min_instalment".into(), serde_json::json!([settings.min_instalment, min]));
        settings.min_instalment = min;
        store(conn, PAYMENT_SETTINGS_KEY, &settings, admin)?;
    }
    let mut credentials = stored_credentials(conn)?;
    let clean = |value: String| Some(value.trim().to_owned()).filter(|value| !value.is_empty());
    let touched = changes.site_id.is_some() || changes.api_key.is_some() || changes.secret_key.is_some();
    if let Some(site_id) = changes.site_id.map(clean) {
        diff.insert("cinetpay_site_id".into(), serde_json::json!([credentials.site_id, site_id]));
        credentials.site_id = site_id;
    }
    if let Some(key) = changes.api_key {
        diff.insert("cinetpay_api_key".into(), serde_json::json!("changed"));
        credentials.api_key = clean(key);
    }
    if let Some(key) = changes.secret_key {
        diff.insert("cinetpay_secret_key".into(), serde_json::json!("changed"));
        credentials.secret_key = clean(key);
    }
    if touched {
        store(conn, CINETPAY_SETTINGS_KEY, &credentials, admin)?;
    }
    audit::record(conn, &staff.audit(), "settings.payments.update", "settings", Some("payments".into()), diff.into())?;
    Ok(())
}
