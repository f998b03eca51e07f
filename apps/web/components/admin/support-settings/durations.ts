/**
 * SLA targets are minutes in the API; people think in minutes, hours or days. A target is shown
 * in the largest unit that writes it exactly (1 440 → 1 day, 90 → 90 min… or 1,5 h when typed so).
 */
export const DURATION_UNITS = ["minutes", "hours", "days"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** What a duration field holds: the number as typed and its unit. */
export type DurationInput = { amount: string; unit: DurationUnit };

/** The largest unit that divides `minutes` exactly. */
export function durationFromMinutes(minutes: number): DurationInput {
  const whole = Math.max(0, Math.round(minutes));
  const unit: DurationUnit = whole > 0 && whole % 1440 === 0 ? "days" : whole > 0 && whole % 60 === 0 ? "hours" : "minutes";
  return { amount: String(whole / MINUTES[unit]), unit };
}

/**
 * Minutes from what was typed: a decimal comma or point (`1,5` hours is 90), spaces ignored.
 * `null` when it is not a number above zero or not a whole number of minutes.
 */
export function minutesFromDuration({ amount, unit }: DurationInput): number | null {
  const text = amount.replace(/\s/g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const minutes = Number(text) * MINUTES[unit];
  const rounded = Math.round(minutes);
  // Float noise only (0,1 h = 6 min): 0,01 hour is not a whole minute.
  if (rounded <= 0 || Math.abs(minutes - rounded) > 1e-6) return null;
  return rounded;
}

/** `4 h`, `1 h 30`, `2 j`, `45 min` for a read-only cell (French and English read alike). */
export function shortDuration(minutes: number, labels: { day: string; hour: string; minute: string }): string {
  const whole = Math.max(0, Math.round(minutes));
  if (whole > 0 && whole % 1440 === 0) return `${whole / 1440} ${labels.day}`;
  if (whole < 60) return `${whole} ${labels.minute}`;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${hours} ${labels.hour}` : `${hours} ${labels.hour} ${String(rest).padStart(2, "0")}`;
}
