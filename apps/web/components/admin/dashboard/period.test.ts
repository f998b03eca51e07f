import { describe, expect, it } from "vitest";
import { isIsoDate, kpiQuery, parsePeriod, periodHref } from "./period";

describe("parsePeriod", () => {
  it("defaults to this month", () => {
    expect(parsePeriod({})).toEqual({ period: { key: "this_month" }, invalid: false });
  });

  it("reads the presets", () => {
    for (const key of ["this_month", "last_month", "quarter", "year"] as const) {
      expect(parsePeriod({ period: key }).period).toEqual({ key });
    }
  });

  it("ignores an unknown key", () => {
    expect(parsePeriod({ period: "decade" })).toEqual({ period: { key: "this_month" }, invalid: false });
  });

  it("takes the first of repeated parameters", () => {
    expect(parsePeriod({ period: ["year", "quarter"] }).period).toEqual({ key: "year" });
  });

  it("reads a custom period, one day long included", () => {
    expect(parsePeriod({ period: "custom", from: "2026-01-15", to: "2026-03-31" }).period).toEqual({
      key: "custom",
      from: "2026-01-15",
      to: "2026-03-31",
    });
    expect(parsePeriod({ period: "custom", from: "2026-02-01", to: "2026-02-01" }).invalid).toBe(false);
  });

  it("refuses a custom period the API would refuse, and says so", () => {
    const refused = [
      { period: "custom" },
      { period: "custom", from: "2026-01-01" },
      { period: "custom", from: "2026-03-01", to: "2026-02-01" },
      { period: "custom", from: "2026-02-30", to: "2026-03-01" },
      { period: "custom", from: "01/02/2026", to: "2026-03-01" },
      { period: "custom", from: "2020-01-01", to: "2023-01-02" },
    ];
    for (const params of refused) {
      expect(parsePeriod(params), JSON.stringify(params)).toEqual({ period: { key: "this_month" }, invalid: true });
    }
  });

  it("allows exactly three years", () => {
    expect(parsePeriod({ period: "custom", from: "2020-01-01", to: "2023-01-01" }).invalid).toBe(false);
  });
});

describe("isIsoDate", () => {
  it("accepts real days only", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });
});

describe("kpiQuery and periodHref", () => {
  it("send from and to for a custom period only", () => {
    expect(kpiQuery({ key: "quarter" })).toEqual({ period: "quarter" });
    expect(kpiQuery({ key: "custom", from: "2026-01-01", to: "2026-01-31" })).toEqual({
      period: "custom",
      from: "2026-01-01",
      to: "2026-01-31",
    });
  });

  it("keep the default period out of the address", () => {
    expect(periodHref({ key: "this_month" })).toBe("/admin");
    expect(periodHref({ key: "year" })).toBe("/admin?period=year");
    expect(periodHref({ key: "custom", from: "2026-01-01", to: "2026-01-31" })).toBe(
      "/admin?period=custom&from=2026-01-01&to=2026-01-31",
    );
  });
});
