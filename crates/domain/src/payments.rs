//! Online payments through CinetPay: which amounts may be paid, what a check answer means, when
//! to ask again, and what a settled payment does to its invoice.
//!
//! The protocol is described in `../shared/design/CINETPAY.md`; the rules here follow its
//! "Decisions" section: only a check with code `"00"`, status `ACCEPTED` and the amount, currency
//! and site id we stored settles a payment.

use std::fmt;

use chrono::{DateTime, Duration, Utc};

use crate::billing::{InvoiceStatus, PaymentError, status_after_payment};
use crate::i18n::Message;
use crate::policy::{Action, Actor, can};

/// Receipt numbers: `REC-2026-0001`.
pub const RECEIPT_PREFIX: &str = "REC";
/// CinetPay's own floor for one transaction in XOF/XAF (CINETPAY.md §2.2: "amount >= 100").
pub const PROVIDER_MINIMUM: i64 = 100;
/// The minimum instalment when the settings say nothing.
pub const DEFAULT_MINIMUM_INSTALMENT: i64 = 100;
/// A payment younger than this blocks a second one on the same invoice (its checkout page may
/// still be open on the client's phone).
pub const RESUME_WINDOW_MINUTES: i64 = 15;
/// A payment still unconfirmed this long after it started is given up (`expired`).
pub const RECONCILE_HORIZON_HOURS: i64 = 24;

/// Currencies whose amounts CinetPay wants in multiples of 5 (CINETPAY.md §2.2).
pub fn step_of(currency: &str) -> i64 {
    match currency {
        "XOF" | "XAF" | "CDF" | "GNF" => 5,
        _ => 1,
    }
}

/// Where a payment stands.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Recorded; CinetPay has not given a checkout page yet.
    Initiating,
    /// Waiting for the payer or for CinetPay's confirmation.
    Pending,
    /// Confirmed by a check and applied to the invoice.
    Accepted,
    Refused,
    /// Never confirmed within the reconciliation horizon.
    Expired,
    /// CinetPay reports money that does not match what we asked for, or that the invoice can no
    /// longer take: an admin decides.
    Flagged,
    /// CinetPay refused to create the transaction.
    Failed,
    /// A payment recorded by staff and then cancelled, with a reason (never deleted).
    Voided,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 8] = [
        Self::Initiating,
        Self::Pending,
        Self::Accepted,
        Self::Refused,
        Self::Expired,
        Self::Flagged,
        Self::Failed,
        Self::Voided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Initiating => "initiating",
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Refused => "refused",
            Self::Expired => "expired",
            Self::Flagged => "flagged",
            Self::Failed => "failed",
            Self::Voided => "voided",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }

    pub fn label(self) -> Message {
        match self {
            Self::Initiating => Message::new("Initialisation", "Starting"),
            Self::Pending => Message::new("En attente de confirmation", "Awaiting confirmation"),
            Self::Accepted => Message::new("Payé", "Paid"),
            Self::Refused => Message::new("Refusé", "Refused"),
            Self::Expired => Message::new("Expiré", "Expired"),
            Self::Flagged => Message::new("En vérification", "Under review"),
            Self::Failed => Message::new("Échec", "Failed"),
            Self::Voided => Message::new("Annulé", "Voided"),
        }
    }

    /// The statuses still waiting for CinetPay's word (what the reconciliation looks at).
    pub const OPEN: [PaymentStatus; 2] = [Self::Initiating, Self::Pending];

    /// Still waiting for CinetPay's word.
    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }
}

/// How money reached NOURX: CinetPay's checkout, or recorded by staff.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentSource {
    Cinetpay,
    Offline,
}

impl PaymentSource {
    pub const ALL: [PaymentSource; 2] = [Self::Cinetpay, Self::Offline];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cinetpay => "cinetpay",
            Self::Offline => "offline",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|source| source.as_str() == s)
    }
}

/// How a payment recorded by staff was made, outside CinetPay's checkout.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OfflineMethod {
    BankTransfer,
    Cash,
    Cheque,
    /// A transfer to NOURX's mobile-money number, outside the checkout.
    MobileMoney,
}

impl OfflineMethod {
    pub const ALL: [OfflineMethod; 4] = [Self::BankTransfer, Self::Cash, Self::Cheque, Self::MobileMoney];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::BankTransfer => "bank_transfer",
            Self::Cash => "cash",
            Self::Cheque => "cheque",
            Self::MobileMoney => "mobile_money",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|method| method.as_str() == s)
    }

    pub fn label(self) -> Message {
        match self {
            Self::BankTransfer => Message::new("Virement bancaire", "Bank transfer"),
            Self::Cash => Message::new("Espèces", "Cash"),
            Self::Cheque => Message::new("Chèque", "Cheque"),
            Self::MobileMoney => Message::new("Transfert mobile money", "Mobile-money transfer"),
        }
    }
}

impl fmt::Display for PaymentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// CinetPay's payment channels: every means, mobile money only, cards only, or CinetPay's wallet.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentChannel {
    All,
    MobileMoney,
    CreditCard,
    Wallet,
}

impl PaymentChannel {
    pub const ALL: [PaymentChannel; 4] = [Self::All, Self::MobileMoney, Self::CreditCard, Self::Wallet];

    /// CinetPay's `channels` value (CINETPAY.md §2.2), also what is stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "ALL",
            Self::MobileMoney => "MOBILE_MONEY",
            Self::CreditCard => "CREDIT_CARD",
            Self::Wallet => "WALLET",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|channel| channel.as_str() == s)
    }
}

/// What asked for a re-check of a payment (journaled with CinetPay's answer).
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A valid notification from CinetPay.
    Notification,
    /// The periodic reconciliation of open payments.
    Reconciliation,
    /// The portal's return page polling the payment's status.
    #[serde(rename = "status")]
    StatusPoll,
}

impl Trigger {
    pub const ALL: [Trigger; 3] = [Self::Notification, Self::Reconciliation, Self::StatusPoll];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Notification => "notification",
            Self::Reconciliation => "reconciliation",
            Self::StatusPoll => "status",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|trigger| trigger.as_str() == s)
    }
}

/// What the client may pay online on one invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstalmentRules {
    /// Admins may switch instalments off per client.
    pub partial_allowed: bool,
    /// Smallest instalment (settings; default [`DEFAULT_MINIMUM_INSTALMENT`]).
    pub minimum: i64,
}

/// The amounts one invoice accepts now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayableRange {
    /// The largest payable amount: the balance rounded down to the currency's step. The few
    /// francs left below one step are written off when the payment settles ([`apply_to_invoice`]).
    pub max: i64,
    /// The smallest payable amount (`max` itself when instalments are off or the balance is small).
    pub min: i64,
    pub step: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    NothingDue,
    /// The balance is below what CinetPay accepts in one transaction.
    BalanceBelowProviderMinimum {
        minimum: i64,
    },
    NotPositive,
    NotMultiple {
        step: i64,
    },
    AboveBalance {
        max: i64,
    },
    BelowMinimum {
        min: i64,
    },
    PartialNotAllowed {
        max: i64,
    },
}

impl AmountError {
    pub fn message(self, currency: &str) -> Message {
        use crate::i18n::Lang;
        let fr = |amount: i64| crate::money::format_amount(amount, currency, Lang::Fr);
        let en = |amount: i64| crate::money::format_amount(amount, currency, Lang::En);
        match self {
            Self::NothingDue => Message::new("Cette facture est déjà réglée.", "This invoice is already paid."),
            Self::BalanceBelowProviderMinimum { minimum } => Message::owned(
                format!(
                    "Le reste à payer est inférieur au minimum d'un paiement en ligne ({}) : contactez-nous pour le régler.",
                    fr(minimum)
                ),
                format!(
                    "The balance is below the minimum of an online payment ({}): contact us to settle it.",
                    en(minimum)
                ),
            ),
            Self::NotPositive => Message::new("Le montant doit être positif.", "The amount must be positive."),
            Self::NotMultiple { step } => Message::owned(
                format!("Le montant doit être un multiple de {step}."),
                format!("The amount must be a multiple of {step}."),
            ),
            Self::AboveBalance { max } => Message::owned(
                format!("Le montant dépasse le reste à payer ({}).", fr(max)),
                format!("The amount exceeds the balance ({}).", en(max)),
            ),
            Self::BelowMinimum { min } => Message::owned(
                format!("Le montant minimum d'un acompte est de {}.", fr(min)),
                format!("The smallest instalment is {}.", en(min)),
            ),
            Self::PartialNotAllowed { max } => Message::owned(
                format!(
                    "Le paiement en plusieurs fois n'est pas activé pour votre compte : payez le solde ({}).",
                    fr(max)
                ),
                format!("Instalments are not enabled for your account: pay the balance ({}).", en(max)),
            ),
        }
    }
}

/// The amounts an invoice with `balance` left to pay accepts.
pub fn payable_range(balance: i64, currency: &str, rules: InstalmentRules) -> Result<PayableRange, AmountError> {
    if balance <= 0 {
        return Err(AmountError::NothingDue);
    }
    let step = step_of(currency);
    let max = balance - balance % step;
    let provider_minimum = if step == 5 { PROVIDER_MINIMUM } else { 1 };
    if max < provider_minimum {
        return Err(AmountError::BalanceBelowProviderMinimum { minimum: provider_minimum });
    }
    let minimum = rules.minimum.max(provider_minimum);
    // Round the minimum up to the step so that it is itself payable.
    let minimum = (minimum + step - 1) / step * step;
    let min = if rules.partial_allowed { minimum.min(max) } else { max };
    Ok(PayableRange { max, min, step })
}

/// The amount to ask CinetPay for: `requested`, or the whole (payable) balance.
pub fn instalment_amount(
    requested: Option<i64>,
    balance: i64,
    currency: &str,
    rules: InstalmentRules,
) -> Result<i64, AmountError> {
    let range = payable_range(balance, currency, rules)?;
    let Some(amount) = requested else { return Ok(range.max) };
    if amount <= 0 {
        return Err(AmountError::NotPositive);
    }
    if amount % range.step != 0 {
        return Err(AmountError::NotMultiple { step: range.step });
    }
    if amount > range.max {
        return Err(AmountError::AboveBalance { max: range.max });
    }
    if amount != range.max && !rules.partial_allowed {
        return Err(AmountError::PartialNotAllowed { max: range.max });
    }
    if amount < range.min {
        return Err(AmountError::BelowMinimum { min: range.min });
    }
    Ok(amount)
}

/// What an invoice in `status` still expects: nothing unless it is sent and not fully paid.
pub fn unpaid_balance(status: InvoiceStatus, total_ttc: i64, amount_paid: i64) -> i64 {
    if status.is_unpaid() { total_ttc - amount_paid } else { 0 }
}

/// Whether a person may start paying an invoice online now and, if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayDecision {
    /// These amounts may be paid.
    MayPay(PayableRange),
    /// NOURX staff and viewers do not pay online (reason `not_member`).
    NotPayer,
    /// A draft, paid or cancelled invoice.
    NotPayable,
    /// Sent, but nothing is left to pay.
    NothingDue,
    /// A payment started less than [`RESUME_WINDOW_MINUTES`] ago may still be completed on its
    /// checkout page: resume it rather than start another. Holds the amounts the invoice accepts,
    /// when it accepts any.
    InProgress(Option<PayableRange>),
    /// The balance cannot be paid online: it is below what CinetPay takes in one transaction
    /// (reason `below_minimum`).
    BelowMinimum(AmountError),
}

impl PayDecision {
    /// The `reason` the API gives when paying is not possible (`None` when it is).
    pub fn reason(self) -> Option<&'static str> {
        match self {
            Self::MayPay(_) => None,
            Self::NotPayer => Some("not_member"),
            Self::NotPayable => Some("not_payable"),
            Self::NothingDue => Some("nothing_due"),
            Self::InProgress(_) => Some("in_progress"),
            Self::BelowMinimum(_) => Some("below_minimum"),
        }
    }

    /// The amounts the invoice accepts, when the person could pay it.
    pub fn range(self) -> Option<PayableRange> {
        match self {
            Self::MayPay(range) => Some(range),
            Self::InProgress(range) => range,
            Self::NotPayer | Self::NotPayable | Self::NothingDue | Self::BelowMinimum(_) => None,
        }
    }
}

/// Whether `actor` (`None`: nothing to the invoice's client) may start paying an invoice in
/// `status` with `balance` left now, `payment_open` saying whether a payment of it started less
/// than [`RESUME_WINDOW_MINUTES`] ago is still open.
pub fn pay_decision(
    actor: Option<Actor>,
    status: InvoiceStatus,
    balance: i64,
    currency: &str,
    rules: InstalmentRules,
    payment_open: bool,
) -> PayDecision {
    if !actor.is_some_and(|actor| can(actor, Action::PayInvoice)) {
        return PayDecision::NotPayer;
    }
    if !status.is_unpaid() {
        return PayDecision::NotPayable;
    }
    let range = match payable_range(balance, currency, rules) {
        Err(AmountError::NothingDue) => return PayDecision::NothingDue,
        range => range,
    };
    // An open payment comes before a balance too small: its page may still be completed.
    if payment_open {
        return PayDecision::InProgress(range.ok());
    }
    match range {
        Ok(range) => PayDecision::MayPay(range),
        Err(error) => PayDecision::BelowMinimum(error),
    }
}

/// The smallest instalment an admin may set: 100 to 10 000 000, a multiple of 5.
pub fn check_minimum_instalment(minimum: i64) -> Result<i64, Message> {
    if (100..=10_000_000).contains(&minimum) && minimum % 5 == 0 {
        Ok(minimum)
    } else {
        Err(Message::new(
            "Entre 100 et 10 000 000 FCFA, multiple de 5.",
            "Between 100 and 10,000,000 FCFA, a multiple of 5.",
        ))
    }
}

/// A CinetPay credential an admin may store: at most 200 characters, none of them a control one.
pub fn is_storable_credential(value: &str) -> bool {
    value.len() <= 200 && !value.chars().any(char::is_control)
}

/// What settling a payment of `amount` does to its invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    pub amount_paid: i64,
    pub status: InvoiceStatus,
    /// Francs below one currency step left on the invoice and written off, so that an invoice of
    /// 100 003 FCFA paid with 100 000 FCFA (CinetPay takes multiples of 5) ends `paid`.
    pub written_off: i64,
}

/// `owed_total`: the invoice's TTC less its credit notes.
pub fn apply_to_invoice(
    status: InvoiceStatus,
    owed_total: i64,
    amount_paid: i64,
    amount: i64,
    currency: &str,
) -> Result<Applied, PaymentError> {
    let (paid, new_status) = status_after_payment(status, owed_total, amount_paid, amount)?;
    let remainder = owed_total - paid;
    if new_status == InvoiceStatus::PartiallyPaid && remainder < step_of(currency) {
        return Ok(Applied { amount_paid: owed_total, status: InvoiceStatus::Paid, written_off: remainder });
    }
    Ok(Applied { amount_paid: paid, status: new_status, written_off: 0 })
}

/// What we stored when the payment started, to compare with CinetPay's check.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    pub amount: i64,
    pub currency: &'a str,
    pub site_id: &'a str,
}

/// The parts of a `/v2/payment/check` answer that matter here.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckView<'a> {
    pub code: &'a str,
    pub status: Option<&'a str>,
    pub amount: Option<&'a str>,
    pub currency: Option<&'a str>,
    /// The site id the check was made with.
    pub site_id: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckVerdict {
    /// Paid, as asked: settle.
    Accepted,
    /// Paid, but not what we asked for: never settle, flag for an admin.
    Mismatch(String),
    /// Final failure.
    Refused,
    /// Waiting for the payer (push/USSD/OTP validation): ask again later.
    Pending,
    /// An answer we cannot read as a state (unknown transaction, unexpected code): ask again later,
    /// never conclude.
    Unknown,
}

/// Codes that mean "not yet" (CINETPAY.md §3.5, §4.4, §4.6).
const PENDING_CODES: [&str; 5] = ["623", "662", "663", "664", "607"];
/// Codes of a final failure when the answer carries the transaction (`data`).
const REFUSED_CODES: [&str; 5] = ["600", "602", "604", "606", "627"];

pub fn classify_check(check: CheckView<'_>, expected: Expected<'_>) -> CheckVerdict {
    let status = check.status.map(str::trim);
    if check.code == "00" && status == Some("ACCEPTED") {
        let amount = check.amount.and_then(parse_provider_amount);
        if amount != Some(expected.amount) {
            return CheckVerdict::Mismatch(format!(
                "amount: expected {}, CinetPay says {}",
                expected.amount,
                check.amount.unwrap_or("nothing")
            ));
        }
        if check.currency.map(str::trim) != Some(expected.currency) {
            return CheckVerdict::Mismatch(format!(
                "currency: expected {}, CinetPay says {}",
                expected.currency,
                check.currency.unwrap_or("nothing")
            ));
        }
        if check.site_id != expected.site_id {
            return CheckVerdict::Mismatch(format!(
                "site id: the payment was made on site {}, checked with {}",
                expected.site_id, check.site_id
            ));
        }
        return CheckVerdict::Accepted;
    }
    match status {
        Some("WAITING_FOR_CUSTOMER" | "PENDING") => CheckVerdict::Pending,
        // A refusal is only final when the answer is about the transaction (it has a status).
        Some("REFUSED" | "CANCELED" | "CANCELLED") => CheckVerdict::Refused,
        Some(_) if REFUSED_CODES.contains(&check.code) => CheckVerdict::Refused,
        _ if PENDING_CODES.contains(&check.code) => CheckVerdict::Pending,
        _ => CheckVerdict::Unknown,
    }
}

/// CinetPay sends amounts as strings ("100", sometimes "100.00"); whole units only.
fn parse_provider_amount(text: &str) -> Option<i64> {
    let text = text.trim();
    let whole = match text.split_once('.') {
        Some((whole, fraction)) if fraction.chars().all(|c| c == '0') => whole,
        Some(_) => return None,
        None => text,
    };
    whole.parse().ok()
}

/// What a check answer does to a payment in its current state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    Settle,
    Refuse,
    Flag(String),
    /// Still open: ask again at the next step of the schedule.
    StayPending,
    /// Nothing changes (the payment is already final).
    Nothing,
}

pub fn transition(current: PaymentStatus, verdict: &CheckVerdict) -> Transition {
    use PaymentStatus as S;
    match (current, verdict) {
        // Settled or in an admin's hands: later answers (out of order, stale) change nothing.
        // Voided payments were recorded by hand: CinetPay never knew them.
        (S::Accepted | S::Flagged | S::Voided, _) => Transition::Nothing,
        // Money taken is money taken: even a payment we gave up on, or saw refused earlier, is
        // settled when CinetPay's check later says it was accepted.
        (_, CheckVerdict::Accepted) => Transition::Settle,
        (_, CheckVerdict::Mismatch(reason)) => Transition::Flag(reason.clone()),
        (S::Initiating | S::Pending, CheckVerdict::Refused) => Transition::Refuse,
        (S::Initiating | S::Pending, CheckVerdict::Pending | CheckVerdict::Unknown) => Transition::StayPending,
        (S::Refused | S::Expired | S::Failed, _) => Transition::Nothing,
    }
}

/// What one re-check did, as journaled with CinetPay's answer.
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    /// CinetPay did not answer usefully: asked again later.
    Unavailable,
    Settled,
    Refused,
    Flagged,
    /// Still open.
    Pending,
    /// The payment was already final: nothing changed.
    Ignored,
}

impl CheckOutcome {
    pub const ALL: [CheckOutcome; 6] =
        [Self::Unavailable, Self::Settled, Self::Refused, Self::Flagged, Self::Pending, Self::Ignored];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unavailable => "unavailable",
            Self::Settled => "settled",
            Self::Refused => "refused",
            Self::Flagged => "flagged",
            Self::Pending => "pending",
            Self::Ignored => "ignored",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|outcome| outcome.as_str() == s)
    }

    /// The outcome of an answer that led to `transition`.
    pub fn of(transition: &Transition) -> CheckOutcome {
        match transition {
            Transition::Settle => Self::Settled,
            Transition::Refuse => Self::Refused,
            Transition::Flag(_) => Self::Flagged,
            Transition::StayPending => Self::Pending,
            Transition::Nothing => Self::Ignored,
        }
    }
}

/// What a request to the notification URL was found to be (journaled with it).
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow), diesel(sql_type = diesel::sql_types::Text))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationVerdict {
    /// CinetPay's availability check (a GET).
    Ping,
    /// Signed with our secret key, about one of our payments: queues a re-check.
    Valid,
    /// No `x-token`, or one that is not the HMAC of the fields with our secret key.
    BadToken,
    /// Signed, but about no payment of ours (unknown transaction id, or another site's).
    UnknownTransaction,
    /// No transaction id.
    Malformed,
}

impl NotificationVerdict {
    pub const ALL: [NotificationVerdict; 5] =
        [Self::Ping, Self::Valid, Self::BadToken, Self::UnknownTransaction, Self::Malformed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ping => "ping",
            Self::Valid => "valid",
            Self::BadToken => "bad_token",
            Self::UnknownTransaction => "unknown_transaction",
            Self::Malformed => "malformed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|verdict| verdict.as_str() == s)
    }
}

/// What a POSTed notification is: whether it names a transaction, whether its token is the HMAC
/// of its fields with our secret key, whether that transaction is one of our payments, and whether
/// it names our site id.
pub fn notification_verdict(
    has_transaction: bool,
    token_valid: bool,
    payment_known: bool,
    our_site: bool,
) -> NotificationVerdict {
    match (has_transaction, token_valid, payment_known && our_site) {
        (false, _, _) => NotificationVerdict::Malformed,
        (true, false, _) => NotificationVerdict::BadToken,
        (true, true, false) => NotificationVerdict::UnknownTransaction,
        (true, true, true) => NotificationVerdict::Valid,
    }
}

/// Back-off of the reconciliation: 1, 2, 5, 10 and 30 minutes after each check, then hourly.
pub fn recheck_delay(checks_done: i32) -> Duration {
    match checks_done {
        i32::MIN..=0 => Duration::minutes(1),
        1 => Duration::minutes(2),
        2 => Duration::minutes(5),
        3 => Duration::minutes(10),
        4 => Duration::minutes(30),
        _ => Duration::hours(1),
    }
}

/// When to check an open payment next, or `None` once it is past the horizon (then it expires).
pub fn next_check_at(created_at: DateTime<Utc>, checks_done: i32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let horizon = created_at + Duration::hours(RECONCILE_HORIZON_HOURS);
    if now >= horizon {
        return None;
    }
    Some((now + recheck_delay(checks_done)).min(horizon))
}

/// Our transaction id: `NXP` + date + 12 random characters from an unambiguous alphabet; only
/// letters, digits and dashes (CINETPAY.md §2.2: only `A–Z a–z 0–9 -` are known to be safe).
pub fn transaction_id(now: DateTime<Utc>, random: u128) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bits = random;
    let suffix: String = (0..12)
        .map(|_| {
            let c = ALPHABET[(bits & 31) as usize] as char;
            bits >>= 5;
            c
        })
        .collect();
    format!("NXP-{}-{suffix}", now.format("%Y%m%d"))
}

/// The payer-facing name of CinetPay's payment method codes (CINETPAY.md §4.7).
pub fn method_label(code: &str) -> Message {
    // Payments recorded by staff store their method's name.
    if let Some(offline) = OfflineMethod::parse(code) {
        return offline.label();
    }
    let upper = code.trim().to_ascii_uppercase();
    if upper.starts_with("OM") {
        Message::new("Orange Money", "Orange Money")
    } else if upper.starts_with("MOMO") || upper.starts_with("MTN") {
        Message::new("MTN MoMo", "MTN MoMo")
    } else if upper.starts_with("FLOOZ") || upper.starts_with("MOOV") {
        Message::new("Moov Money", "Moov Money")
    } else if upper.starts_with("WAVE") {
        Message::new("Wave", "Wave")
    } else if upper.starts_with("CARD") || upper.starts_with("VISA") || upper.starts_with("MASTER") {
        Message::new("Carte bancaire", "Bank card")
    } else {
        Message::owned(code.trim(), code.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const ON: InstalmentRules = InstalmentRules { partial_allowed: true, minimum: 100 };
    const OFF: InstalmentRules = InstalmentRules { partial_allowed: false, minimum: 100 };

    #[test]
    fn the_whole_balance_is_the_default_rounded_down_to_five() {
        assert_eq!(instalment_amount(None, 150_000, "XOF", ON), Ok(150_000));
        assert_eq!(instalment_amount(None, 100_003, "XOF", ON), Ok(100_000));
        assert_eq!(
            instalment_amount(None, 99, "XOF", ON),
            Err(AmountError::BalanceBelowProviderMinimum { minimum: 100 })
        );
        assert_eq!(instalment_amount(None, 0, "XOF", ON), Err(AmountError::NothingDue));
        assert_eq!(instalment_amount(None, 1_003, "USD", ON), Ok(1_003));
    }

    #[test]
    fn instalments_are_multiples_of_five_between_the_minimum_and_the_balance() {
        assert_eq!(instalment_amount(Some(50_000), 150_000, "XOF", ON), Ok(50_000));
        assert_eq!(instalment_amount(Some(50_002), 150_000, "XOF", ON), Err(AmountError::NotMultiple { step: 5 }));
        assert_eq!(
            instalment_amount(Some(150_005), 150_000, "XOF", ON),
            Err(AmountError::AboveBalance { max: 150_000 })
        );
        assert_eq!(instalment_amount(Some(95), 150_000, "XOF", ON), Err(AmountError::BelowMinimum { min: 100 }));
        assert_eq!(instalment_amount(Some(0), 150_000, "XOF", ON), Err(AmountError::NotPositive));
        assert_eq!(instalment_amount(Some(-5), 150_000, "XOF", ON), Err(AmountError::NotPositive));
        let high_minimum = InstalmentRules { partial_allowed: true, minimum: 10_002 };
        assert_eq!(
            instalment_amount(Some(10_000), 150_000, "XOF", high_minimum),
            Err(AmountError::BelowMinimum { min: 10_005 })
        );
    }

    #[test]
    fn a_balance_below_the_minimum_can_still_be_paid_whole() {
        let rules = InstalmentRules { partial_allowed: true, minimum: 5_000 };
        assert_eq!(payable_range(1_000, "XOF", rules), Ok(PayableRange { max: 1_000, min: 1_000, step: 5 }));
        assert_eq!(instalment_amount(Some(1_000), 1_000, "XOF", rules), Ok(1_000));
    }

    #[test]
    fn without_instalments_only_the_balance_is_accepted() {
        assert_eq!(instalment_amount(Some(150_000), 150_000, "XOF", OFF), Ok(150_000));
        assert_eq!(
            instalment_amount(Some(50_000), 150_000, "XOF", OFF),
            Err(AmountError::PartialNotAllowed { max: 150_000 })
        );
        assert_eq!(payable_range(150_000, "XOF", OFF).map(|r| r.min), Ok(150_000));
    }

    const OWNER: Option<Actor> = Some(Actor::Member(crate::workflow::MemberRole::Owner));

    #[test]
    fn members_who_take_part_may_pay_what_a_sent_invoice_still_expects() {
        use InvoiceStatus::*;
        let range = PayableRange { max: 150_000, min: 100, step: 5 };
        assert_eq!(pay_decision(OWNER, Sent, 150_000, "XOF", ON, false), PayDecision::MayPay(range));
        let member = Some(Actor::Member(crate::workflow::MemberRole::Member));
        assert_eq!(pay_decision(member, PartiallyPaid, 150_000, "XOF", ON, false), PayDecision::MayPay(range));
        assert_eq!(pay_decision(OWNER, Sent, 150_000, "XOF", ON, false).reason(), None);
        assert_eq!(pay_decision(OWNER, Sent, 150_000, "XOF", ON, false).range(), Some(range));
    }

    #[test]
    fn staff_viewers_and_strangers_do_not_pay_online() {
        let viewer = Some(Actor::Member(crate::workflow::MemberRole::Viewer));
        for actor in [Some(Actor::Admin), viewer, None] {
            let decision = pay_decision(actor, InvoiceStatus::Sent, 150_000, "XOF", ON, false);
            assert_eq!(decision, PayDecision::NotPayer, "{actor:?}");
            assert_eq!(decision.reason(), Some("not_member"));
            assert_eq!(decision.range(), None);
        }
        // Who may pay is decided before what the invoice accepts.
        assert_eq!(pay_decision(None, InvoiceStatus::Draft, 0, "XOF", ON, true), PayDecision::NotPayer);
    }

    #[test]
    fn only_sent_invoices_with_something_due_are_payable() {
        use InvoiceStatus::*;
        for status in [Draft, Paid, Cancelled] {
            let decision = pay_decision(OWNER, status, 150_000, "XOF", ON, true);
            assert_eq!(decision, PayDecision::NotPayable, "{status:?}");
            assert_eq!(decision.reason(), Some("not_payable"));
        }
        assert_eq!(pay_decision(OWNER, Sent, 0, "XOF", ON, true), PayDecision::NothingDue);
        assert_eq!(PayDecision::NothingDue.reason(), Some("nothing_due"));
        let below = pay_decision(OWNER, Sent, 99, "XOF", ON, false);
        assert_eq!(below, PayDecision::BelowMinimum(AmountError::BalanceBelowProviderMinimum { minimum: 100 }));
        assert_eq!(below.reason(), Some("below_minimum"));
        assert_eq!(below.range(), None);
    }

    #[test]
    fn an_open_payment_is_resumed_rather_than_doubled() {
        let range = PayableRange { max: 150_000, min: 150_000, step: 5 };
        let decision = pay_decision(OWNER, InvoiceStatus::Sent, 150_000, "XOF", OFF, true);
        assert_eq!(decision, PayDecision::InProgress(Some(range)));
        assert_eq!(decision.reason(), Some("in_progress"));
        assert_eq!(decision.range(), Some(range));
        // Even when the balance left is too small to start a new one.
        assert_eq!(pay_decision(OWNER, InvoiceStatus::Sent, 50, "XOF", ON, true), PayDecision::InProgress(None));
    }

    #[test]
    fn only_sent_and_partly_paid_invoices_have_a_balance() {
        use InvoiceStatus::*;
        assert_eq!(unpaid_balance(Sent, 150_000, 0), 150_000);
        assert_eq!(unpaid_balance(PartiallyPaid, 150_000, 50_000), 100_000);
        for status in [Draft, Paid, Cancelled] {
            assert_eq!(unpaid_balance(status, 150_000, 50_000), 0, "{status:?}");
        }
    }

    #[test]
    fn admins_set_a_minimum_instalment_within_bounds_and_credentials_without_control_characters() {
        assert_eq!(check_minimum_instalment(100), Ok(100));
        assert_eq!(check_minimum_instalment(10_000_000), Ok(10_000_000));
        for refused in [95, 0, -5, 102, 10_000_005] {
            assert!(check_minimum_instalment(refused).is_err(), "{refused}");
        }
        assert!(is_storable_credential("105900"));
        assert!(is_storable_credential(&"k".repeat(200)));
        assert!(!is_storable_credential(&"k".repeat(201)));
        assert!(!is_storable_credential("key\n"));
    }

    #[test]
    fn notifications_act_only_when_signed_and_about_one_of_our_payments() {
        use NotificationVerdict::*;
        assert_eq!(notification_verdict(false, true, true, true), Malformed);
        assert_eq!(notification_verdict(true, false, true, true), BadToken);
        assert_eq!(notification_verdict(true, true, false, true), UnknownTransaction);
        assert_eq!(notification_verdict(true, true, true, false), UnknownTransaction);
        assert_eq!(notification_verdict(true, true, true, true), Valid);
    }

    #[test]
    fn stored_values_round_trip() {
        for status in PaymentStatus::ALL {
            assert_eq!(PaymentStatus::parse(status.as_str()), Some(status));
        }
        for channel in PaymentChannel::ALL {
            assert_eq!(PaymentChannel::parse(channel.as_str()), Some(channel));
        }
        for trigger in Trigger::ALL {
            assert_eq!(Trigger::parse(trigger.as_str()), Some(trigger));
        }
        for outcome in CheckOutcome::ALL {
            assert_eq!(CheckOutcome::parse(outcome.as_str()), Some(outcome));
        }
        for verdict in NotificationVerdict::ALL {
            assert_eq!(NotificationVerdict::parse(verdict.as_str()), Some(verdict));
        }
        assert_eq!(PaymentChannel::parse("mobile_money"), None);
        assert_eq!(Trigger::parse(""), None);
        assert_eq!(PaymentStatus::OPEN.map(PaymentStatus::is_open), [true, true]);
        assert_eq!(PaymentStatus::ALL.into_iter().filter(|status| status.is_open()).count(), 2);
    }

    #[test]
    fn each_transition_is_journaled_as_its_outcome() {
        assert_eq!(CheckOutcome::of(&Transition::Settle), CheckOutcome::Settled);
        assert_eq!(CheckOutcome::of(&Transition::Refuse), CheckOutcome::Refused);
        assert_eq!(CheckOutcome::of(&Transition::Flag("amount".into())), CheckOutcome::Flagged);
        assert_eq!(CheckOutcome::of(&Transition::StayPending), CheckOutcome::Pending);
        assert_eq!(CheckOutcome::of(&Transition::Nothing), CheckOutcome::Ignored);
    }

    #[test]
    fn settling_writes_off_what_is_below_one_step() {
        use InvoiceStatus::*;
        assert_eq!(
            apply_to_invoice(Sent, 100_003, 0, 100_000, "XOF"),
            Ok(Applied { amount_paid: 100_003, status: Paid, written_off: 3 })
        );
        assert_eq!(
            apply_to_invoice(Sent, 100_000, 0, 40_000, "XOF"),
            Ok(Applied { amount_paid: 40_000, status: PartiallyPaid, written_off: 0 })
        );
        assert_eq!(
            apply_to_invoice(PartiallyPaid, 100_000, 40_000, 60_000, "XOF"),
            Ok(Applied { amount_paid: 100_000, status: Paid, written_off: 0 })
        );
        assert_eq!(apply_to_invoice(Paid, 100_000, 100_000, 5, "XOF"), Err(PaymentError::NotPayable));
        assert_eq!(apply_to_invoice(PartiallyPaid, 100_000, 90_000, 10_005, "XOF"), Err(PaymentError::AboveBalance));
        // Outside the multiples-of-5 currencies nothing is written off.
        assert_eq!(
            apply_to_invoice(Sent, 1_003, 0, 1_000, "USD"),
            Ok(Applied { amount_paid: 1_000, status: PartiallyPaid, written_off: 0 })
        );
    }

    fn check<'a>(code: &'a str, status: Option<&'a str>, amount: Option<&'a str>) -> CheckView<'a> {
        CheckView { code, status, amount, currency: Some("XOF"), site_id: "105900" }
    }

    const EXPECTED: Expected<'static> = Expected { amount: 150_000, currency: "XOF", site_id: "105900" };

    #[test]
    fn only_code_00_accepted_with_matching_amount_currency_and_site_settles() {
        assert_eq!(classify_check(check("00", Some("ACCEPTED"), Some("150000")), EXPECTED), CheckVerdict::Accepted);
        assert_eq!(classify_check(check("00", Some("ACCEPTED"), Some("150000.00")), EXPECTED), CheckVerdict::Accepted);
        assert!(matches!(
            classify_check(check("00", Some("ACCEPTED"), Some("149995")), EXPECTED),
            CheckVerdict::Mismatch(_)
        ));
        assert!(matches!(
            classify_check(check("00", Some("ACCEPTED"), Some("150000.50")), EXPECTED),
            CheckVerdict::Mismatch(_)
        ));
        assert!(matches!(classify_check(check("00", Some("ACCEPTED"), None), EXPECTED), CheckVerdict::Mismatch(_)));
        let other_currency = CheckView { currency: Some("XAF"), ..check("00", Some("ACCEPTED"), Some("150000")) };
        assert!(matches!(classify_check(other_currency, EXPECTED), CheckVerdict::Mismatch(_)));
        let other_site = CheckView { site_id: "999", ..check("00", Some("ACCEPTED"), Some("150000")) };
        assert!(matches!(classify_check(other_site, EXPECTED), CheckVerdict::Mismatch(_)));
        // "0" is not "00"; ACCEPTED with another code is not a success either.
        assert_eq!(classify_check(check("0", Some("ACCEPTED"), Some("150000")), EXPECTED), CheckVerdict::Unknown);
        assert_eq!(classify_check(check("201", Some("ACCEPTED"), Some("150000")), EXPECTED), CheckVerdict::Unknown);
    }

    #[test]
    fn waiting_is_pending_and_refusals_need_the_transaction() {
        assert_eq!(classify_check(check("662", Some("WAITING_FOR_CUSTOMER"), None), EXPECTED), CheckVerdict::Pending);
        assert_eq!(classify_check(check("623", None, None), EXPECTED), CheckVerdict::Pending);
        assert_eq!(classify_check(check("627", Some("REFUSED"), Some("150000")), EXPECTED), CheckVerdict::Refused);
        assert_eq!(classify_check(check("602", Some("FAILED"), None), EXPECTED), CheckVerdict::Refused);
        // 627 without data: CinetPay does not know the transaction (yet): not a refusal.
        assert_eq!(classify_check(check("627", None, None), EXPECTED), CheckVerdict::Unknown);
        assert_eq!(classify_check(check("609", None, None), EXPECTED), CheckVerdict::Unknown);
    }

    #[test]
    fn final_payments_ignore_later_answers() {
        use PaymentStatus as S;
        let every_verdict = [
            CheckVerdict::Accepted,
            CheckVerdict::Mismatch("x".into()),
            CheckVerdict::Refused,
            CheckVerdict::Pending,
            CheckVerdict::Unknown,
        ];
        for verdict in &every_verdict {
            assert_eq!(transition(S::Accepted, verdict), Transition::Nothing, "{verdict:?}");
            assert_eq!(transition(S::Flagged, verdict), Transition::Nothing, "{verdict:?}");
        }
        assert_eq!(transition(S::Pending, &CheckVerdict::Accepted), Transition::Settle);
        assert_eq!(transition(S::Refused, &CheckVerdict::Accepted), Transition::Settle);
        assert_eq!(transition(S::Expired, &CheckVerdict::Accepted), Transition::Settle);
        assert_eq!(transition(S::Pending, &CheckVerdict::Refused), Transition::Refuse);
        assert_eq!(transition(S::Pending, &CheckVerdict::Pending), Transition::StayPending);
        assert_eq!(transition(S::Pending, &CheckVerdict::Unknown), Transition::StayPending);
        assert_eq!(transition(S::Expired, &CheckVerdict::Pending), Transition::Nothing);
        assert_eq!(transition(S::Refused, &CheckVerdict::Pending), Transition::Nothing);
        assert_eq!(transition(S::Pending, &CheckVerdict::Mismatch("amount".into())), Transition::Flag("amount".into()));
    }

    #[test]
    fn rechecks_back_off_then_stop_after_a_day() {
        let start = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).single().expect("date");
        let delays: Vec<i64> = (0..7).map(|n| recheck_delay(n).num_minutes()).collect();
        assert_eq!(delays, [1, 2, 5, 10, 30, 60, 60]);
        assert_eq!(next_check_at(start, 0, start), Some(start + Duration::minutes(1)));
        let late = start + Duration::hours(23) + Duration::minutes(30);
        assert_eq!(next_check_at(start, 9, late), Some(start + Duration::hours(24)));
        assert_eq!(next_check_at(start, 10, start + Duration::hours(24)), None);
    }

    #[test]
    fn transaction_ids_use_safe_characters_only() {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).single().expect("date");
        for random in [0u128, u128::MAX, 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef] {
            let id = transaction_id(now, random);
            assert!(id.starts_with("NXP-20261124-"), "{id}");
            assert_eq!(id.len(), 25);
            assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{id}");
        }
        assert_ne!(transaction_id(now, 1), transaction_id(now, 2));
    }

    #[test]
    fn operator_codes_have_names() {
        assert_eq!(method_label("OMCIV2").fr, "Orange Money");
        assert_eq!(method_label("MOMO").fr, "MTN MoMo");
        assert_eq!(method_label("FLOOZ").fr, "Moov Money");
        assert_eq!(method_label("WAVECI").fr, "Wave");
        assert_eq!(method_label("CARD").en, "Bank card");
        assert_eq!(method_label("XYZ").fr, "XYZ");
    }
}

crate::stored_as_text!(
    PaymentStatus,
    PaymentChannel,
    PaymentSource,
    OfflineMethod,
    Trigger,
    CheckOutcome,
    NotificationVerdict
);
