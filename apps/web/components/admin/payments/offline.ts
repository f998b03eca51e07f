/**
 * The rules of "Enregistrer un paiement" that the form applies before the API does: the amount
 * (positive, not above the balance), the day the money came (a real day, not in the future), and
 * the proof's type and size. Pure, so they are unit-tested.
 */
import { parseAmount } from "@/lib/payments";
import { isIsoDay } from "@/components/admin/billing/list-state";

export type OfflineAmountError = { code: "required" } | { code: "notNumber" } | { code: "notPositive" } | { code: "aboveBalance"; max: number };

export type OfflineAmountCheck = { ok: true; amount: number } | { ok: false; error: OfflineAmountError };

/**
 * An amount typed by staff, in the currency's unit (FCFA have no minor unit, so `150 000` is
 * 150000). Currencies with cents (EUR) take `1 234,50` or `1234.5`: the result is in cents.
 */
export function parseMoneyInput(input: string, minorDigits: number): number | null {
  if (minorDigits === 0) return parseAmount(input);
  const compact = input.replace(/[\s\u00a0\u202f]/g, "").replace(/(?:€|eur|usd|\$)$/i, "");
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(compact);
  if (!match) return null;
  const [, whole, fraction = ""] = match;
  if (fraction.length > minorDigits) return null;
  const value = Number(whole) * 10 ** minorDigits + Number(fraction.padEnd(minorDigits, "0") || "0");
  return Number.isSafeInteger(value) ? value : null;
}

/** An offline payment's amount: required, a positive whole amount, at most the invoice's balance. */
export function checkOfflineAmount(input: string, balance: number, minorDigits = 0): OfflineAmountCheck {
  if (input.trim() === "") return { ok: false, error: { code: "required" } };
  const amount = parseMoneyInput(input, minorDigits);
  if (amount === null) return { ok: false, error: { code: "notNumber" } };
  if (amount <= 0) return { ok: false, error: { code: "notPositive" } };
  if (amount > balance) return { ok: false, error: { code: "aboveBalance", max: balance } };
  return { ok: true, amount };
}

/** How many minor digits a currency has: none for the CFA francs, two for most others. */
export function minorDigitsOf(currency: string): number {
  const code = currency.toUpperCase();
  if (code === "XOF" || code === "XAF") return 0;
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount in minor units as the field shows it by default: `150000`, `1234.50`. */
export function amountFieldValue(amount: number, minorDigits: number): string {
  if (minorDigits === 0) return String(amount);
  return (amount / 10 ** minorDigits).toFixed(minorDigits);
}

/** Today in Abidjan (UTC all year), `YYYY-MM-DD`: the API's "not in the future". */
export function businessToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Abidjan", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export type ReceivedOnError = "required" | "invalid" | "future";

/** The day the money came: required, a real day, not after `today`. */
export function checkReceivedOn(value: string, today: string): ReceivedOnError | null {
  if (value.trim() === "") return "required";
  if (!isIsoDay(value)) return "invalid";
  return value > today ? "future" : null;
}

/** The API takes proofs up to 10 MB. */
export const MAX_PROOF_BYTES = 10 * 1024 * 1024;

const PROOF_TYPES: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};

/** For the file input: extensions and types, so every phone's picker understands it. */
export const PROOF_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

export type ProofProblem = { kind: "type" } | { kind: "too_big"; max: number } | { kind: "empty" };

/**
 * The type to send a proof as (by its extension first: phones often give no type), or the
 * problem that keeps it from being sent.
 */
export function checkProof(file: { name: string; size: number; type: string }): { ok: true; contentType: string } | { ok: false; problem: ProofProblem } {
  const dot = file.name.lastIndexOf(".");
  const extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : "";
  const given = file.type.toLowerCase().split(";")[0].trim();
  const contentType = PROOF_TYPES[extension] ?? (Object.values(PROOF_TYPES).includes(given) ? given : given === "image/jpg" ? "image/jpeg" : undefined);
  if (!contentType) return { ok: false, problem: { kind: "type" } };
  if (file.size === 0) return { ok: false, problem: { kind: "empty" } };
  if (file.size > MAX_PROOF_BYTES) return { ok: false, problem: { kind: "too_big", max: MAX_PROOF_BYTES } };
  return { ok: true, contentType };
}

/** Whether staff may record a payment on an invoice: sent, not paid, not cancelled, something due. */
export function canRecordPayment(invoice: { status: string; balance_due: number }): boolean {
  return invoice.balance_due > 0 && ["sent", "partially_paid", "overdue"].includes(invoice.status);
}
