//! TLS towards CinetPay: rustls with the aws-lc-rs provider (the one of the whole binary), Mozilla's
//! roots compiled in (webpki-roots), and, only when `CINETPAY_CA_FILE` is set, the authorities of
//! that PEM file (the sandbox's test authority, or a company proxy's). Verification is never turned
//! off: there is no such switch.

use std::path::Path;
use std::sync::Arc;

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::Error;

/// Reads and validates a PEM file of certificate authorities (`CINETPAY_CA_FILE`): at least one
/// `CERTIFICATE` block, each one usable as a trust anchor. Answers the file's bytes.
pub fn read_ca_file(path: &Path) -> Result<Vec<u8>, Error> {
    let pem = std::fs::read(path)
        .map_err(|error| Error::Config(format!("reading the CA file {}: {error}", path.display())))?;
    trust_anchors(&pem).map_err(|reason| Error::Config(format!("the CA file {}: {reason}", path.display())))?;
    Ok(pem)
}

/// The certificates of a PEM text, each checked as a trust anchor.
fn trust_anchors(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    let certificates = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| format!("not a PEM file of certificates: {error}"))?;
    if certificates.is_empty() {
        return Err("no CERTIFICATE block in it".to_owned());
    }
    let mut store = RootCertStore::empty();
    for certificate in &certificates {
        store.add(certificate.clone()).map_err(|error| format!("a certificate is not a usable authority: {error}"))?;
    }
    Ok(certificates)
}

/// The rustls configuration of the CinetPay client: Mozilla's roots, plus the authorities of
/// `extra_ca_pem` when given. HTTP/1.1 only (the client is built without HTTP/2).
pub(crate) fn client_config(extra_ca_pem: Option<&[u8]>) -> Result<rustls::ClientConfig, Error> {
    let mut roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    if let Some(pem) = extra_ca_pem {
        for certificate in trust_anchors(pem).map_err(|reason| Error::Config(format!("CINETPAY_CA_FILE: {reason}")))? {
            roots.add(certificate).map_err(|error| Error::Config(format!("CINETPAY_CA_FILE: {error}")))?;
        }
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| Error::Config(format!("TLS: {error}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ca_file_must_hold_usable_certificates() {
        assert!(trust_anchors(b"").unwrap_err().contains("no CERTIFICATE"));
        assert!(
            trust_anchors(b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n")
                .is_err()
        );
        let garbage = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(trust_anchors(garbage).unwrap_err().contains("not a usable authority"));
        assert!(matches!(client_config(Some(garbage)), Err(Error::Config(_))));
    }

    #[test]
    fn a_missing_ca_file_is_a_configuration_error_naming_it() {
        let error = read_ca_file(Path::new("/nonexistent/cinetpay-ca.pem")).expect_err("missing");
        assert!(
            matches!(&error, Error::Config(message) if message.contains("/nonexistent/cinetpay-ca.pem")),
            "{error}"
        );
    }

    #[test]
    fn the_default_configuration_trusts_the_web_roots_only() {
        let config = client_config(None).expect("config");
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);
    }
}
