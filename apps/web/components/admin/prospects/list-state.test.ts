import { describe, expect, it } from "vitest";
import {
  DEFAULT_PROSPECTS,
  activeFilters,
  boardQuery,
  prospectsHref,
  prospectsQuery,
  prospectsSearch,
  readProspectsState,
  stageListHref,
  withProspectsChange,
} from "./list-state";

const QUALIFIE = "00000000-0000-7000-8000-000000000002";

describe("prospects list state", () => {
  it("reads the address and writes back only what differs", () => {
    const state = readProspectsState(new URLSearchParams("vue=liste&owner=me&source=referral&size=small&due=1&page=3&ordering=company&tag=BTP&stage=nope"));
    expect(state).toMatchObject({ view: "list", owner: "me", source: "referral", size: "small", due: true, page: 3, ordering: "company", tag: "btp", stage: "" });
    expect(prospectsSearch(state)).toBe("vue=liste&owner=me&source=referral&size=small&tag=btp&due=1&ordering=company&page=3");
    expect(prospectsSearch(DEFAULT_PROSPECTS)).toBe("");
  });

  it("ignores what makes no sense", () => {
    expect(readProspectsState(new URLSearchParams("owner=bob&source=fax&size=huge&page=-1"))).toEqual(DEFAULT_PROSPECTS);
  });

  it("goes back to page 1 on a filter change and builds the API query", () => {
    const state = withProspectsChange({ ...DEFAULT_PROSPECTS, page: 4 }, { city: "Abidjan" });
    expect(state.page).toBe(1);
    expect(activeFilters(state)).toEqual(["city"]);
    expect(prospectsQuery({ ...state, due: true, q: "café" })).toEqual({ ordering: "-created_at", page: 1, page_size: 25, search: "café", city: "Abidjan", follow_up: "due" });
  });

  it("gives the board the list's filters but the stage, the outcome, the sort and the page", () => {
    const state = readProspectsState(new URLSearchParams(`owner=me&source=email&stage=${QUALIFIE}&outcome=open&city=Abidjan&due=1&q=café&ordering=company&page=2`));
    expect(boardQuery(state)).toEqual({ search: "café", owner: "me", source: "email", city: "Abidjan", follow_up: "due" });
    expect(boardQuery(DEFAULT_PROSPECTS)).toEqual({});
    // The chips: the board's leave out the stage and the outcome it does not apply.
    expect(activeFilters(state)).toEqual(["q", "owner", "source", "stage", "outcome", "city", "due"]);
    expect(activeFilters(state, "board")).toEqual(["q", "owner", "source", "city", "due"]);
  });

  it("links a board column to the list of its stage, with the board's filters", () => {
    const board = readProspectsState(new URLSearchParams("owner=me&source=email&tag=btp&outcome=won&ordering=company"));
    const href = stageListHref(board, QUALIFIE);
    expect(href).toBe(`/admin/prospects?vue=liste&owner=me&source=email&stage=${QUALIFIE}&tag=btp&ordering=company`);
    // What the list reads back from it: that stage, the same filters, the first page.
    const list = readProspectsState(new URL(href, "http://localhost").searchParams);
    expect(list).toEqual({ ...board, view: "list", stage: QUALIFIE, outcome: "", page: 1 });
    expect(prospectsQuery(list)).toEqual({ owner: "me", source: "email", tag: "btp", stage: QUALIFIE, ordering: "company", page: 1, page_size: 25 });
    expect(stageListHref(DEFAULT_PROSPECTS, QUALIFIE)).toBe(`/admin/prospects?vue=liste&stage=${QUALIFIE}`);
    expect(prospectsHref(DEFAULT_PROSPECTS)).toBe("/admin/prospects");
  });
});
