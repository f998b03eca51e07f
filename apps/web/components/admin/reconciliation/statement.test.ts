import { describe, expect, it } from "vitest";
import { STATEMENT_MAX_BYTES, daysBetween, importFieldErrors, importUrl, periodProblem, statementFileProblem, statementFormSchema } from "./statement";

const file = (name: string, size = 120, type = "text/csv") => ({ name, size, type });

describe("statementFileProblem", () => {
  it("takes a CSV file by its extension, whatever type the phone gives", () => {
    expect(statementFileProblem(file("transactions.csv"))).toBeNull();
    expect(statementFileProblem(file("RELEVE.CSV", 10, ""))).toBeNull();
    expect(statementFileProblem(file("export.csv", 10, "application/vnd.ms-excel"))).toBeNull();
  });

  it("takes a file without an extension when its type says CSV", () => {
    expect(statementFileProblem(file("export", 10, "text/csv; charset=utf-8"))).toBeNull();
    expect(statementFileProblem(file("export", 10, "application/pdf"))).toBe("type");
  });

  it("refuses other files, empty ones, those over 5 MB, and no file", () => {
    expect(statementFileProblem(file("releve.xlsx", 10, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))).toBe("type");
    expect(statementFileProblem(file("releve.pdf", 10, "text/csv"))).toBe("type");
    expect(statementFileProblem(file("releve.csv", 0))).toBe("empty");
    expect(statementFileProblem(file("releve.csv", STATEMENT_MAX_BYTES))).toBeNull();
    expect(statementFileProblem(file("releve.csv", STATEMENT_MAX_BYTES + 1))).toBe("too_big");
    expect(statementFileProblem(null)).toBe("required");
  });
});

describe("periodProblem", () => {
  it("accepts no period, either day alone, or both in order", () => {
    expect(periodProblem("", "")).toBeNull();
    expect(periodProblem("2026-11-01", "")).toBeNull();
    expect(periodProblem("", "2026-11-30")).toBeNull();
    expect(periodProblem("2026-11-01", "2026-11-01")).toBeNull();
  });

  it("refuses impossible days, a reversed period and more than 366 days", () => {
    expect(periodProblem("2026-02-30", "")).toBe("from");
    expect(periodProblem("2026-11-01", "30/11/2026")).toBe("to");
    expect(periodProblem("2026-11-30", "2026-11-01")).toBe("reversed");
    expect(periodProblem("2025-01-01", "2026-01-01")).toBeNull(); // 365 days
    expect(periodProblem("2024-01-01", "2024-12-31")).toBeNull(); // leap year: 365 days apart
    expect(periodProblem("2024-01-01", "2025-01-01")).toBe("too_long"); // 366 days apart
  });

  it("counts days on the calendar", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
  });
});

describe("statementFormSchema", () => {
  const messages = { required: "R", type: "T", empty: "E", too_big: "B", from: "F", to: "TO", reversed: "REV", too_long: "L" };
  const schema = statementFormSchema(messages);
  const csv = new File(["ID transaction;Montant;Statut\n"], "releve.csv", { type: "text/csv" });

  it("passes a CSV without a period", () => {
    expect(schema.safeParse({ file: csv, from: "", to: "" }).success).toBe(true);
  });

  it("puts the file's problem on `file` and the period's on `from` or `to`", () => {
    const result = schema.safeParse({ file: null, from: "2026-12-01", to: "2026-11-01" });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues).toEqual([
      ["file", "R"],
      ["from", "REV"],
    ]);
    const to = schema.safeParse({ file: csv, from: "", to: "2026-13-01" });
    expect(to.error!.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["to", "TO"]]);
  });
});

describe("importUrl", () => {
  it("names the file without its folder, and the period when given", () => {
    expect(importUrl("transactions.csv")).toBe("/api/admin/reconciliations/?filename=transactions.csv");
    expect(importUrl("C:\\Users\\awa\\relevé nov.csv", " 2026-11-01 ", "2026-11-30")).toBe(
      "/api/admin/reconciliations/?filename=relev%C3%A9+nov.csv&from=2026-11-01&to=2026-11-30",
    );
    expect(importUrl("a/b/c.csv", "", "2026-11-30")).toBe("/api/admin/reconciliations/?filename=c.csv&to=2026-11-30");
  });
});

describe("importFieldErrors", () => {
  it("puts the file's and the period's refusals on their fields", () => {
    expect(importFieldErrors({ file: ["Colonnes introuvables : montant."] })).toEqual({ file: "Colonnes introuvables : montant.", general: [] });
    expect(importFieldErrors({ from: ["Le relevé n'a pas de colonne de date : indiquez la période qu'il couvre."] })).toEqual({
      from: "Le relevé n'a pas de colonne de date : indiquez la période qu'il couvre.",
      general: [],
    });
    expect(importFieldErrors({ filename: ["Trop long."], to: ["Date invalide."] })).toEqual({ file: "Trop long.", to: "Date invalide.", general: [] });
  });

  it("leaves the rest to the form, and a coded error to the usual messages", () => {
    expect(importFieldErrors({ non_field_errors: ["Non."], detail: "Refusé." })).toEqual({ general: ["Non.", "Refusé."] });
    expect(importFieldErrors({ detail: "CSRF", code: "csrf_failed" })).toEqual({ general: [] });
    expect(importFieldErrors(null)).toEqual({ general: [] });
  });
});
