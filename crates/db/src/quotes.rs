//! Quotes: drafts edited by NOURX, numbered when sent, then accepted, declined or expired.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_domain::billing::{InvoiceStatus, QuoteStatus};
use uuid::Uuid;

use crate::schema::{clients, projects, quotes};
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = quotes, check_for_backend(diesel::pg::Pg))]
pub struct Quote {
    pub id: Uuid,
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub number: Option<String>,
    pub status: QuoteStatus,
    pub title: String,
    pub currency: String,
    pub issue_date: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub notes: String,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub version: i32,
    pub pdf_key: Option<String>,
    pub pdf_version: Option<i32>,
    pub created_by: Option<Uuid>,
    pub sent_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<Uuid>,
    pub decided_ip: Option<String>,
    pub decline_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub discount_bp: i32,
    pub discount_total: i64,
    pub payment_terms: String,
}

/// A quote with its client's name, its project's name and the invoice made from it.
pub type QuoteRow = (Quote, String, Option<String>);

#[derive(Debug, Insertable)]
#[diesel(table_name = quotes)]
pub struct NewQuote<'a> {
    pub id: Uuid,
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub title: &'a str,
    pub currency: &'a str,
    pub issue_date: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub notes: &'a str,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub discount_bp: i32,
    pub discount_total: i64,
    pub payment_terms: &'a str,
    pub created_by: Option<Uuid>,
}

impl NewQuote<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Quote> {
        diesel::insert_into(quotes::table).values(self).returning(Quote::as_returning()).get_result(conn)
    }
}

/// Changes to a quote. Every update bumps `version` (the stored PDF is for one version).
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = quotes)]
pub struct QuoteChanges {
    pub project_id: Option<Option<Uuid>>,
    pub number: Option<Option<String>>,
    pub status: Option<QuoteStatus>,
    pub title: Option<String>,
    pub currency: Option<String>,
    pub issue_date: Option<Option<NaiveDate>>,
    pub valid_until: Option<Option<NaiveDate>>,
    pub notes: Option<String>,
    pub total_ht: Option<i64>,
    pub total_tva: Option<i64>,
    pub total_ttc: Option<i64>,
    pub discount_bp: Option<i32>,
    pub discount_total: Option<i64>,
    pub payment_terms: Option<String>,
    pub sent_at: Option<Option<DateTime<Utc>>>,
    pub decided_at: Option<Option<DateTime<Utc>>>,
    pub decided_by: Option<Option<Uuid>>,
    pub decided_ip: Option<Option<String>>,
    pub decline_reason: Option<Option<String>>,
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &QuoteChanges) -> QueryResult<Quote> {
    diesel::update(quotes::table.find(id))
        .set((changes, quotes::version.eq(quotes::version + 1), quotes::updated_at.eq(diesel::dsl::now)))
        .returning(Quote::as_returning())
        .get_result(conn)
}

/// Records the stored PDF of `version` (without bumping the version).
pub fn set_pdf(conn: &mut PgConnection, id: Uuid, key: &str, version: i32) -> QueryResult<usize> {
    diesel::update(quotes::table.find(id).filter(quotes::version.eq(version)))
        .set((quotes::pdf_key.eq(key), quotes::pdf_version.eq(version)))
        .execute(conn)
}

#[derive(Debug, Default, Clone)]
pub struct QuoteFilter {
    pub client_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    /// A status as people see it: `sent` excludes and `expired` includes the sent quotes past
    /// their validity date.
    pub status: Option<QuoteStatus>,
    pub search: Option<String>,
    /// Client users never see drafts.
    pub hide_drafts: bool,
}

pub const ORDERING_FIELDS: &[&str] = &["created_at", "issue_date", "valid_until", "number", "total_ttc", "status"];

type Boxed<'a> = diesel::helper_types::IntoBoxed<
    'a,
    diesel::helper_types::LeftJoin<diesel::helper_types::InnerJoin<quotes::table, clients::table>, projects::table>,
    diesel::pg::Pg,
>;

fn joined<'a>(scope: &Scope) -> Boxed<'a> {
    scoped!(quotes::table.inner_join(clients::table).left_join(projects::table).into_boxed(), scope, quotes::client_id)
}

fn filtered<'a>(scope: &Scope, filter: &QuoteFilter, today: NaiveDate) -> Boxed<'a> {
    let mut query = joined(scope);
    if filter.hide_drafts {
        query = query.filter(quotes::status.ne(QuoteStatus::Draft));
    }
    if let Some(client) = filter.client_id {
        query = query.filter(quotes::client_id.eq(client));
    }
    if let Some(project) = filter.project_id {
        query = query.filter(quotes::project_id.eq(project));
    }
    match filter.status {
        None => {}
        Some(QuoteStatus::Sent) => {
            query = query
                .filter(quotes::status.eq(QuoteStatus::Sent))
                .filter(quotes::valid_until.is_null().or(quotes::valid_until.ge(today)))
        }
        Some(QuoteStatus::Expired) => {
            query = query.filter(
                quotes::status
                    .eq(QuoteStatus::Expired)
                    .or(quotes::status.eq(QuoteStatus::Sent).and(quotes::valid_until.lt(today))),
            )
        }
        Some(status) => query = query.filter(quotes::status.eq(status)),
    }
    if let Some(search) = &filter.search {
        let pattern = crate::like_pattern(search);
        query = query.filter(
            quotes::number
                .ilike(pattern.clone())
                .or(clients::name.ilike(pattern.clone()))
                .or(quotes::title.ilike(pattern)),
        );
    }
    query
}

pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &QuoteFilter,
    ordering: &str,
    today: NaiveDate,
    page: PageRequest,
) -> QueryResult<(i64, Vec<QuoteRow>)> {
    let build = || filtered(scope, filter, today);
    let query = match ordering {
        "created_at" => build().order(quotes::created_at.asc()),
        "issue_date" => build().order(quotes::issue_date.asc().nulls_last()),
        "-issue_date" => build().order(quotes::issue_date.desc().nulls_last()),
        "valid_until" => build().order(quotes::valid_until.asc().nulls_last()),
        "-valid_until" => build().order(quotes::valid_until.desc().nulls_last()),
        "number" => build().order(quotes::number.asc().nulls_last()),
        "-number" => build().order(quotes::number.desc().nulls_last()),
        "total_ttc" => build().order(quotes::total_ttc.asc()),
        "-total_ttc" => build().order(quotes::total_ttc.desc()),
        "status" => build().order(quotes::status.asc()),
        "-status" => build().order(quotes::status.desc()),
        _ => build().order(quotes::created_at.desc()),
    };
    let rows = query
        .then_order_by(quotes::id.asc())
        .limit(page.limit)
        .offset(page.offset)
        .select((Quote::as_select(), clients::name, projects::name.nullable()))
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}

pub fn find(conn: &mut PgConnection, scope: &Scope, id: Uuid, hide_drafts: bool) -> QueryResult<Option<QuoteRow>> {
    let mut query = joined(scope).filter(quotes::id.eq(id));
    if hide_drafts {
        query = query.filter(quotes::status.ne(QuoteStatus::Draft));
    }
    query.select((Quote::as_select(), clients::name, projects::name.nullable())).first(conn).optional()
}

/// The quote row locked until the end of the transaction (scope already checked by the caller).
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Quote>> {
    quotes::table.find(id).for_update().select(Quote::as_select()).first(conn).optional()
}

/// The invoices made from these quotes (not cancelled): (quote id, invoice id).
pub fn invoices_of(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, Uuid)>> {
    use crate::schema::invoices;
    invoices::table
        .filter(invoices::quote_id.eq_any(ids))
        .filter(invoices::status.ne(InvoiceStatus::Cancelled))
        // The quote's own invoice, not its deposit.
        .filter(invoices::deposit_percent_bp.is_null())
        .select((invoices::quote_id.assume_not_null(), invoices::id))
        .load(conn)
}

/// The project's latest accepted quote as a milestone bills a share of it: its total before tax
/// and the TVA rate of its lines when they all share one.
pub fn accepted_basis(
    conn: &mut PgConnection,
    project_id: Uuid,
) -> QueryResult<Option<nourx_domain::delivery::QuoteBasis>> {
    use crate::schema::line_items;
    let quote: Option<(Uuid, i64)> = quotes::table
        .filter(quotes::project_id.eq(project_id))
        .filter(quotes::status.eq("accepted"))
        .order((quotes::decided_at.desc().nulls_last(), quotes::id.desc()))
        .select((quotes::id, quotes::total_ht))
        .first(conn)
        .optional()?;
    let Some((id, total_ht)) = quote else { return Ok(None) };
    let mut rates: Vec<i32> =
        line_items::table.filter(line_items::quote_id.eq(id)).select(line_items::tax_rate_bp).load(conn)?;
    rates.sort_unstable();
    rates.dedup();
    let single_rate_bp = if rates.len() == 1 { rates.first().copied() } else { None };
    Ok(Some(nourx_domain::delivery::QuoteBasis { total_ht, single_rate_bp }))
}
