//! NOURX persistence: the diesel schema, one module of queries per aggregate,
//! the connection pool, embedded migrations, and the embedded PostgreSQL cluster.

pub mod clients;
pub mod embedded;
pub mod login_throttle;
pub mod migrations;
pub mod pool;
pub mod schema;
pub mod sessions;
pub mod users;

pub use pool::{Db, DbError, DbPool, PgConn};
