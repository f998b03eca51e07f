import { describe, expect, it } from "vitest";
import { DEFAULT_PROSPECTS, activeFilters, prospectsQuery, prospectsSearch, readProspectsState, withProspectsChange } from "./list-state";

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
});
