//! The staff's global search (Ctrl-K): clients, contacts, projects, invoices, quotes, tickets and
//! payments by name, number or transaction id.

use actix_web::{get, web};
use nourx_db::search::{self, SearchHit, SearchKind};
use nourx_domain::money::format_amount;
use nourx_domain::{Lang, Message};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// 2 to 100 characters: part of a name, a number (`FA-2026-0012`, `#42` for a ticket), a
    /// transaction or operator id; whatever the case and accents.
    // Missing reads as empty, refused by the handler once past the role check: a client gets 403.
    #[serde(default)]
    pub q: String,
    /// At most this many results of each kind: 1 to 20. Default: 5.
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SearchResultKind {
    Client,
    Contact,
    Project,
    Invoice,
    Quote,
    Ticket,
    Payment,
}

/// One record found.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResult {
    pub kind: SearchResultKind,
    pub id: Uuid,
    #[schema(example = "FA-2026-0012")]
    pub title: String,
    #[schema(example = "Awa SARL · 150 000 FCFA")]
    pub subtitle: Option<String>,
    /// The back-office page of the record.
    #[schema(example = "/admin/facturation/factures/0193…")]
    pub href: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    /// Grouped by kind (clients, contacts, projects, invoices, quotes, tickets, payments), the
    /// best matches of each first: exact, then starting with the term, then containing it.
    pub results: Vec<SearchResult>,
}

/// Searches every client's records (NOURX staff only), at most `limit` of each kind.
#[utoipa::path(
    tag = "admin",
    params(SearchQuery),
    responses(
        (status = 200, body = SearchResponse),
        (status = 400, description = "`q` shorter than 2 or longer than 100 characters, or a bad `limit`", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/search/")]
pub async fn global_search(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
) -> ApiResult<web::Json<SearchResponse>> {
    let term = query.q.trim().to_owned();
    if !(2..=100).contains(&term.chars().count()) {
        return Err(ApiError::field("q", Message::new("Entre 2 et 100 caractères.", "Between 2 and 100 characters.")));
    }
    let limit = query.limit.unwrap_or(5);
    if !(1..=20).contains(&limit) {
        return Err(ApiError::field("limit", Message::new("Entre 1 et 20.", "Between 1 and 20.")));
    }
    let lang = Lang::from(staff.current.user.locale);
    let hits = state
        .db
        .run(move |conn| {
            let folded = search::fold(conn, &term)?;
            let mut hits = Vec::new();
            for kind in SearchKind::ALL {
                hits.extend(search::find(conn, kind, &folded, limit)?.into_iter().map(|hit| (kind, hit)));
            }
            Ok::<_, ApiError>(hits)
        })
        .await?;
    let results = hits.into_iter().map(|(kind, hit)| result(kind, hit, lang)).collect();
    Ok(web::Json(SearchResponse { results }))
}

/// The hit as the search box shows it: its title, "client · amount · detail", and its page.
fn result(kind: SearchKind, hit: SearchHit, lang: Lang) -> SearchResult {
    let amount = hit.amount.map(|amount| format_amount(amount, hit.currency.as_deref().unwrap_or("XOF"), lang));
    let parts: Vec<String> =
        [hit.client_name, amount, hit.detail].into_iter().flatten().filter(|p| !p.is_empty()).collect();
    let subtitle = (!parts.is_empty()).then(|| parts.join(" · "));
    let client_page = hit.client_id.map_or_else(|| "/admin/clients".to_owned(), |id| format!("/admin/clients/{id}"));
    let (kind, href) = match kind {
        SearchKind::Client => (SearchResultKind::Client, format!("/admin/clients/{}", hit.id)),
        SearchKind::Contact => (SearchResultKind::Contact, client_page),
        SearchKind::Project => (SearchResultKind::Project, format!("/admin/projets/{}", hit.id)),
        SearchKind::Invoice => (SearchResultKind::Invoice, format!("/admin/facturation/factures/{}", hit.id)),
        SearchKind::Quote => (SearchResultKind::Quote, format!("/admin/facturation/devis/{}", hit.id)),
        SearchKind::Ticket => (SearchResultKind::Ticket, format!("/admin/support/{}", hit.id)),
        SearchKind::Payment => (SearchResultKind::Payment, format!("/admin/paiements/{}", hit.id)),
    };
    SearchResult { kind, id: hit.id, title: hit.title, subtitle, href }
}
