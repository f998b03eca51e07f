"use client";

import { useCallback, useMemo } from "react";
import { useTranslations } from "next-intl";
import { useToast } from "@/components/toaster";
import { isApiError } from "@/lib/api/errors";
import type { Task, TaskStatus } from "@/lib/api/types";
import { TASK_STATUSES } from "@/lib/api/types";
import { useErrorMessage } from "@/lib/use-error-message";
import { useMoveTask } from "@/queries/tasks";

const isStatus = (s: unknown): s is TaskStatus => TASK_STATUSES.includes(s as TaskStatus);

/** What a board says after a move: the new column, or why the API refused (the allowed statuses). */
export function useMoveFeedback() {
  const t = useTranslations("tasks");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  return useMemo(
    () => ({
      moved: (task: Task, status: TaskStatus) => {
        if (task.status !== status) toast.show("success", t("moved", { status: t(`status.${status}`) }));
      },
      failed: (task: Task, status: TaskStatus, error: unknown) => {
        if (isApiError(error) && error.code === "invalid_transition") {
          const from = isStatus(error.body?.from) ? error.body.from : task.status;
          const to = isStatus(error.body?.to) ? error.body.to : status;
          const allowed = error.allowedStatuses.filter(isStatus).map((s) => t(`status.${s}`));
          toast.show(
            "error",
            allowed.length
              ? t("invalidTransition", { from: t(`status.${from}`), to: t(`status.${to}`), allowed: allowed.join(", ") })
              : t("invalidTransitionNone", { from: t(`status.${from}`), to: t(`status.${to}`) }),
          );
        } else {
          toast.show("error", `${t("moveFailed")} ${errorMessage(error)}`);
        }
      },
    }),
    [t, toast, errorMessage],
  );
}

/** Moves a task and says what happened: the new column, or why the API refused. */
export function useMoveTaskWithFeedback() {
  const feedback = useMoveFeedback();
  const move = useMoveTask();

  const moveTask = useCallback(
    (task: Task, status: TaskStatus, position?: number) => {
      if (task.status === status && (position === undefined || position === task.position)) return;
      move.mutate(
        { task, status, position },
        {
          onSuccess: () => feedback.moved(task, status),
          onError: (error) => feedback.failed(task, status, error),
        },
      );
    },
    [move, feedback],
  );

  return { moveTask, isPending: move.isPending };
}
