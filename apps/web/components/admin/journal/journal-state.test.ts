import { describe, expect, it } from "vitest";
import { emailsSearch, jobsSearch, journalSearch, readEmailsState, readJobsState, readJournalState } from "./journal-state";

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

describe("background jobs' filters in the address", () => {
  it("reads the status and the page", () => {
    expect(readJobsState(new URLSearchParams("status=dead&page=3"))).toEqual({ status: "dead", page: 3 });
    expect(readJobsState(new URLSearchParams(""))).toEqual({ status: undefined, page: 1 });
  });

  it("ignores an unknown status and a bad page", () => {
    expect(readJobsState(new URLSearchParams("status=zombie&page=-2"))).toEqual({ status: undefined, page: 1 });
    expect(readJobsState(new URLSearchParams("status=DEAD&page=1.5"))).toEqual({ status: undefined, page: 1 });
  });

  it("writes only what is set, page 1 left out", () => {
    expect(jobsSearch({ status: "dead", page: 1 })).toBe("status=dead");
    expect(jobsSearch({ page: 2 })).toBe("page=2");
    expect(jobsSearch({})).toBe("");
  });
});

describe("mail viewer's filters in the address", () => {
  it("round-trips recipient, status, template and page", () => {
    const search = "to=awa%40akwaba.demo&status=failed&template=invitation&page=2";
    expect(emailsSearch(readEmailsState(new URLSearchParams(search)))).toBe(search);
  });

  it("reads /admin/journal/emails?status=failed as the failed emails", () => {
    expect(readEmailsState(new URLSearchParams("status=failed"))).toEqual({ to: undefined, status: "failed", template: undefined, page: 1 });
  });

  it("ignores unknown values and a blank recipient", () => {
    expect(readEmailsState(new URLSearchParams("to=%20%20&status=lost&template=spam&page=x"))).toEqual({
      to: undefined,
      status: undefined,
      template: undefined,
      page: 1,
    });
  });
});
