//! Documents of a project on object storage: presigned uploads straight to the storage, checked
//! once stored (size, type sniffed from the bytes, SHA-256), short-lived download links, and the
//! clean-up of uploads never completed. Internal documents are NOURX staff's only.

mod dto;
mod handlers;
mod upload;
mod usage;

pub use dto::*;
pub use handlers::*;
pub use upload::*;
pub use usage::*;
