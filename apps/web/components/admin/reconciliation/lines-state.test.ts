import { describe, expect, it } from "vitest";
import {
  DEFAULT_LINES,
  differenceCauses,
  LINE_FILTERS,
  filterCount,
  linesQuery,
  linesSearch,
  nextStep,
  problemCount,
  readImportsPage,
  readLinesState,
  statementInstant,
  type ReconciliationLine,
} from "./lines-state";

const params = (search: string) => new URLSearchParams(search);

describe("the lines' state in the address", () => {
  it("shows the problems of the first page by default", () => {
    expect(readLinesState(params(""))).toEqual(DEFAULT_LINES);
    expect(linesSearch(DEFAULT_LINES)).toBe("");
  });

  it("reads every filter and a page, and drops what makes no sense", () => {
    for (const verdict of LINE_FILTERS) expect(readLinesState(params(`verdict=${verdict}`)).verdict).toBe(verdict);
    expect(readLinesState(params("verdict=all&page=3"))).toEqual({ verdict: "all", page: 3 });
    expect(readLinesState(params("verdict=lost&page=-2"))).toEqual(DEFAULT_LINES);
    expect(readLinesState(params("page=1.5"))).toEqual(DEFAULT_LINES);
  });

  it("writes only what differs from the defaults, and reads it back", () => {
    const state = { verdict: "missing_in_nourx", page: 2 } as const;
    expect(linesSearch(state)).toBe("verdict=missing_in_nourx&page=2");
    expect(readLinesState(params(linesSearch(state)))).toEqual(state);
  });

  it("asks the API for the problems or one verdict, and for everything without a filter", () => {
    expect(linesQuery(DEFAULT_LINES)).toEqual({ verdict: "problems", page: 1, page_size: 25 });
    expect(linesQuery({ verdict: "all", page: 2 })).toEqual({ page: 2, page_size: 25 });
    expect(linesQuery({ verdict: "matched", page: 1 })).toEqual({ verdict: "matched", page: 1, page_size: 25 });
  });

  it("reads the imports' page", () => {
    expect(readImportsPage(params("page=4"))).toBe(4);
    expect(readImportsPage(params("page=x"))).toBe(1);
  });
});

describe("the chips' counts", () => {
  const counts = { matched: 12, amount_differs: 1, status_differs: 2, missing_in_nourx: 1, missing_in_cinetpay: 3 };
  it("add the problems up, and everything for Tous", () => {
    expect(problemCount(counts)).toBe(7);
    expect(filterCount(counts, "problems")).toBe(7);
    expect(filterCount(counts, "all")).toBe(19);
    expect(filterCount(counts, "missing_in_cinetpay")).toBe(3);
    expect(filterCount(counts, "matched")).toBe(12);
  });
});

describe("nextStep", () => {
  const payment = (status: NonNullable<ReconciliationLine["payment"]>["status"]) => ({
    id: "p",
    amount: 5_000,
    currency: "XOF",
    status,
    invoice_id: "i",
    client_id: "c",
    client_name: "Savane Clinique",
  });
  const statement = { file_line: 2, amount: 5_000, status: "ACCEPTED", status_kind: "accepted" as const };
  const line = (verdict: ReconciliationLine["verdict"], status?: Parameters<typeof payment>[0], withStatement = true) => ({
    verdict,
    statement: withStatement ? statement : null,
    payment: status ? payment(status) : null,
  });

  it("has nothing to do for a matched line", () => {
    expect(nextStep(line("matched", "accepted"))).toBeNull();
  });

  it("asks CinetPay again while NOURX waits, and an admin to decide on a flagged payment", () => {
    expect(nextStep(line("status_differs", "pending"))).toBe("recheck");
    expect(nextStep(line("status_differs", "initiating"))).toBe("recheck");
    expect(nextStep(line("status_differs", "flagged"))).toBe("resolve");
  });

  it("says which side took the money when the statuses differ", () => {
    expect(nextStep(line("status_differs", "accepted"))).toBe("not_confirmed");
    expect(nextStep(line("status_differs", "refused"))).toBe("not_applied");
    expect(nextStep(line("status_differs", "expired"))).toBe("not_applied");
  });

  it("names the other problems", () => {
    expect(nextStep(line("amount_differs", "accepted"))).toBe("amount");
    expect(nextStep(line("missing_in_nourx"))).toBe("unknown");
    expect(nextStep(line("missing_in_cinetpay", "accepted", false))).toBe("not_on_statement");
    // Put back in waiting since the import: a check can still say something.
    expect(nextStep(line("missing_in_cinetpay", "pending", false))).toBe("recheck");
  });
});

describe("statementInstant", () => {
  it("reads the statement's dates as Abidjan's (UTC)", () => {
    expect(statementInstant("2026-12-07T10:30:00")).toBe("2026-12-07T10:30:00Z");
    expect(statementInstant("2026-12-07T10:30:00Z")).toBe("2026-12-07T10:30:00Z");
    expect(statementInstant("2026-12-07T10:30:00+00:00")).toBe("2026-12-07T10:30:00+00:00");
  });
});

describe("differenceCauses", () => {
  const counts = { matched: 4, amount_differs: 1, status_differs: 0, missing_in_nourx: 2, missing_in_cinetpay: 3 };
  it("names the lines that may explain a difference, on its side", () => {
    expect(differenceCauses(counts, 12_500)).toEqual(["amount_differs", "missing_in_nourx"]);
    expect(differenceCauses(counts, -5_000)).toEqual(["amount_differs", "missing_in_cinetpay"]);
    expect(differenceCauses(counts, 0)).toEqual([]);
    expect(differenceCauses({ ...counts, amount_differs: 0, missing_in_nourx: 0 }, 100)).toEqual([]);
  });
});
