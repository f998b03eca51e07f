//! The accountant's export of invoices (NOURX staff): CSV as French spreadsheets open it (UTF-8
//! with a byte-order mark, `;` between fields, a decimal comma, dates `23/11/2026`), one line per
//! invoice or one per line item, streamed page by page so that 60 000 invoices never sit in memory.
//! The filters are the invoice list's.

use std::collections::HashMap;

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, NaiveDate, Utc};
use nourx_db::invoices::{self, FilteredTotals, InvoiceFilter, InvoiceRow};
use nourx_db::line_items::{self, LineItem};
use nourx_db::{PgConn, Scope};
use nourx_domain::billing::format_hundredths;
use nourx_domain::money::minor_unit_digits;
use nourx_domain::{Lang, Workflow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::InvoiceListQuery;
use crate::AppState;
use crate::billing::{format_date, today};
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::pagination::choice;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// Invoices read per query while streaming.
const PAGE: i64 = 1_000;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `invoices` (one line per invoice, the default) or `lines` (one per line item).
    pub layout: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Invoices,
    Lines,
}

/// The filtered invoices as CSV (NOURX staff), newest first.
#[utoipa::path(
    tag = "admin",
    params(InvoiceListQuery, ExportQuery),
    responses(
        (status = 200, description = "CSV, UTF-8 with BOM, `;`-separated", content_type = "text/csv"),
        (status = 400, description = "Bad filter or layout", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/invoices/export/")]
pub async fn export_invoices(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<InvoiceListQuery>,
    export: web::Query<ExportQuery>,
) -> ApiResult<HttpResponse> {
    let filter = query.filter(&staff)?;
    let layout = match choice("layout", export.layout.as_deref(), &["invoices", "lines"])? {
        Some("lines") => Layout::Lines,
        _ => Layout::Invoices,
    };
    let lang = Lang::from(staff.current.user.locale);
    let name = format!("factures-{}.csv", today().format("%Y-%m-%d"));
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::Filename(name)],
    };
    let walk = Walk { state: state.clone(), filter, layout, lang, after: None, first: true, today: today() };
    let body = futures_util::stream::unfold(Some(walk), next_chunk);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(disposition)
        .insert_header(("Cache-Control", "private, no-store"))
        .streaming(body))
}

/// Where the export stands: the last invoice written.
struct Walk {
    state: web::Data<AppState>,
    filter: InvoiceFilter,
    layout: Layout,
    lang: Lang,
    after: Option<(DateTime<Utc>, Uuid)>,
    first: bool,
    today: NaiveDate,
}

/// The next chunk of CSV (the header first), and where to go on; `None` once done.
async fn next_chunk(walk: Option<Walk>) -> Option<(Result<web::Bytes, actix_web::Error>, Option<Walk>)> {
    let mut walk = walk?;
    let (filter, after, layout, day) = (walk.filter.clone(), walk.after, walk.layout, walk.today);
    let page = walk
        .state
        .db
        .run(move |conn| {
            let rows = invoices::export_page(conn, &Scope::All, &filter, day, after, PAGE)?;
            let items = match layout {
                Layout::Lines => items_of(conn, &rows)?,
                Layout::Invoices => HashMap::new(),
            };
            Ok::<_, ApiError>((rows, items))
        })
        .await;
    let (rows, items) = match page {
        Ok(page) => page,
        Err(error) => return Some((Err(actix_web::error::ErrorServiceUnavailable(error.to_string())), None)),
    };
    if rows.is_empty() && !walk.first {
        return None;
    }
    let bytes = match write(&rows, &items, walk.layout, walk.lang, walk.first) {
        Ok(bytes) => bytes,
        Err(error) => return Some((Err(actix_web::error::ErrorInternalServerError(error)), None)),
    };
    let done = (rows.len() as i64) < PAGE;
    walk.after = rows.last().map(|(invoice, _, _)| (invoice.created_at, invoice.id));
    walk.first = false;
    Some((Ok(web::Bytes::from(bytes)), if done { None } else { Some(walk) }))
}

fn items_of(conn: &mut PgConn, rows: &[InvoiceRow]) -> Result<HashMap<Uuid, Vec<LineItem>>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|(invoice, _, _)| invoice.id).collect();
    let mut items: HashMap<Uuid, Vec<LineItem>> = HashMap::new();
    for item in line_items::of_invoices(conn, &ids)? {
        if let Some(owner) = item.invoice_id {
            items.entry(owner).or_default().push(item);
        }
    }
    Ok(items)
}

const INVOICE_HEADER: [&str; 16] = [
    "Numéro",
    "Date d'émission",
    "Échéance",
    "Client",
    "Projet",
    "Objet",
    "Statut",
    "Devise",
    "Sous-total HT",
    "Remise",
    "Total HT",
    "TVA",
    "Total TTC",
    "Avoirs",
    "Payé",
    "Reste à payer",
];

const LINE_HEADER: [&str; 12] = [
    "Numéro",
    "Date d'émission",
    "Client",
    "Devise",
    "Ligne",
    "Désignation",
    "Quantité",
    "Prix unitaire HT",
    "Remise %",
    "Taux TVA %",
    "Total HT",
    "TVA",
];

/// The CSV of `rows` (with the byte-order mark and the header when `first`).
fn write(
    rows: &[InvoiceRow],
    items: &HashMap<Uuid, Vec<LineItem>>,
    layout: Layout,
    lang: Lang,
    first: bool,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::with_capacity(rows.len() * 160 + 3);
    if first {
        out.extend_from_slice("\u{FEFF}".as_bytes());
    }
    let mut csv = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    if first {
        match layout {
            Layout::Invoices => csv.write_record(INVOICE_HEADER)?,
            Layout::Lines => csv.write_record(LINE_HEADER)?,
        }
    }
    for (invoice, client_name, project_name) in rows {
        let money = |minor: i64| decimal(minor, &invoice.currency);
        let number = invoice.number.clone().unwrap_or_default();
        let issued = invoice.issue_date.map(format_date).unwrap_or_default();
        match layout {
            Layout::Invoices => csv.write_record([
                number,
                issued,
                invoice.due_date.map(format_date).unwrap_or_default(),
                client_name.clone(),
                project_name.clone().unwrap_or_default(),
                invoice.title.clone(),
                invoice.status.label().get(lang).to_owned(),
                invoice.currency.clone(),
                money(invoice.total_ht + invoice.discount_total),
                money(invoice.discount_total),
                money(invoice.total_ht),
                money(invoice.total_tva),
                money(invoice.total_ttc),
                money(invoice.credited_amount),
                money(invoice.amount_paid),
                money(invoice.balance_due()),
            ])?,
            Layout::Lines => {
                for item in items.get(&invoice.id).into_iter().flatten() {
                    csv.write_record([
                        number.clone(),
                        issued.clone(),
                        client_name.clone(),
                        invoice.currency.clone(),
                        (item.position + 1).to_string(),
                        item.label.clone(),
                        format_hundredths(item.quantity_hundredths).replace('.', ","),
                        money(item.unit_price),
                        format_hundredths(i64::from(item.discount_bp)).replace('.', ","),
                        format_hundredths(i64::from(item.tax_rate_bp)).replace('.', ","),
                        money(item.total_ht),
                        money(item.total_tva),
                    ])?
                }
            }
        }
    }
    csv.into_inner().map_err(|error| csv::Error::from(error.into_error()))
}

/// An amount in the currency's minor unit as a spreadsheet reads it in French: no thousands
/// separator, a decimal comma (`150000` FCFA, `1234,56` EUR).
fn decimal(minor: i64, currency: &str) -> String {
    match minor_unit_digits(currency) {
        0 => minor.to_string(),
        digits => {
            let scale = 10_i64.pow(digits);
            let sign = if minor < 0 { "-" } else { "" };
            let magnitude = minor.unsigned_abs();
            let scale = scale.unsigned_abs();
            format!("{sign}{},{:0width$}", magnitude / scale, magnitude % scale, width = digits as usize)
        }
    }
}

/// The sums of the filtered invoices, per currency.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceTotalsDto {
    #[schema(example = "XOF")]
    pub currency: String,
    pub count: i64,
    pub total_ttc: i64,
    /// What is left to pay on the sent and partially paid ones.
    pub balance_due: i64,
}

impl From<FilteredTotals> for InvoiceTotalsDto {
    fn from(totals: FilteredTotals) -> Self {
        InvoiceTotalsDto {
            currency: totals.currency,
            count: totals.count,
            total_ttc: totals.total_ttc,
            balance_due: totals.balance_due,
        }
    }
}

/// The totals of the invoices the list's filters select, per currency (NOURX staff): what the
/// list's footer shows, whatever the page.
#[utoipa::path(
    tag = "admin",
    params(InvoiceListQuery),
    responses(
        (status = 200, body = Vec<InvoiceTotalsDto>),
        (status = 400, description = "Bad filter", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/invoices/totals/")]
pub async fn invoice_totals(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<InvoiceListQuery>,
) -> ApiResult<web::Json<Vec<InvoiceTotalsDto>>> {
    let filter = query.filter(&staff)?;
    let totals = state
        .db
        .run(move |conn| Ok::<_, ApiError>(invoices::filtered_totals(conn, &Scope::All, &filter, today())?))
        .await?;
    Ok(web::Json(totals.into_iter().map(InvoiceTotalsDto::from).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_use_a_decimal_comma_and_no_thousands_separator() {
        assert_eq!(decimal(150_000, "XOF"), "150000");
        assert_eq!(decimal(123_456, "EUR"), "1234,56");
        assert_eq!(decimal(-5, "EUR"), "-0,05");
        assert_eq!(decimal(0, "EUR"), "0,00");
    }
}
