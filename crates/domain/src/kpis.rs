//! The back-office's figures: which dates a period covers, how overdue amounts age, days sales
//! outstanding, the months of the 12-month chart, and which alert comes first. The sums come
//! from SQL (crates/db/src/kpis.rs); these are the decisions around them.

use chrono::{Datelike, Months, NaiveDate};

use crate::Message;

/// The period picker of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKey {
    ThisMonth,
    LastMonth,
    Quarter,
    Year,
    Custom,
}

impl PeriodKey {
    pub const ALL: &'static [PeriodKey] = &[Self::ThisMonth, Self::LastMonth, Self::Quarter, Self::Year, Self::Custom];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ThisMonth => "this_month",
            Self::LastMonth => "last_month",
            Self::Quarter => "quarter",
            Self::Year => "year",
            Self::Custom => "custom",
        }
    }

    pub fn parse(value: &str) -> Option<PeriodKey> {
        Self::ALL.iter().copied().find(|key| key.as_str() == value)
    }
}

/// A period of whole days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub key: PeriodKey,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The day the balances are read at: the period's last day, or today when it ends later.
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        self.to.min(today)
    }
}

/// A custom period may not be longer than this (in days, both ends included: 3 years).
pub const MAX_CUSTOM_DAYS: i64 = 3 * 366;

/// Why a period was refused, and on which query field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    /// `custom` without `from` or `to`.
    Missing(&'static str),
    FromAfterTo,
    TooLong,
}

impl PeriodError {
    pub fn field(self) -> &'static str {
        match self {
            Self::Missing(field) => field,
            Self::FromAfterTo | Self::TooLong => "to",
        }
    }

    pub fn message(self) -> Message {
        match self {
            Self::Missing(_) => {
                Message::new("Obligatoire pour une période personnalisée.", "Required for a custom period.")
            }
            Self::FromAfterTo => Message::new(
                "La fin de la période doit suivre son début.",
                "The end of the period must not be before its start.",
            ),
            Self::TooLong => {
                Message::new("Une période ne peut pas dépasser 3 ans.", "A period cannot be longer than 3 years.")
            }
        }
    }
}

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn month_end(day: NaiveDate) -> NaiveDate {
    let start = month_start(day);
    start.checked_add_months(Months::new(1)).and_then(|next| next.pred_opt()).unwrap_or(day)
}

/// The dates of `key` around `today` (a calendar month, the calendar quarter, the calendar
/// year); `custom` takes `from` and `to` as given.
pub fn resolve_period(
    key: PeriodKey,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Period, PeriodError> {
    let (from, to) = match key {
        PeriodKey::ThisMonth => (month_start(today), month_end(today)),
        PeriodKey::LastMonth => {
            let last = month_start(today).pred_opt().unwrap_or(today);
            (month_start(last), month_end(last))
        }
        PeriodKey::Quarter => {
            let first_month = (today.month0() / 3) * 3 + 1;
            let start = NaiveDate::from_ymd_opt(today.year(), first_month, 1).unwrap_or(today);
            (start, month_end(start.checked_add_months(Months::new(2)).unwrap_or(start)))
        }
        PeriodKey::Year => (
            NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
            NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today),
        ),
        PeriodKey::Custom => {
            let from = from.ok_or(PeriodError::Missing("from"))?;
            let to = to.ok_or(PeriodError::Missing("to"))?;
            if from > to {
                return Err(PeriodError::FromAfterTo);
            }
            if (to - from).num_days() + 1 > MAX_CUSTOM_DAYS {
                return Err(PeriodError::TooLong);
            }
            (from, to)
        }
    };
    Ok(Period { key, from, to })
}

/// The ageing buckets of overdue amounts, by days past the due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AgeingBucket {
    /// 1 to 30 days late (an invoice due today is not overdue yet).
    UpTo30,
    Days31To60,
    Days61To90,
    Over90,
}

impl AgeingBucket {
    pub const ALL: [AgeingBucket; 4] = [Self::UpTo30, Self::Days31To60, Self::Days61To90, Self::Over90];

    pub fn key(self) -> &'static str {
        match self {
            Self::UpTo30 => "0_30",
            Self::Days31To60 => "31_60",
            Self::Days61To90 => "61_90",
            Self::Over90 => "90_plus",
        }
    }

    /// The bucket of an invoice `days_late` days past due (`None` when not overdue).
    pub fn of(days_late: i64) -> Option<AgeingBucket> {
        match days_late {
            ..=0 => None,
            1..=30 => Some(Self::UpTo30),
            31..=60 => Some(Self::Days31To60),
            61..=90 => Some(Self::Days61To90),
            _ => Some(Self::Over90),
        }
    }

    /// The first day late of the bucket; the SQL groups with the same edges.
    pub const fn first_day(self) -> i64 {
        match self {
            Self::UpTo30 => 1,
            Self::Days31To60 => 31,
            Self::Days61To90 => 61,
            Self::Over90 => 91,
        }
    }
}

/// Days over which DSO compares what is owed to what was invoiced.
pub const DSO_WINDOW_DAYS: i64 = 90;

/// Days sales outstanding: what is owed now, in days of what was invoiced over the last
/// [`DSO_WINDOW_DAYS`] days, to one decimal; `None` when nothing was invoiced.
pub fn dso_days(outstanding: i64, invoiced_in_window: i64) -> Option<f64> {
    if invoiced_in_window <= 0 {
        return None;
    }
    let days = outstanding as f64 / invoiced_in_window as f64 * DSO_WINDOW_DAYS as f64;
    Some((days * 10.0).round() / 10.0)
}

/// The first days of the 12 months of the chart, oldest first, ending with `end`'s month.
pub fn last_twelve_months(end: NaiveDate) -> Vec<NaiveDate> {
    let last = month_start(end);
    (0..12).rev().filter_map(|back| last.checked_sub_months(Months::new(back))).collect()
}

/// `2026-01` for January 2026.
pub fn month_key(first_day: NaiveDate) -> String {
    first_day.format("%Y-%m").to_string()
}

/// The ratio of tickets that met their deadlines, `None` when there is none to judge.
pub fn compliance(met: i64, judged: i64) -> Option<f64> {
    (judged > 0).then(|| (met as f64 / judged as f64 * 1000.0).round() / 1000.0)
}

/// What an alert is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertKind {
    InvoiceOverdue,
    TicketBreached,
    TicketAtRisk,
    PaymentFlagged,
    PaymentPending,
    JobDead,
    EmailFailing,
    MilestoneLate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Critical,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Critical => "critical",
            Self::Warning => "warning",
        }
    }
}

/// An invoice is critical once it is more than this many days late.
pub const CRITICAL_INVOICE_DAYS: i64 = 30;
/// A payment still pending after this many minutes is an alert.
pub const PENDING_PAYMENT_MINUTES: i64 = 30;
/// At most this many alerts are shown.
pub const MAX_ALERTS: usize = 50;

impl AlertKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvoiceOverdue => "invoice_overdue",
            Self::TicketBreached => "ticket_breached",
            Self::TicketAtRisk => "ticket_at_risk",
            Self::PaymentFlagged => "payment_flagged",
            Self::PaymentPending => "payment_pending",
            Self::JobDead => "job_dead",
            Self::EmailFailing => "email_failing",
            Self::MilestoneLate => "milestone_late",
        }
    }

    pub fn entity(self) -> &'static str {
        match self {
            Self::InvoiceOverdue => "invoice",
            Self::TicketBreached | Self::TicketAtRisk => "ticket",
            Self::PaymentFlagged | Self::PaymentPending => "payment",
            Self::JobDead => "job",
            Self::EmailFailing => "email",
            Self::MilestoneLate => "milestone",
        }
    }

    /// How urgent the alert is: money stuck or a promise broken is critical; the rest warns.
    /// An overdue invoice becomes critical after [`CRITICAL_INVOICE_DAYS`] days.
    pub fn severity(self, days_late: i64) -> Severity {
        match self {
            Self::TicketBreached | Self::PaymentFlagged | Self::JobDead => Severity::Critical,
            Self::InvoiceOverdue if days_late > CRITICAL_INVOICE_DAYS => Severity::Critical,
            _ => Severity::Warning,
        }
    }

    /// Among alerts of one severity, which kind comes first (smaller first).
    fn rank(self) -> u8 {
        match self {
            Self::PaymentFlagged => 0,
            Self::TicketBreached => 1,
            Self::InvoiceOverdue => 2,
            Self::JobDead => 3,
            Self::TicketAtRisk => 4,
            Self::PaymentPending => 5,
            Self::EmailFailing => 6,
            Self::MilestoneLate => 7,
        }
    }
}

/// The key that sorts alerts most urgent first: critical before warning, then by kind, then
/// the oldest (`since`, seconds) first.
pub fn alert_order(kind: AlertKind, severity: Severity, since: i64) -> (Severity, u8, i64) {
    (severity, kind.rank(), since)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn calendar_periods_around_today() {
        let today = day(2026, 12, 7);
        let resolve = |key| resolve_period(key, None, None, today).expect("a period");
        assert_eq!(
            resolve(PeriodKey::ThisMonth),
            Period { key: PeriodKey::ThisMonth, from: day(2026, 12, 1), to: day(2026, 12, 31) }
        );
        assert_eq!(
            (resolve(PeriodKey::LastMonth).from, resolve(PeriodKey::LastMonth).to),
            (day(2026, 11, 1), day(2026, 11, 30))
        );
        assert_eq!(
            (resolve(PeriodKey::Quarter).from, resolve(PeriodKey::Quarter).to),
            (day(2026, 10, 1), day(2026, 12, 31))
        );
        assert_eq!((resolve(PeriodKey::Year).from, resolve(PeriodKey::Year).to), (day(2026, 1, 1), day(2026, 12, 31)));
    }

    #[test]
    fn months_of_every_length_and_year_ends() {
        let last = |today| resolve_period(PeriodKey::LastMonth, None, None, today).expect("a period");
        assert_eq!((last(day(2026, 1, 15)).from, last(day(2026, 1, 15)).to), (day(2025, 12, 1), day(2025, 12, 31)));
        assert_eq!(last(day(2024, 3, 31)).to, day(2024, 2, 29), "leap year");
        let this = resolve_period(PeriodKey::ThisMonth, None, None, day(2026, 2, 28)).expect("a period");
        assert_eq!(this.to, day(2026, 2, 28));
        let quarter = resolve_period(PeriodKey::Quarter, None, None, day(2026, 5, 31)).expect("a period");
        assert_eq!((quarter.from, quarter.to), (day(2026, 4, 1), day(2026, 6, 30)));
    }

    #[test]
    fn custom_periods_are_checked() {
        let today = day(2026, 12, 7);
        let custom = |from, to| resolve_period(PeriodKey::Custom, from, to, today);
        assert_eq!(custom(None, Some(today)), Err(PeriodError::Missing("from")));
        assert_eq!(custom(Some(today), None), Err(PeriodError::Missing("to")));
        assert_eq!(custom(Some(day(2026, 2, 1)), Some(day(2026, 1, 31))), Err(PeriodError::FromAfterTo));
        assert_eq!(custom(Some(day(2026, 1, 15)), Some(day(2026, 1, 15))).map(|p| p.to), Ok(day(2026, 1, 15)));
        assert!(custom(Some(day(2023, 12, 8)), Some(day(2026, 12, 7))).is_ok(), "3 years");
        assert_eq!(custom(Some(day(2020, 1, 1)), Some(day(2026, 12, 7))), Err(PeriodError::TooLong));
        assert_eq!(PeriodError::FromAfterTo.field(), "to");
    }

    #[test]
    fn balances_are_read_at_the_period_end_or_today() {
        let period = resolve_period(PeriodKey::ThisMonth, None, None, day(2026, 12, 7)).expect("a period");
        assert_eq!(period.as_of(day(2026, 12, 7)), day(2026, 12, 7));
        let last = resolve_period(PeriodKey::LastMonth, None, None, day(2026, 12, 7)).expect("a period");
        assert_eq!(last.as_of(day(2026, 12, 7)), day(2026, 11, 30));
    }

    #[test]
    fn ageing_buckets_at_their_edges() {
        assert_eq!(AgeingBucket::of(0), None, "due today");
        assert_eq!(AgeingBucket::of(-3), None);
        let cases = [
            (1, AgeingBucket::UpTo30),
            (30, AgeingBucket::UpTo30),
            (31, AgeingBucket::Days31To60),
            (60, AgeingBucket::Days31To60),
            (61, AgeingBucket::Days61To90),
            (90, AgeingBucket::Days61To90),
            (91, AgeingBucket::Over90),
            (4000, AgeingBucket::Over90),
        ];
        for (days, bucket) in cases {
            assert_eq!(AgeingBucket::of(days), Some(bucket), "{days} days");
        }
        for bucket in AgeingBucket::ALL {
            assert_eq!(AgeingBucket::of(bucket.first_day()), Some(bucket));
            assert_ne!(AgeingBucket::of(bucket.first_day() - 1), Some(bucket));
        }
    }

    #[test]
    fn dso_is_outstanding_in_days_of_sales() {
        assert_eq!(dso_days(0, 0), None);
        assert_eq!(dso_days(500, 0), None);
        assert_eq!(dso_days(0, 900), Some(0.0));
        assert_eq!(dso_days(300_000, 900_000), Some(30.0));
        assert_eq!(dso_days(1_000, 3_000), Some(30.0));
        assert_eq!(dso_days(1_417, 3_000), Some(42.5));
    }

    #[test]
    fn twelve_months_end_with_the_period() {
        let months = last_twelve_months(day(2026, 12, 31));
        assert_eq!(months.len(), 12);
        assert_eq!(month_key(months[0]), "2026-01");
        assert_eq!(month_key(months[11]), "2026-12");
        let months = last_twelve_months(day(2026, 3, 15));
        assert_eq!((month_key(months[0]), month_key(months[11])), ("2025-04".into(), "2026-03".into()));
    }

    #[test]
    fn compliance_is_a_ratio_or_nothing() {
        assert_eq!(compliance(0, 0), None);
        assert_eq!(compliance(93, 100), Some(0.93));
        assert_eq!(compliance(2, 3), Some(0.667));
    }

    #[test]
    fn critical_alerts_first_then_by_kind_then_oldest() {
        assert_eq!(AlertKind::InvoiceOverdue.severity(30), Severity::Warning);
        assert_eq!(AlertKind::InvoiceOverdue.severity(31), Severity::Critical);
        assert_eq!(AlertKind::TicketAtRisk.severity(0), Severity::Warning);
        assert_eq!(AlertKind::JobDead.severity(0), Severity::Critical);
        let mut alerts = [
            (AlertKind::MilestoneLate, 10),
            (AlertKind::TicketBreached, 50),
            (AlertKind::PaymentFlagged, 40),
            (AlertKind::TicketBreached, 20),
            (AlertKind::EmailFailing, 0),
        ];
        alerts.sort_by_key(|(kind, since)| alert_order(*kind, kind.severity(0), *since));
        let kinds: Vec<_> = alerts.iter().map(|(kind, since)| (kind.as_str(), *since)).collect();
        assert_eq!(
            kinds,
            [
                ("payment_flagged", 40),
                ("ticket_breached", 20),
                ("ticket_breached", 50),
                ("email_failing", 0),
                ("milestone_late", 10)
            ]
        );
    }
}

impl AlertKind {
    pub const ALL: [AlertKind; 8] = [
        Self::InvoiceOverdue,
        Self::TicketBreached,
        Self::TicketAtRisk,
        Self::PaymentFlagged,
        Self::PaymentPending,
        Self::JobDead,
        Self::EmailFailing,
        Self::MilestoneLate,
    ];

    pub fn parse(value: &str) -> Option<AlertKind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }
}

fn plural(days: i64) -> &'static str {
    if days > 1 { "s" } else { "" }
}

/// The alert's title in both languages; `label` names the record (invoice number, `#12 subject`,
/// job kind, email template, milestone title), `days` how late it is.
pub fn alert_title(kind: AlertKind, label: &str, days: i64) -> Message {
    let s = plural(days);
    match kind {
        AlertKind::InvoiceOverdue => Message::owned(
            format!("Facture {label} en retard de {days} jour{s}"),
            format!("Invoice {label} overdue by {days} day{s}"),
        ),
        AlertKind::TicketBreached => {
            Message::owned(format!("Ticket {label} : délai dépassé"), format!("Ticket {label}: SLA breached"))
        }
        AlertKind::TicketAtRisk => Message::owned(
            format!("Ticket {label} : délai bientôt dépassé"),
            format!("Ticket {label}: SLA about to be breached"),
        ),
        AlertKind::PaymentFlagged => {
            Message::owned(format!("Paiement {label} à vérifier"), format!("Payment {label} to check"))
        }
        AlertKind::PaymentPending => Message::owned(
            format!("Paiement {label} en attente depuis plus de {PENDING_PAYMENT_MINUTES} minutes"),
            format!("Payment {label} pending for over {PENDING_PAYMENT_MINUTES} minutes"),
        ),
        AlertKind::JobDead => {
            Message::owned(format!("Tâche de fond {label} abandonnée"), format!("Background job {label} gave up"))
        }
        AlertKind::EmailFailing => {
            Message::owned(format!("E-mail « {label} » non envoyé"), format!("Email \"{label}\" not sent"))
        }
        AlertKind::MilestoneLate => Message::owned(
            format!("Jalon « {label} » en retard de {days} jour{s}"),
            format!("Milestone \"{label}\" late by {days} day{s}"),
        ),
    }
}

/// "Client Awa SARL · 150 000 FCFA", either part alone, or nothing.
pub fn alert_detail(client: Option<&str>, amount: Option<(i64, &str)>, lang: crate::Lang) -> Option<String> {
    let client = client.map(|name| match lang {
        crate::Lang::Fr => format!("Client {name}"),
        crate::Lang::En => format!("Client {name}"),
    });
    let amount = amount.map(|(minor, currency)| crate::money::format_amount(minor, currency, lang));
    let parts: Vec<String> = client.into_iter().chain(amount).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// What an alert is about, for the page that fixes it: the record, its client, and for a payment
/// its invoice.
#[derive(Debug, Clone, Copy)]
pub struct AlertTarget<'a> {
    pub entity_id: &'a str,
    pub client_id: Option<&'a str>,
    pub invoice_id: Option<&'a str>,
}

/// The back-office page that fixes the alert. Payments are settled from their invoice's page,
/// tickets and milestones from their client's until their own back-office pages exist.
pub fn alert_href(kind: AlertKind, target: AlertTarget<'_>) -> String {
    let client_section = |section: &str| match target.client_id {
        Some(client) => format!("/admin/clients/{client}#{section}"),
        None => "/admin/clients".into(),
    };
    match kind {
        AlertKind::InvoiceOverdue => format!("/admin/facturation/factures/{}", target.entity_id),
        AlertKind::TicketBreached | AlertKind::TicketAtRisk => client_section("tickets"),
        AlertKind::PaymentFlagged | AlertKind::PaymentPending => match target.invoice_id {
            Some(invoice) => format!("/admin/facturation/factures/{invoice}#paiements"),
            None => client_section("payments"),
        },
        AlertKind::JobDead => "/admin/journal/travaux?status=dead".into(),
        AlertKind::EmailFailing => "/admin/journal/emails?status=failed".into(),
        AlertKind::MilestoneLate => client_section("projects"),
    }
}

#[cfg(test)]
mod alert_tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn every_kind_round_trips_and_has_a_page() {
        for kind in AlertKind::ALL {
            assert_eq!(AlertKind::parse(kind.as_str()), Some(kind));
            let target = AlertTarget { entity_id: "x", client_id: None, invoice_id: None };
            assert!(alert_href(kind, target).starts_with("/admin/"));
        }
        assert_eq!(AlertKind::parse("nope"), None);
    }

    #[test]
    fn titles_and_details_in_both_languages() {
        let title = alert_title(AlertKind::InvoiceOverdue, "FA-2026-0012", 34);
        assert_eq!(title.get(Lang::Fr), "Facture FA-2026-0012 en retard de 34 jours");
        assert_eq!(title.get(Lang::En), "Invoice FA-2026-0012 overdue by 34 days");
        assert_eq!(
            alert_title(AlertKind::MilestoneLate, "Maquettes", 1).get(Lang::Fr),
            "Jalon « Maquettes » en retard de 1 jour"
        );
        let detail = alert_detail(Some("Awa SARL"), Some((150_000, "XOF")), Lang::Fr);
        assert_eq!(detail.as_deref(), Some("Client Awa SARL · 150\u{202F}000\u{A0}FCFA"));
        assert_eq!(alert_detail(None, None, Lang::En), None);
    }

    #[test]
    fn each_alert_leads_to_a_page_that_exists_today() {
        let of = |entity_id, client_id, invoice_id| AlertTarget { entity_id, client_id, invoice_id };
        let href = |kind| alert_href(kind, of("e1", Some("c1"), None));
        assert_eq!(href(AlertKind::InvoiceOverdue), "/admin/facturation/factures/e1");
        assert_eq!(href(AlertKind::TicketBreached), "/admin/clients/c1#tickets");
        assert_eq!(href(AlertKind::TicketAtRisk), "/admin/clients/c1#tickets");
        assert_eq!(href(AlertKind::MilestoneLate), "/admin/clients/c1#projects");
        assert_eq!(href(AlertKind::JobDead), "/admin/journal/travaux?status=dead");
        assert_eq!(href(AlertKind::EmailFailing), "/admin/journal/emails?status=failed");
        // A payment is settled from its invoice; without one, from its client.
        let payment = of("p1", Some("c1"), Some("i1"));
        assert_eq!(alert_href(AlertKind::PaymentFlagged, payment), "/admin/facturation/factures/i1#paiements");
        assert_eq!(alert_href(AlertKind::PaymentPending, of("p1", Some("c1"), None)), "/admin/clients/c1#payments");
        assert_eq!(alert_href(AlertKind::TicketBreached, of("t1", None, None)), "/admin/clients");
    }
}
