//! Settings of the HTTP layer. The server crate fills them from the environment.

use std::net::IpAddr;
use std::str::FromStr;

use chrono::Duration;
use nourx_domain::limits::RateLimit;

#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// Development mode: cookies without `Secure` (plain http on localhost).
    pub development: bool,
    /// Signs the session cookie; at least 64 bytes. Shared by every API replica.
    pub secret_key: Vec<u8>,
    /// A session unused for this long ends.
    pub session_idle: Duration,
    /// A session ends this long after login, however active.
    pub session_max_age: Duration,
    /// The same two limits for NOURX staff, shorter: a staff session reaches every client's data.
    pub staff_session_idle: Duration,
    pub staff_session_max_age: Duration,
    /// Staff accounts must use two-factor authentication (on in production): without it, a staff
    /// login reaches only the enrolment endpoints until it enrols.
    pub staff_two_factor_required: bool,
    /// When not empty, staff accounts may log in and use their sessions only from these networks.
    pub staff_allowed_networks: Vec<IpNetwork>,
    /// Origins allowed to send unsafe requests (besides the API's own origin).
    pub csrf_trusted_origins: Vec<String>,
    /// Paths authenticated otherwise (CinetPay's webhook and its HMAC token, the local storage's
    /// signed upload form).
    pub csrf_exempt_paths: Vec<String>,
    /// Origins allowed to call the API from a browser with credentials; never `*`.
    pub cors_allowed_origins: Vec<String>,
    /// The NOURX website(s) whose contact form posts leads (`POST /api/public/leads/`, CORS for
    /// that route only).
    pub lead_allowed_origins: Vec<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNetwork>,
    pub login_throttle: LoginThrottle,
    /// Largest accepted JSON body.
    pub max_json_body_bytes: usize,
    /// Largest document a person may upload (50 MB by default).
    pub upload_max_bytes: u64,
    /// Where people open the web app; links in emails (invitations, password resets) start with it.
    /// No trailing slash.
    pub public_web_url: String,
    /// SMTP server of outgoing emails (`smtp://user:pass@host:587`); `None` keeps them in the
    /// outbox, readable in the admin mail viewer.
    pub smtp_url: Option<String>,
    /// Sender of outgoing emails, e.g. `NOURX <no-reply@nourx.ci>`.
    pub mail_from: String,
    /// Where CinetPay reaches the API: the notification URL is `{api_public_url}/api/payments/webhook/`.
    /// No trailing slash.
    pub api_public_url: String,
    pub cinetpay: CinetPayConfig,
    pub limits: AbuseLimits,
    /// Who may read `/api/docs/` and `/api/openapi.json` (`NOURX_API_DOCS`).
    pub docs_access: crate::http::middleware::DocsAccess,
}

/// CinetPay's address and the merchant's credentials from the environment. The admin settings
/// (`cinetpay` key) override the credentials when they are set there.
#[derive(Debug, Clone)]
pub struct CinetPayConfig {
    /// `https://api-checkout.cinetpay.com`, or the sandbox's address.
    pub base_url: String,
    /// `CINETPAY_CA_FILE`: a PEM file of authorities trusted besides the public roots (the
    /// sandbox's test authority; `nourx up` sets it). Never a way to turn verification off.
    pub ca_file: Option<std::path::PathBuf>,
    pub api_key: Option<String>,
    pub site_id: Option<String>,
    pub secret_key: Option<String>,
    /// Timeout of one call to CinetPay.
    pub timeout: std::time::Duration,
    /// `GET /api/payments/{id}/status/` asks CinetPay at most this often per payment.
    pub status_recheck_interval: Duration,
}

impl Default for CinetPayConfig {
    fn default() -> Self {
        CinetPayConfig {
            base_url: "https://api-checkout.cinetpay.com".into(),
            ca_file: None,
            api_key: None,
            site_id: None,
            secret_key: None,
            timeout: std::time::Duration::from_secs(15),
            status_recheck_interval: Duration::seconds(5),
        }
    }
}

/// Abuse limits (`NOURX_LIMIT_*`), shared by every replica through PostgreSQL. A maximum of 0
/// turns a limit off. NOURX staff are not counted by the per-person and per-client limits.
#[derive(Debug, Clone, Copy)]
pub struct AbuseLimits {
    /// Password-reset requests per client address (IP).
    pub password_resets_per_ip: RateLimit,
    /// Password-reset requests, every address together.
    pub password_resets_global: RateLimit,
    /// Invitations sent per client (by its owners).
    pub invitations_per_client: RateLimit,
    /// Upload forms (presigns) per person.
    pub presigns_per_user: RateLimit,
    /// Tickets opened per person.
    pub tickets_per_user: RateLimit,
    /// Leads sent through the website's contact form per client address.
    pub leads_per_ip: RateLimit,
    /// Requests to the pay-link routes (no account) per client address, but for the status polls.
    pub pay_link_requests_per_ip: RateLimit,
    /// Status polls of a payment through a pay link (its return page, every 2 to 5 s while
    /// CinetPay has not confirmed) per client address: a bucket of their own, so that a payer
    /// waiting for a slow mobile-money confirmation is never refused.
    pub pay_link_polls_per_ip: RateLimit,
    /// Bytes a client's documents may take in the storage; 0: no quota.
    pub storage_quota_bytes: u64,
    /// Largest request accepted at CinetPay's notification URL (CinetPay sends 16 short fields).
    pub webhook_max_body_bytes: usize,
    /// The journal of requests to the notification URL is kept this long.
    pub webhook_journal_retention: Duration,
}

impl Default for AbuseLimits {
    fn default() -> Self {
        AbuseLimits {
            password_resets_per_ip: RateLimit::per_hour(20),
            password_resets_global: RateLimit::per_hour(300),
            invitations_per_client: RateLimit::per_day(20),
            presigns_per_user: RateLimit::per_hour(100),
            tickets_per_user: RateLimit::per_hour(20),
            leads_per_ip: RateLimit::per_hour(5),
            pay_link_requests_per_ip: RateLimit::per_hour(300),
            pay_link_polls_per_ip: RateLimit::per_hour(1800),
            storage_quota_bytes: 2 * 1024 * 1024 * 1024,
            webhook_max_body_bytes: 16 * 1024,
            webhook_journal_retention: Duration::days(180),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct LoginThrottle {
    pub window: Duration,
    pub max_failures_per_account: usize,
    /// Higher than per account: mobile carriers put many people behind one address.
    pub max_failures_per_ip: usize,
    /// Everyone's failures together: a ceiling on a distributed guessing campaign.
    pub max_failures_global: usize,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle {
            window: Duration::minutes(15),
            max_failures_per_account: 5,
            max_failures_per_ip: 50,
            max_failures_global: 2000,
        }
    }
}

impl LoginThrottle {
    fn limit(&self, max: usize) -> nourx_domain::throttle::Limit {
        nourx_domain::throttle::Limit { max, window: self.window }
    }

    /// The buckets a guess at `email`'s password (or code) from `ip` counts in.
    pub fn login_buckets(&self, email: &str, ip: Option<IpAddr>) -> Vec<(String, nourx_domain::throttle::Limit)> {
        let ip = ip.map(|ip| ip.to_string()).unwrap_or_default();
        vec![
            (nourx_db::login_throttle::account_bucket(email), self.limit(self.max_failures_per_account)),
            (nourx_db::login_throttle::ip_bucket(&ip), self.limit(self.max_failures_per_ip)),
            (nourx_db::login_throttle::GLOBAL_BUCKET.to_owned(), self.limit(self.max_failures_global)),
        ]
    }

    /// The bucket of a logged-in person re-entering their password.
    pub fn account_buckets(&self, email: &str) -> Vec<(String, nourx_domain::throttle::Limit)> {
        vec![(nourx_db::login_throttle::account_bucket(email), self.limit(self.max_failures_per_account))]
    }
}

impl ApiConfig {
    /// The idle limits of client and staff sessions.
    pub fn session_idle_limits(&self) -> nourx_db::sessions::IdleLimits {
        nourx_db::sessions::IdleLimits { client: self.session_idle, staff: self.staff_session_idle }
    }

    /// Whether `ip` may use a staff account (always, without an allow-list).
    pub fn staff_network_allows(&self, ip: Option<IpAddr>) -> bool {
        self.staff_allowed_networks.is_empty()
            || ip.is_some_and(|ip| self.staff_allowed_networks.iter().any(|net| net.contains(ip)))
    }

    /// Settings for development and tests, with the given secret key.
    pub fn development(secret_key: Vec<u8>) -> ApiConfig {
        ApiConfig {
            development: true,
            secret_key,
            session_idle: Duration::days(7),
            session_max_age: Duration::days(30),
            staff_session_idle: Duration::hours(2),
            staff_session_max_age: Duration::hours(12),
            staff_two_factor_required: false,
            staff_allowed_networks: vec![],
            csrf_trusted_origins: vec!["http://127.0.0.1:3000".into(), "http://localhost:3000".into()],
            // Authenticated otherwise: CinetPay's HMAC token; the signed upload form (as on S3).
            // CinetPay's return POST comes from the browser on CinetPay's page and changes nothing.
            csrf_exempt_paths: vec![
                "/api/payments/webhook/".into(),
                "/api/payments/return/".into(),
                "/api/storage/upload/".into(),
                // Public: a honeypot and a per-address limit stand in for a session.
                "/api/public/leads/".into(),
            ],
            cors_allowed_origins: vec!["http://127.0.0.1:3000".into(), "http://localhost:3000".into()],
            lead_allowed_origins: vec![],
            trusted_proxies: vec![],
            login_throttle: LoginThrottle::default(),
            max_json_body_bytes: 1024 * 1024,
            upload_max_bytes: nourx_domain::documents::DEFAULT_MAX_SIZE,
            public_web_url: "http://127.0.0.1:3000".into(),
            smtp_url: None,
            mail_from: "NOURX <no-reply@nourx.demo>".into(),
            api_public_url: "http://127.0.0.1:8000".into(),
            cinetpay: CinetPayConfig::default(),
            limits: AbuseLimits::default(),
            docs_access: crate::http::middleware::DocsAccess::Public,
        }
    }
}

/// An address or a CIDR block, for the trusted proxy list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNetwork {
    address: IpAddr,
    prefix: u8,
}

impl IpNetwork {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.address, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for IpNetwork {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (address, prefix) = match s.trim().split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (s.trim(), None),
        };
        let address: IpAddr = address.parse().map_err(|_| format!("not an IP address: {s}"))?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(|| format!("bad prefix length in {s}"))?,
            None => max,
        };
        Ok(IpNetwork { address, prefix })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_match_addresses() {
        let net: IpNetwork = "10.0.0.0/8".parse().expect("valid");
        assert!(net.contains("10.1.2.3".parse().expect("ip")));
        assert!(!net.contains("11.1.2.3".parse().expect("ip")));
        let single: IpNetwork = "127.0.0.1".parse().expect("valid");
        assert!(single.contains("127.0.0.1".parse().expect("ip")));
        assert!(!single.contains("127.0.0.2".parse().expect("ip")));
        let all: IpNetwork = "0.0.0.0/0".parse().expect("valid");
        assert!(all.contains("8.8.8.8".parse().expect("ip")));
        assert!("10.0.0.0/33".parse::<IpNetwork>().is_err());
    }
}
