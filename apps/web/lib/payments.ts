/**
 * Online payments (CinetPay): the small rules the portal applies before and after the API.
 * Amounts are integers in the currency's minor unit, as everywhere in the API; CinetPay only takes
 * CFA francs here, which have none, so an amount typed by a person is a number of francs.
 */
import type { PaymentChannel, PaymentStatus } from "./api/types";

/** Still waiting for CinetPay's word: the return page keeps asking. */
export function isOpenPayment(status: PaymentStatus): boolean {
  return status === "initiating" || status === "pending";
}

export type PaymentTone = "success" | "warning" | "danger" | "neutral" | "info";

/** The colour of a payment's badge. */
export const PAYMENT_STATUS_TONE: Record<PaymentStatus, PaymentTone> = {
  initiating: "warning",
  pending: "warning",
  accepted: "success",
  refused: "danger",
  failed: "danger",
  expired: "neutral",
  flagged: "info",
  voided: "neutral",
};

/** The screens of the return page: one per thing the person can do next. */
export type PaymentOutcome = "success" | "refused" | "pending" | "expired" | "flagged";

export function paymentOutcome(status: PaymentStatus): PaymentOutcome {
  switch (status) {
    case "accepted":
      return "success";
    case "refused":
    case "failed":
    case "voided":
      return "refused";
    case "expired":
      return "expired";
    case "flagged":
      return "flagged";
    case "initiating":
    case "pending":
      return "pending";
  }
}

/** The channels offered in the pay dialog, in this order (Mobile Money is what most clients use). */
export const PAY_CHANNELS = ["MOBILE_MONEY", "CREDIT_CARD", "ALL"] as const satisfies readonly PaymentChannel[];
export type PayChannel = (typeof PAY_CHANNELS)[number];

export type AmountRange = { min: number; max: number; step: number };

export type AmountError =
  | { code: "required" }
  | { code: "notNumber" }
  | { code: "notPositive" }
  | { code: "notMultiple"; step: number }
  | { code: "aboveMaximum"; max: number }
  | { code: "belowMinimum"; min: number };

export type AmountCheck = { ok: true; amount: number } | { ok: false; error: AmountError };

/**
 * An amount as people type it: `150000`, `150 000`, `150.000` (digits grouped by spaces, narrow
 * spaces, dots or commas as thousands separators). `null` when it is not a whole number.
 */
export function parseAmount(input: string): number | null {
  const compact = input.replace(/[\s\u00a0\u202f]/g, "").replace(/(?:fcfa|cfa|xof|f)$/i, "");
  if (compact === "") return null;
  // Thousands separators only: a decimal part makes no sense in francs.
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(compact)) return null;
  const value = Number(compact.replace(/[.,]/g, ""));
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * An instalment, checked in the server's order (`instalment_amount` in crates/domain/src/payments.rs):
 * positive, a multiple of the step, not above the payable balance, not below the minimum.
 */
export function checkInstalment(input: string, range: AmountRange): AmountCheck {
  if (input.trim() === "") return { ok: false, error: { code: "required" } };
  const amount = parseAmount(input);
  if (amount === null) return { ok: false, error: { code: "notNumber" } };
  if (amount <= 0) return { ok: false, error: { code: "notPositive" } };
  if (range.step > 1 && amount % range.step !== 0) return { ok: false, error: { code: "notMultiple", step: range.step } };
  if (amount > range.max) return { ok: false, error: { code: "aboveMaximum", max: range.max } };
  if (amount < range.min) return { ok: false, error: { code: "belowMinimum", min: range.min } };
  return { ok: true, amount };
}

/** Whether the dialog offers a choice between the whole balance and an instalment. */
export function offersInstalment(online: { partial_allowed: boolean; min_amount: number; max_amount: number }): boolean {
  return online.partial_allowed && online.min_amount < online.max_amount;
}

/** How long the return page keeps asking for a pending payment's status before offering a button. */
export const POLL_WINDOW_MS = 2 * 60_000;

/**
 * The wait before the next status request, `elapsed` ms after the page started asking: every
 * 2 s for the first 10 s (a mobile-money push is often validated within seconds), every 3 s up to
 * 30 s, then every 5 s (the API re-checks with CinetPay at most once per 5 s anyway); `null` after
 * two minutes, when the page stops and offers "Vérifier à nouveau".
 */
export function pollDelay(elapsed: number): number | null {
  if (elapsed >= POLL_WINDOW_MS) return null;
  if (elapsed < 10_000) return 2_000;
  if (elapsed < 30_000) return 3_000;
  return 5_000;
}

/** The receipt PDF of an accepted payment, in the interface's language. */
export function receiptUrl(paymentId: string, locale: "fr" | "en"): string {
  return `/api/payments/${paymentId}/receipt/?lang=${locale}`;
}

/** The invoice with its pay dialog open (the dashboard's "Payer", the return page's "Réessayer"). */
export function payInvoiceUrl(invoiceId: string): string {
  return `/factures/${invoiceId}?payer=1`;
}
