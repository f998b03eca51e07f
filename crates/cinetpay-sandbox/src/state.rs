//! The sandbox's memory: transactions by id and by token, faults, counters.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Days, Utc};
use nourx_cinetpay::notification::TOKEN_FIELDS;

use crate::{Faults, Outcome, SandboxConfig, SandboxError, TransactionSnapshot, notifier};

/// `YYYY-MM-DD HH:MM:SS`, CinetPay's date format everywhere.
pub(crate) const DATE_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
/// Côte d'Ivoire, the demo merchant's country.
pub(crate) const PHONE_PREFIX: &str = "225";
/// The notifier gives up on a merchant after this long.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) struct Inner {
    pub config: SandboxConfig,
    /// Without a trailing slash.
    pub public_url: String,
    faults: Mutex<Faults>,
    store: Mutex<Store>,
    checks: AtomicU64,
    /// For notifications.
    pub http: reqwest::Client,
    /// How browsers and merchants trust it, when it serves HTTPS.
    pub tls: Option<crate::TlsInfo>,
}

#[derive(Default)]
struct Store {
    transactions: HashMap<String, Transaction>,
    /// payment_token → transaction_id
    tokens: HashMap<String, String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Waiting,
    Accepted,
    Refused,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Waiting => "WAITING_FOR_CUSTOMER",
            Status::Accepted => "ACCEPTED",
            Status::Refused => "REFUSED",
        }
    }

    fn parse(status: &str) -> Option<Status> {
        match status.trim() {
            "WAITING_FOR_CUSTOMER" => Some(Status::Waiting),
            "ACCEPTED" => Some(Status::Accepted),
            "REFUSED" => Some(Status::Refused),
            _ => None,
        }
    }

    pub fn is_final(self) -> bool {
        self != Status::Waiting
    }

    /// `cpm_error_message` of a notification in this state.
    pub fn error_message(self) -> &'static str {
        match self {
            Status::Waiting => "WAITING_CUSTOMER_PAYMENT",
            Status::Accepted => "SUCCES",
            Status::Refused => "TRANSACTION_CANCEL",
        }
    }
}

/// A transaction created by `POST /v2/payment`.
#[derive(Clone, Debug)]
pub(crate) struct Transaction {
    pub transaction_id: String,
    pub payment_token: String,
    pub amount: i64,
    pub currency: String,
    pub description: String,
    pub metadata: Option<String>,
    pub notify_url: String,
    pub return_url: String,
    pub channels: String,
    pub lang: String,
    pub customer_phone_number: Option<String>,
    pub lock_phone_number: bool,
    pub created_at: DateTime<Utc>,
    /// The notification's opaque `signature`, fixed per transaction.
    pub signature: String,
    pub status: Status,
    pub operator: Option<String>,
    pub phone: Option<String>,
    pub operator_id: Option<String>,
    pub paid_at: Option<DateTime<Utc>>,
    pub notifications_sent: u32,
    pub checks_answered: u32,
}

impl Transaction {
    pub fn snapshot(&self) -> TransactionSnapshot {
        TransactionSnapshot {
            transaction_id: self.transaction_id.clone(),
            payment_token: self.payment_token.clone(),
            status: self.status.as_str().to_owned(),
            amount: self.amount,
            currency: self.currency.clone(),
            description: self.description.clone(),
            metadata: self.metadata.clone(),
            channels: self.channels.clone(),
            lang: self.lang.clone(),
            notify_url: self.notify_url.clone(),
            return_url: self.return_url.clone(),
            payment_method: self.operator.clone(),
            operator_id: self.operator_id.clone(),
            notifications_sent: self.notifications_sent,
            checks_answered: self.checks_answered,
        }
    }

    /// When the funds reach the merchant: two days after the payment (or the creation), at midnight.
    pub fn fund_availability_date(&self) -> String {
        let date = self.paid_at.unwrap_or(self.created_at).date_naive();
        let date = date.checked_add_days(Days::new(2)).unwrap_or(date);
        format!("{} 00:00:00", date.format("%Y-%m-%d"))
    }

    /// The 16 notification fields in the x-token formula's order, with `error_message` as
    /// `cpm_error_message`.
    pub fn notification_fields(&self, site_id: &str, error_message: &str) -> Vec<(&'static str, String)> {
        TOKEN_FIELDS
            .iter()
            .map(|&name| {
                let value = match name {
                    "cpm_site_id" => site_id.to_owned(),
                    "cpm_trans_id" => self.transaction_id.clone(),
                    "cpm_trans_date" => self.created_at.format(DATE_FORMAT).to_string(),
                    "cpm_amount" => self.amount.to_string(),
                    "cpm_currency" => self.currency.clone(),
                    "signature" => self.signature.clone(),
                    "payment_method" => self.operator.clone().unwrap_or_default(),
                    "cel_phone_num" => self.phone.clone().unwrap_or_default(),
                    "cpm_phone_prefixe" => PHONE_PREFIX.to_owned(),
                    "cpm_language" => self.lang.clone(),
                    "cpm_version" => "V4".to_owned(),
                    "cpm_payment_config" => "SINGLE".to_owned(),
                    "cpm_page_action" => "PAYMENT".to_owned(),
                    "cpm_custom" => self.metadata.clone().unwrap_or_default(),
                    "cpm_designation" => self.description.clone(),
                    "cpm_error_message" => error_message.to_owned(),
                    _ => String::new(),
                };
                (name, value)
            })
            .collect()
    }

    fn record(&mut self, status: Status, operator: Option<String>, phone: Option<String>) {
        self.status = status;
        if operator.is_some() {
            self.operator = operator;
        }
        if phone.is_some() {
            self.phone = phone;
        }
        if status == Status::Accepted {
            let now = Utc::now();
            self.operator.get_or_insert_with(|| "OM".to_owned());
            if self.phone.is_none() && self.operator.as_deref() != Some("CARD") {
                self.phone = Some(
                    self.customer_phone_number.as_deref().map(local_phone).unwrap_or_else(|| "0700000000".to_owned()),
                );
            }
            self.operator_id.get_or_insert_with(|| operator_id(now));
            self.paid_at.get_or_insert(now);
        } else {
            self.operator_id = None;
            self.paid_at = None;
        }
    }
}

/// Why a new transaction was not stored.
pub(crate) enum InsertError {
    Duplicate,
}

impl Inner {
    pub fn new(config: SandboxConfig, public_url: String, tls: Option<crate::TlsInfo>) -> Result<Inner, String> {
        let http = reqwest::Client::builder()
            .user_agent(concat!("cinetpay-sandbox/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(NOTIFY_TIMEOUT)
            .timeout(NOTIFY_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| format!("notification HTTP client: {error}"))?;
        Ok(Inner {
            faults: Mutex::new(config.faults.clone()),
            config,
            public_url,
            store: Mutex::new(Store::default()),
            checks: AtomicU64::new(0),
            http,
            tls,
        })
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        // A panic elsewhere must not take the emulator down with it.
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn faults(&self) -> Faults {
        self.faults.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    pub fn set_faults(&self, faults: Faults) {
        *self.faults.lock().unwrap_or_else(PoisonError::into_inner) = faults;
    }

    /// Whether this check must fail with a 503 (and counts the failure down).
    pub fn take_failing_check(&self) -> bool {
        let mut faults = self.faults.lock().unwrap_or_else(PoisonError::into_inner);
        if faults.failing_checks == 0 {
            return false;
        }
        faults.failing_checks -= 1;
        true
    }

    pub fn count_check(&self) {
        self.checks.fetch_add(1, Ordering::Relaxed);
    }

    pub fn check_count(&self) -> u64 {
        self.checks.load(Ordering::Relaxed)
    }

    pub fn insert(&self, transaction: Transaction) -> Result<(), InsertError> {
        let mut store = self.store();
        if store.transactions.contains_key(&transaction.transaction_id) {
            return Err(InsertError::Duplicate);
        }
        store.tokens.insert(transaction.payment_token.clone(), transaction.transaction_id.clone());
        store.transactions.insert(transaction.transaction_id.clone(), transaction);
        Ok(())
    }

    pub fn get(&self, transaction_id: &str) -> Option<Transaction> {
        self.store().transactions.get(transaction_id).cloned()
    }

    pub fn by_token(&self, token: &str) -> Option<Transaction> {
        let store = self.store();
        let transaction_id = store.tokens.get(token)?;
        store.transactions.get(transaction_id).cloned()
    }

    /// Every transaction, oldest first.
    pub fn transactions(&self) -> Vec<Transaction> {
        let mut all: Vec<Transaction> = self.store().transactions.values().cloned().collect();
        all.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.transaction_id.cmp(&b.transaction_id)));
        all
    }

    pub fn snapshot(&self, transaction_id: &str) -> Option<TransactionSnapshot> {
        self.store().transactions.get(transaction_id).map(Transaction::snapshot)
    }

    /// Applies `change` to the transaction and returns its new state.
    fn update<T>(
        &self,
        transaction_id: &str,
        change: impl FnOnce(&mut Transaction) -> Result<T, SandboxError>,
    ) -> Result<T, SandboxError> {
        let mut store = self.store();
        let transaction = store
            .transactions
            .get_mut(transaction_id)
            .ok_or_else(|| SandboxError::UnknownTransaction(transaction_id.to_owned()))?;
        change(transaction)
    }

    /// Records what the customer did, then notifies per the faults.
    pub async fn decide(
        &self,
        transaction_id: &str,
        outcome: Outcome,
        operator: &str,
        phone: Option<&str>,
    ) -> Result<(), SandboxError> {
        let operator = checked_operator(operator)?;
        let phone = phone.map(local_phone).filter(|phone| !phone.is_empty());
        self.update(transaction_id, |transaction| {
            if transaction.status.is_final() {
                return Err(SandboxError::AlreadyFinal {
                    transaction_id: transaction_id.to_owned(),
                    status: transaction.status.as_str().to_owned(),
                });
            }
            let status = match outcome {
                Outcome::Accept => Status::Accepted,
                Outcome::Refuse => Status::Refused,
                Outcome::Wait => Status::Waiting,
            };
            transaction.record(status, Some(operator), phone);
            Ok(())
        })?;
        tracing::info!(payment.transaction_id = transaction_id, ?outcome, "cinetpay sandbox: customer decided");
        notifier::deliver(self, transaction_id).await
    }

    pub fn set_status(&self, transaction_id: &str, status: &str) -> Result<(), SandboxError> {
        let status = Status::parse(status).ok_or_else(|| SandboxError::InvalidStatus(status.to_owned()))?;
        self.update(transaction_id, |transaction| {
            transaction.record(status, None, None);
            Ok(())
        })
    }

    pub fn count_notifications(&self, transaction_id: &str, sent: u32) {
        let _ = self.update(transaction_id, |transaction| {
            transaction.notifications_sent = transaction.notifications_sent.saturating_add(sent);
            Ok(())
        });
    }

    /// The transaction for a check answer, counted as answered.
    pub fn checked(&self, transaction_id: Option<&str>, token: Option<&str>) -> Option<Transaction> {
        let mut store = self.store();
        let transaction_id = match (transaction_id, token) {
            (Some(transaction_id), _) => transaction_id.to_owned(),
            (None, Some(token)) => store.tokens.get(token)?.clone(),
            (None, None) => return None,
        };
        let transaction = store.transactions.get_mut(&transaction_id)?;
        transaction.checks_answered = transaction.checks_answered.saturating_add(1);
        Some(transaction.clone())
    }
}

/// An operator code: letters and digits (`OM`, `MOMO`, `OMCIV2`, …).
fn checked_operator(operator: &str) -> Result<String, SandboxError> {
    let operator = operator.trim();
    if operator.is_empty() || operator.len() > 20 || !operator.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(SandboxError::InvalidOperator(operator.to_owned()));
    }
    Ok(operator.to_ascii_uppercase())
}

/// The number without the country prefix, digits only (`+225 07 07…` → `0707…`).
pub(crate) fn local_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix(PHONE_PREFIX) {
        Some(local) if digits.len() > 10 => local.to_owned(),
        _ => digits,
    }
}

/// Like the operators' references in CinetPay's examples: `MP220915.2257.A76307`.
fn operator_id(at: DateTime<Utc>) -> String {
    let suffix: String = random_hex(3).to_ascii_uppercase();
    format!("MP{}.{}", at.format("%y%m%d.%H%M"), suffix)
}

/// `bytes` random bytes as lowercase hex.
pub(crate) fn random_hex(bytes: usize) -> String {
    use ring::rand::SecureRandom;
    let mut buffer = vec![0u8; bytes];
    if ring::rand::SystemRandom::new().fill(&mut buffer).is_err() {
        // The system generator does not fail on supported platforms; an emulator can live with
        // a clock-derived value if it ever does.
        let seed = Utc::now().timestamp_nanos_opt().unwrap_or_default().to_le_bytes();
        let digest = ring::digest::digest(&ring::digest::SHA256, &seed);
        for (byte, value) in buffer.iter_mut().zip(digest.as_ref().iter().cycle()) {
            *byte = *value;
        }
    }
    hex::encode(buffer)
}

/// `"<epoch seconds>.<4 digits>"`, like CinetPay's `api_response_id`.
pub(crate) fn api_response_id() -> String {
    let now = Utc::now();
    format!("{}.{:04}", now.timestamp(), now.timestamp_subsec_micros() / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_lose_their_country_prefix() {
        assert_eq!(local_phone("+225 07 07 07 07 07"), "0707070707");
        assert_eq!(local_phone("0707070707"), "0707070707");
        assert_eq!(local_phone("2250707070707"), "0707070707");
    }

    #[test]
    fn operator_ids_and_response_ids_look_like_cinetpay_s() {
        let id = operator_id(Utc::now());
        assert!(id.starts_with("MP") && id.len() == "MP220915.2257.A76307".len(), "{id}");
        let response_id = api_response_id();
        let (seconds, fraction) = response_id.split_once('.').expect("a dot");
        assert!(seconds.parse::<i64>().is_ok() && fraction.len() == 4, "{response_id}");
    }

    #[test]
    fn operators_are_letters_and_digits() {
        assert_eq!(checked_operator(" om ").ok().as_deref(), Some("OM"));
        assert!(checked_operator("").is_err());
        assert!(checked_operator("O M").is_err());
    }
}
