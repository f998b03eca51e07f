/**
 * The dashboard's period, kept in the URL (`/admin?period=last_month`,
 * `/admin?period=custom&from=2026-01-01&to=2026-03-31`) so that a view can be shared and the
 * back button works. The API computes the dates; this only reads and writes the parameters.
 */

export const PRESET_PERIODS = ["this_month", "last_month", "quarter", "year"] as const;
export type PresetPeriod = (typeof PRESET_PERIODS)[number];
export type Period = { key: PresetPeriod } | { key: "custom"; from: string; to: string };

export type SearchParams = Record<string, string | string[] | undefined>;

/** The API's limit on a custom period. */
const MAX_YEARS = 3;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `YYYY-MM-DD` that is a real calendar day. */
export function isIsoDate(value: string | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Whether `to` is at most three years after `from` (29 February + 3 years is 1 March). */
function withinLimit(from: string, to: string): boolean {
  const [y, m, d] = from.split("-").map(Number);
  const limit = new Date(Date.UTC(y + MAX_YEARS, m - 1, d));
  const [ty, tm, td] = to.split("-").map(Number);
  return Date.UTC(ty, tm - 1, td) <= limit.getTime();
}

/**
 * The period the URL asks for. A custom period that the API would refuse (a missing or
 * impossible date, `from` after `to`, more than three years) falls back to this month, with
 * `invalid` set so the page says so; an unknown key is simply the default.
 */
export function parsePeriod(params: SearchParams): { period: Period; invalid: boolean } {
  const key = first(params.period);
  if (key === "custom") {
    const from = first(params.from);
    const to = first(params.to);
    if (isIsoDate(from) && isIsoDate(to) && from <= to && withinLimit(from, to)) {
      return { period: { key: "custom", from, to }, invalid: false };
    }
    return { period: { key: "this_month" }, invalid: true };
  }
  const preset = PRESET_PERIODS.find((p) => p === key);
  return { period: { key: preset ?? "this_month" }, invalid: false };
}

/** The query of `GET /api/admin/kpis/` for a period. */
export function kpiQuery(period: Period): { period: Period["key"]; from?: string; to?: string } {
  return period.key === "custom" ? { period: "custom", from: period.from, to: period.to } : { period: period.key };
}

/** The dashboard's address for a period (this month, the default, is plain `/admin`). */
export function periodHref(period: Period, path = "/admin"): string {
  if (period.key === "this_month") return path;
  return `${path}?${new URLSearchParams(kpiQuery(period))}`;
}
