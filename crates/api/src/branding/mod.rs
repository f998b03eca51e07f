//! The agency's branding (`settings` row `branding`): its names, address, registration numbers,
//! bank details, legal mentions, colour and logo. Every PDF prints it, every email's HTML carries
//! its name, logo and colour, and the portal's header and login page read its public part.
//!
//! - admins read and change it (`admin`), upload its logo through the storage (`logo`) and look at
//!   a sample invoice printed with it (`sample`);
//! - anyone reads its name, logo and colour (`public`);
//! - its **version** (a digest of the row) is part of every stored PDF's key: a change of
//!   branding makes every PDF render again on its next download.

mod admin;
mod logo;
mod public;
mod sample;

pub use admin::*;
pub use logo::*;
pub use public::*;
pub use sample::*;

use nourx_db::PgConn;
use nourx_domain::Lang;
use nourx_domain::branding::DEFAULT_BRAND_COLOR;
use nourx_pdf::Letterhead;
use serde::{Deserialize, Serialize};

use crate::http::error::ApiError;

/// The `settings` row of the branding.
pub const BRANDING_SETTINGS_KEY: &str = "branding";

/// The agency's branding as stored. Every field has a default, so a fresh install prints correct
/// documents before anyone sets them; a row that cannot be read prints the defaults rather than
/// stopping invoicing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Branding {
    /// The name people know (the PDFs' letterhead, the emails, the portal's header).
    pub name: String,
    /// The registered name (the PDFs' footer): "NOURX SARL".
    pub legal_name: String,
    pub address_lines: Vec<String>,
    /// Registre du commerce et du crédit mobilier.
    pub rccm: Option<String>,
    /// Numéro de compte contribuable (the taxpayer number).
    pub ncc: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// Printed under unpaid invoices, one per line: bank details, Mobile Money…
    pub payment_instructions_fr: Vec<String>,
    pub payment_instructions_en: Vec<String>,
    /// Legal mentions at the foot of every PDF page (one text: the company's legal wording).
    pub legal_footer: Option<String>,
    /// `#rrggbb`.
    pub color: String,
    pub logo: Option<Logo>,
}

/// The logo, resized, in object storage (see `logo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logo {
    /// A digest of the PDF-sized image: part of the logo's public address, so that a new logo
    /// never shows an old one from a cache.
    pub version: String,
    /// PNG fitted in `LOGO_PDF_BOX`, for the PDFs.
    pub pdf_key: String,
    /// PNG fitted in `LOGO_WEB_BOX`, for the emails and the portal.
    pub web_key: String,
    /// The web image's size in pixels.
    pub width: u32,
    pub height: u32,
    /// The web image's absolute address, for the emails (written to the outbox, read elsewhere):
    /// the web app's public address when the logo was set, then `/api/branding/logo/{version}/`.
    pub email_url: String,
}

impl Default for Branding {
    fn default() -> Self {
        Branding {
            name: "NOURX".into(),
            legal_name: "NOURX SARL".into(),
            address_lines: vec!["Cocody Riviera 3, rue des Jardins".into(), "Abidjan, Côte d'Ivoire".into()],
            rccm: Some("CI-ABJ-2021-B-12345".into()),
            ncc: Some("2101234A".into()),
            email: Some("facturation@nourx.ci".into()),
            phone: Some("+225 07 00 00 00 00".into()),
            website: Some("nourx.ci".into()),
            payment_instructions_fr: vec![
                "Paiement en ligne (Mobile Money ou carte) depuis votre espace client NOURX.".into(),
                "Virement bancaire : NOURX SARL — IBAN CI93 CI000 01234 567890123456 78.".into(),
                "Merci d'indiquer le numéro de facture dans le libellé du paiement.".into(),
            ],
            payment_instructions_en: vec![
                "Pay online (mobile money or card) from your NOURX client portal.".into(),
                "Bank transfer: NOURX SARL — IBAN CI93 CI000 01234 567890123456 78.".into(),
                "Please quote the invoice number with your payment.".into(),
            ],
            legal_footer: None,
            color: DEFAULT_BRAND_COLOR.into(),
            logo: None,
        }
    }
}

impl Branding {
    pub fn load(conn: &mut PgConn) -> Result<Branding, ApiError> {
        Ok(nourx_db::settings::get(conn, BRANDING_SETTINGS_KEY)?
            .and_then(|value| serde_json::from_value(value).ok())
            .unwrap_or_default())
    }

    /// A short digest of everything the branding prints: part of every stored PDF's key.
    pub fn version(&self) -> String {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        hex::encode(&ring::digest::digest(&ring::digest::SHA256, &bytes).as_ref()[..6])
    }

    /// The letterhead of the documents in `lang`, without the logo's bytes (read from the storage
    /// only when a PDF is rendered: see [`Branding::logo_key`]).
    pub(crate) fn letterhead(&self, lang: Lang) -> Letterhead {
        let colon = match lang {
            Lang::Fr => " :",
            Lang::En => ":",
        };
        let tax_ids = [("RCCM", &self.rccm), ("NCC", &self.ncc)]
            .into_iter()
            .filter_map(|(label, value)| value.as_deref().map(|value| format!("{label}{colon} {value}")))
            .collect();
        Letterhead {
            name: self.name.clone(),
            address_lines: self.address_lines.clone(),
            tax_ids,
            email: self.email.clone(),
            phone: self.phone.clone(),
            website: self.website.clone(),
            logo_png: None,
            legal_name: Some(self.legal_name.clone()),
            legal_footer: self.legal_footer.clone(),
            color: Some(self.color.clone()),
        }
    }

    /// Where the PDFs' logo is kept, if there is one.
    pub(crate) fn logo_key(&self) -> Option<String> {
        self.logo.as_ref().map(|logo| logo.pdf_key.clone())
    }

    pub(crate) fn payment_instructions(&self, lang: Lang) -> Vec<String> {
        match lang {
            Lang::Fr => self.payment_instructions_fr.clone(),
            Lang::En => self.payment_instructions_en.clone(),
        }
    }

    /// What the emails' HTML shows at its top.
    pub(crate) fn email_brand(&self) -> nourx_mail::EmailBrand {
        nourx_mail::EmailBrand {
            name: self.name.clone(),
            logo_url: self.logo.as_ref().map(|logo| logo.email_url.clone()),
            logo_size: self.logo.as_ref().map(|logo| (logo.width, logo.height)),
            color: self.color.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_every_printed_field() {
        let branding = Branding::default();
        assert_eq!(branding.version(), Branding::default().version());
        assert_eq!(branding.version().len(), 12);
        let footer = Branding { legal_footer: Some("SARL au capital de 1 000 000 FCFA".into()), ..Branding::default() };
        let color = Branding { color: "#7c2d12".into(), ..Branding::default() };
        assert_ne!(footer.version(), branding.version());
        assert_ne!(color.version(), branding.version());
    }

    #[test]
    fn the_letterhead_labels_the_registration_numbers_in_each_language() {
        let branding = Branding { ncc: None, ..Branding::default() };
        assert_eq!(branding.letterhead(Lang::Fr).tax_ids, vec!["RCCM : CI-ABJ-2021-B-12345"]);
        assert_eq!(
            Branding::default().letterhead(Lang::En).tax_ids,
            vec!["RCCM: CI-ABJ-2021-B-12345", "NCC: 2101234A"]
        );
        assert_eq!(branding.letterhead(Lang::Fr).legal_name.as_deref(), Some("NOURX SARL"));
    }

    #[test]
    fn an_old_row_reads_with_the_defaults_for_what_it_lacks() {
        let old = serde_json::json!({"name": "Agence", "tax_ids": ["RCCM : X"], "logo_png_base64": null});
        let branding: Branding = serde_json::from_value(old).expect("reads");
        assert_eq!(branding.name, "Agence");
        assert_eq!(branding.color, DEFAULT_BRAND_COLOR);
        assert_eq!(branding.logo, None);
    }
}
