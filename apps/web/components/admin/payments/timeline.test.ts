import { describe, expect, it } from "vitest";
import type { PaymentCheck, PaymentDto, PaymentJournal, PaymentNotification } from "@/lib/api/types";
import { checkTone, entryKey, isSuspectNotification, paymentTimeline } from "./timeline";

const base: Pick<PaymentDto, "created_at" | "settled_at" | "status" | "expires_at" | "voided_at" | "void_reason" | "initiated_by_name" | "source"> = {
  created_at: "2026-11-23T10:00:00Z",
  settled_at: null,
  status: "pending",
  expires_at: "2026-11-24T10:00:00Z",
  voided_at: null,
  void_reason: null,
  initiated_by_name: "Awa Koné",
  source: "cinetpay",
};

const check = (id: number, at: string, outcome: PaymentCheck["outcome"] = "pending", trigger: PaymentCheck["trigger"] = "notification"): PaymentCheck => ({
  id,
  at,
  trigger,
  http_status: 200,
  code: outcome === "settled" ? "00" : "662",
  status: outcome === "settled" ? "ACCEPTED" : "WAITING_FOR_CUSTOMER",
  outcome,
  error: null,
});
const notification = (id: number, at: string, verdict: PaymentNotification["verdict"] = "valid"): PaymentNotification => ({ id, received_at: at, verdict, remote_addr: "203.0.113.7", body: "cpm_trans_id=NXP-1" });

describe("a payment's timeline", () => {
  it("starts with the initialisation alone while the journal loads", () => {
    expect(paymentTimeline(base, undefined)).toEqual([{ kind: "created", at: base.created_at, by: "Awa Koné", offline: false }]);
  });

  it("merges notifications and checks by time, the settlement last", () => {
    const journal: PaymentJournal = {
      notifications: [notification(7, "2026-11-23T10:02:00Z", "ping"), notification(8, "2026-11-23T10:02:01Z"), notification(9, "2026-11-23T10:01:00Z", "bad_token")],
      checks: [check(3, "2026-11-23T10:01:30Z", "pending", "status"), check(4, "2026-11-23T10:02:02Z", "settled")],
    };
    const timeline = paymentTimeline({ ...base, status: "accepted", settled_at: "2026-11-23T10:02:02Z" }, journal);
    expect(timeline.map(entryKey)).toEqual(["created", "notification-9", "check-3", "notification-7", "notification-8", "check-4", "settled"]);
  });

  it("puts a notification before the check it triggered at the same instant, and ids in order", () => {
    const at = "2026-11-23T10:05:00Z";
    const journal: PaymentJournal = { notifications: [notification(2, at), notification(1, at)], checks: [check(5, at)] };
    expect(paymentTimeline(base, journal).map(entryKey)).toEqual(["created", "notification-1", "notification-2", "check-5"]);
  });

  it("compares instants, not the text of their offsets", () => {
    const journal: PaymentJournal = {
      notifications: [notification(1, "2026-11-23T11:30:00+01:00")],
      checks: [check(1, "2026-11-23T10:20:00Z")],
    };
    expect(paymentTimeline(base, journal).map(entryKey)).toEqual(["created", "check-1", "notification-1"]);
  });

  it("ends an expired payment with its expiry", () => {
    const timeline = paymentTimeline({ ...base, status: "expired" }, { notifications: [], checks: [check(1, "2026-11-23T11:00:00Z", "pending", "reconciliation")] });
    expect(timeline.map((entry) => entry.kind)).toEqual(["created", "check", "expired"]);
    expect(timeline[2].at).toBe(base.expires_at);
  });

  it("tells an offline payment's story: recorded, then voided with its reason", () => {
    const offline = { ...base, source: "offline" as const, status: "voided" as const, settled_at: base.created_at, voided_at: "2026-11-25T09:00:00Z", void_reason: "Chèque sans provision" };
    expect(paymentTimeline(offline, { notifications: [], checks: [] })).toEqual([
      { kind: "created", at: base.created_at, by: "Awa Koné", offline: true },
      { kind: "voided", at: "2026-11-25T09:00:00Z", reason: "Chèque sans provision" },
    ]);
  });
});

describe("reading the journal", () => {
  it("colours a check by what it did", () => {
    expect(checkTone({ outcome: "settled" })).toBe("success");
    expect(checkTone({ outcome: "flagged" })).toBe("danger");
    expect(checkTone({ outcome: "unavailable" })).toBe("warning");
    expect(checkTone({ outcome: "pending" })).toBe("neutral");
    expect(checkTone({ outcome: "ignored" })).toBe("neutral");
  });

  it("marks the notifications that were not CinetPay's word", () => {
    expect(isSuspectNotification({ verdict: "bad_token" })).toBe(true);
    expect(isSuspectNotification({ verdict: "valid" })).toBe(false);
    expect(isSuspectNotification({ verdict: "ping" })).toBe(false);
  });
});
