//! Which clients' rows a caller may see. Every query on client-owned data takes one,
//! and filters in SQL (`client_id = ANY($ids)`), never after loading.

use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// NOURX staff: every client.
    All,
    /// A client user: the clients they are a member of (possibly none).
    Clients(Vec<Uuid>),
}

impl Scope {
    pub fn allows(&self, client_id: Uuid) -> bool {
        match self {
            Scope::All => true,
            Scope::Clients(ids) => ids.contains(&client_id),
        }
    }

    /// The client ids to filter on, `None` meaning no filter.
    pub fn client_ids(&self) -> Option<&[Uuid]> {
        match self {
            Scope::All => None,
            Scope::Clients(ids) => Some(ids),
        }
    }
}

/// `LIMIT`/`OFFSET` of a page, already validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: i64,
    pub offset: i64,
}

/// The total behind a page: known without a `count(*)` when the page is the last one
/// (fewer rows than asked, or none on the first page); otherwise `count()` is run.
pub fn page_count<E>(page: PageRequest, rows: usize, count: impl FnOnce() -> Result<i64, E>) -> Result<i64, E> {
    let rows = rows as i64;
    if (rows > 0 && rows < page.limit) || (rows == 0 && page.offset == 0) { Ok(page.offset + rows) } else { count() }
}

/// Applies the scope to a boxed query on a table with a `client_id` column.
#[macro_export]
macro_rules! scoped {
    ($query:expr, $scope:expr, $column:expr) => {{
        let query = $query;
        match $scope.client_ids() {
            None => query,
            // One client (the usual case) as `= $1`, so the planner can walk the
            // (client_id, created_at) index in order instead of sorting every row.
            Some([id]) => query.filter($column.eq(*id)),
            Some(ids) => query.filter($column.eq_any(ids.to_vec())),
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_page_needs_no_count() {
        let first = PageRequest { limit: 25, offset: 0 };
        let third = PageRequest { limit: 25, offset: 50 };
        let never = || -> Result<i64, ()> { panic!("count() must not run") };
        assert_eq!(page_count(first, 3, never), Ok(3));
        assert_eq!(page_count(first, 0, never), Ok(0));
        assert_eq!(page_count(third, 7, never), Ok(57));
        assert_eq!(page_count(first, 25, || Ok::<i64, ()>(80)), Ok(80));
        assert_eq!(page_count(third, 0, || Ok::<i64, ()>(40)), Ok(40));
    }
}
