import { describe, expect, it } from "vitest";
import { PROSPECT_IMPORT_MAX_BYTES, TEMPLATE_COLUMNS, TEMPLATE_EXAMPLE, TEMPLATE_HEADERS, fileErrors, importFileProblem, prospectImportUrl, refusedRows, templateCsv } from "./import-file";

describe("importFileProblem", () => {
  it("takes a CSV file by its extension, whatever its type", () => {
    expect(importFileProblem({ name: "prospects.CSV", size: 10, type: "" })).toBeNull();
    expect(importFileProblem({ name: "prospects.csv", size: 10, type: "application/vnd.ms-excel" })).toBeNull();
  });
  it("takes a file without extension by its CSV type", () => {
    expect(importFileProblem({ name: "export", size: 10, type: "text/csv" })).toBeNull();
    expect(importFileProblem({ name: "export", size: 10, type: "application/pdf" })).toBe("type");
  });
  it("refuses other files, empty ones and those above 2 MB", () => {
    expect(importFileProblem({ name: "prospects.xlsx", size: 10, type: "" })).toBe("type");
    expect(importFileProblem({ name: "prospects.csv", size: 0, type: "text/csv" })).toBe("empty");
    expect(importFileProblem({ name: "prospects.csv", size: PROSPECT_IMPORT_MAX_BYTES, type: "text/csv" })).toBeNull();
    expect(importFileProblem({ name: "prospects.csv", size: PROSPECT_IMPORT_MAX_BYTES + 1, type: "text/csv" })).toBe("too_big");
  });
});

describe("templateCsv", () => {
  it("has the French headers then one example row, `;`-separated, with a BOM", () => {
    const text = templateCsv();
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0].split(";")).toEqual([...TEMPLATE_HEADERS.fr]);
    expect(lines[1].split(";")).toHaveLength(TEMPLATE_HEADERS.fr.length);
    expect(lines[1]).toContain("1 500 000");
    expect(lines[1]).toContain("31/01/2027");
  });

  it("is in English for an English reader: its headers, `,`-separated, an amount without commas", () => {
    const lines = templateCsv("en").slice(1).trimEnd().split("\r\n");
    expect(lines[0].split(",")).toEqual([...TEMPLATE_HEADERS.en]);
    expect(lines[1]).toContain(",Referral,1500000,40,31/01/2027,");
    // The tags hold the separator: quoted.
    expect(lines[1]).toContain(',"website, e-commerce",');
  });

  it("names every column in both languages", () => {
    expect(TEMPLATE_HEADERS.fr).toHaveLength(TEMPLATE_COLUMNS.length);
    expect(TEMPLATE_HEADERS.en).toHaveLength(TEMPLATE_COLUMNS.length);
    expect(TEMPLATE_EXAMPLE.fr).toHaveLength(TEMPLATE_COLUMNS.length);
    expect(TEMPLATE_EXAMPLE.en).toHaveLength(TEMPLATE_COLUMNS.length);
  });
});

describe("refusedRows", () => {
  it("reads the refused rows in the file's order and leaves anything else out", () => {
    const body = {
      code: "import_refused",
      detail: "2 ligne(s) refusée(s) : rien n'a été importé.",
      rows: [{ line: 4, fr: "B", en: "b" }, { line: 2, fr: "A", en: "a", extra: 1 }, { line: "x" }, null],
    };
    expect(refusedRows(body)).toEqual([
      { line: 2, fr: "A", en: "a" },
      { line: 4, fr: "B", en: "b" },
    ]);
  });
  it("is empty when the whole file was refused", () => {
    expect(refusedRows({ code: "import_refused", detail: "La colonne « Entreprise » manque." })).toEqual([]);
    expect(refusedRows(null)).toEqual([]);
  });
});

describe("fileErrors and prospectImportUrl", () => {
  it("reads the 400's messages on `file` first", () => {
    expect(fileErrors({ file: ["Le fichier est vide."] })).toEqual(["Le fichier est vide."]);
    expect(fileErrors({ detail: "Trop gros." })).toEqual(["Trop gros."]);
    expect(fileErrors(null)).toEqual([]);
  });
  it("says whether it is a dry run", () => {
    expect(prospectImportUrl(true)).toBe("/api/admin/prospects/import/?dry_run=true");
    expect(prospectImportUrl(false)).toBe("/api/admin/prospects/import/?dry_run=false");
  });
});
