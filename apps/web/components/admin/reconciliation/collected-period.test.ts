import { describe, expect, it } from "vitest";
import { collectedHref, operatorPaymentsHref, parseCollectedPeriod, presetRange, share, shownShare } from "./collected-period";

const today = "2026-03-15";

describe("presetRange", () => {
  it("computes each preset on Abidjan's calendar", () => {
    expect(presetRange("this_month", today)).toEqual({ from: "2026-03-01", to: "2026-03-15" });
    expect(presetRange("last_month", today)).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(presetRange("last_30_days", today)).toEqual({ from: "2026-02-14", to: "2026-03-15" });
    expect(presetRange("this_year", today)).toEqual({ from: "2026-01-01", to: "2026-03-15" });
  });

  it("goes back a year from January, and knows leap years", () => {
    expect(presetRange("last_month", "2026-01-10")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(presetRange("last_month", "2024-03-31")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
  });
});

describe("parseCollectedPeriod", () => {
  it("is this month by default, or for an unknown key", () => {
    expect(parseCollectedPeriod({}, today)).toEqual({ period: { key: "this_month", from: "2026-03-01", to: "2026-03-15" }, invalid: false });
    expect(parseCollectedPeriod({ period: "decade" }, today).period.key).toBe("this_month");
  });

  it("reads a preset", () => {
    expect(parseCollectedPeriod({ period: "last_30_days" }, today)).toEqual({ period: { key: "last_30_days", from: "2026-02-14", to: "2026-03-15" }, invalid: false });
  });

  it("reads a custom period the API accepts, with or without its key", () => {
    const custom = { key: "custom", from: "2026-01-01", to: "2026-01-31" };
    expect(parseCollectedPeriod({ period: "custom", from: "2026-01-01", to: "2026-01-31" }, today)).toEqual({ period: custom, invalid: false });
    expect(parseCollectedPeriod({ from: ["2026-01-01", "x"], to: "2026-01-31" }, today)).toEqual({ period: custom, invalid: false });
  });

  it("falls back to this month, saying so, for a period the API would refuse", () => {
    for (const params of [
      { period: "custom", from: "2026-01-31", to: "2026-01-01" },
      { period: "custom", from: "2026-02-30", to: "2026-03-01" },
      { period: "custom", from: "2024-01-01", to: "2025-01-01" },
      { period: "custom" },
    ]) {
      expect(parseCollectedPeriod(params, today)).toEqual({ period: { key: "this_month", from: "2026-03-01", to: "2026-03-15" }, invalid: true });
    }
  });
});

describe("collectedHref", () => {
  it("leaves this month as the bare path, and writes the rest", () => {
    expect(collectedHref({ key: "this_month" })).toBe("/admin/paiements/encaissements");
    expect(collectedHref({ key: "this_year" })).toBe("/admin/paiements/encaissements?period=this_year");
    expect(collectedHref({ key: "custom", from: "2026-01-01", to: "2026-01-31" })).toBe("/admin/paiements/encaissements?period=custom&from=2026-01-01&to=2026-01-31");
  });
});

describe("operatorPaymentsHref", () => {
  const range = { from: "2026-03-01", to: "2026-03-15" };
  it("filters the payments console on the operator's method, accepted, within the period", () => {
    expect(operatorPaymentsHref("orange_money", range)).toBe("/admin/paiements?status=accepted&method=OM&date_from=2026-03-01&date_to=2026-03-15");
    expect(operatorPaymentsHref("mobile_money_transfer", range)).toBe("/admin/paiements?status=accepted&method=mobile_money&date_from=2026-03-01&date_to=2026-03-15");
  });

  it("has no list for CinetPay's unnamed methods", () => {
    expect(operatorPaymentsHref("other_cinetpay", range)).toBeNull();
  });
});

describe("share", () => {
  it("is a part of the total between 0 and 1", () => {
    expect(share(25, 100)).toBe(0.25);
    expect(share(5, 0)).toBe(0);
    expect(share(150, 100)).toBe(1);
  });
});

describe("shownShare", () => {
  it("never shows a part that exists as 0 %", () => {
    expect(shownShare(5_000 / 1_327_900)).toEqual({ value: 0.01, below: true });
    expect(shownShare(0)).toEqual({ value: 0, below: false });
    expect(shownShare(0.43)).toEqual({ value: 0.43, below: false });
  });
});
