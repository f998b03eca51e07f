import { describe, expect, it } from "vitest";
import { afterOf, boardAfterMove, hiddenCount, initials, isNoOp, isOverdue, whatsappLink, type Board, type Prospect } from "./pipeline";

const card = (id: string, stage: string, value = 1_000_000, probability = 10): Prospect =>
  ({ id, company: id, contact_name: "", source: "website", estimated_value: value, probability, weighted_value: (value * probability) / 100, tags: [], notes: "", stage_id: stage, stage_name: stage, stage_kind: "open", created_at: "", updated_at: "" }) as Prospect;

const stage = (id: string, probability: number, cards: Prospect[]) => ({
  stage: { id, name: id, kind: "open" as const, position: 0, probability, count: cards.length, value: cards.reduce((s, c) => s + c.estimated_value, 0), weighted_value: cards.reduce((s, c) => s + c.weighted_value, 0) },
  prospects: cards,
});

describe("afterOf", () => {
  const column = [card("a", "s"), card("b", "s"), card("c", "s")];
  it("drops at the top without `after`", () => {
    expect(afterOf({ prospect: card("x", "t"), column, index: 0 })).toBeUndefined();
  });
  it("lands after the card above it in another column", () => {
    expect(afterOf({ prospect: card("x", "t"), column, index: 2 })).toBe("b");
    expect(afterOf({ prospect: card("x", "t"), column, index: 9 })).toBe("c");
  });
  it("takes the place of the card it is dropped on within its column", () => {
    expect(afterOf({ prospect: column[0], column, index: 2 })).toBe("c");
    expect(afterOf({ prospect: column[2], column, index: 0 })).toBeUndefined();
    expect(afterOf({ prospect: column[2], column, index: 1 })).toBe("a");
  });
  it("knows a drop in place changes nothing", () => {
    expect(isNoOp({ prospect: column[1], stageId: "s", column, index: 1 }, "s")).toBe(true);
    expect(isNoOp({ prospect: column[1], stageId: "s", column, index: 2 }, "s")).toBe(false);
  });
});

describe("boardAfterMove", () => {
  const a = card("a", "s1", 2_000_000, 10);
  const b = card("b", "s1", 1_000_000, 10);
  const c = card("c", "s2", 4_000_000, 25);
  const board: Board = { columns: [stage("s1", 10, [a, b]), stage("s2", 25, [c])] };

  it("moves the card and both columns' totals, with the stage's probability", () => {
    const next = boardAfterMove(board, a, "s2", "c");
    expect(next.columns[0].prospects.map((p) => p.id)).toEqual(["b"]);
    expect(next.columns[0].stage).toMatchObject({ count: 1, value: 1_000_000, weighted_value: 100_000 });
    expect(next.columns[1].prospects.map((p) => p.id)).toEqual(["c", "a"]);
    expect(next.columns[1].prospects[1]).toMatchObject({ stage_id: "s2", probability: 25, weighted_value: 500_000 });
    expect(next.columns[1].stage).toMatchObject({ count: 2, value: 6_000_000, weighted_value: 1_500_000 });
  });

  it("reorders within a column without touching totals", () => {
    const next = boardAfterMove(board, a, "s1", "b");
    expect(next.columns[0].prospects.map((p) => p.id)).toEqual(["b", "a"]);
    expect(next.columns[0].stage).toEqual(board.columns[0].stage);
  });
});

describe("hiddenCount", () => {
  const cards = Array.from({ length: 30 }, (_, i) => card(`p${i}`, "s1"));
  it("counts the prospects a column has beyond the cards it shows", () => {
    expect(hiddenCount({ ...stage("s1", 10, cards), stage: { ...stage("s1", 10, cards).stage, count: 32 } })).toBe(2);
    expect(hiddenCount(stage("s1", 10, cards))).toBe(0);
    expect(hiddenCount(stage("s1", 10, []))).toBe(0);
  });
  it("follows a move out of a full column", () => {
    const full = { ...stage("s1", 10, cards), stage: { ...stage("s1", 10, cards).stage, count: 31 } };
    const board: Board = { columns: [full, stage("s2", 25, [])] };
    const next = boardAfterMove(board, cards[0], "s2", undefined);
    expect(next.columns[0].prospects).toHaveLength(29);
    expect(hiddenCount(next.columns[0])).toBe(1);
    expect(hiddenCount(next.columns[1])).toBe(0);
  });
});

it("writes initials, overdue follow-ups and WhatsApp links", () => {
  expect(initials("Aya Kouassi")).toBe("AK");
  expect(initials("Admin")).toBe("AD");
  expect(initials(null)).toBe("");
  expect(isOverdue("2026-11-22", new Date(2026, 10, 23))).toBe(true);
  expect(isOverdue("2026-11-23", new Date(2026, 10, 23))).toBe(false);
  expect(isOverdue(null)).toBe(false);
  expect(whatsappLink("+225 07 00 00 00 01")).toBe("https://wa.me/2250700000001");
});
