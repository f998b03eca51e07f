//! Authentication: CSRF cookie, login, logout.

mod handlers;

pub use handlers::{csrf_token, login, logout};
