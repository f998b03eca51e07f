//! One module per subcommand of `nourx`; each has a `run`.

pub mod check;
pub mod create_admin;
pub mod migrate;
pub mod openapi;
pub mod seed;
pub mod serve;
pub mod up;
pub mod worker;
