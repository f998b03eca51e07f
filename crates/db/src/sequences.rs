//! Yearly document numbers without gaps or duplicates.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SequenceKind {
    Quote,
    Invoice,
    /// Receipts of payments, online or recorded by staff.
    Receipt,
    /// Credit notes (avoirs): AV-2026-0001.
    CreditNote,
}

impl SequenceKind {
    fn as_str(self) -> &'static str {
        match self {
            SequenceKind::Quote => "quote",
            SequenceKind::Invoice => "invoice",
            SequenceKind::Receipt => "receipt",
            SequenceKind::CreditNote => "credit_note",
        }
    }
}

impl From<nourx_domain::billing::DocumentKind> for SequenceKind {
    fn from(kind: nourx_domain::billing::DocumentKind) -> Self {
        match kind {
            nourx_domain::billing::DocumentKind::Quote => SequenceKind::Quote,
            nourx_domain::billing::DocumentKind::Invoice => SequenceKind::Invoice,
        }
    }
}

#[derive(QueryableByName)]
struct Next {
    #[diesel(sql_type = BigInt)]
    last_value: i64,
}

/// Takes the next number of `kind` for `year`. Call it inside the transaction that stores the
/// number: the row stays locked until that transaction ends (so concurrent senders queue), and a
/// rollback gives the number back.
pub fn next(conn: &mut PgConnection, kind: SequenceKind, year: i32) -> QueryResult<i64> {
    diesel::sql_query(
        "INSERT INTO number_sequences (kind, year, last_value) VALUES ($1, $2, 1) \
         ON CONFLICT (kind, year) DO UPDATE SET last_value = number_sequences.last_value + 1 \
         RETURNING last_value",
    )
    .bind::<Text, _>(kind.as_str())
    .bind::<Integer, _>(year)
    .get_result::<Next>(conn)
    .map(|row| row.last_value)
}
