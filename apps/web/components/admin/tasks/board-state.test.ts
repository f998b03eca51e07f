import { describe, expect, it } from "vitest";
import {
  DEFAULT_BOARD,
  activeFilterCount,
  boardSearch,
  columnQuery,
  linkedTaskId,
  listQuery,
  readBoardState,
  taskFilters,
  withBoardChange,
} from "./board-state";

const ME = "11111111-2222-4333-8444-555555555555";
const CLIENT = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const read = (search: string) => readBoardState(new URLSearchParams(search));

describe("board state in the address", () => {
  it("reads defaults from an empty address and writes nothing back", () => {
    expect(read("")).toEqual(DEFAULT_BOARD);
    expect(boardSearch(DEFAULT_BOARD)).toBe("");
  });

  it("round-trips every filter", () => {
    const search = `view=list&q=logo&assignee=${ME}&client=${CLIENT}&priority=urgent&due=late&ordering=-priority&page=3`;
    const state = read(search);
    expect(state).toMatchObject({ view: "list", q: "logo", assignee: ME, client: CLIENT, priority: "urgent", due: "late", ordering: "-priority", page: 3 });
    expect(boardSearch(state)).toBe(search);
  });

  it("drops what makes no sense", () => {
    expect(read("view=kanban&assignee=bob&client=1;drop&priority=asap&due=tomorrow&ordering=rank&page=-2")).toEqual(DEFAULT_BOARD);
    expect(read("assignee=none").assignee).toBe("none");
  });

  it("reads the task a link opens, which is no filter", () => {
    expect(linkedTaskId(new URLSearchParams(`tache=${ME.toUpperCase()}&view=list`))).toBe(ME);
    expect(linkedTaskId(new URLSearchParams("tache=42"))).toBeNull();
    expect(boardSearch(read(`tache=${ME}`))).toBe("");
  });

  it("goes back to page 1 when a filter changes, not when the page does", () => {
    const state = { ...DEFAULT_BOARD, page: 4 };
    expect(withBoardChange(state, { priority: "high" }).page).toBe(1);
    expect(withBoardChange(state, { page: 5 }).page).toBe(5);
  });

  it("counts filters, not the text or the view", () => {
    expect(activeFilterCount({ ...DEFAULT_BOARD, q: "x", view: "list", due: "late", client: CLIENT })).toBe(2);
  });
});

describe("board state to the API", () => {
  it("asks the API for late and this week's tasks, and for the unassigned ones", () => {
    expect(taskFilters({ ...DEFAULT_BOARD, due: "late" }, {})).toMatchObject({ due: "late", unassigned: undefined });
    expect(taskFilters({ ...DEFAULT_BOARD, due: "this_week" }, {}).due).toBe("this_week");
    const nobody = taskFilters({ ...DEFAULT_BOARD, assignee: "none" }, {});
    expect(nobody).toMatchObject({ unassigned: true, assigned_to: undefined });
    expect(taskFilters(DEFAULT_BOARD, {})).toMatchObject({ due: undefined, unassigned: undefined });
  });

  it("shows my tasks in « Mes tâches », whoever the assignee filter names", () => {
    const state = { ...DEFAULT_BOARD, view: "mine" as const, assignee: CLIENT };
    expect(taskFilters(state, { me: ME }).assigned_to).toBe(ME);
    expect(taskFilters({ ...state, view: "board" }, { me: ME }).assigned_to).toBe(CLIENT);
    expect(taskFilters({ ...state, assignee: "none" }, { me: ME })).toMatchObject({ assigned_to: ME, unassigned: undefined });
  });

  it("asks one column at a time on the board, in the board's order, one page of the list otherwise", () => {
    const filters = taskFilters({ ...DEFAULT_BOARD, q: "logo" }, {});
    expect(columnQuery(filters, "review")).toMatchObject({ search: "logo", status: "review", ordering: "board", page_size: 100 });
    expect(listQuery(filters, { ...DEFAULT_BOARD, page: 2, ordering: "-title" })).toMatchObject({ ordering: "-title", page: 2, page_size: 25 });
  });
});
