import { describe, expect, it } from "vitest";
import type { Alert } from "./api";
import { durationParts, sortAlerts } from "./figures";

const alert = (title: string, severity: Alert["severity"]): Alert => ({
  kind: "invoice_overdue",
  severity,
  entity: "invoice",
  entity_id: title,
  title,
  detail: null,
  client_id: null,
  since: "2026-11-01T00:00:00Z",
  href: `/admin/${title}`,
});

describe("sortAlerts", () => {
  it("puts critical alerts first and keeps the API's order otherwise", () => {
    const sorted = sortAlerts([alert("w1", "warning"), alert("c1", "critical"), alert("w2", "warning"), alert("c2", "critical")]);
    expect(sorted.map((a) => a.title)).toEqual(["c1", "c2", "w1", "w2"]);
  });
});

describe("durationParts", () => {
  it("splits minutes into hours and minutes", () => {
    expect(durationParts(47)).toEqual({ hours: 0, minutes: 47 });
    expect(durationParts(192)).toEqual({ hours: 3, minutes: 12 });
    expect(durationParts(59.6)).toEqual({ hours: 1, minutes: 0 });
  });
});
