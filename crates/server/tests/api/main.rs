//! The API and the `nourx` binary over real PostgreSQL and real HTTP: one test binary for the whole
//! suite, because each binary links the whole application (~270 MB apiece when they were 21).

mod abuse_limits;
mod activity;
mod admin;
mod auth;
mod billing;
mod billing_desk;
mod cli;
mod clients;
mod csrf;
mod delivery;
mod documents;
mod email_templates;
mod embedded_cluster;
mod errors;
mod events;
mod isolation;
mod kpis;
mod notification_preferences;
mod openapi;
mod password_reset;
mod pay_links;
mod payments;
mod prospects;
mod reconciliation;
mod roles;
mod search;
mod security;
mod sessions;
mod settings;
mod storage;
mod support;
mod team;
mod tickets;
mod two_factor;
mod work;
