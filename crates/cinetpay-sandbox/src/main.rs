//! `cinetpay-sandbox`: the CinetPay emulator as a standalone server.

use clap::Parser;
use nourx_cinetpay_sandbox::{Sandbox, SandboxConfig};
use tracing_subscriber::EnvFilter;

/// A local CinetPay Checkout v2 emulator (init, checkout page, notifications, check).
#[derive(Parser)]
#[command(name = "cinetpay-sandbox", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, env = "CINETPAY_SANDBOX_ADDR", default_value = "127.0.0.1:8010")]
    addr: String,
    /// URL browsers use to reach the sandbox (default: the listening address).
    #[arg(long, env = "CINETPAY_SANDBOX_PUBLIC_URL")]
    public_url: Option<String>,
    /// API key to accept (default: the demo one).
    #[arg(long, env = "CINETPAY_API_KEY", hide_env_values = true)]
    api_key: Option<String>,
    /// Site id to accept (default: the demo one).
    #[arg(long, env = "CINETPAY_SITE_ID")]
    site_id: Option<String>,
    /// Secret key signing the notifications' x-token (default: the demo one).
    #[arg(long, env = "CINETPAY_SECRET_KEY", hide_env_values = true)]
    secret_key: Option<String>,
    /// Where to write the test certificate authority (PEM) that the merchant trusts through
    /// CINETPAY_CA_FILE.
    #[arg(long, env = "CINETPAY_SANDBOX_CA_FILE", default_value = "cinetpay-sandbox-ca.pem")]
    ca_file: std::path::PathBuf,
    /// Serve plain HTTP instead of HTTPS.
    #[arg(long)]
    plain_http: bool,
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let args = Args::parse();
    let demo = SandboxConfig::demo();
    let non_empty = |value: Option<String>| value.filter(|value| !value.trim().is_empty());
    let config = SandboxConfig {
        api_key: non_empty(args.api_key).unwrap_or(demo.api_key),
        site_id: non_empty(args.site_id).unwrap_or(demo.site_id),
        secret_key: non_empty(args.secret_key).unwrap_or(demo.secret_key),
        public_url: non_empty(args.public_url),
        faults: demo.faults,
        https: !args.plain_http,
        ca_file: Some(args.ca_file),
    };
    let sandbox = Sandbox::start(config.clone(), &args.addr).await?;
    println!("CinetPay sandbox running at {}", sandbox.base_url());
    println!("  CINETPAY_BASE_URL={}", sandbox.base_url());
    if let Some(tls) = sandbox.tls() {
        println!("  CINETPAY_CA_FILE={}", tls.ca_file.display());
        println!("  browsers: --ignore-certificate-errors-spki-list={}", tls.leaf_spki_sha256);
    }
    println!("  CINETPAY_API_KEY={}", config.api_key);
    println!("  CINETPAY_SITE_ID={}", config.site_id);
    println!("  CINETPAY_SECRET_KEY={}", config.secret_key);
    println!("  checkout pages  {}/payment/<token>", sandbox.public_url());
    println!("  test knobs      {}/_sandbox/faults", sandbox.base_url());
    println!("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c().await?;
    sandbox.stop().await;
    Ok(())
}
