//! `Content-Disposition: attachment` with the file's real name (RFC 6266 / RFC 8187).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// RFC 8187 `attr-char`s are left as they are; everything else is percent-encoded.
const ATTR_CHAR_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `attachment; filename="Facture ete.pdf"; filename*=UTF-8''Facture%20%C3%A9t%C3%A9.pdf`.
///
/// The `filename*` form carries the exact name (modern browsers use it); `filename` is a plain
/// ASCII fallback with accents folded. Path separators and control characters become `_` in
/// both, so the name can never point anywhere else than the download folder.
pub fn attachment_disposition(filename: &str) -> String {
    let cleaned: String =
        filename.trim().chars().map(|c| if c.is_control() || c == '/' || c == '\\' { '_' } else { c }).collect();
    let cleaned = if cleaned.is_empty() { "fichier".to_owned() } else { cleaned };
    let ascii: String = cleaned.chars().map(ascii_fallback).collect();
    let encoded = utf8_percent_encode(&cleaned, ATTR_CHAR_ENCODE);
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// One character of the quoted ASCII name: accents folded, quotes and the rest made harmless.
fn ascii_fallback(c: char) -> String {
    let folded = match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
        'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => "A",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'É' | 'È' | 'Ê' | 'Ë' => "E",
        'î' | 'ï' | 'í' | 'ì' => "i",
        'Î' | 'Ï' | 'Í' | 'Ì' => "I",
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
        'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => "O",
        'ù' | 'û' | 'ü' | 'ú' => "u",
        'Ù' | 'Û' | 'Ü' | 'Ú' => "U",
        'ç' => "c",
        'Ç' => "C",
        'ñ' => "n",
        'Ñ' => "N",
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        'Æ' => "AE",
        '"' | '\\' | '%' => "_",
        c if c == ' ' || c.is_ascii_graphic() => return c.to_string(),
        _ => "_",
    };
    folded.to_owned()
}

#[cfg(test)]
mod tests {
    use super::attachment_disposition;

    #[test]
    fn ascii_names_are_kept() {
        assert_eq!(
            attachment_disposition("contrat-v2.pdf"),
            "attachment; filename=\"contrat-v2.pdf\"; filename*=UTF-8''contrat-v2.pdf"
        );
    }

    #[test]
    fn accents_are_encoded_and_folded() {
        assert_eq!(
            attachment_disposition("Facture n°1 été.pdf"),
            "attachment; filename=\"Facture n_1 ete.pdf\"; filename*=UTF-8''Facture%20n%C2%B01%20%C3%A9t%C3%A9.pdf"
        );
    }

    #[test]
    fn quotes_separators_and_controls_cannot_escape() {
        let header = attachment_disposition("../a\"b\\c\r\nSet-Cookie: x.pdf");
        assert_eq!(
            header,
            "attachment; filename=\".._a_b_c__Set-Cookie: x.pdf\"; \
             filename*=UTF-8''.._a%22b_c__Set-Cookie%3A%20x.pdf"
        );
        assert!(!header.contains('\r') && !header.contains('\n'));
        assert_eq!(attachment_disposition("  "), "attachment; filename=\"fichier\"; filename*=UTF-8''fichier");
    }
}
