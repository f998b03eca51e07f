//! Invoices: drafts edited by NOURX, numbered when sent, then paid or cancelled.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_domain::billing::{InvoiceStatus, InvoiceStatusFilter};
use uuid::Uuid;

use crate::schema::{clients, invoices, projects};
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = invoices, check_for_backend(diesel::pg::Pg))]
pub struct Invoice {
    pub id: Uuid,
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub quote_id: Option<Uuid>,
    pub number: Option<String>,
    pub status: InvoiceStatus,
    pub title: String,
    pub currency: String,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub notes: String,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub amount_paid: i64,
    pub version: i32,
    pub pdf_key: Option<String>,
    pub pdf_version: Option<i32>,
    pub created_by: Option<Uuid>,
    pub sent_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancelled_by: Option<Uuid>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub discount_bp: i32,
    pub discount_total: i64,
    pub payment_terms: String,
    pub credited_amount: i64,
    /// A deposit invoice (acompte): the share of its quote it asks, in basis points.
    pub deposit_percent_bp: Option<i32>,
}

impl Invoice {
    /// Where the invoice stands in money.
    pub fn owed(&self) -> nourx_domain::credit::Owed {
        nourx_domain::credit::Owed { total_ttc: self.total_ttc, credited: self.credited_amount, paid: self.amount_paid }
    }

    /// What is left to pay: nothing unless the invoice is sent and unpaid.
    pub fn balance_due(&self) -> i64 {
        if self.status.is_unpaid() { self.owed().balance() } else { 0 }
    }
}

/// An invoice with its client's name and its project's name.
pub type InvoiceRow = (Invoice, String, Option<String>);

#[derive(Debug, Insertable)]
#[diesel(table_name = invoices)]
pub struct NewInvoice<'a> {
    pub id: Uuid,
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    pub quote_id: Option<Uuid>,
    pub title: &'a str,
    pub currency: &'a str,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub notes: &'a str,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub discount_bp: i32,
    pub discount_total: i64,
    pub payment_terms: &'a str,
    pub created_by: Option<Uuid>,
}

impl NewInvoice<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Invoice> {
        diesel::insert_into(invoices::table).values(self).returning(Invoice::as_returning()).get_result(conn)
    }
}

/// Changes to an invoice. Every update bumps `version` (the stored PDF is for one version).
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = invoices)]
pub struct InvoiceChanges {
    pub project_id: Option<Option<Uuid>>,
    pub number: Option<Option<String>>,
    pub status: Option<InvoiceStatus>,
    pub title: Option<String>,
    pub currency: Option<String>,
    pub issue_date: Option<Option<NaiveDate>>,
    pub due_date: Option<Option<NaiveDate>>,
    pub notes: Option<String>,
    pub total_ht: Option<i64>,
    pub total_tva: Option<i64>,
    pub total_ttc: Option<i64>,
    pub amount_paid: Option<i64>,
    pub credited_amount: Option<i64>,
    pub discount_bp: Option<i32>,
    pub discount_total: Option<i64>,
    pub payment_terms: Option<String>,
    pub sent_at: Option<Option<DateTime<Utc>>>,
    pub paid_at: Option<Option<DateTime<Utc>>>,
    pub cancelled_at: Option<Option<DateTime<Utc>>>,
    pub cancelled_by: Option<Option<Uuid>>,
    pub cancel_reason: Option<Option<String>>,
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &InvoiceChanges) -> QueryResult<Invoice> {
    diesel::update(invoices::table.find(id))
        .set((changes, invoices::version.eq(invoices::version + 1), invoices::updated_at.eq(diesel::dsl::now)))
        .returning(Invoice::as_returning())
        .get_result(conn)
}

/// Marks a new invoice as the deposit of its quote (`percent_bp` of it).
pub fn set_deposit(conn: &mut PgConnection, id: Uuid, percent_bp: i32) -> QueryResult<usize> {
    diesel::update(invoices::table.find(id)).set(invoices::deposit_percent_bp.eq(Some(percent_bp))).execute(conn)
}

/// The live (not cancelled) deposit invoice of a quote.
pub fn deposit_of_quote(conn: &mut PgConnection, quote_id: Uuid) -> QueryResult<Option<Invoice>> {
    invoices::table
        .filter(invoices::quote_id.eq(quote_id))
        .filter(invoices::deposit_percent_bp.is_not_null())
        .filter(invoices::status.ne(InvoiceStatus::Cancelled))
        .select(Invoice::as_select())
        .first(conn)
        .optional()
}

/// Records the stored PDF of `version` (without bumping the version).
pub fn set_pdf(conn: &mut PgConnection, id: Uuid, key: &str, version: i32) -> QueryResult<usize> {
    diesel::update(invoices::table.find(id).filter(invoices::version.eq(version)))
        .set((invoices::pdf_key.eq(key), invoices::pdf_version.eq(version)))
        .execute(conn)
}

#[derive(Debug, Default, Clone)]
pub struct InvoiceFilter {
    pub client_id: Option<Uuid>,
    pub project_id: Option<Uuid>,
    pub status: Option<InvoiceStatusFilter>,
    pub due_before: Option<NaiveDate>,
    pub due_after: Option<NaiveDate>,
    pub issued_before: Option<NaiveDate>,
    pub issued_after: Option<NaiveDate>,
    pub search: Option<String>,
    /// Total TTC at least / at most.
    pub amount_min: Option<i64>,
    pub amount_max: Option<i64>,
    /// Client users never see drafts.
    pub hide_drafts: bool,
}

pub const ORDERING_FIELDS: &[&str] = &["created_at", "issue_date", "due_date", "number", "total_ttc", "status"];
/// What an invoice in these statuses still waits for: money.
const UNPAID: [InvoiceStatus; 2] = [InvoiceStatus::Sent, InvoiceStatus::PartiallyPaid];

type Boxed<'a> = diesel::helper_types::IntoBoxed<
    'a,
    diesel::helper_types::LeftJoin<diesel::helper_types::InnerJoin<invoices::table, clients::table>, projects::table>,
    diesel::pg::Pg,
>;

fn filtered<'a>(scope: &Scope, filter: &InvoiceFilter, today: NaiveDate) -> Boxed<'a> {
    let mut query = scoped!(
        invoices::table.inner_join(clients::table).left_join(projects::table).into_boxed(),
        scope,
        invoices::client_id
    );
    if filter.hide_drafts {
        query = query.filter(invoices::status.ne(InvoiceStatus::Draft));
    }
    if let Some(client) = filter.client_id {
        query = query.filter(invoices::client_id.eq(client));
    }
    if let Some(project) = filter.project_id {
        query = query.filter(invoices::project_id.eq(project));
    }
    match filter.status {
        None => {}
        Some(InvoiceStatusFilter::Unpaid) => query = query.filter(invoices::status.eq_any(UNPAID)),
        Some(InvoiceStatusFilter::Overdue) => {
            query = query.filter(invoices::status.eq_any(UNPAID)).filter(invoices::due_date.lt(today))
        }
        Some(InvoiceStatusFilter::Is(status)) => query = query.filter(invoices::status.eq(status)),
    }
    if let Some(date) = filter.due_before {
        query = query.filter(invoices::due_date.le(date));
    }
    if let Some(date) = filter.due_after {
        query = query.filter(invoices::due_date.ge(date));
    }
    if let Some(date) = filter.issued_before {
        query = query.filter(invoices::issue_date.le(date));
    }
    if let Some(date) = filter.issued_after {
        query = query.filter(invoices::issue_date.ge(date));
    }
    if let Some(search) = &filter.search {
        let pattern = crate::like_pattern(search);
        query = query.filter(invoices::number.ilike(pattern.clone()).or(clients::name.ilike(pattern)));
    }
    if let Some(min) = filter.amount_min {
        query = query.filter(invoices::total_ttc.ge(min));
    }
    if let Some(max) = filter.amount_max {
        query = query.filter(invoices::total_ttc.le(max));
    }
    query
}

/// One page of the filtered invoices for an export, newest first, after the row `after` (its
/// creation time and id): a keyset walk, so every page costs the same however deep.
pub fn export_page(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &InvoiceFilter,
    today: NaiveDate,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<InvoiceRow>> {
    let mut query = filtered(scope, filter, today);
    if let Some((created_at, id)) = after {
        query = query.filter(
            invoices::created_at.lt(created_at).or(invoices::created_at.eq(created_at).and(invoices::id.lt(id))),
        );
    }
    query
        .order((invoices::created_at.desc(), invoices::id.desc()))
        .limit(limit)
        .select((Invoice::as_select(), clients::name, projects::name.nullable()))
        .load(conn)
}

/// The sums of the filtered invoices, per currency: how many, their TTC, what is left to pay.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct FilteredTotals {
    pub currency: String,
    pub count: i64,
    pub total_ttc: i64,
    pub balance_due: i64,
}

pub fn filtered_totals(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &InvoiceFilter,
    today: NaiveDate,
) -> QueryResult<Vec<FilteredTotals>> {
    use diesel::dsl::{count_star, sql};
    use diesel::sql_types::BigInt;
    let balance = sql::<BigInt>(
        "COALESCE(SUM(CASE WHEN invoices.status IN ('sent', 'partially_paid') \
         THEN invoices.total_ttc - invoices.credited_amount - invoices.amount_paid ELSE 0 END), 0)::int8",
    );
    let selected = filtered(scope, filter, today).select(invoices::id);
    invoices::table
        .filter(invoices::id.eq_any(selected))
        .group_by(invoices::currency)
        .order(invoices::currency.asc())
        .select((
            invoices::currency,
            count_star(),
            sql::<BigInt>("COALESCE(SUM(invoices.total_ttc), 0)::int8"),
            balance,
        ))
        .load(conn)
}

pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &InvoiceFilter,
    ordering: &str,
    today: NaiveDate,
    page: PageRequest,
    known_count: Option<i64>,
) -> QueryResult<(i64, Vec<InvoiceRow>)> {
    let build = || filtered(scope, filter, today);
    let query = match ordering {
        "created_at" => build().order(invoices::created_at.asc()),
        "issue_date" => build().order(invoices::issue_date.asc().nulls_last()),
        "-issue_date" => build().order(invoices::issue_date.desc().nulls_last()),
        "due_date" => build().order(invoices::due_date.asc().nulls_last()),
        "-due_date" => build().order(invoices::due_date.desc().nulls_last()),
        "number" => build().order(invoices::number.asc().nulls_last()),
        "-number" => build().order(invoices::number.desc().nulls_last()),
        "total_ttc" => build().order(invoices::total_ttc.asc()),
        "-total_ttc" => build().order(invoices::total_ttc.desc()),
        "status" => build().order(invoices::status.asc()),
        "-status" => build().order(invoices::status.desc()),
        _ => build().order(invoices::created_at.desc()),
    };
    let rows = query
        .then_order_by(invoices::id.asc())
        .limit(page.limit)
        .offset(page.offset)
        .select((Invoice::as_select(), clients::name, projects::name.nullable()))
        .load(conn)?;
    let count = match known_count {
        Some(count) => count,
        None => crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?,
    };
    Ok((count, rows))
}

pub fn find(conn: &mut PgConnection, scope: &Scope, id: Uuid, hide_drafts: bool) -> QueryResult<Option<InvoiceRow>> {
    let mut query = scoped!(
        invoices::table.inner_join(clients::table).left_join(projects::table).filter(invoices::id.eq(id)).into_boxed(),
        scope,
        invoices::client_id
    );
    if hide_drafts {
        query = query.filter(invoices::status.ne(InvoiceStatus::Draft));
    }
    query.select((Invoice::as_select(), clients::name, projects::name.nullable())).first(conn).optional()
}

/// The invoice row locked until the end of the transaction (scope already checked by the caller).
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Invoice>> {
    invoices::table.find(id).for_update().select(Invoice::as_select()).first(conn).optional()
}

/// What a scope still has to pay, per currency.
#[derive(Debug, Clone, QueryableByName)]
pub struct UnpaidSummary {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub currency: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub amount: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub count: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub overdue_amount: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub overdue_count: i64,
}

/// `client`: one client only (within the scope).
pub fn unpaid_summary(
    conn: &mut PgConnection,
    scope: &Scope,
    client: Option<Uuid>,
    today: NaiveDate,
) -> QueryResult<Vec<UnpaidSummary>> {
    use diesel::sql_types::{Array, Bool, Date, Nullable, Uuid as SqlUuid};
    let ids = scope.client_ids().map(<[Uuid]>::to_vec).unwrap_or_default();
    diesel::sql_query(
        "SELECT currency::text AS currency, \
                COALESCE(SUM(total_ttc - credited_amount - amount_paid), 0)::int8 AS amount, count(*) AS count, \
                COALESCE(SUM(total_ttc - credited_amount - amount_paid) FILTER (WHERE due_date < $1), 0)::int8 AS overdue_amount, \
                count(*) FILTER (WHERE due_date < $1) AS overdue_count \
         FROM invoices WHERE status IN ('sent', 'partially_paid') AND ($2 OR client_id = ANY($3)) \
           AND ($4::uuid IS NULL OR client_id = $4) \
         GROUP BY currency ORDER BY currency",
    )
    .bind::<Date, _>(today)
    .bind::<Bool, _>(scope.client_ids().is_none())
    .bind::<Array<SqlUuid>, _>(ids)
    .bind::<Nullable<SqlUuid>, _>(client)
    .load(conn)
}

/// The unpaid invoice due next (earliest due date) in scope.
pub fn next_due(conn: &mut PgConnection, scope: &Scope, client: Option<Uuid>) -> QueryResult<Option<InvoiceRow>> {
    let mut query = scoped!(
        invoices::table.inner_join(clients::table).left_join(projects::table).into_boxed(),
        scope,
        invoices::client_id
    );
    if let Some(client) = client {
        query = query.filter(invoices::client_id.eq(client));
    }
    query
        .filter(invoices::status.eq_any(UNPAID))
        .order((invoices::due_date.asc().nulls_last(), invoices::created_at.asc()))
        .select((Invoice::as_select(), clients::name, projects::name.nullable()))
        .first(conn)
        .optional()
}

/// Marks invoice `id` as the bill of milestone `milestone_id` (one invoice per milestone).
pub fn link_milestone(conn: &mut PgConnection, id: Uuid, milestone_id: Uuid) -> QueryResult<usize> {
    diesel::update(invoices::table.find(id)).set(invoices::milestone_id.eq(Some(milestone_id))).execute(conn)
}
