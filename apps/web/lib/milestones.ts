import type { Milestone, Task } from "./api/types";

/** The anchor of a milestone on its project page: notifications link to `/projets/{id}#jalon-{id}`. */
export function milestoneAnchor(id: string): string {
  return `jalon-${id}`;
}

/** The milestone a `#jalon-<id>` address points at, or null. */
export function milestoneIdFromHash(hash: string): string | null {
  const match = /^#?jalon-([0-9a-fA-F-]{1,64})$/.exec(hash.trim());
  return match ? match[1] : null;
}

/** What approving a milestone bills: an amount before tax, a share of the accepted quote, or nothing. */
export type MilestoneBilling =
  | { kind: "amount"; amount: number }
  | { kind: "percent"; percent: number }
  | { kind: "none" };

/** A share of the quote reads as the amount it comes to (`billed_amount`) when the API knows it. */
export function milestoneBilling(
  milestone: Pick<Milestone, "amount" | "quote_percent"> & Partial<Pick<Milestone, "billed_amount">>,
): MilestoneBilling {
  if (milestone.amount != null && milestone.amount > 0) return { kind: "amount", amount: milestone.amount };
  if (milestone.quote_percent != null && milestone.quote_percent > 0) {
    if (milestone.billed_amount != null && milestone.billed_amount > 0) return { kind: "amount", amount: milestone.billed_amount };
    return { kind: "percent", percent: milestone.quote_percent };
  }
  return { kind: "none" };
}

/** Milestones waiting for the client's word, the longest-waiting first. */
export function awaitingApproval<T extends Pick<Milestone, "status" | "submitted_at" | "due_date">>(milestones: readonly T[]): T[] {
  return milestones
    .filter((m) => m.status === "awaiting_approval")
    .sort((a, b) => (a.submitted_at ?? a.due_date ?? "").localeCompare(b.submitted_at ?? b.due_date ?? ""));
}

/** What was delivered for a milestone: its tasks, done ones first, then in board order. */
export function milestoneTasks<T extends Pick<Task, "milestone_id" | "status" | "position">>(tasks: readonly T[], milestoneId: string): T[] {
  return tasks
    .filter((task) => task.milestone_id === milestoneId)
    .sort((a, b) => Number(b.status === "done") - Number(a.status === "done") || a.position - b.position);
}

/**
 * The timeline's order: the order NOURX set (`position`), then the due date. The list comes from
 * the API by due date, which the dashboard shares.
 */
export function inProjectOrder<T extends Pick<Milestone, "position" | "due_date">>(milestones: readonly T[]): T[] {
  return [...milestones].sort(
    (a, b) => a.position - b.position || (a.due_date ?? "9999").localeCompare(b.due_date ?? "9999"),
  );
}
