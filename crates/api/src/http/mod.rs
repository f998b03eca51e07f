//! Request plumbing shared by every resource: configuration, sessions, CSRF, errors, extractors,
//! middleware, paging, rate limits and the OpenAPI document.

pub mod caller;
pub mod config;
pub mod count_cache;
pub mod csrf;
pub mod dto_util;
pub mod error;
pub mod extract;
pub mod middleware;
pub mod openapi;
pub mod pagination;
pub mod random;
pub mod rate_limit;
pub mod schemas;
pub mod session;
pub mod session_store;
pub(crate) mod throttle;
