import { SEARCH_KINDS, type SearchKind, type SearchResult } from "./api";

/** A result with its place in the list as shown (groups one after the other). */
export type PlacedResult = SearchResult & { index: number };
export type ResultGroup = { kind: SearchKind; items: PlacedResult[] };

/**
 * The results grouped by kind in a fixed order (clients first, payments last), each group in
 * the API's order, numbered as the list shows them so the keyboard walks them top to bottom.
 */
export function groupResults(results: SearchResult[]): ResultGroup[] {
  let index = 0;
  const groups: ResultGroup[] = [];
  for (const kind of SEARCH_KINDS) {
    const items = results.filter((result) => result.kind === kind).map((result) => ({ ...result, index: index++ }));
    if (items.length) groups.push({ kind, items });
  }
  return groups;
}

export type PaletteAction = { type: "move"; index: number } | { type: "open"; index: number } | null;

/**
 * What a key does in the search box: the arrows move through the results (wrapping around),
 * Home/End with Ctrl jump to the ends, Enter opens the active one. Anything else is typing.
 */
export function paletteKey(key: string, active: number, count: number, ctrlKey = false): PaletteAction {
  if (count === 0) return null;
  switch (key) {
    case "ArrowDown":
      return { type: "move", index: active < 0 ? 0 : (active + 1) % count };
    case "ArrowUp":
      return { type: "move", index: active <= 0 ? count - 1 : active - 1 };
    case "Home":
      return ctrlKey ? { type: "move", index: 0 } : null;
    case "End":
      return ctrlKey ? { type: "move", index: count - 1 } : null;
    case "Enter":
      return active >= 0 && active < count ? { type: "open", index: active } : null;
    default:
      return null;
  }
}

/** Ctrl-K, or ⌘-K on a Mac: opens (or closes) the search from anywhere in the back-office. */
export function isPaletteShortcut(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k";
}
