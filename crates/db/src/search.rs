//! The staff's global search: per kind of record, the matches of a term in its searched fields,
//! "starts with" before "contains", at most `limit` of each kind.
//!
//! Each field has two indexes on `nourx_fold(field)` (migration 2026-12-07-000005): a btree
//! (`text_pattern_ops`) walked in order for the prefix matches, so `LIMIT` stops early however
//! many rows match, and a trigram GIN index for the others. An exact match is the shortest string
//! with its prefix, so it comes first.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

/// What can be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKind {
    Client,
    Contact,
    Project,
    Invoice,
    Quote,
    Ticket,
    Payment,
}

impl SearchKind {
    pub const ALL: [SearchKind; 7] = [
        SearchKind::Client,
        SearchKind::Contact,
        SearchKind::Project,
        SearchKind::Invoice,
        SearchKind::Quote,
        SearchKind::Ticket,
        SearchKind::Payment,
    ];

    /// The table (as `t`), its searched fields, the columns of a [`SearchHit`], and the joins
    /// they need (as `c` the client).
    fn spec(self) -> (&'static str, &'static [&'static str], &'static str, &'static str) {
        match self {
            SearchKind::Client => (
                "clients",
                &["name", "legal_name"],
                "t.id, t.name AS title, t.id AS client_id, NULL::text AS client_name, NULL::int8 AS amount, NULL::text AS currency, t.city AS detail",
                "",
            ),
            SearchKind::Contact => (
                "users",
                &["full_name", "email"],
                "t.id, t.full_name AS title, c.id AS client_id, c.name AS client_name, NULL::int8 AS amount, NULL::text AS currency, t.email AS detail",
                "LEFT JOIN LATERAL (SELECT m.client_id FROM client_members m WHERE m.user_id = t.id \
                 ORDER BY m.created_at LIMIT 1) first_client ON true LEFT JOIN clients c ON c.id = first_client.client_id",
            ),
            SearchKind::Project => (
                "projects",
                &["name"],
                "t.id, t.name AS title, c.id AS client_id, c.name AS client_name, NULL::int8 AS amount, NULL::text AS currency, NULL::text AS detail",
                "JOIN clients c ON c.id = t.client_id",
            ),
            SearchKind::Invoice => (
                "invoices",
                &["number"],
                "t.id, t.number AS title, c.id AS client_id, c.name AS client_name, t.total_ttc AS amount, t.currency::text AS currency, t.title AS detail",
                "JOIN clients c ON c.id = t.client_id",
            ),
            SearchKind::Quote => (
                "quotes",
                &["number"],
                "t.id, t.number AS title, c.id AS client_id, c.name AS client_name, t.total_ttc AS amount, t.currency::text AS currency, t.title AS detail",
                "JOIN clients c ON c.id = t.client_id",
            ),
            SearchKind::Ticket => (
                "tickets",
                &["subject"],
                "t.id, t.subject AS title, c.id AS client_id, c.name AS client_name, NULL::int8 AS amount, NULL::text AS currency, '#' || t.number AS detail",
                "JOIN clients c ON c.id = t.client_id",
            ),
            SearchKind::Payment => (
                "payments",
                &["transaction_id", "operator_id"],
                "t.id, t.transaction_id AS title, c.id AS client_id, c.name AS client_name, t.amount AS amount, t.currency::text AS currency, t.operator_id AS detail",
                "JOIN clients c ON c.id = t.client_id",
            ),
        }
    }

    /// Only client accounts are contacts (NOURX staff are not searched).
    fn condition(self) -> &'static str {
        match self {
            SearchKind::Contact => "t.role = 'client'",
            _ => "true",
        }
    }
}

/// One record found.
#[derive(Debug, Clone, QueryableByName)]
pub struct SearchHit {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub client_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub client_name: Option<String>,
    /// TTC of an invoice or quote, a payment's amount.
    #[diesel(sql_type = Nullable<BigInt>)]
    pub amount: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub currency: Option<String>,
    /// A client's city, a contact's email, a document's title, a ticket's number, a payment's operator id.
    #[diesel(sql_type = Nullable<Text>)]
    pub detail: Option<String>,
}

/// The term as the indexes store it (lower case, accents removed where `unaccent` exists).
pub fn fold(conn: &mut PgConnection, term: &str) -> QueryResult<String> {
    #[derive(QueryableByName)]
    struct Folded {
        #[diesel(sql_type = Text)]
        folded: String,
    }
    let row: Folded = diesel::sql_query("SELECT nourx_fold($1) AS folded").bind::<Text, _>(term).get_result(conn)?;
    Ok(row.folded)
}

fn escape_like(term: &str) -> String {
    term.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// The SQL of one kind's search: $1 the prefix pattern, $2 the contains pattern, $3 the limit,
/// $4 a ticket number (used by tickets only; every kind binds the same four parameters).
/// "Contains" runs only with `contains` (a term of 3 characters or more: trigrams need them) and
/// only when the prefix matches did not fill the limit (a one-time filter: the scan is skipped).
fn statement(kind: SearchKind, contains: bool) -> String {
    let (table, fields, columns, joins) = kind.spec();
    let condition = kind.condition();
    let key = |field: &str| format!("nourx_fold(t.{field})");
    let mut prefix: Vec<String> = fields
        .iter()
        .map(|field| {
            let key = key(field);
            // Walks the btree in order: LIMIT stops early however many rows match. `USING ~<~` is
            // the order of `text_pattern_ops`; a plain ORDER BY (the collation's order) cannot come
            // from that index and sorted every match (60 ms for a prefix of 30 000 invoices).
            format!(
                "(SELECT t.id, 0 AS rank, {key} AS key FROM {table} t \
                 WHERE {key} LIKE $1 AND {condition} ORDER BY {key} USING ~<~ LIMIT $3)"
            )
        })
        .collect();
    if kind == SearchKind::Ticket {
        prefix.push("(SELECT t.id, -1 AS rank, '' AS key FROM tickets t WHERE t.number = $4)".to_owned());
    }
    let others = if contains {
        fields
            .iter()
            .map(|field| {
                let key = key(field);
                format!(
                    " UNION ALL (SELECT t.id, 1 AS rank, {key} AS key FROM {table} t \
                     WHERE (SELECT count(*) FROM prefix) < $3 AND {key} LIKE $2 AND {condition} LIMIT $3)"
                )
            })
            .collect::<String>()
    } else {
        " UNION ALL (SELECT NULL::uuid, 1, $2::text WHERE false)".to_owned()
    };
    format!(
        "WITH prefix AS ({}), \
         hits AS (SELECT * FROM prefix{others}), \
         best AS (SELECT DISTINCT ON (id) id, rank, key FROM hits ORDER BY id, rank, key) \
         SELECT {columns} FROM best JOIN {table} t ON t.id = best.id {joins} \
         WHERE ($4::int8 IS NULL OR true) \
         ORDER BY best.rank, best.key, t.id LIMIT $3",
        prefix.join(" UNION ALL ")
    )
}

/// Below 3 characters a term has no trigram: only "starts with" is searched.
fn searches_contains(folded: &str) -> bool {
    folded.chars().count() >= 3
}

/// At most `limit` records of `kind` matching `folded` (from [`fold`]), best first.
pub fn find(conn: &mut PgConnection, kind: SearchKind, folded: &str, limit: i64) -> QueryResult<Vec<SearchHit>> {
    let escaped = escape_like(folded);
    let ticket_number: Option<i64> = folded.trim_start_matches('#').parse().ok();
    diesel::sql_query(statement(kind, searches_contains(folded)))
        .bind::<Text, _>(format!("{escaped}%"))
        .bind::<Text, _>(format!("%{escaped}%"))
        .bind::<BigInt, _>(limit)
        .bind::<Nullable<BigInt>, _>(ticket_number)
        .load(conn)
}

/// The plan of one kind's search, for docs/benchmarks.md.
pub fn explain(conn: &mut PgConnection, kind: SearchKind, folded: &str, limit: i64) -> QueryResult<Vec<String>> {
    #[derive(QueryableByName)]
    struct Line {
        #[diesel(sql_type = Text)]
        #[diesel(column_name = "QUERY PLAN")]
        line: String,
    }
    let escaped = escape_like(folded);
    let ticket_number: Option<i64> = folded.trim_start_matches('#').parse().ok();
    let lines: Vec<Line> =
        diesel::sql_query(format!("EXPLAIN (ANALYZE, BUFFERS) {}", statement(kind, searches_contains(folded))))
            .bind::<Text, _>(format!("{escaped}%"))
            .bind::<Text, _>(format!("%{escaped}%"))
            .bind::<BigInt, _>(limit)
            .bind::<Nullable<BigInt>, _>(ticket_number)
            .load(conn)?;
    Ok(lines.into_iter().map(|line| line.line).collect())
}
