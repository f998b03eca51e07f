import { describe, expect, it } from "vitest";
import {
  DEFAULT_PROJECT_LIST,
  activeProjectChips,
  parseBudgetUsed,
  projectListParams,
  projectListSearch,
  projectPageCount,
  readProjectListState,
  withProjectListChange,
  withoutChip,
  withoutProjectFilters,
} from "./list-state";

const read = (search: string) => readProjectListState(new URLSearchParams(search));
const CLIENT = "0190a1b2-0000-7000-8000-000000000001";
const MANAGER = "0190a1b2-0000-7000-8000-0000000000aa";

describe("staff project list state in the address", () => {
  it("reads an empty address as the defaults, and writes the defaults as nothing", () => {
    expect(read("")).toEqual(DEFAULT_PROJECT_LIST);
    expect(projectListSearch(DEFAULT_PROJECT_LIST)).toBe("");
  });

  it("round-trips every parameter of the contract", () => {
    const search = `client=${CLIENT}&status=on_hold&manager=${MANAGER}&late=true&budget_used_min=80&search=site&ordering=due_date&page=3`;
    const state = read(search);
    expect(state).toEqual({
      client: CLIENT,
      status: "on_hold",
      manager: MANAGER,
      late: true,
      budget_used_min: 80,
      search: "site",
      ordering: "due_date",
      page: 3,
    });
    expect(projectListSearch(state)).toBe(search);
    expect(projectListSearch(state, { page: false })).not.toContain("page=");
  });

  it("accepts every status and every ordering field in both directions", () => {
    for (const status of ["draft", "active", "on_hold", "completed", "cancelled"]) expect(read(`status=${status}`).status).toBe(status);
    for (const field of ["created_at", "updated_at", "name", "due_date", "status"]) {
      expect(read(`ordering=${field}`).ordering).toBe(field);
      expect(read(`ordering=-${field}`).ordering).toBe(`-${field}`);
    }
  });

  it("drops what makes no sense instead of sending it to the API", () => {
    const state = read("client=awa&status=lost&manager=1&late=yes&budget_used_min=-5&ordering=--name&page=0");
    expect(state).toEqual(DEFAULT_PROJECT_LIST);
    expect(read("budget_used_min=1001").budget_used_min).toBeNull();
    expect(read("budget_used_min=12.5").budget_used_min).toBeNull();
  });

  it("reads 0 % as a filter, not as no filter", () => {
    expect(parseBudgetUsed("0")).toBe(0);
    expect(read("budget_used_min=0").budget_used_min).toBe(0);
    expect(projectListSearch({ ...DEFAULT_PROJECT_LIST, budget_used_min: 0 })).toBe("budget_used_min=0");
    expect(parseBudgetUsed("1000")).toBe(1000);
    expect(parseBudgetUsed(null)).toBeNull();
  });

  it("sends the API only the filters in use", () => {
    expect(projectListParams(DEFAULT_PROJECT_LIST)).toEqual({ ordering: "-created_at", page: 1, page_size: 25 });
    expect(projectListParams({ ...DEFAULT_PROJECT_LIST, late: true, budget_used_min: 0, client: CLIENT })).toEqual({
      client: CLIENT,
      late: true,
      budget_used_min: 0,
      ordering: "-created_at",
      page: 1,
      page_size: 25,
    });
  });

  it("goes back to the first page when a filter or the sort changes", () => {
    const state = { ...DEFAULT_PROJECT_LIST, page: 4 };
    expect(withProjectListChange(state, { late: true }).page).toBe(1);
    expect(withProjectListChange(state, { ordering: "name" }).page).toBe(1);
    expect(withProjectListChange(state, { page: 5 }).page).toBe(5);
  });

  it("lists the chips in use, removes one, or all of them keeping the sort", () => {
    const state = { ...DEFAULT_PROJECT_LIST, client: CLIENT, late: true, budget_used_min: 0, search: "x", ordering: "name" as const };
    expect(activeProjectChips(state)).toEqual(["client", "late", "budget_used_min"]);
    expect(withProjectListChange(state, withoutChip("budget_used_min")).budget_used_min).toBeNull();
    expect(withProjectListChange(state, withoutChip("late")).late).toBe(false);
    expect(withoutProjectFilters(state)).toEqual({ ...DEFAULT_PROJECT_LIST, ordering: "name" });
  });

  it("counts pages", () => {
    expect(projectPageCount(0)).toBe(1);
    expect(projectPageCount(25)).toBe(1);
    expect(projectPageCount(26)).toBe(2);
  });
});
