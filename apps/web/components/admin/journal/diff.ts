/**
 * An audit entry's `diff` (an AuditDiff of lib/api/admin) as rows of a before/after table. The API writes `{field: [before, after]}`
 * for a change and `{field: value}` for a creation (no "before"); anything else is shown as is.
 */

export type DiffRow = { field: string; before: string | null; after: string | null; kind: "changed" | "set" };

/** One value as text: `null`/absent as `null` (the table shows "—"), objects as compact JSON. */
export function diffValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The table's rows, by field name; a `[before, after]` pair is a change, any other value a creation. */
export function diffRows(diff: unknown): DiffRow[] {
  if (!diff || typeof diff !== "object" || Array.isArray(diff)) return [];
  return Object.entries(diff)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, value]): DiffRow => {
      if (Array.isArray(value) && value.length === 2) {
        return { field, before: diffValue(value[0]), after: diffValue(value[1]), kind: "changed" };
      }
      return { field, before: null, after: diffValue(value), kind: "set" };
    });
}

/** Whether the entry has anything to expand into. */
export function hasDiff(diff: unknown): boolean {
  return diffRows(diff).length > 0;
}

/** Where the portal's messages name each entity's statuses: a diff's status codes read as words. */
const STATUS_MESSAGES: Record<string, string> = {
  invoice: "invoices.status",
  quote: "quotes.status",
  payment: "payments.status",
  project: "projects.status",
  milestone: "milestones.status",
  task: "tasks.status",
  ticket: "support.statusShort",
  client: "admin.clients.status",
};

/** The message key of a status code in a diff (`status`, or a payment's `invoice_status`), if it has one. */
export function statusMessageKey(entity: string, field: string, value: string | null): string | null {
  if (value === null || !/^[a-z_]+$/.test(value)) return null;
  const namespace = field === "status" ? STATUS_MESSAGES[entity] : field === "invoice_status" ? STATUS_MESSAGES.invoice : undefined;
  return namespace ? `${namespace}.${value}` : null;
}
