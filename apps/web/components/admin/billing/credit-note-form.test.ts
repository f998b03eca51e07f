import { describe, expect, it } from "vitest";
import { EMPTY_CREDIT_NOTE, creditNoteSchema, creditableAmount, refundQuestion, toCreditNoteRequest, type CreditNoteFormValues } from "./credit-note-form";

const messages = {
  amount: "amount",
  amountTooHigh: "too high",
  reasonRequired: "reason",
  refundMethod: "method",
  tooLong: (max: number) => `max ${max}`,
};

function errors(values: Partial<CreditNoteFormValues>, options = { creditable: 100_000, refundAsked: false }) {
  const result = creditNoteSchema(messages, options).safeParse({ ...EMPTY_CREDIT_NOTE, reason: "Remise commerciale", ...values });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("credit note dialog", () => {
  it("always needs a reason", () => {
    expect(errors({ reason: "  " })).toEqual({ reason: "reason" });
    expect(errors({ reason: "x".repeat(1001) })).toEqual({ reason: "max 1000" });
  });

  it("needs an amount in whole francs, within what is left, only for a partial one", () => {
    expect(errors({ scope: "whole", amount: "" })).toEqual({});
    expect(errors({ scope: "partial", amount: "" })).toEqual({ amount: "amount" });
    expect(errors({ scope: "partial", amount: "0" })).toEqual({ amount: "amount" });
    expect(errors({ scope: "partial", amount: "12,5" })).toEqual({ amount: "amount" });
    expect(errors({ scope: "partial", amount: "100 001" })).toEqual({ amount: "too high" });
    expect(errors({ scope: "partial", amount: "50 000" })).toEqual({});
  });

  it("asks for a refund method once the API has asked for it", () => {
    expect(errors({ refund_method: "" }, { creditable: 100_000, refundAsked: true })).toEqual({ refund_method: "method" });
    expect(errors({ refund_method: "mobile_money" }, { creditable: 100_000, refundAsked: true })).toEqual({});
  });

  it("sends no amount for the whole rest, and the refund only when asked", () => {
    const values: CreditNoteFormValues = { scope: "whole", amount: "5000", reason: " Erreur ", refund_method: "cash", refund_reference: " R-1 " };
    expect(toCreditNoteRequest(values, false)).toEqual({ reason: "Erreur" });
    expect(toCreditNoteRequest({ ...values, scope: "partial", amount: "50 000" }, true)).toEqual({
      reason: "Erreur",
      amount: 50000,
      refund_method: "cash",
      refund_reference: "R-1",
    });
    expect(toCreditNoteRequest({ ...values, refund_reference: "" }, true)).toEqual({ reason: "Erreur", refund_method: "cash" });
  });

  it("reads the API's refund question", () => {
    expect(refundQuestion({ refund_method: ["25 000 FCFA reviennent au client : comment ?"] })).toBe("25 000 FCFA reviennent au client : comment ?");
    expect(refundQuestion({ amount: ["Trop."] })).toBeNull();
  });

  it("knows what is left to credit", () => {
    expect(creditableAmount({ total_ttc: 118_000, credited_amount: 18_000 })).toBe(100_000);
    expect(creditableAmount({ total_ttc: 118_000, credited_amount: 118_000 })).toBe(0);
  });
});
