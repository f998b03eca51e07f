import type { Task, TaskStatus } from "./api/types";
import { TASK_STATUSES } from "./api/types";

/**
 * The API keeps a `position` per (project, status) column, from 0. A board may show several
 * projects at once, so these helpers always count within the moved task's own project.
 */

export function byColumn(tasks: Task[]): Record<TaskStatus, Task[]> {
  const columns = Object.fromEntries(TASK_STATUSES.map((s) => [s, [] as Task[]])) as Record<TaskStatus, Task[]>;
  for (const task of tasks) columns[task.status]?.push(task);
  for (const status of TASK_STATUSES) {
    columns[status].sort((a, b) => a.position - b.position || a.project_name.localeCompare(b.project_name));
  }
  return columns;
}

/**
 * The API position for a card dropped at `displayIndex` of the column `column` (the column as
 * shown, without the moved card): the number of cards of the same project shown before it.
 */
export function dropPosition(column: Task[], moved: Task, displayIndex: number): number {
  return column
    .filter((t) => t.id !== moved.id)
    .slice(0, Math.max(0, displayIndex))
    .filter((t) => t.project_id === moved.project_id).length;
}

/** The tasks after the move the API will make: columns renumbered 0..n-1 on both sides. */
export function applyMove(tasks: Task[], id: string, status: TaskStatus, position?: number): Task[] {
  const moved = tasks.find((t) => t.id === id);
  if (!moved) return tasks;
  const sameColumn = (t: Task, s: TaskStatus) => t.project_id === moved.project_id && t.status === s && t.id !== id;
  const source = tasks.filter((t) => sameColumn(t, moved.status)).sort((a, b) => a.position - b.position);
  const target =
    status === moved.status ? source : tasks.filter((t) => sameColumn(t, status)).sort((a, b) => a.position - b.position);
  const at = Math.min(Math.max(position ?? target.length, 0), target.length);
  const newTarget = [...target.slice(0, at), { ...moved, status }, ...target.slice(at)];
  const places = new Map<string, { status: TaskStatus; position: number }>();
  source.forEach((t, i) => places.set(t.id, { status: moved.status, position: i }));
  newTarget.forEach((t, i) => places.set(t.id, { status, position: i }));
  return tasks.map((t) => {
    const place = places.get(t.id);
    if (!place || (place.status === t.status && place.position === t.position)) return t;
    return { ...t, ...place };
  });
}
