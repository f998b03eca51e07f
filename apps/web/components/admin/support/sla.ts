/**
 * The SLA timer of a ticket as the inbox shows it: the clock that runs next (first response until
 * NOURX answered, then resolution), its time left or how late it is, or "en pause". Pure, tested.
 */
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type TicketSla = Schemas["TicketSlaDto"];
export type ClockState = Schemas["ClockState"];
export type ClockName = "first_response" | "resolution";

export type SlaTimer =
  | { kind: "paused"; since: string | null }
  | { kind: "left"; clock: ClockName; due: string; minutes: number; state: "on_track" | "at_risk" }
  | { kind: "late"; clock: ClockName; due: string; minutes: number }
  /** Both clocks met or stopped (resolved, closed). */
  | { kind: "none" };

const RUNNING: ReadonlySet<ClockState> = new Set(["on_track", "at_risk", "breached"]);

/** Where the ticket stands: a clock met late stays « breached », but it no longer runs. */
export type TicketProgress = { open: boolean; answered: boolean };

export function slaTimer(sla: TicketSla, now: Date = new Date(), progress: TicketProgress = { open: true, answered: false }): SlaTimer {
  if (!progress.open) return { kind: "none" };
  if (sla.paused_since || sla.first_response.state === "paused" || sla.resolution.state === "paused") {
    return { kind: "paused", since: sla.paused_since ?? null };
  }
  const firstResponseRuns = !progress.answered && RUNNING.has(sla.first_response.state);
  const clock: ClockName | null = firstResponseRuns ? "first_response" : RUNNING.has(sla.resolution.state) ? "resolution" : null;
  if (!clock) return { kind: "none" };
  const { due, state } = sla[clock];
  const minutes = Math.round((new Date(due).getTime() - now.getTime()) / 60_000);
  // The API's state wins over the browser's clock (it may be a little off).
  if (state === "breached" || minutes < 0) return { kind: "late", clock, due, minutes: Math.abs(minutes) };
  return { kind: "left", clock, due, minutes, state: state === "at_risk" ? "at_risk" : "on_track" };
}

/**
 * `45 min`, `3 h 20`, `2 j 4 h` (`3 h 20 min`, `2 d 4 h` in English, where « 3 h 20 » is no way
 * to write a duration): enough to decide what to answer first.
 */
export function formatDuration(minutes: number, locale: "fr" | "en" = "fr"): string {
  const total = Math.max(0, Math.round(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  if (days > 0) return hours ? `${days}\u00a0${locale === "fr" ? "j" : "d"} ${hours}\u00a0h` : `${days}\u00a0${locale === "fr" ? "j" : "d"}`;
  if (hours > 0 && mins && locale === "en") return `${hours}\u00a0h ${mins}\u00a0min`;
  if (hours > 0) return mins ? `${hours}\u00a0h\u00a0${String(mins).padStart(2, "0")}` : `${hours}\u00a0h`;
  return `${mins}\u00a0min`;
}

/** Badge tones by clock state. */
export const CLOCK_TONE: Record<ClockState, "success" | "warning" | "danger" | "neutral" | "info"> = {
  met: "success",
  on_track: "info",
  at_risk: "warning",
  breached: "danger",
  paused: "neutral",
  stopped: "neutral",
};
