//! The statement of account (relevé de compte) of a client for a period, as JSON for the portal
//! and the back-office, and as a PDF: opening balance, invoices, credit notes, refunds, payments,
//! closing balance (`nourx_domain::statement`). A client's people see their own client's only.

use actix_web::{HttpResponse, get, web};
use chrono::{Datelike, NaiveDate};
use nourx_db::clients::{self, Client};
use nourx_db::{PgConn, statements};
use nourx_domain::statement::{EntryKind, Movement, running_balance};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::billing::today;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::services::pdf::{
    Branding, PdfQuery, PdfRequest, PdfResponses, Printable, Record, StoredPdf, branding_tag, client_block, lang_code,
};

/// The longest period of one statement.
const MAX_DAYS: i64 = 3 * 366;

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatementQuery {
    /// First day. Default: 1 January of this year.
    pub from: Option<NaiveDate>,
    /// Last day. Default: today.
    pub to: Option<NaiveDate>,
    /// ISO 4217 code. Default: the client's currency.
    pub currency: Option<String>,
}

/// One line of a statement, with the balance after it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementLineDto {
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// NX-…, AV-… (credit notes and their refunds) or REC-… (payments).
    pub reference: String,
    /// What the client owed more (invoices, refunds).
    pub debit: i64,
    /// What lowered it (credit notes, payments).
    pub credit: i64,
    pub balance: i64,
}

/// A client's account over a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementDto {
    pub client_id: Uuid,
    pub client_name: String,
    #[schema(example = "XOF")]
    pub currency: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// What the client owed before `from` (negative: in its favour).
    pub opening_balance: i64,
    pub lines: Vec<StatementLineDto>,
    pub total_debit: i64,
    pub total_credit: i64,
    pub closing_balance: i64,
    #[schema(
        example = "/api/clients/0190a1b2-0000-7000-8000-000000000000/statement/pdf/?from=2026-01-01&to=2026-12-31"
    )]
    pub pdf_url: String,
}

/// The period asked, checked: 400 when it ends before it starts or spans more than three years.
fn period(query: &StatementQuery) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let to = query.to.unwrap_or_else(today);
    let from = query.from.unwrap_or_else(|| NaiveDate::from_ymd_opt(to.year(), 1, 1).unwrap_or(to));
    if from > to || (to - from).num_days() > MAX_DAYS {
        return Err(ApiError::field(
            "from",
            nourx_domain::Message::new(
                "La période doit commencer avant sa fin et couvrir au plus trois ans.",
                "The period must start before it ends and span at most three years.",
            ),
        ));
    }
    Ok((from, to))
}

fn statement(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    query: &StatementQuery,
) -> Result<(Client, StatementDto), ApiError> {
    let client = clients::find(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    let (from, to) = period(query)?;
    let currency = query.currency.clone().unwrap_or_else(|| client.currency.clone()).to_ascii_uppercase();
    let opening = statements::opening_balance(conn, client.id, &currency, from)?;
    let movements = statements::movements(conn, client.id, &currency, from, to)?
        .into_iter()
        .filter_map(|row| {
            let kind = EntryKind::parse(&row.kind)?;
            Some(Movement { date: row.date, kind, reference: row.reference, debit: row.debit, credit: row.credit })
        })
        .collect();
    let (lines, closing) = running_balance(opening, movements);
    let lines: Vec<StatementLineDto> = lines
        .into_iter()
        .map(|(m, balance)| StatementLineDto {
            date: m.date,
            kind: m.kind,
            reference: m.reference,
            debit: m.debit,
            credit: m.credit,
            balance,
        })
        .collect();
    let dto = StatementDto {
        pdf_url: format!("/api/clients/{id}/statement/pdf/?from={from}&to={to}&currency={currency}"),
        client_id: client.id,
        client_name: client.name.clone(),
        currency,
        from,
        to,
        opening_balance: opening,
        total_debit: lines.iter().map(|l| l.debit).sum(),
        total_credit: lines.iter().map(|l| l.credit).sum(),
        closing_balance: closing,
        lines,
    };
    Ok((client, dto))
}

/// A client's statement of account for a period (NOURX staff, and the client's people).
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path), StatementQuery),
    responses(
        (status = 200, body = StatementDto),
        (status = 400, description = "The period ends before it starts, or spans more than three years", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/clients/{id}/statement/")]
pub async fn client_statement(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<StatementQuery>,
) -> ApiResult<web::Json<StatementDto>> {
    let (id, query) = (id.into_inner(), query.into_inner());
    let (_, dto) = state.db.run(move |conn| statement(conn, &caller, id, &query)).await?;
    Ok(web::Json(dto))
}

fn prepare(
    conn: &mut PgConn,
    caller: &Caller,
    id: Uuid,
    query: &StatementQuery,
    pdf: &PdfQuery,
) -> Result<StoredPdf, ApiError> {
    let (client, dto) = statement(conn, caller, id, query)?;
    let lang = pdf.lang(&client)?;
    let branding = Branding::load(conn)?;
    let document = nourx_pdf::StatementDocument {
        lang,
        letterhead: branding.letterhead(lang),
        client: client_block(&client),
        currency: dto.currency.clone(),
        from: dto.from,
        to: dto.to,
        issued_on: today(),
        opening: dto.opening_balance,
        closing: dto.closing_balance,
        lines: dto
            .lines
            .iter()
            .map(|l| nourx_pdf::StatementLine {
                date: l.date,
                kind: l.kind,
                reference: l.reference.clone(),
                debit: l.debit,
                credit: l.credit,
                balance: l.balance,
            })
            .collect(),
    };
    // The same movements print the same PDF: kept under a digest of what it shows.
    let digest = ring::digest::digest(&ring::digest::SHA256, format!("{document:?}").as_bytes());
    let tag = format!("{}-{}-{}", hex::encode(&digest.as_ref()[..12]), lang_code(lang), branding_tag(&branding));
    Ok(StoredPdf {
        document: Printable::Statement(document),
        key: format!("pdf/statements/{id}/{tag}.pdf"),
        etag: format!("\"statement-{tag}\""),
        filename: format!("releve-{}-{}.pdf", dto.from, dto.to),
        previous_key: None,
        record: Record::Nowhere,
        logo_key: branding.logo_key(),
    })
}

/// The statement as a PDF (A4, in the client's language unless `?lang=`).
#[utoipa::path(
    tag = "clients",
    params(("id" = Uuid, Path), StatementQuery, PdfQuery),
    responses(
        PdfResponses,
        (status = 404, description = "No such client, or not one of the caller's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/clients/{id}/statement/pdf/")]
pub async fn client_statement_pdf(
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<StatementQuery>,
    pdf: PdfRequest,
) -> ApiResult<HttpResponse> {
    let (id, query) = (id.into_inner(), query.into_inner());
    pdf.serve(move |conn, lang| prepare(conn, &caller, id, &query, lang)).await
}
