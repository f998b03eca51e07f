//! The agency's branding rules: its colour, its logo (which files, how large, at what size it is
//! kept), and the numbering of its documents (prefixes, yearly reset).

use crate::Message;
use crate::documents::{FileType, allowed_type};

/// The colour of the PDFs, the emails and the portal's header when none was chosen.
pub const DEFAULT_BRAND_COLOR: &str = "#0b4f6c";

/// White text (the PDFs' table header, the portal's buttons) must stay readable on the colour: a
/// contrast ratio of at least 3:1 (WCAG's minimum for large and bold text).
pub const MIN_CONTRAST_WITH_WHITE: f64 = 3.0;

/// Largest logo accepted: 2 MB.
pub const LOGO_MAX_BYTES: u64 = 2 * 1024 * 1024;

/// The types a logo may be: PNG, JPEG, WebP.
pub const LOGO_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];

/// The largest image decoded, in pixels on each side: beyond, the file is refused before any
/// memory is taken for it (a small file can announce a huge image).
pub const LOGO_MAX_SIDE: u32 = 5_000;

/// The box the PDFs' logo fits in (printed 16 mm high: 320 px is 500 dpi).
pub const LOGO_PDF_BOX: (u32, u32) = (800, 320);
/// The box the emails' and the portal's logo fits in (shown at most 240×80 CSS pixels, twice that
/// for sharp screens).
pub const LOGO_WEB_BOX: (u32, u32) = (480, 160);

/// `#rrggbb` (any case), as its three components.
pub fn parse_hex_color(value: &str) -> Option<(u8, u8, u8)> {
    let hex = value.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let component = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((component(0)?, component(2)?, component(4)?))
}

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The contrast ratio of white text on `color` (1 to 21).
pub fn contrast_with_white(color: (u8, u8, u8)) -> f64 {
    1.05 / (luminance(color) + 0.05)
}

/// The brand colour as stored (`#rrggbb`, lowercase), or why it is refused.
pub fn check_brand_color(value: &str) -> Result<String, Message> {
    let Some(rgb) = parse_hex_color(value) else {
        return Err(Message::new(
            "Couleur attendue au format #rrggbb (ex. #0b4f6c).",
            "Expected a colour as #rrggbb (e.g. #0b4f6c).",
        ));
    };
    if contrast_with_white(rgb) < MIN_CONTRAST_WITH_WHITE {
        return Err(Message::new(
            "Couleur trop claire : le texte blanc posé dessus (en-têtes des PDF, boutons) ne serait pas lisible. \
             Choisissez une teinte plus foncée.",
            "Colour too light: white text on it (PDF table headers, buttons) would not be readable. Choose a \
             darker shade.",
        ));
    }
    Ok(value.trim().to_ascii_lowercase())
}

/// The logo type a browser announces, if it is one a logo may be.
pub fn logo_type(declared: &str) -> Result<&'static FileType, Message> {
    allowed_type(declared).filter(|t| LOGO_TYPES.contains(&t.mime)).ok_or_else(|| {
        Message::new("Le logo doit être une image PNG, JPEG ou WebP.", "The logo must be a PNG, JPEG or WebP image.")
    })
}

/// The size of an image of `width`×`height` once fitted in `bounds`, keeping its proportions and
/// never enlarged (each side at least 1 pixel).
pub fn fit_within(width: u32, height: u32, bounds: (u32, u32)) -> (u32, u32) {
    let (max_w, max_h) = bounds;
    if width == 0 || height == 0 || (width <= max_w && height <= max_h) {
        return (width, height);
    }
    let scale = f64::min(f64::from(max_w) / f64::from(width), f64::from(max_h) / f64::from(height));
    let side = |value: u32| ((f64::from(value) * scale).round() as u32).max(1);
    (side(width).min(max_w), side(height).min(max_h))
}

/// The numbers of quotes, invoices, credit notes and receipts: their prefixes and whether each
/// year starts again at 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberingRules<'a> {
    pub prefix: &'a str,
    /// `NX-2026-0042` (a sequence per year) rather than `NX-0042` (one running sequence).
    pub yearly_reset: bool,
}

/// The sequence's year key of a number taken in `year`: the year itself with a yearly reset,
/// else one key for all years (0).
pub fn sequence_year(year: i32, yearly_reset: bool) -> i32 {
    if yearly_reset { year } else { 0 }
}

/// A document's number: `NX-2026-0042` with a yearly reset, `NX-0042` without. Four digits at
/// least.
pub fn numbered(rules: &NumberingRules<'_>, year: i32, sequence: i64) -> String {
    if rules.yearly_reset {
        crate::billing::document_number(rules.prefix, year, sequence)
    } else {
        format!("{}-{sequence:04}", rules.prefix)
    }
}

/// Longest number prefix.
pub const PREFIX_MAX: usize = 8;

/// A number prefix as stored (upper-cased), or why it is refused: 1 to 8 letters or digits.
pub fn check_prefix(value: &str) -> Result<String, Message> {
    let prefix = value.trim().to_ascii_uppercase();
    if prefix.is_empty() || prefix.len() > PREFIX_MAX || !prefix.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Message::new(
            "1 à 8 lettres ou chiffres, sans accent ni espace (ex. FA).",
            "1 to 8 letters or digits, without accents or spaces (e.g. INV).",
        ));
    }
    Ok(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_as_hex_triplets() {
        assert_eq!(parse_hex_color("#0B4f6c"), Some((11, 79, 108)));
        assert_eq!(parse_hex_color(" #000000 "), Some((0, 0, 0)));
        for bad in ["0b4f6c", "#0b4f6", "#0b4f6cc", "#0g4f6c", "", "#", "red", "#+1+2+3"] {
            assert_eq!(parse_hex_color(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast_with_white((0, 0, 0)) - 21.0).abs() < 0.01);
        assert!((contrast_with_white((255, 255, 255)) - 1.0).abs() < 0.01);
        // #767676 is the classic 4.54:1 grey.
        assert!((contrast_with_white((0x76, 0x76, 0x76)) - 4.54).abs() < 0.01);
    }

    #[test]
    fn a_brand_colour_must_carry_white_text() {
        assert_eq!(check_brand_color("#0B4F6C"), Ok("#0b4f6c".to_owned()));
        assert_eq!(check_brand_color(DEFAULT_BRAND_COLOR).as_deref(), Ok(DEFAULT_BRAND_COLOR));
        // A strong orange passes, a yellow does not.
        assert!(check_brand_color("#c2410c").is_ok());
        assert!(check_brand_color("#ffd500").is_err());
        assert!(check_brand_color("#ffffff").is_err());
        assert!(check_brand_color("blue").is_err());
    }

    #[test]
    fn logos_are_png_jpeg_or_webp() {
        assert_eq!(logo_type("image/png").map(|t| t.mime), Ok("image/png"));
        assert_eq!(logo_type("image/jpg").map(|t| t.mime), Ok("image/jpeg"));
        assert_eq!(logo_type("IMAGE/WEBP").map(|t| t.mime), Ok("image/webp"));
        assert!(logo_type("image/gif").is_err());
        assert!(logo_type("image/svg+xml").is_err());
        assert!(logo_type("application/pdf").is_err());
    }

    #[test]
    fn images_shrink_into_their_box_and_never_grow() {
        assert_eq!(fit_within(2000, 500, LOGO_PDF_BOX), (800, 200));
        assert_eq!(fit_within(500, 2000, LOGO_PDF_BOX), (80, 320));
        assert_eq!(fit_within(300, 100, LOGO_PDF_BOX), (300, 100));
        assert_eq!(fit_within(4000, 4000, LOGO_WEB_BOX), (160, 160));
        assert_eq!(fit_within(5000, 1, LOGO_WEB_BOX), (480, 1));
        assert_eq!(fit_within(0, 10, LOGO_WEB_BOX), (0, 10));
    }

    #[test]
    fn numbers_with_and_without_a_yearly_reset() {
        let yearly = NumberingRules { prefix: "FA", yearly_reset: true };
        let running = NumberingRules { prefix: "FA", yearly_reset: false };
        assert_eq!(numbered(&yearly, 2026, 42), "FA-2026-0042");
        assert_eq!(numbered(&running, 2026, 42), "FA-0042");
        assert_eq!(numbered(&running, 2027, 12_345), "FA-12345");
        assert_eq!(sequence_year(2026, true), 2026);
        assert_eq!(sequence_year(2026, false), 0);
    }

    #[test]
    fn prefixes_are_short_and_plain() {
        assert_eq!(check_prefix(" fa "), Ok("FA".to_owned()));
        assert_eq!(check_prefix("REC2"), Ok("REC2".to_owned()));
        for bad in ["", "   ", "FA-", "FACTURES1", "FÉ", "F A", "F/A"] {
            assert!(check_prefix(bad).is_err(), "{bad}");
        }
    }
}
