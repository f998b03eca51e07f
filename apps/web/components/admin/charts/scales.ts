import { scaleBand, scaleLinear } from "d3-scale";
import type { AppLocale } from "@/lib/format";

/**
 * Scales for the dashboard's charts, drawn on the server (d3-scale/d3-shape never reach the
 * browser: only Server Components import this folder).
 */

/** A linear scale from 0 to a round number above `max`, with its round ticks (0 included). */
export function amountScale(max: number, range: [number, number], tickCount = 4) {
  const scale = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice(tickCount)
    .range(range);
  return { scale, ticks: scale.ticks(tickCount) };
}

/** Evenly spaced bands for categories (months, buckets, operators). */
export function bands(keys: string[], range: [number, number], padding = 0.25) {
  return scaleBand<string>().domain(keys).range(range).paddingInner(padding).paddingOuter(padding / 2);
}

const INTL: Record<AppLocale, string> = { fr: "fr-FR", en: "en-GB" };

/** An axis label: `1,5 M`, `250 k` / `1.5m`, `250k` (the tables beside give exact amounts). */
export function compactAmount(value: number, locale: AppLocale = "fr"): string {
  return new Intl.NumberFormat(INTL[locale], { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/** `2026-03` → `mars` / `Mar` (with the year, `mars 2026` / `Mar 2026`). */
export function monthLabel(month: string, locale: AppLocale = "fr", withYear = false): string {
  const [year, index] = month.split("-").map(Number);
  const date = new Date(Date.UTC(year, index - 1, 15));
  return new Intl.DateTimeFormat(INTL[locale], { month: withYear ? "long" : "short", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" }).format(date);
}

/** A share as a percentage: `93 %` / `93%`. */
export function percent(value: number, locale: AppLocale = "fr"): string {
  return new Intl.NumberFormat(INTL[locale], { style: "percent", maximumFractionDigits: 0 }).format(value);
}
