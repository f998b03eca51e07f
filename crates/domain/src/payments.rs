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
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 7] =
        [Self::Initiating, Self::Pending, Self::Accepted, Self::Refused, Self::Expired, Self::Flagged, Self::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Initiating => "initiating",
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Refused => "refused",
            Self::Expired => "expired",
            Self::Flagged => "flagged",
            Self::Failed => "failed",
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
        }
    }

    /// Still waiting for CinetPay's word.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Initiating | Self::Pending)
    }
}

impl fmt::Display for PaymentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// CinetPay's `channels` values (CINETPAY.md §2.2).
pub const CHANNELS: [&str; 4] = ["ALL", "MOBILE_MONEY", "CREDIT_CARD", "WALLET"];

pub fn parse_channel(value: &str) -> Option<&'static str> {
    CHANNELS.into_iter().find(|channel| channel.eq_ignore_ascii_case(value.trim()))
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

/// What settling a payment of `amount` does to its invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    pub amount_paid: i64,
    pub status: InvoiceStatus,
    /// Francs below one currency step left on the invoice and written off, so that an invoice of
    /// 100 003 FCFA paid with 100 000 FCFA (CinetPay takes multiples of 5) ends `paid`.
    pub written_off: i64,
}

pub fn apply_to_invoice(
    status: InvoiceStatus,
    total_ttc: i64,
    amount_paid: i64,
    amount: i64,
    currency: &str,
) -> Result<Applied, PaymentError> {
    let (paid, new_status) = status_after_payment(status, total_ttc, amount_paid, amount)?;
    let remainder = total_ttc - paid;
    if new_status == InvoiceStatus::PartiallyPaid && remainder < step_of(currency) {
        return Ok(Applied { amount_paid: total_ttc, status: InvoiceStatus::Paid, written_off: remainder });
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
        (S::Accepted | S::Flagged, _) => Transition::Nothing,
        // Money taken is money taken: even a payment we gave up on, or saw refused earlier, is
        // settled when CinetPay's check later says it was accepted.
        (_, CheckVerdict::Accepted) => Transition::Settle,
        (_, CheckVerdict::Mismatch(reason)) => Transition::Flag(reason.clone()),
        (S::Initiating | S::Pending, CheckVerdict::Refused) => Transition::Refuse,
        (S::Initiating | S::Pending, CheckVerdict::Pending | CheckVerdict::Unknown) => Transition::StayPending,
        (S::Refused | S::Expired | S::Failed, _) => Transition::Nothing,
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
        assert_eq!(parse_channel("mobile_money"), Some("MOBILE_MONEY"));
        assert_eq!(parse_channel("cash"), None);
    }
}

crate::stored_as_text!(PaymentStatus);
