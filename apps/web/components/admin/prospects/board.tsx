"use client";

import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  closestCorners,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState, type PointerEvent as ReactPointerEvent } from "react";
import { useToast } from "@/components/toaster";
import { formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { isApiError } from "@/lib/api/errors";
import { cn } from "@/lib/utils";
import { FollowUp } from "./follow-up";
import { PROSPECTS_PATH, type BoardQuery } from "./list-state";
import { afterOf, hiddenCount, initials, isNoOp, type Board, type BoardColumn, type Prospect, type ProspectDrop } from "./pipeline";
import { useMoveProspect } from "./queries";
import { ReasonDialog } from "./reason-dialog";

/** Mouse and pen drag at once; touch goes through the TouchSensor's long press so the board still scrolls. */
class MousePointerSensor extends PointerSensor {
  static activators = [
    {
      eventName: "onPointerDown" as const,
      handler: ({ nativeEvent }: ReactPointerEvent) => nativeEvent.pointerType !== "touch" && nativeEvent.isPrimary && nativeEvent.button === 0,
    },
  ];
}

const COLUMN_PREFIX = "stage:";

export function CardBody({ prospect }: { prospect: Prospect }) {
  const t = useTranslations("admin.prospects.board");
  const locale = useAppLocale();
  return (
    <>
      <span className="block font-medium leading-snug break-words">{prospect.company}</span>
      {prospect.contact_name ? <span className="mt-0.5 block text-xs text-muted-foreground">{prospect.contact_name}</span> : null}
      <span className="mt-2 flex flex-wrap items-center gap-1.5">
        <span className="text-xs font-medium tabular-nums">{formatMoney(prospect.estimated_value, "XOF", locale)}</span>
        {prospect.owner_name ? (
          <span
            className="inline-flex size-6 items-center justify-center rounded-full bg-secondary text-[0.65rem] font-semibold text-secondary-foreground"
            title={t("owner", { name: prospect.owner_name })}
          >
            <span aria-hidden="true">{initials(prospect.owner_name)}</span>
            <span className="sr-only">{t("owner", { name: prospect.owner_name })}</span>
          </span>
        ) : null}
        {prospect.next_follow_up ? <FollowUp date={prospect.next_follow_up} stageKind={prospect.stage_kind} /> : null}
      </span>
    </>
  );
}

function SortableCard({ prospect, frozen }: { prospect: Prospect; frozen: boolean }) {
  const t = useTranslations("admin.prospects.board");
  // A converted prospect stays won: the API refuses to move it.
  const movable = !prospect.converted_at;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: prospect.id,
    // Frozen: the previous filters' board, standing in while the new one loads.
    disabled: !movable || frozen,
    data: { stage: prospect.stage_id },
  });
  // Mouse and touch drag from anywhere on the card; the keyboard from the handle, so Enter on the card still opens it.
  const { onKeyDown, ...pointerListeners } = listeners ?? {};
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn("relative flex items-stretch rounded-md border bg-card shadow-xs", isDragging && "opacity-40")}
      data-testid="prospect-card"
      data-prospect-id={prospect.id}
      {...(movable ? pointerListeners : {})}
    >
      <Link href={`${PROSPECTS_PATH}/${prospect.id}`} className="min-h-11 min-w-0 flex-1 rounded-md p-3 text-left text-sm" aria-label={t("open", { company: prospect.company })}>
        <CardBody prospect={prospect} />
      </Link>
      {movable ? (
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          onKeyDown={onKeyDown as React.KeyboardEventHandler<HTMLButtonElement> | undefined}
          aria-label={t("dragHandle", { company: prospect.company })}
          className="flex w-11 shrink-0 cursor-grab touch-none items-center justify-center rounded-r-md border-l text-muted-foreground hover:bg-accent active:cursor-grabbing"
        >
          <GripVertical className="size-5" aria-hidden="true" />
        </button>
      ) : null}
    </li>
  );
}

function Column({ column, highlighted, moreHref, children }: { column: BoardColumn; highlighted: boolean; moreHref: string; children: React.ReactNode }) {
  const t = useTranslations("admin.prospects.board");
  const locale = useAppLocale();
  const { stage, prospects } = column;
  const hidden = hiddenCount(column);
  const { setNodeRef } = useDroppable({ id: `${COLUMN_PREFIX}${stage.id}`, data: { stage: stage.id } });
  const headingId = `stage-${stage.id}`;
  const value = formatMoney(stage.value, "XOF", locale);
  const weighted = formatMoney(stage.weighted_value, "XOF", locale);
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-testid="stage-column"
      data-stage={stage.name}
      className={cn(
        "flex w-[85%] max-w-[20rem] shrink-0 snap-start flex-col gap-2 rounded-lg border bg-muted/60 p-2 sm:w-64",
        stage.kind === "won" && "border-green-200",
        stage.kind === "lost" && "border-red-200",
        highlighted && "border-primary bg-secondary",
      )}
    >
      <header className="px-1 pt-1">
        <h2 id={headingId} className="text-sm font-semibold">
          {stage.name}
        </h2>
        <p className="text-xs text-muted-foreground tabular-nums" data-testid="stage-totals" aria-label={t("totalsLabel", { count: stage.count, value, weighted })}>
          {t.rich("totals", { count: stage.count, value, weighted, nw: (chunks) => <span className="whitespace-nowrap">{chunks}</span> })}
        </p>
      </header>
      <SortableContext items={prospects.map((p) => p.id)} strategy={verticalListSortingStrategy}>
        <ul className="flex min-h-16 flex-col gap-2">{children}</ul>
      </SortableContext>
      {prospects.length === 0 ? (
        <p className="px-1 pb-2 text-xs text-muted-foreground">{stage.kind === "open" ? t("columnEmptyOpen") : t("columnEmpty")}</p>
      ) : hidden > 0 ? (
        // The board shows a column's first cards; the list, filtered on the stage, shows them all.
        <Link
          href={moreHref}
          className="inline-flex min-h-11 items-center self-start rounded-md px-1 text-sm font-medium text-primary underline-offset-4 hover:underline"
          aria-label={t("moreLabel", { count: hidden, stage: stage.name })}
          data-testid="stage-more"
        >
          {t("more", { count: hidden })}
        </Link>
      ) : null}
    </section>
  );
}

type PendingMove = { prospect: Prospect; stageId: string; after?: string; kind: "won" | "lost" };

/**
 * The pipeline as a kanban: one column per stage with its totals. Cards drag with a mouse, a long
 * press on a touch screen, or the keyboard (Space on the handle, arrows, Space); the move shows at
 * once and is undone if the API refuses it. A drop into the won or lost stage first asks why.
 */
export function PipelineBoard({
  board,
  query,
  busy = false,
  moreHref,
}: {
  board: Board;
  /** The filters `board` was read with: a move updates that board at once. */
  query: BoardQuery;
  /** The previous filters' board, shown while the new one loads: its cards do not move. */
  busy?: boolean;
  /** The list of one stage's prospects, with the board's filters (« Voir les N autres »). */
  moreHref: (stageId: string) => string;
}) {
  const t = useTranslations("admin.prospects.board");
  const te = useTranslations("admin.prospects.errors");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const move = useMoveProspect(query);
  const columns = board.columns;
  const byId = useMemo(() => new Map(columns.flatMap((c) => c.prospects.map((p) => [p.id, p] as const))), [columns]);
  const stageById = useMemo(() => new Map(columns.map((c) => [c.stage.id, c.stage] as const)), [columns]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [overStage, setOverStage] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);

  const stageOf = useCallback(
    (id: string | number | undefined | null): string | null => {
      if (id == null) return null;
      const key = String(id);
      if (key.startsWith(COLUMN_PREFIX)) return key.slice(COLUMN_PREFIX.length);
      return byId.get(key)?.stage_id ?? null;
    },
    [byId],
  );

  // Left and right arrows jump a whole column (to its top); up and down move within it.
  const coordinateGetter = useCallback<KeyboardCoordinateGetter>(
    (event, args) => {
      if (event.code !== "ArrowRight" && event.code !== "ArrowLeft") return sortableKeyboardCoordinates(event, args);
      event.preventDefault();
      const { active, over, droppableRects } = args.context;
      const current = stageOf(over?.id ?? active?.id);
      const index = columns.findIndex((c) => c.stage.id === current);
      if (index < 0) return undefined;
      const next = columns[index + (event.code === "ArrowRight" ? 1 : -1)];
      const rect = next ? droppableRects.get(`${COLUMN_PREFIX}${next.stage.id}`) : undefined;
      return rect ? { x: rect.left + 8, y: rect.top + 36 } : undefined;
    },
    [columns, stageOf],
  );

  const sensors = useSensors(
    useSensor(MousePointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  const companyOf = (id: string | number) => byId.get(String(id))?.company ?? "";
  const stageName = (id: string | number | undefined | null) => stageById.get(stageOf(id) ?? "")?.name ?? "";
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("dnd.start", { company: companyOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? t("dnd.over", { company: companyOf(active.id), stage: stageName(over.id) }) : undefined),
    onDragEnd: ({ active, over }) =>
      over ? t("dnd.end", { company: companyOf(active.id), stage: stageName(over.id) }) : t("dnd.cancel", { company: companyOf(active.id) }),
    onDragCancel: ({ active }) => t("dnd.cancel", { company: companyOf(active.id) }),
  };

  const save = (prospect: Prospect, stageId: string, after: string | undefined, reason?: string) => {
    const stage = stageById.get(stageId);
    move.mutate(
      { prospect, stageId, after, reason },
      {
        onSuccess: () => {
          setPending(null);
          if (prospect.stage_id !== stageId && stage) toast.show("success", t("moved", { company: prospect.company, stage: stage.name }));
        },
        onError: (error) => {
          setPending(null);
          const message = isApiError(error) && error.code === "prospect_converted" ? te("prospect_converted") : errorMessage(error);
          toast.show("error", t("moveFailed", { company: prospect.company, message }));
        },
      },
    );
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    setActiveId(null);
    setOverStage(null);
    const prospect = byId.get(String(active.id));
    const stageId = stageOf(over?.id);
    if (!prospect || !over || !stageId) return;
    const column = columns.find((c) => c.stage.id === stageId)?.prospects ?? [];
    const overKey = String(over.id);
    const found = overKey.startsWith(COLUMN_PREFIX) ? column.length : column.findIndex((p) => p.id === overKey);
    const drop: ProspectDrop = { prospect, stageId, column, index: found < 0 ? column.length : found };
    if (isNoOp(drop, prospect.stage_id)) return;
    const after = afterOf(drop);
    const kind = stageById.get(stageId)?.kind;
    // Won and lost need a reason; within the same outcome column it is only a reorder.
    if ((kind === "won" || kind === "lost") && prospect.stage_id !== stageId) setPending({ prospect, stageId, after, kind });
    else save(prospect, stageId, after);
  }

  const active = activeId ? byId.get(activeId) : undefined;

  return (
    <>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={({ active }) => setActiveId(String(active.id))}
        onDragOver={({ over }: DragOverEvent) => setOverStage(stageOf(over?.id))}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setActiveId(null);
          setOverStage(null);
        }}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("dnd.instructions") } }}
      >
        {/* Columns snap one by one on phones; not while dragging, where snapping would fight the auto-scroll. */}
        <div
          role="region"
          aria-label={t("label")}
          tabIndex={0}
          className={cn("-mx-4 flex gap-3 overflow-x-auto scroll-px-4 px-4 pb-3", activeId ? "snap-none" : "snap-x snap-mandatory")}
          data-testid="pipeline-board"
        >
          {columns.map((column) => (
            <Column key={column.stage.id} column={column} highlighted={overStage === column.stage.id && activeId !== null} moreHref={moreHref(column.stage.id)}>
              {column.prospects.map((prospect) => (
                <SortableCard key={prospect.id} prospect={prospect} frozen={busy} />
              ))}
            </Column>
          ))}
        </div>
        <DragOverlay>
          {active ? (
            <div className="rotate-1 rounded-md border border-primary bg-card p-3 text-sm shadow-lg">
              <CardBody prospect={active} />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      <ReasonDialog
        open={pending !== null}
        company={pending?.prospect.company ?? ""}
        kind={pending?.kind ?? "lost"}
        pending={move.isPending}
        onCancel={() => setPending(null)}
        onConfirm={(reason) => pending && save(pending.prospect, pending.stageId, pending.after, reason)}
      />
    </>
  );
}
