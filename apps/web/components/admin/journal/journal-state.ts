/** The journal's filters in the address: `/admin/journal?client=…&actor=…&kind=billing&page=2`. */
import { isActivityKind, type ActivityParams } from "@/lib/api/admin";
import type { components } from "@/lib/api/schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readJournalState(params: Pick<URLSearchParams, "get">): ActivityParams {
  const client = params.get("client") ?? "";
  const actor = params.get("actor") ?? "";
  const kind = params.get("kind") ?? "";
  return {
    client: UUID.test(client) ? client : undefined,
    actor: UUID.test(actor) ? actor : undefined,
    kind: isActivityKind(kind) ? kind : undefined,
    page: pageOf(params),
  };
}

export function journalSearch(state: ActivityParams): string {
  const out = new URLSearchParams();
  if (state.client) out.set("client", state.client);
  if (state.actor) out.set("actor", state.actor);
  if (state.kind) out.set("kind", state.kind);
  if (state.page && state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

function pageOf(params: Pick<URLSearchParams, "get">): number {
  const page = Number(params.get("page"));
  return Number.isInteger(page) && page > 1 ? page : 1;
}

function pick<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((known) => known === value);
}

export type JobStatus = components["schemas"]["JobStatus"];
/** The filter's order: the ones that need a look first. */
export const JOB_STATUSES = ["dead", "queued", "running", "done"] as const satisfies readonly JobStatus[];
export type JobsState = { status?: JobStatus; page: number };

/** The background jobs' filters in the address: `/admin/journal/travaux?status=dead&page=2`. */
export function readJobsState(params: Pick<URLSearchParams, "get">): JobsState {
  return { status: pick(JOB_STATUSES, params.get("status")), page: pageOf(params) };
}

export function jobsSearch(state: Partial<JobsState>): string {
  const out = new URLSearchParams();
  if (state.status) out.set("status", state.status);
  if (state.page && state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

export const EMAIL_STATUSES = ["pending", "sent", "failed", "kept"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
export const EMAIL_TEMPLATES = ["invitation", "password_reset", "ticket_created", "ticket_reply"] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];
export type EmailsState = { to?: string; status?: EmailStatus; template?: EmailTemplate; page: number };

/** The mail viewer's filters in the address: `/admin/journal/emails?status=failed&to=awa@…&template=invitation&page=2`. */
export function readEmailsState(params: Pick<URLSearchParams, "get">): EmailsState {
  const to = params.get("to")?.trim().slice(0, 254);
  return {
    to: to || undefined,
    status: pick(EMAIL_STATUSES, params.get("status")),
    template: pick(EMAIL_TEMPLATES, params.get("template")),
    page: pageOf(params),
  };
}

export function emailsSearch(state: Partial<EmailsState>): string {
  const out = new URLSearchParams();
  if (state.to) out.set("to", state.to);
  if (state.status) out.set("status", state.status);
  if (state.template) out.set("template", state.template);
  if (state.page && state.page > 1) out.set("page", String(state.page));
  return out.toString();
}
