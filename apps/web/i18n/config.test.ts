import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./config";

describe("localeFromAcceptLanguage (the API's rule)", () => {
  it("is French without a French or English preference", () => {
    expect(localeFromAcceptLanguage(null)).toBe("fr");
    expect(localeFromAcceptLanguage("")).toBe("fr");
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9")).toBe("fr");
  });

  it("is English when English weighs most", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,fr;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr;q=0.5, en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("de, EN-gb;q=0.7")).toBe("en");
  });

  it("keeps French when it comes first or weighs as much", () => {
    expect(localeFromAcceptLanguage("fr-CI,en;q=0.9")).toBe("fr");
    expect(localeFromAcceptLanguage("fr,en")).toBe("fr");
    expect(localeFromAcceptLanguage("fr;q=abc,en;q=0.9")).toBe("fr");
  });
});
