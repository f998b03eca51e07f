import { describe, expect, it } from "vitest";
import { DEFAULT_INBOX, inboxParams, inboxSearch, readInboxState, withInboxChange } from "./list-state";

const ME = "0b7f5b8e-1111-4a4a-8b8b-123456789abc";

describe("inbox state in the address", () => {
  it("reads the defaults from an empty address and writes nothing for them", () => {
    const state = readInboxState(new URLSearchParams());
    expect(state).toEqual(DEFAULT_INBOX);
    expect(inboxSearch(state)).toBe("");
  });

  it("keeps valid filters and drops nonsense", () => {
    const state = readInboxState(new URLSearchParams("status=open&priority=urgent&assignee=me&breached=true&ordering=bogus&client=nope&page=3"));
    expect(state).toMatchObject({ status: "open", priority: "urgent", assignee: "me", breached: true, ordering: "time_left", client: "", page: 3 });
    expect(inboxSearch(state)).toBe("status=open&priority=urgent&assignee=me&breached=true&page=3");
  });

  it("goes back to the first page when a filter changes", () => {
    expect(withInboxChange({ ...DEFAULT_INBOX, page: 4 }, { at_risk: true }).page).toBe(1);
    expect(withInboxChange({ ...DEFAULT_INBOX, page: 4 }, { page: 5 }).page).toBe(5);
  });

  it("asks the API for 'me' by id and for 'none' as unassigned", () => {
    expect(inboxParams({ ...DEFAULT_INBOX, assignee: "me" }, ME)).toMatchObject({ assigned_to: ME, unassigned: undefined });
    expect(inboxParams({ ...DEFAULT_INBOX, assignee: "none" }, ME)).toMatchObject({ assigned_to: undefined, unassigned: true });
  });
});
