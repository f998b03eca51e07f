/**
 * The team's load: open tasks (not done), late ones (open and past due) and those due this week,
 * per person. Same shape as `GET /api/admin/workload/`.
 */
import type { Task } from "@/lib/api/types";
import { nextMonday } from "./board-state";

export type WorkloadRow = { user_id: string; name: string; open_tasks: number; late_tasks: number; due_this_week: number };
export type Workload = { results: WorkloadRow[]; unassigned_open: number };

/**
 * Counted from tasks at hand, for everyone in `staff` (those without tasks count 0), busiest
 * first. API: replaced by `GET /api/admin/workload/` once it exists.
 */
export function workloadFrom(tasks: Task[], staff: { id: string; name: string }[], today: string): Workload {
  const rows = new Map<string, WorkloadRow>(
    staff.map((member) => [member.id, { user_id: member.id, name: member.name, open_tasks: 0, late_tasks: 0, due_this_week: 0 }]),
  );
  const weekEnd = nextMonday(today);
  let unassigned = 0;
  for (const task of tasks) {
    if (task.status === "done") continue;
    if (!task.assigned_to) {
      unassigned += 1;
      continue;
    }
    let row = rows.get(task.assigned_to);
    if (!row) {
      row = { user_id: task.assigned_to, name: task.assignee_name ?? "—", open_tasks: 0, late_tasks: 0, due_this_week: 0 };
      rows.set(task.assigned_to, row);
    }
    row.open_tasks += 1;
    if (task.due_date && task.due_date < today) row.late_tasks += 1;
    else if (task.due_date && task.due_date < weekEnd) row.due_this_week += 1;
  }
  const results = [...rows.values()].sort((a, b) => b.open_tasks - a.open_tasks || a.name.localeCompare(b.name));
  return { results, unassigned_open: unassigned };
}
