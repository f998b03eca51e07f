//! HTTPS as CinetPay serves it: a test authority made at start-up, written to a PEM file, trusted
//! by whoever is given it and by nobody else; the leaf's SPKI hash for browsers.

mod common;

use base64::Engine as _;
use common::{http, sandbox, sandbox_with};
use nourx_cinetpay_sandbox::SandboxConfig;

/// The full error chain, for asserting on its cause.
fn chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

#[actix_web::test]
async fn it_serves_https_with_an_authority_of_its_own_written_to_a_pem_file() {
    let sandbox = sandbox().await;
    let tls = sandbox.tls().expect("HTTPS").clone();
    assert_eq!(sandbox.ca_file(), Some(tls.ca_file.as_path()));
    let written = std::fs::read_to_string(&tls.ca_file).expect("the CA file");
    assert_eq!(written, tls.ca_pem);
    assert!(written.starts_with("-----BEGIN CERTIFICATE-----"));

    let health = http().get(format!("{}/_sandbox/health", sandbox.base_url())).send().await.expect("trusted");
    assert_eq!(health.status().as_u16(), 200);
    let own = sandbox.http_client().get(format!("{}/_sandbox/tls/ca.pem", sandbox.base_url())).send().await;
    assert_eq!(own.expect("its own client trusts it").text().await.expect("text"), tls.ca_pem);

    // Mozilla's roots (the merchant's client without CINETPAY_CA_FILE) do not know it…
    let merchant = nourx_cinetpay::Client::new(sandbox.base_url(), std::time::Duration::from_secs(5)).expect("client");
    let refused = merchant.check_payment(&sandbox.credentials(), "T-1").await.expect_err("refused");
    assert!(refused.to_string().contains("TLS certificate refused"), "{refused}");
    assert!(refused.to_string().contains("UnknownIssuer"), "{refused}");
    // …and another sandbox's authority is another authority.
    let other = sandbox_with(SandboxConfig::demo()).await;
    let trusting_the_other = other.http_client();
    let refused = trusting_the_other.get(format!("{}/_sandbox/health", sandbox.base_url())).send().await;
    let error = chain(&refused.expect_err("refused"));
    assert!(error.contains("UnknownIssuer"), "{error}");
    other.stop().await;
    sandbox.stop().await;
}

#[actix_web::test]
async fn the_spki_knob_is_the_hash_of_the_key_it_serves() {
    let sandbox = sandbox().await;
    let client = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(sandbox.tls().expect("HTTPS").ca_pem.as_bytes()).expect("PEM")])
        .tls_info(true)
        .build()
        .expect("client");
    let response = client.get(format!("{}/_sandbox/tls/spki", sandbox.base_url())).send().await.expect("answer");
    let served = response.extensions().get::<reqwest::tls::TlsInfo>().and_then(|info| info.peer_certificate());
    let served = served.expect("the peer certificate").to_vec();
    let knob = response.text().await.expect("text");
    assert_eq!(knob.trim(), sandbox.leaf_spki_sha256().expect("HTTPS"));

    // A P-256 SubjectPublicKeyInfo is 91 bytes that start with this header.
    const P256_SPKI: [u8; 13] = [0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    let start = served.windows(P256_SPKI.len()).position(|window| window == P256_SPKI).expect("a P-256 key");
    let spki = &served[start..start + 91];
    let hash = ring::digest::digest(&ring::digest::SHA256, spki);
    assert_eq!(base64::engine::general_purpose::STANDARD.encode(hash.as_ref()), knob.trim());
    sandbox.stop().await;
}

#[actix_web::test]
async fn a_configured_ca_file_is_written_there_and_plain_http_stays_possible() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("nested").join("sandbox-ca.pem");
    let sandbox = sandbox_with(SandboxConfig { ca_file: Some(path.clone()), ..SandboxConfig::demo() }).await;
    assert_eq!(sandbox.ca_file(), Some(path.as_path()));
    assert!(std::fs::read_to_string(&path).expect("written").contains("BEGIN CERTIFICATE"));
    sandbox.stop().await;

    let plain = sandbox_with(SandboxConfig { https: false, ..SandboxConfig::demo() }).await;
    assert!(plain.base_url().starts_with("http://127.0.0.1:"));
    assert!(plain.tls().is_none() && plain.ca_file().is_none() && plain.leaf_spki_sha256().is_none());
    let spki = plain.http_client().get(format!("{}/_sandbox/tls/spki", plain.base_url())).send().await;
    assert_eq!(spki.expect("answer").status().as_u16(), 404);
    plain.stop().await;
}
