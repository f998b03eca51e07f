"use client";

import Link from "next/link";
import { ChevronDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { Pagination } from "@/components/admin/table/data-table";
import { isActivityKind, type ActivityEntry, type ActivityParams } from "@/lib/api/admin";
import { formatDateTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useActivity } from "@/queries/admin-journal";
import { hasDiff } from "./diff";
import { DiffTable } from "./diff-table";

export const ACTIVITY_PAGE_SIZE = 25;

function ActivityRow({ entry, showClient }: { entry: ActivityEntry; showClient: boolean }) {
  const t = useTranslations("admin.journal");
  const locale = useAppLocale();
  const [open, setOpen] = useState(false);
  const expandable = hasDiff(entry.diff);
  const panelId = `activity-${entry.id}-diff`;
  return (
    <li className="py-2">
      <div className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-0.5">
          {entry.href ? (
            <Link href={entry.href} className="font-medium text-primary hover:underline">
              {entry.sentence}
            </Link>
          ) : (
            <span className="font-medium">{entry.sentence}</span>
          )}
          <span className="text-xs text-muted-foreground">
            <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
            {showClient && entry.client ? ` · ${entry.client.name}` : null}
            {` · ${isActivityKind(entry.kind) ? t(`kinds.${entry.kind}`) : entry.kind}`}
          </span>
        </div>
        {expandable ? (
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((v) => !v)}
            className="inline-flex min-h-11 shrink-0 items-center gap-1 rounded-md px-2 text-sm font-medium text-primary hover:bg-accent"
          >
            {open ? t("hideChanges") : t("showChanges")}
            <ChevronDown className={cn("size-4 transition-transform", open && "rotate-180")} aria-hidden="true" />
          </button>
        ) : null}
      </div>
      {expandable && open ? (
        <div id={panelId} className="mt-2">
          <DiffTable diff={entry.diff} entity={entry.entity} caption={t("diff.caption", { sentence: entry.sentence })} />
        </div>
      ) : null}
    </li>
  );
}

/**
 * Activity sentences, newest first, each expanding to its audit diff. The journal keeps the page
 * in the address (`page`, `onPage`); a client's page pages on its own.
 */
export function ActivityList({
  params,
  onPage,
  compact,
}: {
  params: ActivityParams;
  onPage?: (page: number) => void;
  compact?: boolean;
}) {
  const t = useTranslations("admin.journal");
  const [localPage, setLocalPage] = useState(1);
  const page = onPage ? (params.page ?? 1) : localPage;
  const query = useActivity({ ...params, page, page_size: compact ? 10 : ACTIVITY_PAGE_SIZE });
  const rows = query.data?.results ?? [];
  const pages = Math.max(1, Math.ceil((query.data?.count ?? 0) / (compact ? 10 : ACTIVITY_PAGE_SIZE)));
  return (
    <ListShell query={query} items={rows} empty={{ text: t("empty") }} skeleton={<SkeletonRows count={compact ? 3 : 8} row="h-12" />}>
      {(entries) => (
        <div className={cn(query.isPlaceholderData && "opacity-60")}>
          <ul className="divide-y" data-testid="activity-list" aria-busy={query.isPlaceholderData}>
            {entries.map((entry) => (
              <ActivityRow key={entry.id} entry={entry} showClient={!params.client} />
            ))}
          </ul>
          <Pagination
            page={page}
            pages={pages}
            onPage={onPage ?? setLocalPage}
            labels={{ previous: t("previous"), next: t("next"), nav: t("pagination"), position: t("pageOf", { page, pages }) }}
          />
        </div>
      )}
    </ListShell>
  );
}
