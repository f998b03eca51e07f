//! People and client companies: the only rows the kit inserts itself (nothing over HTTP creates a
//! first account). Inserted through the schema's columns, not the row structs, so that the kit
//! does not follow their field types. Everything else is built over HTTP (see `builders`).

use std::ops::Deref;
use std::sync::OnceLock;

use diesel::prelude::*;
use nourx_db::schema::{client_members, clients, users};
use nourx_domain::workflow::MemberRole;
use nourx_domain::{NewPassword, PasswordRules, Role};
use uuid::Uuid;

use crate::{TestApp, TestClient};

/// A user created for a test, with the password it logs in with.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: Uuid,
    pub email: String,
    pub password: String,
    pub name: String,
}

pub const TEST_PASSWORD: &str = "correct horse battery staple";

/// A client company (a row of `clients`) and the owner it was created with.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub id: Uuid,
    pub name: String,
    pub owner: TestUser,
}

/// A person logged in: their account and their browser (which it derefs to, so `actor.get(…)`).
#[derive(Clone)]
pub struct Actor {
    pub user: TestUser,
    pub http: TestClient,
}

impl Actor {
    pub fn id(&self) -> Uuid {
        self.user.id
    }
}

impl Deref for Actor {
    type Target = TestClient;

    fn deref(&self) -> &TestClient {
        &self.http
    }
}

/// One argon2 hash of [`TEST_PASSWORD`] for every account of the process: hashing is the slow part
/// of creating a user, and no test needs two salts.
fn test_password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let password = NewPassword::parse(TEST_PASSWORD, PasswordRules::default()).expect("valid password");
        nourx_api::services::passwords::hash_blocking(&password).expect("hash")
    })
}

impl TestApp {
    /// An active NOURX staff account of the `admin` role (everything, settings and team included).
    pub async fn admin(&self) -> TestUser {
        self.create_user(Role::Admin, None).await.0
    }

    /// A NOURX staff member of the `admin` role, logged in.
    pub async fn staff(&self) -> Actor {
        let user = self.admin().await;
        self.actor(user).await
    }

    /// An active NOURX staff account of the `staff` role (no settings, no team management).
    pub async fn staff_member_user(&self) -> TestUser {
        self.create_user(Role::Staff, None).await.0
    }

    /// A NOURX staff member of the `staff` role, logged in.
    pub async fn staff_member(&self) -> Actor {
        let user = self.staff_member_user().await;
        self.actor(user).await
    }

    /// Nobody logged in: a browser with a CSRF cookie (so that a write is answered about the
    /// login, not the CSRF check), as an [`Actor`] whose user is empty (nil id).
    pub async fn anonymous(&self) -> Actor {
        let http = self.client();
        http.fetch_csrf_cookie().await;
        let user = TestUser { id: Uuid::nil(), email: String::new(), password: String::new(), name: String::new() };
        Actor { user, http }
    }

    /// An active client user, owner of a new client company.
    pub async fn client_user(&self) -> TestUser {
        self.tenant().await.owner
    }

    /// The owner of a new client company, logged in.
    pub async fn client_owner(&self) -> Actor {
        let user = self.client_user().await;
        self.actor(user).await
    }

    /// A new client company with an owner (not logged in: [`TestApp::owner`]).
    pub async fn tenant(&self) -> Tenant {
        let (owner, client) = self.create_user(Role::Client, Some(MemberRole::Owner)).await;
        let (id, name) = client.expect("a client");
        Tenant { id, name, owner }
    }

    /// The owner the tenant was created with, logged in.
    pub async fn owner(&self, tenant: &Tenant) -> Actor {
        self.actor(tenant.owner.clone()).await
    }

    /// A new person of `tenant` with `role`, logged in.
    pub async fn member(&self, tenant: &Tenant, role: MemberRole) -> Actor {
        let user = self.member_of(tenant.id, role).await;
        self.actor(user).await
    }

    /// A new viewer of `tenant`, logged in.
    pub async fn viewer(&self, tenant: &Tenant) -> Actor {
        self.member(tenant, MemberRole::Viewer).await
    }

    /// A new active client user who is a member of `client_id` with `role` (not logged in).
    pub async fn member_of(&self, client_id: Uuid, role: MemberRole) -> TestUser {
        let (user, _) = self.create_user(Role::Client, None).await;
        let user_id = user.id;
        self.with_conn(move |conn| add_member(conn, client_id, user_id, role).expect("add member")).await;
        user
    }

    /// `user` logged in.
    pub async fn actor(&self, user: TestUser) -> Actor {
        let http = self.login(&user).await;
        Actor { user, http }
    }

    /// A user and, with `membership`, a client company they belong to. Names and addresses are
    /// numbered in creation order (`client-002@test.nourx.ci`, "Client 002"), so that emails and
    /// snapshots read the same at every run.
    async fn create_user(&self, role: Role, membership: Option<MemberRole>) -> (TestUser, Option<(Uuid, String)>) {
        let serial = self.next_serial();
        let label = role.as_str();
        let email = format!("{label}-{serial:03}@test.nourx.ci");
        let name = format!("Test {label} {serial:03}");
        let id = Uuid::now_v7();
        let user = TestUser { id, email, password: TEST_PASSWORD.to_owned(), name };
        let row = user.clone();
        let client = self
            .with_conn(move |conn| {
                conn.transaction(|conn| {
                    diesel::insert_into(users::table)
                        .values((
                            users::id.eq(row.id),
                            users::email.eq(&row.email),
                            users::full_name.eq(&row.name),
                            users::locale.eq("fr"),
                            users::role.eq(role.as_str()),
                            users::password_hash.eq(test_password_hash()),
                            users::is_active.eq(true),
                        ))
                        .execute(conn)?;
                    let Some(member_role) = membership else { return QueryResult::Ok(None) };
                    let (client_id, name) = (Uuid::now_v7(), format!("Client {serial:03}"));
                    diesel::insert_into(clients::table)
                        .values((
                            clients::id.eq(client_id),
                            clients::name.eq(&name),
                            clients::city.eq("Abidjan"),
                            clients::country.eq("CI"),
                            clients::currency.eq("XOF"),
                        ))
                        .execute(conn)?;
                    add_member(conn, client_id, row.id, member_role)?;
                    Ok(Some((client_id, name)))
                })
                .expect("insert the test user")
            })
            .await;
        (user, client)
    }

    /// Deactivates a user the way an admin does (sessions revoked).
    pub async fn deactivate(&self, user_id: Uuid) {
        self.with_conn(move |conn| nourx_db::users::User::deactivate(conn, user_id).expect("deactivate")).await;
    }

    /// Runs `work` on this test's database.
    pub async fn with_conn<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut nourx_db::PgConn) -> T + Send + 'static,
    ) -> T {
        let db = self.db.clone();
        actix_web::web::block(move || {
            let mut conn = db.get().expect("connection");
            work(&mut conn)
        })
        .await
        .expect("join")
    }
}

fn add_member(conn: &mut PgConnection, client_id: Uuid, user_id: Uuid, role: MemberRole) -> QueryResult<usize> {
    diesel::insert_into(client_members::table)
        .values((
            client_members::client_id.eq(client_id),
            client_members::user_id.eq(user_id),
            client_members::role.eq(role.as_str()),
        ))
        .execute(conn)
}
