import { describe, expect, it } from "vitest";
import {
  MAX_PROOF_BYTES,
  amountFieldValue,
  businessToday,
  canRecordPayment,
  checkOfflineAmount,
  checkProof,
  checkReceivedOn,
  minorDigitsOf,
  parseMoneyInput,
} from "./offline";

describe("an offline payment's amount", () => {
  it("takes francs as people type them, up to the balance", () => {
    expect(checkOfflineAmount("150 000", 150_000)).toEqual({ ok: true, amount: 150_000 });
    expect(checkOfflineAmount("75.000", 150_000)).toEqual({ ok: true, amount: 75_000 });
    // Any amount: no multiple of 5 outside CinetPay.
    expect(checkOfflineAmount("1 003", 150_000)).toEqual({ ok: true, amount: 1_003 });
  });

  it("refuses nothing, words, zero and more than the balance", () => {
    expect(checkOfflineAmount("  ", 100)).toEqual({ ok: false, error: { code: "required" } });
    expect(checkOfflineAmount("douze", 100)).toEqual({ ok: false, error: { code: "notNumber" } });
    expect(checkOfflineAmount("12,5", 100)).toEqual({ ok: false, error: { code: "notNumber" } });
    expect(checkOfflineAmount("0", 100)).toEqual({ ok: false, error: { code: "notPositive" } });
    expect(checkOfflineAmount("150 001", 150_000)).toEqual({ ok: false, error: { code: "aboveBalance", max: 150_000 } });
  });

  it("reads cents in currencies that have them", () => {
    expect(parseMoneyInput("1234,5", 2)).toBe(123_450);
    expect(parseMoneyInput("1 234.56", 2)).toBe(123_456);
    expect(parseMoneyInput("12", 2)).toBe(1_200);
    expect(parseMoneyInput("1.234", 2)).toBeNull();
    expect(checkOfflineAmount("10,01", 1_000, 2)).toEqual({ ok: false, error: { code: "aboveBalance", max: 1_000 } });
    expect(minorDigitsOf("XOF")).toBe(0);
    expect(minorDigitsOf("EUR")).toBe(2);
    expect(amountFieldValue(150_000, 0)).toBe("150000");
    expect(amountFieldValue(123_450, 2)).toBe("1234.50");
  });
});

describe("the day the money came", () => {
  it("is today or before, a real day", () => {
    expect(checkReceivedOn("2026-12-07", "2026-12-07")).toBeNull();
    expect(checkReceivedOn("2026-11-30", "2026-12-07")).toBeNull();
    expect(checkReceivedOn("2026-12-08", "2026-12-07")).toBe("future");
    expect(checkReceivedOn("2026-02-30", "2026-12-07")).toBe("invalid");
    expect(checkReceivedOn("", "2026-12-07")).toBe("required");
  });

  it("counts today in Abidjan", () => {
    expect(businessToday(new Date("2026-12-07T23:59:00Z"))).toBe("2026-12-07");
    expect(businessToday(new Date("2026-12-08T00:01:00Z"))).toBe("2026-12-08");
  });
});

describe("a proof of payment", () => {
  it("is a PDF, PNG or JPEG of at most 10 MB", () => {
    expect(checkProof({ name: "bordereau.PDF", size: 1000, type: "" })).toEqual({ ok: true, contentType: "application/pdf" });
    expect(checkProof({ name: "photo", size: 1000, type: "image/jpeg" })).toEqual({ ok: true, contentType: "image/jpeg" });
    expect(checkProof({ name: "recu.jpg", size: MAX_PROOF_BYTES, type: "image/jpeg" })).toEqual({ ok: true, contentType: "image/jpeg" });
    expect(checkProof({ name: "recu.jpg", size: MAX_PROOF_BYTES + 1, type: "image/jpeg" })).toEqual({ ok: false, problem: { kind: "too_big", max: MAX_PROOF_BYTES } });
    expect(checkProof({ name: "recu.docx", size: 10, type: "application/msword" })).toEqual({ ok: false, problem: { kind: "type" } });
    expect(checkProof({ name: "vide.png", size: 0, type: "image/png" })).toEqual({ ok: false, problem: { kind: "empty" } });
  });
});

describe("which invoices take a payment", () => {
  it("sent or partly paid ones with something due", () => {
    expect(canRecordPayment({ status: "sent", balance_due: 10 })).toBe(true);
    expect(canRecordPayment({ status: "partially_paid", balance_due: 10 })).toBe(true);
    expect(canRecordPayment({ status: "paid", balance_due: 0 })).toBe(false);
    expect(canRecordPayment({ status: "draft", balance_due: 10 })).toBe(false);
    expect(canRecordPayment({ status: "cancelled", balance_due: 10 })).toBe(false);
  });
});
