//! `GET/PUT /api/admin/settings/branding/`: the branding as admins see and change it.

use actix_web::{get, put, web};
use diesel::Connection;
use nourx_db::{PgConn, audit};
use nourx_domain::branding::check_brand_color;
use nourx_domain::{Email, Message, StaffAction};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{BRANDING_SETTINGS_KEY, Branding};
use crate::AppState;
use crate::http::caller::Staff;
use crate::http::dto_util::{long_text, text};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::payments::settings::store;

const ADDRESS_LINES_MAX: usize = 4;
const INSTRUCTION_LINES_MAX: usize = 8;
const LEGAL_FOOTER_MAX: usize = 500;

/// The logo as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LogoDto {
    /// The emails' and the portal's image (PNG), from the site's root; changes with the logo.
    #[schema(example = "/api/branding/logo/3f9a1c0b7d2e4a51/")]
    pub url: String,
    /// Its size in pixels (at most 480×160).
    pub width: u32,
    pub height: u32,
}

/// The agency's branding: what every PDF, email and the portal's header show.
#[derive(Debug, Serialize, ToSchema)]
pub struct BrandingDto {
    /// The name people know: the letterhead, the emails, the portal's header.
    #[schema(example = "NOURX")]
    pub display_name: String,
    /// The registered name, at the start of the PDFs' footer.
    #[schema(example = "NOURX SARL")]
    pub legal_name: String,
    pub address_lines: Vec<String>,
    #[schema(example = "CI-ABJ-2021-B-12345")]
    pub rccm: Option<String>,
    /// The taxpayer number (numéro de compte contribuable).
    #[schema(example = "2101234A")]
    pub ncc: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// Printed under unpaid invoices, one line each (bank details, Mobile Money).
    pub payment_instructions_fr: Vec<String>,
    pub payment_instructions_en: Vec<String>,
    /// Legal mentions at the foot of every PDF page.
    pub legal_footer: Option<String>,
    /// `#rrggbb`.
    #[schema(example = "#0b4f6c")]
    pub primary_color: String,
    pub logo: Option<LogoDto>,
    /// Changes with every change of the branding (the stored PDFs' keys carry it).
    pub version: String,
}

impl From<Branding> for BrandingDto {
    fn from(branding: Branding) -> Self {
        let version = branding.version();
        BrandingDto {
            logo: branding.logo.as_ref().map(|logo| LogoDto {
                url: super::public::logo_path(&logo.version),
                width: logo.width,
                height: logo.height,
            }),
            display_name: branding.name,
            legal_name: branding.legal_name,
            address_lines: branding.address_lines,
            rccm: branding.rccm,
            ncc: branding.ncc,
            email: branding.email,
            phone: branding.phone,
            website: branding.website,
            payment_instructions_fr: branding.payment_instructions_fr,
            payment_instructions_en: branding.payment_instructions_en,
            legal_footer: branding.legal_footer,
            primary_color: branding.color,
            version,
        }
    }
}

/// The whole branding but the logo (`/logo/` routes). Blank optional fields are removed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateBrandingRequest {
    /// 1 to 80 characters.
    pub display_name: String,
    /// 1 to 200 characters.
    pub legal_name: String,
    /// Up to 4 lines of 120 characters; blank lines are dropped.
    pub address_lines: Vec<String>,
    /// Up to 50 characters.
    #[serde(default)]
    pub rccm: Option<String>,
    /// Up to 30 characters.
    #[serde(default)]
    pub ncc: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// 8 to 15 digits, with an optional country code; kept as written.
    #[serde(default)]
    pub phone: Option<String>,
    /// A domain (`nourx.ci`) or an `http(s)` address; up to 200 characters.
    #[serde(default)]
    pub website: Option<String>,
    /// Up to 8 lines of 200 characters each.
    pub payment_instructions_fr: Vec<String>,
    pub payment_instructions_en: Vec<String>,
    /// Up to 500 characters.
    #[serde(default)]
    pub legal_footer: Option<String>,
    /// `#rrggbb`, dark enough for white text on it (contrast 3:1 at least).
    #[schema(example = "#0b4f6c")]
    pub primary_color: String,
}

/// An optional text: trimmed, `None` when blank, at most `max` characters.
fn optional(errors: &mut FieldErrors, field: &str, value: Option<&str>, max: usize) -> Option<String> {
    let value = long_text(errors, field, value.unwrap_or_default(), max);
    Some(value).filter(|value| !value.is_empty())
}

/// Non-blank lines, trimmed: at most `max_lines` of `max` characters each.
fn lines(errors: &mut FieldErrors, field: &str, values: &[String], max_lines: usize, max: usize) -> Vec<String> {
    let kept: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(index, line)| long_text(errors, &format!("{field}[{index}]"), line, max))
        .filter(|line| !line.is_empty())
        .collect();
    if kept.len() > max_lines {
        errors.add(
            field,
            Message::owned(format!("{max_lines} lignes au maximum."), format!("At most {max_lines} lines.")),
        );
    }
    kept
}

/// `nourx.ci`, `www.nourx.ci`, `https://nourx.ci/agence`: no space, a dot in the host.
fn website(errors: &mut FieldErrors, value: Option<&str>) -> Option<String> {
    let site = optional(errors, "website", value, 200)?;
    let lower = site.to_ascii_lowercase();
    let host = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or(&lower);
    let host = host.split(['/', '?', '#']).next().unwrap_or_default();
    let valid = !site.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"'".contains(c))
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        // A scheme only when it is http(s).
        && (!lower.contains("://") || lower.starts_with("http://") || lower.starts_with("https://"));
    if !valid {
        errors.add(
            "website",
            Message::new(
                "Adresse de site invalide (ex. nourx.ci ou https://nourx.ci).",
                "Invalid website address (e.g. nourx.ci or https://nourx.ci).",
            ),
        );
    }
    Some(site)
}

impl UpdateBrandingRequest {
    /// The branding after the change (the logo kept), or a 400 naming each bad field.
    fn apply(self, before: &Branding) -> Result<Branding, ApiError> {
        let mut errors = FieldErrors::new();
        let email = optional(&mut errors, "email", self.email.as_deref(), 254).and_then(|email| {
            Email::parse(&email).map(Email::into_inner).map_err(|message| errors.add("email", message)).ok()
        });
        let phone = optional(&mut errors, "phone", self.phone.as_deref(), 40);
        if phone.as_deref().is_some_and(|phone| crate::me::normalize_phone(phone).is_none()) {
            errors.add(
                "phone",
                Message::new(
                    "Numéro invalide : 8 à 15 chiffres, indicatif pays facultatif (ex. +225 27 20 30 40 50).",
                    "Invalid number: 8 to 15 digits, optional country code (e.g. +225 27 20 30 40 50).",
                ),
            );
        }
        let color = check_brand_color(&self.primary_color).unwrap_or_else(|message| {
            errors.add("primary_color", message);
            String::new()
        });
        let after = Branding {
            name: text(&mut errors, "display_name", &self.display_name, 80),
            legal_name: text(&mut errors, "legal_name", &self.legal_name, 200),
            address_lines: lines(&mut errors, "address_lines", &self.address_lines, ADDRESS_LINES_MAX, 120),
            rccm: optional(&mut errors, "rccm", self.rccm.as_deref(), 50),
            ncc: optional(&mut errors, "ncc", self.ncc.as_deref(), 30),
            email,
            phone,
            website: website(&mut errors, self.website.as_deref()),
            payment_instructions_fr: lines(
                &mut errors,
                "payment_instructions_fr",
                &self.payment_instructions_fr,
                INSTRUCTION_LINES_MAX,
                200,
            ),
            payment_instructions_en: lines(
                &mut errors,
                "payment_instructions_en",
                &self.payment_instructions_en,
                INSTRUCTION_LINES_MAX,
                200,
            ),
            legal_footer: optional(&mut errors, "legal_footer", self.legal_footer.as_deref(), LEGAL_FOOTER_MAX),
            color,
            logo: before.logo.clone(),
        };
        errors.into_result()?;
        Ok(after)
    }
}

/// Saves `after` over `before` and audits the change (`update` of `settings` `branding`). Call
/// inside a transaction.
pub(crate) fn save(
    conn: &mut PgConn,
    staff: &Staff,
    action: &str,
    before: &Branding,
    after: &Branding,
) -> Result<(), ApiError> {
    store(conn, BRANDING_SETTINGS_KEY, after, staff.id())?;
    audit::record(
        conn,
        &staff.audit(),
        action,
        "settings",
        Some(BRANDING_SETTINGS_KEY.into()),
        audit::changes(before, after),
    )?;
    Ok(())
}

/// The branding (admins).
#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, body = BrandingDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/settings/branding/")]
pub async fn get_branding(staff: Staff, state: web::Data<AppState>) -> ApiResult<web::Json<BrandingDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let branding = state.db.run(Branding::load).await?;
    Ok(web::Json(branding.into()))
}

/// Changes the branding but the logo (admins); audited. Every PDF is printed again with it on its
/// next download; emails sent from now on carry it.
#[utoipa::path(
    tag = "admin",
    request_body = UpdateBrandingRequest,
    responses(
        (status = 200, body = BrandingDto),
        (status = 400, description = "Invalid value", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not an admin, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[put("/admin/settings/branding/")]
pub async fn update_branding(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<UpdateBrandingRequest>,
) -> ApiResult<web::Json<BrandingDto>> {
    staff.require_staff(StaffAction::ManageSettings)?;
    let branding = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = Branding::load(conn)?;
                let after = body.apply(&before)?;
                save(conn, &staff, "update", &before, &after)?;
                Ok::<_, ApiError>(after)
            })
        })
        .await?;
    Ok(web::Json(branding.into()))
}
