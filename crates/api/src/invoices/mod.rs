//! `/api/invoices/`: drafts written by NOURX staff, numbered and emailed when sent, read by the
//! client's people (never as drafts), paid online or cancelled, and rendered as PDFs. What they
//! share with quotes (drafts, lines, sending) is in `crate::billing` and `crate::line_items`.

mod cancel;
mod credit_notes;
pub mod dto;
mod handlers;
mod pdf;
mod rows;

pub use credit_notes::*;
pub use handlers::*;
pub use pdf::invoice_pdf;
