import { describe, expect, it } from "vitest";

import {
  awaitingApproval,
  inProjectOrder,
  milestoneAnchor,
  milestoneBilling,
  milestoneIdFromHash,
  milestoneTasks,
} from "./milestones";

const ID = "0b6f3c9e-4a7d-4c1e-9a53-2f0d8e6b1a77";

describe("milestone anchors", () => {
  it("round-trips between an id and the address's fragment", () => {
    expect(milestoneAnchor(ID)).toBe(`jalon-${ID}`);
    expect(milestoneIdFromHash(`#jalon-${ID}`)).toBe(ID);
    expect(milestoneIdFromHash(`jalon-${ID}`)).toBe(ID);
  });

  it("ignores other fragments", () => {
    expect(milestoneIdFromHash("")).toBeNull();
    expect(milestoneIdFromHash("#documents-title")).toBeNull();
    expect(milestoneIdFromHash("#jalon-")).toBeNull();
    expect(milestoneIdFromHash('#jalon-1"><img>')).toBeNull();
  });
});

describe("milestoneBilling", () => {
  it("bills an amount, a share of the quote, or nothing", () => {
    expect(milestoneBilling({ amount: 250_000, quote_percent: null })).toEqual({ kind: "amount", amount: 250_000 });
    expect(milestoneBilling({ amount: null, quote_percent: 30 })).toEqual({ kind: "percent", percent: 30 });
    expect(milestoneBilling({ amount: null, quote_percent: 30, billed_amount: 300_000 })).toEqual({ kind: "amount", amount: 300_000 });
    expect(milestoneBilling({ amount: null, quote_percent: 30, billed_amount: null })).toEqual({ kind: "percent", percent: 30 });
    expect(milestoneBilling({ amount: null, quote_percent: null })).toEqual({ kind: "none" });
    expect(milestoneBilling({})).toEqual({ kind: "none" });
  });
});

describe("awaitingApproval", () => {
  it("keeps the milestones awaiting approval, the longest-waiting first", () => {
    const list = [
      { id: "a", status: "in_progress" as const, submitted_at: null, due_date: null },
      { id: "b", status: "awaiting_approval" as const, submitted_at: "2026-11-23T10:00:00Z", due_date: null },
      { id: "c", status: "awaiting_approval" as const, submitted_at: "2026-11-20T10:00:00Z", due_date: "2026-12-01" },
      { id: "d", status: "done" as const, submitted_at: "2026-11-01T10:00:00Z", due_date: null },
    ];
    expect(awaitingApproval(list).map((m) => m.id)).toEqual(["c", "b"]);
    expect(list.map((m) => m.id)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("milestoneTasks", () => {
  it("lists a milestone's tasks, done first, then in board order", () => {
    const tasks = [
      { id: "1", milestone_id: "m", status: "in_progress" as const, position: 0 },
      { id: "2", milestone_id: "other", status: "done" as const, position: 0 },
      { id: "3", milestone_id: "m", status: "done" as const, position: 2 },
      { id: "4", milestone_id: null, status: "done" as const, position: 0 },
      { id: "5", milestone_id: "m", status: "done" as const, position: 1 },
    ];
    expect(milestoneTasks(tasks, "m").map((t) => t.id)).toEqual(["5", "3", "1"]);
  });
});

describe("inProjectOrder", () => {
  it("follows the order NOURX set, then the due date", () => {
    const list = [
      { id: "late", position: 1, due_date: "2026-01-01" },
      { id: "b", position: 0, due_date: "2026-03-01" },
      { id: "a", position: 0, due_date: "2026-02-01" },
      { id: "undated", position: 0, due_date: null },
    ];
    expect(inProjectOrder(list).map((m) => m.id)).toEqual(["a", "b", "undated", "late"]);
  });
});
