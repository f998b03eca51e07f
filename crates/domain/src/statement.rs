//! The statement of account (relevé de compte) of a client for a period: what it owed at the
//! start, every invoice, credit note, payment and refund in between, and what it owes at the end.
//!
//! Read as the client's account with NOURX: an invoice and a refund are debits (the client owes
//! more, or was paid back), a credit note and a payment are credits. Drafts and cancelled invoices
//! were never owed and voided payments never kept, so none of them appears.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a line of the statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    // In this order within a day: what was billed, then what lowered it, then what was paid.
    Invoice,
    CreditNote,
    Refund,
    Payment,
}

impl EntryKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "invoice" => Some(Self::Invoice),
            "credit_note" => Some(Self::CreditNote),
            "refund" => Some(Self::Refund),
            "payment" => Some(Self::Payment),
            _ => None,
        }
    }
}

/// One movement of the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// The document's number: NX-…, AV-…, REC-….
    pub reference: String,
    pub debit: i64,
    pub credit: i64,
}

/// The movements in order with the balance after each, and the closing balance.
pub fn running_balance(opening: i64, mut movements: Vec<Movement>) -> (Vec<(Movement, i64)>, i64) {
    movements.sort_by(|a, b| (a.date, a.kind, &a.reference).cmp(&(b.date, b.kind, &b.reference)));
    let mut balance = opening;
    let lines = movements
        .into_iter()
        .map(|movement| {
            balance += movement.debit - movement.credit;
            (movement, balance)
        })
        .collect();
    (lines, balance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn movement(day: u32, kind: EntryKind, reference: &str, debit: i64, credit: i64) -> Movement {
        let date = NaiveDate::from_ymd_opt(2026, 11, day).expect("a day");
        Movement { date, kind, reference: reference.to_owned(), debit, credit }
    }

    #[test]
    fn the_balance_runs_from_the_opening_in_date_order() {
        let (lines, closing) = running_balance(
            50_000,
            vec![
                movement(20, EntryKind::Payment, "REC-2026-0002", 0, 59_000),
                movement(3, EntryKind::Invoice, "NX-2026-0010", 118_000, 0),
                movement(20, EntryKind::Invoice, "NX-2026-0011", 59_000, 0),
                movement(12, EntryKind::CreditNote, "AV-2026-0001", 0, 18_000),
                movement(12, EntryKind::Refund, "AV-2026-0001", 0, 0),
            ],
        );
        let order: Vec<(&str, i64)> = lines.iter().map(|(m, balance)| (m.reference.as_str(), *balance)).collect();
        assert_eq!(
            order,
            [
                ("NX-2026-0010", 168_000),
                ("AV-2026-0001", 150_000),
                ("AV-2026-0001", 150_000),
                ("NX-2026-0011", 209_000),
                ("REC-2026-0002", 150_000),
            ]
        );
        assert_eq!(closing, 150_000);
        assert_eq!(running_balance(-1_000, Vec::new()), (Vec::new(), -1_000));
    }
}
