//! Prospects, the pipeline's stages and the activities on each prospect. Staff only: no client
//! scope applies (the API lets NOURX staff alone in).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Uuid as SqlUuid};
use nourx_domain::client::ClientSize;
use nourx_domain::delivery::{BOARD_RANK_GAP, RankSlot, rank_between};
use nourx_domain::prospects::{ActivityKind, ProspectSource, StageKind};
use uuid::Uuid;

use crate::schema::{pipeline_stages, prospect_activities, prospects, users};
use crate::scope::PageRequest;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = pipeline_stages, check_for_backend(diesel::pg::Pg))]
pub struct Stage {
    pub id: Uuid,
    pub name: String,
    pub kind: StageKind,
    pub position: i32,
    pub probability: i16,
    pub created_at: DateTime<Utc>,
}

pub fn stages(conn: &mut PgConnection) -> QueryResult<Vec<Stage>> {
    pipeline_stages::table
        .order((pipeline_stages::position.asc(), pipeline_stages::id.asc()))
        .select(Stage::as_select())
        .load(conn)
}

pub fn find_stage(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Stage>> {
    pipeline_stages::table.find(id).select(Stage::as_select()).first(conn).optional()
}

/// The stage new prospects land in: the first open one.
pub fn first_open_stage(conn: &mut PgConnection) -> QueryResult<Option<Stage>> {
    pipeline_stages::table
        .filter(pipeline_stages::kind.eq(StageKind::Open))
        .order((pipeline_stages::position.asc(), pipeline_stages::id.asc()))
        .select(Stage::as_select())
        .first(conn)
        .optional()
}

/// The stage of an outcome (won or lost).
pub fn outcome_stage(conn: &mut PgConnection, kind: StageKind) -> QueryResult<Option<Stage>> {
    pipeline_stages::table.filter(pipeline_stages::kind.eq(kind)).select(Stage::as_select()).first(conn).optional()
}

/// Adds an open stage just before the outcomes.
pub fn insert_stage(conn: &mut PgConnection, name: &str, probability: i16) -> QueryResult<Stage> {
    let last_open: Option<i32> = pipeline_stages::table
        .filter(pipeline_stages::kind.eq(StageKind::Open))
        .select(diesel::dsl::max(pipeline_stages::position))
        .first(conn)?;
    let position = last_open.unwrap_or(0) + 1;
    // Make room: the outcomes (and any later stage) move one step right.
    diesel::update(pipeline_stages::table.filter(pipeline_stages::position.ge(position)))
        .set(pipeline_stages::position.eq(pipeline_stages::position + 1))
        .execute(conn)?;
    diesel::insert_into(pipeline_stages::table)
        .values((
            pipeline_stages::id.eq(Uuid::now_v7()),
            pipeline_stages::name.eq(name),
            pipeline_stages::kind.eq(StageKind::Open),
            pipeline_stages::position.eq(position),
            pipeline_stages::probability.eq(probability),
        ))
        .returning(Stage::as_returning())
        .get_result(conn)
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = pipeline_stages)]
pub struct StageChanges {
    pub name: Option<String>,
    pub probability: Option<i16>,
    pub position: Option<i32>,
}

pub fn update_stage(conn: &mut PgConnection, id: Uuid, changes: &StageChanges) -> QueryResult<Stage> {
    diesel::update(pipeline_stages::table.find(id)).set(changes).returning(Stage::as_returning()).get_result(conn)
}

pub fn delete_stage(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(pipeline_stages::table.find(id)).execute(conn)
}

/// Whether `error` is the unique stage name's violation.
pub fn is_duplicate_stage_name(error: &diesel::result::Error) -> bool {
    matches!(error, diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, info)
        if info.constraint_name() == Some("pipeline_stages_name_idx"))
}

/// Whether `error` is the unique prospect email's violation.
pub fn is_duplicate_email(error: &diesel::result::Error) -> bool {
    matches!(error, diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, info)
        if info.constraint_name() == Some("prospects_email_idx"))
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, serde::Serialize)]
#[diesel(table_name = prospects, check_for_backend(diesel::pg::Pg))]
pub struct Prospect {
    pub id: Uuid,
    pub company: String,
    pub contact_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub whatsapp: Option<String>,
    pub source: ProspectSource,
    pub estimated_value: i64,
    pub probability: i16,
    pub expected_close: Option<NaiveDate>,
    pub owner_id: Option<Uuid>,
    pub sector: Option<String>,
    pub city: Option<String>,
    pub size: Option<ClientSize>,
    pub tags: Vec<String>,
    pub notes: String,
    pub stage_id: Uuid,
    pub stage_rank: i64,
    pub outcome_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub next_follow_up: Option<NaiveDate>,
    pub follow_up_notified_on: Option<NaiveDate>,
    pub client_id: Option<Uuid>,
    pub converted_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = prospects)]
pub struct NewProspect {
    pub id: Uuid,
    pub company: String,
    pub contact_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub whatsapp: Option<String>,
    pub source: ProspectSource,
    pub estimated_value: i64,
    pub probability: i16,
    pub expected_close: Option<NaiveDate>,
    pub owner_id: Option<Uuid>,
    pub sector: Option<String>,
    pub city: Option<String>,
    pub size: Option<ClientSize>,
    pub tags: Vec<String>,
    pub notes: String,
    pub stage_id: Uuid,
    pub stage_rank: i64,
    pub next_follow_up: Option<NaiveDate>,
    pub created_by: Option<Uuid>,
}

/// Inserts `rows` (in their order) at the end of their stage's column.
pub fn insert_all(conn: &mut PgConnection, rows: &mut [NewProspect]) -> QueryResult<Vec<Prospect>> {
    let mut inserted = Vec::with_capacity(rows.len());
    for row in rows.iter_mut() {
        row.stage_rank = rank_at_end(conn, row.stage_id, None)?;
        inserted.push(
            diesel::insert_into(prospects::table).values(&*row).returning(Prospect::as_returning()).get_result(conn)?,
        );
    }
    Ok(inserted)
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = prospects)]
pub struct ProspectChanges {
    pub company: Option<String>,
    pub contact_name: Option<String>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub whatsapp: Option<Option<String>>,
    pub source: Option<ProspectSource>,
    pub estimated_value: Option<i64>,
    pub probability: Option<i16>,
    pub expected_close: Option<Option<NaiveDate>>,
    pub owner_id: Option<Option<Uuid>>,
    pub sector: Option<Option<String>>,
    pub city: Option<Option<String>>,
    pub size: Option<Option<ClientSize>>,
    pub tags: Option<Vec<String>>,
    pub notes: Option<String>,
    pub stage_id: Option<Uuid>,
    pub stage_rank: Option<i64>,
    pub outcome_reason: Option<Option<String>>,
    pub closed_at: Option<Option<DateTime<Utc>>>,
    pub next_follow_up: Option<Option<NaiveDate>>,
    pub client_id: Option<Option<Uuid>>,
    pub converted_at: Option<Option<DateTime<Utc>>>,
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Prospect>> {
    prospects::table.find(id).select(Prospect::as_select()).first(conn).optional()
}

/// `find`, locking the row until the end of the transaction.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Prospect>> {
    prospects::table.find(id).for_update().select(Prospect::as_select()).first(conn).optional()
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &ProspectChanges) -> QueryResult<Prospect> {
    diesel::update(prospects::table.find(id))
        .set((changes, prospects::updated_at.eq(diesel::dsl::now)))
        .returning(Prospect::as_returning())
        .get_result(conn)
}

pub fn delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(prospects::table.find(id)).execute(conn)
}

/// Which of `emails` prospects already use.
pub fn known_emails(conn: &mut PgConnection, emails: &[String]) -> QueryResult<Vec<String>> {
    prospects::table.filter(prospects::email.eq_any(emails)).select(prospects::email.assume_not_null()).load(conn)
}

/// Prospects in a stage.
pub fn count_in_stage(conn: &mut PgConnection, stage_id: Uuid) -> QueryResult<i64> {
    prospects::table.filter(prospects::stage_id.eq(stage_id)).count().get_result(conn)
}

#[derive(Debug, Default, Clone)]
pub struct ProspectFilter {
    pub stage_id: Option<Uuid>,
    pub outcome: Option<StageKind>,
    pub owner_id: Option<Uuid>,
    pub source: Option<ProspectSource>,
    pub sector: Option<String>,
    pub city: Option<String>,
    pub size: Option<ClientSize>,
    pub tag: Option<String>,
    /// Follow-ups due on or before this day.
    pub follow_up_by: Option<NaiveDate>,
    pub converted: Option<bool>,
    pub search: Option<String>,
}

pub const ORDERING_FIELDS: &[&str] =
    &["created_at", "company", "estimated_value", "expected_close", "next_follow_up", "board", "updated_at"];

/// The prospects `filter` selects.
fn filtered(filter: &ProspectFilter) -> prospects::BoxedQuery<'_, diesel::pg::Pg> {
    let mut query = prospects::table.into_boxed();
    if let Some(stage) = filter.stage_id {
        query = query.filter(prospects::stage_id.eq(stage));
    }
    if let Some(kind) = filter.outcome {
        let ids = pipeline_stages::table.filter(pipeline_stages::kind.eq(kind)).select(pipeline_stages::id);
        query = query.filter(prospects::stage_id.eq_any(ids));
    }
    if let Some(owner) = filter.owner_id {
        query = query.filter(prospects::owner_id.eq(owner));
    }
    if let Some(source) = filter.source {
        query = query.filter(prospects::source.eq(source));
    }
    if let Some(sector) = &filter.sector {
        query = query.filter(prospects::sector.ilike(sector.clone()));
    }
    if let Some(city) = &filter.city {
        query = query.filter(prospects::city.ilike(city.clone()));
    }
    if let Some(size) = filter.size {
        query = query.filter(prospects::size.eq(size));
    }
    if let Some(tag) = &filter.tag {
        query = query.filter(prospects::tags.contains(vec![tag.to_lowercase()]));
    }
    if let Some(day) = filter.follow_up_by {
        query = query.filter(prospects::next_follow_up.le(day));
    }
    match filter.converted {
        Some(true) => query = query.filter(prospects::converted_at.is_not_null()),
        Some(false) => query = query.filter(prospects::converted_at.is_null()),
        None => {}
    }
    if let Some(search) = &filter.search {
        let pattern = crate::like_pattern(search);
        query = query.filter(
            prospects::company
                .ilike(pattern.clone())
                .or(prospects::contact_name.ilike(pattern.clone()))
                .or(prospects::email.ilike(pattern)),
        );
    }
    query
}

pub fn list(
    conn: &mut PgConnection,
    filter: &ProspectFilter,
    ordering: &str,
    page: PageRequest,
    known_count: Option<i64>,
) -> QueryResult<(i64, Vec<Prospect>)> {
    let build = || filtered(filter);
    let query = match ordering {
        "created_at" => build().order(prospects::created_at.asc()),
        "company" => build().order(prospects::company.asc()),
        "-company" => build().order(prospects::company.desc()),
        "estimated_value" => build().order(prospects::estimated_value.asc()),
        "-estimated_value" => build().order(prospects::estimated_value.desc()),
        "expected_close" => build().order(prospects::expected_close.asc().nulls_last()),
        "-expected_close" => build().order(prospects::expected_close.desc().nulls_last()),
        "next_follow_up" => build().order(prospects::next_follow_up.asc().nulls_last()),
        "-next_follow_up" => build().order(prospects::next_follow_up.desc().nulls_last()),
        "board" => build().order((prospects::stage_id.asc(), prospects::stage_rank.asc())),
        "-board" => build().order((prospects::stage_id.asc(), prospects::stage_rank.desc())),
        "updated_at" => build().order(prospects::updated_at.asc()),
        "-updated_at" => build().order(prospects::updated_at.desc()),
        _ => build().order(prospects::created_at.desc()),
    };
    let rows = query
        .then_order_by(prospects::id.asc())
        .limit(page.limit)
        .offset(page.offset)
        .select(Prospect::as_select())
        .load(conn)?;
    let count = match known_count {
        Some(count) => count,
        None => crate::scope::page_count(page, rows.len(), || build().count().get_result(conn))?,
    };
    Ok((count, rows))
}

/// Per stage: how many prospects, their value and their weighted value (by each one's
/// probability).
#[derive(Debug, Clone, QueryableByName)]
pub struct StageTotals {
    #[diesel(sql_type = SqlUuid)]
    pub stage_id: Uuid,
    #[diesel(sql_type = BigInt)]
    pub count: i64,
    #[diesel(sql_type = BigInt)]
    pub value: i64,
    #[diesel(sql_type = BigInt)]
    pub weighted_value: i64,
}

/// Every stage holding prospects, from the summary the triggers keep (migration 000014).
pub fn stage_totals(conn: &mut PgConnection) -> QueryResult<Vec<StageTotals>> {
    diesel::sql_query(
        "SELECT stage_id, prospect_count AS count, value, weighted_value FROM pipeline_totals WHERE prospect_count > 0",
    )
    .load(conn)
}

/// The board of the prospects `filter` selects: each stage's totals (one grouped read) and first
/// `per_stage` cards (one read per stage: a filtered board is narrow).
pub fn filtered_board(
    conn: &mut PgConnection,
    stages: &[Stage],
    filter: &ProspectFilter,
    per_stage: i64,
) -> QueryResult<(Vec<StageTotals>, Vec<Prospect>)> {
    // A boxed query cannot be grouped: the filter selects the ids, grouped outside.
    let totals = prospects::table
        .filter(prospects::id.eq_any(filtered(filter).select(prospects::id)))
        .group_by(prospects::stage_id)
        .select((
            prospects::stage_id,
            diesel::dsl::sql::<(BigInt, BigInt, BigInt)>(
                "count(*), COALESCE(SUM(prospects.estimated_value), 0)::int8, \
                 COALESCE(SUM((prospects.estimated_value * prospects.probability + 50) / 100), 0)::int8",
            ),
        ))
        .load::<(Uuid, (i64, i64, i64))>(conn)?
        .into_iter()
        .map(|(stage_id, (count, value, weighted_value))| StageTotals { stage_id, count, value, weighted_value })
        .collect();
    let mut cards = Vec::new();
    for stage in stages {
        cards.extend(
            filtered(filter)
                .filter(prospects::stage_id.eq(stage.id))
                .order((prospects::stage_rank.asc(), prospects::id.asc()))
                .limit(per_stage)
                .select(Prospect::as_select())
                .load(conn)?,
        );
    }
    Ok((totals, cards))
}

/// Whether `filter` selects anything less than every prospect.
pub fn is_everything(filter: &ProspectFilter) -> bool {
    let ProspectFilter {
        stage_id,
        outcome,
        owner_id,
        source,
        sector,
        city,
        size,
        tag,
        follow_up_by,
        converted,
        search,
    } = filter;
    stage_id.is_none()
        && outcome.is_none()
        && owner_id.is_none()
        && source.is_none()
        && sector.is_none()
        && city.is_none()
        && size.is_none()
        && tag.is_none()
        && follow_up_by.is_none()
        && converted.is_none()
        && search.is_none()
}

/// The first `per_stage` cards of every stage's column, in board order (one statement: each
/// column's walk of `prospects_stage_rank_idx` stops after `per_stage` rows).
pub fn board(conn: &mut PgConnection, per_stage: i64) -> QueryResult<Vec<Prospect>> {
    let first_cards = diesel::dsl::sql::<diesel::sql_types::Bool>(
        "prospects.id IN (SELECT p.id FROM pipeline_stages s CROSS JOIN LATERAL \
           (SELECT id FROM prospects WHERE stage_id = s.id ORDER BY stage_rank, id LIMIT ",
    )
    .bind::<BigInt, _>(per_stage)
    .sql(") p)");
    prospects::table
        .filter(first_cards)
        .order((prospects::stage_id.asc(), prospects::stage_rank.asc(), prospects::id.asc()))
        .select(Prospect::as_select())
        .load(conn)
}

/// Serializes the moves within one stage's column (a transaction-scoped lock).
fn lock_column(conn: &mut PgConnection, stage_id: Uuid) -> QueryResult<()> {
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext('prospects.stage_rank'), hashtext($1))")
        .bind::<Text, _>(stage_id.to_string())
        .execute(conn)
        .map(|_| ())
}

fn renumber_column(conn: &mut PgConnection, stage_id: Uuid) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE prospects SET stage_rank = ordered.n * $2 \
         FROM (SELECT id, row_number() OVER (ORDER BY stage_rank, id) AS n FROM prospects WHERE stage_id = $1) ordered \
         WHERE prospects.id = ordered.id",
    )
    .bind::<SqlUuid, _>(stage_id)
    .bind::<BigInt, _>(BOARD_RANK_GAP)
    .execute(conn)
    .map(|_| ())
}

/// The rank after the last card of the stage's column (other than `excluding`).
pub fn rank_at_end(conn: &mut PgConnection, stage_id: Uuid, excluding: Option<Uuid>) -> QueryResult<i64> {
    lock_column(conn, stage_id)?;
    let last: Option<i64> = prospects::table
        .filter(prospects::stage_id.eq(stage_id))
        .filter(prospects::id.ne(excluding.unwrap_or(Uuid::nil())))
        .select(diesel::dsl::max(prospects::stage_rank))
        .first(conn)?;
    match rank_between(last, None) {
        RankSlot::At(rank) => Ok(rank),
        RankSlot::Renumber => {
            renumber_column(conn, stage_id)?;
            rank_at_end(conn, stage_id, excluding)
        }
    }
}

/// The rank for prospect `id` right after `anchor` in the stage's column (`None`: at the top);
/// `Ok(None)` when the anchor is not in that column.
pub fn rank_after(conn: &mut PgConnection, id: Uuid, stage_id: Uuid, anchor: Option<Uuid>) -> QueryResult<Option<i64>> {
    lock_column(conn, stage_id)?;
    for _ in 0..2 {
        let column = || prospects::table.filter(prospects::stage_id.eq(stage_id)).filter(prospects::id.ne(id));
        let above: Option<(Uuid, i64)> = match anchor {
            None => None,
            Some(anchor) => match column()
                .filter(prospects::id.eq(anchor))
                .select((prospects::id, prospects::stage_rank))
                .first(conn)
                .optional()?
            {
                Some(found) => Some(found),
                None => return Ok(None),
            },
        };
        let below: Option<i64> = match above {
            Some((anchor_id, rank)) => column()
                .filter(
                    prospects::stage_rank.gt(rank).or(prospects::stage_rank.eq(rank).and(prospects::id.gt(anchor_id))),
                )
                .order((prospects::stage_rank.asc(), prospects::id.asc()))
                .select(prospects::stage_rank)
                .first(conn)
                .optional()?,
            None => column()
                .order((prospects::stage_rank.asc(), prospects::id.asc()))
                .select(prospects::stage_rank)
                .first(conn)
                .optional()?,
        };
        match rank_between(above.map(|(_, rank)| rank), below) {
            RankSlot::At(rank) => return Ok(Some(rank)),
            RankSlot::Renumber => renumber_column(conn, stage_id)?,
        }
    }
    Ok(None)
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = prospect_activities, check_for_backend(diesel::pg::Pg))]
pub struct Activity {
    pub id: Uuid,
    pub prospect_id: Uuid,
    pub kind: ActivityKind,
    pub body: String,
    pub happened_at: DateTime<Utc>,
    pub author_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// Records an activity on a prospect.
pub fn add_activity(
    conn: &mut PgConnection,
    prospect_id: Uuid,
    kind: ActivityKind,
    body: &str,
    happened_at: Option<DateTime<Utc>>,
    author: Option<Uuid>,
) -> QueryResult<Activity> {
    diesel::insert_into(prospect_activities::table)
        .values((
            prospect_activities::id.eq(Uuid::now_v7()),
            prospect_activities::prospect_id.eq(prospect_id),
            prospect_activities::kind.eq(kind),
            prospect_activities::body.eq(body),
            prospect_activities::happened_at.eq(happened_at.unwrap_or_else(Utc::now)),
            prospect_activities::author_id.eq(author),
        ))
        .returning(Activity::as_returning())
        .get_result(conn)
}

/// An activity with its author's full name.
pub type ActivityRow = (Activity, Option<String>);

/// A prospect's activities, newest first, with their authors' names.
pub fn activities(
    conn: &mut PgConnection,
    prospect_id: Uuid,
    page: PageRequest,
) -> QueryResult<(i64, Vec<ActivityRow>)> {
    let rows = prospect_activities::table
        .left_join(users::table.on(users::id.nullable().eq(prospect_activities::author_id)))
        .filter(prospect_activities::prospect_id.eq(prospect_id))
        .order((prospect_activities::happened_at.desc(), prospect_activities::id.desc()))
        .limit(page.limit)
        .offset(page.offset)
        .select((Activity::as_select(), users::full_name.nullable()))
        .load(conn)?;
    let count = crate::scope::page_count(page, rows.len(), || {
        prospect_activities::table.filter(prospect_activities::prospect_id.eq(prospect_id)).count().get_result(conn)
    })?;
    Ok((count, rows))
}

/// Prospects whose follow-up is due `today` and whose owner was not told today: marks them told
/// and returns them.
pub fn take_due_follow_ups(conn: &mut PgConnection, today: NaiveDate, limit: i64) -> QueryResult<Vec<Prospect>> {
    let due = prospects::table
        .filter(prospects::next_follow_up.le(today))
        .filter(prospects::owner_id.is_not_null())
        .filter(prospects::converted_at.is_null())
        .filter(prospects::follow_up_notified_on.is_null().or(prospects::follow_up_notified_on.lt(today)))
        .select(prospects::id)
        .limit(limit)
        .for_update()
        .skip_locked();
    let ids: Vec<Uuid> = due.load(conn)?;
    diesel::update(prospects::table.filter(prospects::id.eq_any(ids)))
        .set(prospects::follow_up_notified_on.eq(today))
        .returning(Prospect::as_returning())
        .get_results(conn)
}

/// Pipeline figures for the KPIs over `[from, to)`: prospects won and lost in the period, the
/// average days from creation to a win, and the weighted value of the open pipeline.
#[derive(Debug, Clone, QueryableByName)]
pub struct PipelineFigures {
    #[diesel(sql_type = BigInt)]
    pub won: i64,
    #[diesel(sql_type = BigInt)]
    pub lost: i64,
    #[diesel(sql_type = Nullable<diesel::sql_types::Double>)]
    pub average_days_to_win: Option<f64>,
    #[diesel(sql_type = BigInt)]
    pub open_value: i64,
    #[diesel(sql_type = BigInt)]
    pub open_weighted_value: i64,
}

pub fn figures(conn: &mut PgConnection, from: DateTime<Utc>, to: DateTime<Utc>) -> QueryResult<PipelineFigures> {
    diesel::sql_query(
        "SELECT count(*) FILTER (WHERE s.kind = 'won' AND p.closed_at >= $1 AND p.closed_at < $2) AS won, \
                count(*) FILTER (WHERE s.kind = 'lost' AND p.closed_at >= $1 AND p.closed_at < $2) AS lost, \
                avg(extract(epoch FROM p.closed_at - p.created_at) / 86400) \
                  FILTER (WHERE s.kind = 'won' AND p.closed_at >= $1 AND p.closed_at < $2)::float8 AS average_days_to_win, \
                COALESCE(SUM(p.estimated_value) FILTER (WHERE s.kind = 'open'), 0)::int8 AS open_value, \
                COALESCE(SUM((p.estimated_value * p.probability + 50) / 100) FILTER (WHERE s.kind = 'open'), 0)::int8 \
                  AS open_weighted_value \
         FROM prospects p JOIN pipeline_stages s ON s.id = p.stage_id",
    )
    .bind::<diesel::sql_types::Timestamptz, _>(from)
    .bind::<diesel::sql_types::Timestamptz, _>(to)
    .get_result(conn)
}

pub fn find_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Option<Prospect>> {
    prospects::table.filter(prospects::email.eq(email)).select(Prospect::as_select()).first(conn).optional()
}
