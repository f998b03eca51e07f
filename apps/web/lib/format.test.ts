import { describe, expect, it } from "vitest";
import {
  NBSP,
  NNBSP,
  daysUntil,
  formatDate,
  formatDateTime,
  formatFileSize,
  formatMoney,
  formatNumber,
  formatRelative,
  formatTime,
  isSameDay,
} from "./format";

describe("formatMoney", () => {
  it("writes CFA francs with narrow no-break spaces and FCFA", () => {
    expect(formatMoney(150000, "XOF")).toBe(`150${NNBSP}000${NBSP}FCFA`);
    expect(formatMoney(1250000, "XAF")).toBe(`1${NNBSP}250${NNBSP}000${NBSP}FCFA`);
    expect(formatMoney(0, "XOF")).toBe(`0${NBSP}FCFA`);
    expect(formatMoney(999, "xof")).toBe(`999${NBSP}FCFA`);
  });

  it("reads as the spec writes it once spaces are normalised", () => {
    expect(formatMoney(150000, "XOF").replace(/[\u202f\u00a0]/g, " ")).toBe("150 000 FCFA");
  });

  it("keeps FCFA in English, with English grouping", () => {
    expect(formatMoney(150000, "XOF", "en")).toBe(`150,000${NBSP}FCFA`);
  });

  it("divides other currencies by their minor unit", () => {
    expect(formatMoney(1999, "EUR")).toBe(`19,99${NBSP}€`);
    expect(formatMoney(123456789, "EUR")).toBe(`1${NNBSP}234${NNBSP}567,89${NBSP}€`);
    expect(formatMoney(1999, "USD", "en")).toBe("US$19.99");
  });

  it("handles negative amounts", () => {
    expect(formatMoney(-5000, "XOF")).toMatch(/^[-−]5\u202f000\u00a0FCFA$/);
  });
});

describe("formatNumber", () => {
  it("groups thousands the French way", () => {
    expect(formatNumber(1234567)).toBe(`1${NNBSP}234${NNBSP}567`);
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
  });
});

describe("dates and times", () => {
  it("writes calendar days day first, without shifting them", () => {
    expect(formatDate("2026-11-23")).toBe("23/11/2026");
    expect(formatDate("2026-01-05", "en")).toBe("05/01/2026");
    expect(formatDate("2026-11-23", "fr", "Pacific/Kiritimati")).toBe("23/11/2026");
  });

  it("writes instants in the given time zone", () => {
    expect(formatDate("2026-11-23T23:30:00Z", "fr", "Africa/Abidjan")).toBe("23/11/2026");
    expect(formatDate("2026-11-23T23:30:00Z", "fr", "Africa/Lagos")).toBe("24/11/2026");
  });

  it("writes times on a 24-hour clock", () => {
    expect(formatTime("2026-11-23T14:30:00Z", "fr", "Africa/Abidjan")).toBe("14:30");
    expect(formatTime("2026-11-23T14:30:00Z", "en", "Africa/Abidjan")).toBe("14:30");
    expect(formatTime("2026-11-23T09:05:00Z", "fr", "Africa/Lagos")).toBe("10:05");
    expect(formatDateTime("2026-11-23T14:30:00Z", "fr", "Africa/Dakar")).toBe("23/11/2026 14:30");
  });

  it("compares calendar days in a time zone", () => {
    expect(isSameDay("2026-11-23T01:00:00Z", "2026-11-23T22:00:00Z", "Africa/Abidjan")).toBe(true);
    expect(isSameDay("2026-11-23T22:00:00Z", "2026-11-24T01:00:00Z", "Africa/Abidjan")).toBe(false);
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-11-23T15:00:00Z");

  it("speaks French", () => {
    expect(formatRelative("2026-11-23T12:00:00Z", "fr", now)).toBe("il y a 3 heures");
    expect(formatRelative("2026-11-23T14:55:00Z", "fr", now)).toBe("il y a 5 minutes");
    expect(formatRelative("2026-11-22T15:00:00Z", "fr", now)).toBe("hier");
    expect(formatRelative("2026-11-25T15:00:00Z", "fr", now)).toBe("après-demain");
    expect(formatRelative("2026-11-30T15:00:00Z", "fr", now)).toBe("la semaine prochaine");
    expect(formatRelative("2026-11-23T14:59:50Z", "fr", now)).toBe("à l’instant");
  });

  it("speaks English", () => {
    expect(formatRelative("2026-11-23T12:00:00Z", "en", now)).toBe("3 hours ago");
    expect(formatRelative("2026-11-24T15:00:00Z", "en", now)).toBe("tomorrow");
    expect(formatRelative("2026-11-23T14:59:50Z", "en", now)).toBe("just now");
  });
});

describe("daysUntil", () => {
  it("counts whole days from today", () => {
    const now = new Date(2026, 10, 23, 18, 0);
    expect(daysUntil("2026-11-23", now)).toBe(0);
    expect(daysUntil("2026-11-30", now)).toBe(7);
    expect(daysUntil("2026-11-20", now)).toBe(-3);
  });
});

describe("formatFileSize", () => {
  const MB = 1024 * 1024;
  it("writes sizes in French units", () => {
    expect(formatFileSize(512)).toBe(`512${NBSP}o`);
    expect(formatFileSize(340 * 1024)).toBe(`340${NBSP}Ko`);
    expect(formatFileSize(2.44 * MB)).toBe(`2,4${NBSP}Mo`);
    expect(formatFileSize(62 * MB)).toBe(`62${NBSP}Mo`);
    expect(formatFileSize(50 * MB)).toBe(`50${NBSP}Mo`);
  });

  it("writes them in English units", () => {
    expect(formatFileSize(2.44 * MB, "en")).toBe(`2.4${NBSP}MB`);
    expect(formatFileSize(1500, "en")).toBe(`1.5${NBSP}KB`);
  });

  it("moves to the next unit instead of writing 1024", () => {
    expect(formatFileSize(1024 * 1024 - 100)).toBe(`1${NBSP}Mo`);
    expect(formatFileSize(0)).toBe(`0${NBSP}o`);
  });
});
