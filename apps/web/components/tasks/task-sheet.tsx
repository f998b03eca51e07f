"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { CalendarDays, FolderKanban, UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { text, type Infer, z } from "@/lib/validation";
import { PriorityBadge, TaskStatusBadge } from "@/components/badges";
import { Badge } from "@/components/ui/badge";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { NativeSelect, Textarea } from "@/components/ui/input";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import type { Task, TaskStatus } from "@/lib/api/types";
import { TASK_STATUSES } from "@/lib/api/types";
import { formatDate, formatRelative } from "@/lib/format";
import { canMoveTask } from "@/lib/permissions";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useErrorMessage } from "@/lib/use-error-message";
import { useComments, useCreateComment } from "@/queries/comments";
import { useMe } from "@/queries/me";
import { useTask } from "@/queries/tasks";
import { useMoveTaskWithFeedback } from "./use-move-task";

/**
 * A task's conversation. Staff see the internal comments too (`internalLabel` marks them) and
 * write with their own `composer` (which has the « interne » switch).
 */
export function Comments({
  taskId,
  internalLabel,
  composer,
}: {
  taskId: string;
  internalLabel?: string;
  composer?: React.ReactNode;
}) {
  const t = useTranslations("tasks");
  const locale = useAppLocale();
  const comments = useComments(taskId);

  return (
    <section aria-labelledby="comments-title" className="flex flex-col gap-3">
      <h3 id="comments-title" className="font-semibold">
        {t("comments")}
      </h3>
      <ListShell
        query={comments}
        // Internal comments never reach client users; filter anyway in case staff open the portal.
        items={comments.data?.results.filter((c) => internalLabel || !c.internal) ?? []}
        skeleton={<SkeletonRows count={2} />}
        empty={{ text: t("commentsEmpty") }}
      >
        {(rows) => (
          <ol className="flex flex-col gap-2" data-testid="comments">
            {rows.map((comment) => (
              <li
                key={comment.id}
                className={cn("rounded-md border bg-background p-3 text-sm", comment.internal && "border-amber-200 bg-warning-bg")}
              >
                <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2">
                  <span className="flex items-center gap-2 font-medium">
                    {comment.author_name}
                    {comment.internal && internalLabel ? <Badge tone="warning">{internalLabel}</Badge> : null}
                  </span>
                  <time dateTime={comment.created_at} className="text-xs text-muted-foreground">
                    {formatRelative(comment.created_at, locale)}
                  </time>
                </div>
                <p className="whitespace-pre-wrap break-words">{comment.body}</p>
              </li>
            ))}
          </ol>
        )}
      </ListShell>
      {composer ?? <CommentForm taskId={taskId} />}
    </section>
  );
}

function CommentForm({ taskId }: { taskId: string }) {
  const t = useTranslations("tasks");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const create = useCreateComment(taskId);
  const [formError, setFormError] = useState<string>();
  const schema = z.object({ body: text({ required: t("commentRequired") }) });
  const form = useForm<Infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { body: "" } });
  const error = form.formState.errors.body?.message;

  const onSubmit = form.handleSubmit(async ({ body }) => {
    setFormError(undefined);
    try {
      await create.mutateAsync(body);
      form.reset();
      toast.show("success", t("commentSent"));
    } catch (e) {
      setFormError(applyApiErrors(e, form.setError, ["body"], errorMessage));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
      <FormField id="comment-body" label={t("commentLabel")} error={error}>
        <Textarea
          {...controlProps("comment-body", error)}
          {...form.register("body")}
          placeholder={t("commentPlaceholder")}
          rows={3}
        />
      </FormField>
      <FormError message={formError} />
      <Button type="submit" disabled={create.isPending} className="self-end">
        {create.isPending ? tc("sending") : tc("send")}
      </Button>
    </form>
  );
}

/** A task's details and conversation, from the bottom on phones and the right elsewhere. */
export function TaskSheet({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const t = useTranslations("tasks");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const me = useMe();
  const fresh = useTask(task?.id ?? null);
  const current = fresh.data ?? task;
  const { moveTask } = useMoveTaskWithFeedback();

  return (
    <Sheet open={Boolean(task)} onOpenChange={(open) => !open && onClose()}>
      <SheetContent closeLabel={tc("close")} aria-describedby={current ? "task-sheet-meta" : undefined}>
        {current ? (
          <>
            <SheetHeader>
              <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("details")}</p>
              <SheetTitle>{current.title}</SheetTitle>
              <SheetDescription id="task-sheet-meta" className="flex flex-wrap items-center gap-2">
                <TaskStatusBadge status={current.status} />
                <PriorityBadge priority={current.priority} />
              </SheetDescription>
            </SheetHeader>
            <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-2 text-sm">
              <dt className="flex items-center gap-1.5 text-muted-foreground">
                <FolderKanban className="size-4" aria-hidden="true" />
                {t("projectLabel")}
              </dt>
              <dd>{current.project_name}</dd>
              <dt className="flex items-center gap-1.5 text-muted-foreground">
                <UserRound className="size-4" aria-hidden="true" />
                {t("assigneeLabel")}
              </dt>
              <dd>{current.assignee_name ?? t("unassigned")}</dd>
              <dt className="flex items-center gap-1.5 text-muted-foreground">
                <CalendarDays className="size-4" aria-hidden="true" />
                {t("dueLabel")}
              </dt>
              <dd>{current.due_date ? formatDate(current.due_date, locale) : tc("noDueDate")}</dd>
            </dl>
            {canMoveTask(current, me.data) ? (
              <div className="flex flex-col gap-1.5">
                <label htmlFor="task-move" className="text-sm font-medium">
                  {t("moveTo")}
                </label>
                <NativeSelect
                  id="task-move"
                  value={current.status}
                  onChange={(event) => moveTask(current, event.target.value as TaskStatus)}
                >
                  {TASK_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {t(`status.${status}`)}
                    </option>
                  ))}
                </NativeSelect>
              </div>
            ) : (
              <p className="text-sm text-muted-foreground">{t("readOnly")}</p>
            )}
            <section aria-labelledby="task-description" className="flex flex-col gap-1">
              <h3 id="task-description" className="font-semibold">
                {t("description")}
              </h3>
              <p className="whitespace-pre-wrap text-sm text-muted-foreground">
                {current.description || t("noDescription")}
              </p>
            </section>
            <Comments taskId={current.id} />
          </>
        ) : null}
      </SheetContent>
    </Sheet>
  );
}
