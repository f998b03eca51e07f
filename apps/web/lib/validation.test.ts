import { describe, expect, it } from "vitest";
import { email, filled, text, z } from "./validation";

describe("form rules", () => {
  it("trims text and requires it when asked", () => {
    const schema = z.object({ subject: text({ required: "Donnez un sujet.", max: 5 }) });
    expect(schema.safeParse({ subject: "  abc  " })).toEqual({ success: true, data: { subject: "abc" } });
    const empty = schema.safeParse({ subject: "   " });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe("Donnez un sujet.");
    expect(schema.safeParse({ subject: "abcdef" }).success).toBe(false);
  });

  it("checks email addresses after trimming", () => {
    expect(email("Adresse invalide.").safeParse(" awa@akwaba.demo ")).toEqual({ success: true, data: "awa@akwaba.demo" });
    expect(email("Adresse invalide.").safeParse("awa@").error?.issues[0]?.message).toBe("Adresse invalide.");
  });

  it("keeps passwords as typed", () => {
    expect(filled("Requis.").safeParse(" secret ")).toEqual({ success: true, data: " secret " });
    expect(filled("Requis.").safeParse("").success).toBe(false);
  });
});
