"use client";

import { Tabs } from "radix-ui";
import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import type { RenderedEmail } from "./queries";

const TAB =
  "-mb-px inline-flex min-h-11 items-center border-b-2 border-transparent px-3 text-sm font-medium text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring data-[state=active]:border-primary data-[state=active]:text-foreground";

/**
 * The email as received, with sample data: its subject, then its HTML (in a sandboxed frame that
 * runs nothing and reaches nothing) or its text. `blocked`: the wording has errors, shown at their
 * lines in the editor; the last good preview stays, dimmed.
 */
export function TemplatePreview({
  email,
  pending,
  updating,
  blocked,
}: {
  email: RenderedEmail | undefined;
  pending: boolean;
  updating: boolean;
  blocked: boolean;
}) {
  const t = useTranslations("admin.email-templates.preview");
  const tc = useTranslations("common");
  return (
    <section aria-labelledby="email-preview-title" className="flex min-w-0 flex-col gap-3 rounded-lg border bg-card p-4" data-testid="email-preview">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="email-preview-title" className="font-semibold">
          {t("title")}
        </h3>
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {updating ? t("updating") : t("sample")}
        </p>
      </div>
      {blocked ? (
        <p role="status" className="rounded-md bg-warning-bg px-3 py-2 text-sm text-warning">
          {t("blocked")}
        </p>
      ) : null}
      {!email ? (
        blocked ? null : pending ? (
          <Skeleton className="h-80" />
        ) : (
          <p className="text-sm text-muted-foreground">{t("waiting")}</p>
        )
      ) : (
        <div className={cn("flex min-w-0 flex-col gap-3", blocked && "opacity-50")}>
          <p className="text-sm break-words">
            <span className="font-medium">{tc("labelled", { label: t("subject") })} </span>
            <span data-testid="preview-subject">{email.subject}</span>
          </p>
          <Tabs.Root defaultValue="html">
            <Tabs.List aria-label={t("tabs")} className="mb-3 flex gap-1 border-b">
              <Tabs.Trigger value="html" className={TAB}>
                {t("html")}
              </Tabs.Trigger>
              <Tabs.Trigger value="text" className={TAB}>
                {t("text")}
              </Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="html" className="focus-visible:outline-2 focus-visible:outline-ring">
              {/* No allow-scripts, no allow-same-origin: the document is inert and sees nothing of the page. */}
              <iframe
                title={t("frame")}
                sandbox=""
                srcDoc={email.html}
                className="h-[28rem] w-full rounded-md border bg-white"
                data-testid="preview-html"
              />
            </Tabs.Content>
            <Tabs.Content value="text" className="focus-visible:outline-2 focus-visible:outline-ring">
              <pre
                className="max-h-[28rem] overflow-auto rounded-md border bg-muted/40 p-3 font-sans text-sm break-words whitespace-pre-wrap"
                data-testid="preview-text"
              >
                {email.text}
              </pre>
            </Tabs.Content>
          </Tabs.Root>
        </div>
      )}
    </section>
  );
}
