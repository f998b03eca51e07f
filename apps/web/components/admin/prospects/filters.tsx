"use client";

import { SlidersHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActiveFilterChips, ListSearchBox } from "@/components/admin/table/list-controls";
import { useStaffOptions } from "@/components/admin/tasks/assignee";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { CLIENT_SIZES } from "@/lib/api/admin";
import {
  OUTCOMES,
  PROSPECT_ORDERINGS,
  activeFilters,
  clearedFilter,
  withoutFilters,
  type ProspectFilter,
  type ProspectsState,
} from "./list-state";
import { PROSPECT_SOURCES, type Stage } from "./pipeline";

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

export type ProspectFiltersProps = {
  state: ProspectsState;
  change: (partial: Partial<ProspectsState>) => void;
  go: (next: ProspectsState) => void;
  /** The pipeline's stages, for the list's stage select and chip. */
  stages: Stage[];
};

/**
 * The prospects' filter bar, the same in both views so a filter set in one stays in the other
 * (it lives in the address): search, « Relances dues », owner, source, size, « Plus de filtres »
 * (city, sector, tag) and the active filters' chips. The list adds the stage or outcome and the
 * sort; the board leaves them out (its columns are the stages, its cards in board order).
 */
export function ProspectFilters({ state, change, go, stages }: ProspectFiltersProps) {
  const t = useTranslations("admin.prospects");
  const staff = useStaffOptions();
  const [panelOpen, setPanelOpen] = useState(Boolean(state.city || state.sector || state.tag));
  const list = state.view === "list";
  const filters = activeFilters(state, state.view);

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
        <NativeSelect aria-label={t("filters.owner")} value={state.owner} onChange={(e) => change({ owner: e.target.value })} className="lg:w-56">
          <option value="">{t("filters.anyOwner")}</option>
          <option value="me">{t("filters.mine")}</option>
          {staff.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </NativeSelect>
        {list ? (
          <NativeSelect
            aria-label={t("filters.stage")}
            value={stageValue}
            onChange={(e) => {
              const [kind, value] = e.target.value.split(":");
              change(kind === "stage" ? { stage: value, outcome: "" } : kind === "outcome" ? { outcome: value as ProspectsState["outcome"], stage: "" } : { stage: "", outcome: "" });
            }}
            className="lg:w-48"
          >
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
        ) : null}
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
        {list ? (
          <NativeSelect aria-label={t("filters.sort")} value={state.ordering} onChange={(e) => change({ ordering: e.target.value as ProspectsState["ordering"] })} className="lg:w-64">
            {PROSPECT_ORDERINGS.map((ordering) => (
              <option key={ordering} value={ordering}>
                {t(`orderings.${ordering}`)}
              </option>
            ))}
          </NativeSelect>
        ) : null}
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
    </div>
  );
}
