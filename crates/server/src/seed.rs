//! Demo data: the logins of the README and their two clients. Idempotent.

use anyhow::Context;
use diesel::Connection;
use nourx_db::clients::{self, Client, NewClient};
use nourx_db::users::{NewUser, User};
use nourx_db::{Db, PgConn};
use nourx_domain::{Locale, MemberRole, NewPassword, PasswordRules, Role};

pub struct DemoLogin {
    pub role: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub client: Option<&'static str>,
}

pub const DEMO_LOGINS: [DemoLogin; 4] = [
    DemoLogin { role: "admin", email: "admin@nourx.demo", password: "demo-admin-2026", client: None },
    DemoLogin {
        role: "client",
        email: "awa@akwaba.demo",
        password: "demo-client-2026",
        client: Some("Akwaba Digital"),
    },
    DemoLogin { role: "client", email: "kofi@baobab.demo", password: "demo-client-2026", client: Some("Baobab Foods") },
    // A second member of staff, of the `staff` role: everything but the settings and the team.
    DemoLogin { role: "staff", email: "staff@nourx.demo", password: "demo-staff-2026", client: None },
];

struct DemoUser {
    email: &'static str,
    full_name: &'static str,
    phone: &'static str,
    role: Role,
    password: &'static str,
}

const DEMO_USERS: [DemoUser; 4] = [
    DemoUser {
        email: "admin@nourx.demo",
        full_name: "Mariam Diallo",
        phone: "+2250101020304",
        role: Role::Admin,
        password: "demo-admin-2026",
    },
    DemoUser {
        email: "awa@akwaba.demo",
        full_name: "Awa Koné",
        phone: "+2250701020304",
        role: Role::Client,
        password: "demo-client-2026",
    },
    DemoUser {
        email: "kofi@baobab.demo",
        full_name: "Kofi Mensah",
        phone: "+2250501020304",
        role: Role::Client,
        password: "demo-client-2026",
    },
    DemoUser {
        email: "staff@nourx.demo",
        full_name: "Ibrahim Ouattara",
        phone: "+2250101050607",
        role: Role::Staff,
        password: "demo-staff-2026",
    },
];

struct DemoClient {
    name: &'static str,
    legal_name: &'static str,
    tax_id: &'static str,
    address: &'static str,
    city: &'static str,
    phone: &'static str,
    billing_email: &'static str,
    owner: &'static str,
}

const DEMO_CLIENTS: [DemoClient; 2] = [
    DemoClient {
        name: "Akwaba Digital",
        legal_name: "Akwaba Digital SARL",
        tax_id: "CI-ABJ-2019-B-12345",
        address: "Rue des Jardins, Cocody Deux-Plateaux",
        city: "Abidjan",
        phone: "+2252722440000",
        billing_email: "compta@akwaba.demo",
        owner: "awa@akwaba.demo",
    },
    DemoClient {
        name: "Baobab Foods",
        legal_name: "Baobab Foods SA",
        tax_id: "CI-ABJ-2016-B-67890",
        address: "Zone industrielle de Yopougon",
        city: "Abidjan",
        phone: "+2252723450000",
        billing_email: "factures@baobab.demo",
        owner: "kofi@baobab.demo",
    },
];

/// Creates whatever part of the demo data is missing; returns how many rows it added.
pub fn seed_demo(db: &Db) -> anyhow::Result<usize> {
    let mut conn = db.get()?;
    // Hash outside the transaction: Argon2 takes a while and needs no lock.
    let mut hashes = Vec::new();
    for user in &DEMO_USERS {
        let password = NewPassword::parse(user.password, PasswordRules::default())
            .map_err(|_| anyhow::anyhow!("demo password of {} breaks the password rules", user.email))?;
        hashes.push(nourx_api::services::passwords::hash_blocking(&password).map_err(|e| anyhow::anyhow!("{e}"))?);
    }
    let conn: &mut PgConn = &mut conn;
    conn.transaction(|conn| -> anyhow::Result<usize> {
        let mut created = 0;
        for (user, hash) in DEMO_USERS.iter().zip(&hashes) {
            if User::find_by_email(conn, user.email)?.is_none() {
                NewUser {
                    id: uuid::Uuid::now_v7(),
                    email: user.email,
                    full_name: user.full_name,
                    phone: Some(user.phone),
                    locale: Locale::Fr,
                    role: user.role,
                    password_hash: hash,
                    is_active: true,
                }
                .insert(conn)?;
                created += 1;
            }
        }
        // The year behind the demo first: its invoices are the oldest, so they take the first numbers.
        let admin = User::find_by_email(conn, "admin@nourx.demo")?.context("demo admin is missing")?;
        let client_hash = DEMO_USERS
            .iter()
            .zip(&hashes)
            .find_map(|(user, hash)| (user.role == Role::Client).then_some(hash))
            .context("no demo client password")?;
        created += crate::demo_history::seed(conn, admin.id, client_hash)?;
        for client in &DEMO_CLIENTS {
            let row = match Client::find_by_name(conn, client.name)? {
                Some(existing) => existing,
                None => {
                    created += 1;
                    NewClient {
                        id: uuid::Uuid::now_v7(),
                        name: client.name,
                        legal_name: Some(client.legal_name),
                        tax_id: Some(client.tax_id),
                        address: Some(client.address),
                        city: Some(client.city),
                        country: "CI",
                        phone: Some(client.phone),
                        billing_email: Some(client.billing_email),
                        currency: "XOF",
                    }
                    .insert(conn)?
                }
            };
            let owner = User::find_by_email(conn, client.owner)?
                .with_context(|| format!("demo user {} is missing", client.owner))?;
            clients::add_member(conn, row.id, owner.id, MemberRole::Owner)?;
            let admin = User::find_by_email(conn, "admin@nourx.demo")?.context("demo admin is missing")?;
            let big = client.name == "Akwaba Digital";
            created += crate::demo_content::seed_client(conn, row.id, owner.id, admin.id, big)?;
            created += crate::demo_billing::seed_client(conn, row.id, owner.id, admin.id, big)?;
        }
        crate::demo_history::segment(conn)?;
        crate::demo_history::backfill_activity(conn)?;
        let today = chrono::Utc::now().date_naive();
        created += crate::demo_support::seed(conn, admin.id, today)?;
        created += crate::demo_support::seed_prospects(conn, admin.id, today)?;
        Ok(created)
    })
}

/// The demo projects' documents, put in the configured storage (`crate::demo_documents`).
pub fn seed_documents(settings: &crate::config::Settings, db: &Db) -> anyhow::Result<usize> {
    let storage = settings.storage.open(&settings.api.secret_key)?;
    actix_web::rt::System::new().block_on(crate::demo_documents::seed(db, &storage))
}

/// See `crate::scale`.
pub fn seed_scale(db: &Db, clients: i32) -> anyhow::Result<i32> {
    let password = NewPassword::parse("demo-client-2026", PasswordRules::default())
        .map_err(|_| anyhow::anyhow!("the demo password breaks the password rules"))?;
    let hash = nourx_api::services::passwords::hash_blocking(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut conn = db.get()?;
    let conn: &mut PgConn = &mut conn;
    conn.transaction(|conn| -> anyhow::Result<i32> {
        let admin = User::find_by_email(conn, "admin@nourx.demo")?.context("demo admin is missing")?;
        Ok(crate::scale::seed_scale(conn, clients, &hash, admin.id)?)
    })
}
