/**
 * The statement import's rules (`POST /api/admin/reconciliations/?filename=…&from=…&to=…`, the
 * CSV as the raw body): a CSV file of at most 5 MB, and an optional period (both days or either,
 * the end not before the start, at most 366 days), checked here before anything is sent.
 */
import { custom, object, string, superRefine } from "zod/mini";
import { isIsoDay } from "@/components/admin/billing/list-state";

/** The API's limit on the file (`STATEMENT_MAX_BYTES`). */
export const STATEMENT_MAX_BYTES = 5 * 1024 * 1024;
/** The API's limit on one import's period: `to − from` under 366 days. */
export const PERIOD_MAX_DAYS = 366;
/** What the file input offers (phones often give CSV files no type, or Excel's). */
export const STATEMENT_ACCEPT = ".csv,text/csv";
export const STATEMENT_CONTENT_TYPE = "text/csv";

const CSV_TYPES = ["text/csv", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel"];

export type StatementProblem = "required" | "type" | "empty" | "too_big";

/** Why a file cannot be sent as a statement, or null: by its extension first, else its type. */
export function statementFileProblem(file: { name: string; size: number; type: string } | null | undefined): StatementProblem | null {
  if (!file) return "required";
  const dot = file.name.lastIndexOf(".");
  const extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : "";
  const type = file.type.toLowerCase().split(";")[0].trim();
  if (extension !== "csv" && !(extension === "" && CSV_TYPES.includes(type))) return "type";
  if (file.size === 0) return "empty";
  if (file.size > STATEMENT_MAX_BYTES) return "too_big";
  return null;
}

export type PeriodProblem = "from" | "to" | "reversed" | "too_long";

/** Days from `from` to `to` (`YYYY-MM-DD` each). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What is wrong with a period as typed (either day may be left empty), or null. */
export function periodProblem(from: string, to: string): PeriodProblem | null {
  if (from && !isIsoDay(from)) return "from";
  if (to && !isIsoDay(to)) return "to";
  if (from && to) {
    const days = daysBetween(from, to);
    if (days < 0) return "reversed";
    if (days >= PERIOD_MAX_DAYS) return "too_long";
  }
  return null;
}

export type StatementFormValues = { file: File | null; from: string; to: string };
export const EMPTY_STATEMENT_FORM: StatementFormValues = { file: null, from: "", to: "" };

export type StatementFormMessages = Record<StatementProblem | PeriodProblem, string>;

/** The form's rules, with its messages: the file's problem on `file`, the period's on `from` (or `to`). */
export function statementFormSchema(messages: StatementFormMessages) {
  return object({
    file: custom<File | null>(),
    from: string(),
    to: string(),
  }).check(
    superRefine((values, ctx) => {
      const file = statementFileProblem(values.file);
      if (file) ctx.addIssue({ code: "custom", message: messages[file], path: ["file"], input: values.file });
      const period = periodProblem(values.from.trim(), values.to.trim());
      if (period) ctx.addIssue({ code: "custom", message: messages[period], path: [period === "to" ? "to" : "from"], input: values.from });
    }),
  );
}

/** The import's address: the file's name (without any folder) and the period when given. */
export function importUrl(filename: string, from = "", to = ""): string {
  const name = filename.split(/[/\\]/).pop() || "releve.csv";
  const query = new URLSearchParams({ filename: name });
  if (from.trim()) query.set("from", from.trim());
  if (to.trim()) query.set("to", to.trim());
  return `/api/admin/reconciliations/?${query}`;
}

export type ImportFieldErrors = { file?: string; from?: string; to?: string; general: string[] };

const messagesOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((m): m is string => typeof m === "string") : []);

/**
 * The import's 400 by the form's fields: `file` and `filename` on the file, `from` and `to` on the
 * period, anything else for the form. Read from the body itself: `ApiError.fieldErrors` leaves
 * `from` and `to` out (a 409's body uses those names for a transition).
 */
export function importFieldErrors(body: Record<string, unknown> | null): ImportFieldErrors {
  const out: ImportFieldErrors = { general: [] };
  if (!body || typeof body.code === "string") return out;
  for (const [name, value] of Object.entries(body)) {
    const messages = messagesOf(value);
    if (name === "detail" && typeof value === "string") out.general.push(value);
    if (!messages.length) continue;
    const field = name === "filename" ? "file" : name;
    if (field === "file" || field === "from" || field === "to") out[field] = [out[field], ...messages].filter(Boolean).join(" ");
    else out.general.push(...messages);
  }
  return out;
}
