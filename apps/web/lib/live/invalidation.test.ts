import { describe, expect, it } from "vitest";
import { refreshesDashboard, staleAfter } from "./invalidation";

describe("staleAfter", () => {
  it("names the queries each kind of event makes stale", () => {
    expect(staleAfter({ id: 1, kind: "task.changed", data: { project_id: "p" } })).toEqual({
      all: false,
      keys: [["tasks"], ["projects"]],
    });
    expect(staleAfter({ id: 2, kind: "ticket.message", data: { ticket_id: "t" } })).toEqual({
      all: false,
      keys: [
        ["tickets", "messages", "t"],
        ["tickets", "detail", "t"],
        ["tickets", "list"],
      ],
    });
    expect(staleAfter({ id: 3, kind: "ticket.changed", data: {} })).toEqual({ all: false, keys: [["tickets"]] });
    expect(staleAfter({ id: 4, kind: "notification.created", data: { count: 1 } })).toEqual({
      all: false,
      keys: [["notifications"]],
    });
    expect(staleAfter({ id: null, kind: "sync", data: {} })).toEqual({ all: true });
    expect(staleAfter({ id: null, kind: "ready", data: {} })).toEqual({ all: false, keys: [] });
  });

  it("refreshes the dashboard for what it shows", () => {
    expect(refreshesDashboard({ id: 5, kind: "activity", data: {} })).toBe(true);
    expect(refreshesDashboard({ id: 6, kind: "task.comment", data: {} })).toBe(false);
  });
});
