import type { Task, TaskStatus } from "./api/types";
import { TASK_STATUSES } from "./api/types";

/**
 * The staff's global board (every project at once) keeps its own order per status column
 * (`board_rank`, `ordering=board`); a move names the card it lands beside. Apart from
 * `kanban.ts` so that the client's board does not carry it.
 */

/**
 * A board whose columns come from the server already in order (the staff's global board, all
 * projects at once): the tasks grouped by status, each column in the order received.
 */
export function inServerOrder(tasks: Task[]): Record<TaskStatus, Task[]> {
  const columns = Object.fromEntries(TASK_STATUSES.map((s) => [s, [] as Task[]])) as Record<TaskStatus, Task[]>;
  for (const task of tasks) columns[task.status]?.push(task);
  return columns;
}

/** Where a card lands on the global board: just below `board_after`, or just above `board_before`. */
export type BoardNeighbours = { board_after?: string; board_before?: string };

/**
 * The neighbours of a card dropped at `displayIndex` of `column` (as shown, the moved card
 * possibly in it): the card just above it, or, dropped at the top, the card just below it.
 * Neither means an empty column: the API puts it at the end.
 */
export function boardNeighbours(column: Task[], moved: Task, displayIndex: number): BoardNeighbours {
  const others = column.filter((t) => t.id !== moved.id);
  const at = Math.min(Math.max(displayIndex, 0), others.length);
  if (at > 0) return { board_after: others[at - 1].id };
  return others.length ? { board_before: others[0].id } : {};
}

/**
 * One column's page after a global move, as the API will have it: the card leaves every column
 * and lands in `status` beside its neighbour (at the end when the neighbour is not on this page).
 */
export function placeInColumn(
  page: Task[],
  columnStatus: TaskStatus,
  moved: Task,
  status: TaskStatus,
  neighbours: BoardNeighbours,
): Task[] {
  const rest = page.filter((t) => t.id !== moved.id);
  if (columnStatus !== status) return rest;
  const card = { ...moved, status };
  const after = neighbours.board_after ? rest.findIndex((t) => t.id === neighbours.board_after) : -1;
  if (after >= 0) return [...rest.slice(0, after + 1), card, ...rest.slice(after + 1)];
  const before = neighbours.board_before ? rest.findIndex((t) => t.id === neighbours.board_before) : -1;
  if (before >= 0) return [...rest.slice(0, before), card, ...rest.slice(before)];
  return [...rest, card];
}
