"use client";

import { ArrowLeft } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { LoadingState, ErrorState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { isAdmin } from "@/lib/api/admin";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useMe } from "@/queries/me";
import { TEMPLATE_LOCALES, useEmailTemplate, type TemplateLocale } from "./queries";
import { TemplateEditorForm } from "./template-editor";
import { TemplateList } from "./template-list";

/** `?modele=invoice_sent&langue=en`: the template open in the editor, and its language (French first). */
const TEMPLATE_PARAM = "modele";
const LOCALE_PARAM = "langue";

/** One template in the editor, with its FR/EN switch; leaving with unsaved changes asks first. */
function TemplateEditor({
  templateKey,
  locale,
  navigate,
}: {
  templateKey: string;
  locale: TemplateLocale;
  navigate: (key: string | null, locale?: TemplateLocale) => void;
}) {
  const t = useTranslations("admin.email-templates");
  const tc = useTranslations("common");
  const appLocale = useAppLocale();
  const template = useEmailTemplate(templateKey, locale);
  const [dirty, setDirty] = useState(false);
  const [leaving, setLeaving] = useState<{ key: string | null; locale?: TemplateLocale } | null>(null);
  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);
  const leave = (key: string | null, next?: TemplateLocale) => (dirty ? setLeaving({ key, locale: next }) : navigate(key, next));

  return (
    <div className="flex flex-col gap-4">
      <button
        type="button"
        onClick={() => leave(null)}
        className="inline-flex min-h-11 items-center gap-1 self-start text-sm font-medium text-primary"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t("back")}
      </button>
      {template.isError ? (
        <ErrorState error={template.error} onRetry={() => template.refetch()} />
      ) : (
        <>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h3 className="text-xl font-semibold" data-testid="email-template-title">
                {template.data ? template.data.label[appLocale] : <Skeleton className="inline-block h-6 w-48" />}
              </h3>
              {template.data ? (
                <p className="mt-1 text-sm text-muted-foreground">{template.data.description[appLocale]}</p>
              ) : null}
            </div>
            <div role="group" aria-label={t("language")} className="inline-flex rounded-md border bg-card p-0.5">
              {TEMPLATE_LOCALES.map((l) => (
                <button
                  key={l}
                  type="button"
                  aria-pressed={l === locale}
                  onClick={() => (l === locale ? undefined : leave(templateKey, l))}
                  className={cn(
                    "inline-flex min-h-10 min-w-20 items-center justify-center rounded px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-ring",
                    l === locale ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:text-foreground",
                  )}
                  lang={l}
                >
                  {t(`locales.${l}`)}
                </button>
              ))}
            </div>
          </div>
          {template.data ? (
            <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground" data-testid="email-template-status">
              {template.data.customised ? <Badge tone="info">{t("customisedShort")}</Badge> : <Badge>{t("default")}</Badge>}
              {template.data.customised && template.data.updated_at
                ? t("status.customised", {
                    date: formatDate(template.data.updated_at, appLocale),
                    by: template.data.updated_by ?? "none",
                  })
                : t("status.default")}
            </p>
          ) : null}
          {template.data ? (
            <TemplateEditorForm
              // Afresh for each template, language and saved version (a save or a reset reloads it).
              key={`${templateKey}-${locale}-${template.data.updated_at ?? "default"}`}
              template={template.data}
              onDirtyChange={onDirtyChange}
            />
          ) : (
            <LoadingState skeleton={<Skeleton className="h-96" />} />
          )}
        </>
      )}
      <ConfirmDialog
        open={leaving !== null}
        onOpenChange={(open) => (open ? undefined : setLeaving(null))}
        title={t("discardTitle")}
        description={t("discardText")}
        confirmLabel={t("discardConfirm")}
        cancelLabel={tc("cancel")}
        tone="destructive"
        onConfirm={() => {
          const target = leaving;
          setLeaving(null);
          setDirty(false);
          if (target) navigate(target.key, target.locale);
        }}
      />
    </div>
  );
}

/**
 * The email templates (settings, admins only): the list of templates, or one of them in the editor
 * (`?modele=`, `?langue=`).
 */
export function EmailTemplates() {
  const t = useTranslations("admin.email-templates");
  const me = useMe();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const open = params.get(TEMPLATE_PARAM);
  const locale: TemplateLocale = params.get(LOCALE_PARAM) === "en" ? "en" : "fr";

  const href = (key: string | null, next: TemplateLocale = "fr") => {
    const query = new URLSearchParams(params);
    query.delete(TEMPLATE_PARAM);
    query.delete(LOCALE_PARAM);
    if (key) {
      query.set(TEMPLATE_PARAM, key);
      if (next === "en") query.set(LOCALE_PARAM, "en");
    }
    const search = query.toString();
    return search ? `${pathname}?${search}` : pathname;
  };

  return (
    <section aria-labelledby="email-templates-title" className="flex flex-col gap-4">
      <div>
        <h2 id="email-templates-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 max-w-prose text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      {me.data && !isAdmin(me.data) ? (
        <Alert tone="info">{t("adminOnly")}</Alert>
      ) : open ? (
        <TemplateEditor
          templateKey={open}
          locale={locale}
          navigate={(key, next) => router.push(href(key, next), { scroll: key === null })}
        />
      ) : (
        <TemplateList hrefOf={(key) => href(key)} />
      )}
    </section>
  );
}
