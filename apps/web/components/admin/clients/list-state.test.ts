import { describe, expect, it } from "vitest";
import {
  DEFAULT_CLIENT_LIST,
  activeFilterCount,
  clientListParams,
  clientListSearch,
  pageCount,
  readClientListState,
  withClientListChange,
} from "./list-state";

const read = (search: string) => readClientListState(new URLSearchParams(search));

describe("client list state in the address", () => {
  it("reads an empty address as the defaults", () => {
    expect(read("")).toEqual(DEFAULT_CLIENT_LIST);
    expect(clientListSearch(DEFAULT_CLIENT_LIST)).toBe("");
  });

  it("round-trips every filter, the sort and the page", () => {
    const search = "q=awa&status=archived&city=Abidjan&country=CI&sector=BTP&tag=export&has_overdue=true&ordering=-outstanding&page=3";
    const state = read(search);
    expect(state).toEqual({
      q: "awa",
      status: "archived",
      city: "Abidjan",
      country: "CI",
      sector: "BTP",
      tag: "export",
      has_overdue: true,
      ordering: "-outstanding",
      page: 3,
    });
    expect(clientListSearch(state)).toBe(search);
  });

  it("drops what makes no sense instead of sending it to the API", () => {
    const state = read("status=deleted&ordering=password&page=-2&country=Côte&has_overdue=yes");
    expect(state).toEqual(DEFAULT_CLIENT_LIST);
  });

  it("upper-cases a country code and trims text", () => {
    expect(read("country=sn&q=%20%20baobab%20").country).toBe("SN");
    expect(read("q=%20%20baobab%20").q).toBe("baobab");
  });

  it("goes back to page 1 when a filter or the sort changes, keeps the rest when the page changes", () => {
    const state = read("status=active&page=4");
    expect(withClientListChange(state, { sector: "BTP" }).page).toBe(1);
    expect(withClientListChange(state, { ordering: "-outstanding" }).page).toBe(1);
    expect(withClientListChange(state, { page: 5 })).toEqual({ ...state, page: 5 });
  });

  it("saves a filter without its page", () => {
    expect(clientListSearch(read("sector=BTP&page=2"), { page: false })).toBe("sector=BTP");
  });

  it("builds the API query with only the filters in use", () => {
    expect(clientListParams(read("has_overdue=true&ordering=-outstanding"))).toEqual({
      q: undefined,
      status: undefined,
      city: undefined,
      country: undefined,
      sector: undefined,
      tag: undefined,
      has_overdue: true,
      ordering: "-outstanding",
      page: 1,
      page_size: 25,
    });
  });

  it("counts the filters in use (not the search or the sort)", () => {
    expect(activeFilterCount(read("q=x&ordering=-name"))).toBe(0);
    expect(activeFilterCount(read("status=active&tag=vip&has_overdue=true"))).toBe(3);
  });

  it("has at least one page", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(25)).toBe(1);
    expect(pageCount(26)).toBe(2);
  });
});
