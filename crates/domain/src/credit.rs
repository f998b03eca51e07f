//! Credit notes (avoirs), refunds and voided payments: what each does to an invoice's balance.
//!
//! An invoice asks `total_ttc − credited` and has kept `paid` of it; its balance is the difference
//! and is never negative. A credit note lowers what it asks; when that falls below what was kept,
//! the difference goes back to the client as a refund recorded with the credit note. A voided
//! payment (recorded by mistake, a cheque that bounced) gives its amount back to the balance.

use crate::billing::InvoiceStatus;
use crate::i18n::Message;

/// Where an invoice stands in money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owed {
    pub total_ttc: i64,
    /// What credit notes took off.
    pub credited: i64,
    /// What NOURX kept: payments less refunds and voided payments.
    pub paid: i64,
}

impl Owed {
    /// What the invoice still asks after its credit notes.
    pub fn owed_total(self) -> i64 {
        self.total_ttc - self.credited
    }

    pub fn balance(self) -> i64 {
        self.owed_total() - self.paid
    }

    /// The status an issued invoice has with these amounts.
    pub fn status(self) -> InvoiceStatus {
        match (self.balance() > 0, self.paid > 0) {
            (true, true) => InvoiceStatus::PartiallyPaid,
            (true, false) => InvoiceStatus::Sent,
            (false, true) => InvoiceStatus::Paid,
            (false, false) => InvoiceStatus::Credited,
        }
    }
}

/// Why a credit note cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditRefusal {
    /// A draft is edited, not credited.
    Draft,
    Cancelled,
    /// Credit notes already cover the whole invoice.
    FullyCredited,
    NotPositive,
    /// Above what is left to credit (`max`).
    AboveCreditable {
        max: i64,
    },
}

impl CreditRefusal {
    /// The code of the 409 (or of the 400 for the amount).
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft_not_creditable",
            Self::Cancelled => "cancelled_not_creditable",
            Self::FullyCredited => "fully_credited",
            Self::NotPositive | Self::AboveCreditable { .. } => "invalid",
        }
    }

    pub fn message(self) -> Message {
        match self {
            Self::Draft => Message::new(
                "Un brouillon ne reçoit pas d'avoir : modifiez-le ou supprimez ses lignes.",
                "A draft cannot be credited: edit it instead.",
            ),
            Self::Cancelled => Message::new(
                "Cette facture est annulée : elle ne reçoit plus d'avoir.",
                "This invoice is cancelled: it cannot be credited.",
            ),
            Self::FullyCredited => Message::new(
                "Des avoirs couvrent déjà toute cette facture.",
                "Credit notes already cover this whole invoice.",
            ),
            Self::NotPositive => Message::new("Le montant doit être positif.", "The amount must be positive."),
            Self::AboveCreditable { .. } => Message::new(
                "Le montant dépasse ce qui reste à créditer sur cette facture.",
                "The amount exceeds what is left to credit on this invoice.",
            ),
        }
    }
}

/// A credit note as it will be written, and the invoice after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditPlan {
    pub ht: i64,
    pub tva: i64,
    pub ttc: i64,
    /// What goes back to the client (0 when the invoice had not been paid beyond what it now asks).
    pub refund: i64,
    pub after: Owed,
    pub status_after: InvoiceStatus,
}

/// The credit note of `amount` TTC (the whole remainder when `None`) on an invoice in `status`
/// with `owed`, whose HT and TVA are `invoice_ht` and `invoice_tva`. Its TVA is the invoice's
/// share of TVA in the amount, rounded half away from zero, so that a whole credit note repeats
/// the invoice's figures exactly.
pub fn plan_credit(
    status: InvoiceStatus,
    owed: Owed,
    invoice_ht: i64,
    invoice_tva: i64,
    amount: Option<i64>,
) -> Result<CreditPlan, CreditRefusal> {
    match status {
        InvoiceStatus::Draft => return Err(CreditRefusal::Draft),
        InvoiceStatus::Cancelled => return Err(CreditRefusal::Cancelled),
        _ => {}
    }
    let creditable = owed.owed_total();
    if creditable <= 0 {
        return Err(CreditRefusal::FullyCredited);
    }
    let ttc = amount.unwrap_or(creditable);
    if ttc <= 0 {
        return Err(CreditRefusal::NotPositive);
    }
    if ttc > creditable {
        return Err(CreditRefusal::AboveCreditable { max: creditable });
    }
    let tva = if ttc == owed.total_ttc {
        invoice_tva
    } else {
        let exact = i128::from(ttc) * i128::from(invoice_tva);
        let total = i128::from(invoice_ht + invoice_tva).max(1);
        i64::try_from((exact + total / 2) / total).unwrap_or(0)
    };
    let credited = owed.credited + ttc;
    let refund = (owed.paid - (owed.total_ttc - credited)).max(0);
    let after = Owed { total_ttc: owed.total_ttc, credited, paid: owed.paid - refund };
    Ok(CreditPlan { ht: ttc - tva, tva, ttc, refund, after, status_after: after.status() })
}

/// Why a payment cannot be voided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoidRefusal {
    /// Only an accepted payment recorded by staff is voided; CinetPay's are refunded by a credit note.
    NotVoidable,
    /// Credit notes refunded part of it already: the invoice no longer holds it.
    AlreadyRefunded,
}

impl VoidRefusal {
    pub fn code(self) -> &'static str {
        match self {
            Self::NotVoidable => "not_voidable",
            Self::AlreadyRefunded => "already_refunded",
        }
    }

    pub fn message(self) -> Message {
        match self {
            Self::NotVoidable => Message::new(
                "Seul un paiement enregistré à la main et encore valable peut être annulé. Un paiement CinetPay se rembourse par un avoir.",
                "Only a valid payment recorded by hand can be voided. A CinetPay payment is refunded through a credit note.",
            ),
            Self::AlreadyRefunded => Message::new(
                "Un avoir a déjà remboursé cet argent : le paiement ne peut plus être annulé.",
                "A credit note already refunded this money: the payment can no longer be voided.",
            ),
        }
    }
}

/// The invoice after voiding a payment of `amount` it had kept.
pub fn plan_void(voidable: bool, owed: Owed, amount: i64) -> Result<(Owed, InvoiceStatus), VoidRefusal> {
    if !voidable {
        return Err(VoidRefusal::NotVoidable);
    }
    if amount > owed.paid {
        return Err(VoidRefusal::AlreadyRefunded);
    }
    let after = Owed { paid: owed.paid - amount, ..owed };
    Ok((after, after.status()))
}

/// A credit note's HT and TVA spread over its invoice's rates, so that it prints one line per
/// rate with that rate's own TVA (one line at 18 % carrying the TVA of an invoice that also has
/// exempt lines would print a TVA that is not 18 % of its base). `by_rate` is the invoice's
/// (rate, HT base after every discount, TVA) per rate. Each rate with a positive base gets a share
/// of `ht` in proportion to its base and a share of `tva` in proportion to its TVA, by largest
/// remainders, so that the rows add up to `ht` and `tva` exactly. Rows left with nothing are
/// dropped; without any positive base, one row at the rate of the largest base (0 when none).
pub fn credit_by_rate(ht: i64, tva: i64, by_rate: &[(i32, i64, i64)]) -> Vec<(i32, i64, i64)> {
    let rates: Vec<(i32, i64, i64)> = by_rate.iter().copied().filter(|(_, base, _)| *base > 0).collect();
    if rates.is_empty() {
        let rate = by_rate.iter().max_by_key(|(_, base, _)| *base).map_or(0, |(rate, _, _)| *rate);
        return vec![(rate, ht, tva)];
    }
    let bases: Vec<i64> = rates.iter().map(|(_, base, _)| *base).collect();
    let mut taxes: Vec<i64> = rates.iter().map(|(_, _, tax)| (*tax).max(0)).collect();
    if taxes.iter().all(|tax| *tax == 0) {
        // No TVA on the invoice to follow: the credit note's, if any, goes with the bases.
        taxes.clone_from(&bases);
    }
    let hts = apportion(ht, &bases);
    let tvas = apportion(tva, &taxes);
    let rows: Vec<(i32, i64, i64)> = rates
        .iter()
        .zip(hts.iter().zip(&tvas))
        .map(|((rate, _, _), (ht, tva))| (*rate, *ht, *tva))
        .filter(|(_, ht, tva)| *ht != 0 || *tva != 0)
        .collect();
    if rows.is_empty() { vec![(rates[0].0, ht, tva)] } else { rows }
}

/// `total` shared in proportion to `weights` (all ≥ 0, their sum > 0) by largest remainders: the
/// shares add up to `total`; among equal remainders, the first weight gets the unit.
fn apportion(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    let total = i128::from(total);
    let exact: Vec<i128> = weights.iter().map(|w| total * i128::from(*w)).collect();
    let mut shares: Vec<i128> = exact.iter().map(|e| e.div_euclid(sum)).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(exact[i].rem_euclid(sum)));
    let left = total - shares.iter().sum::<i128>();
    for &i in order.iter().cycle().take(usize::try_from(left).unwrap_or(0)) {
        shares[i] += 1;
    }
    shares.into_iter().map(|share| i64::try_from(share).unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use InvoiceStatus::*;

    #[test]
    fn a_credit_note_on_an_invoice_with_exempt_lines_is_spread_over_both_rates() {
        // Invoice: 560 262 HT at 18 % (TVA 100 848) and 19 930 HT exempt; credit note of 50 000
        // TTC: 42 596 HT and 7 404 TVA, all of it at 18 %.
        let rows = credit_by_rate(42_596, 7_404, &[(0, 19_930, 0), (1800, 560_262, 100_848)]);
        assert_eq!(rows, [(0, 1_463, 0), (1800, 41_133, 7_404)]);
        // 7 404 is 18 % of 41 133, to the franc.
        assert_eq!((41_133 * 18 + 50) / 100, 7_404);
    }

    #[test]
    fn a_credit_note_on_a_single_rate_invoice_keeps_one_row() {
        assert_eq!(credit_by_rate(50_000, 9_000, &[(1800, 100_000, 18_000)]), [(1800, 50_000, 9_000)]);
        // Nothing positive to follow (a balance invoice whose deposit took everything): one row.
        assert_eq!(credit_by_rate(1_000, 180, &[(0, 0, 0), (1800, -5, -1)]), [(0, 1_000, 180)]);
        assert_eq!(credit_by_rate(1_000, 0, &[]), [(0, 1_000, 0)]);
    }

    #[test]
    fn the_rows_always_add_up() {
        let by_rate = [(0, 333, 0), (900, 333, 30), (1800, 334, 60)];
        for (ht, tva) in [(1, 0), (2, 1), (999, 89), (1_000, 90), (7, 7)] {
            let rows = credit_by_rate(ht, tva, &by_rate);
            assert_eq!(rows.iter().map(|row| row.1).sum::<i64>(), ht, "{rows:?}");
            assert_eq!(rows.iter().map(|row| row.2).sum::<i64>(), tva, "{rows:?}");
            assert!(rows.iter().all(|(rate, _, tva)| *rate != 0 || *tva == 0), "no TVA on the exempt row: {rows:?}");
        }
    }

    fn owed(total_ttc: i64, credited: i64, paid: i64) -> Owed {
        Owed { total_ttc, credited, paid }
    }

    #[test]
    fn a_whole_credit_note_repeats_the_invoice_and_closes_it() {
        let plan = plan_credit(Sent, owed(118_000, 0, 0), 100_000, 18_000, None).expect("ok");
        assert_eq!((plan.ht, plan.tva, plan.ttc, plan.refund), (100_000, 18_000, 118_000, 0));
        assert_eq!(plan.status_after, Credited);
    }

    #[test]
    fn a_partial_credit_note_splits_its_tva_like_the_invoice_and_lowers_the_balance() {
        let plan = plan_credit(Sent, owed(118_000, 0, 0), 100_000, 18_000, Some(59_000)).expect("ok");
        assert_eq!((plan.ht, plan.tva), (50_000, 9_000));
        assert_eq!(plan.after.balance(), 59_000);
        assert_eq!(plan.status_after, Sent);
        // 10 001 × 18 000 / 118 000 = 1 525,6 → 1 526
        let odd = plan_credit(Sent, owed(118_000, 0, 0), 100_000, 18_000, Some(10_001)).expect("ok");
        assert_eq!((odd.ht, odd.tva), (8_475, 1_526));
    }

    #[test]
    fn crediting_a_paid_invoice_refunds_what_it_no_longer_asks() {
        // Paid 118 000, credited 18 000: 18 000 goes back, the invoice stays paid.
        let plan = plan_credit(Paid, owed(118_000, 0, 118_000), 100_000, 18_000, Some(18_000)).expect("ok");
        assert_eq!(plan.refund, 18_000);
        assert_eq!(plan.after, owed(118_000, 18_000, 100_000));
        assert_eq!(plan.status_after, Paid);
        // Half paid, a credit note of the unpaid half: nothing goes back, and the invoice is paid.
        let half = plan_credit(PartiallyPaid, owed(100_000, 0, 50_000), 84_746, 15_254, Some(50_000)).expect("ok");
        assert_eq!((half.refund, half.status_after), (0, Paid));
        // Fully paid, fully credited: everything goes back.
        let all = plan_credit(Paid, owed(100_000, 0, 100_000), 84_746, 15_254, None).expect("ok");
        assert_eq!((all.refund, all.status_after, all.after.balance()), (100_000, Credited, 0));
    }

    #[test]
    fn a_credit_note_is_refused_on_drafts_cancelled_and_beyond_the_remainder() {
        assert_eq!(plan_credit(Draft, owed(1_000, 0, 0), 1_000, 0, None), Err(CreditRefusal::Draft));
        assert_eq!(plan_credit(Cancelled, owed(1_000, 0, 0), 1_000, 0, None), Err(CreditRefusal::Cancelled));
        assert_eq!(plan_credit(Credited, owed(1_000, 1_000, 0), 1_000, 0, None), Err(CreditRefusal::FullyCredited));
        assert_eq!(plan_credit(Sent, owed(1_000, 0, 0), 1_000, 0, Some(0)), Err(CreditRefusal::NotPositive));
        assert_eq!(
            plan_credit(Sent, owed(1_000, 400, 0), 1_000, 0, Some(601)),
            Err(CreditRefusal::AboveCreditable { max: 600 })
        );
    }

    #[test]
    fn never_a_negative_balance_whatever_the_order_of_credits_and_payments() {
        for paid in [0, 1, 500, 999, 1_000] {
            for amount in [1, 250, 999, 1_000] {
                if let Ok(plan) = plan_credit(Paid, owed(1_000, 0, paid), 848, 152, Some(amount)) {
                    assert!(plan.after.balance() >= 0, "paid {paid}, credit {amount}");
                    assert!(plan.after.paid >= 0 && plan.refund <= amount);
                    assert_eq!(plan.ht + plan.tva, plan.ttc);
                }
            }
        }
    }

    #[test]
    fn voiding_gives_the_amount_back_to_the_balance() {
        assert_eq!(plan_void(true, owed(100_000, 0, 100_000), 40_000), Ok((owed(100_000, 0, 60_000), PartiallyPaid)));
        assert_eq!(plan_void(true, owed(100_000, 0, 40_000), 40_000), Ok((owed(100_000, 0, 0), Sent)));
        assert_eq!(plan_void(false, owed(100_000, 0, 40_000), 40_000), Err(VoidRefusal::NotVoidable));
        assert_eq!(plan_void(true, owed(100_000, 80_000, 20_000), 40_000), Err(VoidRefusal::AlreadyRefunded));
    }
}
