//! `GET /api/invoices/{id}/pdf/`: the invoice as printed, rendered once per version, status and
//! language.

use actix_web::{HttpResponse, get, web};
use nourx_db::invoices::{self, Invoice};
use nourx_db::{PgConn, Scope, line_items};
use nourx_domain::Workflow;
use nourx_domain::billing::InvoiceStatus;
use nourx_pdf::{BillingDocument, DocumentKind, Totals};
use uuid::Uuid;

use crate::billing::today;
use crate::http::caller::Caller;
use crate::http::error::{ApiError, ApiResult};
use crate::http::schemas::ErrorDetail;
use crate::services::pdf::{
    Branding, PdfQuery, PdfRequest, PdfResponses, Printable, Record, StoredPdf, branding_tag, client_block, lang_code,
};

/// The invoice's PDF as seen in `scope` (drafts hidden when `hide_drafts`).
pub(crate) fn prepare(
    conn: &mut PgConn,
    scope: &Scope,
    hide_drafts: bool,
    id: Uuid,
    query: &PdfQuery,
) -> Result<StoredPdf, ApiError> {
    let (invoice, _, project_name) = invoices::find(conn, scope, id, hide_drafts)?.ok_or(ApiError::NotFound)?;
    let client = nourx_db::clients::find(conn, &Scope::All, invoice.client_id)?.ok_or(ApiError::NotFound)?;
    let lang = query.lang(&client)?;
    let branding = Branding::load(conn)?;
    let status = invoice.status;
    let stamp = match status {
        InvoiceStatus::Paid | InvoiceStatus::Cancelled | InvoiceStatus::Credited => {
            Some(status.label().get(lang).to_uppercase())
        }
        _ => None,
    };
    let payment_instructions = if status.is_unpaid() || status == InvoiceStatus::Draft {
        branding.payment_instructions(lang)
    } else {
        Vec::new()
    };
    let pricing = crate::line_items::printed_pricing(line_items::of_invoices(conn, &[id])?, invoice.discount_bp);
    let extra_meta = quote_row(conn, &invoice, lang)?.into_iter().collect();
    let document = BillingDocument {
        kind: DocumentKind::Invoice,
        lang,
        number: invoice.number.clone(),
        title: Some(invoice.title.clone()).filter(|t| !t.is_empty()),
        issue_date: invoice.issue_date.unwrap_or_else(today),
        due_date: invoice.due_date,
        valid_until: None,
        status_label: stamp,
        currency: invoice.currency.clone(),
        letterhead: branding.letterhead(lang),
        client: client_block(&client),
        project_name,
        totals: totals(&invoice, &pricing),
        items: pricing.items,
        notes: Some(invoice.notes.clone()).filter(|n| !n.is_empty()),
        payment_instructions,
        payment_terms: Some(invoice.payment_terms.clone()),
        vat_breakdown: pricing.vat_breakdown,
        extra_meta,
    };
    let tag = format!("v{}-{}-{}-{}", invoice.version, status.as_str(), lang_code(lang), branding_tag(&branding));
    let name = invoice.number.clone().unwrap_or_else(|| format!("brouillon-{id}"));
    Ok(StoredPdf {
        document: Printable::Billing(document),
        key: format!("pdf/invoices/{id}/{tag}.pdf"),
        etag: format!("\"invoice-{id}-{tag}\""),
        filename: format!("{name}.pdf"),
        previous_key: invoice.pdf_key,
        record: Record::Invoice { id, version: invoice.version },
        logo_key: branding.logo_key(),
    })
}

/// Under the heading of an invoice made from a quote: "Facture d'acompte : 30 % du devis
/// DV-2026-0007" for its deposit, "Devis : DV-2026-0007" for the others (the balance invoice).
fn quote_row(
    conn: &mut PgConn,
    invoice: &Invoice,
    lang: nourx_domain::Lang,
) -> Result<Option<(String, String)>, ApiError> {
    let Some(quote_id) = invoice.quote_id else { return Ok(None) };
    let quote = nourx_db::quotes::find(conn, &Scope::All, quote_id, false)?
        .and_then(|(quote, _, _)| quote.number)
        .unwrap_or_default();
    let fr = lang == nourx_domain::Lang::Fr;
    let Some(percent) = invoice.deposit_percent_bp else {
        return Ok(Some((if fr { "Devis" } else { "Quote" }.to_owned(), quote)));
    };
    let percent = nourx_domain::billing::format_hundredths(i64::from(percent))
        .trim_end_matches(['0'])
        .trim_end_matches(['.'])
        .to_owned();
    Ok(Some(if fr {
        // A no-break space before "%", as everywhere in French.
        ("Facture d'acompte".to_owned(), format!("{}\u{a0}% du devis {quote}", percent.replace('.', ",")))
    } else {
        ("Deposit invoice".to_owned(), format!("{percent}% of quote {quote}"))
    }))
}

fn totals(invoice: &Invoice, pricing: &crate::line_items::PrintedPricing) -> Totals {
    Totals {
        total_ht: invoice.total_ht,
        total_tva: invoice.total_tva,
        total_ttc: invoice.total_ttc,
        amount_paid: invoice.amount_paid,
        balance_due: invoice.balance_due(),
        subtotal_ht: pricing.subtotal_ht,
        discount_bp: invoice.discount_bp,
        discount_total: pricing.discount_total,
        credited: invoice.credited_amount,
        refunded: 0,
    }
}

/// The invoice as a PDF (A4, in the client's language unless `?lang=`). Drafts: NOURX staff only,
/// marked "BROUILLON". Answers 304 to a matching `If-None-Match`.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path), PdfQuery),
    responses(
        PdfResponses,
        (status = 404, description = "No such invoice, another client's, or a draft seen by a client", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/invoices/{id}/pdf/")]
pub async fn invoice_pdf(caller: Caller, id: web::Path<Uuid>, pdf: PdfRequest) -> ApiResult<HttpResponse> {
    pdf.serve(move |conn, query| prepare(conn, &caller.scope(), !caller.is_staff(), id.into_inner(), query)).await
}
