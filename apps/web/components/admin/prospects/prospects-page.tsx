"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { KanbanSquare, List, Plus, SlidersHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { ActiveFilterChips, ListSearchBox } from "@/components/admin/table/list-controls";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import { useStaffOptions } from "@/components/admin/tasks/assignee";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { CLIENT_SIZES } from "@/lib/api/admin";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { StageBadge } from "./badges";
import { PipelineBoard } from "./board";
import { FollowUp } from "./follow-up";
import {
  OUTCOMES,
  PROSPECTS_PATH,
  PROSPECT_ORDERINGS,
  activeFilters,
  clearedFilter,
  pageCount,
  prospectsQuery,
  prospectsSearch,
  readProspectsState,
  withProspectsChange,
  withoutFilters,
  type ProspectFilter,
  type ProspectsState,
  type ProspectView,
} from "./list-state";
import { PROSPECT_SOURCES, type Prospect } from "./pipeline";
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

/** A free-text filter saved when the field is left or on Enter. */
function TextFilter({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const commit = () => text.trim() !== value && onChange(text.trim());
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            commit();
          }
        }}
      />
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

function BoardView() {
  const t = useTranslations("admin.prospects");
  const pipeline = usePipeline();
  const cards = pipeline.data?.columns.flatMap((c) => c.prospects) ?? [];
  const total = pipeline.data?.columns.reduce((sum, c) => sum + c.stage.count, 0) ?? 0;
  return (
    <div className="flex min-w-0 flex-col gap-3">
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
        empty={{
          text: t("board.empty"),
          action: (
            <Button asChild>
              <Link href={`${PROSPECTS_PATH}/nouveau`}>{t("new")}</Link>
            </Button>
          ),
        }}
      >
        {([board]) => (
          <div className="min-w-0 overflow-hidden px-4 -mx-4">
            <PipelineBoard board={board} />
          </div>
        )}
      </ListShell>
    </div>
  );
}

function ListView({ state, change, go }: ReturnType<typeof useProspectsState>) {
  const t = useTranslations("admin.prospects");
  const locale = useAppLocale();
  const staff = useStaffOptions();
  const pipeline = usePipeline();
  const stages = pipeline.data?.columns.map((c) => c.stage) ?? [];
  const [panelOpen, setPanelOpen] = useState(Boolean(state.city || state.sector || state.tag));
  const query = useProspects(prospectsQuery(state));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const pages = pageCount(count);
  const filters = activeFilters(state);

  const chipLabel = (key: ProspectFilter): string => {
    switch (key) {
      case "q":
        return t("filters.chips.q", { value: state.q });
      case "owner":
        return t("filters.chips.owner", {
          value: state.owner === "me" ? t("filters.mine") : (staff.find((m) => m.id === state.owner)?.name ?? t("filters.chips.unknown")),
        });
      case "source":
        return t("filters.chips.source", { value: state.source ? t(`sources.${state.source}`) : "" });
      case "stage":
        return t("filters.chips.stage", { value: stages.find((s) => s.id === state.stage)?.name ?? t("filters.chips.unknown") });
      case "outcome":
        return t("filters.chips.outcome", { value: state.outcome ? t(`filters.outcomes.${state.outcome}`) : "" });
      case "size":
        return t("filters.chips.size", { value: state.size ? t(`sizes.${state.size}`) : "" });
      case "due":
        return t("filters.chips.due");
      default:
        return t(`filters.chips.${key}`, { value: state[key] });
    }
  };

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

  const stageValue = state.stage ? `stage:${state.stage}` : state.outcome ? `outcome:${state.outcome}` : "";
  const panelCount = [state.city, state.sector, state.tag].filter(Boolean).length;

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <ListSearchBox value={state.q} onSearch={(q) => change({ q })} label={t("filters.search")} placeholder={t("filters.searchPlaceholder")} />
        <Button variant={state.due ? "default" : "outline"} aria-pressed={state.due} onClick={() => change({ due: !state.due })}>
          {t("filters.due")}
        </Button>
      </div>
      <div className="mb-3 grid grid-cols-1 gap-2 min-[480px]:grid-cols-2 lg:flex lg:flex-wrap lg:items-center">
        <NativeSelect aria-label={t("filters.owner")} value={state.owner} onChange={(e) => change({ owner: e.target.value })} className="lg:w-48">
          <option value="">{t("filters.anyOwner")}</option>
          <option value="me">{t("filters.mine")}</option>
          {staff.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("filters.stage")} value={stageValue} onChange={(e) => {
          const [kind, value] = e.target.value.split(":");
          change(kind === "stage" ? { stage: value, outcome: "" } : kind === "outcome" ? { outcome: value as ProspectsState["outcome"], stage: "" } : { stage: "", outcome: "" });
        }} className="lg:w-48">
          <option value="">{t("filters.anyStage")}</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={`outcome:${outcome}`}>
              {t(`filters.outcomes.${outcome}`)}
            </option>
          ))}
          {stages.map((stage) => (
            <option key={stage.id} value={`stage:${stage.id}`}>
              {stage.name}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("filters.source")} value={state.source} onChange={(e) => change({ source: e.target.value as ProspectsState["source"] })} className="lg:w-48">
          <option value="">{t("filters.anySource")}</option>
          {PROSPECT_SOURCES.map((source) => (
            <option key={source} value={source}>
              {t(`sources.${source}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("filters.size")} value={state.size} onChange={(e) => change({ size: e.target.value as ProspectsState["size"] })} className="lg:w-44">
          <option value="">{t("filters.anySize")}</option>
          {CLIENT_SIZES.map((size) => (
            <option key={size} value={size}>
              {t(`sizes.${size}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("filters.sort")} value={state.ordering} onChange={(e) => change({ ordering: e.target.value as ProspectsState["ordering"] })} className="lg:w-64">
          {PROSPECT_ORDERINGS.map((ordering) => (
            <option key={ordering} value={ordering}>
              {t(`orderings.${ordering}`)}
            </option>
          ))}
        </NativeSelect>
        <Button variant="outline" aria-expanded={panelOpen} aria-controls="prospect-filters" onClick={() => setPanelOpen((open) => !open)}>
          <SlidersHorizontal aria-hidden="true" />
          {t("filters.more")}
          {panelCount > 0 ? <Badge tone="primary">{panelCount}</Badge> : null}
        </Button>
      </div>
      {panelOpen ? (
        <div id="prospect-filters" className="mb-3 grid gap-3 rounded-lg border bg-card p-3 md:grid-cols-3">
          <TextFilter id="filter-city" label={t("filters.city")} value={state.city} onChange={(city) => change({ city })} />
          <TextFilter id="filter-sector" label={t("filters.sector")} value={state.sector} onChange={(sector) => change({ sector })} />
          <TextFilter id="filter-tag" label={t("filters.tag")} value={state.tag} onChange={(tag) => change({ tag: tag.toLowerCase() })} />
        </div>
      ) : null}
      <ActiveFilterChips
        chips={filters.map((key) => ({ key, label: chipLabel(key) }))}
        label={t("filters.active")}
        removeLabel={(label) => t("filters.remove", { label })}
        clearLabel={t("filters.clearAll")}
        onRemove={(key) => change(clearedFilter(key))}
        onClear={() => go(withoutFilters(state))}
      />
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

/** `/admin/prospects`: the pipeline as a board or a list, the view and the list's filters in the address. */
export function ProspectsPage() {
  const t = useTranslations("admin.prospects");
  const prospectsState = useProspectsState();
  const { state, change } = prospectsState;
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
      {state.view === "board" ? <BoardView /> : <ListView {...prospectsState} />}
    </div>
  );
}
