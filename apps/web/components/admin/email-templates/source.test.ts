import { describe, expect, it } from "vitest";
import { errorLine, htmlFromText, insertAt, lineOf, lineRange, slot } from "./source";

describe("errorLine", () => {
  it("reads the line of a French or English message", () => {
    expect(errorLine("Ligne 4 : variable inconnue « montant ».")).toBe(4);
    expect(errorLine("Line 12: unknown variable “montant”.")).toBe(12);
    expect(errorLine("Ce champ ne peut pas être vide.")).toBeUndefined();
    expect(errorLine("Variable inconnue « x ».")).toBeUndefined();
  });
});

describe("lines", () => {
  const source = "Bonjour,\n\nMontant : {{ montant }}\nFin";
  it("finds a line's text", () => {
    expect(lineOf(source, 3)).toBe("Montant : {{ montant }}");
    expect(lineOf(source, 2)).toBe("");
    expect(lineOf(source, 5)).toBeUndefined();
    expect(lineOf(source, 0)).toBeUndefined();
  });
  it("finds a line's range, clamped to the source", () => {
    const { start, end } = lineRange(source, 3);
    expect(source.slice(start, end)).toBe("Montant : {{ montant }}");
    expect(lineRange(source, 1)).toEqual({ start: 0, end: 8 });
    expect(source.slice(lineRange(source, 99).start, lineRange(source, 99).end)).toBe("Fin");
  });
});

describe("insertAt", () => {
  it("replaces the selection and puts the cursor after the insertion", () => {
    expect(insertAt("Bonjour ,", 8, 8, slot("name"))).toEqual({ value: "Bonjour {{ name }},", cursor: 18 });
    expect(insertAt("Total : XXX", 8, 11, slot("total"))).toEqual({ value: "Total : {{ total }}", cursor: 19 });
  });
  it("appends when the cursor is unknown or out of range", () => {
    expect(insertAt("a", 10, 10, "b")).toEqual({ value: "ab", cursor: 2 });
    expect(insertAt("a", 1, 0, "b")).toEqual({ value: "ab", cursor: 2 });
  });
});

describe("htmlFromText", () => {
  it("makes paragraphs and links, escaping what was typed", () => {
    const text = "Bonjour {{ name }},\n\nLigne 1 <b>\nLigne 2\n\n\nPayez ici :\n{{ invoice_url }}\n";
    expect(htmlFromText(text)).toBe(
      '<p>Bonjour {{ name }},</p>\n<p>Ligne 1 &lt;b&gt;<br>\nLigne 2</p>\n<p>Payez ici :<br>\n<a href="{{ invoice_url }}">{{ invoice_url }}</a></p>',
    );
    expect(htmlFromText("  \n\n ")).toBe("");
  });
});
