//! Recurring invoices for retainers (maintenance, hosting): templates NOURX staff write, and the
//! worker's `billing.recurring` that issues and sends each period's invoice on its day, exactly
//! once (`recurring_runs`' primary key, written with the invoice in one transaction).

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::Connection;
use nourx_db::audit::{self, AuditContext};
use nourx_db::invoices::{Invoice, NewInvoice};
use nourx_db::line_items::{self, ItemOwner, NewLineItem};
use nourx_db::recurring::{self, Recurring, RecurringChanges, RecurringRow, RecurringValues};
use nourx_db::{Db, PgConn, Scope};
use nourx_domain::Message;
use nourx_domain::billing::{LineInput, document_totals, format_hundredths};
use nourx_domain::recurring::{RecurringStatus, Rhythm, next_issue, periods_when_resuming, status_change};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::billing::{NOTES_MAX, TITLE_MAX, send_locked, today};
use crate::http::caller::Staff;
use crate::http::dto_util::{long_text, not_found_reference};
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::pagination::{Page, PageQuery, choice};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::line_items::{LineItemInput, percent, price_items};

/// One line of a template, as stored (priced again at each issue).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TemplateLine {
    label: String,
    description: String,
    quantity_hundredths: i64,
    unit_price: i64,
    tax_rate_bp: i32,
    discount_bp: i32,
}

impl From<&NewLineItem> for TemplateLine {
    fn from(item: &NewLineItem) -> Self {
        TemplateLine {
            label: item.label.clone(),
            description: item.description.clone(),
            quantity_hundredths: item.quantity_hundredths,
            unit_price: item.unit_price,
            tax_rate_bp: item.tax_rate_bp,
            discount_bp: item.discount_bp,
        }
    }
}

fn template_lines(template: &Recurring) -> Vec<TemplateLine> {
    serde_json::from_value(template.items.clone()).unwrap_or_default()
}

/// One line of a template as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateLineDto {
    pub label: String,
    pub description: String,
    #[schema(example = "1.00")]
    pub quantity: String,
    pub unit_price: i64,
    #[schema(example = "18.00")]
    pub tax_rate: String,
    #[schema(example = "0.00")]
    pub discount: String,
}

/// A recurring invoice template.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecurringDto {
    pub id: Uuid,
    pub client_id: Uuid,
    pub client_name: String,
    pub project_id: Option<Uuid>,
    pub title: String,
    #[schema(example = "XOF")]
    pub currency: String,
    pub notes: String,
    pub payment_terms: String,
    #[schema(example = "0.00")]
    pub discount: String,
    pub items: Vec<TemplateLineDto>,
    /// What each period's invoice comes to, TTC, at today's prices of its lines.
    pub total_ttc: i64,
    pub rhythm: Rhythm,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// Days from each invoice's date to its due date.
    pub due_days: i32,
    /// The next invoice's date; null once stopped or finished.
    pub next_date: Option<NaiveDate>,
    pub status: RecurringStatus,
    pub periods_done: i32,
    pub last_invoice_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<RecurringRow> for RecurringDto {
    fn from((template, client_name): RecurringRow) -> Self {
        let lines = template_lines(&template);
        let inputs: Vec<LineInput> = lines
            .iter()
            .map(|l| LineInput {
                quantity_hundredths: l.quantity_hundredths,
                unit_price: l.unit_price,
                tax_rate_bp: l.tax_rate_bp,
                discount_bp: l.discount_bp,
            })
            .collect();
        let total_ttc = document_totals(&inputs, template.discount_bp).map(|(_, t)| t.ttc).unwrap_or_default();
        RecurringDto {
            items: lines
                .into_iter()
                .map(|l| TemplateLineDto {
                    label: l.label,
                    description: l.description,
                    quantity: format_hundredths(l.quantity_hundredths),
                    unit_price: l.unit_price,
                    tax_rate: format_hundredths(i64::from(l.tax_rate_bp)),
                    discount: format_hundredths(i64::from(l.discount_bp)),
                })
                .collect(),
            total_ttc,
            id: template.id,
            client_id: template.client_id,
            client_name,
            project_id: template.project_id,
            title: template.title,
            currency: template.currency,
            notes: template.notes,
            payment_terms: template.payment_terms,
            discount: format_hundredths(i64::from(template.discount_bp)),
            rhythm: template.rhythm,
            start_date: template.start_date,
            end_date: template.end_date,
            due_days: template.due_days,
            next_date: template.next_date,
            status: template.status,
            periods_done: template.periods_done,
            last_invoice_id: template.last_invoice_id,
            created_at: template.created_at,
        }
    }
}

/// A template as written by staff (creating it, or replacing its terms).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecurringRequest {
    pub client_id: Uuid,
    pub project_id: Option<Uuid>,
    #[serde(default)]
    pub title: String,
    /// Default: the client's.
    pub currency: Option<String>,
    #[serde(default)]
    pub notes: String,
    /// Default: the billing settings' terms.
    pub payment_terms: Option<String>,
    #[schema(value_type = Option<String>, example = "0")]
    pub discount: Option<serde_json::Value>,
    /// 1 to 200 lines.
    pub items: Vec<LineItemInput>,
    pub rhythm: Rhythm,
    /// The first invoice's date: today or later.
    pub start_date: NaiveDate,
    /// No invoice after this day.
    pub end_date: Option<NaiveDate>,
    /// 0 to 365. Default: 30.
    pub due_days: Option<i32>,
}

/// The request checked: (title, notes, terms, discount, lines as stored, due days).
struct CheckedTemplate {
    title: String,
    notes: String,
    payment_terms: Option<String>,
    discount_bp: i32,
    items: serde_json::Value,
    due_days: i32,
}

impl RecurringRequest {
    fn check(&self) -> Result<CheckedTemplate, ApiError> {
        let mut errors = FieldErrors::new();
        let title = long_text(&mut errors, "title", &self.title, TITLE_MAX);
        let notes = long_text(&mut errors, "notes", &self.notes, NOTES_MAX);
        let payment_terms =
            self.payment_terms.as_deref().map(|t| long_text(&mut errors, "payment_terms", t, NOTES_MAX));
        let discount_bp = percent(&mut errors, "discount", self.discount.as_ref()).unwrap_or_default();
        let priced = price_items(&mut errors, &self.items, discount_bp);
        if self.items.is_empty() {
            errors.add("items", Message::new("Ajoutez au moins une ligne.", "Add at least one line."));
        }
        if self.start_date < today() {
            errors.add(
                "start_date",
                Message::new(
                    "La première facture ne peut pas être dans le passé.",
                    "The first invoice cannot be in the past.",
                ),
            );
        }
        if self.end_date.is_some_and(|end| end < self.start_date) {
            errors.add(
                "end_date",
                Message::new("La fin ne peut pas précéder le début.", "The end cannot be before the start."),
            );
        }
        let due_days = self.due_days.unwrap_or(30);
        if !(0..=365).contains(&due_days) {
            errors.add("due_days", Message::new("Entre 0 et 365 jours.", "Between 0 and 365 days."));
        }
        errors.into_result()?;
        let lines: Vec<TemplateLine> =
            priced.map(|(items, _)| items.iter().map(TemplateLine::from).collect()).unwrap_or_default();
        let items = serde_json::to_value(lines).map_err(ApiError::internal)?;
        Ok(CheckedTemplate { title, notes, payment_terms, discount_bp, items, due_days })
    }
}

/// The client (400 `client_id` when unknown) and the project (400 unless one of its).
fn check_client(
    conn: &mut PgConn,
    client_id: Uuid,
    project_id: Option<Uuid>,
) -> Result<nourx_db::clients::Client, ApiError> {
    let client = nourx_db::clients::find(conn, &Scope::All, client_id)?
        .ok_or_else(|| ApiError::field("client_id", not_found_reference("client_id")))?;
    if let Some(project_id) = project_id
        && nourx_db::projects::find(conn, &Scope::All, project_id)?.is_none_or(|p| p.client_id != client.id)
    {
        return Err(ApiError::field("project_id", not_found_reference("project_id")));
    }
    Ok(client)
}

fn save(conn: &mut PgConn, staff: &Staff, id: Option<Uuid>, body: &RecurringRequest) -> Result<Uuid, ApiError> {
    let checked = body.check()?;
    let client = check_client(conn, body.client_id, body.project_id)?;
    let terms = match checked.payment_terms {
        Some(terms) => terms,
        None => crate::admin::billing_settings(conn)?.payment_terms,
    };
    let currency = body.currency.clone().unwrap_or(client.currency).to_ascii_uppercase();
    let values = RecurringValues {
        client_id: body.client_id,
        project_id: body.project_id,
        title: &checked.title,
        currency: &currency,
        notes: &checked.notes,
        payment_terms: &terms,
        discount_bp: checked.discount_bp,
        items: &checked.items,
        rhythm: body.rhythm,
        start_date: body.start_date,
        end_date: body.end_date,
        due_days: checked.due_days,
        next_date: next_issue(body.start_date, body.rhythm, 0, body.end_date),
    };
    let (action, saved) = match id {
        None => ("create", recurring::insert(conn, Uuid::now_v7(), &values, staff.id())?),
        Some(id) => {
            let before = recurring::lock(conn, id)?.ok_or(ApiError::NotFound)?;
            if matches!(before.status, RecurringStatus::Stopped | RecurringStatus::Finished) {
                return Err(ApiError::Conflict {
                    code: "not_editable",
                    message: Message::new(
                        "Un modèle arrêté ou terminé ne se modifie plus.",
                        "A stopped or finished template is no longer edited.",
                    ),
                    extra: serde_json::Value::Null,
                });
            }
            ("update", recurring::replace(conn, id, &values)?)
        }
    };
    audit::record(
        conn,
        &staff.audit(),
        action,
        ("recurring_invoice", saved.client_id),
        Some(saved.id.to_string()),
        audit::snapshot(&saved),
    )?;
    Ok(saved.id)
}

fn show(conn: &mut PgConn, id: Uuid) -> Result<RecurringDto, ApiError> {
    Ok(recurring::find(conn, &Scope::All, id)?.ok_or(ApiError::NotFound)?.into())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecurringListQuery {
    pub client: Option<Uuid>,
    /// active, paused, stopped or finished.
    pub status: Option<String>,
}

/// Recurring invoice templates, next to issue first (NOURX staff).
#[utoipa::path(
    tag = "admin",
    params(RecurringListQuery, PageQuery),
    responses(
        (status = 200, body = Page<RecurringDto>),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/recurring-invoices/")]
pub async fn list_recurring(
    req: HttpRequest,
    _staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<RecurringListQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<RecurringDto>>> {
    let request = page.request()?;
    let names = RecurringStatus::ALL.map(RecurringStatus::as_str);
    let status = choice("status", query.status.as_deref(), &names)?.and_then(RecurringStatus::parse);
    let client = query.client;
    let (count, rows) =
        state.db.run(move |conn| Ok::<_, ApiError>(recurring::list(conn, client, status, request)?)).await?;
    Ok(web::Json(Page::new(&req, request, count, rows.into_iter().map(RecurringDto::from).collect())))
}

/// Makes a template (NOURX staff); its first invoice goes out on `start_date`.
#[utoipa::path(
    tag = "admin",
    request_body = RecurringRequest,
    responses(
        (status = 201, body = RecurringDto),
        (status = 400, description = "Invalid field (per line: `items[2].quantity`), unknown client or project", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/recurring-invoices/")]
pub async fn create_recurring(
    staff: Staff,
    state: web::Data<AppState>,
    Json(body): Json<RecurringRequest>,
) -> ApiResult<HttpResponse> {
    let dto = state
        .db
        .run(move |conn| conn.transaction(|conn| save(conn, &staff, None, &body).and_then(|id| show(conn, id))))
        .await?;
    Ok(HttpResponse::Created().json(dto))
}

/// One template (NOURX staff).
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = RecurringDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/recurring-invoices/{id}/")]
pub async fn get_recurring(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<RecurringDto>> {
    let id = id.into_inner();
    Ok(web::Json(state.db.run(move |conn| show(conn, id)).await?))
}

/// Replaces a template's terms (NOURX staff): lines, rhythm, dates. Invoices already issued stay.
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    request_body = RecurringRequest,
    responses(
        (status = 200, body = RecurringDto),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
        (status = 409, description = "Stopped or finished (`not_editable`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[patch("/admin/recurring-invoices/{id}/")]
pub async fn update_recurring(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    Json(body): Json<RecurringRequest>,
) -> ApiResult<web::Json<RecurringDto>> {
    let id = id.into_inner();
    let dto = state
        .db
        .run(move |conn| conn.transaction(|conn| save(conn, &staff, Some(id), &body).and_then(|id| show(conn, id))))
        .await?;
    Ok(web::Json(dto))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecurringStatusRequest {
    /// `paused`, `active` (resume: periods missed while paused are skipped) or `stopped` (for good).
    pub status: RecurringStatus,
}

/// Pauses, resumes or stops a template (NOURX staff); audited.
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    request_body = RecurringStatusRequest,
    responses(
        (status = 200, body = RecurringDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
        (status = 409, description = "`invalid_status`: a stopped or finished template stays so", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/recurring-invoices/{id}/status/")]
pub async fn set_recurring_status(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    Json(body): Json<RecurringStatusRequest>,
) -> ApiResult<web::Json<RecurringDto>> {
    let id = id.into_inner();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let before = recurring::lock(conn, id)?.ok_or(ApiError::NotFound)?;
                let status = status_change(before.status, body.status).map_err(|message| ApiError::Conflict {
                    code: "invalid_status",
                    message,
                    extra: serde_json::Value::Null,
                })?;
                let changes = status_changes(&before, status);
                let after = recurring::update(conn, id, &changes)?;
                audit::record(
                    conn,
                    &staff.audit(),
                    "status",
                    ("recurring_invoice", after.client_id),
                    Some(id.to_string()),
                    audit::changes(&before, &after),
                )?;
                show(conn, id)
            })
        })
        .await?;
    Ok(web::Json(dto))
}

/// The template after moving to `status`: resuming skips the periods the pause covered.
fn status_changes(template: &Recurring, status: RecurringStatus) -> RecurringChanges {
    let periods = u32::try_from(template.periods_done).unwrap_or_default();
    let (periods_done, next_date) = match status {
        RecurringStatus::Active => {
            let resumed = periods_when_resuming(template.start_date, template.rhythm, periods, today());
            (
                Some(i32::try_from(resumed).unwrap_or(i32::MAX)),
                Some(next_issue(template.start_date, template.rhythm, resumed, template.end_date)),
            )
        }
        RecurringStatus::Stopped => (None, Some(None)),
        _ => (None, None),
    };
    RecurringChanges { status: Some(status), periods_done, next_date, ..Default::default() }
}

/// One run of `billing.recurring`: every active template whose day has come issues its period's
/// invoice and sends it. Returns how many invoices were issued.
pub fn issue_due(db: &Db, web_url: &str) -> anyhow::Result<usize> {
    let mut conn = db.get()?;
    let mut issued = 0;
    for id in recurring::due(&mut conn, today(), 200)? {
        match conn.transaction(|conn| issue(conn, id, web_url)) {
            Ok(true) => issued += 1,
            Ok(false) => {}
            Err(error) => tracing::warn!(template = %id, %error, "recurring invoice not issued"),
        }
    }
    Ok(issued)
}

/// Issues the template's next period if it is due and not issued yet (`false` otherwise).
fn issue(conn: &mut PgConn, id: Uuid, web_url: &str) -> Result<bool, ApiError> {
    let Some(template) = recurring::lock(conn, id)? else { return Ok(false) };
    let Some(period) = template.next_date.filter(|day| *day <= today() && template.status == RecurringStatus::Active)
    else {
        return Ok(false);
    };
    if !recurring::claim_period(conn, id, period)? {
        return Ok(false);
    }
    let invoice = invoice_of(conn, &template, period)?;
    recurring::set_period_invoice(conn, id, period, invoice.id)?;
    let done = template.periods_done + 1;
    let next =
        next_issue(template.start_date, template.rhythm, u32::try_from(done).unwrap_or(u32::MAX), template.end_date);
    let changes = RecurringChanges {
        periods_done: Some(done),
        next_date: Some(next),
        last_invoice_id: Some(Some(invoice.id)),
        status: next.is_none().then_some(RecurringStatus::Finished),
    };
    recurring::update(conn, id, &changes)?;
    send_locked::<Invoice>(conn, &AuditContext::default(), invoice, web_url)?;
    Ok(true)
}

/// The period's invoice as a draft, priced by the one rule, dated and due as the template says.
fn invoice_of(conn: &mut PgConn, template: &Recurring, period: NaiveDate) -> Result<Invoice, ApiError> {
    let lines = template_lines(template);
    let inputs: Vec<LineInput> = lines
        .iter()
        .map(|l| LineInput {
            quantity_hundredths: l.quantity_hundredths,
            unit_price: l.unit_price,
            tax_rate_bp: l.tax_rate_bp,
            discount_bp: l.discount_bp,
        })
        .collect();
    let (per_line, totals) =
        document_totals(&inputs, template.discount_bp).map_err(|e| ApiError::field("items", e.message()))?;
    let items: Vec<NewLineItem> = lines
        .into_iter()
        .zip(per_line)
        .map(|(l, priced)| NewLineItem {
            label: l.label,
            description: l.description,
            quantity_hundredths: l.quantity_hundredths,
            unit_price: l.unit_price,
            tax_rate_bp: l.tax_rate_bp,
            total_ht: priced.ht,
            total_tva: priced.tva,
            discount_bp: l.discount_bp,
        })
        .collect();
    let due = period.checked_add_days(chrono::Days::new(u64::try_from(template.due_days).unwrap_or_default()));
    let invoice = NewInvoice {
        id: Uuid::now_v7(),
        client_id: template.client_id,
        project_id: template.project_id,
        quote_id: None,
        title: &template.title,
        currency: &template.currency,
        issue_date: Some(period),
        due_date: due,
        notes: &template.notes,
        total_ht: totals.ht,
        total_tva: totals.tva,
        total_ttc: totals.ttc,
        discount_bp: template.discount_bp,
        discount_total: totals.discount,
        payment_terms: &template.payment_terms,
        created_by: template.created_by,
    }
    .insert(conn)?;
    line_items::replace(conn, ItemOwner::Invoice(invoice.id), &items)?;
    Ok(invoice)
}
