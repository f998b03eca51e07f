//! Two-factor authentication in tests: codes computed as an authenticator app does, enrolment
//! through the API, and the two-step login.

use crate::{TestApp, TestClient, TestUser};

/// The TOTP code of `secret` `steps_from_now` 30-second steps from now (the API accepts one
/// step either way; each step once).
pub fn totp_code(secret: &[u8], steps_from_now: i64) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs();
    let time = now.saturating_add_signed(steps_from_now * 30);
    nourx_domain::two_factor::totp_code(secret, time).expect("a TOTP code")
}

/// What enrolment gave: the secret (as the app holds it) and the ten recovery codes.
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub secret: Vec<u8>,
    pub recovery_codes: Vec<String>,
}

impl TestApp {
    /// Turns two-factor authentication on for the client's account, as a person does: setup,
    /// then confirm with the app's current code (that 30-second step is then used).
    pub async fn enrol_two_factor(&self, client: &TestClient) -> Enrolment {
        let setup = client.request(reqwest::Method::POST, "/api/me/two-factor/setup/").send().await;
        assert_eq!(setup.status, 200, "two-factor setup: {}", setup.text);
        let text = setup.body["secret"].as_str().expect("secret");
        let secret = nourx_domain::two_factor::secret_from_people(text).expect("a base32 secret");
        let confirm =
            client.post("/api/me/two-factor/confirm/", &serde_json::json!({"otp": totp_code(&secret, 0)})).await;
        assert_eq!(confirm.status, 200, "two-factor confirmation: {}", confirm.text);
        let recovery_codes = confirm.body["recovery_codes"]
            .as_array()
            .expect("recovery codes")
            .iter()
            .map(|code| code.as_str().expect("a code").to_owned())
            .collect();
        Enrolment { secret, recovery_codes }
    }

    /// Logs `user` in through both steps, the second with `code`; panics unless both succeed.
    pub async fn login_with_code(&self, user: &TestUser, code: &str) -> TestClient {
        let client = self.client();
        let body = serde_json::json!({"email": user.email, "password": user.password});
        let password = client.post("/api/auth/login/", &body).await;
        assert_eq!(password.status, 202, "password step of {}: {}", user.email, password.text);
        let second = client.post("/api/auth/login/two-factor/", &serde_json::json!({"otp": code})).await;
        assert_eq!(second.status, 200, "code step of {}: {}", user.email, second.text);
        client
    }
}
