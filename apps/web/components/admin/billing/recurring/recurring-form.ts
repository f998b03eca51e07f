/**
 * Recurring invoices (retainers): the template's form is the billing editor's (./editor/document-form)
 * with a rhythm and due days; `issue_date` is the start date (today or later) and `end_date` the
 * optional last day. The list's state (status, client, page) lives in the address.
 */
import { isUuid } from "@/components/admin/projects/list-state";
import type { components } from "@/lib/api/schema";
import { RECURRING_PATH } from "../paths";
import {
  businessToday,
  canonicalDecimal,
  documentFormValues,
  lineInputs,
  newDocumentValues,
  normalizePercent,
  type DocumentFormValues,
  type EditorDefaults,
} from "../editor/document-form";

type Schemas = components["schemas"];
export type Recurring = Schemas["RecurringDto"];
export type RecurringRequest = Schemas["RecurringRequest"];
export type Rhythm = Schemas["Rhythm"];
export type RecurringStatus = Schemas["RecurringStatus"];

export const RHYTHMS = ["monthly", "quarterly", "yearly"] as const satisfies readonly Rhythm[];
export const RECURRING_STATUSES = ["active", "paused", "stopped", "finished"] as const satisfies readonly RecurringStatus[];
export const DUE_DAYS_MAX = 365;
export const DEFAULT_DUE_DAYS = 30;

export function recurringPath(id?: string): string {
  return id ? `${RECURRING_PATH}/${id}` : `${RECURRING_PATH}/nouvelle`;
}

export type RecurringFormValues = DocumentFormValues & { rhythm: Rhythm; due_days: string };

/** `"30"` → 30; blank → the default; anything outside 0–365 → undefined. */
export function parseDueDays(value: string): number | undefined {
  const text = value.trim();
  if (text === "") return DEFAULT_DUE_DAYS;
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const days = Number(text);
  return days <= DUE_DAYS_MAX ? days : undefined;
}

/** A new template: monthly from today, no end, the settings' terms, one empty line. */
export function newRecurringValues(defaults: Omit<EditorDefaults, "days">, today = businessToday()): RecurringFormValues {
  return { ...newDocumentValues({ ...defaults, days: 0 }, today), end_date: "", rhythm: "monthly", due_days: String(DEFAULT_DUE_DAYS) };
}

/** A saved template as the editor's starting values. */
export function recurringFormValues(template: Recurring): RecurringFormValues {
  const base = documentFormValues(
    {
      ...template,
      items: template.items.map((item, position) => ({ ...item, position })),
      issue_date: template.start_date,
      due_date: template.end_date ?? null,
    } as unknown as Parameters<typeof documentFormValues>[0],
    "invoice",
  );
  return {
    ...base,
    discount: template.discount && Number(template.discount) !== 0 ? canonicalDecimal(template.discount) : "",
    rhythm: template.rhythm,
    due_days: String(template.due_days),
  };
}

/** `POST` / `PATCH /api/admin/recurring-invoices/`: the whole template. */
export function toRecurringRequest(values: RecurringFormValues): RecurringRequest {
  return {
    client_id: values.client_id,
    project_id: values.project_id || null,
    title: values.title.trim(),
    notes: values.notes.trim(),
    payment_terms: values.payment_terms.trim(),
    discount: normalizePercent(values.discount) ?? "0",
    items: lineInputs(values.lines).items,
    rhythm: values.rhythm,
    start_date: values.issue_date,
    end_date: values.end_date || null,
    due_days: parseDueDays(values.due_days) ?? DEFAULT_DUE_DAYS,
  };
}

/** The API's field names that are not the document editor's. */
export function recurringFieldErrors(fieldErrors: Record<string, string[]>): Record<string, string[]> {
  const renamed: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    renamed[key === "start_date" ? "issue_date" : key === "end_date" ? "due_date" : key] = messages;
  }
  return renamed;
}

/** What staff may do to a template in its status. */
export function statusActions(status: RecurringStatus): ("paused" | "active" | "stopped")[] {
  if (status === "active") return ["paused", "stopped"];
  if (status === "paused") return ["active", "stopped"];
  return [];
}

export function isEditable(status: RecurringStatus): boolean {
  return status === "active" || status === "paused";
}

export type RecurringListState = { status: RecurringStatus | ""; client: string; page: number };

export function readRecurringListState(params: Pick<URLSearchParams, "get">): RecurringListState {
  const status = params.get("status") ?? "";
  const client = (params.get("client") ?? "").trim();
  const page = Number(params.get("page"));
  return {
    status: (RECURRING_STATUSES as readonly string[]).includes(status) ? (status as RecurringStatus) : "",
    client: isUuid(client) ? client.toLowerCase() : "",
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export function recurringListSearch(state: RecurringListState): string {
  const out = new URLSearchParams();
  if (state.status) out.set("status", state.status);
  if (state.client) out.set("client", state.client);
  if (state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

export function recurringListParams(state: RecurringListState): { status?: string; client?: string; page: number } {
  return { page: state.page, ...(state.status ? { status: state.status } : {}), ...(state.client ? { client: state.client } : {}) };
}
