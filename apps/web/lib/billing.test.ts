import { describe, expect, it } from "vitest";
import { formatQuantity, formatRate, overdueDays, taxBreakdown } from "./billing";

describe("overdueDays", () => {
  const now = new Date(2026, 10, 28, 9, 30); // 28/11/2026, local time

  it("counts whole days past the due date", () => {
    expect(overdueDays("2026-11-23", now)).toBe(5);
    expect(overdueDays("2026-11-27", now)).toBe(1);
  });

  it("is 0 on the due date, before it, and without one", () => {
    expect(overdueDays("2026-11-28", now)).toBe(0);
    expect(overdueDays("2026-12-15", now)).toBe(0);
    expect(overdueDays(null, now)).toBe(0);
  });

  it("counts across a month and a year", () => {
    expect(overdueDays("2026-10-31", new Date(2026, 10, 2))).toBe(2);
    expect(overdueDays("2026-12-31", new Date(2027, 0, 1))).toBe(1);
  });
});

describe("taxBreakdown", () => {
  it("sums base and VAT per rate, highest rate first", () => {
    const lines = [
      { tax_rate: "18.00", total_ht: 100000, total_tva: 18000 },
      { tax_rate: "0.00", total_ht: 50000, total_tva: 0 },
      { tax_rate: "18", total_ht: 50000, total_tva: 9000 },
      { tax_rate: "9.00", total_ht: 10000, total_tva: 900 },
    ];
    expect(taxBreakdown(lines)).toEqual([
      { rate: "18", base: 150000, tax: 27000 },
      { rate: "9", base: 10000, tax: 900 },
      { rate: "0", base: 50000, tax: 0 },
    ]);
  });

  it("is empty without lines", () => {
    expect(taxBreakdown([])).toEqual([]);
  });
});

describe("formatRate and formatQuantity", () => {
  it("write decimals as each language does", () => {
    expect(formatRate("18.00")).toBe("18\u202f%");
    expect(formatRate("2.50")).toBe("2,5\u202f%");
    expect(formatRate("18.00", "en")).toBe("18%");
    expect(formatQuantity("1.50")).toBe("1,5");
    expect(formatQuantity("3.00")).toBe("3");
    expect(formatQuantity("1250.00")).toBe("1\u202f250");
  });
});
