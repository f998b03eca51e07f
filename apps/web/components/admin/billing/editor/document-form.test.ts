import { describe, expect, it } from "vitest";
import type { Invoice, Quote } from "@/lib/api/types";
import {
  addDays,
  canonicalDecimal,
  conflictCode,
  documentFormSchema,
  documentFormValues,
  emptyLine,
  isBlankLine,
  lineInputs,
  mapServerErrors,
  moveTarget,
  newDocumentValues,
  normalizePercent,
  normalizeQuantity,
  priceRequest,
  rateKey,
  toCreateRequest,
  toUpdateRequest,
  type DocumentFormValues,
  type LineValues,
} from "./document-form";

const CLIENT = "0190a1b2-0000-7000-8000-000000000001";
const PROJECT = "0190a1b2-0000-7000-8000-0000000000bb";

const messages = {
  clientRequired: "client",
  labelRequired: "label",
  quantity: "quantity",
  unitPrice: "price",
  taxRate: "rate",
  percent: "percent",
  endBeforeIssue: "order",
  tooLong: (max: number) => `max ${max}`,
  tooManyLines: "lines",
};

const line = (values: Partial<LineValues> = {}): LineValues => ({ ...emptyLine("18.00"), label: "Site vitrine", unit_price: "150000", ...values });

function form(values: Partial<DocumentFormValues> = {}): DocumentFormValues {
  return {
    ...newDocumentValues({ taxRate: "18.00", days: 30, paymentTerms: "À 30 jours.", clientId: CLIENT }, "2026-11-23"),
    lines: [line()],
    ...values,
  };
}

function errors(values: Partial<DocumentFormValues>) {
  const result = documentFormSchema(messages).safeParse(form(values));
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("numbers as people type them", () => {
  it("reads percentages with a comma or a dot, up to 100 with two decimals", () => {
    expect(normalizePercent("18")).toBe("18");
    expect(normalizePercent("12,5")).toBe("12.5");
    expect(normalizePercent(" 12.50 % ")).toBe("12.5");
    expect(normalizePercent("100")).toBe("100");
    expect(normalizePercent("0")).toBe("0");
    expect(normalizePercent("")).toBeNull();
    for (const bad of ["100.01", "101", "-5", "1.234", "dix", "5%%"]) expect(normalizePercent(bad)).toBeUndefined();
  });

  it("reads quantities above zero with two decimals at most", () => {
    expect(normalizeQuantity("1")).toBe("1");
    expect(normalizeQuantity("1,5")).toBe("1.5");
    expect(normalizeQuantity("2.50")).toBe("2.5");
    expect(normalizeQuantity("1 000")).toBe("1000");
    for (const bad of ["0", "0.00", "", "-1", "1.255", "x"]) expect(normalizeQuantity(bad)).toBeUndefined();
  });

  it("writes the API's decimals the short way, and its rates the long way", () => {
    expect(canonicalDecimal("1.50")).toBe("1.5");
    expect(canonicalDecimal("3.00")).toBe("3");
    expect(canonicalDecimal("0.25")).toBe("0.25");
    expect(rateKey("18")).toBe("18.00");
    expect(rateKey("0")).toBe("0.00");
    expect(rateKey("9,5")).toBe("9.50");
  });

  it("adds calendar days across months and leap years", () => {
    expect(addDays("2026-11-23", 30)).toBe("2026-12-23");
    expect(addDays("2028-02-15", 15)).toBe("2028-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("the editor's form", () => {
  it("starts dated today, due after the settings' days, with the settings' terms and one empty line", () => {
    const values = newDocumentValues({ taxRate: "18", days: 15, paymentTerms: "Virement", clientId: CLIENT, projectId: "nope" }, "2026-11-23");
    expect(values).toMatchObject({ client_id: CLIENT, project_id: "", issue_date: "2026-11-23", end_date: "2026-12-08", payment_terms: "Virement" });
    expect(values.lines).toEqual([{ label: "", description: "", quantity: "1", unit_price: "", tax_rate: "18.00", discount: "" }]);
    expect(isBlankLine(values.lines[0])).toBe(true);
  });

  it("accepts a valid document, and ignores blank lines", () => {
    expect(errors({ lines: [line(), emptyLine("18.00")] })).toEqual({});
    expect(errors({ lines: [] })).toEqual({});
  });

  it("needs a client, a label, a quantity, a price and a rate on each written line", () => {
    expect(errors({ client_id: "" })).toEqual({ client_id: "client" });
    expect(
      errors({
        lines: [line(), line({ label: " ", quantity: "0", unit_price: "12,5", tax_rate: "", discount: "120" })],
      }),
    ).toEqual({
      "lines.1.label": "label",
      "lines.1.quantity": "quantity",
      "lines.1.unit_price": "price",
      "lines.1.tax_rate": "rate",
      "lines.1.discount": "percent",
    });
  });

  it("bounds lengths, the document discount and the dates' order", () => {
    expect(errors({ lines: [line({ label: "x".repeat(301) })] })).toEqual({ "lines.0.label": "max 300" });
    expect(errors({ discount: "101" })).toEqual({ discount: "percent" });
    expect(errors({ issue_date: "2026-11-23", end_date: "2026-11-01" })).toEqual({ end_date: "order" });
    expect(errors({ issue_date: "", end_date: "2026-11-01" })).toEqual({});
  });

  it("reads a saved draft back in its lines' order, with the API's decimals made short", () => {
    const invoice = {
      client_id: CLIENT,
      project_id: null,
      title: "Refonte",
      notes: "Merci",
      payment_terms: "À réception",
      discount: "5.00",
      issue_date: "2026-11-23",
      due_date: "2026-12-23",
      items: [
        { position: 1, label: "B", description: "", quantity: "2.50", unit_price: 1000, tax_rate: "0.00", discount: "0.00" },
        { position: 0, label: "A", description: "d", quantity: "1.00", unit_price: 5000, tax_rate: "18.00", discount: "10.00" },
      ],
    } as unknown as Invoice;
    expect(documentFormValues(invoice, "invoice")).toEqual({
      client_id: CLIENT,
      project_id: "",
      title: "Refonte",
      notes: "Merci",
      payment_terms: "À réception",
      discount: "5",
      issue_date: "2026-11-23",
      end_date: "2026-12-23",
      lines: [
        { label: "A", description: "d", quantity: "1", unit_price: "5000", tax_rate: "18.00", discount: "10" },
        { label: "B", description: "", quantity: "2.5", unit_price: "1000", tax_rate: "0.00", discount: "" },
      ],
    });
    const quote = { ...invoice, valid_until: "2027-01-10", due_date: undefined } as unknown as Quote;
    expect(documentFormValues(quote, "quote").end_date).toBe("2027-01-10");
  });
});

describe("requests", () => {
  const values = form({
    project_id: PROJECT,
    title: " Refonte ",
    discount: "5",
    lines: [line({ label: " Site ", quantity: "1,5", unit_price: "150 000", discount: "10" }), emptyLine("18.00"), line({ label: "Hébergement", tax_rate: "0.00" })],
  });

  it("sends the written lines the API's way, remembering each one's row", () => {
    expect(lineInputs(values.lines)).toEqual({
      items: [
        { label: "Site", description: "", quantity: "1.5", unit_price: 150000, tax_rate: "18", discount: "10" },
        { label: "Hébergement", description: "", quantity: "1", unit_price: 150000, tax_rate: "0", discount: "0" },
      ],
      rows: [0, 2],
    });
  });

  it("creates an invoice with its due date and a quote with its validity", () => {
    const invoice = toCreateRequest("invoice", values);
    expect(invoice).toMatchObject({
      client_id: CLIENT,
      project_id: PROJECT,
      title: "Refonte",
      issue_date: "2026-11-23",
      due_date: "2026-12-23",
      discount: "5",
      payment_terms: "À 30 jours.",
    });
    expect(invoice.items).toHaveLength(2);
    expect(toCreateRequest("quote", values)).toMatchObject({ valid_until: "2026-12-23" });
    expect(toCreateRequest("quote", values)).not.toHaveProperty("due_date");
  });

  it("updates every field but the client; blanks clear the project and the dates", () => {
    const update = toUpdateRequest("invoice", { ...values, project_id: "", issue_date: "", end_date: "", discount: "" });
    expect(update).not.toHaveProperty("client_id");
    expect(update).toMatchObject({ project_id: null, issue_date: null, due_date: null, discount: "0" });
  });

  it("prices the form once every written number reads, a line without label included", () => {
    const request = priceRequest({ lines: [line({ label: "" }), emptyLine("18.00"), line({ discount: "12,5" })], discount: "5" });
    expect(request).toEqual({
      body: {
        items: [
          { label: "…", description: "", quantity: "1", unit_price: 150000, tax_rate: "18", discount: "0" },
          { label: "Site vitrine", description: "", quantity: "1", unit_price: 150000, tax_rate: "18", discount: "12.5" },
        ],
        discount: "5",
      },
      rows: [0, 2],
    });
    expect(priceRequest({ lines: [line()], discount: "" })?.body).not.toHaveProperty("discount");
    expect(priceRequest({ lines: [line({ quantity: "" })], discount: "" })).toBeNull();
    expect(priceRequest({ lines: [line()], discount: "abc" })).toBeNull();
    expect(priceRequest({ lines: [], discount: "" })).toEqual({ body: { items: [] }, rows: [] });
  });

  it("puts the API's errors on the form's rows, in both spellings", () => {
    const mapped = mapServerErrors(
      {
        "items[1].quantity": ["Trop de décimales."],
        "items.0.unit_price": ["Négatif."],
        "items[1]": ["Ligne invalide."],
        due_date: ["Avant l'émission."],
        discount: ["Au plus 100."],
        items: ["Au plus 200 lignes."],
        currency: ["Inconnue."],
      },
      [0, 2],
    );
    expect(mapped.fields).toEqual({
      "lines.2.quantity": "Trop de décimales.",
      "lines.0.unit_price": "Négatif.",
      end_date: "Avant l'émission.",
      discount: "Au plus 100.",
    });
    expect(mapped.rest).toEqual(["#3 Ligne invalide.", "Au plus 200 lignes.", "Inconnue."]);
  });
});

describe("moving lines", () => {
  it("moves within the list and stops at its ends", () => {
    expect(moveTarget(1, "up", 3)).toBe(0);
    expect(moveTarget(1, "down", 3)).toBe(2);
    expect(moveTarget(0, "up", 3)).toBeNull();
    expect(moveTarget(2, "down", 3)).toBeNull();
    expect(moveTarget(0, "down", 1)).toBeNull();
  });
});

describe("conflicts", () => {
  it("knows the desk's 409 codes", () => {
    expect(conflictCode("fully_credited")).toBe("fully_credited");
    expect(conflictCode("not_editable")).toBe("not_editable");
    expect(conflictCode("teapot")).toBeNull();
  });
});
