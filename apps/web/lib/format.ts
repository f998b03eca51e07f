/**
 * Every amount, date and time the app shows goes through here, so that they read the same
 * everywhere: `150 000 FCFA`, `23/11/2026`, `14:30`, `il y a 3 heures`.
 */

export type AppLocale = "fr" | "en";

/** Intl locales: British English writes dates day first, as West Africa does. */
const INTL_LOCALE: Record<AppLocale, string> = { fr: "fr-FR", en: "en-GB" };

/** Narrow no-break space, the French thousands separator. */
export const NNBSP = "\u202f";
/** No-break space, between an amount and its currency. */
export const NBSP = "\u00a0";

/** The CFA francs (West and Central Africa) are written "FCFA" and have no minor unit. */
const CFA = new Set(["XOF", "XAF"]);

function intlLocale(locale: AppLocale | string): string {
  return INTL_LOCALE[locale as AppLocale] ?? locale;
}

function minorDigits(currency: string): number {
  if (CFA.has(currency)) return 0;
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A whole number with the locale's grouping: `150 000` (narrow no-break spaces) or `150,000`. */
export function formatNumber(value: number, locale: AppLocale = "fr"): string {
  const text = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(value);
  // Some ICU versions group French with a plain no-break space; the typographic rule is U+202F.
  return locale === "fr" ? text.replace(/[\u00a0 ]/g, NNBSP) : text;
}

/**
 * An amount given in the currency's minor unit (the API's money format; XOF has none):
 * `formatMoney(150000, "XOF")` → `150 000 FCFA`.
 */
export function formatMoney(amountMinor: number, currency: string, locale: AppLocale = "fr"): string {
  const code = currency.toUpperCase();
  const digits = minorDigits(code);
  const amount = amountMinor / 10 ** digits;
  if (CFA.has(code)) return `${formatNumber(amount, locale)}${NBSP}FCFA`;
  const text = new Intl.NumberFormat(intlLocale(locale), {
    style: "currency",
    currency: code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
  return locale === "fr" ? text.replace(/(\d)[\u00a0 ](?=\d)/g, `$1${NNBSP}`) : text;
}

type DateInput = string | Date;

/** `2026-11-23` (a calendar day) stays that day whatever the time zone; timestamps are instants. */
function toDate(value: DateInput): { date: Date; dayOnly: boolean } {
  if (value instanceof Date) return { date: value, dayOnly: false };
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return { date: new Date(Date.UTC(+day[1], +day[2] - 1, +day[3], 12)), dayOnly: true };
  return { date: new Date(value), dayOnly: false };
}

/** `23/11/2026`. Calendar days (`YYYY-MM-DD`) are shown as written; instants in `timeZone`. */
export function formatDate(value: DateInput, locale: AppLocale = "fr", timeZone?: string): string {
  const { date, dayOnly } = toDate(value);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: dayOnly ? "UTC" : timeZone,
  }).format(date);
}

/** `14:30`, on a 24-hour clock in both languages. */
export function formatTime(value: DateInput, locale: AppLocale = "fr", timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(toDate(value).date);
}

/** `23/11/2026 14:30`. */
export function formatDateTime(value: DateInput, locale: AppLocale = "fr", timeZone?: string): string {
  return `${formatDate(value, locale, timeZone)} ${formatTime(value, locale, timeZone)}`;
}

/** Whether two instants fall on the same calendar day in `timeZone`. */
export function isSameDay(a: DateInput, b: DateInput, timeZone?: string): boolean {
  return formatDate(toDate(a).date, "fr", timeZone) === formatDate(toDate(b).date, "fr", timeZone);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** `il y a 3 heures`, `dans 2 jours`, `à l'instant` / `3 hours ago`, `in 2 days`, `just now`. */
export function formatRelative(value: DateInput, locale: AppLocale = "fr", now: Date = new Date()): string {
  const seconds = Math.round((toDate(value).date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return locale === "fr" ? "à l’instant" : "just now";
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (abs >= size * 0.9 || unit === "minute") {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(Math.round(seconds / 60), "minute");
}

/** The number of whole days from today to a calendar day (negative when past). */
export function daysUntil(day: string, now: Date = new Date()): number {
  const { date } = toDate(day);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate(), 12);
  return Math.round((date.getTime() - today) / 86_400_000);
}

const FILE_UNITS: Record<AppLocale, string[]> = { fr: ["o", "Ko", "Mo", "Go"], en: ["B", "KB", "MB", "GB"] };

/**
 * A file's size as people read it: `512 o`, `340 Ko`, `2,4 Mo`, `62 Mo` (1 Mo = 1024 Ko, the
 * unit of the upload limit). One decimal under 10, none above.
 */
export function formatFileSize(bytes: number, locale: AppLocale = "fr"): string {
  const units = FILE_UNITS[locale] ?? FILE_UNITS.fr;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = unit === 0 || value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  // 1023.6 Ko rounds to 1024: say 1 Mo instead.
  if (rounded >= 1024 && unit < units.length - 1) return `1${NBSP}${units[unit + 1]}`;
  return `${formatNumber(rounded, locale)}${NBSP}${units[unit]}`;
}
