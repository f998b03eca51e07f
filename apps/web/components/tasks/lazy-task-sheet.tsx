"use client";

import dynamic from "next/dynamic";
import type { Task } from "@/lib/api/types";

// The sheet (dialog, comment form, validation) loads on the first tap on a task, not with the page.
const TaskSheet = dynamic(() => import("./task-sheet").then((m) => m.TaskSheet), { ssr: false });

export function LazyTaskSheet({ task, onClose }: { task: Task | null; onClose: () => void }) {
  return task ? <TaskSheet task={task} onClose={onClose} /> : null;
}
