import { ADMIN_NAV, type AdminNavItem } from "@/components/admin/shell/nav";
import type { AgeingBucketKey } from "./api";

/**
 * Where each figure of the dashboard leads: the back-office list it counts, already filtered.
 * A figure is a link only when the section of its list is ready (the sidebar's `ready` flag):
 * the issue that builds a section turns the flag on and the dashboard's links appear with it.
 * Dates are `YYYY-MM-DD`; the ageing buckets count days past due in Abidjan.
 */
type Range = { from: string; to: string } | undefined;
export type NavSections = readonly Pick<AdminNavItem, "href" | "ready" | "exact">[];

/** The back-office's time zone: "today" for the ageing buckets. */
const TIME_ZONE = "Africa/Abidjan";
const INVOICES = "/admin/facturation/factures";
const PAYMENTS = "/admin/paiements";

/** Whether the page at `href` exists: the section holding it (the longest matching `href`) is ready. */
export function sectionReady(href: string, nav: NavSections = ADMIN_NAV): boolean {
  const path = href.split(/[?#]/)[0].replace(/(.)\/$/, "$1");
  const holders = nav.filter((item) => path === item.href || (!item.exact && path.startsWith(`${item.href}/`)));
  const section = holders.sort((a, b) => b.href.length - a.href.length)[0];
  return section?.ready ?? false;
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Today's date in Abidjan, `YYYY-MM-DD`. */
export function abidjanToday(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** `days` before the calendar day `day` (`YYYY-MM-DD`). */
export function daysBefore(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** Days past due of each bucket, both ends included (as the API counts them). */
const BUCKET_DAYS: Record<AgeingBucketKey, { min: number; max?: number }> = {
  "0_30": { min: 1, max: 30 },
  "31_60": { min: 31, max: 60 },
  "61_90": { min: 61, max: 90 },
  "90_plus": { min: 91 },
};

/** The due dates of the invoices in an ageing bucket on `today`: `due_after` ≤ due date ≤ `due_before`. */
export function ageingDueDates(bucket: AgeingBucketKey, today: string): { due_after?: string; due_before: string } {
  const { min, max } = BUCKET_DAYS[bucket];
  return { due_after: max === undefined ? undefined : daysBefore(today, max), due_before: daysBefore(today, min) };
}

/**
 * The dashboard's links on `today` (Abidjan's by default); each is `undefined` while its page
 * does not exist, and the figure then shows without a link.
 */
export function dashboardLinks({ today = abidjanToday(), nav = ADMIN_NAV }: { today?: string; nav?: NavSections } = {}) {
  const link = (path: string, query: Record<string, string | undefined> = {}) => (sectionReady(path, nav) ? withQuery(path, query) : undefined);
  return {
    invoiced: (range: Range) => link(INVOICES, { issued_after: range?.from, issued_before: range?.to }),
    collected: (range: Range) => link(PAYMENTS, { status: "accepted", from: range?.from, to: range?.to }),
    outstanding: () => link(INVOICES, { status: "unpaid" }),
    overdue: () => link(INVOICES, { status: "overdue" }),
    ageing: (bucket: AgeingBucketKey) => link(INVOICES, { status: "overdue", ...ageingDueDates(bucket, today) }),
    dso: () => link(INVOICES, { status: "unpaid", ordering: "due_date" }),
    operator: (operator: string, range: Range) => link(PAYMENTS, { status: "accepted", operator, from: range?.from, to: range?.to }),
    channel: (channel: string, range: Range) => link(PAYMENTS, { status: "accepted", channel, from: range?.from, to: range?.to }),
    activeProjects: () => link("/admin/projets", { status: "active" }),
    // The projects list's `late` counts a project past its date or with a late milestone.
    lateMilestones: () => link("/admin/projets", { late: "true" }),
    // The board's `late`: open tasks due before today, as the dashboard counts them.
    overdueTasks: () => link("/admin/taches", { due: "late" }),
    openTickets: () => link("/admin/support", { status: "open" }),
    // The inbox's filters (components/admin/support/list-state.ts).
    sla: () => link("/admin/support", { breached: "true" }),
    firstResponse: () => link("/admin/support", { status: "open", ordering: "first_response_due" }),
    journal: () => link("/admin/journal"),
  };
}
