/**
 * The quote and invoice editor's rules and requests. The form keeps what people type (strings);
 * this module says what is valid — the same rules as the API (crates/api billing: a label of 1–300
 * characters, a quantity above 0 with two decimals at most, a price in whole francs, rates and
 * discounts from 0 to 100 %) — and turns the form into the API's requests. It never computes an
 * amount: totals come from `POST /api/billing/price/` and from the saved document.
 */
import { array, maxLength, object, string, superRefine } from "zod/mini";
import type { infer as ZodInfer } from "zod/mini";
import { isUuid } from "@/components/admin/projects/list-state";
import { MAX_XOF, parseFrancs } from "@/components/admin/projects/project-schema";
import type {
  CreateInvoiceRequest,
  CreateQuoteRequest,
  Invoice,
  LineItemInput,
  PriceRequest,
  Quote,
  UpdateInvoiceRequest,
  UpdateQuoteRequest,
} from "@/lib/api/types";

export type DocumentKind = "invoice" | "quote";

/** The API's limits (crates/api billing dto). */
export const MAX_LINES = 200;
export const LABEL_MAX = 300;
export const DESCRIPTION_MAX = 2_000;
export const TITLE_MAX = 200;
export const NOTES_MAX = 2_000;
export const TERMS_MAX = 2_000;
/** A quantity the API stores (numeric(12,2)). */
export const MAX_QUANTITY = 1_000_000;

/** The fields of a line, in the order the keyboard goes through them; Enter in the last adds a line. */
export const LINE_FIELDS = ["label", "description", "quantity", "unit_price", "tax_rate", "discount"] as const;
export type LineField = (typeof LINE_FIELDS)[number];
export const LAST_LINE_FIELD: LineField = "discount";

export type DocumentFormMessages = {
  clientRequired: string;
  labelRequired: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  percent: string;
  endBeforeIssue: string;
  tooLong: (max: number) => string;
  tooManyLines: string;
};

/**
 * `"12,5"`, `"12.50"`, `" 18 "` → `"12.5"`, `"12.5"`, `"18"`: a percentage from 0 to 100 with two
 * decimals at most, written the API's way. Blank → null; anything else → undefined.
 */
export function normalizePercent(value: string): string | null | undefined {
  const text = value.trim().replace(/\s*%$/, "");
  if (text === "") return null;
  if (!/^\d{1,3}([.,]\d{1,2})?$/.test(text)) return undefined;
  const number = Number(text.replace(",", "."));
  return number <= 100 ? canonicalDecimal(text.replace(",", ".")) : undefined;
}

/** `"1,5"` → `"1.5"`: above 0, two decimals at most. Blank or anything else → undefined. */
export function normalizeQuantity(value: string): string | undefined {
  const text = value.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d{1,7}([.,]\d{1,2})?$/.test(text)) return undefined;
  const number = Number(text.replace(",", "."));
  return number > 0 && number <= MAX_QUANTITY ? canonicalDecimal(text.replace(",", ".")) : undefined;
}

/** `"1.50"` → `"1.5"`, `"3.00"` → `"3"`, `"007"` → `"7"`: how the form shows the API's decimals. */
export function canonicalDecimal(value: string): string {
  const [whole, fraction = ""] = value.split(".");
  const digits = whole.replace(/^0+(?=\d)/, "");
  const decimals = fraction.replace(/0+$/, "");
  return decimals ? `${digits}.${decimals}` : digits;
}

/** A rate as the API writes it (`"18.00"`), to compare the settings' rates with a line's. */
export function rateKey(rate: string): string {
  const number = Number(rate.replace(",", "."));
  return Number.isFinite(number) ? number.toFixed(2) : rate;
}

function validPrice(value: string): boolean {
  const amount = parseFrancs(value);
  return amount !== null && Number.isSafeInteger(amount) && amount >= 0 && amount <= MAX_XOF;
}

export type LineValues = {
  label: string;
  description: string;
  quantity: string;
  unit_price: string;
  /** A rate of the billing settings, `"18.00"`. */
  tax_rate: string;
  /** Percent off the line, or "" for none. */
  discount: string;
};

export type DocumentFormValues = {
  client_id: string;
  project_id: string;
  title: string;
  lines: LineValues[];
  /** Percent off the whole document, or "". */
  discount: string;
  notes: string;
  payment_terms: string;
  /** `YYYY-MM-DD` or "". */
  issue_date: string;
  /** The invoice's due date or the quote's validity, `YYYY-MM-DD` or "". */
  end_date: string;
};

/** What the lines editor and the live totals read of a form: a quote's, an invoice's or a recurring template's. */
export type PricedLinesValues = Pick<DocumentFormValues, "lines" | "discount">;

export function emptyLine(taxRate: string): LineValues {
  return { label: "", description: "", quantity: "1", unit_price: "", tax_rate: rateKey(taxRate), discount: "" };
}

/** A line nobody wrote in yet (Enter adds them): saving and pricing leave it out. */
export function isBlankLine(line: LineValues): boolean {
  return (
    line.label.trim() === "" &&
    line.description.trim() === "" &&
    line.unit_price.trim() === "" &&
    ["", "1"].includes(line.quantity.trim()) &&
    (line.discount.trim() === "" || Number(line.discount.replace(",", ".")) === 0)
  );
}

export function documentFormSchema(messages: DocumentFormMessages) {
  const line = object({
    label: string(),
    description: string(),
    quantity: string(),
    unit_price: string(),
    tax_rate: string(),
    discount: string(),
  });
  return object({
    client_id: string(),
    project_id: string(),
    title: string().check(maxLength(TITLE_MAX, messages.tooLong(TITLE_MAX))),
    lines: array(line),
    discount: string(),
    notes: string().check(maxLength(NOTES_MAX, messages.tooLong(NOTES_MAX))),
    payment_terms: string().check(maxLength(TERMS_MAX, messages.tooLong(TERMS_MAX))),
    issue_date: string(),
    end_date: string(),
  }).check(
    superRefine((values, ctx) => {
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", message, path, input: values });
      if (!isUuid(values.client_id)) issue(["client_id"], messages.clientRequired);
      if (normalizePercent(values.discount) === undefined) issue(["discount"], messages.percent);
      if (values.issue_date && values.end_date && values.end_date < values.issue_date) issue(["end_date"], messages.endBeforeIssue);
      const written = values.lines.filter((line) => !isBlankLine(line)).length;
      if (written > MAX_LINES) issue(["lines"], messages.tooManyLines);
      values.lines.forEach((line, index) => {
        if (isBlankLine(line)) return;
        const label = line.label.trim();
        if (label === "") issue(["lines", index, "label"], messages.labelRequired);
        else if (label.length > LABEL_MAX) issue(["lines", index, "label"], messages.tooLong(LABEL_MAX));
        if (line.description.trim().length > DESCRIPTION_MAX) issue(["lines", index, "description"], messages.tooLong(DESCRIPTION_MAX));
        if (normalizeQuantity(line.quantity) === undefined) issue(["lines", index, "quantity"], messages.quantity);
        if (!validPrice(line.unit_price)) issue(["lines", index, "unit_price"], messages.unitPrice);
        const rate = normalizePercent(line.tax_rate);
        if (rate === undefined || rate === null) issue(["lines", index, "tax_rate"], messages.taxRate);
        if (normalizePercent(line.discount) === undefined) issue(["lines", index, "discount"], messages.percent);
      });
    }),
  );
}

export type DocumentFormSchemaValues = ZodInfer<ReturnType<typeof documentFormSchema>>;

const DAY_MS = 86_400_000;

/** `2026-11-23` + 30 → `2026-12-23` (calendar days, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Today in Abidjan (UTC all year), as the API dates documents. */
export function businessToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export type EditorDefaults = {
  /** The settings' rate new lines start with (`"18.00"`). */
  taxRate: string;
  /** Days from the issue date to the due date (invoices) or the end of validity (quotes). */
  days: number;
  paymentTerms: string;
  clientId?: string;
  projectId?: string;
};

/** A new document: dated today, due (or valid) after the settings' days, one empty line. */
export function newDocumentValues(defaults: EditorDefaults, today = businessToday()): DocumentFormValues {
  return {
    client_id: defaults.clientId && isUuid(defaults.clientId) ? defaults.clientId : "",
    project_id: defaults.projectId && isUuid(defaults.projectId) ? defaults.projectId : "",
    title: "",
    lines: [emptyLine(defaults.taxRate)],
    discount: "",
    notes: "",
    payment_terms: defaults.paymentTerms,
    issue_date: today,
    end_date: addDays(today, defaults.days),
  };
}

/** A percentage of the API (`"10.00"`) as the form shows it; `"0.00"` is no discount. */
function percentText(value: string | null | undefined): string {
  if (!value || Number(value) === 0) return "";
  return canonicalDecimal(value);
}

/** A saved draft as the editor's starting values, its lines in their order. */
export function documentFormValues(document: Invoice | Quote, kind: DocumentKind): DocumentFormValues {
  const end = kind === "invoice" ? (document as Invoice).due_date : (document as Quote).valid_until;
  return {
    client_id: document.client_id,
    project_id: document.project_id ?? "",
    title: document.title,
    lines: [...document.items]
      .sort((a, b) => a.position - b.position)
      .map((item) => ({
        label: item.label,
        description: item.description,
        quantity: canonicalDecimal(item.quantity),
        unit_price: String(item.unit_price),
        tax_rate: rateKey(item.tax_rate),
        discount: percentText(item.discount),
      })),
    discount: percentText(document.discount),
    notes: document.notes,
    payment_terms: document.payment_terms ?? "",
    issue_date: document.issue_date ?? "",
    end_date: end ?? "",
  };
}

/** The written lines as the API takes them, and for each the form's row it came from. */
export function lineInputs(lines: LineValues[], { forPricing = false } = {}): { items: LineItemInput[]; rows: number[] } {
  const items: LineItemInput[] = [];
  const rows: number[] = [];
  lines.forEach((line, index) => {
    if (isBlankLine(line)) return;
    const label = line.label.trim();
    items.push({
      // A price does not depend on the label: a line being written is priced before it has one.
      label: forPricing && label === "" ? "…" : label,
      description: line.description.trim(),
      quantity: normalizeQuantity(line.quantity) ?? line.quantity.trim(),
      unit_price: parseFrancs(line.unit_price) ?? 0,
      tax_rate: normalizePercent(line.tax_rate) ?? line.tax_rate,
      discount: normalizePercent(line.discount) ?? "0",
    });
    rows.push(index);
  });
  return { items, rows };
}

/**
 * What `POST /api/billing/price/` needs to price the form, with each item's row; null while a
 * number cannot be read yet (the field says why; the last totals stay on screen meanwhile).
 */
export function priceRequest(values: PricedLinesValues): { body: PriceRequest; rows: number[] } | null {
  const discount = normalizePercent(values.discount);
  if (discount === undefined) return null;
  const readable = values.lines.every(
    (line) =>
      isBlankLine(line) ||
      (normalizeQuantity(line.quantity) !== undefined &&
        validPrice(line.unit_price) &&
        typeof normalizePercent(line.tax_rate) === "string" &&
        normalizePercent(line.discount) !== undefined),
  );
  if (!readable) return null;
  const { items, rows } = lineInputs(values.lines, { forPricing: true });
  return { body: { items, ...(discount ? { discount } : {}) }, rows };
}

const day = (value: string) => (value === "" ? null : value);

function documentFields(values: DocumentFormValues) {
  return {
    project_id: values.project_id || null,
    title: values.title.trim(),
    issue_date: day(values.issue_date),
    notes: values.notes.trim(),
    payment_terms: values.payment_terms.trim(),
    discount: normalizePercent(values.discount) ?? "0",
    items: lineInputs(values.lines).items,
  };
}

export function toCreateRequest(kind: "invoice", values: DocumentFormValues): CreateInvoiceRequest;
export function toCreateRequest(kind: "quote", values: DocumentFormValues): CreateQuoteRequest;
export function toCreateRequest(kind: DocumentKind, values: DocumentFormValues): CreateInvoiceRequest | CreateQuoteRequest;
/** `POST /api/invoices/` or `POST /api/quotes/`: a new draft. */
export function toCreateRequest(kind: DocumentKind, values: DocumentFormValues): CreateInvoiceRequest | CreateQuoteRequest {
  const base = { client_id: values.client_id, ...documentFields(values) };
  return kind === "invoice" ? { ...base, due_date: day(values.end_date) } : { ...base, valid_until: day(values.end_date) };
}

/** `PATCH …/{id}/`: every field (the items replace every line); the client stays. */
export function toUpdateRequest(kind: DocumentKind, values: DocumentFormValues): UpdateInvoiceRequest | UpdateQuoteRequest {
  const base = documentFields(values);
  return kind === "invoice" ? { ...base, due_date: day(values.end_date) } : { ...base, valid_until: day(values.end_date) };
}

/** The form's fields the API's 400s name (besides the lines'). */
const DOCUMENT_FIELDS: Record<string, keyof DocumentFormValues> = {
  client_id: "client_id",
  project_id: "project_id",
  title: "title",
  discount: "discount",
  notes: "notes",
  payment_terms: "payment_terms",
  issue_date: "issue_date",
  due_date: "end_date",
  valid_until: "end_date",
};

export type FormPath = keyof DocumentFormValues | `lines.${number}.${LineField}`;

/**
 * The API's `{"items[2].quantity": ["…"]}` on the form's fields: `lines.<row>.quantity`, the row
 * being the form's (blank lines are not sent). Whatever names no field comes back in `rest`.
 */
export function mapServerErrors(fieldErrors: Record<string, string[]>, rows: number[]): { fields: Partial<Record<FormPath, string>>; rest: string[] } {
  const fields: Partial<Record<FormPath, string>> = {};
  const rest: string[] = [];
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const text = messages.join(" ");
    const item = /^items(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?$/.exec(key);
    if (item) {
      const row = rows[Number(item[1] ?? item[2])];
      const field = item[3] as LineField | undefined;
      if (row !== undefined && field && (LINE_FIELDS as readonly string[]).includes(field)) {
        const path = `lines.${row}.${field}` as const;
        fields[path] = fields[path] ? `${fields[path]} ${text}` : text;
      } else {
        rest.push(row !== undefined ? `#${row + 1} ${text}` : text);
      }
      continue;
    }
    const field = DOCUMENT_FIELDS[key];
    if (field) fields[field] = text;
    else rest.push(text);
  }
  return { fields, rest };
}

/** Where Alt+ArrowUp / Alt+ArrowDown (or the buttons) take line `index` of `count`; null at the ends. */
export function moveTarget(index: number, direction: "up" | "down", count: number): number | null {
  const target = direction === "up" ? index - 1 : index + 1;
  return target >= 0 && target < count && index >= 0 && index < count ? target : null;
}

/** The 409 codes of the billing desk, each with its own message (`admin.billing.conflicts`). */
export const CONFLICT_CODES = [
  "not_editable",
  "draft_not_creditable",
  "cancelled_not_creditable",
  "fully_credited",
  "not_cancellable",
  "already_invoiced",
  "not_accepted",
  "invalid_transition",
  "not_unpaid",
  "recently_reminded",
] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

export function conflictCode(code: string): ConflictCode | null {
  return (CONFLICT_CODES as readonly string[]).includes(code) ? (code as ConflictCode) : null;
}
