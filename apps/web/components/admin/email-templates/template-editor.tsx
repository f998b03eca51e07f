"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { RotateCcw, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { FormError, controlProps } from "@/components/form";
import { useToast } from "@/components/toaster";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { isApiError } from "@/lib/api/errors";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { z, type Infer } from "@/lib/validation";
import {
  useEmailPreview,
  useResetEmailTemplate,
  useSaveEmailTemplate,
  useSendTestEmail,
  type EmailTemplate,
  type TemplateLocale,
  type TemplateSourceWrite,
} from "./queries";
import { errorLine, htmlFromText, insertAt, lineOf, lineRange, slot } from "./source";
import { TemplatePreview } from "./template-preview";

/** The parts of a wording, as the API names its fields. */
type Field = "subject" | "text" | "html";

/** `value`, once it has not changed for `delay` ms. */
function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** The messages of a field, each with the line it names quoted and a way to go to it. */
function FieldProblems({
  id,
  messages,
  source,
  onGoTo,
}: {
  id: string;
  messages: string[];
  source: string;
  onGoTo: (line: number) => void;
}) {
  const t = useTranslations("admin.email-templates");
  if (messages.length === 0) return null;
  return (
    <ul id={`${id}-error`} className="flex flex-col gap-2" data-testid={`${id}-problems`}>
      {messages.map((message) => {
        const line = errorLine(message);
        const excerpt = line === undefined ? undefined : lineOf(source, line);
        return (
          <li key={message} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            <p className="font-medium">{message}</p>
            {line !== undefined && excerpt !== undefined ? (
              <div className="mt-1 flex flex-wrap items-center gap-2">
                <code className="min-w-0 flex-1 overflow-x-auto rounded bg-white/70 px-2 py-1 font-mono text-xs whitespace-pre" aria-label={t("lineExcerpt", { line })}>
                  <span aria-hidden="true" className="mr-2 text-red-700 select-none">
                    {line} │
                  </span>
                  {excerpt || " "}
                </code>
                <Button type="button" variant="outline" size="sm" onClick={() => onGoTo(line)}>
                  {t("goToLine", { line })}
                </Button>
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The editor of one template in one language: subject, text and (when the admin writes it) HTML,
 * the variables beside them, a live preview with sample data, the errors at their lines, save,
 * a test sent to oneself, and the reset to NOURX's wording. Mounted afresh for each template and
 * language (and after a reset), so its form starts from what the API holds.
 */
export function TemplateEditorForm({
  template,
  onDirtyChange,
}: {
  template: EmailTemplate;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const t = useTranslations("admin.email-templates");
  const tc = useTranslations("common");
  const appLocale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const key = template.key;
  const locale = template.locale as TemplateLocale;
  const save = useSaveEmailTemplate(key, locale);
  const reset = useResetEmailTemplate(key, locale);
  const sendTest = useSendTestEmail(key, locale);
  const [customHtml, setCustomHtml] = useState(template.current.html !== null && template.current.html !== undefined);
  // The errors of the last save or test, for the values they were about.
  const [serverErrors, setServerErrors] = useState<{ of: string; errors: Partial<Record<Field, string[]>> }>({ of: "", errors: {} });
  const [formError, setFormError] = useState<string>();
  const [confirmReset, setConfirmReset] = useState(false);
  // The field a variable goes into: the last one written in (the text first).
  const [lastField, setLastField] = useState<Field>("text");
  const idPrefix = `email-${key}-${locale}`;

  const schema = z.object({
    subject: z.string().check(
      z.refine((v) => v.trim().length > 0, t("errors.subject")),
      z.maxLength(300, t("errors.tooLong", { max: 300 })),
    ),
    text: z.string().check(
      z.refine((v) => v.trim().length > 0, t("errors.text")),
      z.maxLength(20_000, t("errors.tooLong", { max: "20 000" })),
    ),
    html: z.string().check(z.maxLength(50_000, t("errors.tooLong", { max: "50 000" }))),
  });
  type Values = Infer<typeof schema>;
  const initial: Values = { subject: template.current.subject, text: template.current.text, html: template.current.html ?? "" };
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: initial });
  const values = useWatch({ control: form.control }) as Values;
  const source = useMemo<TemplateSourceWrite | null>(() => {
    if (!values.subject?.trim() || !values.text?.trim()) return null;
    return { subject: values.subject, text: values.text, html: customHtml && values.html?.trim() ? values.html : null };
  }, [values.subject, values.text, values.html, customHtml]);
  const settled = useDebounced(source, 400);
  const preview = useEmailPreview(key, locale, settled);
  const previewErrors: Partial<Record<Field, string[]>> =
    isApiError(preview.error) && preview.error.code === "validation" ? preview.error.fieldErrors : {};
  // The last email the wording made, kept (dimmed) while the wording has errors.
  const [lastGood, setLastGood] = useState(preview.data);
  if (preview.data && preview.data !== lastGood) setLastGood(preview.data);

  const savedHtml = template.current.html ?? null;
  const dirty =
    values.subject !== template.current.subject ||
    values.text !== template.current.text ||
    (customHtml ? values.html || null : null) !== savedHtml;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  // A change makes the errors of the last save stale (the preview says what is wrong now).
  const valuesKey = JSON.stringify([values.subject, values.text, values.html, customHtml]);
  const lastErrors = serverErrors.of === valuesKey ? serverErrors.errors : {};

  const problems = (field: Field): string[] => {
    const fromClient = form.formState.errors[field]?.message;
    const all = [...(fromClient ? [fromClient] : []), ...(previewErrors[field] ?? []), ...(lastErrors[field] ?? [])];
    return [...new Set(all)];
  };

  const element = (field: Field) => document.getElementById(`${idPrefix}-${field}`) as HTMLInputElement | HTMLTextAreaElement | null;

  const insert = (name: string) => {
    const field = lastField === "html" && !customHtml ? "text" : lastField;
    const target = element(field);
    const value = form.getValues(field);
    const inserted = insertAt(value, target?.selectionStart ?? value.length, target?.selectionEnd ?? value.length, slot(name));
    form.setValue(field, inserted.value, { shouldDirty: true });
    requestAnimationFrame(() => {
      target?.focus();
      target?.setSelectionRange(inserted.cursor, inserted.cursor);
    });
  };

  const goTo = (field: Field, line: number) => {
    const target = element(field);
    if (!target) return;
    const { start, end } = lineRange(form.getValues(field), line);
    target.focus();
    target.setSelectionRange(start, end);
  };

  const body = (): TemplateSourceWrite => {
    const current = form.getValues();
    return { subject: current.subject, text: current.text, html: customHtml && current.html.trim() ? current.html : null };
  };
  const label = template.label[appLocale];
  // « en français », "in French".
  const language = appLocale === "en" ? t(`locales.${locale}`) : t(`locales.${locale}`).toLowerCase();

  const onSubmit = form.handleSubmit(async () => {
    setFormError(undefined);
    try {
      const saved = await save.mutateAsync(body());
      form.reset({ subject: saved.current.subject, text: saved.current.text, html: saved.current.html ?? "" });
      toast.show("success", t("saved", { label, language }));
    } catch (error) {
      if (isApiError(error) && error.code === "validation") {
        setServerErrors({ of: valuesKey, errors: error.fieldErrors as Partial<Record<Field, string[]>> });
        setFormError(t("fixFirst"));
      } else {
        setFormError(errorMessage(error));
      }
    }
  });

  const onTest = async () => {
    try {
      const sent = await sendTest.mutateAsync(dirty ? body() : null);
      toast.show("success", t("testSent", { email: sent.to }));
    } catch (error) {
      if (isApiError(error) && error.code === "validation") {
        setServerErrors({ of: valuesKey, errors: error.fieldErrors as Partial<Record<Field, string[]>> });
        toast.show("error", t("fixFirst"));
      } else {
        toast.show("error", errorMessage(error));
      }
    }
  };

  const fieldControl = (field: Field) => {
    const messages = problems(field);
    const id = `${idPrefix}-${field}`;
    return {
      ...controlProps(id, messages.length ? messages.join(" ") : undefined, field === "text" ? t("textHint") : undefined),
      ...form.register(field),
      onFocus: () => setLastField(field),
      lang: locale,
      spellCheck: true,
    };
  };
  const blocked = Object.keys(previewErrors).length > 0;

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <form onSubmit={onSubmit} noValidate className="flex min-w-0 flex-col gap-4" aria-label={label}>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${idPrefix}-subject`}>{t("subject")}</Label>
            <Input {...fieldControl("subject")} autoComplete="off" />
            <FieldProblems id={`${idPrefix}-subject`} messages={problems("subject")} source={values.subject ?? ""} onGoTo={(line) => goTo("subject", line)} />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${idPrefix}-text`}>{t("text")}</Label>
            <Textarea {...fieldControl("text")} rows={16} className="font-mono text-sm leading-6 sm:text-sm" />
            <p id={`${idPrefix}-text-hint`} className="text-sm text-muted-foreground">
              {t("textHint")}
            </p>
            <FieldProblems id={`${idPrefix}-text`} messages={problems("text")} source={values.text ?? ""} onGoTo={(line) => goTo("text", line)} />
          </div>
          <div className="flex flex-col gap-2">
            <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
              <input
                type="checkbox"
                className="size-5 accent-primary"
                checked={customHtml}
                aria-describedby={`${idPrefix}-html-choice`}
                onChange={(event) => {
                  const on = event.target.checked;
                  if (on && !form.getValues("html").trim()) form.setValue("html", htmlFromText(form.getValues("text")));
                  setCustomHtml(on);
                }}
              />
              {t("customHtml")}
            </label>
            <p id={`${idPrefix}-html-choice`} className="text-sm text-muted-foreground">
              {t("customHtmlHint")}
            </p>
            {customHtml ? (
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={`${idPrefix}-html`}>{t("html")}</Label>
                <Textarea {...fieldControl("html")} rows={12} className="font-mono text-sm leading-6 sm:text-sm" spellCheck={false} />
                <FieldProblems id={`${idPrefix}-html`} messages={problems("html")} source={values.html ?? ""} onGoTo={(line) => goTo("html", line)} />
              </div>
            ) : null}
          </div>
          <FormError message={formError} />
          <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? t("saving") : t("save")}
            </Button>
            <Button type="button" variant="outline" onClick={onTest} disabled={sendTest.isPending} aria-describedby={`${idPrefix}-test-hint`}>
              <Send aria-hidden="true" />
              {sendTest.isPending ? t("testing") : t("test")}
            </Button>
            {template.customised ? (
              <Button type="button" variant="ghost" className="text-destructive" onClick={() => setConfirmReset(true)}>
                <RotateCcw aria-hidden="true" />
                {t("reset")}
              </Button>
            ) : null}
          </div>
          <p id={`${idPrefix}-test-hint`} className="text-xs text-muted-foreground">
            {t("testHint")}
          </p>
        </form>
        <aside aria-labelledby={`${idPrefix}-variables`} className="flex flex-col gap-2 self-start rounded-md bg-muted/60 p-3 text-sm lg:sticky lg:top-18">
          <h3 id={`${idPrefix}-variables`} className="font-semibold">
            {t("variables")}
          </h3>
          <p className="text-xs text-muted-foreground">{t("variablesHint")}</p>
          <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-1" data-testid="email-variables">
            {template.variables.map((variable) => (
              <li key={variable.name}>
                <button
                  type="button"
                  onClick={() => insert(variable.name)}
                  className="flex min-h-11 w-full flex-col items-start rounded-md px-2 py-1 text-left hover:bg-card focus-visible:outline-2 focus-visible:outline-ring"
                  aria-label={t("insert", { name: slot(variable.name), description: variable.description[appLocale] })}
                >
                  <code className="font-mono text-xs font-semibold break-all">{slot(variable.name)}</code>
                  <span className="text-xs text-muted-foreground">{variable.description[appLocale]}</span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      {preview.isError && !blocked ? <Alert tone="error">{errorMessage(preview.error)}</Alert> : null}
      <TemplatePreview
        email={preview.data ?? lastGood}
        pending={settled !== null && preview.isPending}
        updating={preview.isFetching || settled !== source}
        blocked={blocked}
      />
      <ConfirmDialog
        open={confirmReset}
        onOpenChange={setConfirmReset}
        title={t("resetTitle")}
        description={t("resetText", { label, language })}
        confirmLabel={t("resetConfirm")}
        cancelLabel={tc("cancel")}
        tone="destructive"
        pending={reset.isPending}
        onConfirm={async () => {
          try {
            await reset.mutateAsync();
            setConfirmReset(false);
            toast.show("success", t("resetDone"));
          } catch (error) {
            toast.show("error", errorMessage(error));
          }
        }}
      />
    </div>
  );
}
