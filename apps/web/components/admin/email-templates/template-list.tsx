"use client";

import Link from "next/link";
import { ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { SkeletonRows } from "@/components/list-shell";
import { EmptyState, ErrorState } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { useAppLocale } from "@/lib/use-app-locale";
import { TEMPLATE_LOCALES, useEmailTemplates, type EmailTemplateGroup, type EmailTemplateSummary } from "./queries";

/** Every template, by group (Compte, Projets, Facturation, Support), each with its customised languages. */
export function TemplateList({ hrefOf }: { hrefOf: (key: string) => string }) {
  const t = useTranslations("admin.email-templates");
  const locale = useAppLocale();
  const templates = useEmailTemplates();

  if (templates.isPending) return <SkeletonRows count={6} row="h-20" />;
  if (templates.isError) return <ErrorState error={templates.error} onRetry={() => templates.refetch()} />;
  const rows = templates.data.results;
  if (rows.length === 0) return <EmptyState text={t("empty")} />;

  // In the API's order: groups, then templates within each.
  const groups: { group: EmailTemplateGroup; label: string; rows: EmailTemplateSummary[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last?.group === row.group) last.rows.push(row);
    else groups.push({ group: row.group, label: row.group_label[locale], rows: [row] });
  }

  return (
    <div className="flex flex-col gap-6" data-testid="email-template-list">
      {groups.map(({ group, label, rows }) => (
        <section key={group} aria-labelledby={`email-group-${group}`} className="flex flex-col gap-2">
          <h3 id={`email-group-${group}`} className="text-sm font-semibold tracking-wide text-muted-foreground uppercase">
            {label}
          </h3>
          <ul className="divide-y rounded-lg border bg-card">
            {rows.map((row) => (
              <li key={row.key}>
                <Link
                  href={hrefOf(row.key)}
                  aria-label={t("open", { label: row.label[locale] })}
                  className="flex min-h-11 items-center gap-3 px-4 py-3 hover:bg-muted/60 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring"
                  data-testid={`email-template-${row.key}`}
                >
                  <div className="flex min-w-0 flex-1 flex-col gap-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{row.label[locale]}</span>
                      {TEMPLATE_LOCALES.filter((l) => row.customised.includes(l)).map((l) => (
                        <Badge key={l} tone="info">
                          {t("customised", { locale: t(`localeShort.${l}`) })}
                        </Badge>
                      ))}
                    </div>
                    <p className="text-sm text-muted-foreground">{row.description[locale]}</p>
                  </div>
                  <ChevronRight className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
