import type { Me, Task } from "./api/types";

/**
 * Client users may move only the tasks assigned to them (the API enforces it: this only decides
 * which cards are draggable). Viewers are refused by the API and the move is rolled back.
 */
export function canMoveTask(task: Pick<Task, "assigned_to">, me: Pick<Me, "id" | "role"> | undefined): boolean {
  if (!me) return false;
  return me.role === "admin" || task.assigned_to === me.id;
}
