/**
 * The pipeline board's arithmetic, apart from React: where a dropped card lands, the `after`
 * the API wants, and the board as it will be once the move is saved (cards and column totals),
 * shown at once and put back if the API refuses.
 */
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type Prospect = Schemas["ProspectDto"];
export type Board = Schemas["BoardDto"];
export type BoardColumn = Schemas["BoardColumnDto"];
export type Stage = Schemas["StageDto"];
export type StageKind = Schemas["StageKind"];
export type ProspectSource = Schemas["ProspectSource"];
export type ProspectActivity = Schemas["ProspectActivityDto"];

export const PROSPECT_SOURCES = ["website", "referral", "trade_show", "social_media", "phone_call", "email", "other"] as const satisfies readonly ProspectSource[];
export const ACTIVITY_KINDS = ["call", "meeting", "email", "note"] as const;
export type LoggedActivityKind = (typeof ACTIVITY_KINDS)[number];

/** A drop: the card, the stage it lands in, and its index there as shown (the card possibly still in it). */
export type ProspectDrop = { prospect: Prospect; stageId: string; column: Prospect[]; index: number };

/**
 * The card the moved one lands right after (`undefined`: the top), from where it was dropped in
 * the column as shown. Within its own column, dropping on another card takes that card's place.
 */
export function afterOf({ prospect, column, index }: Omit<ProspectDrop, "stageId">): string | undefined {
  // As dnd-kit's sortable shows it: the card ends at `index` of the column without it.
  const others = column.filter((p) => p.id !== prospect.id);
  const clamped = Math.min(Math.max(index, 0), others.length);
  return clamped > 0 ? others[clamped - 1].id : undefined;
}

/** Whether a drop changes nothing (same column, same place). */
export function isNoOp(drop: ProspectDrop, currentStageId: string): boolean {
  if (drop.stageId !== currentStageId) return false;
  const from = drop.column.findIndex((p) => p.id === drop.prospect.id);
  const before = from > 0 ? drop.column[from - 1].id : undefined;
  return afterOf(drop) === before;
}

export function weighted(value: number, probability: number): number {
  return Math.round((value * probability) / 100);
}

/**
 * The board after `prospect` moved to `stageId`, right after `after` (none: the top): the card
 * takes the stage's probability and kind, and both columns' count, value and weighted value follow.
 */
export function boardAfterMove(board: Board, prospect: Prospect, stageId: string, after: string | undefined): Board {
  const target = board.columns.find((c) => c.stage.id === stageId)?.stage;
  if (!target) return board;
  const changesStage = prospect.stage_id !== stageId;
  const probability = changesStage ? target.probability : prospect.probability;
  const moved: Prospect = {
    ...prospect,
    stage_id: stageId,
    stage_name: target.name,
    stage_kind: target.kind,
    probability,
    weighted_value: weighted(prospect.estimated_value, probability),
  };
  return {
    columns: board.columns.map((column) => {
      const had = column.prospects.some((p) => p.id === prospect.id) || column.stage.id === prospect.stage_id;
      let prospects = column.prospects.filter((p) => p.id !== prospect.id);
      let stage = column.stage;
      if (changesStage && column.stage.id === prospect.stage_id && had) {
        stage = {
          ...stage,
          count: Math.max(0, stage.count - 1),
          value: stage.value - prospect.estimated_value,
          weighted_value: stage.weighted_value - prospect.weighted_value,
        };
      }
      if (column.stage.id === stageId) {
        const at = after ? prospects.findIndex((p) => p.id === after) + 1 : 0;
        prospects = [...prospects.slice(0, at), moved, ...prospects.slice(at)];
        if (changesStage) {
          stage = {
            ...stage,
            count: stage.count + 1,
            value: stage.value + moved.estimated_value,
            weighted_value: stage.weighted_value + moved.weighted_value,
          };
        }
      }
      return { stage, prospects };
    }),
  };
}

/**
 * How many of a column's prospects the board does not show (it shows the first 30): the ones
 * « Voir les N autres » opens in the list. A move out of a full column keeps the count right.
 */
export function hiddenCount(column: BoardColumn): number {
  return Math.max(0, column.stage.count - column.prospects.length);
}

/** `Aya Kouassi` → `AK`; a single name gives its first two letters. */
export function initials(name: string | null | undefined): string {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "";
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase();
  return (words[0][0] + words[words.length - 1][0]).toUpperCase();
}

/** Today as `YYYY-MM-DD` in the browser's zone. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A follow-up before today is late (today's is due, not late). */
export function isOverdue(day: string | null | undefined, now: Date = new Date()): boolean {
  return Boolean(day) && day! < today(now);
}

/** `https://wa.me/2250700000000` from `+225 07 00 00 00 00`. */
export function whatsappLink(number: string): string {
  return `https://wa.me/${number.replace(/\D/g, "")}`;
}
