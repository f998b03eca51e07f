/**
 * The collected-money report's period, in the address (`/admin/paiements/encaissements`,
 * `?period=last_month`, `?period=custom&from=2026-01-01&to=2026-03-31`): a preset computed on
 * Abidjan's calendar (UTC), or two days the API accepts (the end not before the start, at most
 * 366 days). What makes no sense falls back to this month, with `invalid` set so the page says so.
 */
import { abidjanToday, daysBefore } from "@/components/admin/dashboard/links";
import { isIsoDate, type SearchParams } from "@/components/admin/dashboard/period";
import type { components } from "@/lib/api/schema";
import { PERIOD_MAX_DAYS, daysBetween } from "./statement";

export const COLLECTED_PRESETS = ["this_month", "last_month", "last_30_days", "this_year"] as const;
export type CollectedPreset = (typeof COLLECTED_PRESETS)[number];
export type CollectedPeriod = { key: CollectedPreset | "custom"; from: string; to: string };

export const COLLECTED_PATH = "/admin/paiements/encaissements";

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The days of a preset on `today` (`YYYY-MM-DD`). */
export function presetRange(key: CollectedPreset, today: string): { from: string; to: string } {
  const [year, month] = today.split("-").map(Number);
  switch (key) {
    case "this_month":
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case "last_month": {
      const start = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 10);
      const end = new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
      return { from: start, to: end };
    }
    case "last_30_days":
      return { from: daysBefore(today, 29), to: today };
    case "this_year":
      return { from: `${year}-01-01`, to: today };
  }
}

export function parseCollectedPeriod(params: SearchParams, today: string = abidjanToday()): { period: CollectedPeriod; invalid: boolean } {
  const key = first(params.period);
  const from = first(params.from);
  const to = first(params.to);
  // A custom period, or days given without a key (a shared link from the payments console).
  if (key === "custom" || (key === undefined && (from !== undefined || to !== undefined))) {
    if (isIsoDate(from) && isIsoDate(to) && from <= to && daysBetween(from, to) < PERIOD_MAX_DAYS) {
      return { period: { key: "custom", from, to }, invalid: false };
    }
    return { period: { key: "this_month", ...presetRange("this_month", today) }, invalid: true };
  }
  const preset = COLLECTED_PRESETS.find((p) => p === key) ?? "this_month";
  return { period: { key: preset, ...presetRange(preset, today) }, invalid: false };
}

/** The report's address for a period (this month, the default, is the bare path). */
export function collectedHref(period: { key: CollectedPreset } | CollectedPeriod): string {
  if (period.key === "this_month") return COLLECTED_PATH;
  if (period.key === "custom" && "from" in period) return `${COLLECTED_PATH}?${new URLSearchParams({ period: "custom", from: period.from, to: period.to })}`;
  return `${COLLECTED_PATH}?period=${period.key}`;
}

export type Operator = components["schemas"]["Operator"];
export type Channel = components["schemas"]["Channel"];

/**
 * The payments console filtered on an operator's accepted payments of the period
 * (payments/list-state.ts reads `method` and `date_from`/`date_to`); none for "other".
 */
const OPERATOR_METHOD: Record<Operator, string | null> = {
  orange_money: "OM",
  mtn: "MOMO",
  moov: "FLOOZ",
  wave: "WAVECI",
  card: "CARD",
  other_cinetpay: null,
  bank_transfer: "bank_transfer",
  cash: "cash",
  cheque: "cheque",
  mobile_money_transfer: "mobile_money",
};

export function operatorPaymentsHref(operator: Operator, range: { from: string; to: string }): string | null {
  const method = OPERATOR_METHOD[operator];
  if (!method) return null;
  return `/admin/paiements?${new URLSearchParams({ status: "accepted", method, date_from: range.from, date_to: range.to })}`;
}

/** A part of a total, from 0 to 1 (0 when there is no total). */
export function share(amount: number, total: number): number {
  return total > 0 ? Math.max(0, Math.min(1, amount / total)) : 0;
}

/** A share as shown: whole percents, and "less than 1 %" rather than a misleading 0 %. */
export function shownShare(fraction: number): { value: number; below: boolean } {
  if (fraction > 0 && fraction < 0.005) return { value: 0.01, below: true };
  return { value: fraction, below: false };
}
