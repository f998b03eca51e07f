import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it("keeps same-origin relative paths with their query and fragment", () => {
    expect(safeNext("/projets")).toBe("/projets");
    expect(safeNext("/factures/abc?tab=paiements#haut")).toBe("/factures/abc?tab=paiements#haut");
    expect(safeNext("/admin", "/")).toBe("/admin");
    expect(safeNext("/a/../devis")).toBe("/devis");
  });

  it("sends every way out of the site to the fallback", () => {
    const attacks = [
      // What URLSearchParams gives for `?next=/%09/evil.example`: browsers drop the tab.
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      // Left encoded (a caller that did not decode): still refused.
      "//evil",
      "//evil.example/path",
      "\\\\evil",
      "/\\evil",
      "/\\/evil.example",
      "\\/evil.example",
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "https://evil.example/",
      "http:/evil.example",
      "https:evil.example",
      "evil.example",
      "./projets",
      "/\u0000/evil",
      "/\u00a0/evil",
      "/\u2028/evil",
      "",
    ];
    for (const attack of attacks) expect(safeNext(attack, "/"), JSON.stringify(attack)).toBe("/");
    expect(safeNext(null, "/admin")).toBe("/admin");
    expect(safeNext(undefined)).toBe("/");
  });

  it("decodes like the browser: the query string `?next=/%09/evil.example` lands on the dashboard", () => {
    const next = new URLSearchParams("next=/%09/evil.example").get("next");
    expect(safeNext(next)).toBe("/");
    expect(safeNext(new URLSearchParams("next=%2F%2Fevil").get("next"))).toBe("/");
    expect(safeNext(new URLSearchParams("next=%5C%5Cevil").get("next"))).toBe("/");
    expect(safeNext(new URLSearchParams("next=%2Fprojets%3Fx%3D1").get("next"))).toBe("/projets?x=1");
  });

  it("never goes back to the login page", () => {
    expect(safeNext("/connexion")).toBe("/");
    expect(safeNext("/connexion?next=/projets")).toBe("/");
    expect(safeNext("/connexion/verification")).toBe("/");
    expect(safeNext("/x/../connexion")).toBe("/");
    expect(safeNext("/connexions-clients")).toBe("/connexions-clients");
  });
});
