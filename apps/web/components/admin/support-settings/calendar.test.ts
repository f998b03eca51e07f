import { describe, expect, it } from "vitest";
import { firstInvalidDay, minutesOfDay, missingIvorianHolidays, timeChoices } from "./calendar";

describe("timeChoices", () => {
  it("opens from midnight and closes until midnight, every half hour", () => {
    const open = timeChoices("open");
    const close = timeChoices("close");
    expect(open[0]).toBe("00:00");
    expect(open.at(-1)).toBe("23:30");
    expect(open).toHaveLength(48);
    expect(close[0]).toBe("00:30");
    expect(close.at(-1)).toBe("24:00");
    expect(close).toContain("18:00");
  });
});

describe("firstInvalidDay", () => {
  it("finds a day that closes before it opens", () => {
    expect(firstInvalidDay([{ open: "08:00", close: "18:00" }, null, { open: "00:00", close: "24:00" }])).toBe(-1);
    expect(firstInvalidDay([{ open: "08:00", close: "18:00" }, { open: "18:00", close: "08:00" }])).toBe(1);
    expect(firstInvalidDay([{ open: "08:00", close: "08:00" }])).toBe(0);
    expect(firstInvalidDay([{ open: "24:00", close: "24:00" }])).toBe(0);
  });

  it("reads HH:MM and midnight's 24:00", () => {
    expect(minutesOfDay("08:30")).toBe(510);
    expect(minutesOfDay("24:00")).toBe(1440);
    expect(minutesOfDay("24:30")).toBeNull();
    expect(minutesOfDay("8:30")).toBeNull();
  });
});

describe("missingIvorianHolidays", () => {
  it("lists the seven fixed holidays of the year, minus those already there", () => {
    const all = missingIvorianHolidays(2027, [], (key) => key);
    expect(all.map((h) => h.day)).toEqual(["2027-01-01", "2027-05-01", "2027-08-07", "2027-08-15", "2027-11-01", "2027-11-15", "2027-12-25"]);
    const some = missingIvorianHolidays(2027, [{ day: "2027-12-25", name: "Noël" }, { day: "2026-01-01", name: "Jour de l'an" }], (key) => key);
    expect(some).toHaveLength(6);
    expect(some.map((h) => h.day)).not.toContain("2027-12-25");
    expect(some[0]).toEqual({ day: "2027-01-01", name: "newYear" });
  });
});
