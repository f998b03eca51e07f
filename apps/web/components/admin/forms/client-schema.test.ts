import { describe, expect, it } from "vitest";
import {
  EMPTY_CLIENT_FORM,
  clientFormSchema,
  clientFormValues,
  splitTags,
  toClientWrite,
  type ClientFormValues,
} from "./client-schema";

const schema = clientFormSchema({
  nameRequired: "name required",
  tooLong: (max) => `max ${max}`,
  country: "country",
  currency: "currency",
  email: "email",
  phone: "phone",
  tags: "tags",
});

function errors(values: Partial<ClientFormValues>): Record<string, string> {
  const result = schema.safeParse({ ...EMPTY_CLIENT_FORM, name: "Awa SARL", ...values });
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("client form rules (the API's)", () => {
  it("accepts a client with only a name", () => {
    expect(errors({})).toEqual({});
  });

  it("requires a name", () => {
    expect(errors({ name: "   " })).toEqual({ name: "name required" });
  });

  it("checks lengths like the API", () => {
    expect(errors({ name: "x".repeat(201) })).toEqual({ name: "max 200" });
    expect(errors({ tax_id: "x".repeat(51) })).toEqual({ tax_id: "max 50" });
    expect(errors({ address: "x".repeat(501) })).toEqual({ address: "max 500" });
  });

  it("wants ISO codes: 2 letters for the country, 3 for the currency", () => {
    expect(errors({ country: "CIV" })).toEqual({ country: "country" });
    expect(errors({ country: "ci" })).toEqual({});
    expect(errors({ currency: "FCFA" })).toEqual({ currency: "currency" });
    expect(errors({ currency: "eur" })).toEqual({});
  });

  it("checks the billing email and the phone when given", () => {
    expect(errors({ billing_email: "compta@awa" })).toEqual({ billing_email: "email" });
    expect(errors({ billing_email: "compta@awa.ci" })).toEqual({});
    expect(errors({ phone: "123" })).toEqual({ phone: "phone" });
    expect(errors({ phone: "+225 27 20 30 40 50" })).toEqual({});
    expect(errors({ phone: "(07) 01-02-03-04" })).toEqual({});
  });

  it("knows the languages and sizes", () => {
    expect(errors({ language: "de" as "fr" })).toHaveProperty("language");
    expect(errors({ size: "huge" as "small" })).toHaveProperty("size");
    expect(errors({ size: "medium" })).toEqual({});
  });

  it("limits the tags", () => {
    expect(errors({ tags: Array.from({ length: 11 }, (_, i) => `t${i}`).join(",") })).toEqual({ tags: "tags" });
    expect(errors({ tags: Array.from({ length: 10 }, (_, i) => `t${i}`).join(",") })).toEqual({});
    expect(errors({ tags: "x".repeat(31) })).toEqual({ tags: "tags" });
    expect(errors({ sector: "x".repeat(81) })).toEqual({ sector: "max 80" });
  });
});

describe("form values and the API body", () => {
  it("splits tags, lowercase as the API stores them, dropping blanks and repeats", () => {
    expect(splitTags("BTP, export ,btp,, VIP")).toEqual(["btp", "export", "vip"]);
    expect(splitTags("")).toEqual([]);
  });

  it("sends blanks as null, codes upper-cased", () => {
    const body = toClientWrite({ ...EMPTY_CLIENT_FORM, name: " Awa SARL ", country: "sn", currency: "xof", tags: "vip", size: "" });
    expect(body).toMatchObject({
      name: "Awa SARL",
      legal_name: null,
      billing_email: null,
      country: "SN",
      currency: "XOF",
      tags: ["vip"],
      size: null,
      partial_payments_allowed: false,
    });
  });

  it("fills the form from a client and back to the same body", () => {
    const client = {
      id: "c1",
      name: "Awa SARL",
      legal_name: "Awa SARL SA",
      tax_id: null,
      address: null,
      city: "Abidjan",
      country: "CI",
      phone: null,
      billing_email: "compta@awa.ci",
      currency: "XOF",
      language: "en" as const,
      status: "active" as const,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
      sector: "BTP",
      tags: ["vip", "export"],
      size: "small" as const,
      partial_payments_allowed: true,
    };
    const values = clientFormValues(client);
    expect(values.tags).toBe("vip, export");
    expect(toClientWrite(values)).toMatchObject({ sector: "BTP", tags: ["vip", "export"], size: "small", language: "en", partial_payments_allowed: true });
  });
});
