/**
 * Invoices and quotes: the small computations their pages show. Amounts are integers in the
 * currency's minor unit (XOF has none); quantities and tax rates come as decimal strings
 * (`"1.50"`, `"18.00"`).
 */
import { daysUntil, formatNumber, type AppLocale } from "./format";

type Line = { tax_rate: string; total_ht: number; total_tva: number };

/** Days past the due date (0 when not due yet or due today). */
export function overdueDays(dueDate: string | null | undefined, now: Date = new Date()): number {
  if (!dueDate) return 0;
  return Math.max(0, -daysUntil(dueDate, now));
}

export type TaxLine = { rate: string; base: number; tax: number };

/** VAT by rate, highest rate first: the base (HT) and the tax of each. */
export function taxBreakdown(items: Line[]): TaxLine[] {
  const byRate = new Map<string, TaxLine>();
  for (const item of items) {
    const key = String(Number(item.tax_rate));
    const line = byRate.get(key) ?? { rate: key, base: 0, tax: 0 };
    line.base += item.total_ht;
    line.tax += item.total_tva;
    byRate.set(key, line);
  }
  return [...byRate.values()].sort((a, b) => Number(b.rate) - Number(a.rate));
}

/** `"18.00"` → `18 %` (French spacing) / `18%`; `"2.50"` → `2,5 %`. */
export function formatRate(rate: string, locale: AppLocale = "fr"): string {
  const value = formatNumber(Number(rate), locale);
  return locale === "fr" ? `${value}\u202f%` : `${value}%`;
}

/** `"1.50"` → `1,5`; `"3.00"` → `3`. */
export function formatQuantity(quantity: string, locale: AppLocale = "fr"): string {
  return formatNumber(Number(quantity), locale);
}
