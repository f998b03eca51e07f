import { describe, expect, it } from "vitest";
import type { Task, TaskStatus } from "./api/types";
import { applyMove, byColumn, dropPosition } from "./kanban";

function task(id: string, status: TaskStatus, position: number, project = "p1"): Task {
  return {
    id,
    project_id: project,
    project_name: project,
    client_id: "c1",
    client_name: "Client",
    client_visible: true,
    board_rank: position,
    title: id,
    description: "",
    status,
    priority: "normal",
    position,
    created_at: "2026-11-23T10:00:00Z",
    updated_at: "2026-11-23T10:00:00Z",
  };
}

const place = (tasks: Task[]) =>
  Object.fromEntries(tasks.map((t) => [t.id, `${t.status}:${t.position}`]));

describe("applyMove", () => {
  const board = [task("a", "todo", 0), task("b", "todo", 1), task("c", "todo", 2), task("d", "in_progress", 0)];

  it("moves across columns and renumbers both", () => {
    expect(place(applyMove(board, "a", "in_progress", 1))).toEqual({
      a: "in_progress:1",
      b: "todo:0",
      c: "todo:1",
      d: "in_progress:0",
    });
  });

  it("reorders within a column", () => {
    expect(place(applyMove(board, "c", "todo", 0))).toEqual({ a: "todo:1", b: "todo:2", c: "todo:0", d: "in_progress:0" });
  });

  it("puts the card last without a position, or past the end", () => {
    expect(place(applyMove(board, "d", "todo"))["d"]).toBe("todo:3");
    expect(place(applyMove(board, "d", "todo", 99))["d"]).toBe("todo:3");
  });

  it("leaves other projects alone", () => {
    const mixed = [...board, task("x", "in_progress", 0, "p2")];
    expect(place(applyMove(mixed, "a", "in_progress", 0))["x"]).toBe("in_progress:0");
  });

  it("keeps unchanged objects identical", () => {
    const after = applyMove(board, "c", "todo", 2);
    expect(after[0]).toBe(board[0]);
  });
});

describe("dropPosition", () => {
  it("counts the cards of the same project above the drop", () => {
    const column = [task("a", "todo", 0), task("x", "todo", 0, "p2"), task("b", "todo", 1)];
    const moved = task("m", "review", 0);
    expect(dropPosition(column, moved, 0)).toBe(0);
    expect(dropPosition(column, moved, 2)).toBe(1);
    expect(dropPosition(column, moved, 3)).toBe(2);
  });
});

describe("byColumn", () => {
  it("groups by status in position order", () => {
    const columns = byColumn([task("b", "todo", 1), task("a", "todo", 0), task("d", "done", 0)]);
    expect(columns.todo.map((t) => t.id)).toEqual(["a", "b"]);
    expect(columns.done.map((t) => t.id)).toEqual(["d"]);
    expect(columns.review).toEqual([]);
  });
});
