import { describe, expect, it } from "vitest";
import type { SearchResult } from "./api";
import { groupResults, isPaletteShortcut, paletteKey } from "./palette-keys";

const hit = (kind: SearchResult["kind"], title: string): SearchResult => ({ kind, id: title, title, href: `/admin/${title}` });

describe("groupResults", () => {
  it("groups by kind in a fixed order and numbers the results as shown", () => {
    const groups = groupResults([hit("invoice", "FA-1"), hit("client", "Awa"), hit("invoice", "FA-2"), hit("payment", "TX-9")]);
    expect(groups.map((g) => g.kind)).toEqual(["client", "invoice", "payment"]);
    expect(groups.flatMap((g) => g.items.map((i) => [i.title, i.index]))).toEqual([
      ["Awa", 0],
      ["FA-1", 1],
      ["FA-2", 2],
      ["TX-9", 3],
    ]);
  });

  it("is empty without results", () => {
    expect(groupResults([])).toEqual([]);
  });
});

describe("paletteKey", () => {
  it("moves down and up, wrapping around", () => {
    expect(paletteKey("ArrowDown", 0, 3)).toEqual({ type: "move", index: 1 });
    expect(paletteKey("ArrowDown", 2, 3)).toEqual({ type: "move", index: 0 });
    expect(paletteKey("ArrowUp", 0, 3)).toEqual({ type: "move", index: 2 });
    expect(paletteKey("ArrowUp", 2, 3)).toEqual({ type: "move", index: 1 });
    expect(paletteKey("ArrowDown", -1, 3)).toEqual({ type: "move", index: 0 });
  });

  it("jumps to the ends with Ctrl+Home/End only (Home alone moves the caret)", () => {
    expect(paletteKey("Home", 2, 3, true)).toEqual({ type: "move", index: 0 });
    expect(paletteKey("End", 0, 3, true)).toEqual({ type: "move", index: 2 });
    expect(paletteKey("Home", 2, 3)).toBeNull();
  });

  it("opens the active result on Enter", () => {
    expect(paletteKey("Enter", 1, 3)).toEqual({ type: "open", index: 1 });
    expect(paletteKey("Enter", -1, 3)).toBeNull();
  });

  it("does nothing without results or for other keys", () => {
    expect(paletteKey("ArrowDown", 0, 0)).toBeNull();
    expect(paletteKey("Enter", 0, 0)).toBeNull();
    expect(paletteKey("a", 0, 3)).toBeNull();
  });
});

describe("isPaletteShortcut", () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  it("is Ctrl-K or ⌘-K, in either case", () => {
    expect(isPaletteShortcut(key("k", { ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(key("K", { metaKey: true }))).toBe(true);
  });
  it("is not K alone nor with other modifiers", () => {
    expect(isPaletteShortcut(key("k"))).toBe(false);
    expect(isPaletteShortcut(key("k", { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteShortcut(key("j", { ctrlKey: true }))).toBe(false);
  });
});
