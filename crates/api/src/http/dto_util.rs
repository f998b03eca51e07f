//! Helpers shared by request DTOs and their validation.

use nourx_domain::Message;
use serde::{Deserialize, Deserializer};

use crate::http::error::FieldErrors;

/// Distinguishes `"field": null` (clear it) from an absent field (keep it).
pub fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A required text: trimmed, not blank, at most `max` characters.
pub fn text(errors: &mut FieldErrors, field: &str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, Message::new("Ce champ ne peut pas être vide.", "This field may not be blank."));
    } else if value.chars().count() > max {
        errors.add(
            field,
            Message::owned(
                format!("{max} caractères au maximum."),
                format!("Ensure this field has no more than {max} characters."),
            ),
        );
    }
    value.to_owned()
}

/// A free text (may be empty), at most `max` characters.
pub fn long_text(errors: &mut FieldErrors, field: &str, value: &str, max: usize) -> String {
    if value.chars().count() > max {
        errors.add(
            field,
            Message::owned(
                format!("{max} caractères au maximum."),
                format!("Ensure this field has no more than {max} characters."),
            ),
        );
    }
    value.trim().to_owned()
}

pub fn not_found_reference(field: &str) -> Message {
    let _ = field;
    Message::new("Objet introuvable.", "Object not found.")
}
