//! `/api/invoices/`: drafts written by NOURX staff, numbered and emailed when sent, read by the
//! client's people (never as drafts), paid online or cancelled, and rendered as PDFs. What they
//! share with quotes (drafts, lines, sending) is in `crate::billing` and `crate::line_items`.

mod bulk;
mod cancel;
mod credit_notes;
pub mod dto;
mod export;
mod handlers;
pub(crate) mod pdf;
mod reminders;
pub(crate) mod rows;

pub use bulk::{BulkInvoicesDto, bulk_invoices};
pub use credit_notes::*;
pub use export::{InvoiceTotalsDto, export_invoices, invoice_totals};
pub use handlers::*;
pub use pdf::invoice_pdf;
pub use reminders::{ReminderDto, list_reminders, remind_invoice, run_schedule};
