//! Response shapes shared by every endpoint, for the OpenAPI document.

use serde::Serialize;
use utoipa::ToSchema;

/// Every error except validation: `{"detail": "...", "code": "..."}`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"detail": "Introuvable.", "code": "not_found"}))]
pub struct ErrorDetail {
    /// A message for people, in the language of `Accept-Language` (French by default).
    pub detail: String,
    /// A stable machine code, e.g. `not_authenticated`, `csrf_failed`, `throttled`.
    pub code: String,
}

/// Validation errors: each field names its problems; `non_field_errors` holds the rest.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"email": ["Saisissez une adresse e-mail valide."], "non_field_errors": []}))]
pub struct ValidationErrors {
    #[serde(flatten)]
    pub fields: std::collections::BTreeMap<String, Vec<String>>,
}
