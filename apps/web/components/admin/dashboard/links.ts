import type { AgeingBucketKey } from "./api";

/**
 * Where each figure of the dashboard leads: the back-office list it counts, already filtered.
 * Most of these pages come with later issues (billing, payments, projects, support); the links
 * are written now against their planned addresses and filters. Dates are `YYYY-MM-DD`.
 */
type Range = { from: string; to: string } | undefined;

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const INVOICES = "/admin/facturation/factures";
const PAYMENTS = "/admin/paiements";

export const dashboardLinks = {
  invoiced: (range: Range) => withQuery(INVOICES, { issued_from: range?.from, issued_to: range?.to }),
  collected: (range: Range) => withQuery(PAYMENTS, { status: "accepted", from: range?.from, to: range?.to }),
  outstanding: () => withQuery(INVOICES, { status: "unpaid" }),
  overdue: () => withQuery(INVOICES, { status: "overdue" }),
  ageing: (bucket: AgeingBucketKey) => withQuery(INVOICES, { status: "overdue", age: bucket }),
  dso: () => withQuery(INVOICES, { status: "unpaid", ordering: "due_date" }),
  operator: (operator: string, range: Range) => withQuery(PAYMENTS, { status: "accepted", operator, from: range?.from, to: range?.to }),
  channel: (channel: string, range: Range) => withQuery(PAYMENTS, { status: "accepted", channel, from: range?.from, to: range?.to }),
  activeProjects: () => withQuery("/admin/projets", { status: "active" }),
  lateMilestones: () => withQuery("/admin/projets", { milestones: "late" }),
  overdueTasks: () => withQuery("/admin/taches", { due: "overdue" }),
  openTickets: () => withQuery("/admin/support", { status: "open" }),
  sla: () => withQuery("/admin/support", { sla: "breached" }),
  firstResponse: () => withQuery("/admin/support", { ordering: "-first_response" }),
  journal: () => "/admin/journal",
};
