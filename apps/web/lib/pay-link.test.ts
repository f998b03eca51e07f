import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { ApiError } from "./api/errors";
import {
  isPaymentId,
  linkProblem,
  linkProblemOf,
  linkTokenFor,
  parseValidityDays,
  payView,
  rememberLink,
  retryMinutes,
  shareMessage,
  smsHref,
  startProblem,
  whatsAppHref,
  withLang,
} from "./pay-link";

const URL_43 = "https://app.nourx.ci/payer/3q2-7wEvbIqRvA6ZlX1kO4k7y5hV9Dq2n0nXgq4bq1o";

function translator(locale: "fr" | "en") {
  const t = createTranslator({ locale, messages: locale === "fr" ? fr : en, namespace: "payLink.share" });
  return (key: "message" | "messageUntil", values: Record<string, string>) => t(key, values);
}

describe("shareMessage", () => {
  const facts = { number: "NX-2026-0042", balance: 150_000, currency: "XOF", url: URL_43 };

  it("says the number, the balance as people write it, and ends with the link", () => {
    const text = shareMessage(translator("fr"), facts, "fr");
    expect(text).toBe(`Facture NOURX NX-2026-0042 : 150\u202f000\u00a0FCFA à régler. Payez en ligne par Mobile Money ou carte : ${URL_43}`);
    expect(text.endsWith(URL_43)).toBe(true);
  });

  it("gives the link's last day when known, as 23/11/2026", () => {
    const text = shareMessage(translator("fr"), { ...facts, expiresAt: "2026-11-23T10:00:00Z" }, "fr");
    expect(text).toContain("avant le 23/11/2026 : ");
    expect(text.endsWith(URL_43)).toBe(true);
  });

  it("reads in English for an English interface", () => {
    const text = shareMessage(translator("en"), { ...facts, expiresAt: "2026-11-23T10:00:00Z" }, "en");
    expect(text).toBe(`NOURX invoice NX-2026-0042: 150,000\u00a0FCFA to pay. Pay online by Mobile Money or card before 23/11/2026: ${URL_43}`);
  });
});

describe("share addresses", () => {
  const message = "Facture NX-2026-0042 : 150\u202f000\u00a0FCFA à régler & payer : https://x.ci/payer/a_b-c?d=1";

  it("opens WhatsApp with the whole message, encoded once", () => {
    const href = whatsAppHref(message);
    expect(href.startsWith("https://wa.me/?text=")).toBe(true);
    expect(decodeURIComponent(href.slice("https://wa.me/?text=".length))).toBe(message);
    // Nothing that would cut the message short or start another parameter.
    expect(href.slice(20)).not.toMatch(/[ &?#]/);
  });

  it("opens the messages app with the text as its body", () => {
    const href = smsHref(message);
    expect(href.startsWith("sms:?body=")).toBe(true);
    expect(decodeURIComponent(href.slice("sms:?body=".length))).toBe(message);
  });

  it("asks for PDFs in the interface's language", () => {
    expect(withLang("/api/public/pay/t/pdf/", "en")).toBe("/api/public/pay/t/pdf/?lang=en");
    expect(withLang("/api/x/?a=1", "fr")).toBe("/api/x/?a=1&lang=fr");
  });
});

describe("linkProblem", () => {
  it("sorts the API's answers into what the page says", () => {
    expect(linkProblem(404)).toEqual({ kind: "invalid" });
    expect(linkProblem(410, "link_expired", "Ce lien de paiement a expiré.")).toEqual({ kind: "expired", message: "Ce lien de paiement a expiré." });
    expect(linkProblem(410, "link_revoked", "  ")).toEqual({ kind: "revoked", message: null });
    expect(linkProblem(429, "throttled", null, 120)).toEqual({ kind: "throttled", retryAfter: 120 });
    expect(linkProblem(429, "throttled", null, Number.NaN)).toEqual({ kind: "throttled", retryAfter: 60 });
    expect(linkProblem(502, "api_unavailable")).toEqual({ kind: "unavailable" });
    expect(linkProblem(500)).toEqual({ kind: "unavailable" });
  });

  it("reads an ApiError thrown by unwrap, and a network failure", () => {
    expect(linkProblemOf(new ApiError(410, { code: "link_revoked", detail: "Ce lien de paiement a été désactivé." }))).toEqual({
      kind: "revoked",
      message: "Ce lien de paiement a été désactivé.",
    });
    expect(linkProblemOf(new ApiError(429, { code: "throttled", detail: "…" }, 30))).toEqual({ kind: "throttled", retryAfter: 30 });
    expect(linkProblemOf(new TypeError("Failed to fetch"))).toEqual({ kind: "unavailable" });
  });

  it("says minutes, never zero", () => {
    expect(retryMinutes(1)).toBe(1);
    expect(retryMinutes(60)).toBe(1);
    expect(retryMinutes(61)).toBe(2);
  });
});

describe("startProblem", () => {
  it("puts an amount refused under the amount", () => {
    expect(startProblem(new ApiError(400, { amount: ["Le montant minimum est de 100 FCFA."] }))).toEqual({
      kind: "amount",
      text: "Le montant minimum est de 100 FCFA.",
    });
  });

  it("offers to resume a payment already open", () => {
    const error = new ApiError(409, { code: "payment_in_progress", detail: "Un paiement est en cours.", payment_id: "p1", checkout_url: "https://c/1" });
    expect(startProblem(error)).toEqual({ kind: "inProgress", text: "Un paiement est en cours.", checkoutUrl: "https://c/1", paymentId: "p1" });
  });

  it("knows a paid invoice, CinetPay away, and the link itself", () => {
    expect(startProblem(new ApiError(409, { code: "not_payable", detail: "Réglée." }))).toEqual({ kind: "notPayable", text: "Réglée." });
    expect(startProblem(new ApiError(503, { code: "payment_provider_unavailable", detail: "CinetPay…" }))).toEqual({ kind: "unavailable", text: "CinetPay…" });
    expect(startProblem(new ApiError(410, { code: "link_expired", detail: "Expiré." }))).toEqual({
      kind: "link",
      problem: { kind: "expired", message: "Expiré." },
    });
    expect(startProblem(new ApiError(404, { code: "not_found", detail: "…" }))).toEqual({ kind: "link", problem: { kind: "invalid" } });
    expect(startProblem(new TypeError("Failed to fetch"))).toEqual({ kind: "message", text: null });
  });
});

describe("payView", () => {
  const payment = { can_pay: true, reason: null, open_payment: null };

  it("offers the form when the link may pay", () => {
    expect(payView({ status: "sent", balance_due: 1000, payment })).toEqual({ kind: "pay" });
  });

  it("thanks for a paid invoice, and says a cancelled one asks nothing", () => {
    expect(payView({ status: "paid", balance_due: 0, payment: { can_pay: false, reason: "not_payable" } })).toEqual({ kind: "paid" });
    expect(payView({ status: "cancelled", balance_due: 0, payment: { can_pay: false, reason: "not_payable" } })).toEqual({ kind: "closed" });
    expect(payView({ status: "credited", balance_due: 0, payment: { can_pay: false, reason: "not_payable" } })).toEqual({ kind: "closed" });
  });

  it("resumes a payment in progress", () => {
    const open = { id: "p1", checkout_url: "https://c/1" };
    expect(payView({ status: "partially_paid", balance_due: 500, payment: { can_pay: false, reason: "in_progress", open_payment: open } })).toEqual({
      kind: "inProgress",
      paymentId: "p1",
      checkoutUrl: "https://c/1",
    });
  });

  it("explains why not otherwise", () => {
    expect(payView({ status: "sent", balance_due: 50, payment: { can_pay: false, reason: "below_minimum" } })).toEqual({ kind: "belowMinimum" });
    expect(payView({ status: "sent", balance_due: 0, payment: { can_pay: false, reason: "nothing_due" } })).toEqual({ kind: "paid" });
    expect(payView({ status: "sent", balance_due: 10, payment: { can_pay: false, reason: "not_payable" } })).toEqual({ kind: "nothing" });
  });
});

describe("the token across CinetPay's page", () => {
  function memory() {
    const map = new Map<string, string>();
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
  }

  it("finds the link of a payment, else the latest link of the tab", () => {
    const store = memory();
    expect(linkTokenFor(store, "p1")).toBeNull();
    expect(rememberLink(store, "token-a", "p1")).toBe(true);
    rememberLink(store, "token-b", "p2");
    expect(linkTokenFor(store, "p1")).toBe("token-a");
    expect(linkTokenFor(store, "p2")).toBe("token-b");
    expect(linkTokenFor(store, "p3")).toBe("token-b");
  });

  it("survives a browser that refuses storage", () => {
    const refusing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(rememberLink(refusing, "t", "p")).toBe(false);
    expect(linkTokenFor(refusing, "p")).toBeNull();
    expect(linkTokenFor(null, "p")).toBeNull();
  });

  it("asks only for payment ids", () => {
    expect(isPaymentId("0193a7c2-5b1e-7c3d-9f00-123456789abc")).toBe(true);
    expect(isPaymentId("../../admin")).toBe(false);
    expect(isPaymentId(undefined)).toBe(false);
  });
});

describe("parseValidityDays", () => {
  it("takes 1 to 90 whole days", () => {
    expect(parseValidityDays("30")).toBe(30);
    expect(parseValidityDays(" 1 ")).toBe(1);
    expect(parseValidityDays("90")).toBe(90);
    for (const bad of ["0", "91", "", "7.5", "-3", "trente"]) expect(parseValidityDays(bad)).toBeNull();
  });
});
