//! `/api/quotes/`: drafts written by NOURX staff, numbered and emailed when sent, read by the
//! client's people (never as drafts), accepted or declined by the client's owners, invoiced once
//! accepted, and rendered as PDFs. What they share with invoices (drafts, lines, sending) is in
//! `crate::billing` and `crate::line_items`.

mod decide;
pub mod dto;
mod handlers;
mod invoicing;
mod pdf;
mod rows;

pub use handlers::*;
pub use pdf::quote_pdf;
