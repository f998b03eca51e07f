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
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type PointerActivationConstraint,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState, type PointerEvent as ReactPointerEvent } from "react";
import { PriorityBadge } from "@/components/badges";
import { Badge } from "@/components/ui/badge";
import type { Me, Task, TaskStatus } from "@/lib/api/types";
import { TASK_STATUSES } from "@/lib/api/types";
import { byColumn, dropPosition } from "@/lib/kanban";
import { canMoveTask } from "@/lib/permissions";
import { cn } from "@/lib/utils";
import { TaskDueDate } from "./task-due-date";
import type { TaskViewProps } from "./task-list";
import { useMoveTaskWithFeedback } from "./use-move-task";

/** Mouse and pen drag at once; touch goes through the TouchSensor's long press so pages still scroll. */
class MousePointerSensor extends PointerSensor {
  static activators = [
    {
      eventName: "onPointerDown" as const,
      handler: ({ nativeEvent }: ReactPointerEvent) =>
        nativeEvent.pointerType !== "touch" && nativeEvent.isPrimary && nativeEvent.button === 0,
    },
  ];
}

const COLUMN_PREFIX = "column:";
const pointerConstraint: PointerActivationConstraint = { distance: 6 };

export function TaskCardBody({
  task,
  me,
  showProject,
  meta,
  badges,
}: {
  task: Task;
  me: Me | undefined;
  showProject: boolean;
  /** What the card says under its title instead of the project's name (staff: client and project). */
  meta?: (task: Task) => React.ReactNode;
  /** More badges before the others (staff: « Interne »). */
  badges?: (task: Task) => React.ReactNode;
}) {
  const t = useTranslations("tasks");
  const mine = me && task.assigned_to === me.id;
  return (
    <>
      <span className="block font-medium leading-snug break-words">{task.title}</span>
      {meta ? (
        <span className="mt-0.5 block text-xs text-muted-foreground">{meta(task)}</span>
      ) : showProject ? (
        <span className="mt-0.5 block text-xs text-muted-foreground">{task.project_name}</span>
      ) : null}
      <span className="mt-2 flex flex-wrap items-center gap-1.5">
        {badges?.(task)}
        {mine ? <Badge tone="primary">{t("mine")}</Badge> : null}
        {task.priority === "high" || task.priority === "urgent" ? <PriorityBadge priority={task.priority} /> : null}
        {task.due_date ? <TaskDueDate date={task.due_date} /> : null}
      </span>
    </>
  );
}

/** Where a card was dropped: its new column as shown and its index there (the card possibly still in it). */
export type BoardDrop = { task: Task; status: TaskStatus; column: Task[]; index: number };

/** What a board adds to the plain one: another way to move, server order, and more on each card. */
export type TaskBoardExtras = {
  /** Saves a drop; by default the project's own order (`position`), as on the client's board. */
  onMove?: (drop: BoardDrop) => void;
  /** The columns from the tasks; by default by `position` within each project. */
  arrange?: (tasks: Task[]) => Record<TaskStatus, Task[]>;
  /** Under the title, instead of the project's name. */
  cardMeta?: (task: Task) => React.ReactNode;
  /** Badges of the card's own (« Interne »). */
  cardBadges?: (task: Task) => React.ReactNode;
  /** Under the card (a checkbox to select it, an assignee picker). */
  cardFooter?: (task: Task) => React.ReactNode;
  /** The column's count when the board shows only part of it ("50 / 1 234"). */
  columnTotal?: (status: TaskStatus) => number | undefined;
  /** What a column says when empty. */
  columnEmpty?: string;
};

type CardExtras = Pick<TaskBoardExtras, "cardMeta" | "cardBadges" | "cardFooter">;

function SortableCard({
  task,
  me,
  showProject,
  onOpen,
  cardMeta,
  cardBadges,
  cardFooter,
}: {
  task: Task;
  me: Me | undefined;
  showProject: boolean;
  onOpen: (task: Task) => void;
} & CardExtras) {
  const t = useTranslations("tasks");
  const movable = canMoveTask(task, me);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
    disabled: !movable,
    data: { status: task.status },
  });
  // Mouse and touch drag from anywhere on the card; the keyboard from the handle, so that
  // Enter on the card still opens it.
  const { onKeyDown, ...pointerListeners } = listeners ?? {};
  const footer = cardFooter?.(task);

  const row = (
    <>
      <button
        type="button"
        onClick={() => onOpen(task)}
        className="min-h-11 min-w-0 flex-1 rounded-md p-3 text-left text-sm"
        aria-label={t("open", { title: task.title })}
      >
        <TaskCardBody task={task} me={me} showProject={showProject} meta={cardMeta} badges={cardBadges} />
      </button>
      {movable ? (
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          onKeyDown={onKeyDown as React.KeyboardEventHandler<HTMLButtonElement> | undefined}
          aria-label={t("dragHandle", { title: task.title })}
          className="flex w-11 shrink-0 cursor-grab touch-none items-center justify-center rounded-r-md border-l text-muted-foreground hover:bg-accent active:cursor-grabbing"
        >
          <GripVertical className="size-5" aria-hidden="true" />
        </button>
      ) : null}
    </>
  );

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn(
        "relative flex rounded-md border bg-card shadow-xs",
        footer ? "flex-col" : "items-stretch",
        movable && "border-primary/40",
        isDragging && "opacity-40",
      )}
      data-testid="task-card"
      data-task-id={task.id}
      {...(movable ? pointerListeners : {})}
    >
      {footer ? (
        <>
          <div className="flex items-stretch">{row}</div>
          <div className="border-t px-1.5 py-1.5">{footer}</div>
        </>
      ) : (
        row
      )}
    </li>
  );
}

function Column({
  status,
  tasks,
  highlighted,
  total,
  emptyText,
  children,
}: {
  status: TaskStatus;
  tasks: Task[];
  highlighted: boolean;
  total?: number;
  emptyText?: string;
  children: React.ReactNode;
}) {
  const t = useTranslations("tasks");
  const { setNodeRef } = useDroppable({ id: `${COLUMN_PREFIX}${status}`, data: { status } });
  const headingId = `column-${status}`;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-testid={`column-${status}`}
      className={cn(
        "flex w-[85%] max-w-[20rem] shrink-0 snap-start flex-col gap-2 rounded-lg border bg-muted/60 p-2 sm:w-64 xl:w-auto xl:max-w-none xl:min-w-0 xl:flex-1",
        highlighted && "border-primary bg-secondary",
      )}
    >
      <h3 id={headingId} className="flex items-center justify-between px-1 pt-1 text-sm font-semibold">
        {t(`status.${status}`)}
        <span className="rounded-full bg-card px-2 text-xs font-medium text-muted-foreground">
          {total !== undefined && total > tasks.length ? `${tasks.length} / ${total}` : tasks.length}
        </span>
      </h3>
      <SortableContext items={tasks.map((task) => task.id)} strategy={verticalListSortingStrategy}>
        <ul className="flex min-h-16 flex-col gap-2">{children}</ul>
      </SortableContext>
      {tasks.length === 0 ? <p className="px-1 pb-2 text-xs text-muted-foreground">{emptyText ?? t("columnEmpty")}</p> : null}
    </section>
  );
}

/**
 * A kanban board by status. The cards the user may move drag with a mouse, a long press on a
 * touch screen, or the keyboard (Space on the handle, arrows, Space); the move shows at once and
 * is undone if the API refuses it.
 */
export function TaskBoard({
  tasks,
  me,
  showProject,
  onOpen,
  onMove,
  arrange = byColumn,
  cardMeta,
  cardBadges,
  cardFooter,
  columnTotal,
  columnEmpty,
}: TaskViewProps & TaskBoardExtras) {
  const t = useTranslations("tasks");
  const columns = useMemo(() => arrange(tasks), [arrange, tasks]);
  const byId = useMemo(() => new Map(tasks.map((task) => [task.id, task])), [tasks]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [overStatus, setOverStatus] = useState<TaskStatus | null>(null);
  const { moveTask } = useMoveTaskWithFeedback();

  const statusOf = useCallback(
    (id: string | number | undefined | null): TaskStatus | null => {
      if (id == null) return null;
      const key = String(id);
      if (key.startsWith(COLUMN_PREFIX)) return key.slice(COLUMN_PREFIX.length) as TaskStatus;
      return byId.get(key)?.status ?? null;
    },
    [byId],
  );

  // Left and right arrows jump a whole column (to its top card); up and down move within it.
  const coordinateGetter = useCallback<KeyboardCoordinateGetter>((event, args) => {
    if (event.code !== "ArrowRight" && event.code !== "ArrowLeft") return sortableKeyboardCoordinates(event, args);
    event.preventDefault();
    const { active, over, droppableRects } = args.context;
    const current = statusOf(over?.id ?? active?.id);
    if (!current) return undefined;
    const next = TASK_STATUSES[TASK_STATUSES.indexOf(current) + (event.code === "ArrowRight" ? 1 : -1)];
    const rect = next ? droppableRects.get(`${COLUMN_PREFIX}${next}`) : undefined;
    return rect ? { x: rect.left + 8, y: rect.top + 36 } : undefined;
  }, [statusOf]);

  const sensors = useSensors(
    useSensor(MousePointerSensor, { activationConstraint: pointerConstraint }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  const nameOf = (id: string | number | undefined | null) => {
    const status = statusOf(id);
    return status ? t(`status.${status}`) : "";
  };
  const titleOf = (id: string | number) => byId.get(String(id))?.title ?? "";

  const announcements: Announcements = {
    onDragStart: ({ active }) => t("dnd.start", { title: titleOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? t("dnd.over", { title: titleOf(active.id), target: nameOf(over.id) }) : undefined),
    onDragEnd: ({ active, over }) =>
      over ? t("dnd.end", { title: titleOf(active.id), target: nameOf(over.id) }) : t("dnd.cancel", { title: titleOf(active.id) }),
    onDragCancel: ({ active }) => t("dnd.cancel", { title: titleOf(active.id) }),
  };

  function onDragStart({ active }: DragStartEvent) {
    setActiveId(String(active.id));
  }

  function onDragOver({ over }: DragOverEvent) {
    setOverStatus(statusOf(over?.id));
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setActiveId(null);
    setOverStatus(null);
    const task = byId.get(String(active.id));
    const status = statusOf(over?.id);
    if (!task || !over || !status) return;
    const column = columns[status];
    const overKey = String(over.id);
    const found = overKey.startsWith(COLUMN_PREFIX) ? column.length : column.findIndex((c) => c.id === overKey);
    const index = found < 0 ? column.length : found;
    if (onMove) onMove({ task, status, column, index });
    else moveTask(task, status, dropPosition(column, task, index));
  }

  const active = activeId ? byId.get(activeId) : undefined;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setActiveId(null);
        setOverStatus(null);
      }}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("dnd.instructions") } }}
    >
      {/* Columns snap one by one on phones; not while dragging, where snapping would fight the
          automatic scrolling towards the target column. */}
      <div
        className={cn(
          "-mx-4 flex gap-3 overflow-x-auto scroll-px-4 px-4 pb-3",
          activeId ? "snap-none" : "snap-x snap-mandatory",
        )}
        data-testid="task-board"
      >
        {TASK_STATUSES.map((status) => (
          <Column
            key={status}
            status={status}
            tasks={columns[status]}
            highlighted={overStatus === status && activeId !== null}
            total={columnTotal?.(status)}
            emptyText={columnEmpty}
          >
            {columns[status].map((task) => (
              <SortableCard
                key={task.id}
                task={task}
                me={me}
                showProject={showProject}
                onOpen={onOpen}
                cardMeta={cardMeta}
                cardBadges={cardBadges}
                cardFooter={cardFooter}
              />
            ))}
          </Column>
        ))}
      </div>
      <DragOverlay>
        {active ? (
          <div className="rotate-1 rounded-md border border-primary bg-card p-3 text-sm shadow-lg">
            <TaskCardBody task={active} me={me} showProject={showProject} meta={cardMeta} badges={cardBadges} />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
