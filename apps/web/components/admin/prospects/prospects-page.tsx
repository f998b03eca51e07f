"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { KanbanSquare, List, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { StageBadge } from "./badges";
import { PipelineBoard } from "./board";
import { ProspectFilters } from "./filters";
import { FollowUp } from "./follow-up";
import {
  PROSPECTS_PATH,
  activeFilters,
  boardQuery,
  pageCount,
  prospectsQuery,
  prospectsSearch,
  readProspectsState,
  stageListHref,
  withProspectsChange,
  withoutFilters,
  type BoardQuery,
  type ProspectFilter,
  type ProspectsState,
  type ProspectView,
} from "./list-state";
import { type Prospect } from "./pipeline";
import { useStages } from "@/components/admin/prospects-setup/queries";
import { usePipeline, useProspects } from "./queries";

function useProspectsState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readProspectsState(params), [params]);
  const go = useCallback(
    (next: ProspectsState) => {
      const search = prospectsSearch(next);
      router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [pathname, router],
  );
  const change = (partial: Partial<ProspectsState>) => go(withProspectsChange(state, partial));
  return { state, change, go };
}

function ViewSwitch({ value, onChange }: { value: ProspectView; onChange: (view: ProspectView) => void }) {
  const t = useTranslations("admin.prospects.views");
  const options = [
    { view: "board" as const, label: t("board"), icon: KanbanSquare },
    { view: "list" as const, label: t("list"), icon: List },
  ];
  return (
    <div role="group" aria-label={t("label")} className="inline-flex rounded-md border bg-card p-0.5">
      {options.map(({ view, label, icon: Icon }) => (
        <button
          key={view}
          type="button"
          aria-pressed={value === view}
          onClick={() => onChange(view)}
          className={cn("inline-flex min-h-11 min-w-11 items-center gap-1.5 rounded-[5px] px-3 text-sm font-medium", value === view ? "bg-primary text-primary-foreground" : "hover:bg-accent")}
        >
          <Icon className="size-4" aria-hidden="true" />
          {label}
        </button>
      ))}
    </div>
  );
}

function Company({ prospect }: { prospect: Prospect }) {
  return (
    <Link href={`${PROSPECTS_PATH}/${prospect.id}`} className="font-medium break-words text-primary after:absolute after:inset-0 hover:underline">
      {prospect.company}
    </Link>
  );
}

function ProspectCard({ prospect }: { prospect: Prospect }) {
  const locale = useAppLocale();
  return (
    <div className="relative flex flex-col gap-1.5 rounded-lg border bg-card p-3 text-sm hover:bg-accent/60" data-testid="prospect-row-card">
      <span className="flex items-start justify-between gap-2">
        <Company prospect={prospect} />
        <StageBadge name={prospect.stage_name} kind={prospect.stage_kind} />
      </span>
      {prospect.contact_name ? <span className="text-muted-foreground">{prospect.contact_name}</span> : null}
      <span className="flex flex-wrap items-center gap-2">
        <span className="font-medium tabular-nums">{formatMoney(prospect.estimated_value, "XOF", locale)}</span>
        {prospect.owner_name ? <span className="text-muted-foreground">{prospect.owner_name}</span> : null}
        {prospect.next_follow_up ? <FollowUp date={prospect.next_follow_up} stageKind={prospect.stage_kind} /> : null}
      </span>
    </div>
  );
}

type Pipeline = ReturnType<typeof usePipeline>;

function BoardView({ state, go, pipeline, query }: ReturnType<typeof useProspectsState> & { pipeline: Pipeline; query: BoardQuery }) {
  const t = useTranslations("admin.prospects");
  const cards = pipeline.data?.columns.flatMap((c) => c.prospects) ?? [];
  const total = pipeline.data?.columns.reduce((sum, c) => sum + c.stage.count, 0) ?? 0;
  const filtered = activeFilters(state, "board").length > 0;
  const busy = pipeline.isPlaceholderData;
  return (
    <div className="flex min-w-0 flex-col gap-3">
      {pipeline.data && filtered ? (
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {t("list.count", { count: total })}
        </p>
      ) : null}
      <p className="text-sm text-muted-foreground">{t("board.hint")}</p>
      <ListShell
        query={pipeline}
        // The columns show even when empty, as long as some stage holds a prospect.
        items={total > 0 || cards.length > 0 ? [pipeline.data!] : []}
        skeleton={
          <div className="flex gap-3 overflow-hidden">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-64 w-64 shrink-0" />
            ))}
          </div>
        }
        empty={
          filtered
            ? { text: t("board.emptyFiltered"), action: <Button variant="outline" onClick={() => go(withoutFilters(state))}>{t("filters.clearAll")}</Button> }
            : {
                text: t("board.empty"),
                action: (
                  <Button asChild>
                    <Link href={`${PROSPECTS_PATH}/nouveau`}>{t("new")}</Link>
                  </Button>
                ),
              }
        }
      >
        {([board]) => (
          // While the previous filters' board stands in for the new one: dimmed, busy, and its cards do not move.
          <div className={cn("min-w-0 overflow-hidden px-4 -mx-4", busy && "opacity-60 transition-opacity")} aria-busy={busy}>
            <PipelineBoard board={board} query={query} busy={busy} moreHref={(stageId) => stageListHref(state, stageId)} />
          </div>
        )}
      </ListShell>
    </div>
  );
}

function ListView({ state, change, go }: ReturnType<typeof useProspectsState>) {
  const t = useTranslations("admin.prospects");
  const locale = useAppLocale();
  const query = useProspects(prospectsQuery(state));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const pages = pageCount(count);
  const filters = activeFilters(state, "list");

  const columns: Column<Prospect>[] = [
    { key: "company", header: t("columns.company"), sort: "company", cell: (p) => <Company prospect={p} />, className: "min-w-44" },
    { key: "contact", header: t("columns.contact"), cell: (p) => <span className="break-words">{p.contact_name || t("detail.none")}</span>, className: "max-w-40" },
    { key: "stage", header: t("columns.stage"), cell: (p) => <StageBadge name={p.stage_name} kind={p.stage_kind} /> },
    {
      key: "value",
      header: t("columns.value"),
      sort: "estimated_value",
      firstSort: "desc",
      numeric: true,
      cell: (p) => (
        <span className="flex flex-col items-end whitespace-nowrap tabular-nums">
          {formatMoney(p.estimated_value, "XOF", locale)}
          <span className="text-xs text-muted-foreground">{t("columns.weightedValue", { value: formatMoney(p.weighted_value, "XOF", locale) })}</span>
        </span>
      ),
    },
    { key: "owner", header: t("columns.owner"), cell: (p) => <span className="break-words">{p.owner_name ?? t("detail.none")}</span>, className: "max-w-36" },
    { key: "followUp", header: t("columns.followUp"), sort: "next_follow_up", cell: (p) => (p.next_follow_up ? <FollowUp date={p.next_follow_up} stageKind={p.stage_kind} /> : t("detail.none")) },
    { key: "expectedClose", header: t("columns.expectedClose"), sort: "expected_close", cell: (p) => <span className="whitespace-nowrap">{p.expected_close ? formatDate(p.expected_close, locale) : t("detail.none")}</span> },
  ];

  const only = (key: ProspectFilter) => filters.length === 1 && filters[0] === key;
  const empty =
    filters.length === 0
      ? { text: t("list.empty"), action: <Button asChild><Link href={`${PROSPECTS_PATH}/nouveau`}>{t("new")}</Link></Button> }
      : only("owner") && state.owner === "me"
        ? { text: t("list.emptyMine"), action: <Button variant="outline" onClick={() => change({ owner: "" })}>{t("list.showAll")}</Button> }
        : only("due")
          ? { text: t("list.emptyDue") }
          : { text: t("list.emptyFiltered"), action: <Button variant="outline" onClick={() => go(withoutFilters(state))}>{t("filters.clearAll")}</Button> };

  return (
    <div>
      {query.data ? (
        <p className="mb-2 text-sm text-muted-foreground" aria-live="polite">
          {t("list.count", { count })}
        </p>
      ) : null}
      <ListShell query={query} items={rows} skeleton={<SkeletonRows count={6} row="h-12" />} empty={empty}>
        {(prospects) => (
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
            <DataTable
              label={t("list.label")}
              testId="prospect-table"
              rows={prospects}
              rowKey={(p) => p.id}
              columns={columns}
              card={(p) => <ProspectCard prospect={p} />}
              ordering={state.ordering}
              onSort={(ordering) => change({ ordering: ordering as ProspectsState["ordering"] })}
            />
            <Pagination
              page={state.page}
              pages={pages}
              onPage={(page) => change({ page })}
              labels={{ previous: t("list.previous"), next: t("list.next"), nav: t("list.pagination"), position: t("list.pageOf", { page: state.page, pages }) }}
            />
          </div>
        )}
      </ListShell>
    </div>
  );
}

/** `/admin/prospects`: the pipeline as a board or a list, with one filter bar; the view and the filters in the address. */
export function ProspectsPage() {
  const t = useTranslations("admin.prospects");
  const prospectsState = useProspectsState();
  const { state, change } = prospectsState;
  const board = useMemo(() => boardQuery(state), [state]);
  // The board is read for the board view only; the list's stage filter needs the stages alone.
  const pipeline = usePipeline(board, state.view === "board");
  const stageList = useStages();
  const stages = useMemo(() => stageList.data ?? [], [stageList.data]);
  return (
    <div className="min-w-0">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <Button asChild>
            <Link href={`${PROSPECTS_PATH}/nouveau`}>
              <Plus aria-hidden="true" />
              {t("new")}
            </Link>
          </Button>
        }
      />
      <div className="mb-3">
        <ViewSwitch value={state.view} onChange={(view) => change({ view })} />
      </div>
      <ProspectFilters {...prospectsState} stages={stages} />
      {state.view === "board" ? <BoardView {...prospectsState} pipeline={pipeline} query={board} /> : <ListView {...prospectsState} />}
    </div>
  );
}
