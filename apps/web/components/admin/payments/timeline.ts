/**
 * A payment's whole story as one timeline: its start, every notification CinetPay sent (valid or
 * not), every check we made and what it did, then its settlement, voiding or expiry. The payment
 * gives the milestones, `GET /api/payments/{id}/journal/` the rest; this merges them by time.
 */
import type { PaymentCheck, PaymentDto, PaymentJournal, PaymentNotification } from "@/lib/api/types";

export type TimelineEntry =
  | { kind: "created"; at: string; by: string | null; offline: boolean }
  | { kind: "notification"; at: string; notification: PaymentNotification }
  | { kind: "check"; at: string; check: PaymentCheck }
  | { kind: "settled"; at: string }
  | { kind: "voided"; at: string; reason: string | null }
  | { kind: "expired"; at: string };

/** Between two entries of the same instant, the order in which they happen. */
const RANK: Record<TimelineEntry["kind"], number> = {
  created: 0,
  notification: 1,
  check: 2,
  settled: 3,
  expired: 4,
  voided: 5,
};

type TimelinePayment = Pick<PaymentDto, "created_at" | "settled_at" | "status" | "expires_at" | "voided_at" | "void_reason" | "initiated_by_name" | "source">;

function time(at: string): number {
  const value = Date.parse(at);
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
}

/** Each entry's key for React: unique within one payment's timeline. */
export function entryKey(entry: TimelineEntry): string {
  if (entry.kind === "notification") return `notification-${entry.notification.id}`;
  if (entry.kind === "check") return `check-${entry.check.id}`;
  return entry.kind;
}

/**
 * Oldest first. Entries of the same instant keep the order things happen in (a notification
 * before the check it triggered, a check before the settlement it made), then the journal's ids.
 */
export function paymentTimeline(payment: TimelinePayment, journal: PaymentJournal | undefined): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    { kind: "created", at: payment.created_at, by: payment.initiated_by_name ?? null, offline: payment.source === "offline" },
  ];
  for (const notification of journal?.notifications ?? []) entries.push({ kind: "notification", at: notification.received_at, notification });
  for (const check of journal?.checks ?? []) entries.push({ kind: "check", at: check.at, check });
  // An offline payment is settled as it is recorded: its creation says it all.
  if (payment.settled_at && payment.source !== "offline") entries.push({ kind: "settled", at: payment.settled_at });
  if (payment.status === "expired") entries.push({ kind: "expired", at: payment.expires_at });
  if (payment.voided_at) entries.push({ kind: "voided", at: payment.voided_at, reason: payment.void_reason ?? null });
  const id = (entry: TimelineEntry) => (entry.kind === "notification" ? entry.notification.id : entry.kind === "check" ? entry.check.id : 0);
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => time(a.entry.at) - time(b.entry.at) || RANK[a.entry.kind] - RANK[b.entry.kind] || id(a.entry) - id(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}

/** How a check's result reads: a good answer, a bad one, or one that changes nothing yet. */
export type CheckTone = "success" | "danger" | "warning" | "neutral";

export function checkTone(check: Pick<PaymentCheck, "outcome">): CheckTone {
  switch (check.outcome) {
    case "settled":
      return "success";
    case "refused":
    case "flagged":
      return "danger";
    case "unavailable":
      return "warning";
    default:
      return "neutral";
  }
}

/** A notification that was not CinetPay's (or not about us): kept as evidence, changed nothing. */
export function isSuspectNotification(notification: Pick<PaymentNotification, "verdict">): boolean {
  return notification.verdict === "bad_token" || notification.verdict === "unknown_transaction" || notification.verdict === "malformed";
}
