import type { components } from "@/lib/api/schema";

type Stage = Pick<components["schemas"]["StageDto"], "kind">;

/**
 * A stage's place among the open stages (1 being the first), as `PATCH { position }` takes it;
 * null for an outcome (won, lost), which does not move. The open stages come first in the list.
 */
export function openPosition(stage: Stage, index: number, openCount: number): number | null {
  if (stage.kind !== "open" || index >= openCount) return null;
  return index + 1;
}

/** A probability as typed: a whole number from 0 to 100 (« 40 », « 40 % »), or null. */
export function parseProbability(value: string): number | null {
  const match = /^\s*(\d{1,3})\s*%?\s*$/.exec(value);
  if (!match) return null;
  const number = Number(match[1]);
  return number <= 100 ? number : null;
}
