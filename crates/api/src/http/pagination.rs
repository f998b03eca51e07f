//! DRF pagination (`?page=&page_size=` → `{count, next, previous, results}`) and
//! `?ordering=` validated against each list's whitelist.

use actix_web::HttpRequest;
use nourx_db::PageRequest;
use nourx_domain::Message;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::error::ApiError;

pub const DEFAULT_PAGE_SIZE: i64 = 25;
pub const MAX_PAGE_SIZE: i64 = 100;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, from 1.
    pub page: Option<i64>,
    /// Rows per page (default 25, at most 100).
    pub page_size: Option<i64>,
}

impl PageQuery {
    pub fn request(&self) -> Result<PageRequest, ApiError> {
        let page = self.page.unwrap_or(1);
        if page < 1 {
            return Err(ApiError::field(
                "page",
                Message::new("Le numéro de page commence à 1.", "Page numbers start at 1."),
            ));
        }
        let size = self.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&size) {
            return Err(ApiError::field(
                "page_size",
                Message::owned(
                    format!("La taille de page doit être comprise entre 1 et {MAX_PAGE_SIZE}."),
                    format!("Page size must be between 1 and {MAX_PAGE_SIZE}."),
                ),
            ));
        }
        Ok(PageRequest { limit: size, offset: (page - 1).saturating_mul(size) })
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// Rows matching the filters, all pages together.
    pub count: i64,
    /// URL of the next page, or null.
    pub next: Option<String>,
    /// URL of the previous page, or null.
    pub previous: Option<String>,
    pub results: Vec<T>,
}

impl<T> Page<T> {
    pub fn new(req: &HttpRequest, request: PageRequest, count: i64, results: Vec<T>) -> Page<T> {
        let page = request.offset / request.limit + 1;
        // Saturating: `?page=9223372036854775807` is a valid (empty) page, not an overflow.
        let next =
            (request.offset.saturating_add(request.limit) < count).then(|| page_url(req, page.saturating_add(1)));
        let previous = (page > 1).then(|| page_url(req, page - 1));
        Page { count, next, previous, results }
    }
}

/// The request's own URL with `page` replaced; relative to the host the client used.
fn page_url(req: &HttpRequest, page: i64) -> String {
    let info = req.connection_info();
    let mut pairs: Vec<String> = req
        .query_string()
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("page="))
        .map(str::to_owned)
        .collect();
    if page > 1 {
        pairs.push(format!("page={page}"));
    }
    let query = if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) };
    format!("{}://{}{}{}", info.scheme(), info.host(), req.path(), query)
}

/// `?ordering=` checked against `allowed` (each also accepted with a `-` prefix).
pub fn ordering(value: Option<&str>, allowed: &[&str]) -> Result<String, ApiError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(String::new());
    };
    if allowed.contains(&value.trim_start_matches('-')) {
        return Ok(value.to_owned());
    }
    Err(ApiError::field(
        "ordering",
        Message::owned(
            format!("Tri impossible sur « {value} ». Champs possibles : {}.", allowed.join(", ")),
            format!("Cannot order by \"{value}\". Allowed fields: {}.", allowed.join(", ")),
        ),
    ))
}

/// A status or priority filter value checked against its allowed values.
pub fn choice<'a>(field: &str, value: Option<&'a str>, allowed: &[&str]) -> Result<Option<&'a str>, ApiError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if allowed.contains(&v) => Ok(Some(v)),
        Some(v) => Err(ApiError::field(
            field,
            Message::owned(
                format!("« {v} » n'est pas un choix valide. Choix possibles : {}.", allowed.join(", ")),
                format!("\"{v}\" is not a valid choice. Allowed: {}.", allowed.join(", ")),
            ),
        )),
    }
}

/// [`choice`] over a closed list of values (`Status::ALL`), parsed into its type.
pub fn choice_of<T: Copy>(
    field: &str,
    value: Option<&str>,
    all: &[T],
    as_str: fn(T) -> &'static str,
) -> Result<Option<T>, ApiError> {
    let allowed: Vec<&str> = all.iter().map(|v| as_str(*v)).collect();
    let chosen = choice(field, value, &allowed)?;
    Ok(chosen.and_then(|v| all.iter().copied().find(|t| as_str(*t) == v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_requests_are_bounded() {
        assert_eq!(PageQuery::default().request().expect("ok"), PageRequest { limit: 25, offset: 0 });
        assert_eq!(
            PageQuery { page: Some(3), page_size: Some(10) }.request().expect("ok"),
            PageRequest { limit: 10, offset: 20 }
        );
        assert!(PageQuery { page: Some(0), page_size: None }.request().is_err());
        assert!(PageQuery { page: None, page_size: Some(101) }.request().is_err());
    }

    #[test]
    fn ordering_is_whitelisted() {
        assert_eq!(ordering(Some("-created_at"), &["created_at"]).expect("ok"), "-created_at");
        assert_eq!(ordering(None, &["created_at"]).expect("ok"), "");
        assert!(ordering(Some("password_hash"), &["created_at"]).is_err());
    }

    #[test]
    fn choices_parse_into_their_type() {
        use nourx_domain::Priority;
        let priority = |value| choice_of("priority", value, Priority::ALL, Priority::as_str);
        assert_eq!(priority(Some(" high ")).expect("ok"), Some(Priority::High));
        assert_eq!(priority(Some("")).expect("ok"), None);
        assert_eq!(priority(None).expect("ok"), None);
        assert!(priority(Some("HIGH")).is_err());
    }
}
