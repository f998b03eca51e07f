"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useToast } from "@/components/toaster";
import { Badge } from "@/components/ui/badge";
import { NativeSelect } from "@/components/ui/input";
import type { Task } from "@/lib/api/types";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { useAssignTasks } from "@/queries/admin-tasks";
import { useTeam } from "@/queries/admin-team";

export type StaffOption = { id: string; name: string };

/** The active staff, by name: who can be given a task. */
export function useStaffOptions(): StaffOption[] {
  const team = useTeam();
  return useMemo(
    () =>
      (team.data?.members ?? [])
        .filter((member) => member.is_active)
        .map((member) => ({ id: member.id, name: member.full_name || member.email }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [team.data],
  );
}

/** The staff as `<option>`s, after "Non assignée" (value ""). */
export function StaffOptions({ staff, none }: { staff: StaffOption[]; none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {staff.map((member) => (
        <option key={member.id} value={member.id}>
          {member.name}
        </option>
      ))}
    </>
  );
}

/** Assign from a card or a row: the change saves at once. */
export function AssigneePicker({ task, staff, className }: { task: Task; staff: StaffOption[]; className?: string }) {
  const t = useTranslations("admin.tasks");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const assign = useAssignTasks();
  // Someone no longer in the team keeps their name on the task until it is given to another.
  const known = !task.assigned_to || staff.some((member) => member.id === task.assigned_to);
  return (
    <NativeSelect
      aria-label={t("assign.of", { title: task.title })}
      className={cn("h-9 min-h-9 py-1 text-xs", className)}
      value={task.assigned_to ?? ""}
      disabled={assign.isPending}
      onChange={(event) => {
        const assignee = event.target.value || null;
        assign.mutate(
          { taskIds: [task.id], assignee },
          {
            onSuccess: () =>
              toast.show(
                "success",
                assignee
                  ? t("assign.done", { count: 1, name: staff.find((m) => m.id === assignee)?.name ?? "" })
                  : t("assign.cleared", { count: 1 }),
              ),
            onError: (error) => toast.show("error", errorMessage(error)),
          },
        );
      }}
    >
      <StaffOptions staff={staff} none={t("unassigned")} />
      {!known ? <option value={task.assigned_to ?? ""}>{task.assignee_name ?? "—"}</option> : null}
    </NativeSelect>
  );
}

/** What to do with the selected cards or rows: give them all to one person. */
export function BulkAssignBar({
  selected,
  staff,
  onDone,
}: {
  selected: string[];
  staff: StaffOption[];
  onDone: () => void;
}) {
  const t = useTranslations("admin.tasks");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const assign = useAssignTasks();
  if (selected.length === 0) return null;
  return (
    <div
      role="region"
      aria-label={t("bulk.label")}
      className="sticky bottom-4 z-20 mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-primary bg-card p-2 shadow-md"
      data-testid="bulk-bar"
    >
      <span className="px-2 text-sm font-medium" aria-live="polite">
        {t("bulk.count", { count: selected.length })}
      </span>
      <label htmlFor="bulk-assignee" className="sr-only">
        {t("bulk.assignTo")}
      </label>
      <NativeSelect
        id="bulk-assignee"
        className="w-auto min-w-0 flex-1 sm:max-w-64"
        disabled={assign.isPending}
        defaultValue="choose"
        onChange={(event) => {
          const value = event.target.value;
          if (value === "choose") return;
          const assignee = value || null;
          assign.mutate(
            { taskIds: selected, assignee },
            {
              onSuccess: () => {
                toast.show(
                  "success",
                  assignee
                    ? t("assign.done", { count: selected.length, name: staff.find((m) => m.id === assignee)?.name ?? "" })
                    : t("assign.cleared", { count: selected.length }),
                );
                onDone();
              },
              onError: (error) => toast.show("error", errorMessage(error)),
              onSettled: () => {
                event.target.value = "choose";
              },
            },
          );
        }}
      >
        <option value="choose" disabled>
          {t("bulk.assignTo")}
        </option>
        <StaffOptions staff={staff} none={t("unassigned")} />
      </NativeSelect>
      <button type="button" onClick={onDone} className="min-h-11 rounded-md px-3 text-sm font-medium hover:bg-accent">
        {t("bulk.clear")}
      </button>
    </div>
  );
}

/** A card's or row's checkbox. */
export function SelectBox({ task, checked, onToggle }: { task: Task; checked: boolean; onToggle: (id: string) => void }) {
  const t = useTranslations("admin.tasks");
  return (
    <label className="flex size-10 shrink-0 cursor-pointer items-center justify-center">
      <input
        type="checkbox"
        className="size-5 accent-[var(--primary)]"
        checked={checked}
        onChange={() => onToggle(task.id)}
        aria-label={t("select", { title: task.title })}
      />
    </label>
  );
}

/** « Interne » on a task the client never sees (`client_visible: false`); nothing otherwise. */
export function InternalBadge({ task }: { task: Task }) {
  const t = useTranslations("admin.tasks");
  return task.client_visible ? null : <Badge tone="warning">{t("editor.internalBadge")}</Badge>;
}
