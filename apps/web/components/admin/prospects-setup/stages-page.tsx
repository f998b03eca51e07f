"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { ArrowDown, ArrowUp, Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { SkeletonRows } from "@/components/list-shell";
import { BackLink, ErrorState, PageHeader } from "@/components/states";
import { TitledCard } from "@/components/titled-card";
import { useToast } from "@/components/toaster";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { isAdmin } from "@/lib/api/admin";
import { formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { text, type Infer, z } from "@/lib/validation";
import { useMe } from "@/queries/me";
import { PROSPECTS_PATH } from "./paths";
import { useAddStage, useDeleteStage, useStages, useUpdateStage, type Stage, type StageKind } from "./queries";
import { openPosition, parseProbability } from "./stages";

const KIND_TONE: Record<StageKind, BadgeTone> = { open: "info", won: "success", lost: "neutral" };

function useStageSchema() {
  const t = useTranslations("admin.prospects-setup.stages.errors");
  return z.object({
    name: text({ required: t("name"), max: 60 }),
    probability: z.string().check(z.refine((value) => value.trim() === "" || parseProbability(value) !== null, t("probability"))),
  });
}
type StageValues = Infer<ReturnType<typeof useStageSchema>>;

/** Name and probability: a new stage's (`stage` absent) or one's changes. */
function StageForm({ stage, onDone }: { stage?: Stage; onDone?: () => void }) {
  const t = useTranslations("admin.prospects-setup.stages");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const add = useAddStage();
  const update = useUpdateStage();
  const schema = useStageSchema();
  const [formError, setFormError] = useState<string>();
  const form = useForm<StageValues>({
    resolver: zodResolver(schema),
    defaultValues: { name: stage?.name ?? "", probability: stage ? String(stage.probability) : "" },
  });
  const errors = form.formState.errors;
  const prefix = stage ? `stage-${stage.id}` : "stage-new";
  const pending = add.isPending || update.isPending;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    const probability = parseProbability(values.probability);
    try {
      if (stage) {
        await update.mutateAsync({ id: stage.id, body: { name: values.name, ...(probability === null ? {} : { probability }) } });
        toast.show("success", t("saved", { name: values.name }));
        onDone?.();
      } else {
        await add.mutateAsync({ name: values.name, ...(probability === null ? {} : { probability }) });
        toast.show("success", t("added", { name: values.name }));
        form.reset();
      }
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, ["name", "probability"], errorMessage));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid={stage ? "stage-edit-form" : "stage-add-form"}>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_9rem]">
        <FormField id={`${prefix}-name`} label={t("name")} error={errors.name?.message}>
          <Input {...controlProps(`${prefix}-name`, errors.name?.message)} {...form.register("name")} autoComplete="off" maxLength={60} />
        </FormField>
        <FormField id={`${prefix}-probability`} label={`${t("probability")} (%)`} error={errors.probability?.message}>
          <Input
            {...controlProps(`${prefix}-probability`, errors.probability?.message, `${prefix}-probability-hint`)}
            {...form.register("probability")}
            inputMode="numeric"
            autoComplete="off"
          />
        </FormField>
      </div>
      <p id={`${prefix}-probability-hint`} className="-mt-1 text-sm text-muted-foreground">
        {stage && stage.kind !== "open" ? `${t("probabilityHint")} ${t("outcomeHint")}` : t("probabilityHint")}
      </p>
      <FormError message={formError} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {stage ? (
          <Button type="button" variant="outline" onClick={onDone} disabled={pending}>
            {tc("cancel")}
          </Button>
        ) : null}
        <Button type="submit" disabled={pending}>
          {stage ? null : <Plus aria-hidden="true" />}
          {stage ? t("save") : t("add")}
        </Button>
      </div>
    </form>
  );
}

function StageRow({
  stage,
  index,
  openCount,
  canEdit,
  editing,
  onEdit,
  onDelete,
}: {
  stage: Stage;
  index: number;
  openCount: number;
  canEdit: boolean;
  editing: boolean;
  onEdit: (editing: boolean) => void;
  onDelete: () => void;
}) {
  const t = useTranslations("admin.prospects-setup.stages");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const update = useUpdateStage();
  const position = openPosition(stage, index, openCount);

  const move = async (by: -1 | 1) => {
    if (position === null) return;
    try {
      await update.mutateAsync({ id: stage.id, body: { position: position + by } });
      toast.show("success", t("moved", { name: stage.name }));
    } catch (error) {
      toast.show("error", errorMessage(error));
    }
  };

  return (
    <li className="flex flex-col gap-3 py-3" data-testid="stage" data-kind={stage.kind}>
      <div className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-3">
        <div className="flex min-w-0 flex-1 items-center gap-3">
        <span className="w-6 shrink-0 text-sm text-muted-foreground tabular-nums">{index + 1}</span>
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium break-words" data-testid="stage-name">
              {stage.name}
            </span>
            <Badge tone={KIND_TONE[stage.kind]}>{t(`kinds.${stage.kind}`)}</Badge>
          </span>
          <span className="flex flex-wrap gap-x-3 text-sm text-muted-foreground">
            <span className="whitespace-nowrap" data-testid="stage-probability">
              {t("probabilityValue", { value: stage.probability })}
            </span>
            <span className="whitespace-nowrap" data-testid="stage-count">
              {t("prospects", { count: stage.count })}
            </span>
            {stage.value > 0 ? <span className="whitespace-nowrap tabular-nums">{formatMoney(stage.value, "XOF", locale)}</span> : null}
          </span>
        </div>
        </div>
        {canEdit && !editing ? (
          // Under the stage on a phone (four buttons would squeeze its name), beside it above.
          <div className="-mr-2 flex shrink-0 items-center justify-end">
            {position !== null ? (
              <>
                <Button
                  variant="ghost"
                  size="icon"
                  disabled={position <= 1 || update.isPending}
                  aria-label={t("moveUp", { name: stage.name })}
                  onClick={() => void move(-1)}
                >
                  <ArrowUp aria-hidden="true" />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  disabled={position >= openCount || update.isPending}
                  aria-label={t("moveDown", { name: stage.name })}
                  onClick={() => void move(1)}
                >
                  <ArrowDown aria-hidden="true" />
                </Button>
              </>
            ) : null}
            <Button variant="ghost" size="icon" aria-label={t("edit", { name: stage.name })} onClick={() => onEdit(true)}>
              <Pencil aria-hidden="true" />
            </Button>
            {stage.kind === "open" ? (
              <Button variant="ghost" size="icon" className="text-destructive" aria-label={t("delete", { name: stage.name })} onClick={onDelete}>
                <Trash2 aria-hidden="true" />
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      {editing ? (
        <div className="rounded-md border bg-muted/30 p-3">
          <StageForm stage={stage} onDone={() => onEdit(false)} />
        </div>
      ) : null}
    </li>
  );
}

/**
 * `/admin/prospects/etapes`: the stages in order. Admins rename them, set their probability, move
 * the open ones, add and delete (an empty open one: the API says why otherwise); staff read.
 */
export function StagesPage() {
  const t = useTranslations("admin.prospects-setup.stages");
  const tb = useTranslations("admin.prospects-setup");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const me = useMe();
  const canEdit = isAdmin(me.data);
  const stages = useStages();
  const remove = useDeleteStage();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Stage | null>(null);
  const [removeError, setRemoveError] = useState<string>();

  const list = stages.data ? [...stages.data].sort((a, b) => a.position - b.position) : [];
  const openCount = list.filter((stage) => stage.kind === "open").length;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col">
        <BackLink href={PROSPECTS_PATH} label={tb("back")} />
        <PageHeader title={t("title")} description={t("description")} />
      </div>
      {me.data && !canEdit ? (
        <Alert tone="info" data-testid="read-only-note">
          {t("readOnly")}
        </Alert>
      ) : null}
      <TitledCard titleId="stages-title" title={t("listTitle")} data-testid="stages">
        {stages.isPending ? (
          <SkeletonRows count={6} row="h-14" />
        ) : stages.isError ? (
          <ErrorState error={stages.error} onRetry={() => stages.refetch()} />
        ) : (
          <ol className="divide-y" aria-label={t("table")}>
            {list.map((stage, index) => (
              <StageRow
                key={stage.id}
                stage={stage}
                index={index}
                openCount={openCount}
                canEdit={canEdit}
                editing={editing === stage.id}
                onEdit={(on) => setEditing(on ? stage.id : null)}
                onDelete={() => {
                  setRemoveError(undefined);
                  setRemoving(stage);
                }}
              />
            ))}
          </ol>
        )}
      </TitledCard>
      {canEdit ? (
        <TitledCard titleId="stage-add-title" title={t("addTitle")} icon={Plus} description={t("addHint")}>
          <StageForm />
        </TitledCard>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => (open ? undefined : setRemoving(null))}
        title={t("deleteTitle", { name: removing?.name ?? "" })}
        description={t("deleteText")}
        confirmLabel={t("deleteConfirm")}
        cancelLabel={tc("cancel")}
        tone="destructive"
        pending={remove.isPending}
        onConfirm={async () => {
          if (!removing) return;
          setRemoveError(undefined);
          try {
            await remove.mutateAsync(removing.id);
            toast.show("success", t("deleted", { name: removing.name }));
            setRemoving(null);
          } catch (error) {
            setRemoveError(errorMessage(error));
          }
        }}
      >
        {removeError ? (
          <Alert tone="error" data-testid="stage-delete-error">
            {removeError}
          </Alert>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
