//! « Tester la connexion »: `nourx check`'s CinetPay test (`PaymentService::test_connection`) run
//! from the settings page against the saved settings, and its verdict step by step.

use actix_web::{post, web};
use nourx_cinetpay::ConnectionTest;
use nourx_domain::StaffAction;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::error::ApiResult;
use crate::http::schemas::ErrorDetail;

/// How one step of the test went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepOutcome {
    Passed,
    Failed,
    /// Not reached (an earlier step failed), not applicable (plain HTTP has no TLS), or the answer
    /// said nothing sure about it.
    NotTested,
}

/// What « Tester la connexion » found.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConnectionTestDto {
    /// CinetPay reached and the credentials accepted.
    pub ok: bool,
    /// `accepted`, `credentials_refused`, `unexpected`, `unreachable` or `misconfigured`.
    #[schema(example = "accepted")]
    pub outcome: String,
    /// The address tested (`CINETPAY_BASE_URL`).
    pub base_url: String,
    /// The certificate checked over HTTPS.
    pub tls: StepOutcome,
    /// CinetPay answered.
    pub reachability: StepOutcome,
    /// CinetPay accepted the site id and the API key in force.
    pub credentials: StepOutcome,
    /// CinetPay's answer to the probe (a check of a transaction that does not exist), when it gave one.
    #[schema(example = "627")]
    pub code: Option<String>,
    pub provider_message: Option<String>,
    /// The verdict in a sentence.
    pub message_fr: String,
    pub message_en: String,
    /// The technical line of `nourx check` (English), for whoever digs further.
    pub detail: String,
}

impl ConnectionTestDto {
    pub(crate) fn new(test: &ConnectionTest, base_url: &str) -> ConnectionTestDto {
        use StepOutcome::{Failed, NotTested, Passed};
        let tls_ok = if base_url.starts_with("https://") { Passed } else { NotTested };
        let (outcome, steps, answer, fr, en) = match test {
            ConnectionTest::Accepted { code, message } => (
                "accepted",
                (tls_ok, Passed, Passed),
                Some((code, message)),
                "Connexion réussie : CinetPay a répondu et accepte l'identifiant du site et la clé d'API.".to_owned(),
                "Connection works: CinetPay answered and accepts the site id and the API key.".to_owned(),
            ),
            ConnectionTest::CredentialsRefused { code, message } => (
                "credentials_refused",
                (tls_ok, Passed, Failed),
                Some((code, message)),
                format!("CinetPay refuse les identifiants ({code}) : vérifiez l'identifiant du site et la clé d'API."),
                format!("CinetPay refuses the credentials ({code}): check the site id and the API key."),
            ),
            ConnectionTest::Unexpected { code, message, .. } => (
                "unexpected",
                (tls_ok, Passed, NotTested),
                Some((code, message)),
                format!(
                    "CinetPay a répondu de façon inattendue ({code} {message}) : les identifiants n'ont pas pu être vérifiés."
                ),
                format!("CinetPay gave an unexpected answer ({code} {message}): the credentials could not be checked."),
            ),
            ConnectionTest::Unreachable(reason) if reason.starts_with("TLS certificate refused") => (
                "unreachable",
                (Failed, Passed, NotTested),
                None,
                "Le certificat de CinetPay n'est pas reconnu : la connexion sécurisée a été refusée.".to_owned(),
                "CinetPay's certificate is not trusted: the secure connection was refused.".to_owned(),
            ),
            ConnectionTest::Unreachable(reason) if reason.starts_with("HTTP ") => (
                "unreachable",
                (tls_ok, Passed, NotTested),
                None,
                "CinetPay a répondu par une erreur : réessayez dans quelques minutes.".to_owned(),
                "CinetPay answered with an error: try again in a few minutes.".to_owned(),
            ),
            ConnectionTest::Unreachable(_) => (
                "unreachable",
                (NotTested, Failed, NotTested),
                None,
                "CinetPay est injoignable : vérifiez l'adresse du service et le réseau du serveur.".to_owned(),
                "CinetPay cannot be reached: check the service's address and the server's network.".to_owned(),
            ),
            ConnectionTest::Misconfigured(_) => (
                "misconfigured",
                (NotTested, NotTested, NotTested),
                None,
                "Rien à tester : renseignez l'identifiant du site, la clé d'API et la clé secrète.".to_owned(),
                "Nothing to test: fill in the site id, the API key and the secret key.".to_owned(),
            ),
        };
        ConnectionTestDto {
            ok: test.is_ok(),
            outcome: outcome.to_owned(),
            base_url: base_url.to_owned(),
            tls: steps.0,
            reachability: steps.1,
            credentials: steps.2,
            code: answer.map(|(code, _)| code.clone()),
            provider_message: answer.map(|(_, message)| message.clone()),
            message_fr: fr,
            message_en: en,
            detail: test.describe(),
        }
    }
}

/// Tests the connection to CinetPay with the saved settings (admins), as `nourx check` does: TLS,
/// an answer, and the credentials accepted by a harmless check of a transaction that does not
/// exist. Stores nothing; a failed test is a 200 with `ok: false`.
#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, body = ConnectionTestDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/settings/payments/test/")]
pub async fn test_payment_connection(
    staff: Staff,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<ConnectionTestDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let test = state.payments.test_connection().await;
    Ok(web::Json(ConnectionTestDto::new(&test, &state.config.cinetpay.base_url)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_outcome_names_the_steps_it_passed() {
        let https = "https://api-checkout.cinetpay.com";
        let accepted = ConnectionTest::Accepted { code: "627".into(), message: "TRANSACTION_CANCEL".into() };
        let dto = ConnectionTestDto::new(&accepted, https);
        assert!(dto.ok);
        assert_eq!(
            (dto.tls, dto.reachability, dto.credentials),
            (StepOutcome::Passed, StepOutcome::Passed, StepOutcome::Passed)
        );
        assert_eq!(dto.code.as_deref(), Some("627"));
        assert_eq!(ConnectionTestDto::new(&accepted, "http://127.0.0.1:9").tls, StepOutcome::NotTested);

        let refused = ConnectionTest::CredentialsRefused { code: "609".into(), message: "AUTH_NOT_FOUND".into() };
        let dto = ConnectionTestDto::new(&refused, https);
        assert!(!dto.ok);
        assert_eq!((dto.reachability, dto.credentials), (StepOutcome::Passed, StepOutcome::Failed));
        assert!(dto.message_fr.contains("609"), "{}", dto.message_fr);

        let certificate = ConnectionTest::Unreachable("TLS certificate refused (…): UnknownIssuer".into());
        let dto = ConnectionTestDto::new(&certificate, https);
        assert_eq!((dto.tls, dto.reachability), (StepOutcome::Failed, StepOutcome::Passed));

        let down = ConnectionTest::Unreachable("connection failed: tcp connect error".into());
        let dto = ConnectionTestDto::new(&down, https);
        assert_eq!(
            (dto.tls, dto.reachability, dto.credentials),
            (StepOutcome::NotTested, StepOutcome::Failed, StepOutcome::NotTested)
        );
        assert_eq!(dto.outcome, "unreachable");

        let nothing = ConnectionTestDto::new(&ConnectionTest::Misconfigured("no credentials".into()), https);
        assert_eq!((nothing.outcome.as_str(), nothing.ok), ("misconfigured", false));
    }
}
