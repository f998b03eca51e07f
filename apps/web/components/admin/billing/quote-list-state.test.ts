import { describe, expect, it } from "vitest";
import {
  DEFAULT_QUOTE_LIST,
  activeQuoteChips,
  quoteListParams,
  quoteListSearch,
  readQuoteListState,
  withQuoteListChange,
  withoutQuoteFilters,
} from "./quote-list-state";

const read = (search: string) => readQuoteListState(new URLSearchParams(search));
const CLIENT = "0190a1b2-0000-7000-8000-000000000001";

describe("staff quote list state in the address", () => {
  it("reads an empty address as the defaults, and writes the defaults as nothing", () => {
    expect(read("")).toEqual(DEFAULT_QUOTE_LIST);
    expect(quoteListSearch(DEFAULT_QUOTE_LIST)).toBe("");
  });

  it("round-trips every parameter", () => {
    const search = `status=accepted&client=${CLIENT}&search=DV-2026&ordering=-total_ttc&page=2`;
    expect(read(search)).toEqual({ status: "accepted", client: CLIENT, search: "DV-2026", ordering: "-total_ttc", page: 2 });
    expect(quoteListSearch(read(search))).toBe(search);
  });

  it("accepts the quote statuses and orderings only", () => {
    for (const status of ["draft", "sent", "accepted", "declined", "expired"]) expect(read(`status=${status}`).status).toBe(status);
    expect(read("ordering=valid_until").ordering).toBe("valid_until");
    expect(read("status=paid&ordering=due_date&client=x&page=0")).toEqual(DEFAULT_QUOTE_LIST);
  });

  it("goes back to page 1 on a filter change", () => {
    const state = read("status=sent&page=3");
    expect(withQuoteListChange(state, { client: CLIENT }).page).toBe(1);
    expect(withQuoteListChange(state, { page: 4 }).page).toBe(4);
  });

  it("builds the API query, the chips, and clears the filters but not the sort", () => {
    const state = read(`status=draft&client=${CLIENT}&search=x&ordering=number`);
    expect(quoteListParams(state)).toEqual({ status: "draft", client: CLIENT, search: "x", ordering: "number", page: 1, page_size: 25 });
    expect(activeQuoteChips(state)).toEqual(["status", "client"]);
    expect(withoutQuoteFilters(state)).toEqual({ ...DEFAULT_QUOTE_LIST, ordering: "number" });
  });
});
