import type { Holiday, OpenHours } from "./queries";

/** Time zones offered first; any other IANA name may be typed (the API checks it). */
export const TIME_ZONES = [
  { zone: "Africa/Abidjan", key: "abidjan" },
  { zone: "Africa/Dakar", key: "dakar" },
  { zone: "Africa/Lagos", key: "lagos" },
  { zone: "Africa/Douala", key: "douala" },
  { zone: "Africa/Casablanca", key: "casablanca" },
  { zone: "Europe/Paris", key: "paris" },
  { zone: "UTC", key: "utc" },
] as const;

/** `HH:MM` choices every half hour; `24:00` ends a day at midnight (closing times only). */
export function timeChoices(kind: "open" | "close"): string[] {
  const times: string[] = [];
  for (let minutes = kind === "open" ? 0 : 30; minutes <= (kind === "open" ? 23 * 60 + 30 : 24 * 60); minutes += 30) {
    times.push(`${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`);
  }
  return times;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function minutesOfDay(time: string): number | null {
  if (!TIME.test(time)) return null;
  const [hours, minutes] = time.split(":").map(Number);
  return hours * 60 + minutes;
}

/** Index (Monday 0) of the first open day that closes before it opens, or -1. */
export function firstInvalidDay(week: (OpenHours | null)[]): number {
  return week.findIndex((day) => {
    if (!day) return false;
    const open = minutesOfDay(day.open);
    const close = minutesOfDay(day.close);
    return open === null || close === null || day.open === "24:00" || close <= open;
  });
}

/** The fixed public holidays of Côte d'Ivoire (the religious ones move and are added by hand). */
export const IVORIAN_FIXED_HOLIDAYS = [
  { month: 1, day: 1, key: "newYear" },
  { month: 5, day: 1, key: "labour" },
  { month: 8, day: 7, key: "independence" },
  { month: 8, day: 15, key: "assumption" },
  { month: 11, day: 1, key: "allSaints" },
  { month: 11, day: 15, key: "peace" },
  { month: 12, day: 25, key: "christmas" },
] as const;
export type IvorianHolidayKey = (typeof IVORIAN_FIXED_HOLIDAYS)[number]["key"];

/** The fixed holidays of `year` not in `existing` yet (by day), named by `name`. */
export function missingIvorianHolidays(year: number, existing: Holiday[], name: (key: IvorianHolidayKey) => string): Holiday[] {
  const taken = new Set(existing.map((holiday) => holiday.day));
  return IVORIAN_FIXED_HOLIDAYS.map((holiday) => ({
    day: `${year}-${String(holiday.month).padStart(2, "0")}-${String(holiday.day).padStart(2, "0")}`,
    name: name(holiday.key),
  })).filter((holiday) => !taken.has(holiday.day));
}
