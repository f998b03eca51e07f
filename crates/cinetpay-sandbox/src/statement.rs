//! `GET /merchant/transactions.csv`: the transaction statement as a merchant downloads it from
//! CinetPay's back-office, for NOURX's reconciliation. CinetPay documents no format for it; this
//! one is what NOURX reads first (docs/api-guide.md § Reconciliation): `;`-separated UTF-8 with
//! a BOM, French headers, `dd/mm/yyyy HH:MM:SS` dates, amounts in whole francs, and the fees.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::state::{Inner, Transaction};

/// The header, in the order written.
pub(crate) const STATEMENT_HEADER: [&str; 9] =
    ["Date", "ID transaction", "Montant", "Devise", "Statut", "Opérateur", "Frais", "ID opérateur", "Téléphone"];

/// The sandbox's fee: 3 % of an accepted payment, rounded down (CinetPay's rates vary by contract).
pub(crate) fn fee(amount: i64) -> i64 {
    amount * 3 / 100
}

#[derive(Debug, Deserialize)]
pub(crate) struct Period {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

/// The statement of the transactions created within the period (every one by default).
pub(crate) async fn export(period: web::Query<Period>, inner: web::Data<Inner>) -> HttpResponse {
    let within = |t: &Transaction| {
        let day = t.paid_at.unwrap_or(t.created_at).date_naive();
        period.from.is_none_or(|from| day >= from) && period.to.is_none_or(|to| day <= to)
    };
    let transactions: Vec<Transaction> = inner.transactions().into_iter().filter(within).collect();
    match write(&transactions) {
        Ok(body) => HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(("Content-Disposition", "attachment; filename=\"transactions.csv\""))
            .body(body),
        Err(error) => HttpResponse::InternalServerError().body(error.to_string()),
    }
}

/// The CSV of `transactions`, oldest first.
pub(crate) fn write(transactions: &[Transaction]) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut csv = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut out);
        csv.write_record(STATEMENT_HEADER)?;
        for t in transactions {
            let accepted = t.status == crate::state::Status::Accepted;
            csv.write_record([
                t.paid_at.unwrap_or(t.created_at).format("%d/%m/%Y %H:%M:%S").to_string(),
                t.transaction_id.clone(),
                t.amount.to_string(),
                t.currency.clone(),
                t.status.as_str().to_owned(),
                t.operator.clone().unwrap_or_default(),
                if accepted { fee(t.amount).to_string() } else { "0".to_owned() },
                t.operator_id.clone().unwrap_or_default(),
                t.phone.clone().unwrap_or_default(),
            ])?;
        }
        csv.flush()?;
    }
    Ok(out)
}
