"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { FileSpreadsheet, Paperclip, Upload, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { FormError, FormField, controlProps } from "@/components/form";
import { TitledCard } from "@/components/titled-card";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";
import { isApiError } from "@/lib/api/errors";
import { formatFileSize } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { useImportStatement } from "./queries";
import { EMPTY_STATEMENT_FORM, STATEMENT_ACCEPT, importFieldErrors, statementFormSchema, type StatementFormValues } from "./statement";

export const RECONCILIATION_PATH = "/admin/paiements/rapprochement";

type Phase = { state: "idle" } | { state: "sending"; progress: number } | { state: "comparing" } | { state: "done" };

/** "Format accepté": the columns the API reads, and how it reads them. */
function FormatHelp() {
  const t = useTranslations("admin.reconciliation.import.format");
  return (
    <details className="rounded-md border bg-muted/30 text-sm">
      <summary className="flex min-h-11 cursor-pointer items-center gap-2 px-3 font-medium text-primary">
        <FileSpreadsheet className="size-4" aria-hidden="true" />
        {t("title")}
      </summary>
      <div className="flex flex-col gap-2 border-t px-3 py-3" data-testid="format-help">
        <p>{t("intro")}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <h3 className="text-xs font-semibold text-muted-foreground uppercase">{t("required")}</h3>
            <ul className="mt-1 list-disc pl-5">
              <li>{t("columns.transaction")}</li>
              <li>{t("columns.amount")}</li>
              <li>{t("columns.status")}</li>
            </ul>
          </div>
          <div>
            <h3 className="text-xs font-semibold text-muted-foreground uppercase">{t("optionalColumns")}</h3>
            <ul className="mt-1 list-disc pl-5">
              <li>{t("columns.date")}</li>
              <li>{t("columns.currency")}</li>
              <li>{t("columns.operator")}</li>
              <li>{t("columns.fees")}</li>
              <li>{t("columns.operatorId")}</li>
            </ul>
          </div>
        </div>
        <p>{t("separators")}</p>
        <p>{t("dates")}</p>
        <p>{t("amounts")}</p>
        <p>{t("refused")}</p>
      </div>
    </details>
  );
}

/**
 * "Importer un relevé": CinetPay's CSV, and the period it covers when the statement does not say
 * (or to narrow it). The file goes up with its progress, then the API compares; the import's page
 * opens with the result. The API's refusals show beside their field (the file's bad lines, a
 * missing period).
 */
export function ImportCard() {
  const t = useTranslations("admin.reconciliation.import");
  const locale = useAppLocale();
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const importStatement = useImportStatement();
  const [phase, setPhase] = useState<Phase>({ state: "idle" });
  const [formError, setFormError] = useState<string>();
  // A new file input after each removal (an input cannot be emptied to pick the same file again otherwise).
  const [inputKey, setInputKey] = useState(0);
  const schema = useMemo(
    () =>
      statementFormSchema({
        required: t("errors.required"),
        type: t("errors.type"),
        empty: t("errors.empty"),
        too_big: t("errors.too_big"),
        from: t("errors.from"),
        to: t("errors.to"),
        reversed: t("errors.reversed"),
        too_long: t("errors.too_long"),
      }),
    [t],
  );
  const form = useForm<StatementFormValues>({ resolver: zodResolver(schema), defaultValues: EMPTY_STATEMENT_FORM });
  const errors = form.formState.errors;
  const file = useWatch({ control: form.control, name: "file" });
  const busy = phase.state !== "idle";

  const onSubmit = form.handleSubmit(async (values) => {
    if (!values.file) return;
    setFormError(undefined);
    setPhase({ state: "sending", progress: 0 });
    try {
      const created = await importStatement(values.file, values, {
        onProgress: (progress) => setPhase({ state: "sending", progress }),
        onSent: () => setPhase({ state: "comparing" }),
      });
      setPhase({ state: "done" });
      router.push(`${RECONCILIATION_PATH}/${created.id}`);
    } catch (error) {
      setPhase({ state: "idle" });
      if (isApiError(error) && error.status === 400) {
        const found = importFieldErrors(error.body);
        for (const field of ["file", "from", "to"] as const) {
          const message = found[field];
          if (message) form.setError(field, { type: "server", message });
        }
        // A missing period: the cursor goes where it is asked for.
        if (found.from || found.to) form.setFocus(found.from ? "from" : "to");
        if (found.general.length || !(found.file || found.from || found.to)) setFormError(found.general.join(" ") || errorMessage(error));
        return;
      }
      setFormError(errorMessage(error));
    }
  });

  const fileError = errors.file?.message;
  const periodError = errors.from?.message ?? errors.to?.message;

  return (
    <TitledCard titleId="import-title" title={t("title")} icon={Upload} description={t("description")} data-testid="import-card">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormField id="statement-file" label={t("file")} hint={file ? undefined : t("fileHint")} error={fileError}>
          {file ? (
            <div className="flex min-w-0 items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm" aria-describedby={fileError ? "statement-file-error" : undefined}>
              <Paperclip className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
              <span className="min-w-0 flex-1 truncate" data-testid="statement-name">
                {file.name}
              </span>
              <span className="shrink-0 text-xs text-muted-foreground tabular-nums">{formatFileSize(file.size, locale)}</span>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                disabled={busy}
                aria-label={t("remove", { name: file.name })}
                onClick={() => {
                  form.setValue("file", null);
                  form.clearErrors("file");
                  setInputKey((key) => key + 1);
                }}
              >
                <X aria-hidden="true" />
              </Button>
            </div>
          ) : (
            <Input
              key={inputKey}
              {...controlProps("statement-file", fileError, t("fileHint"))}
              type="file"
              accept={STATEMENT_ACCEPT}
              disabled={busy}
              className="py-2 file:mr-3 file:rounded file:border-0 file:bg-secondary file:px-2 file:py-1 file:text-sm"
              onChange={(event) => {
                const chosen = event.target.files?.[0] ?? null;
                form.setValue("file", chosen, { shouldValidate: false });
                form.clearErrors("file");
                setFormError(undefined);
                if (chosen) void form.trigger("file");
              }}
            />
          )}
        </FormField>
        <fieldset className="flex min-w-0 flex-col gap-2" aria-describedby={periodError ? "statement-period-hint statement-period-error" : "statement-period-hint"}>
          <legend className="mb-1 text-sm font-medium">
            {t("period")} <span className="font-normal text-muted-foreground">({t("optional")})</span>
          </legend>
          <div className="grid grid-cols-1 gap-2 min-[400px]:grid-cols-2 md:max-w-md">
            {(["from", "to"] as const).map((key) => (
              <div key={key} className="flex min-w-0 flex-col gap-1.5">
                <Label htmlFor={`statement-${key}`} className="text-xs text-muted-foreground">
                  {t(key)}
                </Label>
                <Input id={`statement-${key}`} type="date" readOnly={busy} aria-invalid={errors[key] ? true : undefined} {...form.register(key)} />
              </div>
            ))}
          </div>
          <p id="statement-period-hint" className="text-sm text-muted-foreground">
            {t("periodHint")}
          </p>
          {periodError ? (
            <p id="statement-period-error" className="text-sm font-medium text-destructive" data-testid="period-error">
              {periodError}
            </p>
          ) : null}
        </fieldset>
        <FormatHelp />
        <FormError message={formError} />
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <Button type="submit" disabled={busy} className="sm:self-start">
            <Upload aria-hidden="true" />
            {t("submit")}
          </Button>
          <div className="min-w-0 flex-1" aria-live="polite">
            {phase.state === "sending" ? (
              <div className="flex flex-col gap-1.5">
                <p className="text-sm">{t("sending", { percent: Math.round(phase.progress * 100) })}</p>
                <Progress value={phase.progress * 100} label={t("progressLabel")} />
              </div>
            ) : null}
            {phase.state === "comparing" ? <p className="text-sm text-muted-foreground" data-testid="import-progress">{t("comparing")}</p> : null}
            {phase.state === "done" ? <p className="text-sm text-muted-foreground">{t("done")}</p> : null}
          </div>
        </div>
      </form>
    </TitledCard>
  );
}
