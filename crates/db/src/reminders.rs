//! Reminders sent about unpaid invoices (scheduled steps and manual ones).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use nourx_domain::billing::InvoiceStatus;
use uuid::Uuid;

use crate::schema::{invoice_reminders, invoices, users};
use crate::scope::Scope;
use crate::scoped;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = invoice_reminders, check_for_backend(diesel::pg::Pg))]
pub struct Reminder {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub client_id: Uuid,
    /// Days from the due date of a scheduled step; `None` for a manual reminder.
    pub step: Option<i32>,
    pub sent_by: Option<Uuid>,
    pub recipients: i32,
    pub created_at: DateTime<Utc>,
}

/// A reminder with the name of who sent it by hand.
pub type ReminderRow = (Reminder, Option<String>);

/// Records a reminder; for a scheduled `step`, only if that step was not sent already (the unique
/// index decides between concurrent workers). Returns the new row, or `None` when it was.
pub fn record(
    conn: &mut PgConnection,
    invoice_id: Uuid,
    client_id: Uuid,
    step: Option<i32>,
    sent_by: Option<Uuid>,
) -> QueryResult<Option<Reminder>> {
    diesel::insert_into(invoice_reminders::table)
        .values((
            invoice_reminders::id.eq(Uuid::now_v7()),
            invoice_reminders::invoice_id.eq(invoice_id),
            invoice_reminders::client_id.eq(client_id),
            invoice_reminders::step.eq(step),
            invoice_reminders::sent_by.eq(sent_by),
        ))
        .on_conflict_do_nothing()
        .returning(Reminder::as_returning())
        .get_result(conn)
        .optional()
}

/// How many people a reminder was sent to.
pub fn set_recipients(conn: &mut PgConnection, id: Uuid, recipients: i32) -> QueryResult<usize> {
    diesel::update(invoice_reminders::table.find(id)).set(invoice_reminders::recipients.eq(recipients)).execute(conn)
}

/// The scheduled steps already sent for an invoice.
pub fn sent_steps(conn: &mut PgConnection, invoice_id: Uuid) -> QueryResult<Vec<i32>> {
    invoice_reminders::table
        .filter(invoice_reminders::invoice_id.eq(invoice_id))
        .filter(invoice_reminders::step.is_not_null())
        .select(invoice_reminders::step.assume_not_null())
        .load(conn)
}

/// The reminders of an invoice visible in `scope`, oldest first.
pub fn of_invoice(conn: &mut PgConnection, scope: &Scope, invoice_id: Uuid) -> QueryResult<Vec<ReminderRow>> {
    scoped!(invoice_reminders::table.left_join(users::table).into_boxed(), scope, invoice_reminders::client_id)
        .filter(invoice_reminders::invoice_id.eq(invoice_id))
        .order((invoice_reminders::created_at.asc(), invoice_reminders::id.asc()))
        .select((Reminder::as_select(), users::full_name.nullable()))
        .load(conn)
}

/// When the last reminder of an invoice was sent.
pub fn last_sent(conn: &mut PgConnection, invoice_id: Uuid) -> QueryResult<Option<DateTime<Utc>>> {
    invoice_reminders::table
        .filter(invoice_reminders::invoice_id.eq(invoice_id))
        .select(diesel::dsl::max(invoice_reminders::created_at))
        .first(conn)
}

/// Unpaid invoices whose first step has come (`due_date <= first_day`) and whose last step
/// (`last_step`) was not sent yet: the schedule's work list, oldest due first.
pub fn candidates(conn: &mut PgConnection, first_day: NaiveDate, last_step: i32, limit: i64) -> QueryResult<Vec<Uuid>> {
    let last_sent = invoice_reminders::table
        .filter(invoice_reminders::invoice_id.eq(invoices::id))
        .filter(invoice_reminders::step.eq(last_step));
    invoices::table
        .filter(invoices::status.eq_any([InvoiceStatus::Sent, InvoiceStatus::PartiallyPaid]))
        .filter(invoices::due_date.le(first_day))
        .filter(diesel::dsl::not(diesel::dsl::exists(last_sent)))
        .order((invoices::due_date.asc(), invoices::id.asc()))
        .limit(limit)
        .select(invoices::id)
        .load(conn)
}
