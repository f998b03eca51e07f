/**
 * The period of a statement of account (relevé de compte): a preset (« Ce mois-ci »,
 * « Trimestre », « Cette année », « Année dernière ») or dates of one's own, kept in the portal's
 * address in French (`/releve?periode=trimestre`, `/releve?du=2026-01-01&au=2026-03-31`). This
 * year is the default, as for the API. Days are the browser's calendar days (`YYYY-MM-DD`).
 */

export const STATEMENT_PRESETS = ["month", "quarter", "year", "last_year"] as const;
export type StatementPreset = (typeof STATEMENT_PRESETS)[number];
export type StatementPeriod = { preset: StatementPreset | "custom"; from: string; to: string };

export const DEFAULT_PRESET: StatementPreset = "year";

/** The presets as the address writes them. */
const SLUGS: Record<StatementPreset, string> = { month: "mois", quarter: "trimestre", year: "annee", last_year: "annee-derniere" };

/** The API refuses a longer period. */
const MAX_YEARS = 3;

const pad = (value: number) => String(value).padStart(2, "0");

/** `2026-11-23`: a date's calendar day where the browser is. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A real calendar day written `YYYY-MM-DD` (not `2026-02-31`). */
export function isCalendarDay(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The days a preset covers on `today`: from its first day to today, or all of last year. */
export function presetPeriod(preset: StatementPreset, today: Date): StatementPeriod {
  const year = today.getFullYear();
  const day = localDay(today);
  switch (preset) {
    case "month":
      return { preset, from: `${year}-${pad(today.getMonth() + 1)}-01`, to: day };
    case "quarter":
      return { preset, from: `${year}-${pad(Math.floor(today.getMonth() / 3) * 3 + 1)}-01`, to: day };
    case "year":
      return { preset, from: `${year}-01-01`, to: day };
    case "last_year":
      return { preset, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

export type RangeProblem = "missing" | "backwards" | "too_long";

/** Why the API would refuse dates of one's own, or null when it will take them. */
export function rangeProblem(from: string, to: string): RangeProblem | null {
  if (!isCalendarDay(from) || !isCalendarDay(to)) return "missing";
  if (from > to) return "backwards";
  // 29 February + 3 years is 1 March.
  const [y, m, d] = from.split("-").map(Number);
  const limit = new Date(Date.UTC(y + MAX_YEARS, m - 1, d));
  const [ty, tm, td] = to.split("-").map(Number);
  return Date.UTC(ty, tm - 1, td) > limit.getTime() ? "too_long" : null;
}

export function customPeriod(from: string, to: string): StatementPeriod {
  return { preset: "custom", from, to };
}

type Params = { get: (name: string) => string | null };

/** The period the address asks for; anything unreadable (or a period the API would refuse) is this year. */
export function readStatementPeriod(params: Params, today: Date): StatementPeriod {
  const from = params.get("du");
  const to = params.get("au");
  if (from !== null || to !== null) {
    return from !== null && to !== null && rangeProblem(from, to) === null ? customPeriod(from, to) : presetPeriod(DEFAULT_PRESET, today);
  }
  const slug = params.get("periode");
  const preset = STATEMENT_PRESETS.find((key) => SLUGS[key] === slug);
  return presetPeriod(preset ?? DEFAULT_PRESET, today);
}

/** `periode=trimestre`, `du=…&au=…`, or "" for this year. */
export function statementPeriodSearch(period: StatementPeriod): string {
  if (period.preset === "custom") return new URLSearchParams({ du: period.from, au: period.to }).toString();
  if (period.preset === DEFAULT_PRESET) return "";
  return new URLSearchParams({ periode: SLUGS[period.preset] }).toString();
}

/** The statement's PDF in the reader's language (`pdf_url` already carries the period). */
export function statementPdfHref(pdfUrl: string, locale: string): string {
  return `${pdfUrl}${pdfUrl.includes("?") ? "&" : "?"}lang=${encodeURIComponent(locale)}`;
}
