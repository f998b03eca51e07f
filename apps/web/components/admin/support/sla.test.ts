import { describe, expect, it } from "vitest";
import { formatDuration, slaTimer, type TicketSla } from "./sla";

const now = new Date("2026-11-23T10:00:00Z");
const sla = (change: Partial<TicketSla> = {}): TicketSla => ({
  counting: "business_hours",
  pause_while_waiting: true,
  first_response: { due: "2026-11-23T14:30:00Z", state: "on_track" },
  resolution: { due: "2026-11-25T10:00:00Z", state: "on_track" },
  paused_since: null,
  ...change,
});

describe("slaTimer", () => {
  it("counts the first response down until NOURX answered", () => {
    expect(slaTimer(sla(), now)).toEqual({ kind: "left", clock: "first_response", due: "2026-11-23T14:30:00Z", minutes: 270, state: "on_track" });
  });

  it("moves on to the resolution once the first response is met", () => {
    const timer = slaTimer(sla({ first_response: { due: "2026-11-23T14:30:00Z", state: "met" }, resolution: { due: "2026-11-23T11:00:00Z", state: "at_risk" } }), now);
    expect(timer).toMatchObject({ kind: "left", clock: "resolution", minutes: 60, state: "at_risk" });
  });

  it("says how late a breached clock is", () => {
    expect(slaTimer(sla({ first_response: { due: "2026-11-23T08:45:00Z", state: "breached" } }), now)).toMatchObject({ kind: "late", clock: "first_response", minutes: 75 });
  });

  it("is paused while the clocks stand still", () => {
    expect(slaTimer(sla({ paused_since: "2026-11-22T09:00:00Z", resolution: { due: "2026-11-25T10:00:00Z", state: "paused" } }), now)).toEqual({ kind: "paused", since: "2026-11-22T09:00:00Z" });
  });

  it("moves on to the resolution once answered, even late (the first response stays breached but no longer runs)", () => {
    const answeredLate = sla({ first_response: { due: "2026-11-23T08:45:00Z", state: "breached" } });
    expect(slaTimer(answeredLate, now, { open: true, answered: true })).toMatchObject({ kind: "left", clock: "resolution", minutes: 2880 });
  });

  it("shows nothing for a resolved ticket, however late it was", () => {
    const resolvedLate = sla({ first_response: { due: "x", state: "met" }, resolution: { due: "2026-11-20T10:00:00Z", state: "breached" } });
    expect(slaTimer(resolvedLate, now, { open: false, answered: true })).toEqual({ kind: "none" });
  });

  it("has nothing to show once both clocks stopped", () => {
    expect(slaTimer(sla({ first_response: { due: "x", state: "met" }, resolution: { due: "x", state: "stopped" } }), now)).toEqual({ kind: "none" });
  });
});

describe("formatDuration", () => {
  it("writes minutes, hours and days", () => {
    expect(formatDuration(45)).toBe("45\u00a0min");
    expect(formatDuration(200)).toBe("3\u00a0h\u00a020");
    expect(formatDuration(180)).toBe("3\u00a0h");
    expect(formatDuration(2 * 1440 + 250, "fr")).toBe("2\u00a0j 4\u00a0h");
    expect(formatDuration(1440, "en")).toBe("1\u00a0d");
  });

  it("spells the minutes out after the hours in English", () => {
    expect(formatDuration(123, "en")).toBe("2\u00a0h 3\u00a0min");
    expect(formatDuration(180, "en")).toBe("3\u00a0h");
    expect(formatDuration(45, "en")).toBe("45\u00a0min");
    expect(formatDuration(2 * 1440 + 250, "en")).toBe("2\u00a0d 4\u00a0h");
  });
});
