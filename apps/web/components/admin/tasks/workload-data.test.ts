import { expect, it } from "vitest";
import type { Task } from "@/lib/api/types";
import { workloadFrom } from "./workload-data";

const task = (id: string, over: Partial<Task>): Task => ({
  id,
  project_id: "p",
  project_name: "P",
  client_id: "c",
  title: id,
  description: "",
  status: "todo",
  priority: "normal",
  position: 0,
  created_at: "2026-11-01T00:00:00Z",
  updated_at: "2026-11-01T00:00:00Z",
  ...over,
});

it("counts open, late and this week's tasks per person, busiest first", () => {
  const today = "2026-11-25";
  const staff = [
    { id: "u1", name: "Awa" },
    { id: "u2", name: "Koffi" },
    { id: "u3", name: "Zoé" },
  ];
  const tasks = [
    task("a", { assigned_to: "u2", due_date: "2026-11-20" }),
    task("b", { assigned_to: "u2", due_date: "2026-11-27" }),
    task("c", { assigned_to: "u2", status: "done", due_date: "2026-11-01" }),
    task("d", { assigned_to: "u1", due_date: "2026-12-10" }),
    task("e", {}),
    task("f", { assigned_to: "gone", assignee_name: "Ancien" }),
  ];
  const load = workloadFrom(tasks, staff, today);
  expect(load.unassigned_open).toBe(1);
  expect(load.results.map((r) => [r.name, r.open_tasks, r.late_tasks, r.due_this_week])).toEqual([
    ["Koffi", 2, 1, 1],
    ["Ancien", 1, 0, 0],
    ["Awa", 1, 0, 0],
    ["Zoé", 0, 0, 0],
  ]);
});
