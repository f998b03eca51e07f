/**
 * Bulk actions on the staff invoice list: "Envoyer" the selected drafts, "Relancer" the selected
 * unpaid invoices, through `POST /api/invoices/bulk/`, where each invoice succeeds or fails on its
 * own. The ids go in small batches so the dialog can show real progress.
 */
import type { BulkAction, BulkResult, Invoice } from "@/lib/api/types";

export type { BulkAction, BulkResult };

/** The API's limit per request. */
export const BULK_LIMIT = 100;
/** Invoices per request: enough to be quick, few enough for the progress bar to move. */
export const BULK_BATCH = 5;

/** The refusals the dialog puts in words; any other code reads as a generic failure. */
export const BULK_FAILURES = ["invalid_transition", "not_unpaid", "recently_reminded", "not_found"] as const;
export type BulkFailure = (typeof BULK_FAILURES)[number] | "other";

type Row = Pick<Invoice, "id" | "status">;

/** Whether the action applies to an invoice: drafts are sent, sent or partly paid ones reminded. */
export function isBulkEligible(action: BulkAction, invoice: Pick<Invoice, "status">): boolean {
  if (action === "send") return invoice.status === "draft";
  return invoice.status === "sent" || invoice.status === "partially_paid";
}

/** The selected rows the action applies to, in the list's order (the others are left aside). */
export function eligibleIds(action: BulkAction, rows: Row[], selected: ReadonlySet<string>): string[] {
  return rows.filter((row) => selected.has(row.id) && isBulkEligible(action, row)).map((row) => row.id);
}

export function batches<T>(items: T[], size = BULK_BATCH): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export function failureOf(code: string | null | undefined): BulkFailure {
  return (BULK_FAILURES as readonly string[]).includes(code ?? "") ? (code as BulkFailure) : "other";
}

export type BulkSummary = { done: string[]; failed: { id: string; reason: BulkFailure; detail: string | null }[] };

/** What went through and what did not, with why. */
export function summarize(results: BulkResult[]): BulkSummary {
  const summary: BulkSummary = { done: [], failed: [] };
  for (const result of results) {
    if (result.ok) summary.done.push(result.id);
    else summary.failed.push({ id: result.id, reason: failureOf(result.code), detail: result.detail ?? null });
  }
  return summary;
}

/**
 * The rows still selected: a change of page or filters keeps nothing that left the screen, so an
 * action never touches an invoice staff cannot see.
 */
export function visibleSelection(selected: ReadonlySet<string>, rows: Pick<Invoice, "id">[]): Set<string> {
  return new Set(rows.filter((row) => selected.has(row.id)).map((row) => row.id));
}
