/**
 * An import's page keeps its filter and page in the address
 * (`/admin/paiements/rapprochement/{id}?verdict=missing_in_nourx&page=2`): the problems by
 * default, `all` for every line, or one verdict. The imports' list keeps its page (`?page=2`).
 */
import type { components } from "@/lib/api/schema";
import type { PaymentStatus } from "@/lib/api/types";
import { isOpenPayment } from "@/lib/payments";

type Schemas = components["schemas"];
export type Verdict = Schemas["Verdict"];
export type VerdictCounts = Schemas["VerdictCounts"];
export type ReconciliationLine = Schemas["ReconciliationLineDto"];
export type Reconciliation = Schemas["ReconciliationDto"];

/** The verdicts as the chips list them: the problems, then what agrees. */
export const VERDICTS = ["amount_differs", "status_differs", "missing_in_nourx", "missing_in_cinetpay", "matched"] as const satisfies readonly Verdict[];
export const PROBLEM_VERDICTS = VERDICTS.filter((verdict) => verdict !== "matched");

export type LineFilter = "problems" | "all" | Verdict;
/** The chips, in order: "Problèmes" (the default), "Tous", then each verdict. */
export const LINE_FILTERS: readonly LineFilter[] = ["problems", "all", ...VERDICTS];

export const LINES_PAGE_SIZE = 25;
export const IMPORTS_PAGE_SIZE = 10;

export type LinesState = { verdict: LineFilter; page: number };
export const DEFAULT_LINES: LinesState = { verdict: "problems", page: 1 };

type Params = Pick<URLSearchParams, "get">;

function pageOf(params: Params): number {
  const page = Number(params.get("page"));
  return Number.isInteger(page) && page > 1 ? page : 1;
}

export function readLinesState(params: Params): LinesState {
  const verdict = params.get("verdict") ?? "";
  return { verdict: (LINE_FILTERS as readonly string[]).includes(verdict) ? (verdict as LineFilter) : "problems", page: pageOf(params) };
}

/** `verdict=all&page=2`: what differs from the defaults. */
export function linesSearch(state: LinesState): string {
  const out = new URLSearchParams();
  if (state.verdict !== "problems") out.set("verdict", state.verdict);
  if (state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

/** The query of `GET /api/admin/reconciliations/{id}/lines/` ("Tous" is the API's default). */
export function linesQuery(state: LinesState): { verdict?: string; page: number; page_size: number } {
  const query: { verdict?: string; page: number; page_size: number } = { page: state.page, page_size: LINES_PAGE_SIZE };
  if (state.verdict !== "all") query.verdict = state.verdict;
  return query;
}

/** The imports' page from the address. */
export function readImportsPage(params: Params): number {
  return pageOf(params);
}

export function problemCount(counts: VerdictCounts): number {
  return PROBLEM_VERDICTS.reduce((sum, verdict) => sum + counts[verdict], 0);
}

/** How many lines a chip shows. */
export function filterCount(counts: VerdictCounts, filter: LineFilter): number {
  if (filter === "problems") return problemCount(counts);
  if (filter === "all") return problemCount(counts) + counts.matched;
  return counts[filter];
}

export function pageCount(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

export const VERDICT_TONE = {
  matched: "success",
  amount_differs: "danger",
  status_differs: "warning",
  missing_in_nourx: "progress",
  missing_in_cinetpay: "info",
} as const satisfies Record<Verdict, "success" | "danger" | "warning" | "progress" | "info">;

/**
 * What staff do about a line, by what each side says:
 * - `recheck`: NOURX still waits for CinetPay's answer — "Vérifier maintenant" on the payment;
 * - `resolve`: NOURX flagged the money CinetPay took — an admin decides on the payment;
 * - `not_applied`: CinetPay took the money, NOURX holds the payment as refused or expired;
 * - `not_confirmed`: NOURX applied a payment CinetPay does not give as received;
 * - `amount`: the amounts (or currencies) differ;
 * - `unknown`: on the statement only — look for it in CinetPay's back-office;
 * - `not_on_statement`: paid in NOURX within the period, absent from the statement.
 */
export type NextStep = "recheck" | "resolve" | "not_applied" | "not_confirmed" | "amount" | "unknown" | "not_on_statement";

export function nextStep(line: Pick<ReconciliationLine, "verdict" | "statement" | "payment">): NextStep | null {
  const status: PaymentStatus | undefined = line.payment?.status;
  switch (line.verdict) {
    case "matched":
      return null;
    case "missing_in_nourx":
      return "unknown";
    case "missing_in_cinetpay":
      // Put right since the import (refunded, re-checked): nothing is left to do but look.
      return status && isOpenPayment(status) ? "recheck" : "not_on_statement";
    case "amount_differs":
      return "amount";
    case "status_differs":
      if (!status) return null;
      if (isOpenPayment(status)) return "recheck";
      if (status === "flagged") return "resolve";
      if (status === "accepted") return "not_confirmed";
      return "not_applied";
  }
}

/** A statement's date ("Abidjan time", written without a zone) as the instant it is. */
export function statementInstant(date: string): string {
  return /(?:Z|[+-]\d{2}:?\d{2})$/.test(date) ? date : `${date}Z`;
}

/**
 * The lines that may explain a difference of totals: what CinetPay has and NOURX lacks when the
 * statement says more (`difference` > 0), the reverse when it says less; differing amounts and
 * statuses both ways. Only those with lines, in the chips' order.
 */
export function differenceCauses(counts: VerdictCounts, difference: number): Verdict[] {
  if (difference === 0) return [];
  const candidates: Verdict[] = difference > 0 ? ["missing_in_nourx", "status_differs", "amount_differs"] : ["missing_in_cinetpay", "status_differs", "amount_differs"];
  return VERDICTS.filter((verdict) => candidates.includes(verdict) && counts[verdict] > 0);
}
