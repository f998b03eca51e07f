import { describe, expect, it } from "vitest";
import {
  documentListSearch,
  filtersInUse,
  isOrdering,
  pageCount,
  readDocumentListBase,
  readUuid,
  withListChange,
  withoutListFilters,
  type DocumentListBase,
} from "./document-list-state";

const STATUSES = ["open", "closed"] as const;
const FIELDS = ["number", "total_ttc"] as const;
type State = DocumentListBase<(typeof STATUSES)[number], (typeof FIELDS)[number]> & { tag: string };
const DEFAULTS: State = { status: "", client: "", search: "", ordering: "-number", page: 1, tag: "" };
const RULES = { statuses: STATUSES, orderFields: FIELDS, defaultOrdering: "-number" } as const;
const KEYS = ["status", "client", "search", "tag"] as const;

const read = (search: string) => readDocumentListBase(new URLSearchParams(search), RULES);
const write = (state: State) => documentListSearch(state, KEYS, DEFAULTS.ordering);
const CLIENT = "0190a1b2-0000-7000-8000-000000000001";

describe("the state the quote and invoice lists share in the address", () => {
  it("reads an empty address as the defaults", () => {
    expect(read("")).toEqual({ status: "", client: "", search: "", ordering: "-number", page: 1 });
  });

  it("reads a status, a client, a search, a sort and a page it knows", () => {
    expect(read(`status=closed&client=${CLIENT.toUpperCase()}&search=%20FA-1%20&ordering=total_ttc&page=3`)).toEqual({
      status: "closed",
      client: CLIENT,
      search: "FA-1",
      ordering: "total_ttc",
      page: 3,
    });
  });

  it("drops what it does not know instead of sending it to the API", () => {
    expect(read("status=paid&client=awa&ordering=password&page=1.5")).toEqual(read(""));
    expect(read("ordering=--number&page=-2").ordering).toBe("-number");
    expect(read(`search=${"x".repeat(150)}`).search).toHaveLength(100);
  });

  it("knows a sort by a field, up or down, and nothing else", () => {
    expect(isOrdering(FIELDS, "number")).toBe(true);
    expect(isOrdering(FIELDS, "-total_ttc")).toBe(true);
    expect(isOrdering(FIELDS, "-status")).toBe(false);
    expect(isOrdering(FIELDS, "")).toBe(false);
  });

  it("reads any uuid parameter in lower case", () => {
    const params = new URLSearchParams(`project=${CLIENT.toUpperCase()}&other=x`);
    expect(readUuid(params, "project")).toBe(CLIENT);
    expect(readUuid(params, "other")).toBe("");
    expect(readUuid(params, "missing")).toBe("");
  });

  it("writes the filters in use in the given order, the sort unless default, the page after the first", () => {
    expect(write(DEFAULTS)).toBe("");
    expect(write({ ...DEFAULTS, tag: "x", status: "open", ordering: "number", page: 2 })).toBe("status=open&tag=x&ordering=number&page=2");
    expect(write({ ...DEFAULTS, search: "a b" })).toBe("search=a+b");
  });

  it("round-trips through the address", () => {
    const state: State = { status: "open", client: CLIENT, search: "DV-2026", ordering: "total_ttc", page: 4, tag: "" };
    expect({ ...read(write(state)), tag: "" }).toEqual(state);
  });

  it("goes back to page 1 on any change but the page's", () => {
    const state = { ...DEFAULTS, status: "open" as const, page: 4 };
    expect(withListChange(state, { tag: "x" })).toEqual({ ...state, tag: "x", page: 1 });
    expect(withListChange(state, { ordering: "number" }).page).toBe(1);
    expect(withListChange(state, { page: 5 })).toEqual({ ...state, page: 5 });
    expect(withListChange(state, { search: "y", page: 2 }).page).toBe(2);
  });

  it("lists the filters in use in the chips' order", () => {
    expect(filtersInUse({ ...DEFAULTS, tag: "x", status: "open", search: "s" }, ["status", "client", "tag"])).toEqual(["status", "tag"]);
    expect(filtersInUse(DEFAULTS, KEYS)).toEqual([]);
  });

  it("clears the filters but keeps the sort", () => {
    expect(withoutListFilters(DEFAULTS, { ...DEFAULTS, status: "closed", tag: "x", ordering: "total_ttc", page: 3 })).toEqual({ ...DEFAULTS, ordering: "total_ttc" });
  });

  it("counts pages, at least one", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(25)).toBe(1);
    expect(pageCount(26)).toBe(2);
    expect(pageCount(26, 10)).toBe(3);
  });
});
