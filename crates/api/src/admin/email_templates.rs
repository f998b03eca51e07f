//! The email templates (settings, admins only): every template in French and English, its wording
//! overridable (subject, text, and optionally the HTML) with the variables it may use, a preview with
//! sample data, a test sent to oneself, and a reset to the built-in wording. An override is checked
//! when saved (`nourx_mail::check_source`), so that it cannot fail when an email is sent; sending uses
//! it (`services::mailer::render`). Every change is audited.

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use diesel::Connection;
use nourx_db::email_templates::{self, EmailTemplate, NewEmailTemplate};
use nourx_db::{PgConn, audit};
use nourx_domain::{Locale, Message, StaffAction};
use nourx_mail::{TemplateGroup, TemplateKey, TemplateSource, check_source, default_source, render_in, sample_vars};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::services::mailer;

const SUBJECT_MAX: usize = 300;
const TEXT_MAX: usize = 20_000;
const HTML_MAX: usize = 50_000;
/// Put before the subject of a test, so that nobody takes it for a real email.
const TEST_PREFIX: &str = "[Test] ";

/// A text in both languages of the product.
#[derive(Debug, Serialize, ToSchema)]
pub struct BilingualText {
    #[schema(example = "Facture envoyée")]
    pub fr: String,
    #[schema(example = "Invoice sent")]
    pub en: String,
}

impl From<Message> for BilingualText {
    fn from(message: Message) -> Self {
        BilingualText { fr: message.fr.into_owned(), en: message.en.into_owned() }
    }
}

/// The section a template is listed in.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmailTemplateGroup {
    Account,
    Projects,
    Billing,
    Support,
}

impl From<TemplateGroup> for EmailTemplateGroup {
    fn from(group: TemplateGroup) -> Self {
        match group {
            TemplateGroup::Account => EmailTemplateGroup::Account,
            TemplateGroup::Projects => EmailTemplateGroup::Projects,
            TemplateGroup::Billing => EmailTemplateGroup::Billing,
            TemplateGroup::Support => EmailTemplateGroup::Support,
        }
    }
}

/// A variable a template may use, `{{ name }}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateVariableDto {
    #[schema(example = "total")]
    pub name: String,
    pub description: BilingualText,
}

/// A template as listed: what it is, its variables, and which languages admins have customised.
#[derive(Debug, Serialize, ToSchema)]
pub struct EmailTemplateSummaryDto {
    #[schema(example = "invoice_sent")]
    pub key: String,
    pub group: EmailTemplateGroup,
    pub group_label: BilingualText,
    pub label: BilingualText,
    pub description: BilingualText,
    pub variables: Vec<TemplateVariableDto>,
    /// The languages whose wording admins changed (the others use the built-in wording).
    pub customised: Vec<Locale>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EmailTemplatesDto {
    /// Every template, by group (account, projects, billing, support).
    pub results: Vec<EmailTemplateSummaryDto>,
}

/// A template's wording, in minijinja (`{{ total }}`, `{% if overdue %}…{% endif %}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateSourceDto {
    #[schema(example = "Facture {{ number }} : {{ title }}")]
    pub subject: String,
    /// Plain text; blank lines separate paragraphs.
    pub text: String,
    /// The HTML body's content, values escaped; null: derived from the text (links made clickable).
    pub html: Option<String>,
}

impl From<TemplateSource> for TemplateSourceDto {
    fn from(source: TemplateSource) -> Self {
        TemplateSourceDto { subject: source.subject, text: source.body, html: source.html }
    }
}

/// One template in one language: the wording in use, the built-in one, and what may be used.
#[derive(Debug, Serialize, ToSchema)]
pub struct EmailTemplateDto {
    #[schema(example = "invoice_sent")]
    pub key: String,
    pub locale: Locale,
    pub group: EmailTemplateGroup,
    pub label: BilingualText,
    pub description: BilingualText,
    pub variables: Vec<TemplateVariableDto>,
    /// Whether the wording in use is an admin's (false: the built-in one).
    pub customised: bool,
    pub current: TemplateSourceDto,
    pub default: TemplateSourceDto,
    /// When and by whom it was last customised.
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by: Option<String>,
}

/// A wording to save, preview or send as a test.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateSourceRequest {
    /// 1–300 characters, one line.
    #[schema(example = "Facture {{ number }} : {{ title }}")]
    pub subject: String,
    /// 1–20 000 characters.
    pub text: String,
    /// Up to 50 000 characters; absent, null or blank: the HTML is derived from the text.
    #[serde(default)]
    pub html: Option<String>,
}

impl TemplateSourceRequest {
    /// The source, once it passes the checks; else a 400 naming each field with its line and reason
    /// (`{"text": ["Ligne 3 : variable inconnue « montant »."]}`).
    fn checked(self, key: TemplateKey, locale: Locale) -> Result<TemplateSource, ApiError> {
        let mut errors = FieldErrors::new();
        let subject = text(&mut errors, "subject", &self.subject, SUBJECT_MAX);
        text(&mut errors, "text", &self.text, TEXT_MAX);
        // Only the end is trimmed, so that the lines of an error are the lines of the editor.
        let body = self.text.trim_end().to_owned();
        let html = self.html.filter(|html| !html.trim().is_empty());
        if let Some(html) = &html {
            text(&mut errors, "html", html, HTML_MAX);
        }
        errors.into_result()?;
        let source = TemplateSource { subject, body, html: html.map(|h| h.trim_end().to_owned()) };
        if let Err(problems) = check_source(key, locale, &source) {
            let mut errors = FieldErrors::new();
            for problem in problems {
                errors.add(problem.part.as_str(), problem.message());
            }
            errors.into_result()?;
        }
        Ok(source)
    }
}

/// The email as it would be received, rendered with sample data.
#[derive(Debug, Serialize, ToSchema)]
pub struct RenderedEmailDto {
    #[schema(example = "Facture NX-2026-0042 : Refonte du site vitrine")]
    pub subject: String,
    pub text: String,
    /// A whole HTML document (show it in a sandboxed frame).
    pub html: String,
}

/// Sends a test of the wording in use, or of `source` (checked like a save, not saved).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TestEmailRequest {
    pub source: Option<TemplateSourceRequest>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TestEmailDto {
    /// The address the test was queued for: the caller's.
    #[schema(example = "admin@nourx.ci")]
    pub to: String,
}

fn variables(key: TemplateKey) -> Vec<TemplateVariableDto> {
    key.variables()
        .iter()
        .map(|name| TemplateVariableDto {
            name: (*name).to_owned(),
            description: key.variable_description(name).into(),
        })
        .collect()
}

fn summary(key: TemplateKey, overrides: &[EmailTemplate]) -> EmailTemplateSummaryDto {
    let customised = Locale::ALL
        .iter()
        .copied()
        .filter(|locale| overrides.iter().any(|o| o.template == key.as_str() && o.locale == *locale))
        .collect();
    EmailTemplateSummaryDto {
        key: key.as_str().to_owned(),
        group: key.group().into(),
        group_label: key.group().label().into(),
        label: key.label().into(),
        description: key.description().into(),
        variables: variables(key),
        customised,
    }
}

fn source_of(row: &EmailTemplate) -> TemplateSource {
    TemplateSource { subject: row.subject.clone(), body: row.text_body.clone(), html: row.html_body.clone() }
}

/// The template `key` in `locale` as the editor shows it.
fn detail(conn: &mut PgConn, key: TemplateKey, locale: Locale) -> Result<EmailTemplateDto, ApiError> {
    let row = email_templates::find(conn, key.as_str(), locale)?;
    let author = row.as_ref().and_then(|r| r.updated_by);
    let updated_by = match author {
        Some(id) => nourx_db::users::names(conn, &[id])?.remove(&id),
        None => None,
    };
    let default = default_source(key, locale);
    Ok(EmailTemplateDto {
        key: key.as_str().to_owned(),
        locale,
        group: key.group().into(),
        label: key.label().into(),
        description: key.description().into(),
        variables: variables(key),
        customised: row.is_some(),
        current: row.as_ref().map_or_else(|| default.clone(), source_of).into(),
        default: default.into(),
        updated_at: row.map(|r| r.updated_at),
        updated_by,
    })
}

/// `{key}/{locale}/` of the path: 404 for a template or a language that does not exist.
fn template_path(path: web::Path<(String, String)>) -> Result<(TemplateKey, Locale), ApiError> {
    let (key, locale) = path.into_inner();
    TemplateKey::parse(&key).zip(Locale::parse(&locale)).ok_or(ApiError::NotFound)
}

/// The audit trail's name of a template in a language: `invoice_sent/fr`.
fn audit_id(key: TemplateKey, locale: Locale) -> Option<String> {
    Some(format!("{}/{}", key.as_str(), locale.as_str()))
}

/// What the audit trail keeps of a wording.
fn audited(source: &TemplateSource) -> serde_json::Value {
    serde_json::json!({"subject": source.subject, "text": source.body, "html": source.html})
}

/// Saves `source` as the wording of `key` in `locale`; audited (the change from the wording in use).
fn save(
    conn: &mut PgConn,
    staff: &Staff,
    key: TemplateKey,
    locale: Locale,
    source: &TemplateSource,
) -> Result<(), ApiError> {
    let before = email_templates::find(conn, key.as_str(), locale)?
        .map_or_else(|| default_source(key, locale), |r| source_of(&r));
    NewEmailTemplate {
        template: key.as_str(),
        locale,
        subject: &source.subject,
        text_body: &source.body,
        html_body: source.html.as_deref(),
        updated_by: Some(staff.id()),
    }
    .save(conn)?;
    let diff = audit::diff(&audited(&before), &audited(source));
    audit::record(conn, &staff.audit(), "update", "email_template", audit_id(key, locale), diff)?;
    Ok(())
}

/// Every email template, with its variables and the languages admins customised (admins).
#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, body = EmailTemplatesDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/email-templates/")]
pub async fn list_email_templates(staff: Staff, state: web::Data<AppState>) -> ApiResult<web::Json<EmailTemplatesDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let overrides = state.db.run(|conn| email_templates::list(conn).map_err(ApiError::from)).await?;
    let mut keys = TemplateKey::ALL.to_vec();
    keys.sort_by_key(|key| key.group());
    let results = keys.into_iter().map(|key| summary(key, &overrides)).collect();
    Ok(web::Json(EmailTemplatesDto { results }))
}

/// A template in a language: the wording in use, the built-in one, its variables (admins).
#[utoipa::path(
    tag = "admin",
    params(("key" = String, Path, example = "invoice_sent"), ("locale" = Locale, Path)),
    responses(
        (status = 200, body = EmailTemplateDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin", body = ErrorDetail),
        (status = 404, description = "No such template or language", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/email-templates/{key}/{locale}/")]
pub async fn get_email_template(
    staff: Staff,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<web::Json<EmailTemplateDto>> {
    let (key, locale) = template_path(path)?;
    staff.require_staff(StaffAction::ManageSettings)?;
    let template = state.db.run(move |conn| detail(conn, key, locale)).await?;
    Ok(web::Json(template))
}

/// Saves an admin's wording of a template in a language, once it parses, names only the template's
/// variables and renders with its sample data (else a 400 giving each field's line and reason); the
/// next emails of that kind in that language use it. Audited.
#[utoipa::path(
    tag = "admin",
    params(("key" = String, Path, example = "invoice_sent"), ("locale" = Locale, Path)),
    request_body = TemplateSourceRequest,
    responses(
        (status = 200, body = EmailTemplateDto),
        (status = 400, description = "A field is blank or too long, or does not parse, render, or names an unknown variable (with its line)", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such template or language", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[put("/admin/email-templates/{key}/{locale}/")]
pub async fn put_email_template(
    staff: Staff,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    Json(body): Json<TemplateSourceRequest>,
) -> ApiResult<web::Json<EmailTemplateDto>> {
    let (key, locale) = template_path(path)?;
    staff.require_staff(StaffAction::ManageSettings)?;
    let source = body.checked(key, locale)?;
    let template = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                save(conn, &staff, key, locale, &source)?;
                detail(conn, key, locale)
            })
        })
        .await?;
    Ok(web::Json(template))
}

/// Goes back to the built-in wording of a template in a language; audited (nothing to do, and no
/// audit row, when it was not customised).
#[utoipa::path(
    tag = "admin",
    params(("key" = String, Path, example = "invoice_sent"), ("locale" = Locale, Path)),
    responses(
        (status = 204),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such template or language", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[delete("/admin/email-templates/{key}/{locale}/")]
pub async fn reset_email_template(
    staff: Staff,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (key, locale) = template_path(path)?;
    staff.require_staff(StaffAction::ManageSettings)?;
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let Some(removed) = email_templates::delete(conn, key.as_str(), locale)? else { return Ok(()) };
                let diff = audit::diff(&audited(&source_of(&removed)), &audited(&default_source(key, locale)));
                audit::record(conn, &staff.audit(), "reset", "email_template", audit_id(key, locale), diff)?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A wording (not saved) rendered with the template's sample data, as it would be received; a
/// wording that would be refused on save is refused the same way. Admins; nothing is stored.
#[utoipa::path(
    tag = "admin",
    params(("key" = String, Path, example = "invoice_sent"), ("locale" = Locale, Path)),
    request_body = TemplateSourceRequest,
    responses(
        (status = 200, body = RenderedEmailDto),
        (status = 400, description = "As a save: each field's line and reason", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such template or language", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/email-templates/{key}/{locale}/preview/")]
pub async fn preview_email_template(
    staff: Staff,
    path: web::Path<(String, String)>,
    Json(body): Json<TemplateSourceRequest>,
) -> ApiResult<web::Json<RenderedEmailDto>> {
    let (key, locale) = template_path(path)?;
    staff.require_staff(StaffAction::ManageSettings)?;
    let source = body.checked(key, locale)?;
    let email = render_in(&source, locale, &sample_vars(key, locale))
        .map_err(|e| ApiError::internal(anyhow::anyhow!("previewing the {key} email: {e}")))?;
    Ok(web::Json(RenderedEmailDto { subject: email.subject, text: email.text_body, html: email.html_body }))
}

/// Queues a test of a template, filled with its sample data, to the caller's own address, through
/// the outbox like any email: the wording in use, or `source` (checked like a save, not saved). The
/// subject starts with « [Test] ». Audited.
#[utoipa::path(
    tag = "admin",
    params(("key" = String, Path, example = "invoice_sent"), ("locale" = Locale, Path)),
    request_body = TestEmailRequest,
    responses(
        (status = 202, description = "Queued for delivery", body = TestEmailDto),
        (status = 400, description = "The posted wording is refused (each field's line and reason)", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such template or language", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/email-templates/{key}/{locale}/test/")]
pub async fn test_email_template(
    staff: Staff,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    Json(body): Json<TestEmailRequest>,
) -> ApiResult<HttpResponse> {
    let (key, locale) = template_path(path)?;
    staff.require_staff(StaffAction::ManageSettings)?;
    let source = body.source.map(|source| source.checked(key, locale)).transpose()?;
    let to = staff.current.user.email.clone();
    let queued = to.clone();
    state
        .db
        .run(move |conn| conn.transaction(|conn| send_test(conn, &staff, key, locale, source.as_ref(), &queued)))
        .await?;
    Ok(HttpResponse::Accepted().json(TestEmailDto { to }))
}

/// Renders the test (`source`, or the wording in use as sending renders it) and queues it for `to`.
fn send_test(
    conn: &mut PgConn,
    staff: &Staff,
    key: TemplateKey,
    locale: Locale,
    source: Option<&TemplateSource>,
    to: &str,
) -> Result<(), ApiError> {
    let vars = sample_vars(key, locale);
    let mut email = match source {
        Some(source) => render_in(source, locale, &vars)
            .map_err(|e| ApiError::internal(anyhow::anyhow!("rendering a test of the {key} email: {e}")))?,
        None => mailer::render(conn, key, locale, &vars)?,
    };
    email.subject = format!("{TEST_PREFIX}{}", email.subject);
    mailer::store(conn, to, locale, key, &email)?;
    let diff = serde_json::json!({"to": to, "unsaved_source": source.is_some()});
    audit::record(conn, &staff.audit(), "send_test", "email_template", audit_id(key, locale), diff)?;
    Ok(())
}
