//! Reminders of unpaid invoices: the schedule of the billing settings, run by the worker (each step
//! once per invoice, even with several workers), and "Relancer" by staff. Each reminder emails the
//! client's billing contacts, notifies its people in the portal, and joins the invoice's history.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use diesel::Connection;
use nourx_db::invoices::{self, Invoice};
use nourx_db::reminders::{self, Reminder, ReminderRow};
use nourx_db::{Db, PgConn, audit};
use nourx_domain::reminders::step_due;
use nourx_domain::{Lang, Message};
use nourx_mail::TemplateKey;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::billing::{email_billing_contacts, format_date, lock_for_staff, today};
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;

/// A manual reminder waits this long after the last one, so a double click never sends two.
const MANUAL_GAP_MINUTES: i64 = 60;
/// Invoices reminded per run of the schedule (the next run takes the rest).
const BATCH: i64 = 500;

/// One reminder sent about an invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReminderDto {
    pub id: Uuid,
    /// Days from the due date of a scheduled step (negative: before it); null when sent by hand.
    pub step: Option<i32>,
    /// Who sent it by hand.
    pub sent_by_name: Option<String>,
    /// How many billing contacts it was emailed to.
    pub recipients: i32,
    pub created_at: DateTime<Utc>,
}

impl From<ReminderRow> for ReminderDto {
    fn from((reminder, sent_by_name): ReminderRow) -> Self {
        ReminderDto {
            id: reminder.id,
            step: reminder.step,
            sent_by_name,
            recipients: reminder.recipients,
            created_at: reminder.created_at,
        }
    }
}

/// The reminders sent about an invoice, oldest first (NOURX staff and the invoice's client).
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Vec<ReminderDto>),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such invoice, another client's, or a draft seen by a client", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/invoices/{id}/reminders/")]
pub async fn list_reminders(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<ReminderDto>>> {
    let id = id.into_inner();
    let rows = state
        .db
        .run(move |conn| {
            invoices::find(conn, &caller.scope(), id, !caller.is_staff())?.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>(reminders::of_invoice(conn, &caller.scope(), id)?)
        })
        .await?;
    Ok(web::Json(rows.into_iter().map(ReminderDto::from).collect()))
}

/// Reminds the client of an unpaid invoice now (NOURX staff): "Relancer".
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    responses(
        (status = 201, body = ReminderDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such invoice, or another client's", body = ErrorDetail),
        (status = 409, description = "Nothing to pay (`not_unpaid`), or reminded less than an hour ago (`recently_reminded`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/invoices/{id}/remind/")]
pub async fn remind_invoice(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let web_url = state.config.public_web_url.clone();
    let reminder =
        state.db.run(move |conn| conn.transaction(|conn| remind_by_hand(conn, &caller, id, &web_url))).await?;
    Ok(HttpResponse::Created().json(ReminderDto::from(reminder)))
}

/// "Relancer" on one invoice, in the caller's transaction: checked, sent, audited.
pub(crate) fn remind_by_hand(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    web_url: &str,
) -> Result<ReminderRow, ApiError> {
    let invoice: Invoice = lock_for_staff(conn, caller, id)?;
    refuse_manual(conn, &invoice)?;
    let reminder = remind(conn, &invoice, None, Some(caller.id()), web_url)?.ok_or(ApiError::NotFound)?;
    let values = serde_json::json!({"reminder_id": reminder.id, "recipients": reminder.recipients});
    audit::record(conn, &caller.audit(), "remind", ("invoice", invoice.client_id), Some(id.to_string()), values)?;
    let rows = reminders::of_invoice(conn, &nourx_db::Scope::All, id)?;
    rows.into_iter().find(|(r, _)| r.id == reminder.id).ok_or(ApiError::NotFound)
}

/// 409 unless the invoice waits for money and was not reminded within the hour.
fn refuse_manual(conn: &mut PgConn, invoice: &Invoice) -> Result<(), ApiError> {
    let conflict = |code, message| ApiError::Conflict { code, message, extra: serde_json::Value::Null };
    if invoice.balance_due() <= 0 {
        let message = Message::new("Cette facture n'attend pas de paiement.", "This invoice is not awaiting payment.");
        return Err(conflict("not_unpaid", message));
    }
    let now = nourx_db::clock::transaction_now(conn)?;
    if reminders::last_sent(conn, invoice.id)?
        .is_some_and(|at| at + chrono::Duration::minutes(MANUAL_GAP_MINUTES) > now)
    {
        let message = Message::new(
            "Le client a été relancé il y a moins d'une heure.",
            "The client was reminded less than an hour ago.",
        );
        return Err(conflict("recently_reminded", message));
    }
    Ok(())
}

/// Sends a reminder about `invoice` (locked by the caller): recorded first, so that a scheduled
/// step already sent sends nothing (`None`).
fn remind(
    conn: &mut PgConn,
    invoice: &Invoice,
    step: Option<i32>,
    sent_by: Option<Uuid>,
    web_url: &str,
) -> Result<Option<Reminder>, ApiError> {
    let Some(reminder) = reminders::record(conn, invoice.id, invoice.client_id, step, sent_by)? else {
        return Ok(None);
    };
    let number = invoice.number.clone().unwrap_or_default();
    let due_date = invoice.due_date.unwrap_or_else(today);
    let overdue = due_date < today();
    let vars = |lang: Lang| {
        serde_json::json!({
            "number": number,
            "title": invoice.title,
            "balance": nourx_domain::money::format_amount(invoice.balance_due(), &invoice.currency, lang),
            "due_date": format_date(due_date),
            "overdue": overdue,
            "invoice_url": format!("{web_url}/factures/{}", invoice.id),
            "pdf_url": format!("{web_url}/api/invoices/{}/pdf/", invoice.id),
        })
    };
    let recipients = email_billing_contacts(conn, invoice.client_id, TemplateKey::InvoiceReminder, vars)?;
    reminders::set_recipients(conn, reminder.id, i32::try_from(recipients).unwrap_or(i32::MAX))?;
    notify_members(conn, invoice, &number, overdue)?;
    Ok(Some(Reminder { recipients: i32::try_from(recipients).unwrap_or(i32::MAX), ..reminder }))
}

/// The client's people see the reminder in the portal's notifications.
fn notify_members(conn: &mut PgConn, invoice: &Invoice, number: &str, overdue: bool) -> Result<(), ApiError> {
    let link = format!("/factures/{}", invoice.id);
    let entity_id = invoice.id.to_string();
    let people = nourx_db::clients::active_member_locales(conn, invoice.client_id)?;
    let texts: Vec<(Uuid, String, String)> = people
        .into_iter()
        .map(|(user_id, locale)| {
            let lang = Lang::from(locale);
            let title = if overdue {
                Message::owned(format!("Facture {number} en retard"), format!("Invoice {number} is overdue"))
            } else {
                Message::owned(format!("Facture {number} bientôt due"), format!("Invoice {number} is due soon"))
            };
            let body = Message::owned(
                format!(
                    "Reste à payer : {}",
                    nourx_domain::money::format_amount(invoice.balance_due(), &invoice.currency, Lang::Fr)
                ),
                format!(
                    "Balance due: {}",
                    nourx_domain::money::format_amount(invoice.balance_due(), &invoice.currency, Lang::En)
                ),
            );
            (user_id, title.get(lang).to_owned(), body.get(lang).to_owned())
        })
        .collect();
    let rows: Vec<nourx_db::notifications::NewNotification<'_>> = texts
        .iter()
        .map(|(user_id, title, body)| nourx_db::notifications::NewNotification {
            id: Uuid::now_v7(),
            user_id: *user_id,
            kind: "invoice.reminder",
            title,
            body,
            link: Some(&link),
            entity: Some("invoice"),
            entity_id: Some(&entity_id),
        })
        .collect();
    nourx_db::notifications::insert_many(conn, &rows)?;
    Ok(())
}

/// One run of the schedule (the worker's `billing.reminders`): every unpaid invoice whose step has
/// come gets it, once. Returns how many reminders were sent.
pub fn run_schedule(db: &Db, web_url: &str) -> anyhow::Result<usize> {
    let mut conn = db.get()?;
    let settings = crate::admin::billing_settings(&mut conn).map_err(|e| anyhow::anyhow!("{e}"))?;
    let offsets = settings.reminder_offsets;
    let (Some(first), Some(last)) = (offsets.iter().min().copied(), offsets.iter().max().copied()) else {
        return Ok(0);
    };
    let today = today();
    let first_day = if first < 0 {
        today.checked_add_days(chrono::Days::new(u64::from(first.unsigned_abs())))
    } else {
        today.checked_sub_days(chrono::Days::new(u64::from(first.unsigned_abs())))
    }
    .unwrap_or(today);
    let mut sent = 0;
    for id in reminders::candidates(&mut conn, first_day, last, BATCH)? {
        let done = conn.transaction(|conn| {
            let Some(invoice) = invoices::lock(conn, id)? else { return Ok::<_, ApiError>(false) };
            let Some(due_date) = invoice.due_date.filter(|_| invoice.balance_due() > 0) else { return Ok(false) };
            let steps = reminders::sent_steps(conn, id)?;
            match step_due(&offsets, due_date, today, &steps) {
                Some(step) => Ok(remind(conn, &invoice, Some(step), None, web_url)?.is_some()),
                None => Ok(false),
            }
        });
        match done {
            Ok(true) => sent += 1,
            Ok(false) => {}
            Err(error) => tracing::warn!(invoice = %id, %error, "reminder not sent"),
        }
    }
    Ok(sent)
}
