//! The connection pool and the one way handlers reach the database: `Db::run`,
//! which moves blocking diesel work off the async workers and keeps the tracing span.

use std::time::Duration;

use diesel::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};

pub type DbPool = Pool<ConnectionManager<PgConnection>>;
pub type PgConn = PgConnection;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// No connection could be had in time: the database is down or saturated.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

impl DbError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, DbError::Query(diesel::result::Error::NotFound))
    }

    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self,
            DbError::Query(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _))
        )
    }
}

/// A cloneable handle on the pool.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    /// For connections that must stay outside the pool (the job worker's LISTEN).
    url: Option<std::sync::Arc<str>>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("state", &self.pool.state()).finish()
    }
}

impl Db {
    pub fn connect(database_url: &str, max_size: u32) -> Result<Db, DbError> {
        let manager = ConnectionManager::<PgConnection>::new(database_url);
        let pool = Pool::builder()
            .max_size(max_size)
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(5))
            .test_on_check_out(false)
            .build(manager)
            .map_err(|e| DbError::Unavailable(e.to_string()))?;
        Ok(Db { pool, url: Some(database_url.into()) })
    }

    pub fn from_pool(pool: DbPool) -> Db {
        Db { pool, url: None }
    }

    /// A new connection of its own, outside the pool (`None` for a pool built elsewhere).
    pub fn dedicated(&self) -> Option<Result<PgConnection, DbError>> {
        use diesel::Connection;
        let url = self.url.as_ref()?;
        Some(PgConnection::establish(url).map_err(|e| DbError::Unavailable(e.to_string())))
    }

    pub fn get(&self) -> Result<PooledConnection<ConnectionManager<PgConnection>>, DbError> {
        self.pool.get().map_err(|e| DbError::Unavailable(e.to_string()))
    }

    /// Runs `work` with a pooled connection on the blocking thread pool.
    pub async fn run<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut PgConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let span = tracing::Span::current();
        let joined = tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            let mut conn = pool.get().map_err(|e| E::from(DbError::Unavailable(e.to_string())))?;
            work(&mut conn)
        })
        .await;
        match joined {
            Ok(result) => result,
            Err(join_error) if join_error.is_panic() => std::panic::resume_unwind(join_error.into_panic()),
            Err(join_error) => Err(E::from(DbError::Unavailable(join_error.to_string()))),
        }
    }
}
