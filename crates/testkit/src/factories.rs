use diesel::Connection;
use nourx_db::clients::{self, NewClient};
use nourx_db::users::{NewUser, User};
use nourx_domain::{Locale, MemberRole, NewPassword, PasswordRules, Role};
use uuid::Uuid;

use crate::TestApp;

/// A user created for a test, with the password it logs in with.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: Uuid,
    pub email: String,
    pub password: String,
    pub name: String,
}

pub const TEST_PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    /// An active NOURX staff account.
    pub async fn admin(&self) -> TestUser {
        self.create_user("admin", None).await
    }

    /// An active client user, owner of a new client company.
    pub async fn client_user(&self) -> TestUser {
        self.create_user("client", Some("owner")).await
    }

    /// A new client company with an owner; returns (client id, owner).
    pub async fn client_with_owner(&self) -> (Uuid, TestUser) {
        let owner = self.client_user().await;
        let id = owner.id;
        let client_id = self.with_conn(move |conn| clients::client_ids_of(conn, id).expect("memberships")[0]).await;
        (client_id, owner)
    }

    /// A new active client user who is a member of `client_id` with `role` (owner, member or viewer).
    pub async fn member_of(&self, client_id: Uuid, role: &'static str) -> TestUser {
        let user = self.create_user("client", None).await;
        let user_id = user.id;
        let role = MemberRole::parse(role).expect("a member role: owner, member or viewer");
        self.with_conn(move |conn| clients::add_member(conn, client_id, user_id, role).expect("add member")).await;
        user
    }

    async fn create_user(&self, role: &'static str, membership: Option<&'static str>) -> TestUser {
        let db = self.db.clone();
        actix_web::web::block(move || {
            let id = Uuid::now_v7();
            let short = &id.simple().to_string()[20..];
            let email = format!("{role}-{short}@test.nourx.ci");
            let name = format!("Test {role} {short}");
            let password = NewPassword::parse(TEST_PASSWORD, PasswordRules::default()).expect("valid password");
            let hash = nourx_api::services::passwords::hash_blocking(&password).expect("hash");
            let mut conn = db.get().expect("connection");
            conn.transaction(|conn| {
                NewUser {
                    id,
                    email: &email,
                    full_name: &name,
                    phone: None,
                    locale: Locale::Fr,
                    role: Role::parse(role).expect("a role: admin or client"),
                    password_hash: &hash,
                    is_active: true,
                }
                .insert(conn)?;
                if let Some(member_role) = membership {
                    let client = NewClient {
                        id: Uuid::now_v7(),
                        name: &format!("Client {short}"),
                        legal_name: None,
                        tax_id: None,
                        address: None,
                        city: Some("Abidjan"),
                        country: "CI",
                        phone: None,
                        billing_email: None,
                        currency: "XOF",
                    }
                    .insert(conn)?;
                    let member_role = MemberRole::parse(member_role).expect("a member role");
                    clients::add_member(conn, client.id, id, member_role)?;
                }
                diesel::QueryResult::Ok(())
            })
            .expect("insert the test user");
            TestUser { id, email, password: TEST_PASSWORD.to_owned(), name }
        })
        .await
        .expect("join")
    }

    /// Deactivates a user the way an admin does (sessions revoked).
    pub async fn deactivate(&self, user_id: Uuid) {
        let db = self.db.clone();
        actix_web::web::block(move || {
            let mut conn = db.get().expect("connection");
            User::deactivate(&mut conn, user_id).expect("deactivate");
        })
        .await
        .expect("join");
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
