//! The bundled CinetPay emulator that `nourx up` starts beside the API.

use std::path::Path;

use anyhow::Context;
use nourx_cinetpay_sandbox::{Sandbox, SandboxConfig};

use crate::config::Settings;

/// The bundled CinetPay emulator of `nourx up`, over HTTPS like CinetPay, and the API pointed at
/// it (demo credentials unless CINETPAY_* say otherwise), trusting its test authority through the
/// PEM file it writes in the data directory (as CINETPAY_CA_FILE would).
pub async fn start(settings: &mut Settings) -> anyhow::Result<Option<Sandbox>> {
    let Some(addr) = settings.sandbox_addr.clone() else { return Ok(None) };
    let mut config = SandboxConfig::demo();
    config.ca_file = Some(settings.data_dir.join("cinetpay-sandbox-ca.pem"));
    let cinetpay = &mut settings.api.cinetpay;
    config.api_key = cinetpay.api_key.get_or_insert(config.api_key.clone()).clone();
    config.site_id = cinetpay.site_id.get_or_insert(config.site_id.clone()).clone();
    config.secret_key = cinetpay.secret_key.get_or_insert(config.secret_key.clone()).clone();
    let sandbox = Sandbox::start(config, &addr)
        .await
        .with_context(|| format!("starting the CinetPay sandbox on {addr} (CINETPAY_SANDBOX_ADDR)"))?;
    cinetpay.base_url = sandbox.base_url().to_owned();
    cinetpay.ca_file = sandbox.ca_file().map(Path::to_path_buf);
    Ok(Some(sandbox))
}
