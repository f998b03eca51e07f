import { describe, expect, it } from "vitest";
import type { Task, TaskStatus } from "./api/types";
import { boardNeighbours, inServerOrder, placeInColumn } from "./global-board";

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

describe("global board moves", () => {
  const todo = [task("a", "todo", 0, "p1"), task("b", "todo", 0, "p2"), task("c", "todo", 1, "p1")];
  const review = [task("r", "review", 0, "p3")];

  it("groups tasks by status in the order received", () => {
    const columns = inServerOrder([todo[2], review[0], todo[0]]);
    expect(columns.todo.map((t) => t.id)).toEqual(["c", "a"]);
    expect(columns.review.map((t) => t.id)).toEqual(["r"]);
    expect(columns.done).toEqual([]);
  });

  it("names the card above the drop, or the one below at the top", () => {
    expect(boardNeighbours(review, todo[0], 1)).toEqual({ board_after: "r" });
    expect(boardNeighbours(review, todo[0], 0)).toEqual({ board_before: "r" });
    expect(boardNeighbours([], todo[0], 0)).toEqual({});
  });

  it("counts without the moved card within its own column", () => {
    // a moved below c (sortable's index of c is 2): a lands after c.
    expect(boardNeighbours(todo, todo[0], 2)).toEqual({ board_after: "c" });
    // c moved to the top.
    expect(boardNeighbours(todo, todo[2], 0)).toEqual({ board_before: "a" });
    // beyond the end: after the last other card.
    expect(boardNeighbours(todo, todo[1], 9)).toEqual({ board_after: "c" });
  });

  it("places the card beside its neighbour and removes it elsewhere", () => {
    const moved = todo[0];
    expect(placeInColumn(todo, "todo", moved, "review", { board_after: "r" }).map((t) => t.id)).toEqual(["b", "c"]);
    const target = placeInColumn(review, "review", moved, "review", { board_before: "r" });
    expect(target.map((t) => `${t.id}:${t.status}`)).toEqual(["a:review", "r:review"]);
    expect(placeInColumn(todo, "todo", moved, "todo", { board_after: "c" }).map((t) => t.id)).toEqual(["b", "c", "a"]);
  });

  it("puts the card last when its neighbour is on another page", () => {
    expect(placeInColumn(review, "review", todo[1], "review", { board_after: "zz" }).map((t) => t.id)).toEqual(["r", "b"]);
  });
});
