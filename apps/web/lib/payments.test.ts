import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "./api/types";
import {
  checkInstalment,
  isOpenPayment,
  offersInstalment,
  parseAmount,
  PAYMENT_STATUS_TONE,
  paymentOutcome,
  payInvoiceUrl,
  POLL_WINDOW_MS,
  pollDelay,
  receiptUrl,
} from "./payments";

const STATUSES: PaymentStatus[] = ["initiating", "pending", "accepted", "refused", "expired", "flagged", "failed", "voided"];

describe("parseAmount", () => {
  it("reads whole francs however they are grouped", () => {
    expect(parseAmount("150000")).toBe(150000);
    expect(parseAmount("150 000")).toBe(150000);
    expect(parseAmount("150\u202f000")).toBe(150000);
    expect(parseAmount("150\u00a0000 FCFA")).toBe(150000);
    expect(parseAmount("1.500.000")).toBe(1500000);
    expect(parseAmount("1,500,000")).toBe(1500000);
    expect(parseAmount(" 25 ")).toBe(25);
  });

  it("refuses what is not a whole number", () => {
    expect(parseAmount("")).toBeNull();
    expect(parseAmount("abc")).toBeNull();
    expect(parseAmount("1500,5")).toBeNull();
    expect(parseAmount("12.5")).toBeNull();
    expect(parseAmount("-500")).toBeNull();
    expect(parseAmount("1e5")).toBeNull();
  });
});

describe("checkInstalment", () => {
  const range = { min: 100, max: 150000, step: 5 };

  it("accepts an amount within the range, a multiple of the step", () => {
    expect(checkInstalment("50 000", range)).toEqual({ ok: true, amount: 50000 });
    expect(checkInstalment("100", range)).toEqual({ ok: true, amount: 100 });
    expect(checkInstalment("150000", range)).toEqual({ ok: true, amount: 150000 });
  });

  it("says what is wrong, in the server's order", () => {
    expect(checkInstalment("", range)).toEqual({ ok: false, error: { code: "required" } });
    expect(checkInstalment("  ", range)).toEqual({ ok: false, error: { code: "required" } });
    expect(checkInstalment("douze", range)).toEqual({ ok: false, error: { code: "notNumber" } });
    expect(checkInstalment("0", range)).toEqual({ ok: false, error: { code: "notPositive" } });
    expect(checkInstalment("1002", range)).toEqual({ ok: false, error: { code: "notMultiple", step: 5 } });
    expect(checkInstalment("150005", range)).toEqual({ ok: false, error: { code: "aboveMaximum", max: 150000 } });
    expect(checkInstalment("95", range)).toEqual({ ok: false, error: { code: "belowMinimum", min: 100 } });
    // Not a multiple and too big: the multiple is checked first, as the API does.
    expect(checkInstalment("200003", range)).toEqual({ ok: false, error: { code: "notMultiple", step: 5 } });
  });

  it("has no multiple rule with a step of 1", () => {
    expect(checkInstalment("1003", { min: 1, max: 5000, step: 1 })).toEqual({ ok: true, amount: 1003 });
  });
});

describe("offersInstalment", () => {
  it("only when instalments are allowed and the range is not a single amount", () => {
    expect(offersInstalment({ partial_allowed: true, min_amount: 100, max_amount: 150000 })).toBe(true);
    expect(offersInstalment({ partial_allowed: false, min_amount: 150000, max_amount: 150000 })).toBe(false);
    expect(offersInstalment({ partial_allowed: true, min_amount: 150, max_amount: 150 })).toBe(false);
  });
});

describe("pollDelay", () => {
  it("asks every 2 s, then 3 s, then 5 s", () => {
    expect(pollDelay(0)).toBe(2000);
    expect(pollDelay(9_999)).toBe(2000);
    expect(pollDelay(10_000)).toBe(3000);
    expect(pollDelay(29_999)).toBe(3000);
    expect(pollDelay(30_000)).toBe(5000);
    expect(pollDelay(POLL_WINDOW_MS - 1)).toBe(5000);
  });

  it("stops after two minutes", () => {
    expect(POLL_WINDOW_MS).toBe(120_000);
    expect(pollDelay(POLL_WINDOW_MS)).toBeNull();
    expect(pollDelay(10 * 60_000)).toBeNull();
  });

  it("asks about thirty times in the window, never faster than every 2 s", () => {
    let elapsed = 0;
    let requests = 0;
    for (let delay = pollDelay(elapsed); delay !== null; delay = pollDelay(elapsed)) {
      expect(delay).toBeGreaterThanOrEqual(2000);
      elapsed += delay;
      requests += 1;
    }
    expect(requests).toBeGreaterThan(25);
    expect(requests).toBeLessThan(40);
  });
});

describe("payment statuses", () => {
  it("only initiating and pending are still open", () => {
    expect(STATUSES.filter(isOpenPayment)).toEqual(["initiating", "pending"]);
  });

  it("lead to one screen of the return page each", () => {
    expect(Object.fromEntries(STATUSES.map((s) => [s, paymentOutcome(s)]))).toEqual({
      initiating: "pending",
      pending: "pending",
      accepted: "success",
      refused: "refused",
      expired: "expired",
      flagged: "flagged",
      failed: "refused",
      voided: "refused",
    });
  });

  it("have a tone each: green when paid, red when refused, amber while waiting", () => {
    expect(Object.keys(PAYMENT_STATUS_TONE).sort()).toEqual([...STATUSES].sort());
    expect(PAYMENT_STATUS_TONE.accepted).toBe("success");
    expect(PAYMENT_STATUS_TONE.refused).toBe("danger");
    expect(PAYMENT_STATUS_TONE.failed).toBe("danger");
    expect(PAYMENT_STATUS_TONE.pending).toBe("warning");
  });
});

describe("addresses", () => {
  it("link the receipt in the interface's language and the invoice with its dialog", () => {
    expect(receiptUrl("p1", "fr")).toBe("/api/payments/p1/receipt/?lang=fr");
    expect(receiptUrl("p1", "en")).toBe("/api/payments/p1/receipt/?lang=en");
    expect(payInvoiceUrl("i1")).toBe("/factures/i1?payer=1");
  });
});
