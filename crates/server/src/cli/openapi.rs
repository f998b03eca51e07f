//! `nourx openapi [OUT] [--check]`: writes the OpenAPI document, or checks the committed one.

use std::path::PathBuf;

use anyhow::{Context, bail};

#[derive(clap::Args)]
pub struct Args {
    #[arg(default_value = "openapi/openapi.json")]
    out: String,
    /// Fails when the file differs from the code instead of writing it.
    #[arg(long)]
    check: bool,
}

pub fn run(Args { out, check }: Args) -> anyhow::Result<()> {
    let json = format!("{}\n", nourx_api::openapi().to_pretty_json()?);
    if out == "-" {
        print!("{json}");
        return Ok(());
    }
    let path = PathBuf::from(out);
    if check {
        let existing = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        if existing != json {
            bail!("{} is out of date: run `nourx openapi` (or `./x openapi`) and commit it", path.display());
        }
        println!("{} is up to date", path.display());
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, json).with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}
