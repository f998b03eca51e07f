//! Online payments (one CinetPay transaction each), the journal of CinetPay's check answers and
//! the journal of every request to the notification URL.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_domain::payments::{
    CheckOutcome, NotificationVerdict, OfflineMethod, PaymentChannel, PaymentSource, PaymentStatus, Trigger,
};
use uuid::Uuid;

use crate::schema::{clients, invoices, offline_payments, payment_checks, payment_notifications, payments, users};
use crate::scope::{PageRequest, Scope};
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = payments, check_for_backend(diesel::pg::Pg))]
pub struct Payment {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub client_id: Uuid,
    pub initiated_by: Option<Uuid>,
    pub transaction_id: String,
    pub amount: i64,
    pub currency: String,
    pub site_id: String,
    pub channel: PaymentChannel,
    pub status: PaymentStatus,
    pub payment_token: Option<String>,
    pub checkout_url: Option<String>,
    pub payment_method: Option<String>,
    pub operator_id: Option<String>,
    pub last_code: Option<String>,
    pub last_message: Option<String>,
    pub flag_reason: Option<String>,
    pub check_count: i32,
    pub last_checked_at: Option<DateTime<Utc>>,
    pub next_check_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
    pub receipt_number: Option<String>,
    pub paid_before: Option<i64>,
    pub balance_after: Option<i64>,
    pub receipt_pdf_key: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub source: PaymentSource,
    pub voided_at: Option<DateTime<Utc>>,
    pub voided_by: Option<Uuid>,
    pub void_reason: Option<String>,
}

/// A payment with its invoice number, its client's name and the name of who started it.
pub type PaymentRow = (Payment, Option<String>, String, Option<String>);

#[derive(Debug, Insertable)]
#[diesel(table_name = payments)]
pub struct NewPayment<'a> {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub client_id: Uuid,
    pub initiated_by: Option<Uuid>,
    pub transaction_id: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub site_id: &'a str,
    pub channel: PaymentChannel,
    pub expires_at: DateTime<Utc>,
}

impl NewPayment<'_> {
    pub fn insert(&self, conn: &mut PgConnection) -> QueryResult<Payment> {
        diesel::insert_into(payments::table).values(self).returning(Payment::as_returning()).get_result(conn)
    }
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = payments)]
pub struct PaymentChanges {
    /// Only when an admin applies a flagged payment to another invoice of its client.
    pub invoice_id: Option<Uuid>,
    pub status: Option<PaymentStatus>,
    pub payment_token: Option<Option<String>>,
    pub checkout_url: Option<Option<String>>,
    pub payment_method: Option<Option<String>>,
    pub operator_id: Option<Option<String>>,
    pub last_code: Option<Option<String>>,
    pub last_message: Option<Option<String>>,
    pub flag_reason: Option<Option<String>>,
    pub check_count: Option<i32>,
    pub last_checked_at: Option<Option<DateTime<Utc>>>,
    pub next_check_at: Option<Option<DateTime<Utc>>>,
    pub settled_at: Option<Option<DateTime<Utc>>>,
    pub receipt_number: Option<Option<String>>,
    pub paid_before: Option<Option<i64>>,
    pub balance_after: Option<Option<i64>>,
    pub receipt_pdf_key: Option<Option<String>>,
    pub voided_at: Option<Option<DateTime<Utc>>>,
    pub voided_by: Option<Option<Uuid>>,
    pub void_reason: Option<Option<String>>,
}

impl PaymentChanges {
    /// Taken off the books by `by` for `reason` (never deleted): a payment recorded by hand and
    /// voided, or flagged money refunded outside NOURX.
    pub fn voided(now: DateTime<Utc>, by: Uuid, reason: &str) -> PaymentChanges {
        PaymentChanges {
            status: Some(PaymentStatus::Voided),
            voided_at: Some(Some(now)),
            voided_by: Some(Some(by)),
            void_reason: Some(Some(reason.to_owned())),
            ..Default::default()
        }
    }
}

/// A payment recorded by NOURX staff, accepted (and numbered) as it is written.
#[derive(Debug, Insertable)]
#[diesel(table_name = payments)]
pub struct NewOfflinePayment<'a> {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub client_id: Uuid,
    pub transaction_id: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    /// Empty: CinetPay's site has nothing to do with it.
    pub site_id: &'a str,
    pub status: PaymentStatus,
    pub source: PaymentSource,
    pub initiated_by: Option<Uuid>,
    /// The offline method's name (`bank_transfer`…), which the labels of receipts and emails read.
    pub payment_method: &'a str,
    /// The reference given, shown as the operator's on the receipt.
    pub operator_id: Option<&'a str>,
    pub expires_at: DateTime<Utc>,
    pub settled_at: DateTime<Utc>,
    pub receipt_number: &'a str,
    pub paid_before: i64,
    pub balance_after: i64,
}

/// What only a payment recorded by staff has: how it was made, its reference and proof.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = offline_payments, check_for_backend(diesel::pg::Pg))]
pub struct OfflineDetails {
    pub payment_id: Uuid,
    pub method: OfflineMethod,
    pub reference: String,
    pub received_on: NaiveDate,
    pub note: String,
    pub proof_key: Option<String>,
    pub proof_filename: Option<String>,
    pub proof_content_type: Option<String>,
    pub recorded_by: Option<Uuid>,
}

impl NewOfflinePayment<'_> {
    /// The payment and its details, in the caller's transaction.
    pub fn insert(&self, conn: &mut PgConnection, details: &OfflineDetails) -> QueryResult<Payment> {
        let payment =
            diesel::insert_into(payments::table).values(self).returning(Payment::as_returning()).get_result(conn)?;
        diesel::insert_into(offline_payments::table).values(details).execute(conn)?;
        Ok(payment)
    }
}

/// The offline details of `ids` (payments recorded by staff among them).
pub fn offline_details(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<OfflineDetails>> {
    offline_payments::table
        .filter(offline_payments::payment_id.eq_any(ids))
        .select(OfflineDetails::as_select())
        .load(conn)
}

/// Attaches a proof stored at `key` to a payment recorded by staff.
pub fn set_proof(
    conn: &mut PgConnection,
    id: Uuid,
    key: &str,
    filename: &str,
    content_type: &str,
) -> QueryResult<usize> {
    diesel::update(offline_payments::table.find(id))
        .set((
            offline_payments::proof_key.eq(key),
            offline_payments::proof_filename.eq(filename),
            offline_payments::proof_content_type.eq(content_type),
        ))
        .execute(conn)
}

/// Records the stored receipt PDF.
pub fn set_receipt_pdf(conn: &mut PgConnection, id: Uuid, key: &str) -> QueryResult<usize> {
    diesel::update(payments::table.find(id)).set(payments::receipt_pdf_key.eq(key)).execute(conn)
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &PaymentChanges) -> QueryResult<Payment> {
    diesel::update(payments::table.find(id))
        .set((changes, payments::updated_at.eq(diesel::dsl::now)))
        .returning(Payment::as_returning())
        .get_result(conn)
}

/// The payment, locked until the end of the transaction: every settlement path takes this lock
/// first, so two re-checks of one payment run one after the other.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Payment>> {
    payments::table.find(id).for_update().select(Payment::as_select()).first(conn).optional()
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Payment>> {
    payments::table.find(id).select(Payment::as_select()).first(conn).optional()
}

pub fn find_by_transaction(conn: &mut PgConnection, transaction_id: &str) -> QueryResult<Option<Payment>> {
    payments::table
        .filter(payments::transaction_id.eq(transaction_id))
        .select(Payment::as_select())
        .first(conn)
        .optional()
}

/// The id and client of the payment with this transaction id (the webhook's hot path).
pub fn id_by_transaction(conn: &mut PgConnection, transaction_id: &str) -> QueryResult<Option<Uuid>> {
    payments::table.filter(payments::transaction_id.eq(transaction_id)).select(payments::id).first(conn).optional()
}

type RowsSource = diesel::helper_types::LeftJoin<
    diesel::helper_types::InnerJoin<diesel::helper_types::InnerJoin<payments::table, invoices::table>, clients::table>,
    users::table,
>;

fn rows_query<'a>() -> diesel::helper_types::IntoBoxed<'a, RowsSource, diesel::pg::Pg> {
    payments::table.inner_join(invoices::table).inner_join(clients::table).left_join(users::table).into_boxed()
}

/// One payment visible in `scope`, with its names.
pub fn get_row(conn: &mut PgConnection, scope: &Scope, id: Uuid) -> QueryResult<Option<PaymentRow>> {
    scoped!(rows_query(), scope, payments::client_id)
        .filter(payments::id.eq(id))
        .select((Payment::as_select(), invoices::number, clients::name, users::full_name.nullable()))
        .first(conn)
        .optional()
}

#[derive(Debug, Default, Clone)]
pub struct PaymentFilter {
    pub invoice_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    pub status: Option<PaymentStatus>,
    pub source: Option<PaymentSource>,
    pub channel: Option<PaymentChannel>,
    /// CinetPay's code of the means (`OM`, `MOMO`…) or the offline method's name.
    pub method: Option<String>,
    pub amount_min: Option<i64>,
    pub amount_max: Option<i64>,
    /// Open (initiating or pending) and started before this instant.
    pub open_before: Option<DateTime<Utc>>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
}

pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &PaymentFilter,
    page: PageRequest,
) -> QueryResult<(i64, Vec<PaymentRow>)> {
    let build = || {
        let mut query = scoped!(rows_query(), scope, payments::client_id);
        if let Some(invoice) = filter.invoice_id {
            query = query.filter(payments::invoice_id.eq(invoice));
        }
        if let Some(client) = filter.client_id {
            query = query.filter(payments::client_id.eq(client));
        }
        if let Some(status) = filter.status {
            query = query.filter(payments::status.eq(status));
        }
        if let Some(source) = filter.source {
            query = query.filter(payments::source.eq(source));
        }
        if let Some(channel) = filter.channel {
            query = query.filter(payments::channel.eq(channel));
        }
        if let Some(method) = &filter.method {
            match OfflineMethod::parse(method) {
                Some(offline) => {
                    let recorded = offline_payments::table
                        .filter(offline_payments::method.eq(offline))
                        .select(offline_payments::payment_id);
                    query = query.filter(payments::id.eq_any(recorded))
                }
                // CinetPay's codes come with suffixes (`OMCIV2`, `MOMOCI`): the labels read prefixes too.
                None => query = query.filter(payments::payment_method.like(format!("{}%", crate::like_escape(method)))),
            }
        }
        if let Some(min) = filter.amount_min {
            query = query.filter(payments::amount.ge(min));
        }
        if let Some(max) = filter.amount_max {
            query = query.filter(payments::amount.le(max));
        }
        if let Some(before) = filter.open_before {
            query = query.filter(payments::status.eq_any(PaymentStatus::OPEN)).filter(payments::created_at.lt(before));
        }
        if let Some(from) = filter.date_from.and_then(|d| d.and_hms_opt(0, 0, 0)) {
            query = query.filter(payments::created_at.ge(from.and_utc()));
        }
        if let Some(to) = filter.date_to.and_then(|d| d.succ_opt()).and_then(|d| d.and_hms_opt(0, 0, 0)) {
            query = query.filter(payments::created_at.lt(to.and_utc()));
        }
        query
    };
    let rows = build()
        .order((payments::created_at.desc(), payments::id.desc()))
        .limit(page.limit)
        .offset(page.offset)
        .select((Payment::as_select(), invoices::number, clients::name, users::full_name.nullable()))
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?;
    Ok((count, rows))
}

/// The open payment of an invoice started after `since` (it blocks a second one), newest first.
pub fn open_since(conn: &mut PgConnection, invoice_id: Uuid, since: DateTime<Utc>) -> QueryResult<Option<Payment>> {
    payments::table
        .filter(payments::invoice_id.eq(invoice_id))
        .filter(payments::status.eq_any(PaymentStatus::OPEN))
        .filter(payments::created_at.gt(since))
        .order(payments::created_at.desc())
        .select(Payment::as_select())
        .first(conn)
        .optional()
}

/// Open payments whose next check is due (the reconciliation's work list).
pub fn due_for_check(conn: &mut PgConnection, now: DateTime<Utc>, limit: i64) -> QueryResult<Vec<Uuid>> {
    payments::table
        .filter(payments::status.eq_any(PaymentStatus::OPEN))
        .filter(payments::next_check_at.le(now))
        .order(payments::next_check_at.asc())
        .limit(limit)
        .select(payments::id)
        .load(conn)
}

/// Pushes the next check of an open payment to `at` (it was just queued).
pub fn postpone_check(conn: &mut PgConnection, id: Uuid, at: DateTime<Utc>) -> QueryResult<usize> {
    diesel::update(payments::table.find(id)).set(payments::next_check_at.eq(at)).execute(conn)
}

#[derive(Debug, Insertable)]
#[diesel(table_name = payment_checks)]
pub struct NewCheck<'a> {
    pub payment_id: Uuid,
    pub trigger: Trigger,
    pub http_status: Option<i32>,
    pub code: Option<&'a str>,
    pub status: Option<&'a str>,
    pub body: Option<serde_json::Value>,
    pub error: Option<&'a str>,
    pub outcome: CheckOutcome,
}

pub fn journal_check(conn: &mut PgConnection, check: &NewCheck<'_>) -> QueryResult<()> {
    diesel::insert_into(payment_checks::table).values(check).execute(conn).map(|_| ())
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = payment_checks, check_for_backend(diesel::pg::Pg))]
pub struct CheckRecord {
    pub id: i64,
    pub payment_id: Uuid,
    pub trigger: Trigger,
    pub http_status: Option<i32>,
    pub code: Option<String>,
    pub status: Option<String>,
    pub body: Option<serde_json::Value>,
    pub error: Option<String>,
    pub outcome: CheckOutcome,
    pub created_at: DateTime<Utc>,
}

pub fn checks_of(conn: &mut PgConnection, payment_id: Uuid) -> QueryResult<Vec<CheckRecord>> {
    payment_checks::table
        .filter(payment_checks::payment_id.eq(payment_id))
        .order(payment_checks::id.asc())
        .select(CheckRecord::as_select())
        .load(conn)
}

#[derive(Debug, Insertable)]
#[diesel(table_name = payment_notifications)]
pub struct NewNotificationRecord<'a> {
    pub method: &'a str,
    pub headers: serde_json::Value,
    pub body: &'a str,
    pub remote_addr: Option<&'a str>,
    pub transaction_id: Option<&'a str>,
    pub payment_id: Option<Uuid>,
    pub verdict: NotificationVerdict,
}

pub fn journal_notification(conn: &mut PgConnection, record: &NewNotificationRecord<'_>) -> QueryResult<i64> {
    diesel::insert_into(payment_notifications::table)
        .values(record)
        .returning(payment_notifications::id)
        .get_result(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = payment_notifications, check_for_backend(diesel::pg::Pg))]
pub struct NotificationRecord {
    pub id: i64,
    pub method: String,
    pub headers: serde_json::Value,
    pub body: String,
    pub remote_addr: Option<String>,
    pub transaction_id: Option<String>,
    pub payment_id: Option<Uuid>,
    pub verdict: NotificationVerdict,
    pub created_at: DateTime<Utc>,
}

pub fn notifications_of(conn: &mut PgConnection, payment_id: Uuid) -> QueryResult<Vec<NotificationRecord>> {
    payment_notifications::table
        .filter(payment_notifications::payment_id.eq(payment_id))
        .order(payment_notifications::id.asc())
        .select(NotificationRecord::as_select())
        .load(conn)
}

/// Deletes the journal of requests to the notification URL received before `cutoff` (retention).
pub fn delete_notifications_before(conn: &mut PgConnection, cutoff: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(payment_notifications::table.filter(payment_notifications::created_at.lt(cutoff))).execute(conn)
}
