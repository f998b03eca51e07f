import { describe, expect, it } from "vitest";
import {
  customPeriod,
  isCalendarDay,
  localDay,
  presetPeriod,
  rangeProblem,
  readStatementPeriod,
  statementPdfHref,
  statementPeriodSearch,
} from "./statement-period";

/** 23 November 2026, mid-afternoon where the browser is. */
const TODAY = new Date(2026, 10, 23, 15, 30);
const read = (search: string, today = TODAY) => readStatementPeriod(new URLSearchParams(search), today);

describe("statement periods", () => {
  it("runs each preset from its first day to today, and last year whole", () => {
    expect(presetPeriod("month", TODAY)).toEqual({ preset: "month", from: "2026-11-01", to: "2026-11-23" });
    expect(presetPeriod("quarter", TODAY)).toEqual({ preset: "quarter", from: "2026-10-01", to: "2026-11-23" });
    expect(presetPeriod("year", TODAY)).toEqual({ preset: "year", from: "2026-01-01", to: "2026-11-23" });
    expect(presetPeriod("last_year", TODAY)).toEqual({ preset: "last_year", from: "2025-01-01", to: "2025-12-31" });
  });

  it("finds the quarter of every month", () => {
    const quarterStart = (month: number) => presetPeriod("quarter", new Date(2027, month, 15)).from;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(quarterStart)).toEqual([
      ...Array(3).fill("2027-01-01"),
      ...Array(3).fill("2027-04-01"),
      ...Array(3).fill("2027-07-01"),
      ...Array(3).fill("2027-10-01"),
    ]);
  });

  it("counts days where the browser is, not in UTC", () => {
    expect(localDay(new Date(2026, 0, 1, 0, 5))).toBe("2026-01-01");
    expect(presetPeriod("month", new Date(2026, 11, 31, 23, 59))).toMatchObject({ from: "2026-12-01", to: "2026-12-31" });
  });

  it("reads this year from an empty or unknown address, and writes it as nothing", () => {
    expect(read("")).toEqual(presetPeriod("year", TODAY));
    expect(read("periode=siecle")).toEqual(presetPeriod("year", TODAY));
    expect(statementPeriodSearch(read(""))).toBe("");
  });

  it("round-trips every preset and dates of one's own", () => {
    for (const search of ["periode=mois", "periode=trimestre", "periode=annee-derniere", "du=2026-02-01&au=2026-03-31"]) {
      expect(statementPeriodSearch(read(search))).toBe(search);
    }
    expect(read("du=2026-02-01&au=2026-03-31")).toEqual(customPeriod("2026-02-01", "2026-03-31"));
  });

  it("drops dates the API would refuse", () => {
    expect(read("du=2026-04-01&au=2026-03-31").preset).toBe("year");
    expect(read("du=2026-02-30&au=2026-03-31").preset).toBe("year");
    expect(read("du=2026-01-01").preset).toBe("year");
    expect(read("du=2020-01-01&au=2026-01-01").preset).toBe("year");
  });

  it("says why a custom range would be refused", () => {
    expect(rangeProblem("", "2026-01-01")).toBe("missing");
    expect(rangeProblem("2026-03-01", "2026-02-01")).toBe("backwards");
    expect(rangeProblem("2023-01-01", "2026-01-01")).toBeNull();
    expect(rangeProblem("2023-01-01", "2026-01-02")).toBe("too_long");
    expect(rangeProblem("2024-02-29", "2027-03-01")).toBeNull();
    expect(rangeProblem("2026-05-05", "2026-05-05")).toBeNull();
  });

  it("knows real calendar days", () => {
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(isCalendarDay("2026-02-29")).toBe(false);
    expect(isCalendarDay("23/11/2026")).toBe(false);
    expect(isCalendarDay(null)).toBe(false);
  });

  it("asks for the PDF in the reader's language", () => {
    expect(statementPdfHref("/api/clients/c/statement/pdf/?from=2026-01-01&to=2026-12-31", "en")).toBe(
      "/api/clients/c/statement/pdf/?from=2026-01-01&to=2026-12-31&lang=en",
    );
    expect(statementPdfHref("/api/clients/c/statement/pdf/", "fr")).toBe("/api/clients/c/statement/pdf/?lang=fr");
  });
});
