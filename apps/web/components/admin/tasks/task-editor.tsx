"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { boolean, enum as zEnum, maxLength, minLength, object, refine, string, trim } from "zod/mini";
import type { infer as ZodInfer } from "zod/mini";
import { TaskStatusBadge } from "@/components/badges";
import { SkeletonRows } from "@/components/list-shell";
import { ErrorState, LoadingState } from "@/components/states";
import { Switch } from "@/components/admin/forms/switch";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { Comments } from "@/components/tasks/task-sheet";
import { useMoveTaskWithFeedback } from "@/components/tasks/use-move-task";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { isApiError } from "@/lib/api/errors";
import type { Priority, Task, TaskStatus } from "@/lib/api/types";
import { PRIORITIES, TASK_STATUSES } from "@/lib/api/types";
import { useErrorMessage } from "@/lib/use-error-message";
import { useSaveTask } from "@/queries/admin-tasks";
import { useCreateComment } from "@/queries/comments";
import { useMilestones } from "@/queries/milestones";
import { useProjects } from "@/queries/projects";
import { useTask } from "@/queries/tasks";
import { InternalBadge, StaffOptions, type StaffOption } from "./assignee";

/**
 * Which task the editor shows: `null` for a new one; only its `id` when it comes from a link
 * (`/admin/taches?tache=<id>`, a notification's), then it loads.
 */
export type EditorTarget = { task: Task | null; id?: string };

const FIELDS = ["project_id", "title", "description", "assigned_to", "priority", "due_date", "milestone_id"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type TaskFormMessages = { project: string; title: string; tooLong: (max: number) => string; date: string };

/** The task form's rules, the API's: a project, a title of at most 200 characters, a real date. */
export function taskFormSchema(m: TaskFormMessages) {
  return object({
    project_id: string().check(minLength(1, m.project)),
    title: string().check(trim(), minLength(1, m.title), maxLength(200, m.tooLong(200))),
    description: string().check(trim(), maxLength(10_000, m.tooLong(10_000))),
    assigned_to: string(),
    priority: zEnum(PRIORITIES as [Priority, ...Priority[]]),
    due_date: string().check(refine((value) => value === "" || (DATE.test(value) && !Number.isNaN(Date.parse(value))), m.date)),
    milestone_id: string(),
    client_visible: boolean(),
  });
}
export type TaskFormValues = ZodInfer<ReturnType<typeof taskFormSchema>>;

/** The form's values as the API takes them: empty choices are `null`. */
export function taskBody(values: TaskFormValues) {
  return {
    title: values.title,
    description: values.description,
    priority: values.priority,
    assigned_to: values.assigned_to || null,
    due_date: values.due_date || null,
    milestone_id: values.milestone_id || null,
    client_visible: values.client_visible,
  };
}

function TaskForm({
  task,
  defaults,
  staff,
  onSaved,
}: {
  task: Task | null;
  defaults: { project?: string; assignee?: string };
  staff: StaffOption[];
  onSaved: () => void;
}) {
  const t = useTranslations("admin.tasks");
  const tt = useTranslations("tasks");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const save = useSaveTask(task?.id);
  const [formError, setFormError] = useState<string>();
  const schema = taskFormSchema({
    project: t("editor.errors.project"),
    title: t("editor.errors.title"),
    tooLong: (max) => t("editor.errors.tooLong", { max }),
    date: t("editor.errors.date"),
  });
  const form = useForm<TaskFormValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      project_id: task?.project_id ?? defaults.project ?? "",
      title: task?.title ?? "",
      description: task?.description ?? "",
      assigned_to: task ? (task.assigned_to ?? "") : (defaults.assignee ?? ""),
      priority: task?.priority ?? "normal",
      due_date: task?.due_date ?? "",
      milestone_id: task?.milestone_id ?? "",
      client_visible: task?.client_visible ?? true,
    },
  });
  const errors = form.formState.errors;
  const projectId = useWatch({ control: form.control, name: "project_id" });
  const projects = useProjects({});
  const milestones = useMilestones({ project: projectId || undefined });
  const clientVisible = useWatch({ control: form.control, name: "client_visible" });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await save.mutateAsync(task ? taskBody(values) : { project_id: values.project_id, ...taskBody(values) });
      toast.show("success", task ? t("editor.saved") : t("editor.created"));
      onSaved();
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, FIELDS, errorMessage));
    }
  });

  const field = (id: (typeof FIELDS)[number]) => ({ ...controlProps(`task-${id}`, errors[id]?.message), ...form.register(id) });
  // The staff and the milestones may come after the form: controlled, their select shows the
  // task's value once its option is there (an uncontrolled one would stay on the first option).
  const selectField = (id: "assigned_to" | "milestone_id", options: React.ReactNode, disabled?: boolean) => (
    <Controller
      control={form.control}
      name={id}
      render={({ field: control }) => (
        <NativeSelect {...controlProps(`task-${id}`, errors[id]?.message)} {...control} disabled={disabled}>
          {options}
        </NativeSelect>
      )}
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="task-form">
      <FormField id="task-project_id" label={t("editor.project")} error={errors.project_id?.message}>
        <Controller
          control={form.control}
          name="project_id"
          render={({ field: control }) => (
            <NativeSelect
              {...controlProps("task-project_id", errors.project_id?.message)}
              {...control}
              // A task stays in its project (the API changes everything else).
              disabled={Boolean(task)}
              onChange={(event) => {
                control.onChange(event);
                form.setValue("milestone_id", "");
              }}
            >
              <option value="">{t("editor.chooseProject")}</option>
              {(projects.data?.results ?? []).map((project) => (
                <option key={project.id} value={project.id}>
                  {`${project.client_name} · ${project.name}`}
                </option>
              ))}
              {task && !projects.data?.results.some((p) => p.id === task.project_id) ? (
                <option value={task.project_id}>{task.project_name}</option>
              ) : null}
            </NativeSelect>
          )}
        />
      </FormField>
      <FormField id="task-title" label={t("editor.title")} error={errors.title?.message}>
        <Input {...field("title")} autoComplete="off" />
      </FormField>
      <FormField id="task-description" label={t("editor.description")} optional={t("editor.optional")} error={errors.description?.message}>
        <Textarea {...field("description")} rows={4} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="task-assigned_to" label={t("editor.assignee")} error={errors.assigned_to?.message}>
          {selectField("assigned_to", <StaffOptions staff={staff} none={t("unassigned")} />)}
        </FormField>
        <FormField id="task-priority" label={t("editor.priority")} error={errors.priority?.message}>
          <NativeSelect {...field("priority")}>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {tt(`priority.${priority}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="task-due_date" label={t("editor.due")} optional={t("editor.optional")} error={errors.due_date?.message}>
          <Input {...field("due_date")} type="date" />
        </FormField>
        <FormField id="task-milestone_id" label={t("editor.milestone")} optional={t("editor.optional")} error={errors.milestone_id?.message}>
          {selectField(
            "milestone_id",
            <>
              <option value="">{t("editor.noMilestone")}</option>
              {(milestones.data?.results ?? []).map((milestone) => (
                <option key={milestone.id} value={milestone.id}>
                  {milestone.title}
                </option>
              ))}
            </>,
            !projectId,
          )}
        </FormField>
      </div>
      <div className="flex items-start gap-3">
        <Switch
          id="task-client-visible"
          checked={clientVisible}
          onCheckedChange={(checked) => form.setValue("client_visible", checked, { shouldDirty: true })}
          aria-describedby="task-client-visible-hint"
        />
        <div className="flex flex-col gap-0.5">
          <label htmlFor="task-client-visible" className="text-sm font-medium">
            {t("editor.clientVisible")}
          </label>
          <p id="task-client-visible-hint" className="text-sm text-muted-foreground">
            {t("editor.clientVisibleHint")}
          </p>
        </div>
      </div>
      <FormError message={formError} />
      <Button type="submit" disabled={save.isPending} className="sm:self-end">
        {save.isPending ? t("editor.saving") : task ? t("editor.save") : t("editor.create")}
      </Button>
    </form>
  );
}

/** Staff write public or internal comments (internal ones never reach the client). */
function StaffCommentForm({ taskId }: { taskId: string }) {
  const t = useTranslations("admin.tasks");
  const tt = useTranslations("tasks");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const create = useCreateComment(taskId);
  const [formError, setFormError] = useState<string>();
  const schema = object({ body: string().check(trim(), minLength(1, tt("commentRequired")), maxLength(10_000)) });
  const form = useForm<{ body: string }>({ resolver: zodResolver(schema), defaultValues: { body: "" } });
  const [internal, setInternal] = useState(false);
  const error = form.formState.errors.body?.message;

  const onSubmit = form.handleSubmit(async ({ body }) => {
    setFormError(undefined);
    try {
      await create.mutateAsync({ body, internal });
      form.reset();
      toast.show("success", internal ? t("comments.sentInternal") : tt("commentSent"));
    } catch (e) {
      setFormError(applyApiErrors(e, form.setError, ["body"], errorMessage));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
      <FormField id="staff-comment-body" label={tt("commentLabel")} error={error}>
        <Textarea {...controlProps("staff-comment-body", error)} {...form.register("body")} placeholder={tt("commentPlaceholder")} rows={3} />
      </FormField>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <Switch id="comment-internal" checked={internal} onCheckedChange={setInternal} aria-describedby="comment-internal-hint" />
          <div className="flex flex-col">
            <label htmlFor="comment-internal" className="text-sm font-medium">
              {t("comments.internal")}
            </label>
            <span id="comment-internal-hint" className="text-xs text-muted-foreground">
              {t("comments.internalHint")}
            </span>
          </div>
        </div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? tc("sending") : tc("send")}
        </Button>
      </div>
      <FormError message={formError} />
    </form>
  );
}

/** Creates or edits a task from the board, with its comments; from the bottom on phones, the right elsewhere. */
export function TaskEditor({
  target,
  defaults,
  staff,
  onClose,
}: {
  target: EditorTarget;
  defaults: { project?: string; assignee?: string };
  staff: StaffOption[];
  onClose: () => void;
}) {
  const t = useTranslations("admin.tasks");
  const tt = useTranslations("tasks");
  const tc = useTranslations("common");
  const id = target.task?.id ?? target.id ?? null;
  const fresh = useTask(id);
  const task = fresh.data ?? target.task;
  const { moveTask } = useMoveTaskWithFeedback();
  // Opened from a link: nothing to show until the task comes, nor if it does not.
  const waiting = id !== null && !task;

  return (
    <Sheet open onOpenChange={(open) => !open && onClose()}>
      <SheetContent closeLabel={tc("close")} className="sm:w-[32rem]" aria-describedby={task ? "task-editor-meta" : undefined}>
        <SheetHeader>
          {task || waiting ? (
            <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("editor.editTitle")}</p>
          ) : null}
          <SheetTitle>{task ? task.title : waiting ? <span className="sr-only">{t("editor.editTitle")}</span> : t("editor.newTitle")}</SheetTitle>
          {task ? (
            <SheetDescription id="task-editor-meta" className="flex flex-wrap items-center gap-2">
              <TaskStatusBadge status={task.status} />
              <InternalBadge task={task} />
              <span>{t("meta", { client: task.client_name, project: task.project_name })}</span>
            </SheetDescription>
          ) : null}
        </SheetHeader>
        {waiting ? (
          fresh.isError ? (
            isApiError(fresh.error) && fresh.error.code === "not_found" ? (
              <p role="alert" className="rounded-lg border border-dashed bg-card p-4 text-sm text-muted-foreground">
                {t("editor.notFound")}
              </p>
            ) : (
              <ErrorState error={fresh.error} onRetry={() => void fresh.refetch()} />
            )
          ) : (
            <LoadingState skeleton={<SkeletonRows count={5} row="h-11" />} />
          )
        ) : (
          <>
            {task ? (
              <div className="flex flex-col gap-1.5">
                <label htmlFor="task-status" className="text-sm font-medium">
                  {t("editor.status")}
                </label>
                <NativeSelect id="task-status" value={task.status} onChange={(event) => moveTask(task, event.target.value as TaskStatus)}>
                  {TASK_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {tt(`status.${status}`)}
                    </option>
                  ))}
                </NativeSelect>
              </div>
            ) : null}
            {/* Keyed by task: a fresh copy (after a save elsewhere) refills the form. */}
            <TaskForm key={task?.id ?? "new"} task={task} defaults={defaults} staff={staff} onSaved={onClose} />
            {task ? (
              <Comments taskId={task.id} internalLabel={t("comments.internalBadge")} composer={<StaffCommentForm taskId={task.id} />} />
            ) : null}
          </>
        )}
      </SheetContent>
    </Sheet>
  );
}
