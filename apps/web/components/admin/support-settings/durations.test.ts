import { describe, expect, it } from "vitest";
import { durationFromMinutes, minutesFromDuration, shortDuration } from "./durations";

describe("durationFromMinutes", () => {
  it("uses the largest unit that writes the target exactly", () => {
    expect(durationFromMinutes(1440)).toEqual({ amount: "1", unit: "days" });
    expect(durationFromMinutes(4320)).toEqual({ amount: "3", unit: "days" });
    expect(durationFromMinutes(240)).toEqual({ amount: "4", unit: "hours" });
    expect(durationFromMinutes(90)).toEqual({ amount: "90", unit: "minutes" });
    expect(durationFromMinutes(0)).toEqual({ amount: "0", unit: "minutes" });
  });
});

describe("minutesFromDuration", () => {
  it("converts each unit to minutes", () => {
    expect(minutesFromDuration({ amount: "2", unit: "days" })).toBe(2880);
    expect(minutesFromDuration({ amount: "4", unit: "hours" })).toBe(240);
    expect(minutesFromDuration({ amount: "45", unit: "minutes" })).toBe(45);
  });

  it("reads a decimal comma or point", () => {
    expect(minutesFromDuration({ amount: "1,5", unit: "hours" })).toBe(90);
    expect(minutesFromDuration({ amount: "0.5", unit: "days" })).toBe(720);
    expect(minutesFromDuration({ amount: "0,1", unit: "hours" })).toBe(6);
  });

  it("refuses what is not a positive whole number of minutes", () => {
    expect(minutesFromDuration({ amount: "", unit: "hours" })).toBeNull();
    expect(minutesFromDuration({ amount: "0", unit: "hours" })).toBeNull();
    expect(minutesFromDuration({ amount: "-2", unit: "hours" })).toBeNull();
    expect(minutesFromDuration({ amount: "abc", unit: "hours" })).toBeNull();
    expect(minutesFromDuration({ amount: "1,5", unit: "minutes" })).toBeNull();
    expect(minutesFromDuration({ amount: "0,01", unit: "hours" })).toBeNull();
  });

  it("round-trips what durationFromMinutes writes", () => {
    for (const minutes of [1, 30, 60, 90, 240, 480, 1440, 2880, 10080]) {
      expect(minutesFromDuration(durationFromMinutes(minutes))).toBe(minutes);
    }
  });
});

describe("shortDuration", () => {
  const labels = { day: "j", hour: "h", minute: "min" };
  it("reads as people write it", () => {
    expect(shortDuration(45, labels)).toBe("45 min");
    expect(shortDuration(240, labels)).toBe("4 h");
    expect(shortDuration(90, labels)).toBe("1 h 30");
    expect(shortDuration(2880, labels)).toBe("2 j");
    expect(shortDuration(1500, labels)).toBe("25 h");
  });
});

describe("describeVariable", () => {
  it("keeps the reader's half of « français · English »", async () => {
    const { describeVariable } = await import("./variables");
    expect(describeVariable("Le nom du client · the client's name", "fr")).toBe("Le nom du client");
    expect(describeVariable("Le nom du client · the client's name", "en")).toBe("the client's name");
    expect(describeVariable("Sans traduction", "en")).toBe("Sans traduction");
  });
});
