/**
 * The support inbox's state lives in the address (`/admin/support?status=open&assignee=me&at_risk=true`):
 * a reload, the back button and a shared link show the same list. Defaults are left out.
 */
import { PRIORITIES, TICKET_STATUSES, type Priority, type TicketStatus } from "@/lib/api/types";

export const SUPPORT_PATH = "/admin/support";

export const TICKET_ORDERINGS = [
  "time_left",
  "-time_left",
  "updated_at",
  "-updated_at",
  "created_at",
  "-created_at",
  "priority",
  "-priority",
  "number",
  "-number",
  "first_response_due",
  "-first_response_due",
  "resolution_due",
  "-resolution_due",
] as const;
export type TicketOrdering = (typeof TICKET_ORDERINGS)[number];

/** `me` and `none` are the inbox's shortcuts; anything else is a staff member's id. */
export type AssigneeFilter = "" | "me" | "none" | string;

export type InboxState = {
  q: string;
  status: TicketStatus | "";
  priority: Priority | "";
  assignee: AssigneeFilter;
  client: string;
  project: string;
  breached: boolean;
  at_risk: boolean;
  ordering: TicketOrdering;
  page: number;
};

/** Open tickets first, the nearest deadline on top: what needs an answer now. */
export const DEFAULT_INBOX: InboxState = {
  q: "",
  status: "",
  priority: "",
  assignee: "",
  client: "",
  project: "",
  breached: false,
  at_risk: false,
  ordering: "time_left",
  page: 1,
};

export const INBOX_PAGE_SIZE = 25;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = Pick<URLSearchParams, "get">;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | "" {
  return (allowed as readonly string[]).includes(value ?? "") ? (value as T) : "";
}

function idParam(params: Params, name: string): string {
  const value = (params.get(name) ?? "").trim();
  return UUID.test(value) ? value.toLowerCase() : "";
}

export function readInboxState(params: Params): InboxState {
  const assignee = (params.get("assignee") ?? "").trim();
  const page = Number(params.get("page"));
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    status: oneOf(params.get("status"), TICKET_STATUSES),
    priority: oneOf(params.get("priority"), PRIORITIES),
    assignee: assignee === "me" || assignee === "none" || UUID.test(assignee) ? assignee.toLowerCase() : "",
    client: idParam(params, "client"),
    project: idParam(params, "project"),
    breached: params.get("breached") === "true",
    at_risk: params.get("at_risk") === "true",
    ordering: oneOf(params.get("ordering"), TICKET_ORDERINGS) || DEFAULT_INBOX.ordering,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Only what differs from the defaults, in a stable order. */
export function inboxSearch(state: InboxState): string {
  const out = new URLSearchParams();
  for (const key of ["q", "status", "priority", "assignee", "client", "project"] as const) if (state[key]) out.set(key, state[key]);
  if (state.breached) out.set("breached", "true");
  if (state.at_risk) out.set("at_risk", "true");
  if (state.ordering !== DEFAULT_INBOX.ordering) out.set("ordering", state.ordering);
  if (state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

/** A change of filters or sort goes back to the first page. */
export function withInboxChange(state: InboxState, change: Partial<InboxState>): InboxState {
  const resetsPage = Object.keys(change).some((key) => key !== "page");
  return { ...state, ...change, page: resetsPage && change.page === undefined ? 1 : (change.page ?? state.page) };
}

export type InboxQuery = {
  search?: string;
  status?: string;
  priority?: string;
  assigned_to?: string;
  unassigned?: boolean;
  client?: string;
  project?: string;
  breached?: boolean;
  at_risk?: boolean;
  ordering: string;
  page: number;
  page_size: number;
};

/** The query of `GET /api/tickets/`; "me" needs the signed-in person's id. */
export function inboxParams(state: InboxState, meId: string | undefined): InboxQuery {
  return {
    search: state.q || undefined,
    status: state.status || undefined,
    priority: state.priority || undefined,
    assigned_to: state.assignee === "me" ? meId : state.assignee && state.assignee !== "none" ? state.assignee : undefined,
    unassigned: state.assignee === "none" ? true : undefined,
    client: state.client || undefined,
    project: state.project || undefined,
    breached: state.breached || undefined,
    at_risk: state.at_risk || undefined,
    ordering: state.ordering,
    page: state.page,
    page_size: INBOX_PAGE_SIZE,
  };
}

export type InboxChip = "q" | "status" | "priority" | "assignee" | "client" | "project" | "breached" | "at_risk";

/** The filters in use, each a chip that removes it. */
export function activeInboxChips(state: InboxState): InboxChip[] {
  return (["q", "status", "priority", "assignee", "client", "project", "breached", "at_risk"] as const).filter((key) => Boolean(state[key]));
}

export function clearedInboxChip(key: InboxChip): Partial<InboxState> {
  return key === "breached" || key === "at_risk" ? { [key]: false } : { [key]: "" };
}

export function withoutInboxFilters(state: InboxState): InboxState {
  return { ...DEFAULT_INBOX, ordering: state.ordering };
}

export function pageCount(count: number, pageSize = INBOX_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
