//! HTTPS for the sandbox, as CinetPay serves it: a test certificate authority made at start-up
//! (a new key every time, never written but as a public certificate), and a leaf for the loopback
//! names it signs. The authority is name-constrained to those names, so trusting it by mistake
//! opens nothing else: a merchant trusts it through `CINETPAY_CA_FILE`, a browser test through
//! the leaf's SPKI hash (Chromium's `--ignore-certificate-errors-spki-list`).

use std::net::IpAddr;
use std::sync::Arc;

use base64::Engine as _;
use chrono::{Datelike, Duration, Utc};
use rcgen::{
    BasicConstraints, CertificateParams, CidrSubnet, DnType, ExtendedKeyUsagePurpose, GeneralSubtree, IsCa, Issuer,
    KeyPair, KeyUsagePurpose, NameConstraints, PublicKeyData,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// The authority and the server configuration of one sandbox run.
pub(crate) struct TestAuthority {
    /// The authority's certificate, PEM: what `CINETPAY_CA_FILE` holds.
    pub ca_pem: String,
    /// SHA-256 of the leaf's SubjectPublicKeyInfo, base64: what Chromium's
    /// `--ignore-certificate-errors-spki-list` takes.
    pub leaf_spki_sha256: String,
    pub server_config: rustls::ServerConfig,
}

/// Loopback names every leaf carries, besides the bound and public hosts.
const LOOPBACK: [&str; 3] = ["127.0.0.1", "::1", "localhost"];

/// A new authority and a leaf for the loopback names and `extra_hosts` (the bound address, the
/// public URL's host), valid from yesterday for 90 days.
pub(crate) fn generate(extra_hosts: &[String]) -> Result<TestAuthority, String> {
    let hosts = leaf_hosts(extra_hosts);
    fn failed(what: &'static str) -> impl Fn(rcgen::Error) -> String {
        move |error| format!("{what}: {error}")
    }

    let ca_key = KeyPair::generate().map_err(failed("the test authority's key"))?;
    let mut ca = CertificateParams::default();
    ca.distinguished_name.remove(DnType::CommonName);
    // A name of its own: a client given another run's authority then says "unknown issuer", not
    // "bad signature".
    let run: String = run_id();
    ca.distinguished_name
        .push(DnType::CommonName, format!("NOURX CinetPay sandbox test authority {run} (not for production)"));
    ca.distinguished_name.push(DnType::OrganizationName, "NOURX sandbox");
    ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    ca.name_constraints = Some(NameConstraints { permitted_subtrees: subtrees(&hosts), excluded_subtrees: vec![] });
    set_validity(&mut ca);
    let ca_certificate = ca.self_signed(&ca_key).map_err(failed("the test authority"))?;
    let issuer = Issuer::new(ca, ca_key);

    let leaf_key = KeyPair::generate().map_err(failed("the sandbox's key"))?;
    let mut leaf = CertificateParams::new(hosts.clone()).map_err(failed("the sandbox's names"))?;
    leaf.distinguished_name.remove(DnType::CommonName);
    leaf.distinguished_name.push(DnType::CommonName, "CinetPay sandbox");
    leaf.is_ca = IsCa::ExplicitNoCa;
    leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    leaf.use_authority_key_identifier_extension = true;
    set_validity(&mut leaf);
    let leaf_certificate = leaf.signed_by(&leaf_key, &issuer).map_err(failed("the sandbox's certificate"))?;

    let spki = ring::digest::digest(&ring::digest::SHA256, &leaf_key.subject_public_key_info());
    let leaf_spki_sha256 = base64::engine::general_purpose::STANDARD.encode(spki.as_ref());
    let chain: Vec<CertificateDer<'static>> = vec![leaf_certificate.der().clone(), ca_certificate.der().clone()];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let server_config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| format!("TLS versions: {error}"))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|error| format!("the sandbox's TLS configuration: {error}"))?;
    Ok(TestAuthority { ca_pem: ca_certificate.pem(), leaf_spki_sha256, server_config })
}

/// The loopback names, then each extra host once (brackets of an IPv6 literal removed; the
/// unspecified addresses `0.0.0.0` and `::` are no name).
fn leaf_hosts(extra_hosts: &[String]) -> Vec<String> {
    let mut hosts: Vec<String> = LOOPBACK.iter().map(|host| (*host).to_owned()).collect();
    for host in extra_hosts {
        let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
        let unspecified = host.parse::<IpAddr>().is_ok_and(|ip| ip.is_unspecified());
        if !host.is_empty() && !unspecified && !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    hosts
}

/// The names the authority may sign for: each host exactly (an address as a /32 or /128).
fn subtrees(hosts: &[String]) -> Vec<GeneralSubtree> {
    hosts
        .iter()
        .map(|host| match host.parse::<IpAddr>() {
            Ok(ip @ IpAddr::V4(_)) => GeneralSubtree::IpAddress(CidrSubnet::from_addr_prefix(ip, 32)),
            Ok(ip @ IpAddr::V6(_)) => GeneralSubtree::IpAddress(CidrSubnet::from_addr_prefix(ip, 128)),
            Err(_) => GeneralSubtree::DnsName(host.clone()),
        })
        .collect()
}

/// 8 random hex digits naming one run's authority.
fn run_id() -> String {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; 4];
    let _ = ring::rand::SystemRandom::new().fill(&mut bytes);
    hex::encode(bytes)
}

fn set_validity(params: &mut CertificateParams) {
    let from = (Utc::now() - Duration::days(1)).date_naive();
    let until = from + Duration::days(91);
    let day = |date: chrono::NaiveDate| rcgen::date_time_ymd(date.year(), date.month() as u8, date.day() as u8);
    params.not_before = day(from);
    params.not_after = day(until);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_run_has_its_own_authority_and_leaf() {
        let first = generate(&[]).expect("generated");
        let second = generate(&[]).expect("generated");
        assert!(first.ca_pem.starts_with("-----BEGIN CERTIFICATE-----"), "{}", first.ca_pem);
        assert_ne!(first.ca_pem, second.ca_pem);
        assert_ne!(first.leaf_spki_sha256, second.leaf_spki_sha256);
        // Base64 of 32 bytes.
        assert_eq!(first.leaf_spki_sha256.len(), 44);
    }

    #[test]
    fn the_leaf_names_the_loopback_and_the_extra_hosts_once() {
        let hosts = |extra: &[&str]| leaf_hosts(&extra.iter().map(|host| (*host).to_owned()).collect::<Vec<_>>());
        assert_eq!(hosts(&[]), ["127.0.0.1", "::1", "localhost"]);
        assert_eq!(hosts(&["127.0.0.1", "0.0.0.0", "[::]", "LOCALHOST"]), ["127.0.0.1", "::1", "localhost"]);
        assert_eq!(
            hosts(&["Sandbox.test", "[::1]", "10.0.0.5"]),
            ["127.0.0.1", "::1", "localhost", "sandbox.test", "10.0.0.5"]
        );
        assert!(generate(&["sandbox.test".into(), "[::1]".into(), "0.0.0.0".into()]).is_ok());
    }

    #[test]
    fn addresses_are_constrained_exactly() {
        let trees = subtrees(&["127.0.0.1".into(), "::1".into(), "localhost".into()]);
        assert_eq!(trees[0], GeneralSubtree::IpAddress(CidrSubnet::V4([127, 0, 0, 1], [255; 4])));
        assert_eq!(trees[2], GeneralSubtree::DnsName("localhost".into()));
    }
}
