"use client";

import { CheckCircle2, CloudUpload, Download, FileSpreadsheet, Paperclip, Upload, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState } from "react";
import { DataTable, type Column } from "@/components/admin/table/data-table";
import { BackLink, PageHeader } from "@/components/states";
import { TitledCard } from "@/components/titled-card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { isApiError } from "@/lib/api/errors";
import { formatFileSize, formatMoney, formatNumber } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import {
  IMPORT_ACCEPT,
  PREVIEW_ROWS,
  PROSPECT_IMPORT_MAX_BYTES,
  PROSPECT_IMPORT_MAX_ROWS,
  TEMPLATE_COLUMNS,
  TEMPLATE_HEADERS,
  fileErrors,
  importFileProblem,
  refusedRows,
  templateCsv,
  type RefusedRow,
} from "./import-file";
import { PROSPECTS_LIST_PATH, PROSPECTS_PATH } from "./paths";
import { useImportProspects, type ImportReport, type ImportedRow } from "./queries";


/** Where the page stands: each step replaces the one before (a new file starts again). */
type Step =
  | { state: "empty" }
  | { state: "sending"; dryRun: boolean; progress: number }
  | { state: "working"; dryRun: boolean }
  | { state: "preview"; report: ImportReport }
  | { state: "refused"; detail: string; rows: RefusedRow[] }
  | { state: "failed"; message: string }
  | { state: "done"; imported: number };

/** « Format accepté »: the columns the API reads, how, and the template to start from, in the reader's language. */
function FormatHelp() {
  const t = useTranslations("admin.prospects-setup.import.format");
  const locale = useAppLocale();
  // A data address: the template is made here, nothing to fetch.
  const template = useMemo(() => `data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv(locale))}`, [locale]);
  const limits = { max: formatFileSize(PROSPECT_IMPORT_MAX_BYTES, locale), rows: formatNumber(PROSPECT_IMPORT_MAX_ROWS, locale) };
  return (
    <TitledCard
      titleId="format-title"
      title={t("title")}
      icon={FileSpreadsheet}
      data-testid="format-help"
    >
      <div className="flex flex-col gap-3 text-sm">
        <p>{t("intro")}</p>
        <Button asChild variant="outline" className="w-full sm:w-auto sm:self-start">
          <a href={template} download={t("templateName")} data-testid="template-download">
            <Download aria-hidden="true" />
            {t("template")}
          </a>
        </Button>
        <dl className="grid grid-cols-1 divide-y rounded-md border sm:grid-cols-[max-content_1fr] sm:divide-y-0">
          {TEMPLATE_COLUMNS.map((key, index) => (
            <div key={key} className={cn("contents", index > 0 && "sm:[&>*]:border-t")}>
              <dt className="px-3 pt-2 font-medium sm:py-2">
                {TEMPLATE_HEADERS[locale][index]}
                {key === "company" ? <span className="text-destructive"> *</span> : null}
              </dt>
              <dd className="px-3 pb-2 text-muted-foreground sm:py-2">{t(`columns.${key}`)}</dd>
            </div>
          ))}
        </dl>
        <p>{t("separators")}</p>
        <p>{t("limits", limits)}</p>
        <p>{t("allOrNothing")}</p>
      </div>
    </TitledCard>
  );
}

/** The rows the dry run read: a table from `md` up, cards on a phone; the first 50 only. */
function Preview({ report, file, onImport, busy }: { report: ImportReport; file: File; onImport: () => void; busy: boolean }) {
  const t = useTranslations("admin.prospects-setup.import.preview");
  const ts = useTranslations("admin.prospects-setup.sources");
  const locale = useAppLocale();
  const count = report.rows.length;
  const shown = report.rows.slice(0, PREVIEW_ROWS);
  const money = (value: number) => (value > 0 ? formatMoney(value, "XOF", locale) : t("none"));
  const columns: Column<ImportedRow>[] = [
    { key: "line", header: t("line"), cell: (row) => row.line, numeric: true, className: "w-px" },
    { key: "company", header: t("company"), cell: (row) => <span className="font-medium">{row.company}</span> },
    { key: "contact", header: t("contact"), cell: (row) => row.contact_name || t("none") },
    { key: "email", header: t("email"), cell: (row) => <span className="break-all">{row.email || t("none")}</span> },
    { key: "source", header: t("source"), cell: (row) => ts(row.source) },
    { key: "value", header: t("value"), cell: (row) => money(row.estimated_value), numeric: true },
  ];
  return (
    <TitledCard titleId="preview-title" title={t("title")} data-testid="import-preview" description={file.name}>
      <div className="flex flex-col gap-3">
        <p className="font-medium" data-testid="preview-count">
          {t("count", { count })}
        </p>
        {count > PREVIEW_ROWS ? <p className="text-sm text-muted-foreground">{t("firstRows", { shown: PREVIEW_ROWS, count })}</p> : null}
        {count > 0 ? (
          <DataTable
            label={t("table")}
            testId="preview-table"
            rows={shown}
            rowKey={(row) => String(row.line)}
            columns={columns}
            card={(row) => (
              <div className="flex flex-col gap-0.5 rounded-lg border bg-card p-3 text-sm" data-testid="preview-card">
                <div className="flex items-baseline justify-between gap-2">
                  <span className="min-w-0 font-medium break-words">{row.company}</span>
                  <span className="shrink-0 text-xs text-muted-foreground tabular-nums">
                    {t("line")} {row.line}
                  </span>
                </div>
                {row.contact_name || row.email ? (
                  <span className="break-all text-muted-foreground">{[row.contact_name, row.email].filter(Boolean).join(" · ")}</span>
                ) : null}
                <span className="flex flex-wrap justify-between gap-x-3">
                  <span>{ts(row.source)}</span>
                  <span className="tabular-nums">{money(row.estimated_value)}</span>
                </span>
              </div>
            )}
          />
        ) : null}
        {count > 0 ? (
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <Button onClick={onImport} disabled={busy} data-testid="import-submit" className="sm:self-start">
              <Upload aria-hidden="true" />
              {t("submit", { count })}
            </Button>
            <p className="text-sm text-muted-foreground">{t("nothingChanged")}</p>
          </div>
        ) : null}
      </div>
    </TitledCard>
  );
}

/** The API's refusal: its sentence, and each refused row with its reason in the page's language. */
function Refusal({ detail, rows }: { detail: string; rows: RefusedRow[] }) {
  const t = useTranslations("admin.prospects-setup.import.refused");
  const locale = useAppLocale();
  return (
    <section aria-labelledby="refused-title" className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50/60 p-4" data-testid="import-refused">
      <h2 id="refused-title" className="text-lg font-semibold text-red-800">
        {t("title")}
      </h2>
      <p role="alert" className="text-sm font-medium text-red-800" data-testid="refused-detail">
        {detail}
      </p>
      {rows.length > 0 ? (
        <>
          <div className="overflow-x-auto rounded-md border bg-card">
            <table className="w-full text-sm" data-testid="refused-table">
              <caption className="sr-only">{t("table")}</caption>
              <thead className="bg-muted/60 text-left text-xs text-muted-foreground">
                <tr>
                  <th scope="col" className="w-px px-3 py-2 font-medium whitespace-nowrap">
                    {t("line")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("reason")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {rows.map((row) => (
                  <tr key={`${row.line}-${row.fr}`} className="align-top">
                    <td className="px-3 py-2 text-right font-medium tabular-nums">{row.line}</td>
                    <td className="px-3 py-2 break-words">{locale === "en" ? row.en : row.fr}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="text-sm">{t("fix")}</p>
        </>
      ) : null}
    </section>
  );
}

/**
 * `/admin/prospects/import`: a CSV file chosen (or dropped) is sent at once as a dry run; its rows
 * show for a check, then « Importer N prospects » sends it again for real. The API refuses the
 * whole file when one row is wrong: the refused rows show with their reasons.
 */
export function ProspectImportPage() {
  const t = useTranslations("admin.prospects-setup.import");
  const tb = useTranslations("admin.prospects-setup");
  const locale = useAppLocale();
  const errorMessage = useErrorMessage();
  const importProspects = useImportProspects();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [step, setStep] = useState<Step>({ state: "empty" });
  // Answers to a file replaced meanwhile are dropped.
  const sent = useRef(0);
  const busy = step.state === "sending" || step.state === "working";
  const max = formatFileSize(PROSPECT_IMPORT_MAX_BYTES, locale);

  const send = async (chosen: File, dryRun: boolean) => {
    const attempt = ++sent.current;
    const current = () => attempt === sent.current;
    setStep({ state: "sending", dryRun, progress: 0 });
    try {
      const report = await importProspects(chosen, dryRun, {
        onProgress: (progress) => current() && setStep({ state: "sending", dryRun, progress }),
        onSent: () => current() && setStep({ state: "working", dryRun }),
      });
      if (!current()) return;
      setStep(dryRun ? { state: "preview", report } : { state: "done", imported: report.imported });
    } catch (error) {
      if (!current()) return;
      if (isApiError(error) && error.status === 409) {
        setStep({ state: "refused", detail: error.body?.detail ?? errorMessage(error), rows: refusedRows(error.body) });
      } else if (isApiError(error) && error.status === 400) {
        setStep({ state: "failed", message: fileErrors(error.body).join(" ") || errorMessage(error) });
      } else {
        setStep({ state: "failed", message: errorMessage(error) });
      }
    }
  };

  const choose = (chosen: File | undefined) => {
    if (!chosen || busy) return;
    sent.current += 1;
    const problem = importFileProblem(chosen);
    setFile(chosen);
    if (problem) {
      setFileError(t(`errors.${problem}`, { max }));
      setStep({ state: "empty" });
      return;
    }
    setFileError(undefined);
    void send(chosen, true);
  };

  const reset = () => {
    sent.current += 1;
    setFile(null);
    setFileError(undefined);
    setStep({ state: "empty" });
    if (input.current) input.current.value = "";
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col">
        <BackLink href={PROSPECTS_PATH} label={tb("back")} />
        <PageHeader title={t("title")} description={t("description")} />
      </div>
      <TitledCard titleId="file-title" title={t("fileTitle")} icon={Upload} data-testid="import-card">
        <div className="flex flex-col gap-3">
          {file && step.state !== "done" ? (
            <div className="flex min-w-0 items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm">
              <Paperclip className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
              <span className="min-w-0 flex-1 truncate" data-testid="import-file-name">
                {file.name}
              </span>
              <span className="shrink-0 text-xs text-muted-foreground tabular-nums">{formatFileSize(file.size, locale)}</span>
              <Button type="button" variant="ghost" size="icon" disabled={busy} aria-label={t("remove", { name: file.name })} onClick={reset}>
                <X aria-hidden="true" />
              </Button>
            </div>
          ) : null}
          {step.state === "done" ? null : (
            <div
              data-testid="drop-zone"
              onDragEnter={(event) => {
                if (busy || !event.dataTransfer.types.includes("Files")) return;
                event.preventDefault();
                setDragging(true);
              }}
              onDragOver={(event) => {
                if (busy || !event.dataTransfer.types.includes("Files")) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = "copy";
              }}
              onDragLeave={(event) => {
                if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
              }}
              onDrop={(event) => {
                event.preventDefault();
                setDragging(false);
                choose(event.dataTransfer.files[0]);
              }}
              className={cn(
                "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed bg-background px-4 py-5 text-center",
                dragging && "border-primary bg-primary/5",
                fileError && "border-red-300",
              )}
            >
              <CloudUpload className={cn("size-7", dragging ? "text-primary" : "text-muted-foreground")} aria-hidden="true" />
              <p className="hidden text-sm font-medium sm:block">{dragging ? t("dropActive") : t("drop")}</p>
              <Button
                type="button"
                variant={file ? "outline" : "default"}
                disabled={busy}
                onClick={() => input.current?.click()}
                aria-describedby={fileError ? `${inputId}-hint ${inputId}-error` : `${inputId}-hint`}
                className="w-full sm:w-auto"
              >
                {file ? t("another") : t("pick")}
              </Button>
              <p id={`${inputId}-hint`} className="text-xs text-muted-foreground">
                {t("hint", { max, rows: formatNumber(PROSPECT_IMPORT_MAX_ROWS, locale) })}
              </p>
              <input
                ref={input}
                id={inputId}
                type="file"
                accept={IMPORT_ACCEPT}
                aria-label={t("fileLabel")}
                tabIndex={-1}
                className="hidden"
                data-testid="import-file-input"
                onChange={(event) => {
                  choose(event.target.files?.[0]);
                  // The same file may be chosen again once corrected.
                  event.target.value = "";
                }}
              />
            </div>
          )}
          {fileError ? (
            <p id={`${inputId}-error`} role="alert" className="text-sm font-medium text-destructive" data-testid="file-error">
              {fileError}
            </p>
          ) : null}
          <div aria-live="polite" className="empty:hidden">
            {step.state === "sending" ? (
              <div className="flex flex-col gap-1.5">
                <p className="text-sm">{t("sending", { percent: Math.round(step.progress * 100) })}</p>
                <Progress value={step.progress * 100} label={t("progressLabel")} />
              </div>
            ) : null}
            {step.state === "working" ? (
              <p className="text-sm text-muted-foreground" data-testid="import-progress">
                {step.dryRun ? t("checking") : t("importing")}
              </p>
            ) : null}
          </div>
          {step.state === "failed" ? <Alert tone="error">{step.message}</Alert> : null}
          {step.state === "done" ? (
            <div className="flex flex-col gap-3" data-testid="import-done">
              <div role="status" className="flex items-start gap-2 text-success">
                <CheckCircle2 className="mt-0.5 size-5 shrink-0" aria-hidden="true" />
                <p>
                  <span className="block font-semibold">{t("done.title")}</span>
                  <span data-testid="import-done-count">{t("done.text", { count: step.imported })}</span>
                </p>
              </div>
              <div className="flex flex-col gap-2 sm:flex-row">
                <Button asChild>
                  <Link href={PROSPECTS_LIST_PATH}>{t("done.list")}</Link>
                </Button>
                <Button variant="outline" onClick={reset}>
                  {t("done.again")}
                </Button>
              </div>
            </div>
          ) : null}
        </div>
      </TitledCard>
      {step.state === "refused" ? <Refusal detail={step.detail} rows={step.rows} /> : null}
      {step.state === "preview" && file ? <Preview report={step.report} file={file} busy={busy} onImport={() => void send(file, false)} /> : null}
      <FormatHelp />
    </div>
  );
}
