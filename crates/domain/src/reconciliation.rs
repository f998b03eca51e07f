//! Reconciliation with CinetPay: reading the transaction statement its back-office exports (CSV),
//! comparing it line by line with NOURX's payments, and the operator and channel each payment
//! counts under in the collected-money report.
//!
//! The statement is read by its header, not by column positions, because CinetPay's export has
//! changed names and order over time and staff sometimes re-save it from a spreadsheet: a column
//! is recognised by any of its known names, compared without case, accents, spaces or
//! punctuation (`ID transaction`, `id_transaction`, `Transaction ID` are one name). Times are read
//! as Abidjan time, which is UTC all year.

pub use crate::spreadsheet::normalise;
use crate::spreadsheet::{FrancsProblem, Table, TableError, whole_francs};
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::Message;
use crate::payments::{OfflineMethod, PaymentSource, PaymentStatus};

/// The largest statement accepted: a year of a busy merchant's transactions is ~2 MB.
pub const STATEMENT_MAX_BYTES: usize = 5 * 1024 * 1024;
/// Lines of transactions in one statement.
pub const STATEMENT_MAX_LINES: usize = 50_000;
/// The longest period one import covers.
pub const PERIOD_MAX_DAYS: i64 = 366;
/// Line errors listed in a refusal (the count says how many there were).
const LINE_ERRORS_SHOWN: usize = 20;

/// A column of the statement that NOURX reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// Our `transaction_id` (CinetPay's "ID transaction"). Required.
    TransactionId,
    /// Whole francs; `150 000`, `150000`, `150 000,00` and `150000.00` are read alike. Required.
    Amount,
    /// CinetPay's status of the transaction (`ACCEPTED`, `REFUSED`, `Succès`, `Échec`…). Required.
    Status,
    /// `XOF` when absent.
    Currency,
    /// `23/11/2026 14:30`, `23/11/2026`, `2026-11-23 14:30:05` or `2026-11-23T14:30:05`.
    Date,
    /// The operator or method (`OM`, `MOMO`, `FLOOZ`, `WAVECI`, `CARD`, `Orange Money`…).
    Method,
    /// CinetPay's fees on the transaction, in francs.
    Fees,
    /// The operator's own reference.
    OperatorId,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Self::TransactionId,
        Self::Amount,
        Self::Status,
        Self::Currency,
        Self::Date,
        Self::Method,
        Self::Fees,
        Self::OperatorId,
    ];

    /// The header names recognised, normalised (see [`normalise`]); the first is shown to staff.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Self::TransactionId => &[
                "idtransaction",
                "transactionid",
                "cpmtransid",
                "transid",
                "referencetransaction",
                "idtransactionmarchand",
                "referencemarchand",
            ],
            Self::Amount => &["montant", "amount", "montantpaye", "cpmamount", "montanttransaction", "montantfcfa"],
            Self::Status => &["statut", "status", "etat", "statuttransaction", "statutdelatransaction"],
            Self::Currency => &["devise", "currency", "monnaie", "cpmcurrency"],
            Self::Date => &[
                "date",
                "datepaiement",
                "datedepaiement",
                "datetransaction",
                "datedelatransaction",
                "paymentdate",
                "createdat",
                "dateheure",
                "paymentdatetime",
            ],
            Self::Method => &[
                "operateur",
                "moyendepaiement",
                "moyenpaiement",
                "paymentmethod",
                "methodedepaiement",
                "methode",
                "canal",
            ],
            Self::Fees => &["frais", "commission", "fees", "fraisdetransaction", "fraiscinetpay"],
            Self::OperatorId => &["idoperateur", "operatorid", "referenceoperateur", "idtransactionoperateur"],
        }
    }

    pub fn required(self) -> bool {
        matches!(self, Self::TransactionId | Self::Amount | Self::Status)
    }

    fn label(self) -> Message {
        match self {
            Self::TransactionId => Message::new("ID transaction", "transaction ID"),
            Self::Amount => Message::new("montant", "amount"),
            Self::Status => Message::new("statut", "status"),
            Self::Currency => Message::new("devise", "currency"),
            Self::Date => Message::new("date", "date"),
            Self::Method => Message::new("opérateur", "operator"),
            Self::Fees => Message::new("frais", "fees"),
            Self::OperatorId => Message::new("référence opérateur", "operator reference"),
        }
    }
}

/// What CinetPay says became of a transaction, from the statement's status column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProviderStatus {
    Accepted,
    Refused,
    Pending,
    /// A status this version does not know: shown as written, never counted as money received.
    Unknown,
}

impl ProviderStatus {
    pub fn read(text: &str) -> ProviderStatus {
        match normalise(text).as_str() {
            "accepted" | "accepte" | "succes" | "success" | "successful" | "reussi" | "valide" | "paye" | "00" => {
                Self::Accepted
            }
            "refused" | "refuse" | "echec" | "echoue" | "failed" | "failure" | "annule" | "cancelled" | "canceled"
            | "expire" | "expired" => Self::Refused,
            "pending" | "enattente" | "encours" | "initialise" | "created" | "waitingforcustomer" => Self::Pending,
            _ => Self::Unknown,
        }
    }
}

/// One transaction of the statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// Its line in the file (the header is line 1).
    pub line: usize,
    pub transaction_id: String,
    pub amount: i64,
    /// As written, upper-cased; `None` when the file has no currency column.
    pub currency: Option<String>,
    pub status: ProviderStatus,
    /// The status as written.
    pub status_text: String,
    pub date: Option<NaiveDateTime>,
    pub method: Option<String>,
    pub fees: Option<i64>,
    pub operator_id: Option<String>,
}

/// What is wrong with one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    Missing(Column),
    Unreadable {
        column: Column,
        value: String,
    },
    Negative(Column),
    /// The same transaction again; `first` is its first line.
    Duplicate {
        first: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub problem: LineProblem,
}

impl LineError {
    pub fn message(&self) -> Message {
        let line = self.line;
        match &self.problem {
            LineProblem::Missing(column) => {
                let name = column.label();
                Message::owned(
                    format!("Ligne {line} : {} manquant.", name.fr),
                    format!("Line {line}: {} missing.", name.en),
                )
            }
            LineProblem::Unreadable { column, value } => {
                let name = column.label();
                Message::owned(
                    format!("Ligne {line} : {} illisible « {value} ».", name.fr),
                    format!("Line {line}: unreadable {} \"{value}\".", name.en),
                )
            }
            LineProblem::Negative(column) => {
                let name = column.label();
                Message::owned(
                    format!("Ligne {line} : {} négatif.", name.fr),
                    format!("Line {line}: negative {}.", name.en),
                )
            }
            LineProblem::Duplicate { first } => Message::owned(
                format!("Ligne {line} : transaction déjà présente ligne {first}."),
                format!("Line {line}: transaction already on line {first}."),
            ),
        }
    }
}

/// Why a statement is refused as a whole (nothing of it is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementError {
    Empty,
    /// Not CSV as far as the reader can tell (its message).
    Unreadable(String),
    MissingColumns(Vec<Column>),
    TooManyLines,
    /// The first lines in error, and how many lines were in error in all.
    Lines {
        errors: Vec<LineError>,
        total: usize,
    },
}

impl StatementError {
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => {
                Message::new("Le relevé ne contient aucune transaction.", "The statement holds no transaction.")
            }
            Self::Unreadable(why) => Message::owned(
                format!("Le fichier n'est pas un CSV lisible : {why}"),
                format!("The file is not readable CSV: {why}"),
            ),
            Self::MissingColumns(columns) => {
                let fr: Vec<String> = columns.iter().map(|c| c.label().fr.into_owned()).collect();
                let en: Vec<String> = columns.iter().map(|c| c.label().en.into_owned()).collect();
                Message::owned(
                    format!(
                        "Colonnes introuvables : {}. L'en-tête doit nommer au moins l'ID transaction, le montant et le statut.",
                        fr.join(", ")
                    ),
                    format!(
                        "Columns not found: {}. The header must name at least the transaction ID, the amount and the status.",
                        en.join(", ")
                    ),
                )
            }
            Self::TooManyLines => Message::owned(
                format!("Plus de {STATEMENT_MAX_LINES} transactions : importez une période plus courte."),
                format!("More than {STATEMENT_MAX_LINES} transactions: import a shorter period."),
            ),
            Self::Lines { errors, total } => {
                let fr: Vec<String> = errors.iter().map(|e| e.message().fr.into_owned()).collect();
                let en: Vec<String> = errors.iter().map(|e| e.message().en.into_owned()).collect();
                let more = total.saturating_sub(errors.len());
                let (more_fr, more_en) = if more > 0 {
                    (format!(" (et {more} autres lignes)"), format!(" (and {more} more lines)"))
                } else {
                    (String::new(), String::new())
                };
                Message::owned(
                    format!("{} ligne(s) illisible(s){more_fr} : {}", total, fr.join(" ")),
                    format!("{} unreadable line(s){more_en}: {}", total, en.join(" ")),
                )
            }
        }
    }
}

/// Reads CinetPay's transaction statement. Every line is checked; any unreadable line refuses
/// the file (nothing half-imported), listing the first ones.
pub fn read_statement(bytes: &[u8]) -> Result<Vec<StatementLine>, StatementError> {
    let table = Table::read(bytes, &Column::ALL, Column::names, STATEMENT_MAX_LINES).map_err(|error| match error {
        TableError::Unreadable(why) => StatementError::Unreadable(why),
        TableError::TooManyRows => StatementError::TooManyLines,
    })?;
    let missing: Vec<Column> = Column::ALL.into_iter().filter(|c| c.required() && !table.has(*c)).collect();
    if !missing.is_empty() {
        return Err(StatementError::MissingColumns(missing));
    }
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, record) in &table.rows {
        let line = *line;
        match read_line(line, |column| table.cell(record, column)) {
            Ok(read) => match seen.get(&read.transaction_id) {
                Some(first) => errors.push(LineError { line, problem: LineProblem::Duplicate { first: *first } }),
                None => {
                    seen.insert(read.transaction_id.clone(), line);
                    lines.push(read);
                }
            },
            Err(problem) => errors.push(LineError { line, problem }),
        }
    }
    if !errors.is_empty() {
        let total = errors.len();
        errors.truncate(LINE_ERRORS_SHOWN);
        return Err(StatementError::Lines { errors, total });
    }
    if lines.is_empty() {
        return Err(StatementError::Empty);
    }
    Ok(lines)
}

fn read_line<'a>(line: usize, cell: impl Fn(Column) -> Option<&'a str>) -> Result<StatementLine, LineProblem> {
    let required = |column: Column| cell(column).ok_or(LineProblem::Missing(column));
    let transaction_id = required(Column::TransactionId)?.to_owned();
    let amount = francs(Column::Amount, required(Column::Amount)?)?;
    let status_text = required(Column::Status)?.to_owned();
    let fees = cell(Column::Fees).map(|value| francs(Column::Fees, value)).transpose()?;
    let date = cell(Column::Date)
        .map(|value| {
            date_time(value).ok_or_else(|| LineProblem::Unreadable { column: Column::Date, value: value.to_owned() })
        })
        .transpose()?;
    Ok(StatementLine {
        line,
        transaction_id,
        amount,
        currency: cell(Column::Currency).map(currency_code),
        status: ProviderStatus::read(&status_text),
        status_text,
        date,
        method: cell(Column::Method).map(str::to_owned),
        fees,
        operator_id: cell(Column::OperatorId).map(str::to_owned),
    })
}

/// The ISO code of a currency as written: `FCFA`, `F CFA` and `CFA` are the West African franc.
fn currency_code(written: &str) -> String {
    match normalise(written).as_str() {
        "fcfa" | "cfa" | "francscfa" | "xof" => "XOF".to_owned(),
        _ => written.to_ascii_uppercase(),
    }
}

/// Whole francs as written in a statement (see [`crate::spreadsheet::whole_francs`]).
pub fn francs(column: Column, value: &str) -> Result<i64, LineProblem> {
    whole_francs(value).map_err(|problem| match problem {
        FrancsProblem::Unreadable => LineProblem::Unreadable { column, value: value.to_owned() },
        FrancsProblem::Negative => LineProblem::Negative(column),
    })
}

fn date_time(value: &str) -> Option<NaiveDateTime> {
    const WITH_TIME: [&str; 6] = [
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%d-%m-%Y %H:%M:%S",
    ];
    const DAY_ONLY: [&str; 3] = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"];
    // Fractions of a second and a trailing `Z` add nothing for a day's report.
    let value = value.trim_end_matches('Z');
    let value = value.split_once('.').map_or(value, |(head, _)| head);
    WITH_TIME.iter().find_map(|format| NaiveDateTime::parse_from_str(value, format).ok()).or_else(|| {
        DAY_ONLY
            .iter()
            .find_map(|format| NaiveDate::parse_from_str(value, format).ok())
            .map(|day| day.and_time(NaiveTime::MIN))
    })
}

/// Why the period of an import is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    /// No `from`/`to` given and the statement has no dates.
    Unknown,
    Reversed,
    TooLong,
}

impl PeriodError {
    pub fn message(self) -> Message {
        match self {
            Self::Unknown => Message::new(
                "Le relevé n'a pas de colonne de date : indiquez la période qu'il couvre.",
                "The statement has no date column: give the period it covers.",
            ),
            Self::Reversed => Message::new("La fin précède le début.", "The end is before the start."),
            Self::TooLong => {
                Message::new("Une importation couvre au plus 366 jours.", "One import covers at most 366 days.")
            }
        }
    }
}

/// The days the statement covers: those given, else from its first to its last transaction.
pub fn statement_period(
    lines: &[StatementLine],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate), PeriodError> {
    let days = || lines.iter().filter_map(|line| line.date.map(|d| d.date()));
    let from = from.or_else(|| days().min()).ok_or(PeriodError::Unknown)?;
    let to = to.or_else(|| days().max()).ok_or(PeriodError::Unknown)?;
    if to < from {
        return Err(PeriodError::Reversed);
    }
    if (to - from).num_days() >= PERIOD_MAX_DAYS {
        return Err(PeriodError::TooLong);
    }
    Ok((from, to))
}

/// What the comparison says of one transaction.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Same transaction, same amount, and both agree whether money was received.
    Matched,
    /// Same transaction, another amount or currency.
    AmountDiffers,
    /// Same transaction and amount, but one side says paid and the other does not.
    StatusDiffers,
    /// On the statement, unknown to NOURX.
    MissingInNourx,
    /// Paid in NOURX through CinetPay within the period, absent from the statement.
    MissingInCinetpay,
}

impl Verdict {
    pub const ALL: [Verdict; 5] =
        [Self::Matched, Self::AmountDiffers, Self::StatusDiffers, Self::MissingInNourx, Self::MissingInCinetpay];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Matched => "matched",
            Self::AmountDiffers => "amount_differs",
            Self::StatusDiffers => "status_differs",
            Self::MissingInNourx => "missing_in_nourx",
            Self::MissingInCinetpay => "missing_in_cinetpay",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|verdict| verdict.as_str() == s)
    }
}

/// A CinetPay payment of NOURX, as the comparison needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OurPayment<'a> {
    pub transaction_id: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub status: PaymentStatus,
}

/// One result: the statement's line and our payment compared (indices into the inputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    pub verdict: Verdict,
    pub statement: Option<usize>,
    pub ours: Option<usize>,
}

/// Compares the statement with our payments: every line of the statement in its order, then
/// each of our accepted payments the statement lacks. `ours` holds the payments whose
/// transaction is on the statement and those accepted within its period; ours that were never
/// paid and are not on the statement are no one's concern.
pub fn reconcile(statement: &[StatementLine], ours: &[OurPayment<'_>]) -> Vec<Comparison> {
    let by_transaction: HashMap<&str, usize> =
        ours.iter().enumerate().map(|(at, payment)| (payment.transaction_id, at)).collect();
    let mut found = vec![false; ours.len()];
    let mut comparisons: Vec<Comparison> = statement
        .iter()
        .enumerate()
        .map(|(at, line)| match by_transaction.get(line.transaction_id.as_str()) {
            Some(&ours_at) => {
                found[ours_at] = true;
                Comparison { verdict: compare(line, &ours[ours_at]), statement: Some(at), ours: Some(ours_at) }
            }
            None => Comparison { verdict: Verdict::MissingInNourx, statement: Some(at), ours: None },
        })
        .collect();
    comparisons.extend(
        ours.iter()
            .enumerate()
            .filter(|(at, payment)| !found[*at] && payment.status == PaymentStatus::Accepted)
            .map(|(at, _)| Comparison { verdict: Verdict::MissingInCinetpay, statement: None, ours: Some(at) }),
    );
    comparisons
}

fn compare(line: &StatementLine, ours: &OurPayment<'_>) -> Verdict {
    let currency_differs =
        line.currency.as_deref().is_some_and(|currency| !currency.eq_ignore_ascii_case(ours.currency));
    if line.amount != ours.amount || currency_differs {
        return Verdict::AmountDiffers;
    }
    let they_received = line.status == ProviderStatus::Accepted;
    // A flagged payment is money CinetPay took that waits for an admin: received, not applied.
    let we_received = ours.status == PaymentStatus::Accepted;
    if they_received == we_received && line.status != ProviderStatus::Unknown {
        Verdict::Matched
    } else {
        Verdict::StatusDiffers
    }
}

/// How many of each verdict.
pub fn count_verdicts(comparisons: &[Comparison]) -> HashMap<Verdict, usize> {
    let mut counts = HashMap::new();
    for comparison in comparisons {
        *counts.entry(comparison.verdict).or_insert(0) += 1;
    }
    counts
}

/// How money reached NOURX, for the collected-money report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    MobileMoney,
    Card,
    /// Recorded by staff: transfer, cash, cheque, mobile money outside the checkout.
    Offline,
}

/// Who carried the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    OrangeMoney,
    Mtn,
    Moov,
    Wave,
    Card,
    /// A CinetPay method this version does not name.
    OtherCinetpay,
    BankTransfer,
    Cash,
    Cheque,
    MobileMoneyTransfer,
}

impl Operator {
    /// The operator of a payment from its source and `payment_method` (CinetPay's code, or the
    /// offline method's name).
    pub fn of(source: PaymentSource, method: Option<&str>) -> Operator {
        let method = method.unwrap_or_default();
        if source == PaymentSource::Offline {
            return match OfflineMethod::parse(method) {
                Some(OfflineMethod::Cash) => Self::Cash,
                Some(OfflineMethod::Cheque) => Self::Cheque,
                Some(OfflineMethod::MobileMoney) => Self::MobileMoneyTransfer,
                Some(OfflineMethod::BankTransfer) | None => Self::BankTransfer,
            };
        }
        let upper = method.trim().to_ascii_uppercase();
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| upper.starts_with(p));
        if starts(&["OM", "ORANGE"]) {
            Self::OrangeMoney
        } else if starts(&["MOMO", "MTN"]) {
            Self::Mtn
        } else if starts(&["FLOOZ", "MOOV"]) {
            Self::Moov
        } else if starts(&["WAVE"]) {
            Self::Wave
        } else if starts(&["CARD", "VISA", "MASTER", "CARTE"]) {
            Self::Card
        } else {
            Self::OtherCinetpay
        }
    }

    pub fn channel(self) -> Channel {
        match self {
            Self::Card => Channel::Card,
            Self::OrangeMoney | Self::Mtn | Self::Moov | Self::Wave | Self::OtherCinetpay => Channel::MobileMoney,
            Self::BankTransfer | Self::Cash | Self::Cheque | Self::MobileMoneyTransfer => Channel::Offline,
        }
    }
}

/// Money collected: how many payments and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Collected {
    pub count: i64,
    pub amount: i64,
}

/// Sums per operator and per channel.
pub type CollectedSums = (Vec<(Operator, Collected)>, Vec<(Channel, Collected)>);

/// Sums of payments grouped by (source, method, count, amount), per operator and per channel,
/// the largest amount first.
pub fn collected_by<'a>(groups: impl IntoIterator<Item = (PaymentSource, Option<&'a str>, i64, i64)>) -> CollectedSums {
    let mut operators: HashMap<Operator, Collected> = HashMap::new();
    let mut channels: HashMap<Channel, Collected> = HashMap::new();
    for (source, method, count, amount) in groups {
        let operator = Operator::of(source, method);
        for sum in [operators.entry(operator).or_default(), channels.entry(operator.channel()).or_default()] {
            sum.count += count;
            sum.amount = sum.amount.saturating_add(amount);
        }
    }
    fn largest_first<K: Ord + Copy>(sums: HashMap<K, Collected>) -> Vec<(K, Collected)> {
        let mut sums: Vec<(K, Collected)> = sums.into_iter().collect();
        sums.sort_by(|a, b| b.1.amount.cmp(&a.1.amount).then(a.0.cmp(&b.0)));
        sums
    }
    (largest_first(operators), largest_first(channels))
}

crate::stored_as_text!(Verdict);

#[cfg(test)]
mod tests {
    use super::*;

    fn read(csv: &str) -> Result<Vec<StatementLine>, StatementError> {
        read_statement(csv.as_bytes())
    }

    #[test]
    fn columns_are_found_by_any_of_their_names_in_any_order() {
        let lines = read(
            "\u{feff}Date de paiement;Statut;Montant;ID Transaction;Opérateur;Frais\n\
             23/11/2026 14:30;SUCCES;150 000;NXP-1;OM;1 500\n\
             24/11/2026;Échec;25000,00;NXP-2;MOMO;0\n",
        )
        .unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].transaction_id, "NXP-1");
        assert_eq!(lines[0].amount, 150_000);
        assert_eq!(lines[0].status, ProviderStatus::Accepted);
        assert_eq!(lines[0].fees, Some(1_500));
        assert_eq!(lines[0].method.as_deref(), Some("OM"));
        assert_eq!(lines[0].date.unwrap().to_string(), "2026-11-23 14:30:00");
        assert_eq!(lines[0].line, 2);
        assert_eq!(lines[1].status, ProviderStatus::Refused);
        assert_eq!(lines[1].amount, 25_000);
        assert_eq!(lines[1].currency, None);
    }

    #[test]
    fn commas_tabs_and_windows_1252_are_read_too() {
        let lines = read("transaction_id,amount,currency,status\nNXP-1,\"1,500.00\",xof,ACCEPTED\n");
        assert!(lines.is_err(), "1,500.00 is ambiguous and refused: {lines:?}");
        let lines = read("transaction_id,amount,currency,status\nNXP-1,1500.00,F CFA,ACCEPTED\nNXP-2,1,eur,ACCEPTED\n")
            .unwrap();
        assert_eq!((lines[0].amount, lines[0].currency.as_deref()), (1_500, Some("XOF")));
        assert_eq!(lines[1].currency.as_deref(), Some("EUR"));
        let tabs = read("cpm_trans_id\tcpm_amount\tstatus\nNXP-1\t100\tREFUSED\n").unwrap();
        assert_eq!(tabs[0].status, ProviderStatus::Refused);
        let latin1: Vec<u8> = b"ID transaction;Montant;\xC9tat\nNXP-1;100;R\xE9ussi\n".to_vec();
        assert_eq!(read_statement(&latin1).unwrap()[0].status, ProviderStatus::Accepted);
    }

    #[test]
    fn a_statement_without_a_required_column_is_refused_naming_it() {
        let error = read("ID transaction;Date\nNXP-1;23/11/2026\n").unwrap_err();
        assert_eq!(error, StatementError::MissingColumns(vec![Column::Amount, Column::Status]));
        assert!(error.message().fr.contains("montant, statut"), "{}", error.message().fr);
        assert_eq!(read("ID transaction;Montant;Statut\n\n").unwrap_err(), StatementError::Empty);
    }

    #[test]
    fn every_bad_line_is_listed_and_nothing_is_kept() {
        let error = read(
            "ID transaction;Montant;Statut;Date\n\
             NXP-1;cent;ACCEPTED;23/11/2026\n\
             ;100;ACCEPTED;23/11/2026\n\
             NXP-3;100;ACCEPTED;31/02/2026\n\
             NXP-4;-100;ACCEPTED;\n\
             NXP-5;100;ACCEPTED;\n\
             NXP-5;100;ACCEPTED;\n\
             NXP-6;100,50;ACCEPTED;\n",
        )
        .unwrap_err();
        let StatementError::Lines { errors, total } = &error else { panic!("{error:?}") };
        assert_eq!(*total, 6);
        let problems: Vec<(usize, &LineProblem)> = errors.iter().map(|e| (e.line, &e.problem)).collect();
        assert_eq!(problems[1], (3, &LineProblem::Missing(Column::TransactionId)));
        assert_eq!(problems[3], (5, &LineProblem::Negative(Column::Amount)));
        assert_eq!(problems[4], (7, &LineProblem::Duplicate { first: 6 }));
        assert!(error.message().fr.starts_with("6 ligne(s) illisible(s) : Ligne 2 : montant illisible « cent »."));
    }

    #[test]
    fn francs_accept_the_ways_people_write_them() {
        let ok = |v: &str| francs(Column::Amount, v);
        assert_eq!(ok("150 000"), Ok(150_000));
        assert_eq!(ok("150\u{a0}000 FCFA"), Ok(150_000));
        assert_eq!(ok("150\u{202f}000 XOF"), Ok(150_000));
        assert_eq!(ok("1.500.000"), Ok(1_500_000));
        assert_eq!(ok("150000,00"), Ok(150_000));
        assert_eq!(ok("-0"), Ok(0));
        assert!(ok("150,5").is_err());
        assert!(ok("15.00.0").is_err());
        assert!(ok("99999999999999999999").is_err());
        assert!(ok("FCFA").is_err());
    }

    #[test]
    fn the_period_is_given_or_read_from_the_dates() {
        let lines =
            read("ID transaction;Montant;Statut;Date\nA;1;OK;24/11/2026 23:59\nB;1;OK;2026-11-02T08:00:00Z\n").unwrap();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(statement_period(&lines, None, None), Ok((day(2), day(24))));
        assert_eq!(statement_period(&lines, Some(day(1)), Some(day(30))), Ok((day(1), day(30))));
        assert_eq!(statement_period(&lines, Some(day(30)), Some(day(1))), Err(PeriodError::Reversed));
        let undated = read("ID transaction;Montant;Statut\nA;1;OK\n").unwrap();
        assert_eq!(statement_period(&undated, None, None), Err(PeriodError::Unknown));
        let long = statement_period(&undated, Some(day(1)), Some(NaiveDate::from_ymd_opt(2027, 12, 1).unwrap()));
        assert_eq!(long, Err(PeriodError::TooLong));
    }

    fn line(id: &str, amount: i64, status: ProviderStatus) -> StatementLine {
        StatementLine {
            line: 2,
            transaction_id: id.into(),
            amount,
            currency: None,
            status,
            status_text: String::new(),
            date: None,
            method: None,
            fees: None,
            operator_id: None,
        }
    }

    fn ours(id: &str, amount: i64, status: PaymentStatus) -> OurPayment<'_> {
        OurPayment { transaction_id: id, amount, currency: "XOF", status }
    }

    #[test]
    fn each_line_gets_one_verdict_and_our_unlisted_payments_follow() {
        use PaymentStatus as Ours;
        use ProviderStatus as Theirs;
        let mut in_euros = line("E", 100, Theirs::Accepted);
        in_euros.currency = Some("EUR".into());
        let statement = [
            line("A", 100, Theirs::Accepted),
            line("B", 100, Theirs::Accepted),
            line("C", 100, Theirs::Accepted),
            line("D", 100, Theirs::Refused),
            line("X", 100, Theirs::Accepted),
            in_euros,
            line("F", 100, Theirs::Refused),
            line("G", 100, Theirs::Unknown),
        ];
        let payments = [
            ours("A", 100, Ours::Accepted),
            ours("B", 90, Ours::Accepted),
            ours("C", 100, Ours::Pending),
            ours("D", 100, Ours::Refused),
            ours("E", 100, Ours::Accepted),
            ours("F", 100, Ours::Accepted),
            ours("G", 100, Ours::Refused),
            ours("M", 300, Ours::Accepted),
            ours("N", 300, Ours::Expired),
        ];
        let verdicts: Vec<(Verdict, Option<usize>, Option<usize>)> =
            reconcile(&statement, &payments).iter().map(|c| (c.verdict, c.statement, c.ours)).collect();
        assert_eq!(
            verdicts,
            vec![
                (Verdict::Matched, Some(0), Some(0)),
                (Verdict::AmountDiffers, Some(1), Some(1)),
                (Verdict::StatusDiffers, Some(2), Some(2)),
                (Verdict::Matched, Some(3), Some(3)),
                (Verdict::MissingInNourx, Some(4), None),
                (Verdict::AmountDiffers, Some(5), Some(4)),
                (Verdict::StatusDiffers, Some(6), Some(5)),
                (Verdict::StatusDiffers, Some(7), Some(6)),
                (Verdict::MissingInCinetpay, None, Some(7)),
            ]
        );
        let counts = count_verdicts(&reconcile(&statement, &payments));
        assert_eq!(counts[&Verdict::StatusDiffers], 3);
    }

    #[test]
    fn statuses_are_read_in_french_and_english() {
        for accepted in ["ACCEPTED", "Succès", "succes", "Réussi", "SUCCESS"] {
            assert_eq!(ProviderStatus::read(accepted), ProviderStatus::Accepted, "{accepted}");
        }
        for refused in ["REFUSED", "Échec", "Annulé", "FAILED"] {
            assert_eq!(ProviderStatus::read(refused), ProviderStatus::Refused, "{refused}");
        }
        assert_eq!(ProviderStatus::read("En attente"), ProviderStatus::Pending);
        assert_eq!(ProviderStatus::read("BLOCKED"), ProviderStatus::Unknown);
    }

    #[test]
    fn collected_money_is_summed_by_operator_and_channel() {
        use PaymentSource::*;
        let groups = [
            (Cinetpay, Some("OM"), 2, 30_000),
            (Cinetpay, Some("OMCIV2"), 1, 20_000),
            (Cinetpay, Some("VISAM"), 1, 100_000),
            (Offline, Some("cash"), 1, 5_000),
            (Offline, Some("bank_transfer"), 3, 60_000),
        ];
        let (operators, channels) = collected_by(groups);
        assert_eq!(operators[0], (Operator::Card, Collected { count: 1, amount: 100_000 }));
        assert_eq!(operators[1], (Operator::BankTransfer, Collected { count: 3, amount: 60_000 }));
        assert_eq!(operators[2], (Operator::OrangeMoney, Collected { count: 3, amount: 50_000 }));
        assert_eq!(
            channels,
            vec![
                (Channel::Card, Collected { count: 1, amount: 100_000 }),
                (Channel::Offline, Collected { count: 4, amount: 65_000 }),
                (Channel::MobileMoney, Collected { count: 3, amount: 50_000 }),
            ]
        );
    }

    #[test]
    fn operators_and_channels_of_payments() {
        use PaymentSource::*;
        assert_eq!(Operator::of(Cinetpay, Some("OMCIV2")), Operator::OrangeMoney);
        assert_eq!(Operator::of(Cinetpay, Some("MOMOCI")), Operator::Mtn);
        assert_eq!(Operator::of(Cinetpay, Some("FLOOZ")), Operator::Moov);
        assert_eq!(Operator::of(Cinetpay, Some("WAVECI")), Operator::Wave);
        assert_eq!(Operator::of(Cinetpay, Some("VISAM")), Operator::Card);
        assert_eq!(Operator::of(Cinetpay, None), Operator::OtherCinetpay);
        assert_eq!(Operator::of(Offline, Some("cash")), Operator::Cash);
        assert_eq!(Operator::of(Offline, Some("mobile_money")), Operator::MobileMoneyTransfer);
        assert_eq!(Operator::Card.channel(), Channel::Card);
        assert_eq!(Operator::Wave.channel(), Channel::MobileMoney);
        assert_eq!(Operator::Cheque.channel(), Channel::Offline);
    }
}
