//! Credit notes (avoirs) on a sent or paid invoice: whole or partial, numbered `AV-2026-0001` in
//! their own gapless sequence, lowering what the invoice asks; money already paid beyond that goes
//! back to the client and is recorded with the credit note (domain::credit decides).

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use diesel::Connection;
use nourx_db::credit_notes::{self, CreditNoteRow, NewCreditNote};
use nourx_db::invoices::{self, Invoice, InvoiceChanges};
use nourx_db::{PgConn, Scope, audit, line_items, sequences};
use nourx_domain::Message;
use nourx_domain::credit::{CreditPlan, CreditRefusal, plan_credit};
use nourx_domain::payments::OfflineMethod;
use nourx_pdf::{BillingDocument, DocumentKind, Totals};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::billing::{REASON_MAX, lock_for_staff, today};
use crate::http::caller::Caller;
use crate::http::dto_util::text;
use crate::http::error::{ApiError, ApiResult, FieldErrors};
use crate::http::extract::Json;
use crate::http::schemas::{ErrorDetail, ValidationErrors};
use crate::services::pdf::{
    Branding, PdfQuery, PdfRequest, PdfResponses, Printable, Record, StoredPdf, branding_tag, client_block, lang_code,
};

/// A credit note (avoir). Amounts are integers in the currency's minor unit.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreditNoteDto {
    pub id: Uuid,
    #[schema(example = "AV-2026-0001")]
    pub number: String,
    pub invoice_id: Uuid,
    #[schema(example = "NX-2026-0042")]
    pub invoice_number: Option<String>,
    pub client_id: Uuid,
    pub client_name: String,
    pub issue_date: NaiveDate,
    #[schema(example = "XOF")]
    pub currency: String,
    pub total_ht: i64,
    pub total_tva: i64,
    pub total_ttc: i64,
    pub reason: String,
    /// What went back to the client (the invoice had been paid beyond what it now asks).
    pub refund_amount: i64,
    pub refund_method: Option<OfflineMethod>,
    pub refund_reference: String,
    pub created_at: DateTime<Utc>,
    #[schema(example = "/api/credit-notes/0190a1b2-0000-7000-8000-000000000000/pdf/")]
    pub pdf_url: String,
}

impl From<CreditNoteRow> for CreditNoteDto {
    fn from((note, invoice_number, client_name): CreditNoteRow) -> Self {
        CreditNoteDto {
            pdf_url: format!("/api/credit-notes/{}/pdf/", note.id),
            id: note.id,
            number: note.number,
            invoice_id: note.invoice_id,
            invoice_number,
            client_id: note.client_id,
            client_name,
            issue_date: note.issue_date,
            currency: note.currency,
            total_ht: note.total_ht,
            total_tva: note.total_tva,
            total_ttc: note.total_ttc,
            reason: note.reason,
            refund_amount: note.refund_amount,
            refund_method: note.refund_method,
            refund_reference: note.refund_reference,
            created_at: note.created_at,
        }
    }
}

/// A credit note to make on an invoice.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCreditNoteRequest {
    /// TTC, in the invoice's currency. Default: everything left to credit (a whole credit note).
    pub amount: Option<i64>,
    /// Why (1–1 000 characters); printed on the credit note.
    pub reason: String,
    /// How the money goes back, required when the invoice had been paid beyond what it will ask.
    pub refund_method: Option<OfflineMethod>,
    /// The transfer's or the cheque's reference (up to 200 characters).
    #[serde(default)]
    pub refund_reference: String,
}

/// The credit notes of an invoice, oldest first (NOURX staff and the invoice's client).
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Vec<CreditNoteDto>),
        (status = 401, body = ErrorDetail),
        (status = 404, description = "No such invoice, another client's, or a draft seen by a client", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/invoices/{id}/credit-notes/")]
pub async fn list_credit_notes(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<CreditNoteDto>>> {
    let id = id.into_inner();
    let notes = state
        .db
        .run(move |conn| {
            invoices::find(conn, &caller.scope(), id, !caller.is_staff())?.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>(credit_notes::of_invoice(conn, &caller.scope(), id)?)
        })
        .await?;
    Ok(web::Json(notes.into_iter().map(CreditNoteDto::from).collect()))
}

/// Makes a credit note on a sent or paid invoice (NOURX staff): whole, or partial (`amount` TTC).
/// What the invoice had been paid beyond what it then asks is refunded, recorded with the note.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path)),
    request_body = CreateCreditNoteRequest,
    responses(
        (status = 201, body = CreditNoteDto),
        (status = 400, description = "Missing reason, `amount` above what is left to credit, or `refund_method` needed", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff, or CSRF check failed", body = ErrorDetail),
        (status = 404, description = "No such invoice, or another client's", body = ErrorDetail),
        (status = 409, description = "A draft (`draft_not_creditable`), cancelled (`cancelled_not_creditable`) or already fully credited (`fully_credited`)", body = ErrorDetail),
    ),
    security(("session_cookie" = [], "csrf_token" = []))
)]
#[post("/invoices/{id}/credit-notes/")]
pub async fn create_credit_note(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    Json(body): Json<CreateCreditNoteRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let mut errors = FieldErrors::new();
    let reason = text(&mut errors, "reason", &body.reason, REASON_MAX);
    let reference = crate::http::dto_util::long_text(&mut errors, "refund_reference", &body.refund_reference, 200);
    errors.into_result()?;
    let request = CreditRequest { amount: body.amount, reason, refund_method: body.refund_method, reference };
    let dto = state.db.run(move |conn| conn.transaction(|conn| credit(conn, &caller, id, &request))).await?;
    Ok(HttpResponse::Created().json(dto))
}

struct CreditRequest {
    amount: Option<i64>,
    reason: String,
    refund_method: Option<OfflineMethod>,
    reference: String,
}

/// The credit note written, its invoice lowered, both audited.
fn credit(conn: &mut PgConn, caller: &Caller, id: Uuid, request: &CreditRequest) -> Result<CreditNoteDto, ApiError> {
    let invoice: Invoice = lock_for_staff(conn, caller, id)?;
    let plan = plan_credit(invoice.status, invoice.owed(), invoice.total_ht, invoice.total_tva, request.amount)
        .map_err(refusal)?;
    let refund_method = refund_method(&invoice, &plan, request.refund_method)?;
    let issue_date = today();
    let number = crate::admin::next_number(conn, sequences::SequenceKind::CreditNote, issue_date.year())?;
    let note = NewCreditNote {
        id: Uuid::now_v7(),
        invoice_id: invoice.id,
        client_id: invoice.client_id,
        number: &number,
        issue_date,
        currency: &invoice.currency,
        total_ht: plan.ht,
        total_tva: plan.tva,
        total_ttc: plan.ttc,
        reason: &request.reason,
        refund_amount: plan.refund,
        refund_method,
        refund_reference: if plan.refund > 0 { &request.reference } else { "" },
        created_by: caller.id(),
    }
    .insert(conn)?;
    let now = nourx_db::clock::transaction_now(conn)?;
    let changes = InvoiceChanges {
        credited_amount: Some(plan.after.credited),
        amount_paid: Some(plan.after.paid),
        status: Some(plan.status_after),
        paid_at: (plan.status_after == nourx_domain::billing::InvoiceStatus::Paid && invoice.paid_at.is_none())
            .then_some(Some(now)),
        ..InvoiceChanges::default()
    };
    let after = invoices::update(conn, invoice.id, &changes)?;
    // One audit row for the write: the invoice's change, with the credit note that made it.
    let mut diff = audit::changes(&invoice, &after);
    if let Some(values) = diff.as_object_mut() {
        values.insert("credit_note".into(), audit::snapshot(&note));
    }
    audit::record(conn, &caller.audit(), "credit", ("invoice", invoice.client_id), Some(id.to_string()), diff)?;
    let row = credit_notes::find(conn, &Scope::All, note.id)?.ok_or(ApiError::NotFound)?;
    Ok(row.into())
}

fn refusal(refusal: CreditRefusal) -> ApiError {
    match refusal {
        CreditRefusal::NotPositive | CreditRefusal::AboveCreditable { .. } => {
            ApiError::field("amount", refusal.message())
        }
        _ => ApiError::Conflict { code: refusal.code(), message: refusal.message(), extra: serde_json::Value::Null },
    }
}

/// How the refund goes back: required when there is one, dropped when there is none.
fn refund_method(
    invoice: &Invoice,
    plan: &CreditPlan,
    given: Option<OfflineMethod>,
) -> Result<Option<OfflineMethod>, ApiError> {
    match (plan.refund > 0, given) {
        (false, _) => Ok(None),
        (true, Some(method)) => Ok(Some(method)),
        (true, None) => {
            let amount_fr = nourx_domain::money::format_amount(plan.refund, &invoice.currency, nourx_domain::Lang::Fr);
            let amount_en = nourx_domain::money::format_amount(plan.refund, &invoice.currency, nourx_domain::Lang::En);
            Err(ApiError::field(
                "refund_method",
                Message::owned(
                    format!(
                        "La facture a été réglée au-delà de ce qu'elle demandera : {amount_fr} sont à rembourser au client. Indiquez comment."
                    ),
                    format!(
                        "The invoice was paid beyond what it will ask: {amount_en} goes back to the client. Say how."
                    ),
                ),
            ))
        }
    }
}

fn prepare(conn: &mut PgConn, caller: &Caller, id: Uuid, query: &PdfQuery) -> Result<StoredPdf, ApiError> {
    let (note, invoice_number, _) = credit_notes::find(conn, &caller.scope(), id)?.ok_or(ApiError::NotFound)?;
    let client = nourx_db::clients::find(conn, &Scope::All, note.client_id)?.ok_or(ApiError::NotFound)?;
    let lang = query.lang(&client)?;
    let branding = Branding::load(conn)?;
    let invoice_number = invoice_number.unwrap_or_default();
    let rows = rows_by_rate(conn, &note)?;
    let fr = lang == nourx_domain::Lang::Fr;
    let several = rows.len() > 1;
    let items = rows
        .iter()
        .enumerate()
        .map(|(index, &(rate, ht, tva))| {
            let label = if fr {
                format!("Avoir sur la facture {invoice_number}")
            } else {
                format!("Credit on invoice {invoice_number}")
            };
            nourx_pdf::LineItem {
                // One line per rate: each says which.
                label: if several {
                    format!("{label} ({} {})", if fr { "TVA" } else { "VAT" }, nourx_pdf::format_rate(rate, lang))
                } else {
                    label
                },
                description: (index == 0).then(|| note.reason.clone()),
                quantity_hundredths: 100,
                unit_price: ht,
                tax_rate_bp: rate,
                discount_bp: 0,
                total_ht: ht,
                total_tva: tva,
            }
        })
        .collect();
    let document = BillingDocument {
        kind: DocumentKind::CreditNote,
        lang,
        number: Some(note.number.clone()),
        title: Some(note.reason.clone()),
        issue_date: note.issue_date,
        due_date: None,
        valid_until: None,
        status_label: None,
        currency: note.currency.clone(),
        letterhead: branding.letterhead(lang),
        client: client_block(&client),
        project_name: None,
        items,
        totals: Totals {
            total_ht: note.total_ht,
            total_tva: note.total_tva,
            total_ttc: note.total_ttc,
            refunded: note.refund_amount,
            ..Totals::default()
        },
        notes: None,
        payment_instructions: Vec::new(),
        payment_terms: None,
        vat_breakdown: rows,
        extra_meta: vec![(if fr { "Facture d'origine" } else { "Original invoice" }.to_owned(), invoice_number)],
    };
    let tag = format!("{}-{}", lang_code(lang), branding_tag(&branding));
    Ok(StoredPdf {
        document: Printable::Billing(document),
        key: format!("pdf/credit-notes/{id}/{tag}.pdf"),
        etag: format!("\"credit-note-{id}-{tag}\""),
        filename: format!("{}.pdf", note.number),
        previous_key: note.pdf_key,
        record: Record::CreditNote { id },
        logo_key: branding.logo_key(),
    })
}

/// The credit note's HT and TVA per rate of its invoice (`domain::credit::credit_by_rate`): one
/// printed line each, with its own TVA.
fn rows_by_rate(
    conn: &mut PgConn,
    note: &nourx_db::credit_notes::CreditNote,
) -> Result<Vec<(i32, i64, i64)>, ApiError> {
    let (invoice, _, _) = invoices::find(conn, &Scope::All, note.invoice_id, false)?.ok_or(ApiError::NotFound)?;
    let pricing =
        crate::line_items::printed_pricing(line_items::of_invoices(conn, &[invoice.id])?, invoice.discount_bp);
    let mut rows = nourx_domain::credit::credit_by_rate(note.total_ht, note.total_tva, &pricing.vat_breakdown);
    // The highest rate first, as in the breakdown of the TVA below the lines.
    rows.sort_by_key(|&(rate, _, _)| std::cmp::Reverse(rate));
    Ok(rows)
}

/// The credit note as a PDF (in the client's language unless `?lang=`).
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path), PdfQuery),
    responses(
        PdfResponses,
        (status = 404, description = "No such credit note, or another client's", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/credit-notes/{id}/pdf/")]
pub async fn credit_note_pdf(caller: Caller, id: web::Path<Uuid>, pdf: PdfRequest) -> ApiResult<HttpResponse> {
    pdf.serve(move |conn, query| prepare(conn, &caller, id.into_inner(), query)).await
}
