import { describe, expect, it } from "vitest";
import { journalSearch, readJournalState } from "./journal-state";

const CLIENT = "0190c1a2-7b3c-7d4e-8f90-123456789abc";

describe("journal filters in the address", () => {
  it("round-trips client, person, kind and page", () => {
    const search = `client=${CLIENT}&actor=${CLIENT}&kind=billing&page=2`;
    expect(journalSearch(readJournalState(new URLSearchParams(search)))).toBe(search);
  });

  it("ignores ids that are not UUIDs and unknown kinds", () => {
    expect(readJournalState(new URLSearchParams("client=1;drop&kind=everything&page=0"))).toEqual({
      client: undefined,
      actor: undefined,
      kind: undefined,
      page: 1,
    });
  });
});
