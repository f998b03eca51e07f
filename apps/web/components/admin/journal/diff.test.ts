import { describe, expect, it } from "vitest";
import { diffRows, diffValue, hasDiff, statusMessageKey } from "./diff";

describe("audit diff as a before/after table", () => {
  it("reads a change as before and after, by field name", () => {
    expect(diffRows({ status: ["active", "archived"], name: ["Awa", "Awa SARL"] })).toEqual([
      { field: "name", before: "Awa", after: "Awa SARL", kind: "changed" },
      { field: "status", before: "active", after: "archived", kind: "changed" },
    ]);
  });

  it("reads a creation's values as set, with no before", () => {
    expect(diffRows({ name: "Awa", partial_payments_allowed: false })).toEqual([
      { field: "name", before: null, after: "Awa", kind: "set" },
      { field: "partial_payments_allowed", before: null, after: "false", kind: "set" },
    ]);
  });

  it("shows null, numbers, booleans and objects as text", () => {
    expect(diffRows({ phone: [null, "+22507"], amount: [1000, 1500], tags: [[], ["vip"]] })).toEqual([
      { field: "amount", before: "1000", after: "1500", kind: "changed" },
      { field: "phone", before: null, after: "+22507", kind: "changed" },
      { field: "tags", before: "[]", after: '["vip"]', kind: "changed" },
    ]);
    expect(diffValue({ a: 1 })).toBe('{"a":1}');
    expect(diffValue(undefined)).toBeNull();
  });

  it("has nothing to expand for an empty or missing diff", () => {
    expect(diffRows({})).toEqual([]);
    expect(diffRows(null)).toEqual([]);
    expect(hasDiff({})).toBe(false);
    expect(hasDiff({ name: "Awa" })).toBe(true);
  });

  it("names the message of each entity's status codes, and nothing else", () => {
    expect(statusMessageKey("quote", "status", "accepted")).toBe("quotes.status.accepted");
    expect(statusMessageKey("payment", "invoice_status", "partially_paid")).toBe("invoices.status.partially_paid");
    expect(statusMessageKey("ticket", "status", "open")).toBe("support.statusShort.open");
    expect(statusMessageKey("quote", "title", "accepted")).toBeNull();
    expect(statusMessageKey("user", "status", "active")).toBeNull();
    expect(statusMessageKey("quote", "status", null)).toBeNull();
    expect(statusMessageKey("quote", "status", "a.b")).toBeNull();
  });
});
