import { describe, expect, it } from "vitest";
import { EMPTY_PROSPECT_FORM, prospectFormSchema, toProspectWrite } from "./prospect-schema";

const schema = prospectFormSchema({
  companyRequired: "company",
  tooLong: (max) => `max ${max}`,
  email: "email",
  phone: "phone",
  value: "value",
  probability: "probability",
  tags: "tags",
});

describe("prospect form", () => {
  it("needs a company and valid contact details", () => {
    const result = schema.safeParse({ ...EMPTY_PROSPECT_FORM, email: "nope", whatsapp: "12", probability: "120", estimated_value: "1,5" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths.sort()).toEqual(["company", "email", "estimated_value", "probability", "whatsapp"]);
  });

  it("sends blanks as null, amounts as integers and tags as a list", () => {
    const values = schema.parse({ ...EMPTY_PROSPECT_FORM, company: " Café Ivoire ", estimated_value: "1 500 000", tags: "Export, btp ,export", source: "referral", stage_id: "s" });
    expect(toProspectWrite(values, { creating: true })).toMatchObject({
      company: "Café Ivoire",
      email: null,
      estimated_value: 1_500_000,
      tags: ["export", "btp"],
      source: "referral",
      stage_id: "s",
    });
    expect(toProspectWrite(values, { creating: false })).not.toHaveProperty("stage_id");
    expect(toProspectWrite(values, { creating: false })).not.toHaveProperty("probability");
  });
});
