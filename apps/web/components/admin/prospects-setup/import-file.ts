import type { AppLocale } from "@/lib/format";

/**
 * The prospects import's rules (`POST /api/admin/prospects/import/?dry_run=…`, the CSV as the raw
 * body): a CSV file of at most 2 MB, checked here before anything is sent; the template offered
 * for download; the refused rows of a 409 `import_refused`.
 */

/** The API's limit on the file. */
export const PROSPECT_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** The API's limit on the rows of one file. */
export const PROSPECT_IMPORT_MAX_ROWS = 5000;
/** The preview shows this many rows; the count says how many there are. */
export const PREVIEW_ROWS = 50;
export const IMPORT_ACCEPT = ".csv,text/csv";
export const IMPORT_CONTENT_TYPE = "text/csv";

const CSV_TYPES = ["text/csv", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel"];

export type ImportFileProblem = "type" | "empty" | "too_big";

/** Why a file cannot be sent, or null: by its extension first (phones often give CSV files no type), else its type. */
export function importFileProblem(file: { name: string; size: number; type: string }): ImportFileProblem | null {
  const dot = file.name.lastIndexOf(".");
  const extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : "";
  const type = file.type.toLowerCase().split(";")[0].trim();
  if (extension !== "csv" && !(extension === "" && CSV_TYPES.includes(type))) return "type";
  if (file.size === 0) return "empty";
  if (file.size > PROSPECT_IMPORT_MAX_BYTES) return "too_big";
  return null;
}

export function prospectImportUrl(dryRun: boolean): string {
  return `/api/admin/prospects/import/?dry_run=${dryRun}`;
}

/** The columns the API reads (every one it knows), in the template's order: their keys in the format help. */
export const TEMPLATE_COLUMNS = [
  "company",
  "contact",
  "email",
  "phone",
  "whatsapp",
  "source",
  "value",
  "probability",
  "close",
  "sector",
  "city",
  "size",
  "tags",
  "notes",
] as const;

/**
 * Their headers in the reader's language: the API reads the French and the English names
 * (`ImportColumn::names` in crates/domain/src/prospects.rs).
 */
export const TEMPLATE_HEADERS: Record<AppLocale, readonly string[]> = {
  fr: ["Entreprise", "Contact", "Email", "Téléphone", "WhatsApp", "Source", "Valeur", "Probabilité", "Clôture", "Secteur", "Ville", "Taille", "Étiquettes", "Notes"],
  en: ["Company", "Contact", "Email", "Phone", "WhatsApp", "Source", "Value", "Probability", "Expected close", "Sector", "City", "Size", "Tags", "Notes"],
};

/** One example row, written as the API reads it in each language (an English amount without commas: it refuses them). */
export const TEMPLATE_EXAMPLE: Record<AppLocale, readonly string[]> = {
  fr: [
    "Boulangerie du Plateau",
    "Koffi Yao",
    "koffi@boulangerie-plateau.ci",
    "+225 07 00 00 00 01",
    "+225 07 00 00 00 01",
    "Recommandation",
    "1 500 000",
    "40",
    "31/01/2027",
    "Restauration",
    "Abidjan",
    "PME",
    "site web, e-commerce",
    "Rappeler après la visite",
  ],
  en: [
    "Boulangerie du Plateau",
    "Koffi Yao",
    "koffi@boulangerie-plateau.ci",
    "+225 07 00 00 00 01",
    "+225 07 00 00 00 01",
    "Referral",
    "1500000",
    "40",
    "31/01/2027",
    "Food service",
    "Abidjan",
    "Small",
    "website, e-commerce",
    "Call back after the visit",
  ],
};

/** The separator each language's Excel reads in a CSV file: `;` in French, `,` in English (the API reads both). */
export const TEMPLATE_SEPARATOR: Record<AppLocale, string> = { fr: ";", en: "," };

/** A cell as CSV writes it: quoted when it holds the separator, a quote or a line break. */
function cell(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The template in the reader's language: separated as their Excel reads it, UTF-8 with its BOM so
 * Excel reads the accents (the API reads UTF-8 with or without it), the headers and one example row.
 */
export function templateCsv(locale: AppLocale = "fr"): string {
  const separator = TEMPLATE_SEPARATOR[locale];
  const lines = [TEMPLATE_HEADERS[locale], TEMPLATE_EXAMPLE[locale]].map((row) => row.map((value) => cell(value, separator)).join(separator));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export type RefusedRow = { line: number; fr: string; en: string };

/** The refused rows of a 409 `import_refused` body, in the file's order (none when the whole file was refused). */
export function refusedRows(body: Record<string, unknown> | null | undefined): RefusedRow[] {
  const rows = body?.rows;
  if (!Array.isArray(rows)) return [];
  return rows
    .filter((row): row is RefusedRow => {
      if (!row || typeof row !== "object") return false;
      const { line, fr, en } = row as Record<string, unknown>;
      return typeof line === "number" && typeof fr === "string" && typeof en === "string";
    })
    .map(({ line, fr, en }) => ({ line, fr, en }))
    .sort((a, b) => a.line - b.line);
}

/** The 400's messages on `file` (an empty or too large body), else any other message it holds. */
export function fileErrors(body: Record<string, unknown> | null | undefined): string[] {
  if (!body) return [];
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((m): m is string => typeof m === "string") : typeof value === "string" ? [value] : []);
  const onFile = strings(body.file);
  if (onFile.length) return onFile;
  return Object.entries(body).flatMap(([key, value]) => (key === "code" ? [] : strings(value)));
}
