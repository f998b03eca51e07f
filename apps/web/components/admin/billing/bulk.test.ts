import { describe, expect, it } from "vitest";
import { batches, eligibleIds, failureOf, isBulkEligible, summarize, visibleSelection } from "./bulk";

const rows = [
  { id: "a", status: "draft" as const },
  { id: "b", status: "sent" as const },
  { id: "c", status: "partially_paid" as const },
  { id: "d", status: "paid" as const },
  { id: "e", status: "draft" as const },
];

describe("bulk actions on invoices", () => {
  it("sends drafts and reminds unpaid invoices only", () => {
    expect(isBulkEligible("send", { status: "draft" })).toBe(true);
    expect(isBulkEligible("send", { status: "sent" })).toBe(false);
    for (const status of ["sent", "partially_paid"] as const) expect(isBulkEligible("remind", { status })).toBe(true);
    for (const status of ["draft", "paid", "cancelled", "credited"] as const) expect(isBulkEligible("remind", { status })).toBe(false);
  });

  it("keeps the selected rows the action applies to, in the list's order", () => {
    const selected = new Set(["e", "d", "b", "a"]);
    expect(eligibleIds("send", rows, selected)).toEqual(["a", "e"]);
    expect(eligibleIds("remind", rows, selected)).toEqual(["b"]);
    expect(eligibleIds("remind", rows, new Set())).toEqual([]);
  });

  it("cuts the ids in batches", () => {
    expect(batches([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(batches([], 3)).toEqual([]);
  });

  it("sorts the answers into done and failed, with a reason the dialog knows", () => {
    const summary = summarize([
      { id: "a", ok: true, code: null, detail: null },
      { id: "b", ok: false, code: "recently_reminded", detail: "Relancée il y a moins d'une heure." },
      { id: "c", ok: false, code: "something_new", detail: "?" },
    ]);
    expect(summary.done).toEqual(["a"]);
    expect(summary.failed).toEqual([
      { id: "b", reason: "recently_reminded", detail: "Relancée il y a moins d'une heure." },
      { id: "c", reason: "other", detail: "?" },
    ]);
    expect(failureOf("not_found")).toBe("not_found");
    expect(failureOf(null)).toBe("other");
  });

  it("forgets the selected rows that left the screen", () => {
    expect([...visibleSelection(new Set(["a", "z"]), rows)]).toEqual(["a"]);
  });
});
