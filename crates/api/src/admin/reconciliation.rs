//! Reconciliation with CinetPay (NOURX staff): import the transaction statement CinetPay's
//! back-office exports, see each transaction matched or not against NOURX's payments, and the
//! money collected in a period by operator and channel. The file's columns and the verdicts are
//! in `nourx_domain::reconciliation`; an import is kept as it was seen, never edited.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use diesel::Connection;
use nourx_db::PgConn;
use nourx_db::audit;
use nourx_db::reconciliations::{self, LineFilter, LineRow, Reconciliation, ReconciliationLine, ReconciliationRow};
use nourx_domain::Message;
use nourx_domain::payments::PaymentStatus;
use nourx_domain::reconciliation::{
    Channel, Operator, OurPayment, ProviderStatus, STATEMENT_MAX_BYTES, StatementLine, Verdict, collected_by,
    count_verdicts, read_statement, reconcile, statement_period,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::billing::today;
use crate::http::caller::Staff;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::pagination::{Page, PageQuery, choice};
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// How many transactions got each verdict.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerdictCounts {
    pub matched: i32,
    pub amount_differs: i32,
    pub status_differs: i32,
    pub missing_in_nourx: i32,
    pub missing_in_cinetpay: i32,
}

/// One import of CinetPay's statement and what it showed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReconciliationDto {
    pub id: Uuid,
    pub file_name: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// Transactions on the statement.
    pub statement_lines: i32,
    pub counts: VerdictCounts,
    /// What the statement says was received (accepted transactions), in XOF.
    pub statement_total: i64,
    /// What NOURX applied from CinetPay in the period.
    pub nourx_total: i64,
    /// `statement_total − nourx_total`: zero when the books agree.
    pub difference: i64,
    /// CinetPay's fees on the statement's transactions, when it lists them.
    pub statement_fees: i64,
    pub imported_by: Option<Uuid>,
    pub imported_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<ReconciliationRow> for ReconciliationDto {
    fn from((import, name): ReconciliationRow) -> Self {
        ReconciliationDto {
            id: import.id,
            file_name: import.file_name,
            period_from: import.period_from,
            period_to: import.period_to,
            statement_lines: import.statement_lines,
            counts: VerdictCounts {
                matched: import.matched,
                amount_differs: import.amount_differs,
                status_differs: import.status_differs,
                missing_in_nourx: import.missing_in_nourx,
                missing_in_cinetpay: import.missing_in_cinetpay,
            },
            difference: import.statement_total.saturating_sub(import.nourx_total),
            statement_total: import.statement_total,
            nourx_total: import.nourx_total,
            statement_fees: import.statement_fees,
            imported_by: import.imported_by,
            imported_by_name: name,
            created_at: import.created_at,
        }
    }
}

/// The statement's side of a line, as written in the file.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementSideDto {
    /// Its line in the file (the header is line 1).
    pub file_line: i32,
    pub amount: i64,
    pub currency: Option<String>,
    /// The status as written.
    pub status: String,
    /// How NOURX read it.
    pub status_kind: ProviderStatus,
    pub method: Option<String>,
    pub fees: Option<i64>,
    /// Abidjan time (UTC).
    pub date: Option<NaiveDateTime>,
    pub operator_id: Option<String>,
}

/// NOURX's side of a line, as it stands now (it may have been put right since the import).
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentSideDto {
    pub id: Uuid,
    pub amount: i64,
    pub currency: String,
    pub status: PaymentStatus,
    pub payment_method: Option<String>,
    pub settled_at: Option<DateTime<Utc>>,
    pub invoice_id: Uuid,
    pub invoice_number: Option<String>,
    pub client_id: Uuid,
    pub client_name: String,
}

/// One transaction compared.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReconciliationLineDto {
    pub position: i32,
    pub verdict: Verdict,
    pub transaction_id: String,
    /// Null when the statement lacks the transaction (`missing_in_cinetpay`).
    pub statement: Option<StatementSideDto>,
    /// Null when NOURX does not know the transaction (`missing_in_nourx`).
    pub payment: Option<PaymentSideDto>,
}

impl From<LineRow> for ReconciliationLineDto {
    fn from((line, side): LineRow) -> Self {
        let statement = match (line.file_line, line.statement_amount, &line.statement_status) {
            (Some(file_line), Some(amount), Some(status)) => Some(StatementSideDto {
                file_line,
                amount,
                currency: line.statement_currency.clone(),
                status_kind: ProviderStatus::read(status),
                status: status.clone(),
                method: line.statement_method.clone(),
                fees: line.statement_fees,
                date: line.statement_date,
                operator_id: line.operator_id.clone(),
            }),
            _ => None,
        };
        let payment = line.payment_id.zip(side).map(|(id, side)| PaymentSideDto {
            id,
            amount: side.amount,
            currency: side.currency,
            status: side.status,
            payment_method: side.payment_method,
            settled_at: side.settled_at,
            invoice_id: side.invoice_id,
            invoice_number: side.invoice_number,
            client_id: side.client_id,
            client_name: side.client_name,
        });
        ReconciliationLineDto {
            position: line.position,
            verdict: line.verdict,
            transaction_id: line.transaction_id,
            statement,
            payment,
        }
    }
}

/// The file's name, and the period it covers when the statement has no dates (or to narrow it).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The file's name as chosen (1–255 characters).
    pub filename: String,
    /// First day covered. Default: the statement's first transaction.
    pub from: Option<NaiveDate>,
    /// Last day covered. Default: the statement's last transaction.
    pub to: Option<NaiveDate>,
}

/// Imports CinetPay's transaction statement (NOURX staff) and compares it with NOURX's payments.
/// The body is the CSV file as CinetPay's back-office exports it (≤ 5 MB, ≤ 50 000 lines): a
/// header naming at least the transaction ID, the amount and the status (French or English
/// names; see the guide), `;`, `,` or tab separated, UTF-8 or Windows-1252. A file with any
/// unreadable line is refused whole, listing the lines.
#[utoipa::path(
    tag = "admin",
    params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "text/csv"),
    responses(
        (status = 201, body = ReconciliationDto),
        (status = 400, description = "Empty, too large, not CSV, missing columns, unreadable lines (`file`), or no period (`from`)", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/admin/reconciliations/")]
pub async fn import_statement(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let file_name = file_name(&query.filename)?;
    let too_large =
        || ApiError::field("file", Message::new("Le relevé dépasse 5 Mo.", "The statement is larger than 5 MB."));
    let body = payload.to_bytes_limited(STATEMENT_MAX_BYTES).await.map_err(|_| too_large())?.map_err(|error| {
        ApiError::field(
            "file",
            Message::owned(format!("Envoi interrompu : {error}"), format!("Upload interrupted: {error}")),
        )
    })?;
    let lines = read_statement(&body).map_err(|error| ApiError::field("file", error.message()))?;
    let (from, to) =
        statement_period(&lines, query.from, query.to).map_err(|error| ApiError::field("from", error.message()))?;
    let id = Uuid::now_v7();
    let dto = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                store_import(conn, &staff, Import { id, file_name, from, to, lines })?;
                reconciliations::find(conn, id)?.map(ReconciliationDto::from).ok_or(ApiError::NotFound)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(dto))
}

fn file_name(name: &str) -> Result<String, ApiError> {
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "filename", name.rsplit(['/', '\\']).next().unwrap_or(name), 255);
    errors.into_result()?;
    Ok(name)
}

struct Import {
    id: Uuid,
    file_name: String,
    from: NaiveDate,
    to: NaiveDate,
    lines: Vec<StatementLine>,
}

/// Compares the statement with the payments as they are now and keeps the result.
fn store_import(conn: &mut PgConn, staff: &Staff, import: Import) -> Result<(), ApiError> {
    let Import { id, file_name, from, to, lines } = import;
    let ids: Vec<String> = lines.iter().map(|line| line.transaction_id.clone()).collect();
    let payments = reconciliations::compared_payments(conn, &ids, from, to)?;
    let ours: Vec<OurPayment<'_>> = payments
        .iter()
        .map(|p| OurPayment {
            transaction_id: &p.transaction_id,
            amount: p.amount,
            currency: &p.currency,
            status: p.status,
        })
        .collect();
    let comparisons = reconcile(&lines, &ours);
    let stored: Vec<ReconciliationLine> = comparisons
        .iter()
        .zip(0..)
        .map(|(comparison, position)| {
            let line = comparison.statement.map(|at| &lines[at]);
            let payment = comparison.ours.map(|at| &payments[at]);
            ReconciliationLine {
                reconciliation_id: id,
                position,
                verdict: comparison.verdict,
                transaction_id: line.map_or_else(
                    || payment.map(|p| p.transaction_id.clone()).unwrap_or_default(),
                    |l| l.transaction_id.clone(),
                ),
                file_line: line.and_then(|l| i32::try_from(l.line).ok()),
                payment_id: payment.map(|p| p.id),
                statement_amount: line.map(|l| l.amount),
                statement_currency: line.and_then(|l| l.currency.clone()),
                statement_status: line.map(|l| l.status_text.clone()),
                statement_method: line.and_then(|l| l.method.clone()),
                statement_fees: line.and_then(|l| l.fees),
                statement_date: line.and_then(|l| l.date),
                operator_id: line.and_then(|l| l.operator_id.clone()),
            }
        })
        .collect();
    let counts = count_verdicts(&comparisons);
    let count = |verdict: Verdict| counts.get(&verdict).copied().unwrap_or(0) as i32;
    let received = lines.iter().filter(|l| l.status == ProviderStatus::Accepted);
    let record = Reconciliation {
        id,
        file_name,
        period_from: from,
        period_to: to,
        statement_lines: lines.len() as i32,
        matched: count(Verdict::Matched),
        amount_differs: count(Verdict::AmountDiffers),
        status_differs: count(Verdict::StatusDiffers),
        missing_in_nourx: count(Verdict::MissingInNourx),
        missing_in_cinetpay: count(Verdict::MissingInCinetpay),
        statement_total: received.clone().map(|l| l.amount).fold(0i64, i64::saturating_add),
        nourx_total: nourx_total(&payments, from, to),
        statement_fees: received.filter_map(|l| l.fees).fold(0i64, i64::saturating_add),
        imported_by: Some(staff.id()),
        created_at: nourx_db::clock::transaction_now(conn)?,
    };
    reconciliations::insert(conn, &record, &stored)?;
    let values = serde_json::json!({
        "file_name": record.file_name, "period": [from, to], "lines": record.statement_lines,
        "matched": record.matched, "problems": comparisons.len() as i32 - record.matched,
    });
    audit::record(conn, &staff.audit(), "reconciliation.imported", "reconciliation", Some(id.to_string()), values)?;
    Ok(())
}

/// What NOURX applied from CinetPay in the period: the accepted payments of `payments` settled
/// within it (those outside it are there only because the statement names them).
fn nourx_total(payments: &[reconciliations::ComparedPayment], from: NaiveDate, to: NaiveDate) -> i64 {
    payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Accepted)
        .filter(|p| p.settled_at.is_some_and(|at| (from..=to).contains(&at.date_naive())))
        .map(|p| p.amount)
        .fold(0, i64::saturating_add)
}

/// Imports of CinetPay's statement, newest first (NOURX staff).
#[utoipa::path(
    tag = "admin",
    params(PageQuery),
    responses(
        (status = 200, body = Page<ReconciliationDto>),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/reconciliations/")]
pub async fn list_reconciliations(
    req: HttpRequest,
    _staff: Staff,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ReconciliationDto>>> {
    let request = page.request()?;
    let (count, rows) = state.db.run(move |conn| Ok::<_, ApiError>(reconciliations::list(conn, request)?)).await?;
    Ok(web::Json(Page::new(&req, request, count, rows.into_iter().map(ReconciliationDto::from).collect())))
}

/// One import (NOURX staff).
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ReconciliationDto),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/reconciliations/{id}/")]
pub async fn get_reconciliation(
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ReconciliationDto>> {
    let id = id.into_inner();
    let found = state.db.run(move |conn| Ok::<_, ApiError>(reconciliations::find(conn, id)?)).await?;
    Ok(web::Json(found.map(ReconciliationDto::from).ok_or(ApiError::NotFound)?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LinesQuery {
    /// `problems` (every verdict but `matched`), or one verdict. Default: all, problems first.
    pub verdict: Option<String>,
}

/// The transactions of an import, problems first, each in the file's order (NOURX staff).
#[utoipa::path(
    tag = "admin",
    params(("id" = Uuid, Path), LinesQuery, PageQuery),
    responses(
        (status = 200, body = Page<ReconciliationLineDto>),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
        (status = 404, body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/reconciliations/{id}/lines/")]
pub async fn reconciliation_lines(
    req: HttpRequest,
    _staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: web::Query<LinesQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ReconciliationLineDto>>> {
    let (id, request) = (id.into_inner(), page.request()?);
    let names: Vec<&str> = std::iter::once("problems").chain(Verdict::ALL.map(Verdict::as_str)).collect();
    let filter = match choice("verdict", query.verdict.as_deref(), &names)? {
        None => LineFilter::All,
        Some("problems") => LineFilter::Problems,
        Some(name) => Verdict::parse(name).map_or(LineFilter::All, LineFilter::Only),
    };
    let (count, rows) = state
        .db
        .run(move |conn| {
            reconciliations::find(conn, id)?.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>(reconciliations::lines(conn, id, filter, request)?)
        })
        .await?;
    Ok(web::Json(Page::new(&req, request, count, rows.into_iter().map(ReconciliationLineDto::from).collect())))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CollectedQuery {
    /// First day. Default: the first of this month.
    pub from: Option<NaiveDate>,
    /// Last day. Default: today.
    pub to: Option<NaiveDate>,
    /// Default: XOF.
    pub currency: Option<String>,
}

/// Money collected through one operator.
#[derive(Debug, Serialize, ToSchema)]
pub struct OperatorSum {
    pub operator: Operator,
    pub channel: Channel,
    pub count: i64,
    pub amount: i64,
}

/// Money collected through one channel.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelSum {
    pub channel: Channel,
    pub count: i64,
    pub amount: i64,
}

/// The money applied to invoices in a period, by operator and by channel.
#[derive(Debug, Serialize, ToSchema)]
pub struct CollectedReportDto {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[schema(example = "XOF")]
    pub currency: String,
    pub count: i64,
    pub amount: i64,
    /// Largest first.
    pub operators: Vec<OperatorSum>,
    /// Largest first.
    pub channels: Vec<ChannelSum>,
}

/// Money collected in a period (accepted payments, by the day they were applied), by operator
/// (Orange Money, MTN, Moov, Wave, card; transfer, cash, cheque for payments recorded by hand)
/// and by channel (NOURX staff).
#[utoipa::path(
    tag = "admin",
    params(CollectedQuery),
    responses(
        (status = 200, body = CollectedReportDto),
        (status = 400, description = "Reversed or longer than 366 days (`from`), bad currency", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/payments/collected/")]
pub async fn collected_report(
    _staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<CollectedQuery>,
) -> ApiResult<web::Json<CollectedReportDto>> {
    let today = today();
    let from = query.from.unwrap_or_else(|| today.with_day(1).unwrap_or(today));
    let (from, to) = statement_period(&[], Some(from), Some(query.to.unwrap_or(today)))
        .map_err(|error| ApiError::field("from", error.message()))?;
    let currency = currency(query.currency.as_deref())?;
    let code = currency.clone();
    let rows = state.db.run(move |conn| Ok::<_, ApiError>(reconciliations::collected(conn, &code, from, to)?)).await?;
    let (operators, channels) =
        collected_by(rows.iter().map(|r| (r.source, r.payment_method.as_deref(), r.count, r.amount)));
    Ok(web::Json(CollectedReportDto {
        from,
        to,
        currency,
        count: channels.iter().map(|(_, sum)| sum.count).sum(),
        amount: channels.iter().map(|(_, sum)| sum.amount).fold(0, i64::saturating_add),
        operators: operators
            .into_iter()
            .map(|(operator, sum)| OperatorSum {
                operator,
                channel: operator.channel(),
                count: sum.count,
                amount: sum.amount,
            })
            .collect(),
        channels: channels
            .into_iter()
            .map(|(channel, sum)| ChannelSum { channel, count: sum.count, amount: sum.amount })
            .collect(),
    }))
}

fn currency(code: Option<&str>) -> Result<String, ApiError> {
    let code = code.map(str::trim).filter(|c| !c.is_empty()).unwrap_or("XOF");
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(ApiError::field(
            "currency",
            Message::new("Code de devise à 3 lettres (XOF).", "A 3-letter currency code (XOF)."),
        ))
    }
}
