//! `nourx create-admin --email … --name …`: a NOURX staff account, with a password that passes
//! the same rules as everyone's.

use anyhow::bail;
use nourx_domain::{Email, NewPassword, PasswordRules};

use crate::config::{Mode, Settings};
use crate::database::Database;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    email: String,
    #[arg(long)]
    name: String,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let settings = Settings::from_env(Mode::Production)?;
    let database = Database::open(&settings)?;
    let email = Email::parse(&args.email).map_err(|m| anyhow::anyhow!("{}", m.en))?;
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name may not be empty");
    }
    let mut conn = database.db.get()?;
    if nourx_db::users::User::find_by_email(&mut conn, email.as_str())?.is_some() {
        bail!("a user with the email {email} already exists");
    }
    let raw = read_password()?;
    let rules = PasswordRules { email: Some(email.as_str()), full_name: Some(name) };
    let password = NewPassword::parse(&raw, rules).map_err(|problems| {
        anyhow::anyhow!("password refused: {}", problems.iter().map(|m| m.en.as_ref()).collect::<Vec<_>>().join(" "))
    })?;
    let hash = nourx_api::services::passwords::hash_blocking(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = nourx_db::users::NewUser {
        id: uuid::Uuid::now_v7(),
        email: email.as_str(),
        full_name: name,
        phone: None,
        locale: nourx_domain::Locale::Fr,
        role: nourx_domain::Role::Admin,
        password_hash: &hash,
        is_active: true,
    }
    .insert(&mut conn)?;
    println!("admin {} created ({})", user.email, user.id);
    Ok(())
}

/// NOURX_ADMIN_PASSWORD, or typed twice at the terminal.
fn read_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("NOURX_ADMIN_PASSWORD") {
        return Ok(password);
    }
    let first = rpassword::prompt_password("Password: ")?;
    let second = rpassword::prompt_password("Password (again): ")?;
    if first != second {
        bail!("the two passwords differ");
    }
    Ok(first)
}
