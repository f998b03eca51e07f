//! `GET /api/admin/kpis/`: the dashboard's figures for a period (NOURX staff).

use actix_web::{get, web};
use chrono::NaiveDate;
use nourx_db::kpis::{self, BillingFigures, MonthFigures, PaymentSum, SupportFigures, WorkFigures};
use nourx_db::{PgConn, clock};
use nourx_domain::kpis::{
    AgeingBucket, DSO_WINDOW_DAYS, Period, PeriodKey, compliance, dso_days, last_twelve_months, month_key,
    resolve_period,
};
use nourx_domain::payments::OfflineMethod;
use nourx_domain::{Lang, Message};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::http::caller::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::pagination::choice_of;
use crate::http::schemas::{ErrorDetail, ValidationErrors};

/// The figures are in the portal's currency; invoices in other currencies are left out.
pub const KPI_CURRENCY: &str = "XOF";

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KpiQuery {
    /// this_month (default), last_month, quarter, year or custom.
    pub period: Option<String>,
    /// First day of a custom period (YYYY-MM-DD).
    pub from: Option<NaiveDate>,
    /// Last day of a custom period (YYYY-MM-DD), at most 3 years after `from`.
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodDto {
    /// this_month, last_month, quarter, year or custom.
    pub key: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// An amount and how many records make it.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeyedAmountDto {
    pub key: String,
    pub amount: i64,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OperatorAmountDto {
    /// orange_money, mtn, moov, wave, card or other.
    pub key: String,
    pub label: String,
    pub amount: i64,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OverdueDto {
    pub total: i64,
    pub count: i64,
    /// 0_30, 31_60, 61_90, 90_plus: days past the due date.
    pub buckets: Vec<KeyedAmountDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MonthDto {
    /// YYYY-MM.
    pub month: String,
    pub invoiced: i64,
    pub collected: i64,
}

/// The dashboard's figures. Amounts are integers in XOF.
#[derive(Debug, Serialize, ToSchema)]
pub struct KpisDto {
    pub period: PeriodDto,
    pub currency: String,
    /// TTC of the invoices issued in the period (not drafts, not cancelled).
    pub invoiced: i64,
    /// Payments accepted in the period.
    pub collected: i64,
    /// Balance of the issued invoices still unpaid at the period's end (or today).
    pub outstanding: i64,
    pub overdue: OverdueDto,
    /// Outstanding / invoiced over the last 90 days × 90; null when nothing was invoiced.
    pub dso_days: Option<f64>,
    pub payments_by_channel: Vec<KeyedAmountDto>,
    pub payments_by_operator: Vec<OperatorAmountDto>,
    pub active_projects: i64,
    pub late_milestones: i64,
    pub overdue_tasks: i64,
    pub open_tickets: i64,
    /// Share of the tickets opened in the period that met their SLA; null without tickets.
    pub sla_compliance: Option<f64>,
    /// Median minutes to the first answer of NOURX, tickets opened in the period; null without.
    pub median_first_response_minutes: Option<i64>,
    /// Average rating clients gave resolved tickets in the period (1–5, one decimal); null without.
    #[schema(example = 4.6)]
    pub satisfaction_average: Option<f64>,
    /// How many ratings the average is of.
    pub ratings: i64,
    /// Prospects in open stages: their estimated value, and weighted by their probability (XOF).
    pub pipeline_value: i64,
    pub pipeline_weighted_value: i64,
    /// Prospects won and lost in the period.
    pub prospects_won: i64,
    pub prospects_lost: i64,
    /// Won ÷ (won + lost) in the period (0–1); null without any.
    pub conversion_rate: Option<f64>,
    /// Average days from a prospect's creation to its win, for those won in the period.
    pub average_days_to_close: Option<f64>,
    /// 12 months ending with the period's last month.
    pub monthly: Vec<MonthDto>,
}

/// Everything the figures are made of, read in one snapshot.
struct Figures {
    period: Period,
    billing: BillingFigures,
    payments: Vec<PaymentSum>,
    work: WorkFigures,
    support: SupportFigures,
    pipeline: nourx_db::prospects::PipelineFigures,
    months: Vec<NaiveDate>,
    monthly: Vec<MonthFigures>,
}

fn read_figures(conn: &mut PgConn, key: PeriodKey, query: &KpiQuery) -> Result<Figures, ApiError> {
    conn.build_transaction().read_only().repeatable_read().run(|conn| {
        let now = clock::transaction_now(conn)?;
        let today = now.date_naive();
        let period = resolve_period(key, query.from, query.to, today)
            .map_err(|error| ApiError::field(error.field(), error.message()))?;
        let as_of = period.as_of(today);
        let months = last_twelve_months(period.to);
        let first_month = months.first().copied().unwrap_or(period.from);
        Ok(Figures {
            billing: kpis::billing(conn, KPI_CURRENCY, period.from, period.to, as_of, DSO_WINDOW_DAYS)?,
            payments: kpis::payments(conn, KPI_CURRENCY, period.from, period.to)?,
            work: kpis::work(conn, today)?,
            support: kpis::support(conn, period.from, period.to, now)?,
            pipeline: nourx_db::prospects::figures(
                conn,
                kpis::start_of(period.from),
                kpis::start_of(period.to + chrono::Days::new(1)),
            )?,
            monthly: kpis::monthly(conn, KPI_CURRENCY, first_month, period.to)?,
            months,
            period,
        })
    })
}

/// The operators always listed, in this order, with their labels.
static OPERATORS: [(&str, Message); 5] = [
    ("orange_money", Message::new("Orange Money", "Orange Money")),
    ("mtn", Message::new("MTN MoMo", "MTN MoMo")),
    ("moov", Message::new("Moov Money", "Moov Money")),
    ("wave", Message::new("Wave", "Wave")),
    ("card", Message::new("Carte bancaire", "Bank card")),
];

fn payment_sum<'a>(sums: &'a [PaymentSum], dimension: &str, key: &str) -> Option<&'a PaymentSum> {
    sums.iter().find(|sum| sum.dimension == dimension && sum.key == key)
}

fn by_operator(sums: &[PaymentSum], lang: Lang) -> Vec<OperatorAmountDto> {
    // Payments recorded by hand (their method) and unnamed CinetPay methods, when there are some.
    let recorded = OfflineMethod::ALL.map(|method| (method.as_str(), method.label()));
    let other = [("other", Message::new("Autre", "Other"))];
    let present = recorded.iter().chain(&other).filter(|(key, _)| payment_sum(sums, "operator", key).is_some());
    OPERATORS
        .iter()
        .chain(present)
        .map(|(key, label)| {
            let sum = payment_sum(sums, "operator", key);
            OperatorAmountDto {
                key: (*key).into(),
                label: label.get(lang).into(),
                amount: sum.map_or(0, |s| s.amount),
                count: sum.map_or(0, |s| s.count),
            }
        })
        .collect()
}

fn by_channel(sums: &[PaymentSum]) -> Vec<KeyedAmountDto> {
    let recorded =
        ["bank_transfer", "cash", "cheque"].into_iter().filter(|key| payment_sum(sums, "channel", key).is_some());
    ["mobile_money", "card"]
        .into_iter()
        .chain(recorded)
        .map(|key| {
            let sum = payment_sum(sums, "channel", key);
            KeyedAmountDto { key: key.into(), amount: sum.map_or(0, |s| s.amount), count: sum.map_or(0, |s| s.count) }
        })
        .collect()
}

fn overdue(billing: &BillingFigures) -> OverdueDto {
    let b = billing;
    let buckets = AgeingBucket::ALL
        .into_iter()
        .zip([
            (b.bucket_0_30, b.count_0_30),
            (b.bucket_31_60, b.count_31_60),
            (b.bucket_61_90, b.count_61_90),
            (b.bucket_90_plus, b.count_90_plus),
        ])
        .map(|(bucket, (amount, count))| KeyedAmountDto { key: bucket.key().into(), amount, count })
        .collect();
    OverdueDto { total: b.overdue, count: b.overdue_count, buckets }
}

/// The 12 months of the chart, zero where nothing happened.
fn monthly(months: &[NaiveDate], figures: &[MonthFigures]) -> Vec<MonthDto> {
    months
        .iter()
        .map(|first_day| {
            let month = month_key(*first_day);
            let found = figures.iter().find(|f| f.month == month);
            MonthDto { invoiced: found.map_or(0, |f| f.invoiced), collected: found.map_or(0, |f| f.collected), month }
        })
        .collect()
}

impl KpisDto {
    fn new(figures: Figures, lang: Lang) -> KpisDto {
        let Figures { period, billing, payments, work, support, pipeline, months, monthly: month_figures } = figures;
        KpisDto {
            period: PeriodDto { key: period.key.as_str().into(), from: period.from, to: period.to },
            currency: KPI_CURRENCY.into(),
            invoiced: billing.invoiced,
            collected: payment_sum(&payments, "total", "all").map_or(0, |s| s.amount),
            outstanding: billing.outstanding,
            overdue: overdue(&billing),
            dso_days: dso_days(billing.outstanding, billing.invoiced_dso_window),
            payments_by_channel: by_channel(&payments),
            payments_by_operator: by_operator(&payments, lang),
            active_projects: work.active_projects,
            late_milestones: work.late_milestones,
            overdue_tasks: work.overdue_tasks,
            open_tickets: support.open_tickets,
            sla_compliance: compliance(support.met, support.judged),
            median_first_response_minutes: support.median_first_response_minutes.map(|m| m.round() as i64),
            satisfaction_average: support.satisfaction_average.map(|a| (a * 10.0).round() / 10.0),
            ratings: support.ratings,
            pipeline_value: pipeline.open_value,
            pipeline_weighted_value: pipeline.open_weighted_value,
            prospects_won: pipeline.won,
            prospects_lost: pipeline.lost,
            conversion_rate: compliance(pipeline.won, pipeline.won + pipeline.lost),
            average_days_to_close: pipeline.average_days_to_win.map(|d| (d * 10.0).round() / 10.0),
            monthly: monthly(&months, &month_figures),
        }
    }
}

/// The dashboard's figures for a period (NOURX staff). Balances are read at the period's end,
/// or today when it ends later.
#[utoipa::path(
    tag = "admin",
    params(KpiQuery),
    responses(
        (status = 200, body = KpisDto),
        (status = 400, description = "Unknown period, or a custom period without from/to, reversed or longer than 3 years", body = ValidationErrors),
        (status = 401, body = ErrorDetail),
        (status = 403, description = "Not NOURX staff", body = ErrorDetail),
    ),
    security(("session_cookie" = []))
)]
#[get("/admin/kpis/")]
pub async fn get_kpis(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<KpiQuery>,
) -> ApiResult<web::Json<KpisDto>> {
    let key = choice_of("period", query.period.as_deref(), PeriodKey::ALL, PeriodKey::as_str)?
        .unwrap_or(PeriodKey::ThisMonth);
    let lang = Lang::from(staff.current.user.locale);
    let query = query.into_inner();
    let figures = state.db.run(move |conn| read_figures(conn, key, &query)).await?;
    Ok(web::Json(KpisDto::new(figures, lang)))
}
