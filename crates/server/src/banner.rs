//! What `nourx up` prints once it is ready: where everything is, and the demo logins.

use std::path::Path;

use nourx_cinetpay_sandbox::Sandbox;
use nourx_storage::Storage;

use crate::config::Settings;
use crate::seed;

pub fn print_running(settings: &Settings, database: &str, storage: &Storage, sandbox: Option<&Sandbox>) {
    let api = format!("http://{}/api/", settings.api_addr);
    let docs = format!("http://{}/api/docs/", settings.api_addr);
    let mut lines = vec!["NOURX is running".to_owned(), format!("  API       {api:<34}docs: {docs}")];
    // `./x up` serves the web app beside the API and asks for it to be listed here.
    if let Ok(web) = std::env::var("NOURX_BANNER_WEB_URL") {
        lines.push(format!("  Web       {web}"));
    }
    lines.push(format!("  Database  {database}"));
    lines.push(format!("  Storage   {}", storage.describe()));
    if settings.api.smtp_url.is_none()
        && let Some(dir) = &settings.mail_dir
    {
        lines.push(format!("  Emails    {}/ (one .eml file per email)", display_path(dir)));
    }
    lines.extend(cinetpay_lines(settings, sandbox));
    lines.extend(login_lines());
    lines.push("Press Ctrl-C to stop.".to_owned());
    println!("{}", lines.join("\n"));
}

fn cinetpay_lines(settings: &Settings, sandbox: Option<&Sandbox>) -> Vec<String> {
    let Some(sandbox) = sandbox else { return vec![format!("  CinetPay  {}", settings.api.cinetpay.base_url)] };
    let mut lines = vec![format!(
        "  CinetPay  sandbox {}  (checkout pages {}/payment/…; site {})",
        sandbox.base_url(),
        sandbox.public_url(),
        sandbox.credentials().site_id
    )];
    if let Some(tls) = sandbox.tls() {
        lines.push(format!(
            "            test CA {} (CINETPAY_CA_FILE); browsers: --ignore-certificate-errors-spki-list={}",
            display_path(&tls.ca_file),
            tls.leaf_spki_sha256
        ));
    }
    lines
}

fn login_lines() -> Vec<String> {
    seed::DEMO_LOGINS
        .iter()
        .enumerate()
        .map(|(index, login)| {
            let label = if index == 0 { "  Logins    " } else { "            " };
            let credentials = format!("{:<16} / {}", login.email, login.password);
            match login.client {
                Some(client) => format!("{label}{:<7} {credentials}   (client \"{client}\")", login.role),
                None => format!("{label}{:<7} {credentials}", login.role),
            }
        })
        .collect()
}

/// `path` relative to the working directory when it lies under it: shorter, and what one types.
pub fn display_path(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}
