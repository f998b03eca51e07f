import { describe, expect, it } from "vitest";
import clientsFr from "./clients.fr.json";
import clientsEn from "./clients.en.json";
import teamFr from "./team.fr.json";
import teamEn from "./team.en.json";
import journalFr from "./journal.fr.json";
import journalEn from "./journal.en.json";

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe.each([
  ["clients", clientsFr, clientsEn],
  ["team", teamFr, teamEn],
  ["journal", journalFr, journalEn],
])("messages/admin/%s", (_, fr, en) => {
  it("has the same keys in French and English, none empty", () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
    for (const file of [fr, en]) {
      const empty = keys(file).filter((k) => {
        const value = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], file);
        return typeof value !== "string" || value.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });
});
