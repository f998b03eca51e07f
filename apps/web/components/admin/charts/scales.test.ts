import { describe, expect, it } from "vitest";
import { amountScale, bands, compactAmount, monthLabel, percent } from "./scales";

describe("amountScale", () => {
  it("starts at zero and ends on a round number above the maximum", () => {
    const { scale, ticks } = amountScale(1_234_000, [200, 0]);
    const [low, high] = scale.domain();
    expect(low).toBe(0);
    expect(high).toBeGreaterThanOrEqual(1_234_000);
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBe(high);
    const steps = ticks.slice(1).map((tick, i) => tick - ticks[i]);
    expect(new Set(steps).size).toBe(1);
    expect(scale(0)).toBe(200);
    expect(scale(high)).toBe(0);
  });

  it("still draws an axis when everything is zero", () => {
    const { scale, ticks } = amountScale(0, [100, 0]);
    expect(scale(0)).toBe(100);
    expect(ticks.length).toBeGreaterThan(1);
  });
});

describe("bands", () => {
  it("gives each key the same width, in order", () => {
    const x = bands(["a", "b", "c"], [0, 300]);
    expect(x("a")!).toBeLessThan(x("b")!);
    expect(x("b")!).toBeLessThan(x("c")!);
    expect(x.bandwidth()).toBeGreaterThan(0);
    expect(x("c")! + x.bandwidth()).toBeLessThanOrEqual(300);
  });
});

describe("labels", () => {
  it("writes compact amounts in each language", () => {
    expect(compactAmount(1_500_000, "fr")).toMatch(/^1,5\s?M$/);
    expect(compactAmount(1_500_000, "en")).toMatch(/^1\.5[mM]$/);
    expect(compactAmount(0, "fr")).toBe("0");
  });

  it("names months", () => {
    expect(monthLabel("2026-03", "fr")).toBe("mars");
    expect(monthLabel("2026-03", "en")).toBe("Mar");
    expect(monthLabel("2026-12", "fr", true)).toBe("décembre 2026");
  });

  it("writes percentages", () => {
    expect(percent(0.93, "en")).toBe("93%");
    expect(percent(0.93, "fr")).toMatch(/^93\s%$/);
  });
});
